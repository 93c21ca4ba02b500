"""The `communique` command: a thin layer over the library that parses options and prints.

Data goes to stdout, progress and summaries to stderr. Exit codes: 0 all done; 1 some
inputs were skipped or an error occurred; 2 bad usage.
"""

from __future__ import annotations

import json
import logging
import sys
from dataclasses import replace
from datetime import date
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .errors import CommuniqueError, UsageError
from .nlp import DEFAULT_MODEL

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    help=(
        "Political event data from news: who did what to whom, when (CAMEO).\n\n"
        "Exit codes: 0 all done; 1 some inputs were skipped or an error occurred; "
        "2 bad usage."
    ),
)
err = Console(stderr=True, soft_wrap=True)
DEFAULT_DB = "communique.duckdb"


class Format(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    table = "table"


ModelOption = Annotated[
    str, typer.Option("--model", help="Installed spaCy pipeline to parse with.")
]
DbOption = Annotated[Path, typer.Option("--db", help="DuckDB file to use.")]
DbText = Annotated[str, typer.Option("--db", help="DuckDB file or postgresql:// URL.")]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
FieldsOption = Annotated[
    str | None,
    typer.Option(help="JSON lines field names, e.g. text=body,title=headline,published=date."),
]


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} {value!r} is not a date; use YYYY-MM-DD") from None


def _pipeline(model: str, published: date | None = None, fields: str | None = None):
    from .pipeline import Pipeline
    from .settings import Settings
    from .sources import ReadOptions

    read = ReadOptions().with_fields(fields)
    return Pipeline(Settings(model=model, published=published, read=read))


def _write(records, fmt: Format, title: str = "Events") -> int:
    from .export import write_csv, write_jsonl

    if fmt is Format.jsonl:
        return write_jsonl(records, sys.stdout)
    if fmt is Format.csv:
        return write_csv(records, sys.stdout)
    records = list(records)
    Console().print(_event_table(records, title))
    return len(records)


def _event_table(records: list[dict], title: str) -> Table:
    table = Table(title=title)
    for column in ("date", "source", "target", "cameo"):
        table.add_column(column, no_wrap=True)
    table.add_column("evidence", overflow="fold")
    for r in records:
        source = r["source"] + (f" {r['source_agent']}" if r["source_agent"] else "")
        target = r["target"] + (f" {r['target_agent']}" if r["target_agent"] else "")
        sentence = r["sentence"]
        evidence = sentence if len(sentence) <= 110 else sentence[:107] + "…"
        if (r.get("num_articles") or 1) > 1:
            evidence = f"[{r['num_articles']} articles] {evidence}"
        table.add_row(r["event_date"] or "", source, target, r["cameo"], evidence)
    return table


def _finish(report) -> None:
    for skipped in report.skipped:
        err.print(f"skipped {skipped}", markup=False, highlight=False)
    err.print(
        f"coded {report.articles:,} articles, {report.events:,} events; "
        f"skipped {len(report.skipped):,}",
        highlight=False,
    )
    if report.skipped:
        raise typer.Exit(1)


@app.command()
def code(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin.")],
    fmt: FormatOption = Format.jsonl,
    published: Annotated[
        str | None, typer.Option(help="Date for articles that carry none (YYYY-MM-DD).")
    ] = None,
    fields: FieldsOption = None,
    model: ModelOption = DEFAULT_MODEL,
) -> None:
    """Code articles and write their events to stdout; no database needed.

    Example: communique code articles/ --format jsonl > events.jsonl
    """
    from .pipeline import Report

    pipeline = _pipeline(model, _date(published, "--published"), fields)
    report = Report()
    records = (e.to_dict() for coded in pipeline.code_paths(paths, report) for e in coded.events)
    _write(records, fmt)
    _finish(report)


