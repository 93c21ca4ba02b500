"""A corpus of scraped-looking news files, any size, made from the project's own articles.

Each file is what a scraper saves from a news page: page furniture above (site name, date
lines, breadcrumbs), a story of 6 to 14 paragraphs (``--paragraphs``) drawn from the
bundled example articles and the test families (all written for this project), and
furniture below (related headlines, share prompts, copyright). States are swapped for
others, consistently within a file, and dates moved, so no two files are the same text.
Run:

    .venv/bin/python benchmarks/corpus.py OUT_DIR --articles 10000
"""

from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

from communique.clean import clean_text

ROOT = Path(__file__).resolve().parents[1]
STATES = [
    "Russia", "China", "Mali", "India", "Pakistan", "Brazil", "Bolivia", "Iran", "Qatar",
    "Israel", "Egypt", "Turkey", "Kenya", "Nigeria", "Ethiopia", "Japan", "Indonesia",
    "Mexico", "Colombia", "Peru", "Germany", "France", "Poland", "Ukraine", "Georgia",
    "Vietnam", "Thailand", "Ghana", "Senegal", "Argentina", "Chile", "Jordan", "Iraq",
]  # fmt: skip
SWAP = re.compile(r"\b(" + "|".join(STATES) + r")\b")
DATE = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")
ANY_DATE = re.compile(r"\b(19|20)\d\d\b|\d{1,2}/\d{1,2}/\d{2,4}")


@dataclass
class Page:
    header: list[str]
    body: list[str]
    footer: list[str]


def pages() -> list[Page]:
    """The source pages split into furniture above, story, furniture below."""
    examples = Path(str(resources.files("communique").joinpath("data/examples")))
    found = []
    for path in sorted([*examples.glob("*.txt"), *(ROOT / "tests" / "families").glob("*.txt")]):
        lines = clean_text(path.read_text("utf-8")).lines
        kept = [i for i, (text, ok, _) in enumerate(lines) if ok and text.strip()]
        if len(kept) < 3:
            continue
        first, last = kept[0], kept[-1]
        found.append(
            Page(
                header=[t for t, _, _ in lines[:first]],
                body=[lines[i][0] for i in kept[1:]],  # the first kept line is the title
                footer=[t for t, _, _ in lines[last + 1 :]],
            )
        )
    return found


def article(
    rng: random.Random, source: list[Page], paragraphs: list[str], length: tuple[int, int]
) -> str:
    page = rng.choice(source)
    footer = rng.choice(source).footer
    story = rng.sample(paragraphs, rng.randint(*length))
    swap = dict(zip(STATES, rng.sample(STATES, len(STATES)), strict=True))
    day = date(2020, 1, 1) + timedelta(days=rng.randrange(2000))
    verb = rng.choice(["hold talks", "trade blame", "sign deal", "meet again"])
    title = f"{swap['Russia']} and {swap['China']} {verb}"
    # Every page carries its own date, spread over five years, as a crawl's would.
    header = [line for line in page.header if not ANY_DATE.search(line)]
    stamp = f"Published: {day.day} {day:%B %Y}"
    text = "\n".join([*header, stamp, title, "", *story, "", *footer])
    text = SWAP.sub(lambda m: swap[m.group(1)], text)
    return DATE.sub(day.isoformat(), text)


def write_corpus(out: Path, n: int, seed: int = 1, length: tuple[int, int] = (6, 14)) -> list[Path]:
    """``n`` files under ``out`` (1,000 a folder) of ``length`` paragraphs (least, most);
    returns their paths."""
    rng = random.Random(seed)
    source = pages()
    paragraphs = [p for page in source for p in page.body if len(p.split()) >= 8]
    paths = []
    for i in range(n):
        folder = out / f"{i // 1000:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"a{i:07d}.txt"
        path.write_text(article(rng, source, paragraphs, length), "utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--paragraphs", default="6,14", help="Least and most story paragraphs, e.g. 1,2 for briefs."
    )
    args = parser.parse_args()
    least, most = (int(x) for x in args.paragraphs.split(","))
    paths = write_corpus(args.out, args.articles, args.seed, (least, most))
    words = sum(len(p.read_text("utf-8").split()) for p in paths)
    print(f"{len(paths):,} articles, {words:,} words in {args.out}")


if __name__ == "__main__":
    main()
