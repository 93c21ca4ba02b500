"""A DuckDB file holding articles and their events.

Idempotent on ``doc_id``: an article already stored with the same text is skipped, and one
stored with different text is left alone unless ``replace=True``. Each batch is one
transaction, so an interrupted ingest loses at most the batch in flight.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb

from ..errors import CommuniqueError
from ..records import FLAT_FIELDS, Article, Event, flatten

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    doc_id VARCHAR PRIMARY KEY,
    title VARCHAR,
    outlet VARCHAR,
    url VARCHAR,
    published DATE,
    date_source VARCHAR,
    text VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL,
    path VARCHAR,
    ingested_at TIMESTAMP NOT NULL,
    language VARCHAR
);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    source VARCHAR, source_agent VARCHAR, source_text VARCHAR,
    target VARCHAR, target_agent VARCHAR, target_text VARCHAR,
    cameo VARCHAR NOT NULL, cameo_root VARCHAR NOT NULL, cameo_label VARCHAR,
    plover VARCHAR, quad_class INTEGER, goldstein DOUBLE,
    event_date DATE, date_source VARCHAR,
    location_name VARCHAR, location_country VARCHAR,
    quoted BOOLEAN, negated BOOLEAN, confidence DOUBLE,
    sentence VARCHAR, span_start INTEGER, span_end INTEGER, rule VARCHAR
);
"""
EVENT_COLUMNS = FLAT_FIELDS


class StoreError(CommuniqueError):
    pass


class Store:
    """Articles and events in one DuckDB file."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self.db = duckdb.connect(self.path)
        except duckdb.Error as err:
            raise StoreError(f"{self.path}: cannot open database ({err})") from err
        self.db.execute(SCHEMA)
        if not self.db.execute("SELECT count(*) FROM schema_version").fetchone()[0]:
            self.db.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION])

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def stored_hash(self, doc_id: str) -> str | None:
        row = self.db.execute(
            "SELECT content_hash FROM articles WHERE doc_id = ?", [doc_id]
        ).fetchone()
        return row[0] if row else None

    def add_batch(
        self, batch: Iterable[tuple[Article, list[Event]]], replace: bool = False
    ) -> tuple[int, int]:
        """Store articles with their events in one transaction; returns (added, unchanged)."""
        added = unchanged = 0
        now = datetime.now(UTC).replace(tzinfo=None)
        self.db.execute("BEGIN TRANSACTION")
        try:
            for article, events in batch:
                known = self.stored_hash(article.doc_id)
                if known is not None and (known == article.content_hash or not replace):
                    unchanged += 1
                    continue
                if known is not None:
                    self.db.execute("DELETE FROM events WHERE doc_id = ?", [article.doc_id])
                    self.db.execute("DELETE FROM articles WHERE doc_id = ?", [article.doc_id])
                self.db.execute(
                    "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        article.doc_id,
                        article.title,
                        article.outlet,
                        article.url,
                        article.published,
                        article.date_source,
                        article.text,
                        article.content_hash,
                        article.path,
                        now,
                        article.language,
                    ],
                )
                rows = [_event_row(e) for e in events]
                if rows:
                    placeholders = ", ".join("?" for _ in EVENT_COLUMNS)
                    self.db.executemany(
                        f"INSERT OR REPLACE INTO events VALUES ({placeholders})", rows
                    )
                added += 1
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return added, unchanged

    def counts(self) -> dict[str, int]:
        return {
            "articles": self.db.execute("SELECT count(*) FROM articles").fetchone()[0],
            "events": self.db.execute("SELECT count(*) FROM events").fetchone()[0],
        }

    def events(
        self,
        source: str | None = None,
        target: str | None = None,
        actor: str | None = None,
        root: str | None = None,
        since: date | None = None,
        until: date | None = None,
        limit: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Stored events as DESIGN.md records, filtered; every value is a bound parameter."""
        clauses, params = [], []
        for column, value in (("source", source), ("target", target), ("cameo_root", root)):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        if actor:
            clauses.append("(source = ? OR target = ?)")
            params += [actor, actor]
        if since:
            clauses.append("event_date >= ?")
            params.append(since)
        if until:
            clauses.append("event_date <= ?")
            params.append(until)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = f"SELECT {', '.join(EVENT_COLUMNS)} FROM events {where} ORDER BY doc_id, span_start"
        if limit:
            sql += " LIMIT ?"
            params.append(limit)
        cursor = self.db.execute(sql, params)
        for row in cursor.fetchall():
            yield _record(dict(zip(EVENT_COLUMNS, row, strict=True)))

    def dyads(self, limit: int = 10) -> list[tuple[str, str, int, float]]:
        """The most frequent (source, target) pairs with their mean Goldstein score."""
        return self.db.execute(
            "SELECT source, target, count(*) AS n, round(avg(goldstein), 2) FROM events "
            "GROUP BY source, target ORDER BY n DESC, source, target LIMIT ?",
            [limit],
        ).fetchall()


def _event_row(event: Event) -> list[Any]:
    row = flatten(event.to_dict())
    row["event_date"] = event.event_date
    return [row[c] for c in EVENT_COLUMNS]


def _record(row: dict[str, Any]) -> dict[str, Any]:
    name, country = row.pop("location_name"), row.pop("location_country")
    start, end = row.pop("span_start"), row.pop("span_end")
    row["event_date"] = row["event_date"].isoformat() if row["event_date"] else None
    row["location"] = {"name": name, "country": country} if name else None
    row["span"] = [start, end]
    return row


def open_store(path: str | Path = "communique.duckdb") -> Store:
    return Store(path)
