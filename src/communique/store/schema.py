"""The store's tables, as numbered migrations applied in order.

The tables deduplication derives (``DERIVED``) are rebuilt whole by each ``dedup``: built
again beside the old ones and swapped in, rather than emptied row by row, so a rebuild
costs the same memory for a store of any size.

Each migration is a list of statements written once for both back ends; ``{double}`` and
``{now}`` stand for the spellings that differ between DuckDB and PostgreSQL. A statement
given as ``(dialect, sql)`` runs on that back end only.
"""

from __future__ import annotations

# Column definitions of the tables deduplication derives; see ``derived_table``.
DERIVED = {
    "stories": "doc_id VARCHAR NOT NULL, story_id VARCHAR NOT NULL",
    "event_groups": """dedup_id VARCHAR NOT NULL,
        source VARCHAR, target VARCHAR, cameo_root VARCHAR, cameo VARCHAR,
        event_date DATE,
        num_mentions INTEGER, num_sources INTEGER, num_articles INTEGER""",
    "event_mentions": "event_id VARCHAR NOT NULL, dedup_id VARCHAR NOT NULL",
}


def derived_table(table: str, name: str | None = None) -> str:
    """CREATE TABLE for derived ``table``, under ``name`` when it is built beside the old."""
    return f"CREATE TABLE {name or table} ({DERIVED[table]})"


MIGRATIONS: list[tuple[int, list[str | tuple[str, str]]]] = [
    (1, [
        """CREATE TABLE IF NOT EXISTS articles (
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
        )""",
        """CREATE TABLE IF NOT EXISTS events (
            event_id VARCHAR PRIMARY KEY,
            doc_id VARCHAR NOT NULL,
            source VARCHAR, source_agent VARCHAR, source_text VARCHAR,
            target VARCHAR, target_agent VARCHAR, target_text VARCHAR,
            cameo VARCHAR NOT NULL, cameo_root VARCHAR NOT NULL, cameo_label VARCHAR,
            plover VARCHAR, quad_class INTEGER, goldstein {double},
            event_date DATE, date_source VARCHAR,
            location_name VARCHAR, location_country VARCHAR,
            quoted BOOLEAN, negated BOOLEAN, confidence {double},
            sentence VARCHAR, span_start INTEGER, span_end INTEGER, rule VARCHAR
        )""",
    ]),
    (2, [
        """CREATE TABLE IF NOT EXISTS runs (
            run_id VARCHAR PRIMARY KEY,
            code_version VARCHAR NOT NULL,
            model VARCHAR NOT NULL,
            ruleset VARCHAR NOT NULL,
            started_at TIMESTAMP NOT NULL
        )""",
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS run_id VARCHAR",
        """CREATE TABLE IF NOT EXISTS quotes (
            quote_id VARCHAR PRIMARY KEY,
            doc_id VARCHAR NOT NULL,
            speaker VARCHAR, speaker_agent VARCHAR, speaker_text VARCHAR,
            text VARCHAR NOT NULL,
            span_start INTEGER, span_end INTEGER,
            run_id VARCHAR
        )""",
        "CREATE INDEX IF NOT EXISTS events_doc ON events (doc_id)",
        "CREATE INDEX IF NOT EXISTS events_dyad ON events (source, target, event_date)",
        "CREATE INDEX IF NOT EXISTS quotes_doc ON quotes (doc_id)",
    ]),
    (3, [
        "ALTER TABLE articles ADD COLUMN IF NOT EXISTS raw_text VARCHAR",
    ]),
    (4, [
        "ALTER TABLE articles ADD COLUMN IF NOT EXISTS story_id VARCHAR",
        """CREATE TABLE IF NOT EXISTS event_groups (
            dedup_id VARCHAR PRIMARY KEY,
            source VARCHAR, target VARCHAR, cameo_root VARCHAR, cameo VARCHAR,
            event_date DATE,
            num_mentions INTEGER, num_sources INTEGER, num_articles INTEGER
        )""",
        """CREATE TABLE IF NOT EXISTS event_mentions (
            event_id VARCHAR PRIMARY KEY,
            dedup_id VARCHAR NOT NULL
        )""",
    ]),
    (5, [
        "ALTER TABLE articles DROP COLUMN IF EXISTS story_id",
        f"CREATE TABLE IF NOT EXISTS stories ({DERIVED['stories']})",
    ]),
    # DuckDB scans an index only for a filter on its one column, so the dyad index served
    # no query there, while every insert updated it and it held a third of the events'
    # index memory; PostgreSQL's B-tree does serve dyad filters and stays.
    (6, [
        ("duckdb", "DROP INDEX IF EXISTS events_dyad"),
    ]),
]  # fmt: skip
SCHEMA_VERSION = MIGRATIONS[-1][0]
