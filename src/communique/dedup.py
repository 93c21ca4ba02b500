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
OPEN_GROUPS = 50_000  # event groups held open at once; past this the oldest closes early
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


def iter_stories(
    articles: Iterable[tuple],
    threshold: float = STORY_THRESHOLD,
    window_days: int = STORY_DAYS,
) -> Iterator[tuple[str, str]]:
    """(doc_id, story_id) for each (doc_id, text[, published]), as each article arrives.

    An article joins the story of the earliest article in its window whose text it nearly
    copies; otherwise it opens a story named after itself. Dated articles in date order are
    compared with those published within ``window_days`` before them; undated ones with the
    undated ones just before them in input order. Memory holds one window's signatures,
    not the corpus's, and a story is settled once written: an article that resembles two
    earlier stories joins the older one rather than merging them, which also keeps a chain
    of small edits from welding unrelated coverage into one story.
    """
    lsh = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS)
    story_of: dict[str, tuple[int, str]] = {}  # (when the story opened, story_id), in window
    window: deque[tuple[date, str]] = deque()
    undated: deque[str] = deque()

    def forget(doc_id: str) -> None:
        lsh.remove(doc_id)
        del story_of[doc_id]

    for seen, (doc_id, text, *rest) in enumerate(articles):
        published = as_date(rest[0]) if rest else None
        if published is not None:
            while window and (published - window[0][0]).days > window_days:
                forget(window.popleft()[1])
        if doc_id in story_of:
            yield doc_id, story_of[doc_id][1]  # the same doc_id twice: the first one stands
            continue
        minhash = signature(text)
        story = min((story_of[other] for other in lsh.query(minhash)), default=(seen, doc_id))
        yield doc_id, story[1]
        story_of[doc_id] = story
        lsh.insert(doc_id, minhash)
        if published is not None:
            window.append((published, doc_id))
        else:
            undated.append(doc_id)
            if len(undated) > UNDATED_WINDOW:
                forget(undated.popleft())


def cluster_stories(
    articles: Iterable[tuple],
    threshold: float = STORY_THRESHOLD,
    window_days: int = STORY_DAYS,
) -> dict[str, str]:
    """doc_id → story_id for (doc_id, text[, published]); see ``iter_stories``."""
    return dict(iter_stories(articles, threshold, window_days))


def _content(sentence: str) -> set[str]:
    return {w for w in _words(sentence) if w not in STOP and len(w) > 2}


def _story(record: dict) -> str:
    return record.get("story") or record["doc_id"]


def _agrees(a: dict, b: dict) -> bool:
    if _story(a) == _story(b):
        return True
    if a["cameo"][:3] == b["cameo"][:3]:
        return True
    wa, wb = _content(a["sentence"]), _content(b["sentence"])
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= EVIDENCE_OVERLAP


def group_events(
    records: Iterable[dict], stories: dict[str, str] | None = None, window_days: int = 2
) -> list[EventGroup]:
    """Events that report the same thing, merged; every event lands in exactly one group.

    ``records`` are DESIGN.md records with the article's ``outlet``, in any order;
    ``stories`` maps doc_id to story_id (see ``cluster_stories``).
    """
    stories = stories or {}
    ordered = sorted(records, key=lambda r: (r["event_date"] or "", r["doc_id"], r["span"][0]))
    with_story = ({**r, "story": stories.get(r["doc_id"], r["doc_id"])} for r in ordered)
    return list(iter_groups(with_story, window_days))


def _closes(oldest: date | None, day: date | None, window_days: int, opened: int) -> bool:
    """Whether the oldest open group can take no more events, now that ``day`` has come."""
    if opened > OPEN_GROUPS:
        return True
    if day is None:
        return False
    return oldest is None or (day - oldest).days > window_days


def iter_groups(records: Iterable[dict], window_days: int = 2) -> Iterator[EventGroup]:
    """Groups of ``records`` given in date order (undated first), each yielded once no
    later record can join it: memory holds one window of events, not all of them.

    A record carries its article's ``story`` (its doc_id when it has none). An event joins
    the first group of its (source, target, root) whose events it agrees with and whose
    date lies within ``window_days`` of its own. Undated events come first and stay open
    until the first dated one; at most OPEN_GROUPS groups are open at once, the oldest
    closing first, so memory is bounded whatever a day's volume.
    """
    by_key: dict[tuple[str, str, str], list[tuple[EventGroup, list[dict]]]] = defaultdict(list)
    opened: deque[tuple[date | None, tuple[str, str, str], EventGroup]] = deque()

    def close(key: tuple[str, str, str], closed: EventGroup) -> EventGroup:
        by_key[key] = [gm for gm in by_key[key] if gm[0] is not closed]
        if not by_key[key]:
            del by_key[key]
        return closed

    for record in records:
        key = (record["source"], record["target"], record["cameo_root"])
        day = as_date(record["event_date"])
        while opened and _closes(opened[0][0], day, window_days, len(opened)):
            _, closed_key, closed = opened.popleft()
            yield close(closed_key, closed)
        home = None
        for group, members in by_key.get(key, ()):
            if record["doc_id"] in group.articles:
                continue  # one article's restatements were merged when it was coded
            near = (
                day is None
                or group.event_date is None
                or abs((day - group.event_date).days) <= window_days
            )
            if near and any(_agrees(record, m) for m in members):
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
            opened.append((day, key, group))
        group, members = home
        group.mentions.append(record["event_id"])
        group.articles.add(record["doc_id"])
        if record.get("outlet"):
            group.outlets.add(record["outlet"])
        # Only what _agrees reads is kept, not the whole record.
        members.append({
            "story": _story(record),
            "cameo": record["cameo"],
            "sentence": record["sentence"],
        })  # fmt: skip
    for found in by_key.values():
        for group, _ in found:
            yield group


def dedup_store(store, window_days: int = 2) -> tuple[int, int, int]:
    """Cluster the stored articles into stories and group their events; returns
    (articles, stories, event groups).

    Both passes stream the store in date order and write as they go, so memory holds one
    window of articles and events however large the store.
    """
    counts = {"articles": 0, "stories": 0, "groups": 0}

    def stories() -> Iterator[tuple[str, str]]:
        for doc_id, story in iter_stories(store.article_texts()):
            counts["articles"] += 1
            counts["stories"] += doc_id == story
            yield doc_id, story

    def groups() -> Iterator[EventGroup]:
        for group in iter_groups(store.dedup_records(), window_days):
            counts["groups"] += 1
            yield group

    store.save_stories(stories())
    store.save_groups(groups())
    return counts["articles"], counts["stories"], counts["groups"]
