"""One event, many outlets: near-duplicate stories and cross-article event groups.

Articles whose texts are near duplicates (syndicated copies, updates of one story) are
grouped into stories with MinHash LSH (datasketch). Events are then grouped across
articles: the same (source, target, CAMEO root), dates within a window, and evidence that
agrees (the same story, the same 3-digit code, or evidence sentences that share enough
words). Each group counts its mentions, outlets and articles as GDELT does.
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from datasketch import MinHash, MinHashLSH

from .dates import as_date

SHINGLE = 5  # words per shingle
PERMUTATIONS = 128
STORY_THRESHOLD = 0.5  # estimated Jaccard of shingles above which two texts are one story
STORY_DAYS = 3  # an article's copies and updates appear within days of it
UNDATED_WINDOW = 10_000  # undated articles: compared with this many undated ones before
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
    articles: Iterable[tuple],
    threshold: float = STORY_THRESHOLD,
    window_days: int = STORY_DAYS,
) -> dict[str, str]:
    """doc_id → story_id (the first doc_id of its cluster) for (doc_id, text[, published]).

    With publication dates and the articles in date order, an article is compared only
    with those published within ``window_days`` before it, so memory holds one window's
    signatures, not the corpus's. Undated articles are compared with the undated ones
    that came just before them.
    """
    lsh = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS)
    parent: dict[str, str] = {}
    window: deque[tuple[date, str]] = deque()
    undated: deque[str] = deque()

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for doc_id, text, *rest in articles:
        published = as_date(rest[0]) if rest else None
        if published is not None:
            while window and (published - window[0][0]).days > window_days:
                lsh.remove(window.popleft()[1])
        minhash = signature(text)
        parent[doc_id] = doc_id
        for other in lsh.query(minhash):
            a, b = find(doc_id), find(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
        if doc_id in lsh:
            continue  # the same doc_id twice: keep the first signature
        lsh.insert(doc_id, minhash)
        if published is not None:
            window.append((published, doc_id))
        else:
            # Input order stands in for time: an undated article is compared with the
            # undated ones just before it, so memory stays bounded for them too.
            undated.append(doc_id)
            if len(undated) > UNDATED_WINDOW:
                lsh.remove(undated.popleft())
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

    ``records`` are DESIGN.md records with the article's ``outlet``, in any order.
    """
    ordered = sorted(records, key=lambda r: (r["event_date"] or "", r["doc_id"], r["span"][0]))
    return list(iter_groups(ordered, stories, window_days))


def iter_groups(
    records: Iterable[dict], stories: dict[str, str], window_days: int = 2
) -> Iterator[EventGroup]:
    """Groups of ``records`` given in date order (undated first), each yielded once no
    later record can join it: memory holds one window of events, not all of them.

    An event joins the first group of its (source, target, root) whose events it agrees
    with and whose date lies within ``window_days`` of its own.
    """
    by_key: dict[tuple[str, str, str], list[tuple[EventGroup, list[dict]]]] = defaultdict(list)
    opened: deque[tuple[date, tuple[str, str, str], EventGroup]] = deque()
    for record in records:
        key = (record["source"], record["target"], record["cameo_root"])
        day = as_date(record["event_date"])
        while day is not None and opened and (day - opened[0][0]).days > window_days:
            _, closed_key, closed = opened.popleft()
            by_key[closed_key] = [gm for gm in by_key[closed_key] if gm[0] is not closed]
            if not by_key[closed_key]:
                del by_key[closed_key]
            yield closed
        home = None
        for group, members in by_key.get(key, ()):
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
            if day is not None:
                opened.append((day, key, group))
        group, members = home
        group.mentions.append(record["event_id"])
        group.articles.add(record["doc_id"])
        if record.get("outlet"):
            group.outlets.add(record["outlet"])
        # Only what _agrees reads is kept, not the whole record.
        members.append(
            {"doc_id": record["doc_id"], "cameo": record["cameo"], "sentence": record["sentence"]}
        )
    for found in by_key.values():
        for group, _ in found:
            yield group


def dedup_store(store, window_days: int = 2) -> tuple[int, int, int]:
    """Cluster the stored articles into stories and group their events; returns
    (articles, stories, event groups). Reads the store a page at a time in date order."""
    stories = cluster_stories(store.article_texts())
    counted = {"groups": 0}

    def groups() -> Iterator[EventGroup]:
        for group in iter_groups(store.dedup_records(), stories, window_days):
            counted["groups"] += 1
            yield group

    store.save_dedup(stories, groups())
    return len(stories), len(set(stories.values())), counted["groups"]
