"""The store, run against DuckDB and PostgreSQL alike: writing, reading, analysis, exports."""

import csv
import json
from datetime import date

import duckdb
import pytest

import communique
from communique.export import GDELT_COLUMNS, export
from communique.ingest import ingest_paths, recode
from communique.store import EventFilter, open_store
from communique.store.schema import SCHEMA_VERSION

EXAMPLES = sorted(
    str(p)
    for p in __import__("importlib.resources")
    .resources.files("communique")
    .joinpath("data/examples")
    .iterdir()
    if p.name.endswith(".txt")
)


def _events(target):
    with open_store(target) as store:
        return sorted(
            (r["event_id"], r["source"], r["target"], r["cameo"], r["event_date"], r["sentence"])
            for r in store.records()
        )


def test_ingesting_twice_changes_no_count(pipeline, store_target):
    _, added, _ = ingest_paths(pipeline, EXAMPLES, store_target)
    with open_store(store_target) as store:
        first = store.counts()
    _, again, unchanged = ingest_paths(pipeline, EXAMPLES, store_target)
    with open_store(store_target) as store:
        assert store.counts() == first
        assert store.schema_version() == SCHEMA_VERSION
    assert (added, again, unchanged) == (6, 0, 6)
    assert first["articles"] == 6 and first["events"] > 30 and first["quotes"] > 10
    assert first["runs"] == 1


def test_duckdb_and_postgres_hold_identical_events(pipeline, tmp_path, postgres_url):
    ingest_paths(pipeline, EXAMPLES, tmp_path / "a.duckdb")
    ingest_paths(pipeline, EXAMPLES, postgres_url)
    assert _events(tmp_path / "a.duckdb") == _events(postgres_url)


def test_filters_narrow_the_selection(pipeline, store_target):
    ingest_paths(pipeline, EXAMPLES, store_target)
    with open_store(store_target) as store:
        everything = list(store.records())
        chn_rus = list(store.records(EventFilter(dyad=("CHN", "RUS"))))
        assert chn_rus and all((r["source"], r["target"]) == ("CHN", "RUS") for r in chn_rus)
        consult = list(store.records(root="04", actor="RUS"))
        assert consult and all(
            r["cameo_root"] == "04" and "RUS" in (r["source"], r["target"]) for r in consult
        )
        conflict = list(store.records(quad=4))
        assert conflict and all(r["quad_class"] == 4 for r in conflict)
        dated = list(store.records(since=date(2025, 1, 1), until=date(2025, 3, 31)))
        assert dated and all("2025-01-01" <= r["event_date"] <= "2025-03-31" for r in dated)
        assert all("sanction" in r["sentence"].lower() for r in store.records(text="sanction"))
        assert {r["doc_id"] for r in store.records(outlet="gulf ledger")} == {"gulf_mediation"}
        assert list(store.records(source="' OR 1=1 --")) == []
        assert len(list(store.records(limit=3))) == 3
        assert len(everything) == store.counts()["events"]


def test_python_api_returns_arrow_and_pandas(pipeline, store_target):
    ingest_paths(pipeline, EXAMPLES, store_target)
    with communique.open(store_target) as store:
        table = store.events(dyad=("CHN", "RUS"))
        frame = store.events(output="pandas", dyad=("CHN", "RUS"))
    assert table.num_rows == len(frame) > 0
    assert set(table.column("source").to_pylist()) == {"CHN"}
    assert "goldstein" in frame.columns


def test_timeline_network_and_quotes(pipeline, store_target):
    ingest_paths(pipeline, EXAMPLES, store_target)
    with open_store(store_target) as store:
        months = store.timeline(dyad=("CHN", "RUS"), freq="month")
        assert months[0]["period"] == "2025-03-01"
        assert months[0]["events"] == sum(
            months[0][k]
            for k in (
                "verbal_cooperation",
                "material_cooperation",
                "verbal_conflict",
                "material_conflict",
            )
        )
        graph = store.network()
        assert {"source": "RUS", "target": "CHN"}.items() <= {
            **next(e for e in graph["edges"] if (e["source"], e["target"]) == ("RUS", "CHN"))
        }.items()
        quotes = store.quotes(speaker="CHN")
        assert quotes and all(q["speaker"] == "CHN" for q in quotes)
        assert any("core interests" in q["text"] for q in quotes)


