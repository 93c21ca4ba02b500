"""RSS and Atom feeds: an article per entry, from its content or its summary."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import feedparser

from ..errors import InputError
from ..records import Article, Skipped
from .html import article_from_html
from .urls import date_from_url, id_for

ROOT = re.compile(rb"<(rss|feed|rdf:RDF)\b", re.I)


def is_feed(data: bytes) -> bool:
    return bool(ROOT.search(data[:2048]))


def read_feed(data: bytes, name: str, stem: str) -> Iterator[Article | Skipped]:
    if not is_feed(data):
        found = re.search(rb"<\s*([A-Za-z][\w:-]*)", data[:2048])
        root = found.group(1).decode("ascii", "replace") if found else "none"
        raise InputError(f"{name}: not RSS or Atom (root <{root}>)")
    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        raise InputError(f"{name}: malformed feed ({feed.bozo_exception})")
    outlet = feed.feed.get("title") or None
    for n, entry in enumerate(feed.entries, start=1):
        where = f"{name}#{n}"
        body = ""
        if entry.get("content"):
            body = entry.content[0].get("value", "")
        body = body or entry.get("summary", "")
        link = entry.get("link")
        doc_id = id_for(entry.get("id") or link or f"{stem}:{n}", stem)
        if not body.strip():
            yield Skipped(where, "entry has no content or summary")
            continue
        try:
            article = article_from_html(
                f"<html><body><article>{body}</article></body></html>"
                if "<" in body
                else f"<p>{body}</p>",
                where,
                doc_id,
                link,
            )
        except InputError as err:
            yield Skipped(where, str(err).split(": ", 1)[-1])
            continue
        published, date_source = article.published, article.date_source
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        if parsed:
            published, date_source = date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday), "header"
        elif published is None and link:
            published = date_from_url(link)
            date_source = "url" if published else "none"
        yield Article(
            doc_id=doc_id,
            text=article.text,
            title=entry.get("title") or article.title,
            published=published,
            date_source=date_source,
            outlet=outlet,
            url=link,
            path=where,
        )
