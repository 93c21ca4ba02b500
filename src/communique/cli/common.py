"""What every `communique` command shares: the app, options, output helpers.

Data goes to stdout, progress and summaries to stderr. Exit codes: 0 all done; 1 some
inputs were skipped or an error occurred; 2 bad usage.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ..errors import UsageError

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
WorkersOption = Annotated[
    int, typer.Option("--workers", min=1, help="Local processes that parse and code.")
]
DaskOption = Annotated[
    str | None,
    typer.Option(
        "--dask",
        metavar="SCHEDULER",
        help="Code on a Dask cluster: a scheduler address (tcp://host:8786) or 'local'.",
    ),
]
ScratchOption = Annotated[
    Path | None,
    typer.Option(
        "--scratch",
        help="With --dask: a folder every worker can write and this machine can read "
        "(default: a temporary folder, enough for 'local').",
    ),
]
FieldsOption = Annotated[
    str | None,
    typer.Option(help="JSON lines field names, e.g. text=body,title=headline,published=date."),
]


def parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} {value!r} is not a date; use YYYY-MM-DD") from None


def build_settings(model: str, published: date | None = None, fields: str | None = None):
    from ..settings import Settings
    from ..sources import ReadOptions

    return Settings(model=model, published=published, read=ReadOptions().with_fields(fields))


@contextmanager
def progress_display(report) -> Iterator:
    """A live line on stderr (when it is a terminal): articles, rate, events, skipped.

    Yields the function to call as the run advances.
    """
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    progress = Progress(
        SpinnerColumn(),
        BarColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        disable=not err.is_terminal,
    )
    started = time.perf_counter()
    with progress:
        task = progress.add_task("starting", total=None)

        def advance(_=None) -> None:
            rate = report.articles / max(time.perf_counter() - started, 1e-9)
            progress.update(
                task,
                description=(
                    f"{report.articles:,} articles ({rate:,.1f}/s) · {report.events:,} events"
                    f" · {len(report.skipped):,} skipped"
                ),
            )

        yield advance
        advance()


def build_pipeline(model: str, published: date | None = None, fields: str | None = None):
    from ..pipeline import Pipeline

    return Pipeline(build_settings(model, published, fields))


def write_records(records, fmt: Format, title: str = "Events") -> int:
    from ..export import write_csv, write_jsonl

    if fmt is Format.jsonl:
        return write_jsonl(records, sys.stdout)
    if fmt is Format.csv:
        return write_csv(records, sys.stdout)
    records = list(records)
    Console().print(event_table(records, title))
    return len(records)


def event_table(records: list[dict], title: str) -> Table:
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


def finish_run(report) -> None:
    for skipped in report.skipped:
        err.print(f"skipped {skipped}", markup=False, highlight=False)
    err.print(
        f"coded {report.articles:,} articles, {report.events:,} events; "
        f"skipped {len(report.skipped):,}",
        highlight=False,
    )
    if report.skipped:
        raise typer.Exit(1)
