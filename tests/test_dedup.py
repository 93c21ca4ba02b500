"""One event, many outlets: stories and event groups on article families written for the test.

Family A is one wire story syndicated by three sites with their own furniture, plus a later
article between the same states. Family B is one event rewritten by three outlets, plus
talks two weeks later and a new accusation after three weeks between the same states.
"""

import itertools
from pathlib import Path

import duckdb
import pytest

from communique.dedup import cluster_stories, group_events
from communique.ingest import ingest_paths
from communique.store import open_store

FAMILIES = Path(__file__).parent / "families"
SAME_EVENT = {"a1_wire", "a2_portal", "a3_desk"}, {"b1_wire", "b2_daily", "b3_online"}


@pytest.fixture(scope="module")
def db(pipeline, tmp_path_factory):
    path = tmp_path_factory.mktemp("dedup") / "families.duckdb"
    ingest_paths(pipeline, [str(FAMILIES)], path)
    return path


def _pairs(groups_by_event):
    return {
        tuple(sorted(p)) for g in groups_by_event.values() for p in itertools.combinations(g, 2)
    }


def test_merged_pairs_have_high_precision_and_recall(db):
    with open_store(db) as store:
        records = list(store.records())
    members: dict[str, list[str]] = {}
    for r in records:
        members.setdefault(r["dedup_id"], []).append(r["event_id"])
    predicted = _pairs(members)
    by_id = {r["event_id"]: r for r in records}
    gold = set()
    for a, b in itertools.combinations(records, 2):
        same_family = any(a["doc_id"] in f and b["doc_id"] in f for f in SAME_EVENT)
        same_key = (a["source"], a["target"], a["cameo_root"]) == (
            b["source"],
            b["target"],
            b["cameo_root"],
        )
        if same_family and same_key and a["doc_id"] != b["doc_id"]:
            gold.add(tuple(sorted((a["event_id"], b["event_id"]))))
    assert gold
    precision = len(predicted & gold) / len(predicted)
    recall = len(predicted & gold) / len(gold)
    assert precision >= 0.9 and recall >= 0.9, (precision, recall)
    for pair in predicted:
        docs = {by_id[e]["doc_id"] for e in pair}
        assert not docs & {"a4_drills", "b4_talks", "b5_again"}, pair


def test_groups_count_mentions_outlets_and_articles(db):
    with open_store(db) as store:
        rows = list(store.records(dedup=True, dyad=("ETH", "EGY"), root="11"))
    by_date = {r["event_date"]: r for r in rows}
    assert set(by_date) == {"2025-06-02", "2025-06-20"}
    assert by_date["2025-06-02"]["num_articles"] == 3
    assert by_date["2025-06-02"]["num_mentions"] == 3
    assert by_date["2025-06-20"]["num_articles"] == 1


def test_syndicated_copies_form_one_story(db):
    with duckdb.connect(str(db), read_only=True) as con:
        story = dict(con.execute("SELECT doc_id, story_id FROM stories").fetchall())
    assert story["a1_wire"] == story["a2_portal"] == story["a3_desk"]
    assert story["a4_drills"] != story["a1_wire"]
    assert len({story[d] for d in ("b1_wire", "b4_talks", "b5_again")}) == 3


def test_gdelt_export_carries_the_counts(db, tmp_path):
    from communique.export import GDELT_COLUMNS, export

    with open_store(db) as store:
        records = list(store.records(dedup=True, dyad=("JPN", "PHL")))
    export(records, "gdelt", tmp_path / "e.tsv")
    rows = [
        dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True))
        for line in (tmp_path / "e.tsv").read_text().splitlines()
    ]
    assert sorted(r["NumArticles"] for r in rows) == ["1", "3"]


def test_dedup_needs_no_store():
    stories = cluster_stories(
        [
            ("x", "Kenya and Ethiopia signed a deal " * 5),
            ("y", "Kenya and Ethiopia signed a deal " * 5),
            ("z", "Chile and Peru held talks on fishing rights today"),
        ]
    )
    assert stories["x"] == stories["y"] != stories["z"]
    record = {
        "event_id": "e",
        "doc_id": "x",
        "source": "KEN",
        "target": "ETH",
        "cameo_root": "05",
        "cameo": "057",
        "event_date": "2025-01-02",
        "sentence": "Kenya and Ethiopia signed a deal",
        "span": [0, 5],
        "outlet": "A",
    }
    twin = {**record, "event_id": "f", "doc_id": "z", "outlet": "B"}
    later = {**record, "event_id": "g", "doc_id": "w", "event_date": "2025-01-20"}
    groups = group_events([record, twin, later], stories)
    assert sorted(g.num_articles for g in groups) == [1, 2]
    assert {g.num_sources for g in groups} == {1, 2}


def test_stories_are_clustered_within_a_window_of_days():
    text = "Kenya and Ethiopia signed a deal on water sharing after talks in Nairobi " * 3
    stories = cluster_stories(
        [
            ("a", text, "2025-01-01"),
            ("b", text, "2025-01-02"),  # a copy a day later: the same story
            ("c", text, "2025-03-01"),  # the same words two months on: a new story
        ]
    )
    assert stories["a"] == stories["b"] != stories["c"]
