"""The dashboard: JSON API through FastAPI's TestClient, pages in a real Chromium."""

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from communique.ingest import ingest_paths
from communique.web.app import create_app

DOCS = Path(__file__).resolve().parents[1] / "docs"
HOSTILE = """Kenya and Ethiopia sign border deal

Kenya and Ethiopia signed a border security agreement on Tuesday, officials said. <script>document.title = "pwned"</script> <img src=x onerror="document.title='pwned'">
"""


@pytest.fixture(scope="module")
def db(pipeline, tmp_path_factory):
    from importlib import resources

    folder = tmp_path_factory.mktemp("web")
    examples = resources.files("communique").joinpath("data/examples")
    paths = sorted(str(p) for p in examples.iterdir() if p.name.endswith(".txt"))
    (folder / "hostile.txt").write_text(HOSTILE)
    path = folder / "web.duckdb"
    ingest_paths(pipeline, [*paths, str(folder / "hostile.txt")], path)
    return str(path)


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db))


def test_overview_api_counts_and_dyads(client):
    data = client.get("/api/overview").json()
    assert data["counts"]["articles"] == 7
    assert {"source": "CHN", "target": "RUS"}.items() <= {
        **next(d for d in data["dyads"] if (d["source"], d["target"]) == ("CHN", "RUS"))
    }.items()
    assert data["quad_by_month"]


def test_dyad_api_has_timeline_and_bounded_pages(client):
    data = client.get("/api/dyad/CHN/RUS").json()
    assert data["timeline"][0]["period"] == "2025-03-01"
    assert all((e["source"], e["target"]) == ("CHN", "RUS") for e in data["events"]["items"])
    page = client.get("/api/events?size=2").json()
    assert len(page["items"]) == 2 and page["pages"] >= 2
    assert client.get("/api/events?size=5000").status_code == 422


def test_article_api_marks_evidence_and_furniture(client):
    data = client.get("/api/article/china_russia_talks").json()
    removed = [line for line in data["lines"] if not line["kept"]]
    marked = [p for line in data["lines"] for p in line["parts"] if p["mark"]]
    assert removed and any("Latest News" in line["parts"][0]["text"] for line in removed)
    assert marked and data["events"]
    assert client.get("/api/article/nope").status_code == 404


def test_query_parameters_reach_sql_only_as_values(client):
    assert client.get("/api/events", params={"text": "' OR 1=1 --"}).json()["total"] == 0
    assert client.get("/api/events", params={"source": "CHN' --"}).status_code == 422
    assert client.get("/api/search", params={"q": "'; DROP TABLE events; --"}).status_code == 200
    assert client.get("/api/overview").json()["counts"]["events"] > 0


def test_article_text_is_escaped(client):
    page = client.get("/article/hostile").text
    assert "<script>document.title" not in page and "&lt;script&gt;" in page
    assert "<img src=x" not in page


def test_no_endpoint_writes_and_plotly_is_served_locally(client):
    assert client.post("/api/overview").status_code == 405
    assert client.delete("/api/article/hostile").status_code == 405
    html = client.get("/").text
    src = html.split('<script src="', 1)[1].split('"', 1)[0]
    assert src.startswith("/assets/plotly-") and "http" not in src
    assert client.get(src).headers["content-type"].startswith("application/javascript")
    spec = client.get("/openapi.json").json()
    assert "/api/overview" in spec["paths"] and client.get("/api").status_code == 200


@pytest.fixture(scope="module")
def server(db):
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    for _ in range(100):
        if instance.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser():
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed (python3 tasks.py test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


def test_two_clicks_from_overview_reach_the_highlighted_sentence(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + "/")
    page.wait_for_selector("#quad-chart .main-svg")
    page.screenshot(path=str(DOCS / "overview.png"), full_page=True)
    page.click('a.dyad-link[href="/dyad/CHN/RUS"]')
    page.wait_for_selector("#dyad-chart .main-svg")
    assert page.url.endswith("/dyad/CHN/RUS")
    page.screenshot(path=str(DOCS / "dyad.png"), full_page=True)
    page.click("a.evidence >> nth=0")
    page.wait_for_selector("article.text mark")
    assert "/article/" in page.url
    assert page.locator("article.text mark").count() > 0
    assert page.locator("article.text p.removed").count() > 0
    page.screenshot(path=str(DOCS / "article.png"), full_page=True)
    page.goto(server + "/actor/CHN")
    page.wait_for_selector("#actor-network .main-svg")
    page.screenshot(path=str(DOCS / "actor.png"), full_page=True)
    page.close()


def test_script_in_article_text_does_not_run(server, browser):
    page = browser.new_page()
    page.goto(server + "/article/hostile")
    page.wait_for_load_state("load")
    assert page.title() != "pwned"
    assert "<script>" in page.locator("article.text").inner_text()
    page.close()
