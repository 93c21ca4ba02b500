"""Scale: skimming, worker processes and Dask give the events of one plain process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.ingest import code_inputs, ingest_paths
from communique.partitions import read_partition, write_partition
from communique.pipeline import Pipeline, Report
from communique.settings import Settings
from communique.store import open_store

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "communique" / "data" / "examples"

# An article in which most sentences name no actor: the skim blanks them, and what the
# coder finds in the rest, offsets included, must not change.
MIXED = """Storms and talks

Heavy rain fell across the region for a third day on Monday.
Rivers rose above their banks and several roads were closed.
Forecasters expect the weather to improve by the weekend.
Russia and China signed a trade agreement in Beijing on Tuesday.
Prices for rice and flour climbed by nearly 4% over the month.
"The harvest is late, and the markets are nervous. Nobody knows what comes next," a trader said.
Shipping through the port resumed after a short delay.
The foreign minister said he would visit Moscow in June.
"""


def _events(coded) -> list[dict]:
    return sorted(
        (e.to_dict() for c in coded for e in c.events), key=lambda r: (r["doc_id"], r["span"])
    )


def _quotes(coded) -> list[dict]:
    return [q.to_dict() for c in coded for q in c.quotes]


@pytest.fixture(scope="module")
def corpus(shared) -> list[str]:
    return [str(shared / name / "articles") for name in ("seeds", "dev", "gold")]


@pytest.fixture(scope="module")
def plain(pipeline, corpus):
    """One process, every sentence parsed: the reference run."""
    unskimmed = Pipeline(Settings(skim=False))
    return list(code_inputs(unskimmed, corpus, Report()))


def test_skim_blanks_sentences_that_name_no_actor(pipeline):
    text, blanked = pipeline.skimmer.mask(MIXED)
    assert len(text) == len(MIXED)
    assert blanked > 0
    assert "Heavy rain" not in text and "Shipping through" not in text
    assert "Russia and China signed" in text
    # a quotation is kept whole, even its sentences with no actor and no quotation mark
    assert "Nobody knows what comes next" in text
    # "the foreign minister" and "he" can be actors: kept
    assert "The foreign minister said he would visit Moscow" in text


def test_skim_changes_no_event_or_offset(pipeline):
    unskimmed = Pipeline(Settings(skim=False))
    skimmed = pipeline.code_text(MIXED, published="2024-05-14")
    full = unskimmed.code_text(MIXED, published="2024-05-14")
    assert skimmed and [e.to_dict() for e in skimmed] == [e.to_dict() for e in full]
    for event in skimmed:
        assert MIXED[event.start : event.end] in event.sentence


def test_skim_loses_nothing_on_the_gold_sets(pipeline, corpus, plain):
    report = Report()
    skimmed = list(code_inputs(pipeline, corpus, report))
    assert report.skimmed > 0
    assert _events(skimmed) == _events(plain)
    assert _quotes(skimmed) == _quotes(plain)


def test_two_worker_processes_give_the_same_events(corpus, plain):
    report = Report()
    coded = list(code_inputs(Settings(skim=False), corpus, report, workers=2))
    assert [c.article.doc_id for c in coded] == [c.article.doc_id for c in plain]
    assert _events(coded) == _events(plain)
    assert len(report.peak_rss_kb) == 2 and report.articles == len(plain)


def test_dask_local_cluster_gives_exactly_the_events_of_one_process(corpus, plain):
    report = Report()
    coded = list(code_inputs(Settings(skim=False), corpus, report, workers=2, dask="local"))
    assert [c.article.doc_id for c in coded] == [c.article.doc_id for c in plain]
    assert _events(coded) == _events(plain)
    assert _quotes(coded) == _quotes(plain)
    assert report.articles == len(plain) and report.events == len(_events(plain))


def test_parquet_partition_round_trip(tmp_path, plain):
    write_partition(plain, tmp_path / "part")
    back = list(read_partition(tmp_path / "part"))
    assert [c.article for c in back] == [c.article for c in plain]
    assert [c.events for c in back] == [c.events for c in plain]
    assert [c.quotes for c in back] == [c.quotes for c in plain]


def test_ingest_with_workers_resumes_without_parsing(tmp_path):
    db = tmp_path / "w.duckdb"
    paths = [str(EXAMPLES / "*.txt")]
    report, added, _ = ingest_paths(Settings(), paths, db, batch=2, workers=2)
    assert added == 6 and report.events > 0
    again, added_again, unchanged = ingest_paths(Settings(), paths, db, workers=2)
    assert added_again == 0 and unchanged == 6 and again.articles == 0
    with open_store(db) as store:
        assert store.counts()["events"] == report.events


def test_code_command_with_workers(tmp_path):
    from typer.testing import CliRunner

    from communique.cli import app

    result = CliRunner().invoke(app, ["code", str(EXAMPLES), "--workers", "2"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert records and {r["doc_id"] for r in records} <= {p.stem for p in EXAMPLES.glob("*.txt")}


def test_unreachable_dask_scheduler_is_a_clear_error(tmp_path):
    from communique.errors import UsageError

    with pytest.raises(UsageError, match="cannot reach the Dask scheduler"):
        list(code_inputs(Settings(), [str(EXAMPLES)], Report(), dask="tcp://127.0.0.1:9"))
