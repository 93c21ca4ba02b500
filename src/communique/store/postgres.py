"""PostgreSQL for teams: the same store on a shared server (``--db postgresql://…``)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

from .base import Store, StoreError


class PostgresStore(Store):
    """Articles and events in a PostgreSQL database, through psycopg."""

    dialect = "postgres"
    double = "DOUBLE PRECISION"

    def __init__(self, url: str) -> None:
        import psycopg

        self.target = _redact(url)
        try:
            self.db = psycopg.connect(url, autocommit=True)
        except psycopg.Error as err:
            reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            raise StoreError(f"{self.target}: cannot connect ({reason})") from err
        self.migrate()

    @staticmethod
    def _sql(sql: str) -> str:
        # Statements are written with DuckDB's ? markers and carry no literal '?' or '%'.
        return sql.replace("%", "%%").replace("?", "%s")

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.db.execute(self._sql(sql), list(params))

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self.db.execute(self._sql(sql), list(params)).fetchall()

    def _executemany(self, sql: str, rows: list[Sequence[Any]]) -> None:
        with self.db.cursor() as cursor:
            cursor.executemany(self._sql(sql), [list(r) for r in rows])

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        with self.db.transaction():
            yield

    def close(self) -> None:
        self.db.close()


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" in url and ":" in url.split("@", 1)[0].split("//", 1)[-1]:
        scheme, rest = url.split("//", 1)
        credentials, host = rest.split("@", 1)
        return f"{scheme}//{credentials.split(':', 1)[0]}:***@{host}"
    return url
