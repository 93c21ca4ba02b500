"""Separating the article from the page furniture a scraper saved with it.

Works line by line on plain text, as pages arrive from text dumps: the title is the first
headline-like line, the story's own date comes from labelled metadata lines before any
masthead date, and blocks of other stories' headlines and teasers are dropped from their
header ("Latest News", "Previous Story") until the article resumes with a full sentence.
The phrases are data (``data/furniture.yaml``); this module holds the mechanism.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from importlib import resources

import yaml

from .dates import DateMatch, contradicts, find_dates, find_yearless
from .records import Article

TERMINAL = ".!?…:;"
BODY_KINDS = ("paragraph", "text", "headline")
LIST_ITEM = re.compile(r"^\s*(?:[-–•*·]|\d+[.)])\s")
CLOSERS = "\"'”’)]»"
# A collecting tool's stamp at the very start of a file: " date 2020-10-14 ...".
COLLECTOR_STAMP = re.compile(r"^\s*date\s+(\d{4}-\d\d-\d\d)\s*")
SEGMENT_SPLIT = re.compile(r"\s*(?:\||>>|»|›|→|\s/\s|\s>\s)\s*")
INLINE_NOISE = [
    # "(Updated 5:54 p.m.)" inside a dateline
    re.compile(r"\s*\((?:updated|update|corrected|edited)\b[^)]{0,40}\)", re.I),
    # photo credits closing a caption: "… in Tarakan. Ministry Communications Team/Released"
    re.compile(r"(?<=[.!?])\s+[^.!?]{2,80}/(?:Released|Handout|File)\s*$"),
]
DATELINE = re.compile(r"^[A-Z][A-Za-z0-9 .,'/\-]{0,60}?\s*(?:\([A-Za-z .]+\))?\s*(?:--|—|–|-)\s")


# A wire dateline opening a paragraph: "MOSCOW, May 14 (Reuters) - ", "JERUSALEM (AP) — ",
# "Sept. 25 (Bloomberg) -- ", "RIYADH: ".
WIRE_DATELINE = re.compile(
    r"^[ \t]*(?:"
    r"[A-Z][A-Z.'’/\-]{2,}(?:[ ][A-Z][A-Z.'’/\-]+){0,3}(?:,[ \t]*[A-Z][A-Za-z.'’ ]{1,30})?"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2}"
    r")"
    r"(?:,?[ \t]+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2})?"
    r"[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*(?:--|—|–|-|:)[ \t]+(?=[A-Z\"“‘'])",
    re.M,
)


def mask_datelines(text: str) -> str:
    """The text with wire datelines blanked out, offsets unchanged.

    A dateline is not part of the first sentence's grammar, and parsers read "MOSCOW" as
    its subject; blanking it with spaces keeps every character offset valid.
    """
    return WIRE_DATELINE.sub(lambda m: " " * len(m.group(0)), text)


@dataclass(frozen=True, slots=True)
class Furniture:
    """The page-furniture vocabulary, compiled."""

    block_headers: frozenset[str]
    block_prefixes: tuple[str, ...]
    block_patterns: tuple[re.Pattern[str], ...]
    line_patterns: tuple[re.Pattern[str], ...]
    date_label: re.Pattern[str]
    outlet_words: frozenset[str]


@functools.cache
def load_furniture() -> Furniture:
    raw = yaml.safe_load(
        resources.files("communique").joinpath("data/furniture.yaml").read_text("utf-8")
    )
    labels = sorted(raw["date_labels"], key=len, reverse=True)
    return Furniture(
        block_headers=frozenset(h.lower() for h in raw["block_headers"]),
        block_prefixes=tuple(p.lower() for p in raw["block_prefixes"]),
        block_patterns=tuple(re.compile(p, re.I) for p in raw["block_patterns"]),
        line_patterns=tuple(re.compile(p, re.I) for p in raw["line_patterns"]),
        date_label=re.compile(
            r"^(?:" + "|".join(re.escape(label) for label in labels) + r")\b\s*(:|at\b|on\b)?",
            re.I,
        ),
        outlet_words=frozenset(w.lower() for w in raw["outlet_words"]),
    )


@dataclass(slots=True)
class Cleaning:
    """What cleaning kept and what it removed, line by line."""

    text: str
    title: str | None = None
    published: date | None = None
    date_source: str = "none"
    outlet: str | None = None
    removed: list[tuple[str, str]] = field(default_factory=list)
    # Every line of the page: its text, whether it was kept, and why not.
    lines: list[tuple[str, bool, str]] = field(default_factory=list)


@dataclass(slots=True)
class _Line:
    text: str
    kind: str = "text"  # blank, furniture, meta, header, headline, paragraph, text
    dates: list[DateMatch] = field(default_factory=list)
    keep: bool = True
    reason: str = ""


def normalise(text: str) -> str:
    """Lowercased letters and digits only, for comparing headline variants."""
    text = unicodedata.normalize("NFKD", text).lower()
    return " ".join(re.findall(r"[a-z0-9]+", text))


def _words(text: str) -> int:
    return len(text.split())


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip().rstrip(CLOSERS).rstrip()
    return bool(stripped) and stripped[-1] in TERMINAL and not stripped.endswith("...")


def _is_truncated(text: str) -> bool:
    stripped = text.rstrip()
    return stripped.endswith(("...", "…")) or not _ends_sentence(stripped)


def _latin_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 1.0
    return sum(1 for c in letters if c.isascii() or "LATIN" in unicodedata.name(c, "")) / len(
        letters
    )


def _classify(line: str, furniture: Furniture) -> _Line:
    text = line.strip()
    item = _Line(line)
    if not text:
        item.kind = "blank"
        return item
    lowered = text.lower().rstrip(":").strip()
    item.dates = find_dates(text)
    if (
        lowered in furniture.block_headers
        or lowered.startswith(furniture.block_prefixes)
        or any(p.match(text) for p in furniture.block_patterns)
    ):
        item.kind, item.reason = "header", "teaser block"
        return item
    label = furniture.date_label.match(text)
    if label and (label.group(1) or item.dates):
        item.kind, item.reason = "meta", "metadata"
        return item
    for pattern in furniture.line_patterns:
        if pattern.match(text):
            item.kind, item.reason = "furniture", "furniture"
            return item
    if _latin_share(text) < 0.6:
        item.kind, item.reason = "furniture", "not the article's script"
        return item
    segments = [s for s in SEGMENT_SPLIT.split(text) if s]
    if len(segments) >= 2 and all(_words(s) <= 5 for s in segments):
        item.kind, item.reason = "furniture", "byline" if item.dates else "navigation"
        return item
    if item.dates:
        rest = text
        for d in reversed(item.dates):
            rest = rest[: d.start] + rest[d.end :]
        if _words(re.sub(r"[\d:,.|]+", " ", rest)) <= 4:
            item.kind, item.reason = "meta", "date line"
            return item
    if re.search(r"\b(?:Est\.|Established|Founded)\s", text):
        item.kind, item.reason = "furniture", "masthead"
        return item
    words = text.split()
    if words[-1].lower().strip(".") in furniture.outlet_words and (
        len(words) <= 5 or (len(words) <= 10 and all(w[0].isupper() for w in words))
    ):
        item.kind, item.reason = "furniture", "masthead"
        return item
    if _ends_sentence(text) and len(words) >= 6:
        item.kind = "paragraph"
    elif 3 <= len(words) <= 30 and not _ends_sentence(text):
        item.kind = "headline"
    return item


def _strip_prefixes(line: str) -> tuple[str, list[str]]:
    """Drop navigation glued before a headline: "Home | News | General | Gunmen kill 35"."""
    removed = []
    segments = [s for s in re.split(r"\s*\|\s*", line)]
    if (
        len(segments) >= 3
        and all(_words(s) <= 3 for s in segments[:-1])
        and _words(segments[-1]) >= 4
    ):
        removed.append(line[: line.rindex(segments[-1])])
        line = segments[-1]
    return line, removed


def clean_text(raw: str, furniture: Furniture | None = None) -> Cleaning:
    """Split ``raw`` page text into the article and its furniture."""
    furniture = furniture or load_furniture()
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    removed: list[tuple[str, str]] = []

    stamp_date: date | None = None
    stamp = COLLECTOR_STAMP.match(raw)
    if stamp:
        try:
            stamp_date = date.fromisoformat(stamp.group(1))
        except ValueError:
            stamp_date = None
        removed.append((stamp.group(0), "collector stamp"))
        raw = raw[stamp.end() :]

    lines: list[_Line] = []
    for original in raw.split("\n"):
        text, glued = _strip_prefixes(original)
        removed.extend((g, "navigation") for g in glued)
        for pattern in INLINE_NOISE:
            match = pattern.search(text)
            if match:
                removed.append((match.group(0).strip(), "caption credit or update stamp"))
                text = text[: match.start()] + text[match.end() :]
        lines.append(_classify(text, furniture))

    title_index = _find_title(lines)
    _drop_before(lines, title_index)
    _drop_blocks(lines)
    _drop_trailing_headlines(lines, title_index)

    published, date_source = _published(lines, title_index, stamp_date, raw)
    outlet = next(
        (ln.text.strip() for ln in lines if ln.reason == "masthead" and not ln.dates), None
    )
    for ln in lines:
        if ln.kind in ("meta", "furniture", "header"):
            ln.keep = False
        if not ln.keep and ln.text.strip():
            removed.append((ln.text.strip(), ln.reason or "furniture"))

    kept: list[str] = []
    for ln in lines:
        if not ln.keep:
            continue
        if ln.kind == "blank":
            if kept and kept[-1] != "":
                kept.append("")
            continue
        kept.append(ln.text.strip())
    while kept and kept[-1] == "":
        kept.pop()
    title = lines[title_index].text.strip() if title_index is not None else None
    return Cleaning(
        text="\n".join(kept),
        title=title,
        published=published,
        date_source=date_source,
        outlet=outlet,
        removed=removed,
        lines=[(ln.text, ln.keep, ln.reason) for ln in lines],
    )


def _find_title(lines: list[_Line]) -> int | None:
    """The first headline-like line before the body starts, with its copies dropped."""
    content = [i for i, ln in enumerate(lines) if ln.kind not in ("blank",)]
    title = None
    for n, i in enumerate(content[:15]):
        kind = lines[i].kind
        after = content[n + 1] if n + 1 < len(content) else None
        # A site's tagline may stand above the masthead date; the body has begun only
        # when a paragraph is followed by more text.
        if kind == "paragraph" and (after is None or lines[after].kind in BODY_KINDS):
            break
        if kind == "headline":
            if after is not None and lines[after].reason == "navigation":
                # a site's name stands above its breadcrumb; the headline comes after it
                lines[i].kind, lines[i].reason = "furniture", "masthead"
                continue
            title = i
            break
        if kind == "header" and n >= 2:
            break
    if title is None:
        return None
    # A headline often repeats right below, sometimes with a breadcrumb glued before it or
    # the site's name after it: keep the plainest copy.
    following = [i for i in content if i > title][:3]
    for j in following:
        if lines[j].kind not in ("headline", "paragraph", "text"):
            continue
        a, b = normalise(lines[title].text), normalise(lines[j].text)
        if not a or not b:
            continue
        if a == b:
            lines[j].keep, lines[j].reason = False, "repeated headline"
        elif (a.endswith(b) or a.startswith(b)) and len(b) >= len(a) / 2:
            lines[title].keep, lines[title].reason = False, "headline with site furniture"
            title = j
    return title


def _drop_before(lines: list[_Line], title_index: int | None) -> None:
    """Everything above the title is masthead; short lines above the body are too."""
    if title_index is not None:
        for ln in lines[:title_index]:
            if ln.keep and ln.kind != "blank":
                ln.keep, ln.reason = False, ln.reason or "masthead"
        return
    for ln in lines:
        if ln.kind == "paragraph":
            return
        if ln.kind in ("headline", "text") and _words(ln.text) < 3:
            ln.keep, ln.reason = False, "masthead"


def _drop_blocks(lines: list[_Line]) -> None:
    """From a teaser-block header, drop headlines and teasers until the article resumes.

    A full sentence right under a headline is that headline's teaser; one that follows a
    teaser, a list of headlines or the header itself means the article has resumed.
    """
    in_block = False
    after_headline = False
    for ln in lines:
        if ln.kind == "header":
            in_block, after_headline = True, False
            continue
        if not in_block or ln.kind == "blank":
            continue
        if ln.kind == "paragraph" and not _is_truncated(ln.text) and not after_headline:
            in_block = False
            continue
        after_headline = (
            ln.kind == "headline"
            and not LIST_ITEM.match(ln.text)
            and not ln.text.rstrip().endswith(("...", "…"))
        )
        ln.keep, ln.reason = False, "teaser block"


def _is_title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z’']+", text) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _drop_trailing_headlines(lines: list[_Line], title_index: int | None) -> None:
    """Related stories listed after the article without a header: two or more headlines in
    title case, at most two teaser paragraphs between them, and nothing of the article
    after the last one."""
    body = [
        i
        for i, ln in enumerate(lines)
        if ln.keep and ln.kind not in ("blank", "meta", "furniture", "header") and i != title_index
    ]
    if len(body) < 4:
        return
    heads = [
        i
        for i in body[len(body) // 2 :]
        if 4 <= _words(lines[i].text) <= 20 and _is_title_case(lines[i].text)
    ]
    if len(heads) < 2 or heads[-1] != body[-1]:
        return
    for a, b in itertools.pairwise(heads):
        if sum(1 for i in body if a < i < b) > 2:
            return
    for i in body:
        if i >= heads[0]:
            lines[i].keep, lines[i].reason = False, "related stories"


def _published(
    lines: list[_Line], title_index: int | None, stamp: date | None, raw: str
) -> tuple[date | None, str]:
    """The story's own date: labelled metadata first, then date lines, then the dateline.

    A date line above the headline that names a weekday is the site's "today" masthead
    (pages print the day they were viewed), so it only lends its year to a dateline.
    """
    labelled: list[date] = []
    loose: list[date] = []
    masthead: list[date] = []
    for i, ln in enumerate(lines):
        if ln.kind not in ("meta", "furniture") or not ln.dates:
            continue
        if ln.text.strip().lower().startswith(("today", "current date")):
            continue
        if ln.reason == "masthead":
            continue
        first = ln.dates[0]
        if ln.reason == "metadata":
            labelled.append(first.value)
        elif title_index is not None and i < title_index and first.weekday is not None:
            masthead.append(first.value)
        else:
            loose.append(first.value)
    candidates = labelled + ([stamp] if stamp else []) + loose
    for value in candidates:
        if not contradicts(value, raw):
            return value, "header"
    # A dateline such as "Sept. 25 (Bloomberg) --" with the year a masthead date gives.
    years = [d.year for d in masthead + candidates]
    if years:
        for ln in lines:
            if ln.kind == "paragraph" and ln.keep and DATELINE.match(ln.text.strip()):
                head = ln.text.strip()[:60]
                found = find_yearless(head, years[0])
                if found:
                    return found[0].value, "text"
                break
    return None, "none"


def clean(article: Article) -> Article:
    """The article with furniture removed and metadata the furniture carried filled in."""
    result = clean_text(article.text)
    published, date_source = article.published, article.date_source
    if published is None and result.published is not None:
        published, date_source = result.published, result.date_source
    return replace(
        article,
        text=result.text,
        raw=article.raw if article.raw is not None else article.text,
        title=article.title or result.title,
        published=published,
        date_source=date_source,
        outlet=article.outlet or result.outlet,
    )
