"""Coded articles as Parquet partitions: what Dask workers write and the store loads.

A partition is a folder with three files, ``articles.parquet``, ``events.parquet`` and
``quotes.parquet``, whose columns are the fields of :class:`Article`, :class:`Event`
(location spread into two columns) and :class:`Quote`. Rows are written in row groups as
they come, so a partition of any size is written in flat memory, and read back the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import fields
from itertools import islice
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .pipeline import Coded
from .quotes import Quote
from .records import Article, Event, Location

ROWS = 500  # articles per row group

_TYPES = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
_TYPES["date"] = pa.date32()


def _schema(cls: type) -> pa.Schema:
    columns = []
    for f in fields(cls):
        base = str(f.type).split("|")[0].strip()
        if base == "Location":
            columns += [("location_name", pa.string()), ("location_country", pa.string())]
        else:
            columns.append((f.name, _TYPES[base]))
    return pa.schema(columns)


SCHEMAS = {"articles": _schema(Article), "events": _schema(Event), "quotes": _schema(Quote)}


def _row(item: Any) -> dict[str, Any]:
    row = {f.name: getattr(item, f.name) for f in fields(item)}
    if isinstance(item, Event):
        location = row.pop("location")
        row["location_name"] = location.name if location else None
        row["location_country"] = location.country if location else None
    return row


def write_partition(coded: Iterable[Coded], folder: str | Path) -> int:
    """Write coded articles under ``folder``; returns how many were written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    writers = {name: pq.ParquetWriter(folder / f"{name}.parquet", schema)
               for name, schema in SCHEMAS.items()}  # fmt: skip
    written = 0
    stream = iter(coded)
    try:
        while chunk := list(islice(stream, ROWS)):
            rows = {
                "articles": [_row(c.article) for c in chunk],
                "events": [_row(e) for c in chunk for e in c.events],
                "quotes": [_row(q) for c in chunk for q in c.quotes],
            }
            for name, writer in writers.items():
                writer.write_table(pa.Table.from_pylist(rows[name], schema=SCHEMAS[name]))
            written += len(chunk)
    finally:
        for writer in writers.values():
            writer.close()
    return written


def _batches(path: Path) -> Iterator[dict[str, Any]]:
    for batch in pq.ParquetFile(path).iter_batches(batch_size=ROWS):
        yield from batch.to_pylist()


def read_partition(folder: str | Path) -> Iterator[Coded]:
    """The coded articles of one partition, in the order they were written."""
    folder = Path(folder)
    events = _batches(folder / "events.parquet")
    quotes = _batches(folder / "quotes.parquet")
    pending_event = next(events, None)
    pending_quote = next(quotes, None)
    for row in _batches(folder / "articles.parquet"):
        article = Article(**row)
        own_events: list[Event] = []
        while pending_event is not None and pending_event["doc_id"] == article.doc_id:
            own_events.append(_event(pending_event))
            pending_event = next(events, None)
        own_quotes: list[Quote] = []
        while pending_quote is not None and pending_quote["doc_id"] == article.doc_id:
            own_quotes.append(Quote(**pending_quote))
            pending_quote = next(quotes, None)
        yield Coded(article, own_events, own_quotes)


def _event(row: dict[str, Any]) -> Event:
    name, country = row.pop("location_name"), row.pop("location_country")
    return Event(**row, location=Location(name, country) if name else None)


__all__ = ["read_partition", "write_partition"]
