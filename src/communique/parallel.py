"""Coding on every core: the same pipeline in worker processes, fed in small chunks.

The main process reads the inputs and writes the results; each worker loads the parser once
and cleans, parses and codes the articles it is sent. Chunks go out a few at a time and come
back in order, so memory stays flat however long the input and the output is the same as a
single process's, event for event.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from .pipeline import Coded, Pipeline, Report
from .records import Article
from .settings import Settings

CHUNK = 16  # articles per task: enough to fill a parser batch, small enough to stream
AHEAD = 3  # chunks in flight per worker


@functools.cache
def worker_pipeline(settings: Settings) -> Pipeline:
    """The pipeline of this process, loaded on its first task and kept for the rest.

    Worker processes (local or Dask) code many chunks; loading the parser for each would
    cost more than parsing them.
    """
    return Pipeline(settings)


def code_chunk(
    settings: Settings, jobs: list[tuple[Article, str | None]]
) -> tuple[list[Coded], Report]:
    """Code raw articles, each with the hash stored for it (unchanged ones are not parsed)."""
    stored = {article.doc_id: digest for article, digest in jobs}
    report = Report()
    pipeline = worker_pipeline(settings)
    coded = list(
        pipeline.code_articles(
            (article for article, _ in jobs),
            report,
            known=lambda a: stored.get(a.doc_id) == a.content_hash,
        )
    )
    report.note_peak_memory(str(os.getpid()))
    return coded, report


def code_in_processes(
    settings: Settings,
    articles: Iterable[Article],
    workers: int,
    report: Report,
    stored_hashes: Callable[[list[str]], dict[str, str]] | None = None,
) -> Iterator[Coded]:
    """Code ``articles`` in ``workers`` processes; yields in input order.

    ``stored_hashes`` gives the hashes of the articles already stored under some doc_ids,
    so that workers skip the parse of articles that did not change.
    """
    # spawn, not fork: the parent may hold threads (progress display, database) that a
    # forked child would inherit in an undefined state.
    context = multiprocessing.get_context("spawn")
    pending: deque[Future[tuple[list[Coded], Report]]] = deque()
    stream = iter(articles)
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        while True:
            chunk = list(islice(stream, CHUNK))
            if chunk:
                stored = stored_hashes([a.doc_id for a in chunk]) if stored_hashes else {}
                jobs = [(a, stored.get(a.doc_id)) for a in chunk]
                pending.append(pool.submit(code_chunk, settings, jobs))
            if not pending:
                break
            if chunk and len(pending) < AHEAD * workers:
                continue
            coded, chunk_report = pending.popleft().result()
            report.merge(chunk_report)
            yield from coded


__all__ = ["code_chunk", "code_in_processes", "worker_pipeline"]
