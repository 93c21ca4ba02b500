from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from communique import Pipeline

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden files")


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def code(pipeline):
    """(source, target, cameo) triples coded from one text."""

    def run(text: str, published: str | None = "2024-05-14") -> list[tuple[str, str, str]]:
        day = date.fromisoformat(published) if published else None
        return [(e.source, e.target, e.cameo) for e in pipeline.code_text(text, published=day)]

    return run


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared data not found at {SHARED}")
    return SHARED
