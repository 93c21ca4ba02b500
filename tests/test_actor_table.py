"""The actor table: mentions in sentences written for the project, resolved on a date.

Each row of ``tests/cases/actors.tsv`` names words in a sentence and the actors the coder
should take them to name on the row's date. The words are found by their text; the phrase
they head is resolved as the event coder resolves a source or target (``resolve_all`` on the
head token), so coordinated and "the two sides" phrases give more than one actor. Rows the
resolver's code gets wrong carry a reason and are expected to fail until it is fixed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from communique.actors.dictionary import load_dictionary

TABLE = Path(__file__).parent / "cases" / "actors.tsv"
COLUMNS = ["date", "sentence", "mention", "code", "agent", "xfail"]
REGIONS = ("Africa", "Americas", "Asia", "Europe", "Middle East")
AGENTS = {"GOV", "MIL", "MED", "BUS", "CVL", "OPP", "REB", "IGO", "JUD", "LEG", "POL", "SPY"}


@dataclass(frozen=True)
class Row:
    line: int
    region: str
    day: date
    sentence: str
    mention: str
    expected: frozenset[tuple[str, str | None]]
    xfail: str


def _expected(code: str, agent: str) -> frozenset[tuple[str, str | None]]:
    if code == "-":
        return frozenset()
    codes = code.split("+")
    agents = agent.split("+") if "+" in agent else [agent] * len(codes)
    assert len(agents) == len(codes), (code, agent)
    return frozenset((c, a or None) for c, a in zip(codes, agents, strict=True))


def read_table(path: Path = TABLE) -> list[Row]:
    rows: list[Row] = []
    region = ""
    for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if line.startswith("## "):
            region = line[3:].strip()
            continue
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if cols == COLUMNS:
            continue
        assert len(cols) in (5, 6), f"line {n}: {len(cols)} columns"
        day, sentence, mention, code, agent = cols[:5]
        why = cols[5] if len(cols) == 6 else ""
        rows.append(
            Row(n, region, date.fromisoformat(day), sentence, mention, _expected(code, agent), why)
        )
    return rows


ROWS = read_table()


def _param(row: Row):
    marks = [pytest.mark.xfail(strict=True, reason=row.xfail)] if row.xfail else []
    return pytest.param(row, id=f"L{row.line}-{row.mention[:30]}", marks=marks)


@pytest.fixture(scope="module")
def actors_of(pipeline):
    """The (code, agent) pairs of the phrase the words head, on the day."""

    def run(sentence: str, words: str, day: date) -> set[tuple[str, str | None]]:
        doc = pipeline.nlp(sentence)
        start = sentence.index(words)
        span = doc.char_span(start, start + len(words), alignment_mode="expand")
        resolver = pipeline.coder.resolver(doc, day)
        return {(m.code, m.agent) for m in resolver.resolve_all(span.root)}

    return run


@pytest.mark.parametrize("row", [_param(r) for r in ROWS])
def test_mention_resolves_on_its_date(actors_of, row: Row):
    assert actors_of(row.sentence, row.mention, row.day) == set(row.expected)


def test_table_is_large_and_covers_every_region():
    assert len(ROWS) >= 300
    for region in REGIONS:
        assert sum(r.region == region for r in ROWS) >= 40, region
    assert sum(bool(r.xfail) for r in ROWS) < 0.15 * len(ROWS)


def test_table_rows_are_well_formed():
    known = load_dictionary().codes
    for row in ROWS:
        assert row.region, row.line
        assert row.mention in row.sentence, row.line
        for code, agent in row.expected:
            assert code in known, (row.line, code)
            assert agent is None or agent in AGENTS, row.line
