"""Readers: each turns one kind of input into :class:`~communique.records.Article` records.

``read_paths`` accepts files, folders (read recursively), glob patterns and ``-`` for
standard input, and yields a :class:`~communique.records.Skipped` for any input it cannot
read instead of raising, so one bad file never stops a batch.
"""

from __future__ import annotations

import glob
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..records import Article, Skipped
from .text import read_text, read_text_stream

TEXT_SUFFIXES = {".txt", ".text", ""}


def expand_paths(paths: Iterable[str]) -> Iterator[Path | str]:
    """Files named, found in folders or matched by globs, in a stable order."""
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        path = Path(raw)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
            )
        elif path.exists():
            yield path
        else:
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                yield path  # reported as missing by read_paths
            yield from (Path(m) for m in matches if Path(m).is_file())


def read_paths(paths: Iterable[str]) -> Iterator[Article | Skipped]:
    """Articles from every input named, or a Skipped record for each that fails."""
    for path in expand_paths(paths):
        if path == "-":
            yield read_text_stream(sys.stdin.buffer, doc_id="stdin")
            continue
        try:
            yield read_text(path)
        except InputError as err:
            yield Skipped(str(path), str(err).split(": ", 1)[-1])


__all__ = ["Article", "Skipped", "expand_paths", "read_paths"]
