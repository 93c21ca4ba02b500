"""The `communique` command: a thin layer over the library that parses options and prints.

Data goes to stdout, progress and summaries to stderr. Exit codes: 0 all done; 1 some
inputs were skipped or an error occurred; 2 bad usage.
"""

from __future__ import annotations

import logging
import sys

from ..errors import CommuniqueError, UsageError
from . import coding, store  # noqa: F401 - the commands register themselves on the app
from .common import app, err


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
