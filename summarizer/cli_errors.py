"""The CLI boundary shared by every command: errors to one stderr line and an exit code.

Owns `handle_errors` (library errors -> ``summarizer: error: ...`` and the error's
exit code; tracebacks only with --debug) and logging set-up for -v/--debug. Kept
apart from `summarizer.cli` so that `summarizer.batch_cli`, which cli imports, can use
it too without an import cycle.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import typer

__all__ = ["EXIT_INTERRUPTED", "fail", "handle_errors", "setup_logging", "state"]

F = TypeVar("F", bound=Callable[..., Any])
EXIT_INTERRUPTED = 130
# Set by a command's --debug before its work starts; read when an error is reported.
state = {"debug": False}


def fail(message: str, code: int) -> typer.Exit:
    from .errors import scrub

    # One line, always: error bodies from servers and proxies may carry newlines. Keys
    # are scrubbed where engine errors are built; this is the last guard before stderr.
    message = scrub(message, [os.environ.get("OPENAI_API_KEY"), os.environ.get("SUMMARIZER_API_KEY")])
    typer.echo(f"summarizer: error: {' '.join(message.split())}", err=True)
    return typer.Exit(code)


def handle_errors(func: F) -> F:
    """Map library errors to one stderr line and their exit code; tracebacks only with --debug."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .errors import SummarizerError

        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, typer.BadParameter):
            raise
        except SummarizerError as err:
            if state["debug"]:
                traceback.print_exc()
            raise fail(str(err), err.exit_code) from None
        except KeyboardInterrupt:
            raise fail("interrupted", EXIT_INTERRUPTED) from None
        except Exception as err:  # an unexpected bug: say so, exit 1
            if state["debug"]:
                traceback.print_exc()
            raise fail(f"unexpected {type(err).__name__}: {err} (run with --debug for a traceback)", 1) from None

    return wrapper  # type: ignore[return-value]


def setup_logging(verbose: int, debug: bool) -> None:
    level = logging.DEBUG if debug or verbose >= 2 else logging.INFO if verbose == 1 else logging.WARNING
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "httpcore", "openai"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
