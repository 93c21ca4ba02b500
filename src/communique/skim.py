"""Which sentences are worth parsing: a dictionary pass over the tokenizer's output.

The tagger, parser and entity recogniser cost fifty times what the tokenizer does, and most
sentences of a news article name no actor an event could attach to ("Prices rose 3% in
May."). Such a sentence yields no event, no actor for a later "he" or "the two sides", and
no quotation, so it is blanked before the pipeline runs. Blanking with spaces keeps every
character offset of the sentences that are parsed.

The pass is generous on purpose: any word the resolver could turn into an actor keeps its
sentence (names, adjectives, capitals, office-holders' names and surnames, role nouns,
pronouns, "both sides"), and so does any quotation mark.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .actors.dictionary import ActorDictionary
from .actors.resolve import (
    FIRST_PERSON,
    GROUP_PRONOUNS,
    HOME_GOVERNMENT,
    PAIR_NOUNS,
    PERSON_PRONOUNS,
    PERSON_ROLES,
    THING_PRONOUNS,
)

QUOTE_MARKS = frozenset('"“”«»')
OPENING = frozenset("“«")
STRAIGHT = frozenset('"')
SENTENCE_END = frozenset({".", "!", "?", "…"})
CLOSERS = frozenset({'"', "”", "’", "'", ")", "]", "»"})


def _plural(word: str) -> str:
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


class Skimmer:
    """Blanks the sentences of a text that name no actor; build once per process."""

    def __init__(self, nlp: Language, dictionary: ActorDictionary) -> None:
        self.tokenizer = nlp.tokenizer
        words: set[str] = set()
        phrases: list[str] = []

        def add(phrase: str) -> None:
            tokens = phrase.lower().split()
            if len(tokens) == 1:
                words.add(tokens[0])
            elif tokens:
                phrases.append(phrase)

        for phrase in dictionary.phrases:
            add(phrase)
        for name in dictionary.officials:
            # Either part alone can stand for a person the article named in full.
            words.update(part.lower() for part in name.split())
        words.update(short.lower() for short in dictionary.short_names)
        for phrase in dictionary.agents:
            add(phrase)
            add(" ".join([*phrase.split()[:-1], _plural(phrase.split()[-1])]))
        for word in PERSON_ROLES | PAIR_NOUNS | HOME_GOVERNMENT:
            words.update((word, _plural(word)))
        words |= PERSON_PRONOUNS | THING_PRONOUNS | GROUP_PRONOUNS | FIRST_PERSON
        words.discard("")
        self.words = frozenset(words)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher.add("actor", list(self.tokenizer.pipe(phrases)))

    def mask(self, text: str) -> tuple[str, int]:
        """The text with unneeded sentences blanked, and how many characters were blanked."""
        doc = self.tokenizer(text)
        wanted = [False] * len(doc)
        for _, start, end in self.matcher(doc):
            for i in range(start, end):
                wanted[i] = True
        blank: list[tuple[int, int]] = []
        quoting = False  # inside a quotation that runs over several sentences
        for start, end in _units(doc):
            tokens = doc[start:end]
            marks = [c for t in tokens for c in t.text if c in QUOTE_MARKS]
            keep = quoting or bool(marks) or any(wanted[start:end])
            for mark in marks:
                quoting = mark in OPENING or (mark in STRAIGHT and not quoting)
            if "\n" in tokens[-1].whitespace_ or "\n" in tokens[-1].text:
                quoting = False  # a quotation that goes on opens again in the next paragraph
            if keep or any(t.lower_ in self.words for t in tokens):
                continue
            blank.append((tokens.start_char, tokens.end_char))
        if not blank:
            return text, 0
        return _blanked(text, blank), sum(b - a for a, b in blank)


def _units(doc: Doc) -> Iterable[tuple[int, int]]:
    """Token ranges of sentences, split at line breaks and at sentence-final punctuation
    followed by a capital, a digit or a quotation mark. Splitting too little only parses
    more; so a full stop after an abbreviation never ends a unit unless a capital follows.
    """
    start = 0
    n = len(doc)
    for token in doc:
        i = token.i
        end_here = "\n" in token.whitespace_ or (token.is_space and "\n" in token.text)
        final = token.text in SENTENCE_END or (
            token.text in CLOSERS and i > 0 and doc[i - 1].text in SENTENCE_END
        )
        if final and not end_here and not _abbreviation(doc, i):
            following = doc[i + 1] if i + 1 < n else None
            if following is not None and following.text in CLOSERS:
                continue
            end_here = following is None or (
                following.text[:1].isupper()
                or following.text[:1].isdigit()
                or following.text[:1] in QUOTE_MARKS
                or following.is_space
            )
        if end_here:
            if i + 1 > start:
                yield start, i + 1
            start = i + 1
    if start < n:
        yield start, n


def _abbreviation(doc: Doc, i: int) -> bool:
    """'Col. Radiyow', 'J. Smith': a full stop after a short capitalised word may not end
    the sentence. Taking a real end for one only joins two sentences."""
    if doc[i].text != "." or i == 0:
        return False
    word = doc[i - 1].text
    return word.isalpha() and word[:1].isupper() and len(word) <= 4


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    parts: list[str] = []
    at = 0
    for start, end in spans:
        parts.append(text[at:start])
        parts.append("".join("\n" if c == "\n" else " " for c in text[start:end]))
        at = end
    parts.append(text[at:])
    return "".join(parts)


__all__ = ["Skimmer"]
