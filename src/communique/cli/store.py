"""Commands over a store: events, export, timeline, network, quotes, dedup, recode, serve."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ..errors import UsageError
from ..nlp import DEFAULT_MODEL
from .common import (
    DEFAULT_DB,
    DbText,
    Format,
    ModelOption,
    app,
    build_pipeline,
    err,
    parse_date,
    write_records,
)


def event_filter(source, target, actor, dyad, root, code, quad, since, until, outlet, text, limit):
    from ..store import EventFilter

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
        since=parse_date(since, "--since"),
        until=parse_date(until, "--until"),
        outlet=outlet,
        text=text,
        limit=limit,
    )


def open_existing(db: str):
    from ..store import open_store

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


class Freq(StrEnum):
    week = "week"
    month = "month"
    year = "year"


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
    from ..export import export

    where = event_filter(
        source, target, actor, dyad, root, code, quad, since, until, outlet, text, limit
    )
    where = replace(where, dedup=dedup)
    with open_existing(db) as store:
        records = store.records(where)
        if output is not None or fmt is EventFormat.parquet:
            if output is None:
                raise UsageError("--format parquet needs --output FILE")
            n = export(records, fmt.value if fmt is not EventFormat.table else "jsonl", output)
            err.print(f"wrote {n:,} events to {output}", highlight=False)
            return
        write_records(records, Format(fmt.value))


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
    from ..export import export

    where = event_filter(
        source, target, actor, dyad, root, None, None, since, until, None, None, None
    )
    where = replace(where, dedup=dedup)
    with open_existing(db) as store:
        n = export(store.records(where), fmt, output)
    err.print(f"wrote {n:,} events to {output}", highlight=False)


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
    where = event_filter(None, None, None, dyad, None, None, None, since, until, None, None, None)
    with open_existing(db) as store:
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
    where = event_filter(None, None, actor, None, None, None, None, since, until, None, None, None)
    with open_existing(db) as store:
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
    from ..export import write_jsonl

    with open_existing(db) as store:
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
    from ..dedup import dedup_store

    with open_existing(db) as store:
        articles, stories, groups = dedup_store(store, window)
    err.print(
        f"{articles:,} articles in {stories:,} stories; {groups:,} distinct events", highlight=False
    )


@app.command()
def recode(db: DbText = DEFAULT_DB, model: ModelOption = DEFAULT_MODEL) -> None:
    """Code every stored article again with this coder; its events replace the old ones.

    Example: communique recode --db news.duckdb
    """
    from ..ingest import recode as run

    open_existing(db).close()
    articles, n = run(build_pipeline(model), db)
    err.print(f"recoded {articles:,} articles: {n:,} events", highlight=False)


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

    from ..web.app import create_app, database_exists

    if not database_exists(db):
        raise UsageError(f"{db}: no such database; run `communique ingest` or `demo` first")
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(
            f"[bold red]WARNING: serving on {host}, not only this machine: anyone who can "
            "reach it can read every stored article.[/]"
        )
    err.print(f"communique dashboard on http://{host}:{port}  (Ctrl-C to stop)", highlight=False)
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")
