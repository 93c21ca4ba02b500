"""Commands that read articles: code, clean, ingest, eval, explain, demo."""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..errors import UsageError
from ..nlp import DEFAULT_MODEL
from .common import (
    DEFAULT_DB,
    DaskOption,
    DbOption,
    DbText,
    FieldsOption,
    Format,
    FormatOption,
    ModelOption,
    ScratchOption,
    WorkersOption,
    app,
    build_pipeline,
    build_settings,
    err,
    finish_run,
    parse_date,
    progress_display,
    write_records,
)


@app.command()
def code(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin.")],
    fmt: FormatOption = Format.jsonl,
    published: Annotated[
        str | None, typer.Option(help="Date for articles that carry none (YYYY-MM-DD).")
    ] = None,
    fields: FieldsOption = None,
    model: ModelOption = DEFAULT_MODEL,
    workers: WorkersOption = 1,
    dask: DaskOption = None,
    scratch: ScratchOption = None,
) -> None:
    """Code articles and write their events to stdout; no database needed.

    Example: communique code articles/ --format jsonl --workers 2 > events.jsonl
    """
    from ..ingest import code_inputs
    from ..pipeline import Pipeline, Report

    settings = build_settings(model, parse_date(published, "--published"), fields)
    coder = settings if workers > 1 or dask else Pipeline(settings)
    report = Report()
    with progress_display(report) as advance:

        def records():
            for coded in code_inputs(coder, paths, report, workers, dask, scratch=scratch):
                advance()
                yield from (e.to_dict() for e in coded.events)

        write_records(records(), fmt)
    finish_run(report)


@app.command("clean")
def clean_(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin.")],
    fields: FieldsOption = None,
) -> None:
    """Show each article as cleaned: kept lines plain, removed furniture struck through.

    Example: communique clean scraped/page.txt
    """
    from ..clean import clean_text
    from ..records import Skipped
    from ..sources import ReadOptions, read_paths

    console = Console(soft_wrap=True, highlight=False)
    skipped = 0
    for item in read_paths(paths, ReadOptions().with_fields(fields)):
        if isinstance(item, Skipped):
            err.print(f"skipped {item}", markup=False, highlight=False)
            skipped += 1
            continue
        result = clean_text(item.text)
        published = item.published or result.published
        source = item.date_source if item.published else result.date_source
        console.rule(f"[bold]{item.doc_id}")
        console.print(f"title: {item.title or result.title}", markup=False)
        console.print(
            f"published: {published} ({source})   outlet: "
            f"{item.outlet or result.outlet}   url: {item.url}",
            markup=False,
        )
        for text, kept, reason in result.lines:
            if kept:
                console.print(text, markup=False)
            elif text.strip():
                console.print(f"[dim strike]{escape(text)}[/]  [italic cyan]\\[{reason}][/]")
        for fragment, reason in result.removed:
            if not any(fragment == text.strip() for text, _, _ in result.lines):
                console.print(
                    f"[dim]removed inside a line:[/] [dim strike]{escape(fragment)}[/]"
                    f"  [italic cyan]\\[{reason}][/]"
                )
    if skipped:
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin.")],
    db: DbText = DEFAULT_DB,
    model: ModelOption = DEFAULT_MODEL,
    force: Annotated[
        bool, typer.Option(help="Replace stored articles whose text changed.")
    ] = False,
    fields: FieldsOption = None,
    batch: Annotated[int, typer.Option(help="Articles per transaction.")] = 100,
    workers: WorkersOption = 1,
    dask: DaskOption = None,
    scratch: ScratchOption = None,
) -> None:
    """Code articles and store them with their events; an article already stored is skipped.

    Example: communique ingest articles/ --db news.duckdb --workers 2
    """
    from ..ingest import ingest_paths
    from ..pipeline import Pipeline, Report

    settings = build_settings(model, fields=fields)
    coder = settings if workers > 1 or dask else Pipeline(settings)
    report = Report()
    with progress_display(report) as advance:
        _, added, unchanged = ingest_paths(
            coder, paths, db, force, batch, workers, dask, report, advance, scratch
        )
    err.print(f"stored {added:,} new articles; {unchanged:,} already stored", highlight=False)
    finish_run(report)


