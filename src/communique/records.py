"""The plain records that cross stage boundaries.

Sources yield :class:`Article`, the coder yields :class:`Event`; the store, exports and the
web read only these. None of them holds a spaCy object, so they pickle cheaply between
processes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Article:
    """A news article: cleaned text plus what is known about it."""

    doc_id: str
    text: str
    title: str | None = None
    published: date | None = None
    date_source: str = "none"
    outlet: str | None = None
    url: str | None = None
    path: str | None = None
    language: str | None = None
    raw: str | None = None  # the page text before cleaning, to show what was removed

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not become an article, and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Location:
    name: str
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event, as DESIGN.md's event record."""

    doc_id: str
    source: str
    source_agent: str | None
    source_text: str
    target: str
    target_agent: str | None
    target_text: str
    cameo: str
    cameo_label: str
    plover: str | None
    quad_class: int
    goldstein: float
    event_date: date | None
    date_source: str
    sentence: str
    start: int
    end: int
    rule: str
    quoted: bool = False
    negated: bool = False
    confidence: float = 0.5
    location: Location | None = None
    sentence_start: int = 0

    @property
    def cameo_root(self) -> str:
        return self.cameo[:2]

    @property
    def event_id(self) -> str:
        key = "|".join(
            [self.doc_id, self.source, self.target, self.cameo, str(self.start), str(self.end)]
        )
        return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        """The DESIGN.md event record, ready for ``json.dumps``."""
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "source": self.source,
            "source_agent": self.source_agent,
            "source_text": self.source_text,
            "target": self.target,
            "target_agent": self.target_agent,
            "target_text": self.target_text,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "cameo_label": self.cameo_label,
            "plover": self.plover,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "date_source": self.date_source,
            "location": (
                {"name": self.location.name, "country": self.location.country}
                if self.location
                else None
            ),
            "quoted": self.quoted,
            "negated": self.negated,
            "confidence": round(self.confidence, 2),
            "sentence": self.sentence,
            "span": [self.start, self.end],
            "rule": self.rule,
        }


# The keys of DESIGN.md's event record, in its order (`Event.to_dict`).
RECORD_FIELDS = (
    "event_id", "doc_id", "source", "source_agent", "source_text", "target", "target_agent",
    "target_text", "cameo", "cameo_root", "cameo_label", "plover", "quad_class", "goldstein",
    "event_date", "date_source", "location", "quoted", "negated", "confidence", "sentence",
    "span", "rule",
)  # fmt: skip

# The event record flattened into columns (location and span spread out), the order that
# CSV exports and the store share.
FLAT_FIELDS = (
    "event_id", "doc_id", "source", "source_agent", "source_text", "target", "target_agent",
    "target_text", "cameo", "cameo_root", "cameo_label", "plover", "quad_class", "goldstein",
    "event_date", "date_source", "location_name", "location_country", "quoted", "negated",
    "confidence", "sentence", "span_start", "span_end", "rule",
)  # fmt: skip


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    """A DESIGN.md record with location and span spread into columns."""
    flat = dict(record)
    location = flat.pop("location", None) or {}
    flat["location_name"] = location.get("name")
    flat["location_country"] = location.get("country")
    flat["span_start"], flat["span_end"] = flat.pop("span", None) or (None, None)
    return flat


def doc_id_for(path: Path) -> str:
    """DESIGN.md: a file's doc_id is its name without the last extension."""
    return path.name.rsplit(".", 1)[0] if "." in path.name else path.name


__all__ = [
    "FLAT_FIELDS",
    "RECORD_FIELDS",
    "Article",
    "Event",
    "Location",
    "Skipped",
    "doc_id_for",
    "flatten",
]
