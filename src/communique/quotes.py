"""Direct quotations and who said them.

A quotation is text between double quotation marks (straight or curly) of at least a few
words. Its speaker is the subject of a verb of saying in the same sentence outside the
quotation ("…," Lavrov said; Lavrov said: "…"), resolved to an actor as any other mention.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from .actors.resolve import ActorMention, Resolver
from .events.grammar import SPEECH_VERBS, subject

QUOTE = re.compile(r"“([^”]{12,})”|\"([^\"\n]{12,})\"")
MIN_WORDS = 3


@dataclass(frozen=True, slots=True)
class Quote:
    doc_id: str
    text: str
    start: int
    end: int
    speaker: str | None
    speaker_agent: str | None
    speaker_text: str | None

    @property
    def quote_id(self) -> str:
        key = f"{self.doc_id}|{self.start}|{self.end}"
        return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()

    def to_dict(self) -> dict:
        return {
            "quote_id": self.quote_id,
            "doc_id": self.doc_id,
            "speaker": self.speaker,
            "speaker_agent": self.speaker_agent,
            "speaker_text": self.speaker_text,
            "text": self.text,
            "span": [self.start, self.end],
        }


Quotation = tuple[str, int, int, ActorMention | None]  # text, start, end, speaker


def quotations(doc: Doc, resolver: Resolver) -> list[Quotation]:
    """Every direct quotation in ``doc`` with its resolved speaker, where one is named."""
    found: list[Quotation] = []
    for match in QUOTE.finditer(doc.text):
        group = 1 if match.group(1) is not None else 2
        start, end = match.start(group), match.end(group)
        text = match.group(group).strip()
        if len(text.split()) < MIN_WORDS:
            continue
        speaker = _speaker(doc, start, end, resolver)
        if (
            speaker is None
            and found
            and found[-1][3] is not None
            and "\n" not in doc.text[found[-1][2] : start]
        ):
            speaker = found[-1][3]  # a quotation continued in the same paragraph
        found.append((text, start, end, speaker))
    return found


def quote_records(doc_id: str, found: list[Quotation]) -> list[Quote]:
    """The quotations of one article as records for the store."""
    return [
        Quote(
            doc_id=doc_id,
            text=text,
            start=start,
            end=end,
            speaker=speaker.code if speaker else None,
            speaker_agent=speaker.agent if speaker else None,
            speaker_text=speaker.text if speaker else None,
        )
        for text, start, end, speaker in found
    ]


def _speaker(doc: Doc, start: int, end: int, resolver: Resolver):
    """The resolved subject of a verb of saying around the quotation."""
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    last = doc.char_span(max(end - 1, start), end, alignment_mode="expand")
    if first is None or last is None:
        return None
    sentences: list[Span] = []
    for sent in (first.sent, last.sent):
        if all(sent.start != s.start for s in sentences):
            sentences.append(sent)
    # "… ," he said. — the attribution may also open the next sentence
    after = last.sent.end
    if after < len(doc):
        sentences.append(doc[after].sent)
    for sent in sentences:
        for token in sent:
            if start <= token.idx < end or token.lemma_.lower() not in SPEECH_VERBS:
                continue
            who, _ = subject(token)
            if who is None:
                continue
            mentions = resolver.resolve_all(who)
            if mentions:
                return mentions[0]
    return None
