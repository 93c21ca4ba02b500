"""Every input format, read from real files made here, broken ones included."""

import gzip
import io
import json
import zipfile
from datetime import date

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from communique.records import Article, Skipped
from communique.sources import read_paths

BODY = (
    "Kenya and Ethiopia signed a border security agreement on Tuesday in Nairobi, officials "
    "said. The two governments also agreed to share intelligence on armed groups operating "
    "along the frontier and to reopen the Moyale crossing to trade."
)
PAGE = f"""<!DOCTYPE html>
<html><head><title>Kenya and Ethiopia sign border deal | Horn Observer</title>
<meta property="og:site_name" content="Horn Observer">
<meta property="og:title" content="Kenya and Ethiopia sign border deal">
<meta property="article:published_time" content="2025-03-12T09:02:11Z">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/africa">Africa</a></nav>
<article><h1>Kenya and Ethiopia sign border deal</h1>
<p>{BODY}</p>
<p>Ethiopia's foreign ministry praised Kenya for its cooperation and said the two neighbours
would hold further talks in Addis Ababa next month on water sharing and grazing rights.</p>
</article>
<aside><h3>Latest News</h3><ul><li><a href="/a">Chile protests Peru fishing incursion</a></li>
<li><a href="/b">Ghana recalls ambassador over visa row</a></li></ul></aside>
<footer>Copyright 2025 Horn Observer. All rights reserved.</footer>
</body></html>"""


def read(*paths) -> list:
    return list(read_paths([str(p) for p in paths]))


def articles(items) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def skipped(items) -> list[Skipped]:
    return [i for i in items if isinstance(i, Skipped)]


def test_html_page_gives_body_title_outlet_and_date(tmp_path):
    path = tmp_path / "story.html"
    path.write_text(PAGE, encoding="utf-8")
    (article,) = read(path)
    assert article.doc_id == "story"
    assert article.title == "Kenya and Ethiopia sign border deal"
    assert article.outlet == "Horn Observer"
    assert article.published == date(2025, 3, 12) and article.date_source == "html"
    assert BODY[:60] in article.text
    assert "Chile" not in article.text and "Copyright" not in article.text


def test_jsonl_with_configured_fields(tmp_path):
    from communique.sources.options import ReadOptions

    path = tmp_path / "crawl.jsonl"
    rows = [
        {
            "uid": "a1",
            "maintext": BODY,
            "headline": "Border deal",
            "date_publish": "2025-03-12 09:00:00",
        },
        {"uid": "a2", "maintext": BODY, "link": "https://news.example/2024/11/02/story"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\nnot json at all\n{}\n")
    items = list(read_paths([str(path)], ReadOptions().with_fields("id=uid,title=headline")))
    first, second = articles(items)
    assert (first.doc_id, first.title, first.published, first.date_source) == (
        "a1",
        "Border deal",
        date(2025, 3, 12),
        "header",
    )
    assert (second.published, second.date_source, second.url) == (
        date(2024, 11, 2),
        "url",
        "https://news.example/2024/11/02/story",
    )
    reasons = {s.path.rsplit(":", 1)[-1]: s.reason for s in skipped(items)}
    assert reasons["3"].startswith("not JSON") and reasons["4"].startswith("no text in fields")


RSS = f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Horn Observer</title>
<item><title>Kenya and Ethiopia sign border deal</title><link>https://horn.example/ke-et</link>
<guid>ke-et-1</guid><pubDate>Wed, 12 Mar 2025 09:02:11 GMT</pubDate>
<description><![CDATA[<p>{BODY}</p>]]></description></item>
<item><title>Empty</title><link>https://horn.example/empty</link></item>
</channel></rss>"""
ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Horn Observer</title>
<entry><title>Kenya and Ethiopia sign border deal</title><id>urn:ke-et</id>
<link href="https://horn.example/ke-et"/><updated>2025-03-12T09:02:11Z</updated>
<content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content></entry></feed>"""


@pytest.mark.parametrize("name, feed", [("world.rss", RSS), ("world.atom", ATOM)])
def test_feed_entries_become_articles(tmp_path, name, feed):
    path = tmp_path / name
    path.write_text(feed, encoding="utf-8")
    items = read(path)
    (article,) = articles(items)
    assert article.title == "Kenya and Ethiopia sign border deal"
    assert article.outlet == "Horn Observer" and article.url == "https://horn.example/ke-et"
    assert article.published == date(2025, 3, 12) and article.date_source == "header"
    assert "border security agreement" in article.text
    if name == "world.rss":
        assert [s.reason for s in skipped(items)] == ["entry has no content or summary"]


def _warc(path, pages):
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=False)
        for uri, content_type, body in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    uri, "response", payload=io.BytesIO(body.encode("utf-8")), http_headers=headers
                )
            )


