"""The whole path from inputs to events: read, clean, parse, code."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from importlib import resources

from .clean import clean, mask_datelines
from .events.coder import Coder
from .language import detect_language
from .nlp import load_nlp
from .quotes import Quote
from .records import Article, Event, Skipped
from .settings import Settings
from .skim import Skimmer
from .sources import read_paths
from .version import __version__


@dataclass(frozen=True, slots=True)
class Coded:
    """One article, the events coded from it, and the quotations it carries."""

    article: Article
    events: list[Event]
    quotes: list[Quote] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RunInfo:
    """The coder that produced a set of events, so every stored event can say so."""

    code_version: str
    model: str
    ruleset: str

    @property
    def run_id(self) -> str:
        key = f"{self.code_version}|{self.model}|{self.ruleset}"
        return hashlib.blake2b(key.encode(), digest_size=8).hexdigest()


def _too_long(n: int, settings: Settings) -> str:
    return f"too long for a news article ({n:,} characters; the limit is {settings.max_chars:,})"


def _data_files(folder) -> Iterator:
    for entry in folder.iterdir():
        if entry.is_dir():
            yield from _data_files(entry)
        elif not entry.name.endswith((".md", ".txt")):
            yield entry


@dataclass(slots=True)
class Report:
    """What a run did: counts and the inputs it skipped."""

    articles: int = 0
    events: int = 0
    unchanged: int = 0  # already stored, not coded again
    chars: int = 0  # characters of cleaned text coded
    skimmed: int = 0  # of which blanked before parsing: sentences naming no actor
    peak_rss_kb: dict[str, int] = field(default_factory=dict)  # per worker process
    skipped: list[Skipped] = field(default_factory=list)

    def merge(self, other: Report) -> None:
        """Add a worker's report for one chunk to this run's."""
        self.articles += other.articles
        self.events += other.events
        self.unchanged += other.unchanged
        self.chars += other.chars
        self.skimmed += other.skimmed
        self.skipped.extend(other.skipped)
        self.peak_rss_kb.update(other.peak_rss_kb)

    def note_peak_memory(self, worker: str) -> None:
        """Record this process's largest resident set so far under ``worker``."""
        import resource

        self.peak_rss_kb[worker] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def read_articles(paths: Iterable[str], settings: Settings, report: Report) -> Iterator[Article]:
    """The articles in ``paths``; inputs that cannot be read land in ``report.skipped``."""
    for item in read_paths(paths, settings.read):
        if isinstance(item, Skipped):
            report.skipped.append(item)
        else:
            yield item


def describe_run(model: str, meta: dict | None = None) -> RunInfo:
    """The RunInfo of a coder with ``model``; reads the model's metadata, not its weights,
    so a process that only writes results need not load the parser."""
    if meta is None:
        import spacy.util

        try:
            path = spacy.util.get_package_path(model)
        except Exception:
            path = model  # a pipeline folder rather than a package
        meta = spacy.util.get_model_meta(path)
    digest = hashlib.sha256()
    data = resources.files("communique").joinpath("data")
    for path in sorted(_data_files(data), key=str):
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes())
    name = f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}"
    return RunInfo(code_version=__version__, model=name, ruleset=digest.hexdigest()[:16])


class Pipeline:
    """Load the parser and dictionaries once, then code any number of articles.

    >>> events = Pipeline().code_text("Russia and China signed a trade agreement on Monday.",
    ...                               published="2024-05-14")
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp = load_nlp(self.settings.model)
        self.coder = Coder(self.nlp)
        self.skimmer = Skimmer(self.nlp, self.coder.dictionary) if self.settings.skim else None

    def code_articles(
        self,
        articles: Iterable[Article],
        report: Report | None = None,
        known: Callable[[Article], bool] | None = None,
        clean_first: bool = True,
    ) -> Iterator[Coded]:
        """Clean, parse and code raw articles, streaming in batches.

        ``known`` tells articles already coded (stored with the same text): they are
        counted in ``report.unchanged`` and not parsed again. Articles read back from a
        store are clean already (``clean_first=False``).
        """
        report = report if report is not None else Report()

        def prepared() -> Iterator[tuple[str, Article]]:
            for raw in articles:
                article = self.prepare(raw, report) if clean_first else raw
                if article is None:
                    continue
                if known is not None and known(article):
                    report.unchanged += 1
                    continue
                text = mask_datelines(article.text)
                report.chars += len(text)
                if self.skimmer is not None:
                    text, blanked = self.skimmer.mask(text)
                    report.skimmed += blanked
                yield text, article

        for doc, article in self.nlp.pipe(
            prepared(), as_tuples=True, batch_size=self.settings.batch_size
        ):
            events, quotes = self.coder.read(doc, article)
            report.articles += 1
            report.events += len(events)
            yield Coded(article, events, quotes)

    @functools.cached_property
    def run(self) -> RunInfo:
        """Which coder this is: code version, parser and a digest of every data file."""
        return describe_run(self.settings.model, self.nlp.meta)

    def prepare(self, raw: Article, report: Report) -> Article | None:
        """The cleaned article, or None (with the reason in ``report``) if it is not coded."""
        where = raw.path or raw.doc_id
        if len(raw.text) > 10 * self.settings.max_chars:
            report.skipped.append(Skipped(where, _too_long(len(raw.text), self.settings)))
            return None
        article = clean(raw)
        if article.published is None and self.settings.published is not None:
            article = replace(article, published=self.settings.published, date_source="given")
        if not article.text.strip():
            report.skipped.append(Skipped(where, "no article text after cleaning"))
            return None
        if len(article.text) > self.settings.max_chars:
            report.skipped.append(Skipped(where, _too_long(len(article.text), self.settings)))
            return None
        language = detect_language(article.text)
        if language is not None and language not in self.settings.languages:
            report.skipped.append(Skipped(where, f"language '{language}', not English"))
            return None
        return replace(article, language=language or article.language)

    def code_paths(
        self,
        paths: Iterable[str],
        report: Report | None = None,
        known: Callable[[Article], bool] | None = None,
    ) -> Iterator[Coded]:
        """Code files, folders, globs or ``-``; unreadable inputs land in ``report.skipped``."""
        report = report if report is not None else Report()
        return self.code_articles(read_articles(paths, self.settings, report), report, known)

    def code_text(
        self, text: str, published: str | date | None = None, doc_id: str = "text"
    ) -> list[Event]:
        """Events in one text; ``published`` anchors relative dates ("on Monday")."""
        day = date.fromisoformat(published) if isinstance(published, str) else published
        article = Article(
            doc_id=doc_id, text=text, published=day, date_source="given" if day else "none"
        )
        coded = next(iter(self.code_articles([article])), None)
        return coded.events if coded else []
