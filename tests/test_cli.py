"""The command line, as a user runs it: exit codes, stdout and the stderr line."""

import json
import subprocess
import sys

import duckdb
import pytest
from typer.testing import CliRunner

from communique.cli import app

ARTICLE = """News ID : 8812
Publish Date : 3/12/2025 9:02:11 AM
Kenya and Ethiopia sign border deal

Kenya and Ethiopia signed a border security agreement on Tuesday in Nairobi, officials said.

Latest News

Chile protests Peru fishing incursion
"""
runner = CliRunner()


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "ke_et.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "communique", *args], capture_output=True, text=True, check=False
    )


def test_code_writes_design_records_as_jsonl(article):
    result = runner.invoke(app, ["code", str(article), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    pairs = {(r["source"], r["target"], r["cameo"]) for r in records}
    assert pairs == {("KEN", "ETH", "057"), ("ETH", "KEN", "057")}
    assert all(r["doc_id"] == "ke_et" and r["event_date"] == "2025-03-11" for r in records)
    assert not any("Chile" in r["sentence"] for r in records)


def test_code_csv_has_a_header_and_a_row_per_event(article):
    result = runner.invoke(app, ["code", str(article), "--format", "csv"])
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("event_id,doc_id,source,source_agent")
    assert len(lines) == 3


def test_missing_input_is_reported_and_the_rest_coded(article, tmp_path):
    result = run("code", str(article), str(tmp_path / "nope.txt"))
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 2
    assert f"skipped {tmp_path / 'nope.txt'}:" in result.stderr
    assert "Traceback" not in result.stderr
    assert "coded 1 articles, 2 events; skipped 1" in result.stderr


def test_bad_option_value_is_a_usage_error(article):
    result = run("code", str(article), "--published", "yesterday")
    assert result.returncode == 2
    assert result.stderr.strip() == "error: --published 'yesterday' is not a date; use YYYY-MM-DD"


def test_ingest_twice_stores_once(article, tmp_path):
    db = tmp_path / "news.duckdb"
    for _ in range(2):
        result = runner.invoke(app, ["ingest", str(article), "--db", str(db)])
        assert result.exit_code == 0, result.output
    with duckdb.connect(str(db)) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] == 2
    listed = runner.invoke(app, ["events", "--db", str(db), "--source", "KEN", "--format", "jsonl"])
    assert [json.loads(line)["target"] for line in listed.stdout.splitlines()] == ["ETH"]


def test_explain_names_the_rule_and_why_others_failed():
    result = runner.invoke(
        app, ["explain", "Seoul and Tokyo did not hold talks.", "--date", "2025-01-02"]
    )
    assert result.exit_code == 0
    assert "consult.talks" in result.stdout and "negated" in result.stdout


def test_demo_builds_the_database(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    with duckdb.connect("communique.duckdb") as con:
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        dyads = {
            tuple(r) for r in con.execute("SELECT DISTINCT source, target FROM events").fetchall()
        }
    assert articles == 6
    assert {("CHN", "RUS"), ("RUS", "CHN"), ("BRA", "BOL"), ("EU", "IRN")} <= dyads
    assert "Top dyads" in result.stdout


def test_stdin_is_read_with_dash():
    text = (
        "MOSCOW, May 14 - Russia and China signed a security pact on Tuesday, the Kremlin said.\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "communique", "code", "-", "--published", "2025-05-15"],
        input=text,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(r["source"], r["target"], r["cameo"]) for r in records} == {
        ("RUS", "CHN", "057"),
        ("CHN", "RUS", "057"),
    }
    assert all(r["doc_id"] == "stdin" and r["event_date"] == "2025-05-13" for r in records)
    assert records[0]["sentence"].startswith("MOSCOW, May 14")


def test_clean_shows_removed_furniture_with_reasons(article):
    result = runner.invoke(app, ["clean", str(article)])
    assert result.exit_code == 0, result.output
    assert "Kenya and Ethiopia signed a border security agreement" in result.stdout
    assert "[teaser block]" in result.stdout and "Chile protests Peru" in result.stdout
    assert "published: 2025-03-12 (header)" in result.stdout


def test_interrupted_ingest_keeps_committed_batches_and_resumes(tmp_path, pipeline, monkeypatch):
    from communique.ingest import ingest_paths

    for n in range(5):
        (tmp_path / f"a{n}.txt").write_text(
            ARTICLE.replace("8812", str(n)).replace(
                "Kenya and Ethiopia signed", f"Kenya and Ethiopia (round {n}) signed"
            )
        )
    db = tmp_path / "news.duckdb"
    real_read = pipeline.coder.read

    def failing(doc, article):
        if article.doc_id == "a3":
            raise KeyboardInterrupt
        return real_read(doc, article)

    monkeypatch.setattr(pipeline.coder, "read", failing)
    with pytest.raises(KeyboardInterrupt):
        ingest_paths(pipeline, [str(tmp_path / "*.txt")], db, batch=2)
    with duckdb.connect(str(db)) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    monkeypatch.setattr(pipeline.coder, "read", real_read)
    report, added, unchanged = ingest_paths(pipeline, [str(tmp_path / "*.txt")], db, batch=2)
    assert (added, unchanged, report.unchanged) == (3, 2, 2)
    with duckdb.connect(str(db)) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 5


def test_ingest_skips_broken_files_with_one_line_each_and_stores_the_rest(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    for n in range(3):
        (folder / f"good{n}.txt").write_text(
            ARTICLE.replace("8812", str(n)).replace(
                "Kenya and Ethiopia signed", f"Kenya and Ethiopia (round {n}) signed"
            )
        )
    (folder / "bad.txt.gz").write_bytes(b"\x1f\x8b\x08\x00broken")
    (folder / "empty.txt").write_text("")
    (folder / "page.html").write_text("<html><body><nav>Home</nav></body></html>")
    db = tmp_path / "news.duckdb"
    result = run("ingest", str(folder), "--db", str(db))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    skipped = [line for line in lines if line.startswith("skipped ")]
    assert len(skipped) == 3 and all(": " in line for line in skipped)
    assert "Traceback" not in result.stderr
    assert lines[-1] == "coded 3 articles, 6 events; skipped 3"
    with duckdb.connect(str(db)) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 3


def test_analysis_commands_run_on_the_demo_database(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["demo"]).exit_code == 0
    months = runner.invoke(app, ["timeline", "--dyad", "CHN", "RUS", "--freq", "month", "--json"])
    assert months.exit_code == 0 and json.loads(months.stdout)[0]["period"] == "2025-03-01"
    graph = runner.invoke(app, ["network", "--json"])
    assert {"CHN", "RUS"} <= {n["actor"] for n in json.loads(graph.stdout)["nodes"]}
    said = runner.invoke(app, ["quotes", "--speaker", "CHN", "--format", "jsonl"])
    assert all(json.loads(line)["speaker"] == "CHN" for line in said.stdout.splitlines())
    exported = runner.invoke(
        app, ["export", "out.tsv", "--format", "gdelt", "--dyad", "CHN", "RUS"]
    )
    assert exported.exit_code == 0
    assert all(
        len(line.split("\t")) == 61 for line in (tmp_path / "out.tsv").read_text().splitlines()
    )
    parquet = runner.invoke(app, ["events", "--format", "parquet"])
    assert parquet.exit_code != 0  # parquet needs --output
    assert runner.invoke(app, ["recode"]).exit_code == 0
