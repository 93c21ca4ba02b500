"""Coding inputs into the store, one transaction per batch."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from pathlib import Path

from .pipeline import Pipeline, Report
from .store import open_store


def ingest_paths(
    pipeline: Pipeline,
    paths: Iterable[str],
    db: str | Path,
    force: bool = False,
    batch: int = 100,
) -> tuple[Report, int, int]:
    """Code ``paths`` into ``db``; returns the run's report, articles added, and unchanged."""
    report = Report()
    added = unchanged = 0
    with open_store(db) as store:
        # A re-run resumes: articles stored with the same text are not parsed again.
        def known(article) -> bool:
            return store.stored_hash(article.doc_id) == article.content_hash

        coded = pipeline.code_paths(paths, report, known)
        while True:
            chunk = [(c.article, c.events) for c in islice(coded, batch)]
            if not chunk:
                break
            new, same = store.add_batch(chunk, replace=force)
            added += new
            unchanged += same
    return report, added, unchanged + report.unchanged
