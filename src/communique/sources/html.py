"""Saved web pages: the article body, title, outlet and date found by trafilatura."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date

import trafilatura

from ..dates import parse_iso
from ..errors import InputError
from ..records import Article
from .text import decode
from .urls import date_from_url, outlet_from_url

# Fewer words than this is a navigation page or an error page, not a news item.
MIN_WORDS = 10
# trafilatura reports pages it cannot use through logging; the reader raises instead.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def article_from_html(html: str, name: str, doc_id: str, url: str | None = None) -> Article:
    """The main text of one HTML page, or InputError when it has none."""
    if "<" not in html:
        raise InputError(f"{name}: not HTML")
    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    if result is None or len((result.text or "").split()) < MIN_WORDS:
        raise InputError(f"{name}: no article text found in the HTML")
    published: date | None = None
    date_source = "none"
    try:
        published = parse_iso(result.date)
        date_source = "html" if published else "none"
    except ValueError:
        published = None
    if published is None and (url or result.url):
        published = date_from_url(url or result.url)
        date_source = "url" if published else "none"
    return Article(
        doc_id=doc_id,
        text=result.text,
        title=result.title or None,
        published=published,
        date_source=date_source,
        outlet=result.sitename or outlet_from_url(url or result.url),
        url=url or result.url or None,
        path=name,
    )


def read_html(data: bytes, name: str, doc_id: str) -> Iterator[Article]:
    yield article_from_html(decode(data, name), name, doc_id)
