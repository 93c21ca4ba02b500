"""Running the coder over inputs, in one process, many, or on Dask; storing what comes out."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path

from .dedup import dedup_store
from .pipeline import Coded, Pipeline, Report, describe_run, read_articles
from .records import Article
from .settings import Settings
from .store import open_store


def code_inputs(
    coder: Pipeline | Settings,
    paths: Iterable[str],
    report: Report,
    workers: int = 1,
    dask: str | None = None,
    stored_hashes: Callable[[list[str]], dict[str, str]] | None = None,
    scratch: str | Path | None = None,
) -> Iterator[Coded]:
    """Coded articles from ``paths``, in input order, however the work is spread.

    ``coder`` is a loaded pipeline, or the settings each worker loads one with. One worker
    codes in this process; more use local processes; ``dask`` (a scheduler address or
    ``local``) sends partitions of the input files to a Dask cluster. ``stored_hashes`` lets
    articles already stored with the same text go unparsed (not on Dask, whose workers
    cannot see the store: there the store leaves them unchanged). ``scratch`` is the
    folder for Dask's Parquet partitions, one the workers share with this process.
    """
    settings = coder.settings if isinstance(coder, Pipeline) else coder
    if dask is not None:
        from .cluster import code_on_dask

        return code_on_dask(settings, paths, dask, report, max(1, workers), scratch)
    if workers > 1:
        from .parallel import code_in_processes

        return code_in_processes(settings, read_articles(paths, settings, report), workers, report,
                                 stored_hashes)  # fmt: skip
    pipeline = coder if isinstance(coder, Pipeline) else Pipeline(settings)

    def known(article: Article) -> bool:
        if stored_hashes is None:
            return False
        return stored_hashes([article.doc_id]).get(article.doc_id) == article.content_hash

    return pipeline.code_articles(read_articles(paths, settings, report), report, known)


def ingest_paths(
    coder: Pipeline | Settings,
    paths: Iterable[str],
    db: str | Path,
    force: bool = False,
    batch: int = 100,
    workers: int = 1,
    dask: str | None = None,
    report: Report | None = None,
    progress: Callable[[Report], None] | None = None,
    scratch: str | Path | None = None,
) -> tuple[Report, int, int]:
    """Code ``paths`` into ``db``; returns the run's report, articles added, and unchanged.

    An interrupted run loses at most the batch in flight; running it again skips every
    article already stored with the same text without parsing it.
    """
    report = report if report is not None else Report()
    added = unchanged = 0
    run = coder.run if isinstance(coder, Pipeline) else describe_run(coder.model)
    with open_store(db) as store:
        run_id = store.add_run(run)
        coded = code_inputs(coder, paths, report, workers, dask, store.stored_hashes, scratch)
        while chunk := list(islice(coded, batch)):
            new, same = store.add_batch(chunk, run_id=run_id, replace=force)
            added += new
            unchanged += same
            if progress is not None:
                progress(report)
        if added:
            dedup_store(store)
    return report, added, unchanged + report.unchanged


def recode(pipeline: Pipeline, db: str | Path) -> tuple[int, int]:
    """Code every stored article again with ``pipeline``; its events replace the old ones.

    Returns (articles, events). Each article is swapped in its own transaction, so an
    interrupted recode leaves every article coded by one run or the other.
    """
    articles = events = 0
    with open_store(db) as store:
        run_id = store.add_run(pipeline.run)
        for coded in pipeline.code_articles(store.articles(), clean_first=False):
            store.replace_coding(coded.article.doc_id, coded.events, coded.quotes, run_id)
            articles += 1
            events += len(coded.events)
        dedup_store(store)
    return articles, events
