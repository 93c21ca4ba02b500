"""Plain-text articles, one per file, in whatever encoding they came in."""

from __future__ import annotations

import codecs
from collections.abc import Iterator

import charset_normalizer

from ..errors import InputError
from ..records import Article

# The encodings news pages are actually published in; left to itself charset-normalizer
# may pick an exotic code page (hp_roman8) for a short Western text.
WEB_ENCODINGS = [
    "cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r", "cp1253",
    "cp1254", "cp1255", "cp1256", "cp1257", "gb18030", "big5", "shift_jis", "euc_jp",
    "euc_kr", "utf_16", "utf_32",
]  # fmt: skip
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, name: str) -> str:
    """Text from bytes: a byte-order mark, then UTF-8, then charset-normalizer's best guess."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as err:
                raise InputError(f"{name}: not valid {encoding} ({err.reason})") from err
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        matches = charset_normalizer.from_bytes(data, cp_isolation=WEB_ENCODINGS)
        best = matches.best()
        if best is None:
            raise InputError(f"{name}: binary file or unknown encoding") from None
        # Western code pages differ in a handful of letters that statistics on a short
        # text cannot tell apart; English-language news is far more often cp1252.
        western = [m for m in matches if m.encoding in ("cp1252", "latin_1", "iso8859_15")]
        if western and western[0].chaos <= best.chaos + 0.01:
            best = western[0]
        text = str(best)
    if "\x00" in text:
        raise InputError(f"{name}: binary file, not text")
    return text


def read_text(data: bytes, name: str, doc_id: str) -> Iterator[Article]:
    """One raw article; cleaning comes later."""
    text = decode(data, name)
    if not text.strip():
        raise InputError(f"{name}: empty file")
    yield Article(doc_id=doc_id, text=text, path=name)
