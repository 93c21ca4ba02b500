"""Every bundled data file is well formed: codes exist, dates parse, no clashes."""

import csv
import io
import re
from collections import defaultdict
from datetime import date
from importlib import resources

import pytest
import yaml

from communique.actors.dictionary import load_dictionary
from communique.events.patterns import load_patterns, read_yaml
from communique.ontology import load_ontology

DATA = resources.files("communique").joinpath("data")
AGENTS = {"GOV", "MIL", "MED", "BUS", "CVL", "OPP", "REB", "IGO", "JUD", "LEG", "POL", "SPY"}
DESIGN_ORGS = {
    "NATO",
    "UN",
    "EU",
    "SCO",
    "BRICS",
    "ASEAN",
    "AU",
    "IAEA",
    "WTO",
    "OPEC",
    "G7",
    "G20",
    "ICC",
    "WHO",
    "IMF",
    "ECOWAS",
    "GCC",
    "OSCE",
    "CSTO",
    "OAS",
    "OIC",
    "ARL",
    "WB",
}


def rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(DATA.joinpath(name).read_text("utf-8"))))


def test_every_pattern_loads_with_known_codes_and_unique_ids():
    patterns = load_patterns().patterns
    ontology = load_ontology()
    assert len({p.id for p in patterns}) == len(patterns)
    roots = {p.cameo[:2] for p in patterns}
    assert roots == {f"{n:02d}" for n in range(1, 21)}
    for p in patterns:
        codes = (p.cameo, p.intent, p.threat, p.appeal, p.converse, p.policed, *p.venue)
        for code in (*codes, *p.unarmed):
            assert code is None or code in ontology, (p.id, code)
        assert re.fullmatch(r"[a-z]+\.[a-z_]+", p.id), p.id


def test_pattern_files_are_lists_of_mappings():
    for entry in DATA.joinpath("verbs").iterdir():
        if entry.name.endswith(".yaml"):
            content = read_yaml(entry.read_text("utf-8"))
            assert isinstance(content, list) and all(isinstance(p, dict) for p in content)


def test_state_phrases_map_to_one_code_each():
    codes = defaultdict(set)
    for row in rows("actors/states.csv"):
        assert re.fullmatch(r"[A-Z]{3}", row["code"]), row
        assert row["kind"] in {"name", "adjective", "demonym", "capital", "seat", "region"}, row
        assert not row["agent"] or row["agent"] in AGENTS, row
        codes[row["phrase"]].add(row["code"])
    assert {p: c for p, c in codes.items() if len(c) > 1} == {}
    assert len({c for cs in codes.values() for c in cs}) >= 197  # UN members and observers


def test_organisations_cover_the_design_list():
    org_rows = rows("actors/organisations.csv")
    assert {r["code"] for r in org_rows} >= DESIGN_ORGS
    for row in org_rows:
        assert not row["agent"] or row["agent"] in AGENTS, row


def test_officials_terms_are_dated_and_coded():
    known = load_dictionary().codes
    for n, row in enumerate(rows("actors/officials.csv"), start=2):
        start = date.fromisoformat(row["start"])
        end = date.fromisoformat(row["end"]) if row["end"] else None
        assert end is None or start <= end, (n, row)
        assert row["code"] in known, (n, row)
        assert row["agent"] in AGENTS, (n, row)


def test_agent_words_use_known_agents():
    for row in rows("actors/agents.csv"):
        assert row["agent"] in AGENTS, row


def test_furniture_patterns_compile():
    raw = yaml.safe_load(DATA.joinpath("furniture.yaml").read_text("utf-8"))
    for key in ("line_patterns", "block_patterns"):
        for pattern in raw[key]:
            re.compile(pattern)


@pytest.mark.parametrize(
    "name",
    [
        "cameo_source.txt",
        "actors/states_source.txt",
        "actors/actors_source.txt",
        "actors/agents_source.txt",
    ],
)
def test_every_fact_file_says_where_it_comes_from(name):
    assert len(DATA.joinpath(name).read_text("utf-8").strip()) > 100
