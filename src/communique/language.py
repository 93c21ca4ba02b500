"""Telling English articles from others, so that no foreign text is coded as nonsense."""

from __future__ import annotations

import py3langid

# Shorter texts (a headline, a caption) are too short to judge: they are let through.
MIN_CHARACTERS = 200


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language, or None when it is too short to tell."""
    sample = text[:3000]
    if len(sample.strip()) < MIN_CHARACTERS:
        return None
    language, _ = py3langid.classify(sample)
    return language
