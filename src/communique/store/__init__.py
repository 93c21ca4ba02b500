"""Storage of articles, events and quotes: a DuckDB file by default, PostgreSQL by URL."""

from __future__ import annotations

from pathlib import Path

from .base import EventFilter, Store, StoreError
from .duckdb import DuckDBStore


def open_store(target: str | Path = "communique.duckdb", read_only: bool = False) -> Store:
    """A store for a DuckDB file path or a ``postgresql://`` URL."""
    text = str(target)
    if text.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore

        return PostgresStore(text)
    return DuckDBStore(target, read_only=read_only)


__all__ = ["DuckDBStore", "EventFilter", "Store", "StoreError", "open_store"]
