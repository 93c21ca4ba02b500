"""Writing event records in the formats the field reads.

JSON lines (DESIGN.md records), CSV and Parquet (flat columns), a GDELT 2.0 events table
(tab-separated, GDELT's 61 columns in GDELT's order, the fields communique knows filled and
the rest empty) and PLOVER-style JSON.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from .errors import UsageError
from .records import FLAT_FIELDS, flatten

FORMATS = ("jsonl", "csv", "parquet", "gdelt", "plover")

# GDELT 2.0 Event Database, "export" table: column names and order.
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode",
    "Actor1EthnicCode", "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code",
    "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode",
    "Actor2EthnicCode", "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code",
    "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)  # fmt: skip


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
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


def write_parquet(records: Iterable[dict[str, Any]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [flatten(r) for r in records]
    columns = {c: [r.get(c) for r in rows] for c in FLAT_FIELDS}
    columns["event_date"] = [date.fromisoformat(d) if d else None for d in columns["event_date"]]
    table = pa.table(columns)
    _atomic(path, lambda tmp: pq.write_table(table, tmp))
    return len(rows)


def gdelt_row(record: dict[str, Any]) -> dict[str, str]:
    """One event as a GDELT 2.0 row; fields communique does not know stay empty."""
    row = dict.fromkeys(GDELT_COLUMNS, "")
    day = date.fromisoformat(record["event_date"]) if record.get("event_date") else None
    if day:
        row["SQLDATE"] = day.strftime("%Y%m%d")
        row["MonthYear"] = day.strftime("%Y%m")
        row["Year"] = str(day.year)
        row["FractionDate"] = f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}"
    row["GLOBALEVENTID"] = str(int(record["event_id"][:15], 16))
    for n, side in ((1, "source"), (2, "target")):
        code, agent = record[side], record.get(f"{side}_agent")
        row[f"Actor{n}Code"] = code + (agent or "")
        row[f"Actor{n}Name"] = (record.get(f"{side}_text") or "").upper()
        if len(code) == 3 and code.isalpha():
            row[f"Actor{n}CountryCode"] = code
        row[f"Actor{n}Type1Code"] = agent or ""
    cameo = record["cameo"]
    row["EventCode"] = cameo
    row["EventBaseCode"] = cameo[:3]
    row["EventRootCode"] = cameo[:2]
    row["QuadClass"] = str(record["quad_class"])
    row["GoldsteinScale"] = str(record["goldstein"])
    row["NumMentions"] = str(record.get("num_mentions") or 1)
    row["NumSources"] = str(record.get("num_sources") or 1)
    row["NumArticles"] = str(record.get("num_articles") or 1)
    location = record.get("location") or {}
    if location.get("name"):
        row["ActionGeo_FullName"] = location["name"]
    row["DATEADDED"] = datetime.now().strftime("%Y%m%d%H%M%S")
    row["SOURCEURL"] = record.get("url") or record["doc_id"]
    return row


def write_gdelt(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """GDELT's events table is tab-separated with no header line."""
    n = 0
    for record in records:
        row = gdelt_row(record)
        out.write("\t".join(" ".join(row[c].split()) for c in GDELT_COLUMNS) + "\n")
        n += 1
    return n


def plover_record(record: dict[str, Any]) -> dict[str, Any]:
    """One event in PLOVER's terms: event type, actor and recipient, date, provenance."""
    return {
        "id": record["event_id"],
        "date": record.get("event_date"),
        "event": record.get("plover"),
        "mode": "",
        "context": "",
        "actor": record["source"],
        "actor_agent": record.get("source_agent"),
        "actor_text": record.get("source_text"),
        "recipient": record["target"],
        "recipient_agent": record.get("target_agent"),
        "recipient_text": record.get("target_text"),
        "cameo": record["cameo"],
        "location": record.get("location"),
        "story_id": record["doc_id"],
        "text": record.get("sentence"),
    }


def write_plover(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """A JSON array of PLOVER records (events whose CAMEO code PLOVER drops are left out)."""
    items = [plover_record(r) for r in records if r.get("plover")]
    json.dump(items, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(items)


def export(records: Iterable[dict[str, Any]], fmt: str, path: Path) -> int:
    """Write ``records`` to ``path`` in ``fmt``; the file appears whole or not at all."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose {', '.join(FORMATS)}")
    if fmt == "parquet":
        return write_parquet(records, path)
    writers = {"jsonl": write_jsonl, "csv": write_csv, "gdelt": write_gdelt, "plover": write_plover}
    counted: list[int] = []

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="") as out:
            counted.append(writers[fmt](records, out))

    _atomic(path, write)
    return counted[0]


def _atomic(path: Path, write) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        write(tmp)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
