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

    double = "DOUBLE"

    def __init__(
        self,
        path: str | Path = "communique.duckdb",
        read_only: bool = False,
        memory_limit: str = "256MB",
    ) -> None:
        self.target = str(path)
        try:
            self.db = duckdb.connect(self.target, read_only=read_only)
        except duckdb.IOException as err:
            reason = str(err).split("\n")[0]
            if "lock" in reason.lower():
                reason = "in use by another communique process; wait for it to finish"
            raise StoreError(f"{self.target}: cannot open database ({reason})") from err
        except duckdb.Error as err:
            raise StoreError(f"{self.target}: not a communique database ({err})") from err
        # DuckDB keeps written and read pages cached up to its limit, 80% of RAM by default,
        # so a long ingest would grow with the store. A modest limit bounds that cache, and
        # larger queries spill to disk; it does not bound what checkpoints take (see
        # BENCHMARKS.md, "Memory as the corpus grows").
        self.db.execute(f"SET memory_limit = '{memory_limit}'")
        if not read_only:
            # At each checkpoint DuckDB merges neighbouring row groups that would fit in
            # fewer; rows appended between checkpoints make a new small group each time, so
            # the 2nd, 4th, 8th... checkpoint rewrote the whole table and a long ingest's
            # memory grew with the store. Without it a row group holds one checkpoint's
            # rows and appending never rewrites what is stored; groups emptied by deletes
            # are still dropped.
            self.db.execute("SET max_vacuum_tasks = 0")
            self.migrate()

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
