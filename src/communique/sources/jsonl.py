"""JSON lines (NDJSON) dumps from crawlers: one article per line, fields by name."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..dates import find_dates, parse_iso
from ..errors import InputError
from ..records import Article, Skipped
from .options import ReadOptions
from .text import decode
from .urls import date_from_url, id_for, outlet_from_url


def _first(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = record.get(name)
        if value not in (None, ""):
            return value
    return None


def _date(value: Any):
    if value is None:
        return None
    text = str(value)
    try:
        return parse_iso(text)
    except ValueError:
        found = find_dates(text)
        return found[0].value if found else None


def read_jsonl(
    data: bytes, name: str, stem: str, options: ReadOptions
) -> Iterator[Article | Skipped]:
    """An article per line; a bad line is skipped with its number, the rest are read."""
    text = decode(data, name)
    if not text.strip():
        raise InputError(f"{name}: empty file")
    lines = text.splitlines()
    if len(lines) == 1 and text.lstrip().startswith("["):
        try:  # a JSON array of records is common enough to accept too
            records = json.loads(text)
        except json.JSONDecodeError as err:
            raise InputError(f"{name}: not JSON lines ({err.msg})") from err
        lines = [json.dumps(r) for r in records] if isinstance(records, list) else lines
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name}:{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield Skipped(where, f"not JSON ({err.msg})")
            continue
        if not isinstance(record, dict):
            yield Skipped(where, "not a JSON object")
            continue
        body = _first(record, options.text)
        if not isinstance(body, str) or not body.strip():
            yield Skipped(where, f"no text in fields {', '.join(options.text)}")
            continue
        url = _first(record, options.url)
        doc_id = _first(record, options.id)
        published = _date(_first(record, options.published))
        date_source = "header" if published else "none"
        if published is None and url:
            published = date_from_url(str(url))
            date_source = "url" if published else "none"
        yield Article(
            doc_id=str(doc_id) if doc_id is not None else id_for(url or f"{stem}:{n}", stem),
            text=body,
            title=_first(record, options.title),
            published=published,
            date_source=date_source,
            outlet=_first(record, options.outlet) or outlet_from_url(url),
            url=str(url) if url else None,
            path=where,
        )
