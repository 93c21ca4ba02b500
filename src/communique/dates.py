"""Finding dates in page furniture and resolving relative day words.

Hand-written rather than ``dateparser``: furniture dates come in a handful of shapes, and a
liberal parser reads words such as "may" or "march" in running text as dates. These
patterns only accept a day, a month and a year that make a real calendar date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?P<weekday>(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?)\.?,?\s+"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

DATE_PATTERNS = [
    re.compile(rf"\b{_YEAR}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(rf"(?:{_WEEKDAY})?\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(rf"(?:{_WEEKDAY})?\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    # Numeric dates are month first in US furniture ("6/18/2024"); a first part above 12
    # can only be a day.
    re.compile(rf"\b(?P<a>[01]?\d|[23]\d)/(?P<b>[0-3]?\d)/{_YEAR}\b"),
]
# A dateline or running-text date without a year: "Sept. 25 (Bloomberg)", "April 26".
YEARLESS = re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s+(?:19|20)\d\d)", re.I)


@dataclass(frozen=True, slots=True)
class DateMatch:
    value: date
    start: int
    end: int
    weekday: int | None  # the weekday the text claims, 0 = Monday


def _month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")[: 4 if name.lower().startswith("sept") else 3]]


def _weekday_number(name: str | None) -> int | None:
    if not name:
        return None
    name = name.lower()
    for i, day in enumerate(WEEKDAYS):
        if day.startswith(name[:3]):
            return i
    return None


def find_dates(text: str) -> list[DateMatch]:
    """Every full calendar date (with a year) in ``text``, in order of position."""
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            groups = m.groupdict()
            try:
                year = int(groups["year"])
                if groups.get("mnum"):
                    month, day = int(groups["mnum"]), int(groups["day"])
                elif groups.get("month"):
                    month, day = _month_number(groups["month"]), int(groups["day"])
                else:
                    a, b = int(groups["a"]), int(groups["b"])
                    month, day = (a, b) if a <= 12 else (b, a)
                value = date(year, month, day)
            except ValueError:
                continue
            taken.append((m.start(), m.end()))
            found.append(
                DateMatch(value, m.start(), m.end(), _weekday_number(groups.get("weekday")))
            )
    return sorted(found, key=lambda d: d.start)


def find_yearless(text: str, year: int) -> list[DateMatch]:
    """Month-and-day mentions without a year, completed with ``year``."""
    found = []
    for m in YEARLESS.finditer(text):
        try:
            value = date(year, _month_number(m.group("month")), int(m.group("day")))
        except ValueError:
            continue
        found.append(DateMatch(value, m.start(), m.end(), None))
    return found


def weekday_claims(text: str) -> list[tuple[int, int, int]]:
    """(weekday, month, day) triples stated in text such as "Saturday, June 15"."""
    pattern = re.compile(rf"{_WEEKDAY}{_MONTH}\s+{_DAY}\b", re.I)
    claims = []
    for m in pattern.finditer(text):
        weekday = _weekday_number(m.group("weekday"))
        if weekday is not None:
            claims.append((weekday, _month_number(m.group("month")), int(m.group("day"))))
    return claims


def contradicts(candidate: date, text: str) -> bool:
    """True when the text names a weekday and day that cannot fall near ``candidate``'s year.

    A page whose collector stamped ``2009-01-01`` but whose story says "Saturday, June 15"
    was not written in 2009: June 15, 2009 was a Monday.
    """
    for weekday, month, day in weekday_claims(text):
        years = (candidate.year, candidate.year - 1)
        ok = False
        for year in years:
            try:
                if date(year, month, day).weekday() == weekday:
                    ok = True
            except ValueError:
                continue
        if not ok:
            return True
    return False


def resolve_weekday(name: str, anchor: date) -> date:
    """The most recent ``name`` day on or before ``anchor`` ("on Monday" in a news story).

    News reports past events: "on Monday" in a Tuesday story is yesterday; in a Monday story
    it is today.
    """
    target = _weekday_number(name)
    if target is None:
        raise ValueError(f"not a weekday: {name!r}")
    return anchor - timedelta(days=(anchor.weekday() - target) % 7)


def parse_iso(value: str | None) -> date | None:
    """An ISO date string, or None for empty input; raises ValueError when malformed."""
    if not value:
        return None
    return date.fromisoformat(value[:10])


def as_date(value) -> date | None:
    """A date from what stores and records hold: a date, a datetime, an ISO string, None."""
    if value is None or type(value) is date:
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value)[:10])