@app.command("clean")
def clean_(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin.")],
    fields: FieldsOption = None,
) -> None:
    """Show each article as cleaned: kept lines plain, removed furniture struck through.

    Example: communique clean scraped/page.txt
    """
    from .clean import clean_text
    from .records import Skipped
    from .sources import ReadOptions, read_paths

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
) -> None:
    """Code articles and store them with their events; an article already stored is skipped.

    Example: communique ingest articles/ --db news.duckdb
    """
    from .ingest import ingest_paths

    pipeline = _pipeline(model, fields=fields)
    report, added, unchanged = ingest_paths(pipeline, paths, db, force=force, batch=batch)
    err.print(f"stored {added:,} new articles; {unchanged:,} already stored", highlight=False)
    _finish(report)


def _filter(source, target, actor, dyad, root, code, quad, since, until, outlet, text, limit):
    from .store import EventFilter

    if dyad is not None and len(dyad) != 2:
        raise UsageError("--dyad takes two actor codes, e.g. --dyad CHN RUS")
    return EventFilter(
        source=source,
        target=target,
        actor=actor,
        dyad=tuple(dyad) if dyad else None,
        root=root,
        code=code,
        quad=quad,
        since=_date(since, "--since"),
        until=_date(until, "--until"),
        outlet=outlet,
        text=text,
        limit=limit,
    )


def _open(db: str):
    from .store import open_store

    if not db.startswith(("postgresql://", "postgres://")) and not Path(db).exists():
        raise UsageError(f"{db}: no such database; run `communique ingest` first")
    return open_store(db)


Source = Annotated[str | None, typer.Option(help="Source actor code.")]
Target = Annotated[str | None, typer.Option(help="Target actor code.")]
Actor = Annotated[str | None, typer.Option(help="Actor code on either side.")]
Dyad = Annotated[
    tuple[str, str] | None, typer.Option(help="Source and target codes: --dyad CHN RUS.")
]
Root = Annotated[str | None, typer.Option(help="CAMEO root, e.g. 04.")]
Code = Annotated[str | None, typer.Option(help="CAMEO code or its prefix, e.g. 036.")]
Quad = Annotated[int | None, typer.Option(help="QuadClass 1-4.", min=1, max=4)]
Since = Annotated[str | None, typer.Option(help="First event date (YYYY-MM-DD).")]
Until = Annotated[str | None, typer.Option(help="Last event date (YYYY-MM-DD).")]
Outlet = Annotated[str | None, typer.Option(help="Outlet name contains this.")]
Text = Annotated[str | None, typer.Option(help="Evidence sentence contains this.")]
Limit = Annotated[int | None, typer.Option(help="At most this many.")]


class EventFormat(StrEnum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


@app.command()
def events(
    db: DbText = DEFAULT_DB,
    source: Source = None,
    target: Target = None,
    actor: Actor = None,
    dyad: Dyad = None,
    root: Root = None,
    code: Code = None,
    quad: Quad = None,
    since: Since = None,
    until: Until = None,
    outlet: Outlet = None,
    text: Text = None,
    limit: Limit = None,
    fmt: Annotated[EventFormat, typer.Option("--format", "-f")] = EventFormat.table,
    output: Annotated[Path | None, typer.Option(help="File to write (needed for parquet).")] = None,
    dedup: Annotated[
        bool, typer.Option(help="One row per real-world event, with its mention counts.")
    ] = False,
) -> None:
    """List stored events, filtered.

    Example: communique events --dyad CHN RUS --root 04 --since 2024-01-01 --format csv
    """
    from .export import export

    where = _filter(
        source, target, actor, dyad, root, code, quad, since, until, outlet, text, limit
    )
    where = replace(where, dedup=dedup)
    with _open(db) as store:
        records = store.records(where)
        if output is not None or fmt is EventFormat.parquet:
            if output is None:
                raise UsageError("--format parquet needs --output FILE")
            n = export(records, fmt.value if fmt is not EventFormat.table else "jsonl", output)
            err.print(f"wrote {n:,} events to {output}", highlight=False)
            return
        _write(records, Format(fmt.value))


@app.command("export")
def export_(
    output: Annotated[Path, typer.Argument(help="File to write.")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="jsonl, csv, parquet, gdelt or plover.")
    ] = "jsonl",
    db: DbText = DEFAULT_DB,
    source: Source = None,
    target: Target = None,
    actor: Actor = None,
    dyad: Dyad = None,
    root: Root = None,
    since: Since = None,
    until: Until = None,
    dedup: Annotated[
        bool, typer.Option(help="One record per real-world event, with its mention counts.")
    ] = False,
) -> None:
    """Export stored events: JSON lines, CSV, Parquet, a GDELT 2.0 events table or PLOVER JSON.

    Example: communique export events.tsv --format gdelt --since 2024-01-01
    """
    from .export import export

    where = _filter(source, target, actor, dyad, root, None, None, since, until, None, None, None)
    where = replace(where, dedup=dedup)
    with _open(db) as store:
        n = export(store.records(where), fmt, output)
    err.print(f"wrote {n:,} events to {output}", highlight=False)


