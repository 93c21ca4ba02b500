"""Storage of articles and events; DuckDB by default."""

from .duckdb import Store, open_store

__all__ = ["Store", "open_store"]
