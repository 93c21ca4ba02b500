"""The default store: one DuckDB file, nothing to set up."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import duckdb

from .base import Store, StoreError


class DuckDBStore(Store):
    """Articles and events in a DuckDB file (or ``:memory:``)."""

    dialect = "duckdb"
    double = "DOUBLE"

    def __init__(
        self,
        path: str | Path = "communique.duckdb",
        read_only: bool = False,
        memory_limit: int | None = None,
    ) -> None:
        self.target = str(path)
        self.read_only = read_only
        self.memory_limit = memory_limit
        # At each checkpoint DuckDB merges neighbouring row groups that would fit in fewer;
        # rows appended between checkpoints make a new small group each time, so the 2nd,
        # 4th, 8th... checkpoint rewrote the whole table and a long ingest's memory grew
        # with the store. Without it a row group holds one checkpoint's rows and appending
        # never rewrites what is stored; groups emptied by deletes are still dropped.
        self.options = {} if read_only else {"max_vacuum_tasks": "0"}
        self._connect()
        if not read_only:
            self.migrate()

    def _connect(self) -> None:
        try:
            db = duckdb.connect(self.target, read_only=self.read_only)
        except duckdb.IOException as err:
            reason = str(err).split("\n")[0]
            if "lock" in reason.lower():
                reason = "in use by another communique process; wait for it to finish"
            raise StoreError(f"{self.target}: cannot open database ({reason})") from err
        except duckdb.Error as err:
            raise StoreError(f"{self.target}: not a communique database ({err})") from err
        for name, value in self.options.items():
            db.execute(f"SET {name} = '{value}'")
        self.db = db
        # DuckDB keeps written and read pages cached up to its limit, 80% of RAM by default,
        # so a long ingest would grow with the store; see ``cache_limit``.
        self.limit = 0
        self._fit_limit()

    def _set(self, name: str, value: str | None) -> None:
        """Set a DuckDB option for this store, kept across reconnections; None resets it."""
        if value is None:
            self.options.pop(name, None)
            self.db.execute(f"RESET {name}")
        else:
            self.options[name] = value
            self.db.execute(f"SET {name} = '{value}'")

    def _fit_limit(self) -> None:
        limit = self.memory_limit or cache_limit(self.target)
        if limit != self.limit:
            self.db.execute(f"SET memory_limit = '{limit // 2**20}MiB'")
            self.limit = limit

    def _wrote(self) -> None:
        # DuckDB keeps every block a connection has written or read in its buffer pool until
        # the memory limit pushes it out, and the limit cannot be low (the key indexes must
        # fit, ``cache_limit``): a long ingest grew by what it stored (BENCHMARKS.md, "Memory
        # as the corpus grows"). Closing the database frees the blocks; the next statements
        # read back only those they need. The key indexes are loaded whole again, so they
        # do not count: past the budget by themselves, they would reopen it at every batch.
        self._fit_limit()
        if self.target not in ("", ":memory:") and self.cached() > RECONNECT:
            self.db.close()
            self._connect()

    def cached(self) -> int:
        """Bytes of table blocks and new rows DuckDB holds in memory, key indexes aside."""
        sql = (
            "SELECT coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory() "
            "WHERE tag <> 'ART_INDEX'"
        )
        return int(self.db.execute(sql).fetchall()[0][0])

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.db.execute(sql, list(params))

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self.db.execute(sql, list(params)).fetchall()

    def _insert_rows(self, table: str, columns: Sequence[str], rows: list[Sequence[Any]]) -> None:
        # DuckDB's executemany runs one statement a row; an Arrow table goes in at once.
        if not rows:
            return
        import pyarrow as pa

        data = pa.table({c: pa.array([r[i] for r in rows]) for i, c in enumerate(columns)})
        self.db.register("_incoming", data)
        try:
            names = ", ".join(columns)
            self.db.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _incoming")
        finally:
            self.db.unregister("_incoming")

    @contextlib.contextmanager
    def _rebuilding(self, *tables: str) -> Iterator[None]:
        # The derived tables are written a page at a time, each page a commit; checkpointing
        # at a 4 MB log rather than DuckDB's 16 MB keeps fewer uncheckpointed pages in
        # memory (deduplication of 50,000 articles: 316 → 304 MB). Only here: for the
        # article writes it costs more than it saves (BENCHMARKS.md).
        self._set("checkpoint_threshold", "4MiB")
        try:
            with super()._rebuilding(*tables):
                yield
        finally:
            self._set("checkpoint_threshold", None)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()


CACHE = 256 * 2**20
RECONNECT = 24 * 2**20  # cached blocks past which a writing store reopens its database
STEP = 64 * 2**20  # the limit moves in steps, not at every batch


def cache_limit(path: str) -> int:
    """DuckDB's memory limit for a store file: 256 MB, or the file's size if larger.

    A modest limit bounds the page cache, and large sorts spill to disk. It must not go
    below what a query cannot spill: the key indexes, loaded as they are used, are up to
    two thirds of the file (BENCHMARKS.md, "Memory as the corpus grows"), and a fixed limit
    would make a store of a million articles fail with OutOfMemory. Growing with the file
    keeps small and medium stores at the same flat limit.
    """
    try:
        size = Path(path).stat().st_size
    except OSError:  # ``:memory:`` or a file not yet created
        size = 0
    return max(CACHE, -(-size // STEP) * STEP)
