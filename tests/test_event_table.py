"""Events from single sentences, read from a table: tests/cases/events.tsv.

Each row holds a sentence, the events it must yield as ``SRC>TGT:CODE`` separated by ``;``
(``-`` for none), an optional comment and an optional ``xfail`` reason. A row with a reason
is a known gap of the coder: it must still fail (strict), so a fix shows up as a pass to
be moved out of the xfail column.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest

from communique.ontology import load_ontology

TABLE = Path(__file__).parent / "cases" / "events.tsv"
PUBLISHED = date(2024, 5, 14)
EVENT = re.compile(r"(?P<source>[A-Z]{2,12})>(?P<target>[A-Z]{2,12}):(?P<code>\d{3,4})")

Triple = tuple[str, str, str]


def parse_expected(cell: str) -> frozenset[Triple]:
    """'RUS>UKR:190;UKR>RUS:190' → {('RUS', 'UKR', '190'), ('UKR', 'RUS', '190')}; '-' → {}."""
    cell = cell.strip()
    if cell == "-":
        return frozenset()
    triples = []
    for part in cell.split(";"):
        match = EVENT.fullmatch(part.strip())
        if match is None:
            raise ValueError(f"{TABLE.name}: bad event {part!r}")
        triples.append((match["source"], match["target"], match["code"]))
    return frozenset(triples)


def read_table() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            {key: (value or "").strip() for key, value in row.items()}
            for row in reader
            if (row.get("sentence") or "").strip()
        ]


ROWS = read_table()


def _params():
    params = []
    for line, row in enumerate(ROWS, start=2):
        marks = ()
        if row.get("xfail"):
            marks = (pytest.mark.xfail(strict=True, reason=row["xfail"]),)
        params.append(
            pytest.param(
                row["sentence"],
                parse_expected(row["expected"]),
                id=f"L{line}-{row['sentence'][:40]}",
                marks=marks,
            )
        )
    return params


@pytest.fixture(scope="module")
def coder(pipeline):
    """The one pipeline of the session, loaded once and shared by every row."""

    def run(text: str) -> set[Triple]:
        return {
            (e.source, e.target, e.cameo) for e in pipeline.code_text(text, published=PUBLISHED)
        }

    return run


@pytest.mark.parametrize("sentence, expected", _params())
def test_sentence_yields_expected_events(coder, sentence: str, expected: frozenset[Triple]):
    assert coder(sentence) == set(expected)


def test_table_is_well_formed():
    ontology = load_ontology()
    assert len(ROWS) >= 300
    assert len({row["sentence"] for row in ROWS}) == len(ROWS), "duplicate sentences"
    xfails = sum(bool(row.get("xfail")) for row in ROWS)
    assert xfails < 0.15 * len(ROWS)
    for row in ROWS:
        for _, _, code in parse_expected(row["expected"]):
            assert code in ontology, (row["sentence"], code)
    roots = {code[:2] for row in ROWS for _, _, code in parse_expected(row["expected"])}
    assert roots == {f"{n:02d}" for n in range(1, 21)}
