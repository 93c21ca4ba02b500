"""Writing event records: JSON lines and CSV (flat, one column per field)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from .records import FLAT_FIELDS, flatten


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(records: Iterable[dict[str, Any]], out: TextIO, header: bool = True) -> int:
    writer = csv.DictWriter(out, fieldnames=FLAT_FIELDS, extrasaction="ignore")
    if header:
        writer.writeheader()
    n = 0
    for record in records:
        writer.writerow(flatten(record))
        n += 1
    return n
