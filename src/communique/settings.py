"""Options that travel down the pipeline, in one frozen record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .nlp import DEFAULT_MODEL


@dataclass(frozen=True, slots=True)
class Settings:
    model: str = DEFAULT_MODEL
    # Texts per nlp.pipe batch: large enough to keep the parser's matrices busy, small
    # enough that one batch of long articles stays well under a gigabyte.
    batch_size: int = 32
    # Used for articles whose text carries no date of its own (`code --published`).
    published: date | None = None
