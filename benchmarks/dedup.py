"""How long deduplication takes next to coding, on a corpus of N articles.

Coding is timed on a sample of real articles (the bundled examples and the test families,
with their dates and a sentence varied so each is distinct); deduplication is timed on N
articles and their events, made by repeating the coded sample with new ids and dates, so
that its stories and event groups are realistic. Run:

    .venv/bin/python benchmarks/dedup.py --articles 10000 --sample 200
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import time
from datetime import timedelta
from importlib import resources
from pathlib import Path

from communique import Pipeline
from communique.dedup import cluster_stories, group_events
from communique.sources import read_paths

ROOT = Path(__file__).resolve().parents[1]


def sample_articles(n: int):
    examples = resources.files("communique").joinpath("data/examples")
    paths = [str(p) for p in examples.iterdir() if p.name.endswith(".txt")]
    paths += [str(p) for p in (ROOT / "tests" / "families").glob("*.txt")]
    base = [a for a in read_paths(paths) if not hasattr(a, "reason")]
    rng = random.Random(7)
    for i in range(n):
        a = base[i % len(base)]
        extra = f"\n\nOfficials said follow-up meetings were planned in week {rng.randint(1, 52)}."
        yield dataclasses.replace(a, doc_id=f"{a.doc_id}-{i}", text=a.text + extra)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--sample", type=int, default=200)
    args = parser.parse_args()

    pipeline = Pipeline()
    t = time.perf_counter()
    coded = list(pipeline.code_articles(sample_articles(args.sample)))
    coding = time.perf_counter() - t
    per_article = coding / len(coded)

    texts, records = [], []
    for i in range(args.articles):
        item = coded[i % len(coded)]
        doc_id = f"d{i}"
        shift = timedelta(days=7 * (i // len(coded)))
        texts.append((doc_id, item.article.text))
        for e in item.events:
            r = e.to_dict()
            day = e.event_date + shift if e.event_date else None
            r.update(
                doc_id=doc_id,
                event_id=f"{r['event_id']}-{i}",
                outlet=f"outlet{i % 7}",
                event_date=day.isoformat() if day else None,
            )
            records.append(r)
    t = time.perf_counter()
    stories = cluster_stories(texts)
    clustering = time.perf_counter() - t
    t = time.perf_counter()
    groups = group_events(records, stories)
    grouping = time.perf_counter() - t
    dedup = clustering + grouping
    projected = per_article * args.articles
    print(
        f"coding: {len(coded)} articles in {coding:.1f} s ({per_article * 1000:.0f} ms each); "
        f"projected for {args.articles:,}: {projected:.0f} s"
    )
    print(
        f"dedup of {args.articles:,} articles, {len(records):,} events: {dedup:.1f} s "
        f"(stories {clustering:.1f} s, groups {grouping:.1f} s) -> "
        f"{len(set(stories.values())):,} stories, {len(groups):,} events"
    )
    print(f"dedup / coding = {dedup / projected:.3f}")


if __name__ == "__main__":
    main()
