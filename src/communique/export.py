"""Writing event records: JSON lines and CSV (flat, one column per field)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

CSV_COLUMNS = (
    "event_id",
    "doc_id",
    "event_date",
    "source",
    "source_agent",
    "source_text",
    "target",
    "target_agent",
    "target_text",
    "cameo",
    "cameo_root",
    "cameo_label",
    "plover",
    "quad_class",
    "goldstein",
    "date_source",
    "location_name",
    "location_country",
    "quoted",
    "negated",
    "confidence",
    "span_start",
    "span_end",
    "rule",
    "sentence",
)


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    """A DESIGN.md record with location and span spread into columns."""
    flat = dict(record)
    location = flat.pop("location", None) or {}
    flat["location_name"] = location.get("name")
    flat["location_country"] = location.get("country")
    span = flat.pop("span", None) or [None, None]
    flat["span_start"], flat["span_end"] = span
    return flat


def write_csv(records: Iterable[dict[str, Any]], out: TextIO, header: bool = True) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    if header:
        writer.writeheader()
    n = 0
    for record in records:
        writer.writerow(flatten(record))
        n += 1
    return n
