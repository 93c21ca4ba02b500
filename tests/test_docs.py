"""The documentation keeps up with the code: every command and data file is described."""

from importlib import resources
from pathlib import Path

from communique.cli.common import app
from communique.cli.reference import reference

ROOT = Path(__file__).resolve().parents[1]


def test_command_reference_is_current():
    assert (ROOT / "docs" / "cli.md").read_text() == reference() + "\n", (
        "regenerate with: python -m communique.cli.reference > docs/cli.md"
    )


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        assert f"`{name}" in readme or f" {name} " in readme, name


def test_every_data_file_is_described():
    described = (ROOT / "docs" / "data.md").read_text()
    data = resources.files("communique").joinpath("data")
    for entry in data.iterdir():
        if entry.name.endswith((".csv", ".yaml")):
            assert f"`{entry.name}`" in described, entry.name
    for entry in data.joinpath("actors").iterdir():
        if entry.name.endswith(".csv"):
            assert f"`actors/{entry.name}`" in described, entry.name
