"""Options that travel down the pipeline, in one frozen record."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .nlp import DEFAULT_MODEL
from .sources.options import ReadOptions


@dataclass(frozen=True, slots=True)
class Settings:
    model: str = DEFAULT_MODEL
    # Texts per nlp.pipe batch: large enough to keep the parser's matrices busy, small
    # enough that one batch of long articles stays well under a gigabyte.
    batch_size: int = 32
    # Used for articles whose text carries no date of its own (`code --published`).
    published: date | None = None
    # Articles in other languages are skipped with a reason, not coded.
    languages: tuple[str, ...] = ("en",)
    read: ReadOptions = field(default_factory=ReadOptions)
    # Longer texts are not news articles (a log, a book, a dump) and would need gigabytes
    # to parse: they are skipped with the reason.
    max_chars: int = 200_000
    # Sentences that name no actor are blanked before parsing (see skim.py); off only to
    # measure what skimming saves.
    skim: bool = True
