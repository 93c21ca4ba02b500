"""What the dashboard shows, as plain data: one function per page or API call.

Every function takes an open store and returns dicts and lists, so the HTML pages and the
JSON API show the same thing.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

from ..clean import clean_text
from ..store import EventFilter, Store

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


def overview(store: Store) -> dict[str, Any]:
    counts = store.counts()
    dyads = [
        {"source": s, "target": t, "events": n, "goldstein_mean": float(g)}
        for s, t, n, g in store.dyads(limit=15)
    ]
    return {
        "counts": counts,
        "dyads": dyads,
        "quad_by_month": store.timeline(freq="month", where=EventFilter()),
    }


def dyad(
    store: Store, source: str, target: str, page: int = 1, size: int = PAGE_SIZE
) -> dict[str, Any]:
    where = EventFilter(dyad=(source, target))
    return {
        "source": source,
        "target": target,
        "timeline": store.timeline(freq="month", where=where),
        "events": events_page(store, where, page, size),
    }


def events_page(
    store: Store, where: EventFilter, page: int = 1, size: int = PAGE_SIZE
) -> dict[str, Any]:
    """One page of events; pages are bounded so no request reads the whole store."""
    size = max(1, min(size, MAX_PAGE_SIZE))
    page = max(1, page)
    records = list(store.records(where))
    total = len(records)
    chunk = records[(page - 1) * size : page * size]
    return {
        "total": total,
        "page": page,
        "pages": max(1, math.ceil(total / size)),
        "size": size,
        "items": chunk,
    }


def actor(store: Store, code: str) -> dict[str, Any]:
    graph = store.network(EventFilter(actor=code))
    partners: dict[str, dict[str, Any]] = {}
    for edge in graph["edges"]:
        other = edge["target"] if edge["source"] == code else edge["source"]
        if other == code:
            continue
        entry = partners.setdefault(
            other,
            {"actor": other, "sent": 0, "received": 0, "cooperation": 0, "conflict": 0, "_g": 0.0},
        )
        entry["sent" if edge["source"] == code else "received"] += edge["events"]
        entry["cooperation"] += edge["cooperation"]
        entry["conflict"] += edge["conflict"]
        entry["_g"] += edge["goldstein_mean"] * edge["events"]
    rows = []
    for entry in partners.values():
        total = entry["sent"] + entry["received"]
        rows.append(
            {
                **{k: v for k, v in entry.items() if k != "_g"},
                "events": total,
                "goldstein_mean": round(entry.pop("_g") / total, 2),
            }
        )
    rows.sort(key=lambda r: (-r["events"], r["actor"]))
    return {"actor": code, "partners": rows, "edges": graph["edges"]}


def article(store: Store, doc_id: str) -> dict[str, Any] | None:
    """The article as cleaned, each line kept or removed, with events' evidence marked."""
    stored = store.article(doc_id)
    if stored is None:
        return None
    events = list(store.records(EventFilter(doc_id=doc_id)))
    spans = sorted({(e["span"][0], e["span"][1]) for e in events})
    lines = []
    if stored.raw:
        cursor = 0
        for text, kept, reason in clean_text(stored.raw).lines:
            stripped = text.strip()
            if not stripped:
                continue
            if kept:
                start = stored.text.find(stripped, cursor)
                if start < 0:
                    lines.append({"kept": True, "parts": [{"text": stripped, "mark": False}]})
                    continue
                cursor = start + len(stripped)
                lines.append({"kept": True, "parts": _marked(stripped, start, spans)})
            else:
                lines.append(
                    {"kept": False, "reason": reason, "parts": [{"text": stripped, "mark": False}]}
                )
    else:
        offset = 0
        for line in stored.text.split("\n"):
            if line.strip():
                lines.append({"kept": True, "parts": _marked(line, offset, spans)})
            offset += len(line) + 1
    return {
        "doc_id": stored.doc_id,
        "title": stored.title,
        "published": stored.published.isoformat() if stored.published else None,
        "date_source": stored.date_source,
        "outlet": stored.outlet,
        "url": stored.url,
        "lines": lines,
        "events": events,
        "actors": sorted({e["source_text"] for e in events} | {e["target_text"] for e in events}),
    }


def _marked(line: str, start: int, spans: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """The line cut into plain and evidence parts by the events' spans."""
    end = start + len(line)
    cuts = sorted({start, end, *(max(start, min(end, p)) for s in spans for p in s)})
    parts = []
    for a, b in itertools.pairwise(cuts):
        if a == b:
            continue
        mark = any(s < b and a < e for s, e in spans)
        parts.append({"text": line[a - start : b - start], "mark": mark})
    return parts


def search(store: Store, q: str, page: int = 1) -> dict[str, Any]:
    return {"q": q, "events": events_page(store, EventFilter(text=q), page)}
