"""The command reference in docs/cli.md, made from each command's own --help."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from .common import app

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def reference() -> str:
    """Markdown with the --help text of the program and of every command."""
    runner = CliRunner()
    env = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
    parts = [
        "# Command reference",
        "",
        "Generated from `--help`: `python -m communique.cli.reference > docs/cli.md`.",
        "",
    ]
    commands = [c.name or c.callback.__name__ for c in app.registered_commands]
    for name in [None, *commands]:
        args = [name, "--help"] if name else ["--help"]
        text = ANSI.sub("", runner.invoke(app, args, env=env, prog_name="communique").stdout)
        text = "\n".join(line.rstrip() for line in text.strip("\n").splitlines())
        parts += [
            f"## communique {name}" if name else "## communique",
            "",
            "```",
            text.rstrip(),
            "```",
            "",
        ]
    return "\n".join(parts)


if __name__ == "__main__":
    print(reference())
