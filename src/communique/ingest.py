"""Coding inputs into the store, one transaction per batch; re-coding what is stored."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from pathlib import Path

from .dedup import dedup_store
from .pipeline import Pipeline, Report
from .store import open_store


def ingest_paths(
    pipeline: Pipeline,
    paths: Iterable[str],
    db: str | Path,
    force: bool = False,
    batch: int = 100,
) -> tuple[Report, int, int]:
    """Code ``paths`` into ``db``; returns the run's report, articles added, and unchanged.

    An interrupted run loses at most the batch in flight; running it again skips every
    article already stored with the same text without parsing it.
    """
    report = Report()
    added = unchanged = 0
    with open_store(db) as store:
        run_id = store.add_run(pipeline.run)

        def known(article) -> bool:
            return store.stored_hash(article.doc_id) == article.content_hash

        coded = pipeline.code_paths(paths, report, known)
        while True:
            chunk = list(islice(coded, batch))
            if not chunk:
                break
            new, same = store.add_batch(chunk, run_id=run_id, replace=force)
            added += new
            unchanged += same
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
        stored = list(store.articles())
        for coded in pipeline.code_articles(stored, clean_first=False):
            store.replace_coding(coded.article.doc_id, coded.events, coded.quotes, run_id)
            articles += 1
            events += len(coded.events)
        dedup_store(store)
    return articles, events
