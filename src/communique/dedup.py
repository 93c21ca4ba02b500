"""One event, many outlets: near-duplicate stories and cross-article event groups.

Articles whose texts are near duplicates (syndicated copies, updates of one story) are
grouped into stories with MinHash LSH (datasketch). Events are then grouped across
articles: the same (source, target, CAMEO root), dates within a window, and evidence that
agrees (the same story, the same 3-digit code, or evidence sentences that share enough
words). Each group counts its mentions, outlets and articles as GDELT does.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from datasketch import MinHash, MinHashLSH

SHINGLE = 5  # words per shingle
PERMUTATIONS = 128
STORY_THRESHOLD = 0.5  # estimated Jaccard of shingles above which two texts are one story
EVIDENCE_OVERLAP = 0.25  # share of content words two evidence sentences must have in common
STOP = frozenset({
    "the", "a", "an", "of", "to", "in", "on", "at", "and", "or", "for", "with", "by", "from",
    "that", "this", "is", "was", "were", "be", "been", "has", "have", "had", "it", "its", "as",
    "said", "says", "will", "would", "not", "but", "after", "over", "into", "about", "than",
    "their", "his", "her",
})  # fmt: skip


@dataclass(slots=True)
class EventGroup:
    """One real-world event and every article that reported it."""

    dedup_id: str
    source: str
    target: str
    cameo_root: str
    cameo: str
    event_date: date | None
    mentions: list[str] = field(default_factory=list)  # event_ids
    outlets: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)

    @property
    def num_mentions(self) -> int:
        return len(self.mentions)

    @property
    def num_sources(self) -> int:
        return max(1, len(self.outlets))

    @property
    def num_articles(self) -> int:
        return len(self.articles)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def signature(text: str) -> MinHash:
    words = _words(text)
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    minhash = MinHash(num_perm=PERMUTATIONS, seed=1)
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return minhash


def cluster_stories(
    articles: Iterable[tuple[str, str]], threshold: float = STORY_THRESHOLD
) -> dict[str, str]:
    """doc_id → story_id (the first doc_id of its cluster) for (doc_id, text) pairs."""
    lsh = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS)
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for doc_id, text in articles:
        minhash = signature(text)
        parent[doc_id] = doc_id
        for other in lsh.query(minhash):
            a, b = find(doc_id), find(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
        lsh.insert(doc_id, minhash)
    return {doc_id: find(doc_id) for doc_id in parent}


def _content(sentence: str) -> set[str]:
    return {w for w in _words(sentence) if w not in STOP and len(w) > 2}


def _agrees(a: dict, b: dict, stories: dict[str, str]) -> bool:
    if stories.get(a["doc_id"], a["doc_id"]) == stories.get(b["doc_id"], b["doc_id"]):
        return True
    if a["cameo"][:3] == b["cameo"][:3]:
        return True
    wa, wb = _content(a["sentence"]), _content(b["sentence"])
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= EVIDENCE_OVERLAP


def group_events(
    records: Iterable[dict], stories: dict[str, str], window_days: int = 2
) -> list[EventGroup]:
    """Events that report the same thing, merged; every event lands in exactly one group.

    ``records`` are DESIGN.md records with the article's ``outlet``. An event joins the
    first group of its (source, target, root) whose events it agrees with and whose date
    lies within ``window_days`` of its own.
    """
    by_key: dict[tuple[str, str, str], list[tuple[EventGroup, list[dict]]]] = defaultdict(list)
    groups: list[EventGroup] = []
    ordered = sorted(records, key=lambda r: (r["event_date"] or "", r["doc_id"], r["span"][0]))
    for record in ordered:
        key = (record["source"], record["target"], record["cameo_root"])
        day = date.fromisoformat(record["event_date"]) if record["event_date"] else None
        home = None
        for group, members in by_key[key]:
            if record["doc_id"] in group.articles:
                continue  # one article's restatements were merged when it was coded
            near = (
                day is None
                or group.event_date is None
                or abs((day - group.event_date).days) <= window_days
            )
            if near and any(_agrees(record, m, stories) for m in members):
                home = (group, members)
                break
        if home is None:
            group = EventGroup(
                dedup_id=record["event_id"],
                source=key[0],
                target=key[1],
                cameo_root=key[2],
                cameo=record["cameo"],
                event_date=day,
            )
            home = (group, [])
            by_key[key].append(home)
            groups.append(group)
        group, members = home
        group.mentions.append(record["event_id"])
        group.articles.add(record["doc_id"])
        if record.get("outlet"):
            group.outlets.add(record["outlet"])
        members.append(record)
    return groups


def dedup_store(store, window_days: int = 2) -> tuple[int, int, int]:
    """Cluster the stored articles into stories and group their events; returns
    (articles, stories, event groups)."""
    texts = store.article_texts()
    stories = cluster_stories(texts)
    groups = group_events(store.records(), stories, window_days)
    store.save_dedup(stories, groups)
    return len(texts), len(set(stories.values())), len(groups)