def test_recode_replaces_events_under_a_new_run(pipeline, store_target):
    ingest_paths(pipeline, EXAMPLES, store_target)
    before = _events(store_target)
    articles, n = recode(pipeline, store_target)
    assert articles == 6 and n == len(before)
    assert _events(store_target) == before
    with open_store(store_target) as store:
        runs = {r["run_id"] for r in store.records()}
    assert runs == {pipeline.run.run_id}


def test_every_export_reads_back(pipeline, store_target, tmp_path):
    ingest_paths(pipeline, EXAMPLES, store_target)
    with open_store(store_target) as store:
        records = list(store.records())
    n = len(records)
    assert export(records, "parquet", tmp_path / "e.parquet") == n
    with duckdb.connect() as con:
        assert con.execute(f"SELECT count(*) FROM '{tmp_path / 'e.parquet'}'").fetchone()[0] == n
    export(records, "csv", tmp_path / "e.csv")
    with (tmp_path / "e.csv").open() as f:
        assert len(list(csv.DictReader(f))) == n
    export(records, "jsonl", tmp_path / "e.jsonl")
    lines = (tmp_path / "e.jsonl").read_text().splitlines()
    assert [json.loads(line)["event_id"] for line in lines] == [r["event_id"] for r in records]
    export(records, "gdelt", tmp_path / "e.tsv")
    rows = [line.split("\t") for line in (tmp_path / "e.tsv").read_text().splitlines()]
    assert len(rows) == n and {len(r) for r in rows} == {len(GDELT_COLUMNS)} == {61}
    first = dict(zip(GDELT_COLUMNS, rows[0], strict=True))
    assert first["EventCode"] == records[0]["cameo"]
    assert first["SQLDATE"] == records[0]["event_date"].replace("-", "")
    export(records, "plover", tmp_path / "e.json")
    plover = json.loads((tmp_path / "e.json").read_text())
    assert plover and all(p["event"] for p in plover)
    assert len(plover) == sum(1 for r in records if r["plover"])


def test_an_older_schema_is_migrated(tmp_path):
    from communique.store.schema import MIGRATIONS

    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        con.execute("INSERT INTO schema_version VALUES (1)")
        for statement in MIGRATIONS[0][1]:
            con.execute(statement.format(double="DOUBLE"))
        con.execute(
            "INSERT INTO events (event_id, doc_id, cameo, cameo_root) "
            "VALUES ('e1', 'd1', '040', '04')"
        )
    with open_store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.counts()["quotes"] == 0 and store.counts()["events"] == 1
        assert [r["run_id"] for r in store.records()] == [None]


def test_seed_timeline_shows_each_years_cooperation(pipeline, shared, tmp_path):
    db = tmp_path / "seeds.duckdb"
    ingest_paths(pipeline, [str(shared / "seeds" / "articles")], db)
    with open_store(db) as store:
        years = {row["period"][:4]: row for row in store.timeline(dyad=("CHN", "RUS"), freq="year")}
        dated = {a.published.year for a in store.articles() if a.published}
    assert {str(y) for y in dated} <= set(years)
    assert all(
        row["verbal_cooperation"] + row["material_cooperation"] > 0 for row in years.values()
    )


def test_unreachable_postgres_is_one_clear_error():
    from communique.store import StoreError

    with pytest.raises(StoreError, match=r"cannot connect"):
        open_store("postgresql://nobody:secret@127.0.0.1:9/none")


def test_appending_never_rewrites_what_is_stored(tmp_path):
    """Each checkpoint writes the new rows in their own row group; the groups stored before
    keep their blocks, so a long ingest does not rewrite the table as it grows."""
    from communique.records import Article

    path = tmp_path / "grow.duckdb"

    def layout(store):
        return store.db.execute(
            "SELECT row_group_id, list(DISTINCT block_id ORDER BY block_id) "
            "FROM pragma_storage_info('articles') GROUP BY 1 ORDER BY 1"
        ).fetchall()

    layouts = []
    for session in range(3):
        with open_store(path) as store:
            batch = [
                (Article(doc_id=f"s{session}-{i}", text=f"Article {i} of session {session}."), [])
                for i in range(3000)
            ]
            store.add_batch(batch)
            store.db.execute("CHECKPOINT")
            layouts.append(layout(store))
    assert [len(groups) for groups in layouts] == [1, 2, 3]
    assert layouts[2][:2] == layouts[1] and layouts[1][:1] == layouts[0]
    with open_store(path) as store:
        assert store.counts()["articles"] == 9000


