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

    def __init__(self, path: str | Path = "communique.duckdb", read_only: bool = False) -> None:
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
        if not read_only:
            self.migrate()

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.db.execute(sql, list(params))

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self.db.execute(sql, list(params)).fetchall()

    def _executemany(self, sql: str, rows: list[Sequence[Any]]) -> None:
        self.db.executemany(sql, [list(r) for r in rows])

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