@app.command("eval")
def eval_(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL file.")],
    docs: Annotated[Path, typer.Option(help="Folder with <doc_id>.txt articles.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    min_confidence: Annotated[
        str | None, typer.Option(help="Score against gold events of this confidence only.")
    ] = None,
    model: ModelOption = DEFAULT_MODEL,
) -> None:
    """Score the coder against a gold file (DESIGN.md's rules).

    Example: communique eval ../shared/data/seeds/gold.jsonl --docs ../shared/data/seeds/articles
    """
    from ..evaluate import evaluate

    if min_confidence not in (None, "certain", "likely"):
        raise UsageError(f"unknown confidence {min_confidence!r}; choose certain or likely")
    result = evaluate(gold, docs, build_pipeline(model), min_confidence)
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
        return
    table = Table(title=f"{gold.name}: {result['documents']} documents")
    for column in ("key", "precision", "recall", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="right" if column != "key" else "left")
    for key, s in result["keys"].items():
        table.add_row(
            key,
            f"{s['precision']:.3f}",
            f"{s['recall']:.3f}",
            f"{s['f1']:.3f}",
            str(s["tp"]),
            str(s["fp"]),
            str(s["fn"]),
        )
    console = Console()
    console.print(table)
    console.print(
        f"distractor_hits {result['distractor_hits']}  "
        f"published {result['published_accuracy']:.2f}  title {result['title_accuracy']:.2f}",
        highlight=False,
    )


@app.command()
def explain(
    sentence: Annotated[str, typer.Argument(help="A sentence or short text.")],
    on: Annotated[str | None, typer.Option("--date", help="Publication date (YYYY-MM-DD).")] = None,
    model: ModelOption = DEFAULT_MODEL,
) -> None:
    """Show how a sentence is read: parse, actors, every pattern tried and why it failed.

    Example: communique explain "Russia's foreign minister met his Chinese counterpart."
    """
    from ..explain import explain as run

    result = run(build_pipeline(model), sentence, parse_date(on, "--date"))
    console = Console()
    tokens = Table(title="Parse")
    for column in ("i", "text", "lemma", "pos", "dep", "head"):
        tokens.add_column(column)
    for t in result.tokens:
        tokens.add_row(str(t.i), t.text, t.lemma, t.pos, t.dep, str(t.head))
    console.print(tokens)
    actors = Table(title="Actors")
    for column in ("text", "code", "agent", "why"):
        actors.add_column(column, overflow="fold")
    for m in result.actors:
        actors.add_row(m.text, m.code, m.agent or "", m.reason)
    console.print(actors)
    attempts = Table(title="Patterns tried")
    for column in ("word", "rule", "cameo", "outcome"):
        attempts.add_column(column, overflow="fold")
    for a in result.attempts:
        attempts.add_row(a.word, a.rule, a.cameo, a.outcome)
    console.print(attempts if result.attempts else "No word in this text starts a pattern.")
    write_records([e.to_dict() for e in result.events], Format.table, title="Events")


@app.command()
def actors(
    text: Annotated[str, typer.Argument(help="A sentence or short text.")],
    on: Annotated[
        str | None, typer.Option("--date", help="The date the text speaks of (YYYY-MM-DD).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the mentions as JSON.")] = False,
    model: ModelOption = DEFAULT_MODEL,
) -> None:
    """Show each actor the text names: its code, agent and the reason.

    Office-holders resolve through the role they held on --date.

    Example: communique actors "Lavrov met his Chinese counterpart." --date 2024-05-16
    """
    from ..explain import actor_mentions

    found = actor_mentions(build_pipeline(model), text, parse_date(on, "--date"))
    if as_json:
        keys = ("text", "code", "agent", "kind", "start", "end", "reason")
        rows = [{k: getattr(m, k) for k in keys} for m in found]
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return
    table = Table(title="Actors")
    for column in ("text", "code", "agent", "kind", "why"):
        table.add_column(column, overflow="fold")
    for m in found:
        table.add_row(m.text, m.code, m.agent or "", m.kind, m.reason)
    Console().print(table if found else "No actor found.")


@app.command()
def demo(
    db: DbOption = Path(DEFAULT_DB),
    model: ModelOption = DEFAULT_MODEL,
) -> None:
    """Code the bundled example articles into a database and show what came out.

    Example: communique demo
    """
    from ..ingest import ingest_paths
    from ..store import open_store

    examples = resources.files("communique").joinpath("data/examples")
    paths = sorted(str(p) for p in Path(str(examples)).glob("*.txt"))
    report, added, unchanged = ingest_paths(build_pipeline(model), paths, db)
    with open_store(db) as store:
        records = list(store.records())
        write_records(records, Format.table, title=f"Events in {db}")
        dyads = Table(title="Top dyads")
        for column in ("source", "target", "events", "mean Goldstein"):
            dyads.add_column(column)
        for source, target, n, goldstein in store.dyads():
            dyads.add_row(source, target, str(n), f"{float(goldstein):+.1f}")
        Console().print(dyads)
        counts = store.counts()
    err.print(
        f"{db}: {counts['articles']} articles, {counts['events']} events, "
        f"{counts['quotes']} quotations "
        f"({added} new, {unchanged} already stored)",
        highlight=False,
    )
    finish_run(report)
