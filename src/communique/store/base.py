"""What every store does, in SQL both DuckDB and PostgreSQL speak.

Back ends differ only in how they connect, mark parameters and open transactions. Every
value reaches SQL as a bound parameter; column names come from the lists below, never from
input. Writing is idempotent on ``doc_id`` and one transaction per batch.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from itertools import islice
from typing import Any

from ..dates import as_date
from ..errors import CommuniqueError
from ..records import FLAT_FIELDS, RECORD_FIELDS, Article, Event, flatten
from .schema import MIGRATIONS, SCHEMA_VERSION, derived_table

ARTICLE_COLUMNS = (
    "raw_text",
    "doc_id",
    "title",
    "outlet",
    "url",
    "published",
    "date_source",
    "text",
    "content_hash",
    "path",
    "ingested_at",
    "language",
)
EVENT_COLUMNS = (*FLAT_FIELDS, "run_id")
# What an event row read back carries beyond the record: its run, its article, its group.
EXTRA_FIELDS = ("run_id", "outlet", "title", "url", "dedup_id", "num_mentions", "num_sources",
                "num_articles")  # fmt: skip
GROUP_COLUMNS = ("dedup_id", "source", "target", "cameo_root", "cameo", "event_date",
                 "num_mentions", "num_sources", "num_articles")  # fmt: skip
QUOTE_COLUMNS = (
    "quote_id",
    "doc_id",
    "speaker",
    "speaker_agent",
    "speaker_text",
    "text",
    "span_start",
    "span_end",
    "run_id",
)
FREQUENCIES = ("week", "month", "year")


class StoreError(CommuniqueError):
    pass


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to read; every field narrows the selection."""

    source: str | None = None
    target: str | None = None
    actor: str | None = None
    dyad: tuple[str, str] | None = None
    root: str | None = None
    code: str | None = None
    quad: int | None = None
    since: date | None = None
    until: date | None = None
    outlet: str | None = None
    text: str | None = None
    doc_id: str | None = None
    limit: int | None = None
    dedup: bool = False  # one row per real-world event: its first mention, with counts

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        simple = (
            ("e.source", self.source),
            ("e.target", self.target),
            ("e.cameo_root", self.root),
            ("e.quad_class", self.quad),
            ("e.doc_id", self.doc_id),
        )
        for column, value in simple:
            if value is not None and value != "":
                clauses.append(f"{column} = ?")
                params.append(value)
        if self.code:
            clauses.append("e.cameo LIKE ?")
            params.append(f"{self.code}%")
        if self.actor:
            clauses.append("(e.source = ? OR e.target = ?)")
            params += [self.actor, self.actor]
        if self.dyad:
            clauses.append("e.source = ? AND e.target = ?")
            params += list(self.dyad)
        if self.since:
            clauses.append("e.event_date >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("e.event_date <= ?")
            params.append(self.until)
        if self.outlet:
            clauses.append("a.outlet ILIKE ?")
            params.append(f"%{self.outlet}%")
        if self.text:
            clauses.append("e.sentence ILIKE ?")
            params.append(f"%{self.text}%")
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


class Store:
    """Articles, events, quotes and runs in a SQL database."""

    target = ""  # the file or URL, for messages

    # --- back-end hooks ------------------------------------------------------------------

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        raise NotImplementedError

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        raise NotImplementedError

    def _executemany(self, sql: str, rows: list[Sequence[Any]]) -> None:
        raise NotImplementedError

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        raise NotImplementedError
        yield

    def close(self) -> None:
        raise NotImplementedError

    double = "DOUBLE"
    dialect = ""  # for statements of one back end only (schema.py)

    # --- schema --------------------------------------------------------------------------

    def migrate(self) -> int:
        """Bring the schema to the newest version; returns the version found before."""
        self._execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        rows = self._query("SELECT max(version) FROM schema_version")
        found = rows[0][0] or 0
        if found > SCHEMA_VERSION:
            raise StoreError(
                f"{self.target}: schema version {found} is newer than this communique "
                f"understands ({SCHEMA_VERSION}); upgrade communique"
            )
        for version, statements in MIGRATIONS:
            if version <= found:
                continue
            with self.transaction():
                for statement in statements:
                    if isinstance(statement, tuple):
                        dialect, statement = statement
                        if dialect != self.dialect:
                            continue
                    self._execute(statement.format(double=self.double))
                self._execute("INSERT INTO schema_version VALUES (?)", [version])
        return found

    def schema_version(self) -> int:
        return self._query("SELECT max(version) FROM schema_version")[0][0] or 0

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------

    def add_run(self, run) -> str:
        """Record the coder a set of events comes from; returns its id."""
        if not self._query("SELECT 1 FROM runs WHERE run_id = ?", [run.run_id]):
            with self.transaction():
                self._execute(
                    "INSERT INTO runs VALUES (?, ?, ?, ?, ?)",
                    [run.run_id, run.code_version, run.model, run.ruleset, _now()],
                )
        return run.run_id

    def stored_hash(self, doc_id: str) -> str | None:
        return self.stored_hashes([doc_id]).get(doc_id)

    def stored_hashes(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """doc_id → content hash of those of ``doc_ids`` stored, asked for together: a
        query per article cost the main process 0.7 ms an article."""
        sql = "SELECT doc_id, content_hash FROM articles WHERE doc_id IN ({})"
        return dict(self._by_keys(sql, doc_ids))

    def add_batch(
        self, batch: Iterable[Any], run_id: str | None = None, replace: bool = False
    ) -> tuple[int, int]:
        """Store coded articles (article, events, quotes) in one transaction.

        An article stored before with the same text is left as it is; with other text it is
        replaced only when ``replace`` is set. Returns (added, unchanged). Each table gets
        one bulk insert per batch.
        """
        added = unchanged = 0
        now = _now()
        articles, events, quotes = [], [], []
        in_batch: dict[str, str] = {}
        items = [_parts(item) for item in batch]
        stored = self.stored_hashes(article.doc_id for article, _, _ in items)
        with self.transaction():
            for article, coded_events, coded_quotes in items:
                known = in_batch.get(article.doc_id) or stored.get(article.doc_id)
                if known is not None and (known == article.content_hash or not replace):
                    unchanged += 1
                    continue
                if known is not None:
                    if article.doc_id in in_batch:
                        unchanged += 1  # the same doc_id twice in one batch: first one wins
                        continue
                    self._delete_article(article.doc_id)
                in_batch[article.doc_id] = article.content_hash
                articles.append(_article_row(article, now))
                rows, quote_rows = _coding_rows(coded_events, coded_quotes, run_id)
                events += rows
                quotes += quote_rows
                added += 1
            self._insert_rows("articles", ARTICLE_COLUMNS, articles)
            self._insert_rows("events", EVENT_COLUMNS, events)
            self._insert_rows("quotes", QUOTE_COLUMNS, quotes)
        self._wrote()
        return added, unchanged

    def replace_coding(self, doc_id: str, events: list[Event], quotes: list, run_id: str) -> None:
        """Swap an article's events and quotes for a new coder's, in one transaction."""
        rows, quote_rows = _coding_rows(events, quotes, run_id)
        with self.transaction():
            self._execute("DELETE FROM events WHERE doc_id = ?", [doc_id])
            self._execute("DELETE FROM quotes WHERE doc_id = ?", [doc_id])
            self._insert_rows("events", EVENT_COLUMNS, rows)
            self._insert_rows("quotes", QUOTE_COLUMNS, quote_rows)
        self._wrote()

    def _wrote(self) -> None:
        """Called after each committed write (a batch, a page of a rebuilt table), with no
        transaction open and no query being read; stores that must bound their memory act
        here."""

    def _delete_article(self, doc_id: str) -> None:
        for table in ("events", "quotes", "articles"):
            self._execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])

    def _insert_rows(self, table: str, columns: Sequence[str], rows: list[Sequence[Any]]) -> None:
        """Insert many rows at once; stores with a faster bulk path override this."""
        if rows:
            self._executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
                f"({', '.join('?' for _ in columns)})",
                rows,
            )

    def save_stories(self, pairs: Iterable[tuple[str, str]], page: int = 5000) -> None:
        """Replace the stories with (doc_id, story_id) pairs; ``pairs`` may be a generator
        that reads this store (``article_texts``)."""
        pairs = iter(pairs)
        with self._rebuilding("stories"):
            while rows := list(islice(pairs, page)):
                self._insert_rows("stories_next", ("doc_id", "story_id"), rows)
                self._wrote()

    def save_groups(self, groups: Iterable, page: int = 1000) -> None:
        """Replace the event groups; ``groups`` may be a generator that reads this store
        (``dedup_records``)."""
        groups = iter(groups)
        with self._rebuilding("event_groups", "event_mentions"):
            while batch := list(islice(groups, page)):
                rows = [
                    [g.dedup_id, g.source, g.target, g.cameo_root, g.cameo, g.event_date,
                     g.num_mentions, g.num_sources, g.num_articles]
                    for g in batch
                ]  # fmt: skip
                self._insert_rows("event_groups_next", GROUP_COLUMNS, rows)
                mentions = [[event_id, g.dedup_id] for g in batch for event_id in g.mentions]
                self._insert_rows("event_mentions_next", ("event_id", "dedup_id"), mentions)
                self._wrote()

    @contextlib.contextmanager
    def _rebuilding(self, *tables: str) -> Iterator[None]:
        """Fill ``{table}_next`` a page at a time, each page committed (a transaction would
        hold every new row in memory), then swap it for ``table`` in one transaction:
        readers see the old tables or the new ones, never a half-built one."""
        for table in tables:
            self._execute(f"DROP TABLE IF EXISTS {table}_next")
            self._execute(derived_table(table, f"{table}_next"))
        try:
            yield
        except BaseException:
            for table in tables:
                self._execute(f"DROP TABLE IF EXISTS {table}_next")
            raise
        with self.transaction():
            for table in tables:
                self._execute(f"DROP TABLE IF EXISTS {table}")
                self._execute(f"ALTER TABLE {table}_next RENAME TO {table}")

    def article_texts(self, page: int = 500) -> Iterator[tuple[str, str, date | None]]:
        """(doc_id, text, published) in publication order, undated first, a page at a time."""
        yield from self._by_date(
            "SELECT doc_id, text, published FROM articles", "articles", "published",
            "published, doc_id", "doc_id", page,
        )  # fmt: skip

    def dedup_records(self, page: int = 5000) -> Iterator[dict]:
        """What event deduplication reads of each event, in date order (undated first)."""
        select = (
            "SELECT event_id, doc_id, source, target, cameo, cameo_root, event_date, "
            "sentence, span_start FROM events"
        )
        names = ("event_id", "doc_id", "source", "target", "cameo", "cameo_root",
                 "event_date", "sentence", "span")  # fmt: skip
        order = "event_date, doc_id, span_start, event_id"
        rows = self._by_date(select, "events", "event_date", order, "event_id", page)
        while chunk := list(islice(rows, page)):
            articles = self._outlets_and_stories({row[1] for row in chunk})
            for row in chunk:
                record = dict(zip(names, row, strict=True))
                outlet, story = articles.get(record["doc_id"], (None, None))
                record.update(
                    event_date=as_date(record["event_date"]),
                    span=[record["span"], None],
                    outlet=outlet,
                    story=story or record["doc_id"],
                )
                yield record

    def _outlets_and_stories(self, doc_ids: set[str]) -> dict[str, tuple[str | None, str | None]]:
        """doc_id → (outlet, story_id) for ``doc_ids``, looked up by key. Joining the events
        of a page to the articles and stories tables instead built a hash table of every
        article for each page, memory that grew with the store."""
        sql = (
            "SELECT a.doc_id, a.outlet, s.story_id FROM articles a "
            "LEFT JOIN stories s ON s.doc_id = a.doc_id WHERE a.doc_id IN ({})"
        )
        return {doc_id: (outlet, story) for doc_id, outlet, story in self._by_keys(sql, doc_ids)}

    def _by_keys(self, sql: str, keys: Iterable[str], size: int = 1000) -> Iterator[tuple]:
        """The rows of ``sql``, whose ``IN ({})`` takes ``keys``, ``size`` keys a query."""
        ordered = sorted(set(keys))
        for start in range(0, len(ordered), size):
            part = ordered[start : start + size]
            yield from self._query(sql.format(", ".join("?" for _ in part)), part)

    def _by_date(
        self, select: str, table: str, day: str, order: str, key: str, page: int
    ) -> Iterator[tuple]:
        """The rows of ``select`` in ``day`` order, undated first, about ``page`` at a time.

        Each query reads a span of days holding about a page of rows and sorts only those,
        where one ORDER BY over the table would sort (and hold) all of it. Undated rows come
        in ``key`` order (a unique column, selected first), each page after the last seen.
        """
        last = None
        while True:
            after, params = (f" AND {key} > ?", [last]) if last is not None else ("", [])
            rows = self._query(
                f"{select} WHERE {day} IS NULL{after} ORDER BY {key} LIMIT {int(page)}", params
            )
            yield from rows
            if len(rows) < page:
                break
            last = rows[-1][0]
        days = self._query(
            f"SELECT {day}, count(*) FROM {table} WHERE {day} IS NOT NULL GROUP BY 1 ORDER BY 1"
        )
        start, rows_in_span = None, 0
        for i, (when, count) in enumerate(days):
            start = when if start is None else start
            rows_in_span += count
            if rows_in_span >= page or i == len(days) - 1:
                yield from self._query(
                    f"{select} WHERE {day} BETWEEN ? AND ? ORDER BY {order}", [start, when]
                )
                start, rows_in_span = None, 0

    # --- reading -------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        return {
            table: self._query(f"SELECT count(*) FROM {table}")[0][0]
            for table in ("articles", "events", "quotes", "runs")
        }

    def articles(self) -> Iterator[Article]:
        """Stored articles (cleaned text and metadata), in doc_id order."""
        yield from self._articles("", [])

    def article(self, doc_id: str) -> Article | None:
        return next(self._articles(" WHERE doc_id = ?", [doc_id]), None)

    def _articles(self, where: str, params: list[Any], page: int = 200) -> Iterator[Article]:
        """Articles in doc_id order, fetched a page at a time: memory stays flat however
        large the store, and the caller may write between pages (as ``recode`` does)."""
        columns = [f.name for f in fields(Article)]
        selected = ["raw_text" if c == "raw" else c for c in columns]
        last = None
        while True:
            clause, page_params = where, list(params)
            if last is not None:
                clause = f"{where} AND doc_id > ?" if where else " WHERE doc_id > ?"
                page_params.append(last)
            sql = (
                f"SELECT {', '.join(selected)} FROM articles{clause} "
                f"ORDER BY doc_id LIMIT {int(page)}"
            )
            rows = self._query(sql, page_params)
            for row in rows:
                values = dict(zip(columns, row, strict=True))
                values["published"] = as_date(values["published"])
                yield Article(**values)
            if len(rows) < page:
                return
            last = rows[-1][0]

    def records(self, where: EventFilter | None = None, **filters: Any) -> Iterator[dict]:
        """Stored events as DESIGN.md records."""
        columns, rows = self.event_rows(where, **filters)
        for row in rows:
            yield _record(dict(zip(columns, row, strict=True)))

    def event_rows(
        self, where: EventFilter | None = None, **filters: Any
    ) -> tuple[list[str], list[tuple]]:
        """Flat event rows (with the article's outlet, title and url) and their columns."""
        where = where or EventFilter(**filters)
        clause, params = where.where()
        columns = [*FLAT_FIELDS, *EXTRA_FIELDS]
        selected = [f"e.{c}" for c in (*FLAT_FIELDS, "run_id")] + [
            "a.outlet",
            "a.title",
            "a.url",
            "m.dedup_id",
            "g.num_mentions",
            "g.num_sources",
            "g.num_articles",
        ]
        if where.dedup:
            clause += (
                " AND " if clause else " WHERE "
            ) + "(m.dedup_id IS NULL OR m.dedup_id = e.event_id)"
        sql = (
            f"SELECT {', '.join(selected)} FROM events e LEFT JOIN articles a "
            "ON a.doc_id = e.doc_id LEFT JOIN event_mentions m ON m.event_id = e.event_id "
            f"LEFT JOIN event_groups g ON g.dedup_id = m.dedup_id{clause} "
            "ORDER BY e.event_date, e.doc_id, e.span_start"
        )
        if where.limit:
            sql += " LIMIT ?"
            params.append(where.limit)
        return columns, self._query(sql, params)

    def events(self, output: str = "arrow", where: EventFilter | None = None, **filters: Any):
        """Events as a pyarrow Table (``output="arrow"``) or a pandas DataFrame."""
        import pyarrow as pa

        columns, rows = self.event_rows(where, **filters)
        table = pa.table({c: [r[i] for r in rows] for i, c in enumerate(columns)})
        if output == "pandas":
            return table.to_pandas()
        if output != "arrow":
            raise StoreError(f"unknown output {output!r}; choose arrow or pandas")
        return table

    def dyads(self, limit: int = 10) -> list[tuple[str, str, int, float]]:
        """The most frequent (source, target) pairs with their mean Goldstein score."""
        return self._query(
            "SELECT source, target, count(*) AS n, round(CAST(avg(goldstein) AS NUMERIC), 2) "
            "FROM events GROUP BY source, target ORDER BY n DESC, source, target LIMIT ?",
            [limit],
        )

    def timeline(
        self,
        dyad: tuple[str, str] | None = None,
        freq: str = "month",
        where: EventFilter | None = None,
    ) -> list[dict[str, Any]]:
        """Events per period: counts by QuadClass, Goldstein mean and sum."""
        if freq not in FREQUENCIES:
            raise StoreError(f"unknown frequency {freq!r}; choose {', '.join(FREQUENCIES)}")
        where = where or EventFilter(dyad=dyad)
        clause, params = where.where()
        clause += (" AND " if clause else " WHERE ") + "e.event_date IS NOT NULL"
        rows = self._query(
            f"SELECT date_trunc('{freq}', e.event_date) AS period, count(*), "
            "sum(CASE WHEN e.quad_class = 1 THEN 1 ELSE 0 END), "
            "sum(CASE WHEN e.quad_class = 2 THEN 1 ELSE 0 END), "
            "sum(CASE WHEN e.quad_class = 3 THEN 1 ELSE 0 END), "
            "sum(CASE WHEN e.quad_class = 4 THEN 1 ELSE 0 END), "
            "avg(e.goldstein), sum(e.goldstein) "
            f"FROM events e LEFT JOIN articles a ON a.doc_id = e.doc_id{clause} "
            "GROUP BY period ORDER BY period",
            params,
        )
        return [
            {
                "period": as_date(period).isoformat(),
                "events": int(n),
                "verbal_cooperation": int(q1),
                "material_cooperation": int(q2),
                "verbal_conflict": int(q3),
                "material_conflict": int(q4),
                "goldstein_mean": round(float(mean), 3),
                "goldstein_sum": round(float(total), 3),
            }
            for period, n, q1, q2, q3, q4, mean, total in rows
        ]

    def network(self, where: EventFilter | None = None, **filters: Any) -> dict[str, list]:
        """Actors and their directed ties: events, Goldstein mean, cooperation and conflict."""
        where = where or EventFilter(**filters)
        clause, params = where.where()
        rows = self._query(
            "SELECT e.source, e.target, count(*), avg(e.goldstein), "
            "sum(CASE WHEN e.quad_class <= 2 THEN 1 ELSE 0 END), "
            "sum(CASE WHEN e.quad_class >= 3 THEN 1 ELSE 0 END) "
            f"FROM events e LEFT JOIN articles a ON a.doc_id = e.doc_id{clause} "
            "GROUP BY e.source, e.target ORDER BY count(*) DESC, e.source, e.target",
            params,
        )
        edges = [
            {
                "source": s,
                "target": t,
                "events": int(n),
                "goldstein_mean": round(float(g), 3),
                "cooperation": int(c),
                "conflict": int(k),
            }
            for s, t, n, g, c, k in rows
        ]
        degree: dict[str, int] = {}
        for edge in edges:
            for actor in (edge["source"], edge["target"]):
                degree[actor] = degree.get(actor, 0) + edge["events"]
        nodes = [{"actor": a, "events": n} for a, n in sorted(degree.items(), key=lambda x: -x[1])]
        return {"nodes": nodes, "edges": edges}

    def quotes(
        self, speaker: str | None = None, text: str | None = None, limit: int | None = None
    ) -> list[dict[str, Any]]:
        """Stored quotations with their speakers and articles."""
        clauses, params = [], []
        if speaker:
            clauses.append("q.speaker = ?")
            params.append(speaker)
        if text:
            clauses.append("q.text ILIKE ?")
            params.append(f"%{text}%")
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        keys = (*QUOTE_COLUMNS[:-1], "published", "title")
        selected = [f"q.{c}" for c in QUOTE_COLUMNS[:-1]] + ["a.published", "a.title"]
        sql = (
            f"SELECT {', '.join(selected)} FROM quotes q "
            f"LEFT JOIN articles a ON a.doc_id = q.doc_id{where} "
            "ORDER BY a.published, q.doc_id, q.span_start"
        )
        if limit:
            sql += " LIMIT ?"
            params.append(limit)
        out = []
        for row in self._query(sql, params):
            record = dict(zip(keys, row, strict=True))
            published = as_date(record["published"])
            record["published"] = published.isoformat() if published else None
            out.append(record)
        return out