class Freq(StrEnum):
    week = "week"
    month = "month"
    year = "year"


@app.command()
def timeline(
    dyad: Annotated[tuple[str, str], typer.Option(help="Source and target: --dyad CHN RUS.")],
    freq: Annotated[Freq, typer.Option(help="Period length.")] = Freq.month,
    db: DbText = DEFAULT_DB,
    since: Since = None,
    until: Until = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Events of one dyad per period: counts by QuadClass, Goldstein mean and sum.

    Example: communique timeline --dyad CHN RUS --freq month
    """
    where = _filter(None, None, None, dyad, None, None, None, since, until, None, None, None)
    with _open(db) as store:
        rows = store.timeline(freq=freq.value, where=where)
    if as_json:
        sys.stdout.write(json.dumps(rows, indent=1) + "\n")
        return
    table = Table(title=f"{dyad[0]} → {dyad[1]} per {freq.value}")
    for column in (
        "period",
        "events",
        "verb. coop",
        "mat. coop",
        "verb. confl",
        "mat. confl",
        "Goldstein mean",
        "Goldstein sum",
    ):
        table.add_column(column, justify="right")
    for r in rows:
        table.add_row(
            r["period"],
            str(r["events"]),
            str(r["verbal_cooperation"]),
            str(r["material_cooperation"]),
            str(r["verbal_conflict"]),
            str(r["material_conflict"]),
            f"{r['goldstein_mean']:+.2f}",
            f"{r['goldstein_sum']:+.1f}",
        )
    Console().print(table)


@app.command()
def network(
    db: DbText = DEFAULT_DB,
    actor: Actor = None,
    since: Since = None,
    until: Until = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Actors and their weighted ties over a period.

    Example: communique network --since 2024-01-01 --until 2024-12-31 --json
    """
    where = _filter(None, None, actor, None, None, None, None, since, until, None, None, None)
    with _open(db) as store:
        graph = store.network(where)
    if as_json:
        sys.stdout.write(json.dumps(graph, indent=1) + "\n")
        return
    table = Table(title=f"{len(graph['nodes'])} actors, {len(graph['edges'])} ties")
    for column in ("source", "target", "events", "cooperation", "conflict", "Goldstein mean"):
        table.add_column(column)
    for e in graph["edges"]:
        table.add_row(
            e["source"],
            e["target"],
            str(e["events"]),
            str(e["cooperation"]),
            str(e["conflict"]),
            f"{e['goldstein_mean']:+.2f}",
        )
    Console().print(table)


@app.command()
def quotes(
    db: DbText = DEFAULT_DB,
    speaker: Annotated[str | None, typer.Option(help="Speaker's actor code.")] = None,
    text: Text = None,
    limit: Limit = None,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """Direct quotations with their speakers.

    Example: communique quotes --speaker CHN --format jsonl
    """
    from .export import write_jsonl

    with _open(db) as store:
        rows = store.quotes(speaker=speaker, text=text, limit=limit)
    if fmt is not Format.table:
        write_jsonl(rows, sys.stdout)
        return
    table = Table(title=f"{len(rows)} quotations")
    for column in ("published", "speaker", "quotation", "doc"):
        table.add_column(column, overflow="fold")
    for r in rows:
        who = (r["speaker"] or "?") + (f" {r['speaker_agent']}" if r["speaker_agent"] else "")
        table.add_row(r["published"] or "", who, r["text"], r["doc_id"])
    Console().print(table)


@app.command("dedup")
def dedup_(
    db: DbText = DEFAULT_DB,
    window: Annotated[int, typer.Option(help="Days apart two reports may date one event.")] = 2,
) -> None:
    """Group near-duplicate articles into stories and one event's reports into one event.

    Ingest does this itself; run it to try another window. Example: communique dedup --window 3
    """
    from .dedup import dedup_store

    with _open(db) as store:
        articles, stories, groups = dedup_store(store, window)
    err.print(
        f"{articles:,} articles in {stories:,} stories; {groups:,} distinct events", highlight=False
    )


@app.command()
def recode(db: DbText = DEFAULT_DB, model: ModelOption = DEFAULT_MODEL) -> None:
    """Code every stored article again with this coder; its events replace the old ones.

    Example: communique recode --db news.duckdb
    """
    from .ingest import recode as run

    _open(db).close()
    articles, n = run(_pipeline(model), db)
    err.print(f"recoded {articles:,} articles: {n:,} events", highlight=False)


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
    from .evaluate import evaluate

    if min_confidence not in (None, "certain", "likely"):
        raise UsageError(f"unknown confidence {min_confidence!r}; choose certain or likely")
    result = evaluate(gold, docs, _pipeline(model), min_confidence)
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
    from .explain import explain as run

    result = run(_pipeline(model), sentence, _date(on, "--date"))
    console = Console()
    tokens = Table(title="Parse")
    for column in ("i", "text", "lemma", "pos", "dep", "head", "entity"):
        tokens.add_column(column)
    for t in result.tokens:
        tokens.add_row(str(t.i), t.text, t.lemma, t.pos, t.dep, str(t.head), t.entity)
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
    _write([e.to_dict() for e in result.events], Format.table, title="Events")


@app.command()
def demo(
    db: DbOption = Path(DEFAULT_DB),
    model: ModelOption = DEFAULT_MODEL,
) -> None:
    """Code the bundled example articles into a database and show what came out.

    Example: communique demo
    """
    from .ingest import ingest_paths
    from .store import open_store

    examples = resources.files("communique").joinpath("data/examples")
    paths = sorted(str(p) for p in Path(str(examples)).glob("*.txt"))
    report, added, unchanged = ingest_paths(_pipeline(model), paths, db)
    with open_store(db) as store:
        records = list(store.records())
        _write(records, Format.table, title=f"Events in {db}")
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
    _finish(report)


@app.command()
def serve(
    db: DbText = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """Open the dashboard in a local web server (read-only).

    Example: communique serve --db news.duckdb, then open http://127.0.0.1:8000
    """
    import uvicorn

    from .web.app import create_app, database_exists

    if not database_exists(db):
        raise UsageError(f"{db}: no such database; run `communique ingest` or `demo` first")
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(
            f"[bold red]WARNING: serving on {host}, not only this machine: anyone who can "
            "reach it can read every stored article.[/]"
        )
    err.print(f"communique dashboard on http://{host}:{port}  (Ctrl-C to stop)", highlight=False)
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")


def main() -> None:
    """Entry point: library errors become one line on stderr; typer reports bad usage."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        app()
    except UsageError as error:
        err.print(f"error: {error}", markup=False, highlight=False)
        sys.exit(2)
    except CommuniqueError as error:
        err.print(f"error: {error}", markup=False, highlight=False)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
