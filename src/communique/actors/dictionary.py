"""Actor dictionaries: states, organisations, armed groups, office-holders, role nouns.

All of it is data under ``data/actors/``; this module reads the files once per process and
turns them into the lookups the matcher and resolver use.
"""

from __future__ import annotations

import csv
import functools
import io
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from importlib import resources

from ..errors import DataError

# Where news writes the family name first, "Wang" alone refers to Wang Yi.
FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "PRK", "KOR", "VNM", "KHM", "HUN", "SGP", "MNG"})


def ascii_fold(text: str) -> str:
    """The name as news written without accents spells it: "António" → "Antonio"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True, slots=True)
class Entry:
    """What a dictionary phrase stands for."""

    code: str
    agent: str | None
    kind: str  # name, adjective, demonym, capital, seat, city, organisation, group, none


@dataclass(frozen=True, slots=True)
class Term:
    """One office-holder's term in one role."""

    name: str
    code: str
    agent: str | None
    role: str
    start: date | None
    end: date | None

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class ActorDictionary:
    phrases: dict[str, Entry]
    officials: dict[str, tuple[Term, ...]]
    short_names: dict[str, str]  # surname → full name, where unambiguous
    agents: dict[str, str]
    codes: frozenset[str] = field(default_factory=frozenset)

    def terms_on(self, name: str, day: date | None) -> Term | None:
        """The term ``name`` held on ``day``; with no date, the latest term."""
        terms = self.officials.get(name, ())
        if not terms:
            return None
        if day is None:
            return max(terms, key=lambda t: t.start or date.min)
        held = [t for t in terms if t.covers(day)]
        if not held:
            return None
        # A person with two roles at once: the most senior is listed first in the file.
        return held[0]


def _read_csv(name: str) -> list[dict[str, str]]:
    path = resources.files("communique").joinpath(f"data/actors/{name}")
    if not path.is_file():
        return []
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))


def _parse_date(value: str, where: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DataError(f"{where}: bad date {value!r}; use YYYY-MM-DD") from None


@functools.cache
def load_dictionary() -> ActorDictionary:
    """Every bundled actor file, merged; a phrase listed twice keeps its first entry."""
    phrases: dict[str, Entry] = {}
    # Phrases that contain an actor's name but are not actors ("South China Sea"): matched
    # like the others so that the longer span wins, then ignored.
    for row in _read_csv("non_actors.csv"):
        phrases.setdefault(row["phrase"], Entry("", None, "none"))
    for row in _read_csv("states.csv"):
        phrases.setdefault(row["phrase"], Entry(row["code"], row.get("agent") or None, row["kind"]))
    # Cities and provinces give a country to places and to role phrases ("police in
    # Lagos", "separatists in Abkhazia"); a place alone is not an actor.
    for name in ("cities.csv", "regions.csv"):
        for row in _read_csv(name):
            phrases.setdefault(row["phrase"], Entry(row["code"], None, "city"))
    for row in _read_csv("organisations.csv"):
        agent = row.get("agent") or None
        kind = "group" if agent in {"REB", "OPP"} else "organisation"
        phrases.setdefault(row["phrase"], Entry(row["code"], agent, kind))

    officials: dict[str, list[Term]] = defaultdict(list)
    for n, row in enumerate(_read_csv("officials.csv"), start=2):
        where = f"officials.csv line {n}"
        officials[row["name"]].append(
            Term(
                name=row["name"],
                code=row["code"],
                agent=row.get("agent") or None,
                role=row.get("role", ""),
                start=_parse_date(row.get("start", ""), where),
                end=_parse_date(row.get("end", ""), where),
            )
        )

    owners: dict[str, set[str]] = defaultdict(set)
    family_names: set[str] = set()
    for name, terms in officials.items():
        parts = name.split()
        if len(parts) < 2:
            continue
        owners[parts[-1]].add(name)
        if any(t.code in FAMILY_NAME_FIRST for t in terms):
            owners[parts[0]].add(name)
            family_names.add(parts[0])
    # Two letters are too few for a surname ("Al", "De") except a family name written
    # first ("Xi", "Hu"), where two letters are common.
    short_names = {
        short: next(iter(names))
        for short, names in owners.items()
        if len(names) == 1 and short not in phrases and (len(short) > 2 or short in family_names)
    }

    for short, full in list(short_names.items()):
        short_names.setdefault(ascii_fold(short), full)

    agents = {row["phrase"].lower(): row["agent"] for row in _read_csv("agents.csv")}
    codes = frozenset(e.code for e in phrases.values() if e.code) | frozenset(
        t.code for terms in officials.values() for t in terms
    )
    return ActorDictionary(
        phrases=phrases,
        officials={k: tuple(v) for k, v in officials.items()},
        short_names=short_names,
        agents=agents,
        codes=codes,
    )