def _article_row(article: Article, now: datetime) -> list[Any]:
    row = {c: getattr(article, c, None) for c in ARTICLE_COLUMNS}
    row["ingested_at"] = now
    row["raw_text"] = article.raw
    return [row[c] for c in ARTICLE_COLUMNS]


def _coding_rows(events, quotes, run_id: str | None) -> tuple[list[list], list[list]]:
    """Event and quote rows for the store; an event_id seen twice is stored once."""
    seen: set[str] = set()
    rows = []
    for event in events:
        row = flatten(event.to_dict())
        if row["event_id"] in seen:
            continue
        seen.add(row["event_id"])
        row["event_date"] = event.event_date
        row["run_id"] = run_id
        rows.append([row[c] for c in EVENT_COLUMNS])
    quote_rows = []
    for quote in quotes:
        record = quote.to_dict()
        start, end = record.pop("span")
        record.update(span_start=start, span_end=end, run_id=run_id)
        quote_rows.append([record[c] for c in QUOTE_COLUMNS])
    return rows, quote_rows


def _parts(item: Any) -> tuple[Article, list, list]:
    if isinstance(item, tuple):
        article, events, *rest = item
        return article, events, rest[0] if rest else []
    return item.article, item.events, getattr(item, "quotes", [])


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _record(row: dict[str, Any]) -> dict[str, Any]:
    """A stored row back in the DESIGN.md record shape (plus outlet, title, url, run_id)."""
    name, country = row.pop("location_name"), row.pop("location_country")
    start, end = row.pop("span_start"), row.pop("span_end")
    event_date = as_date(row["event_date"])
    row["event_date"] = event_date.isoformat() if event_date else None
    row["location"] = {"name": name, "country": country} if name else None
    row["span"] = [start, end]
    row["goldstein"] = float(row["goldstein"]) if row["goldstein"] is not None else None
    row["confidence"] = float(row["confidence"]) if row["confidence"] is not None else None
    record = {k: row[k] for k in RECORD_FIELDS if k in row}
    record.update({k: row[k] for k in EXTRA_FIELDS if k in row})
    return record
