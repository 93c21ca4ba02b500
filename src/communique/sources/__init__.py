"""Readers: each turns one kind of input into :class:`~communique.records.Article` records.

``read_paths`` accepts files, folders (read recursively), glob patterns and ``-`` for
standard input. The kind of each input is told by its name and, failing that, by its first
bytes: plain text, HTML, JSON lines, RSS/Atom, WARC, each possibly gzip-compressed or inside
a zip. An input that cannot be read becomes a :class:`~communique.records.Skipped` record
naming the file and the reason, so one bad file never stops a batch.
"""

from __future__ import annotations

import glob
import gzip
import io
import sys
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..records import Article, Skipped, doc_id_for
from .feeds import is_feed, read_feed
from .html import read_html
from .jsonl import read_jsonl
from .options import ReadOptions
from .text import read_text
from .warc import read_warc

KINDS = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".warc": "warc", ".arc": "warc",
}  # fmt: skip
CONTAINERS = {".gz", ".zip"}
# A single input larger than this is refused rather than read into memory.
MAX_BYTES = 512 * 1024 * 1024


def kind_of(name: str, head: bytes) -> str:
    """The reader for an input, by its suffix or else by its first bytes."""
    kind = KINDS.get(Path(name).suffix.lower())
    if kind:
        return kind
    start = head.lstrip()[:512].lower()
    if start.startswith(b"warc/"):
        return "warc"
    if is_feed(head):
        return "feed"
    if start.startswith((b"<!doctype html", b"<html")) or b"<body" in start:
        return "html"
    if start.startswith((b"{", b"[")):
        return "jsonl"
    return "text"


def read_bytes(
    data: bytes, name: str, options: ReadOptions | None = None
) -> Iterator[Article | Skipped]:
    """Everything in one input's bytes; containers are opened and their members read."""
    yield from _read(data, name, name, options or ReadOptions())


def _read(data: bytes, name: str, plain: str, options: ReadOptions) -> Iterator[Article | Skipped]:
    """``data`` reported as ``name``; ``plain``, the name with the .gz suffixes opened so far
    taken off, gives its kind and its articles' ids, so that ``world.jsonl.gz:7`` names the
    file the user can find."""
    suffix = Path(plain).suffix.lower()
    if suffix == ".gz" or data[:2] == b"\x1f\x8b":
        try:
            inner = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as err:
            raise InputError(f"{name}: broken gzip ({err})") from err
        yield from _read(inner, name, plain[:-3] if suffix == ".gz" else plain, options)
        return
    if suffix == ".zip" or data[:4] == b"PK\x03\x04":
        yield from _read_zip(data, name, options)
        return
    stem = doc_id_for(Path(plain))
    kind = kind_of(plain, data[:4096])
    if kind == "html":
        yield from read_html(data, name, stem)
    elif kind == "jsonl":
        yield from read_jsonl(data, name, stem, options)
    elif kind == "feed":
        yield from read_feed(data, name, stem)
    elif kind == "warc":
        yield from read_warc(data, name, stem)
    else:
        yield from read_text(data, name, stem)


def _read_zip(data: bytes, name: str, options: ReadOptions) -> Iterator[Article | Skipped]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as err:
        raise InputError(f"{name}: broken zip ({err})") from err
    with archive:
        for member in sorted(archive.namelist()):
            if member.endswith("/") or not _readable(member):
                continue
            where = f"{name}!{member}"
            try:
                yield from _guard(read_bytes(archive.read(member), where, options), where)
            except (zipfile.BadZipFile, zlib.error, OSError) as err:
                yield Skipped(where, f"broken zip member ({err})")


def _readable(name: str) -> bool:
    suffix = Path(name).suffix.lower()
    if suffix == ".gz":
        suffix = Path(name[:-3]).suffix.lower()
    return suffix in KINDS or suffix in CONTAINERS or suffix == ""


def _guard(items: Iterator[Article | Skipped], where: str) -> Iterator[Article | Skipped]:
    """Pass records through; a reader's InputError becomes one Skipped record."""
    try:
        yield from items
    except InputError as err:
        yield Skipped(where, str(err).removeprefix(f"{where}: "))
    except Exception as err:
        # The parsers underneath (lxml, trafilatura, feedparser, warcio) raise assorted
        # exceptions on hostile input; one bad file must not stop a batch of thousands.
        yield Skipped(where, f"cannot parse ({type(err).__name__}: {str(err)[:120]})")


def expand_paths(paths: Iterable[str]) -> Iterator[Path | str]:
    """Files named, found in folders or matched by globs, in a stable order."""
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        path = Path(raw)
        if path.is_dir():
            yield from (p for p in _walk(path) if _readable(p.name))
        elif path.exists() or path.is_symlink():
            yield path
        else:
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                yield path  # reported as missing by read_paths
            yield from (Path(m) for m in matches if Path(m).is_file())


def _walk(folder: Path) -> Iterator[Path]:
    """Files below ``folder`` in path order, following no symlinked folders (so no loops).

    One folder's entries are held at a time, not the tree's: a corpus of a million files
    in a thousand folders streams.
    """
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        if entry.is_dir() and not entry.is_symlink():
            yield from _walk(entry)
        elif entry.is_file():
            yield entry


def read_paths(
    paths: Iterable[str], options: ReadOptions | None = None
) -> Iterator[Article | Skipped]:
    """Articles from every input named, or a Skipped record for each that fails."""
    for path in expand_paths(paths):
        name = "stdin" if path == "-" else str(path)
        try:
            if path == "-":
                data = sys.stdin.buffer.read()
            else:
                if path.is_symlink() and not path.exists():
                    raise InputError(f"{name}: broken symbolic link")
                if path.exists() and not path.is_file():
                    # a FIFO or device would block or never end
                    raise InputError(f"{name}: not a regular file")
                if path.stat().st_size > MAX_BYTES:
                    raise InputError(f"{name}: larger than {MAX_BYTES // 2**20} MB")
                data = path.read_bytes()
        except OSError as err:
            yield Skipped(name, err.strerror or str(err))
            continue
        except InputError as err:
            yield Skipped(name, str(err).removeprefix(f"{name}: "))
            continue
        yield from _guard(read_bytes(data, name, options), name)


__all__ = [
    "Article",
    "ReadOptions",
    "Skipped",
    "expand_paths",
    "kind_of",
    "read_bytes",
    "read_paths",
]