def test_each_back_end_keeps_the_indexes_its_planner_uses(store_target):
    """DuckDB scans an index only for a filter on its single column, so the dyad index is
    dropped there; PostgreSQL's B-tree serves dyad filters and keeps it."""
    with open_store(store_target) as store:
        if store.dialect == "duckdb":
            sql = "SELECT index_name FROM duckdb_indexes()"
        else:
            sql = "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'"
        names = {row[0] for row in store._query(sql)}
    assert {"events_doc", "quotes_doc"} <= names
    assert ("events_dyad" in names) == (store.dialect == "postgres")


def test_duckdb_memory_limit_grows_only_with_a_large_store(tmp_path):
    """The page cache is bounded at 256 MB; past that the limit follows the file, so the
    key indexes of a large store always fit."""
    from communique.store.duckdb import CACHE, cache_limit

    small, large = tmp_path / "small.duckdb", tmp_path / "large.duckdb"
    with open_store(small) as store:
        setting = store.db.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        assert setting == "256.0 MiB"
    with open(large, "wb") as out:
        out.truncate(600 * 2**20)  # sparse: the size is what counts
    assert cache_limit(str(small)) == CACHE
    assert cache_limit(str(large)) == 640 * 2**20
    assert cache_limit(":memory:") == CACHE


def test_stored_hashes_answer_many_keys_at_once(store_target):
    from communique.records import Article

    with open_store(store_target) as store:
        store.add_batch([(Article(doc_id=f"d{i}", text=f"Text {i}."), []) for i in range(1200)])
        found = store.stored_hashes(f"d{i}" for i in range(0, 2400, 2))
        assert store.stored_hash("d3") == Article(doc_id="d3", text="Text 3.").content_hash
    assert sorted(found) == sorted(f"d{i}" for i in range(0, 1200, 2))
    assert found["d4"] == Article(doc_id="d4", text="Text 4.").content_hash


def test_a_long_ingest_reopens_duckdb_to_drop_its_cache(tmp_path, monkeypatch):
    """DuckDB keeps the blocks it wrote until its memory limit; past a budget the store
    reopens its database, with its settings, and nothing written is lost."""
    from communique.dedup import dedup_store
    from communique.records import Article
    from communique.store import duckdb as duckdb_store

    monkeypatch.setattr(duckdb_store, "RECONNECT", 2**20)
    connections = []
    with open_store(tmp_path / "long.duckdb") as store:
        for b in range(12):
            batch = [
                (
                    Article(
                        doc_id=f"b{b}-{i}", text=f"Story {i} of batch {b}, told at length. " * 12
                    ),
                    [],
                )
                for i in range(500)
            ]
            assert store.add_batch(batch) == (500, 0)
            assert store.cached() <= duckdb_store.RECONNECT
            if not any(store.db is seen for seen in connections):
                connections.append(store.db)
        assert len(connections) > 1
        settings = store.db.execute(
            "SELECT current_setting('max_vacuum_tasks'), current_setting('memory_limit')"
        ).fetchall()
        assert settings == [(0, "256.0 MiB")]
        articles, _, _ = dedup_store(store)
        assert articles == store.counts()["articles"] == 6000
        assert store._query("SELECT count(*) FROM stories") == [(6000,)]
        assert "checkpoint_threshold" not in store.options


def test_an_in_memory_store_never_reopens(monkeypatch):
    """Reopening ``:memory:`` would start an empty database: its rows must stay."""
    from communique.records import Article
    from communique.store import duckdb as duckdb_store

    monkeypatch.setattr(duckdb_store, "RECONNECT", 0)
    with open_store(":memory:") as store:
        first = store.db
        for b in range(3):
            store.add_batch(
                [(Article(doc_id=f"{b}-{i}", text="Text " * 50), []) for i in range(500)]
            )
        assert store.db is first
        assert store.counts()["articles"] == 1500