def test_warc_html_responses_become_articles(tmp_path):
    path = tmp_path / "crawl.warc"
    _warc(
        path,
        [
            ("https://horn.example/2025/03/12/ke-et", "text/html; charset=utf-8", PAGE),
            ("https://horn.example/logo.png", "image/png", "not an article"),
        ],
    )
    (article,) = read(path)
    assert article.url == "https://horn.example/2025/03/12/ke-et"
    assert article.title == "Kenya and Ethiopia sign border deal"
    assert article.doc_id.startswith("crawl_")


def test_gzip_and_zip_are_opened(tmp_path):
    (tmp_path / "story.txt.gz").write_bytes(gzip.compress(BODY.encode("utf-8")))
    with zipfile.ZipFile(tmp_path / "bundle.zip", "w") as archive:
        archive.writestr("a/story.html", PAGE)
        archive.writestr("b/note.txt", BODY)
        archive.writestr("c/broken.txt.gz", b"\x1f\x8b\x08\x00broken")
    items = read(tmp_path / "story.txt.gz", tmp_path / "bundle.zip")
    assert [a.doc_id for a in articles(items)] == ["story", "story", "note"]
    (bad,) = skipped(items)
    assert bad.path.endswith("bundle.zip!c/broken.txt.gz") and bad.reason.startswith("broken gzip")


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("truncated.txt.gz", gzip.compress(BODY.encode())[:30], "broken gzip"),
        ("broken.zip", b"PK\x03\x04garbage", "broken zip"),
        (
            "page.html",
            b"<html><body><nav>Home</nav></body></html>",
            "no article text found in the HTML",
        ),
        ("feed.rss", b"<html><body>not a feed</body></html>", "not RSS or Atom (root <html>)"),
        ("crawl.warc", b"WARC/1.0\r\nWARC-Type: resp", "no HTML responses in the WARC"),
        ("notes.warc", b"hello", "not a WARC file (no WARC/ header)"),
        ("empty.txt", b"", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary file"),
    ],
)
def test_broken_inputs_are_skipped_with_a_reason_and_the_batch_goes_on(
    tmp_path, name, data, reason
):
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text(BODY)
    items = read(tmp_path / name, tmp_path / "good.txt")
    assert [a.doc_id for a in articles(items)] == ["good"]
    (bad,) = skipped(items)
    assert bad.path == str(tmp_path / name) and bad.reason.startswith(reason), bad


def test_symlink_loop_in_a_folder_is_not_followed(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(BODY)
    (folder / "loop").symlink_to(folder)
    assert [a.doc_id for a in articles(read(folder))] == ["a"]


def test_non_english_article_is_skipped_with_its_language(pipeline, tmp_path):
    from communique.pipeline import Report

    (tmp_path / "fr.txt").write_text(
        "Le Kenya et l'Éthiopie ont signé mardi un accord sur la sécurité de la frontière, "
        "ont indiqué des responsables. Les deux gouvernements ont aussi convenu de partager "
        "des renseignements sur les groupes armés qui opèrent le long de la frontière."
    )
    (tmp_path / "en.txt").write_text(BODY)
    report = Report()
    coded = list(pipeline.code_paths([str(tmp_path)], report))
    assert [c.article.doc_id for c in coded] == ["en"]
    assert [(s.path.rsplit("/", 1)[-1], s.reason) for s in report.skipped] == [
        ("fr.txt", "language 'fr', not English")
    ]


def test_news_please_records_and_gzip_errors_name_the_real_file(tmp_path):
    """A news-please dump read with no --fields; a bad line of a gzipped file is reported
    under the file's own name, the one the user can open."""
    import gzip

    path = tmp_path / "crawl.jsonl.gz"
    record = {
        "title": "Border deal",
        "maintext": BODY,
        "date_publish": "2025-03-12 09:00:00",
        "source_domain": "horn.example",
        "url": "https://horn.example/ke-et",
    }
    path.write_bytes(gzip.compress((json.dumps(record) + "\n{broken\n").encode()))
    items = list(read_paths([str(path)]))
    (article,) = articles(items)
    assert (article.title, article.outlet, article.published) == (
        "Border deal",
        "horn.example",
        date(2025, 3, 12),
    )
    assert [s.path for s in skipped(items)] == [f"{path}:2"]


def test_outlet_falls_back_to_the_url_host(tmp_path):
    path = tmp_path / "links.jsonl"
    rows = [
        {"text": BODY, "url": "https://www.horn-observer.example/2025/03/12/ke-et"},
        {"text": BODY, "url": "https://m.coast.example/news/1", "publisher": "Coast Daily"},
        {"text": BODY},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    outlets = [a.outlet for a in articles(list(read_paths([str(path)])))]
    assert outlets == ["horn-observer.example", "Coast Daily", None]
