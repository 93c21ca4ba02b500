"""communique: political event data from news — who did what to whom, when, and where."""

import functools

from .errors import CommuniqueError
from .pipeline import Coded, Pipeline, Report
from .records import Article, Event, Location, Skipped
from .settings import Settings
from .store import Store, open_store
from .version import __version__

open = open_store


def code_text(text: str, published: str | None = None) -> list[Event]:
    """Events in ``text`` with the default pipeline (loaded once per process)."""
    return _default_pipeline().code_text(text, published=published)


@functools.cache
def _default_pipeline() -> Pipeline:
    return Pipeline()


__all__ = [
    "Article",
    "Coded",
    "CommuniqueError",
    "Event",
    "Location",
    "Pipeline",
    "Report",
    "Settings",
    "Skipped",
    "Store",
    "__version__",
    "code_text",
    "open",
    "open_store",
]
