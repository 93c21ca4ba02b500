"""Plain-text articles, one per file."""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..records import Article, doc_id_for

# Tried in order after any byte-order mark: UTF-8 covers nearly all modern scrapes, and
# cp1252 decodes the legacy Western pages that remain (every byte sequence is valid in it,
# so it has to come last).
FALLBACK_ENCODINGS = ("utf-8", "cp1252")
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, name: str) -> str:
    """Text from bytes, or InputError naming ``name`` and the reason."""
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(f"{name}: binary file, not text")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as err:
                raise InputError(f"{name}: not valid {encoding} ({err.reason})") from err
    for encoding in FALLBACK_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{name}: cannot decode as text")


def read_text(path: Path) -> Article:
    """The raw article in a text file; cleaning comes later."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: {err.strerror or err}") from err
    text = decode(data, str(path))
    if not text.strip():
        raise InputError(f"{path}: empty file")
    return Article(doc_id=doc_id_for(path), text=text, path=str(path))


def read_text_stream(stream: BinaryIO, doc_id: str) -> Article:
    return Article(doc_id=doc_id, text=decode(stream.read(), doc_id), path="-")
