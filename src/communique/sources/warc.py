"""Web archives (WARC): an article per HTML response record."""

from __future__ import annotations

import io
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import InputError
from ..records import Article, Skipped
from .html import article_from_html
from .text import decode
from .urls import id_for


def read_warc(data: bytes, name: str, stem: str) -> Iterator[Article | Skipped]:
    if not data.lstrip().startswith(b"WARC/"):
        raise InputError(f"{name}: not a WARC file (no WARC/ header)")
    responses = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            if "html" not in content_type.lower():
                continue
            responses += 1
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"{stem}:{responses}"
            where = f"{name}#{uri}"
            try:
                payload = record.content_stream().read()
                yield article_from_html(decode(payload, where), where, id_for(uri, stem), uri)
            except InputError as err:
                yield Skipped(where, str(err).split(": ", 1)[-1])
    except (ArchiveLoadFailed, ValueError, EOFError, OSError, AttributeError, KeyError) as err:
        # warcio meets a malformed record with whichever error its parser hits first
        raise InputError(f"{name}: broken WARC ({type(err).__name__}: {err})") from err
    if responses == 0:
        raise InputError(f"{name}: no HTML responses in the WARC")
