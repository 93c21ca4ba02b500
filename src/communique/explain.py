"""Showing how the coder read one sentence: parse, actors, patterns tried and why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .actors.resolve import ActorMention
from .clean import mask_datelines
from .pipeline import Pipeline
from .records import Article, Event


@dataclass(frozen=True, slots=True)
class TokenRow:
    i: int
    text: str
    lemma: str
    pos: str
    dep: str
    head: int


@dataclass(frozen=True, slots=True)
class AttemptRow:
    word: str
    rule: str
    cameo: str
    outcome: str


@dataclass(frozen=True, slots=True)
class Explanation:
    text: str
    tokens: list[TokenRow]
    actors: list[ActorMention]
    attempts: list[AttemptRow]
    events: list[Event]


def explain(pipeline: Pipeline, text: str, day: date | None = None) -> Explanation:
    """Every step of coding ``text`` (not cleaned: a sentence has no page furniture)."""
    article = Article(
        doc_id="explain", text=text, published=day, date_source="given" if day else "none"
    )
    doc = pipeline.nlp(mask_datelines(text))
    events, attempts = pipeline.coder.trace(doc, article)
    resolver = pipeline.coder.resolver(doc, day)
    tokens = [
        TokenRow(t.i, t.text, t.lemma_, t.pos_, t.dep_, t.head.i) for t in doc if not t.is_space
    ]
    rows = [AttemptRow(a.token.text, a.pattern.id, a.pattern.cameo, a.outcome) for a in attempts]
    return Explanation(text, tokens, resolver.mentions(), rows, events)


def actor_mentions(pipeline: Pipeline, text: str, day: date | None = None) -> list[ActorMention]:
    """Every actor ``text`` names, as the coder resolves it on ``day``, in text order:
    dictionary names, office-holders, role phrases, pronouns and "the two sides"."""
    doc = pipeline.nlp(mask_datelines(text))
    resolver = pipeline.coder.resolver(doc, day)
    found = {(m.start, m.end, m.code): m for m in resolver.mentions()}
    for token in doc:
        if token.pos_ in ("NOUN", "PROPN", "PRON") and token.dep_ not in ("compound", "amod"):
            for mention in resolver.resolve_all(token):
                found.setdefault((mention.start, mention.end, mention.code), mention)
    # A phrase inside a longer one that resolves to the same actor says nothing more.
    mentions = sorted(found.values(), key=lambda m: (m.start, -m.end))
    kept: list[ActorMention] = []
    for m in mentions:
        if any(k.code == m.code and k.start <= m.start and m.end <= k.end for k in kept):
            continue
        kept.append(m)
    return kept
