"""The CLI boundary shared by every command: errors to one stderr line and an exit code.

Owns `handle_errors` (library errors -> ``summarizer: error: ...`` and the error's
exit code; tracebacks only with --debug), the command classes that give usage errors
the same one-line form and keep Python type names out of ``--help``, the checks and
errors for output paths (`check_output_path`, `write_output`, `OutputWriteError`,
exit 5), and logging set-up for -v/--debug. Kept apart from `summarizer.cli` so that
`summarizer.batch_cli`, which cli imports, can use it too without an import cycle.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import traceback
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import IO, Any, TypeVar

import typer

# typer >= 0.29 vendors click: its commands raise these errors and take these contexts.
from typer._click import Context, HelpFormatter, echo
from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer.core import TyperCommand, TyperGroup

from .errors import InputError, SummarizerError

__all__ = [
    "EXIT_INTERRUPTED",
    "EXIT_WRITE_FAILED",
    "OutputWriteError",
    "SummarizerCommand",
    "SummarizerGroup",
    "add_command",
    "check_output_path",
    "fail",
    "handle_errors",
    "quiet_broken_stdout",
    "setup_logging",
    "write_error",
    "write_output",
]

F = TypeVar("F", bound=Callable[..., Any])
EXIT_INTERRUPTED = 130
EXIT_WRITE_FAILED = 5
PROG = "summarizer"


class OutputWriteError(SummarizerError):
    """The output (``-o FILE`` or stdout) could not be written, possibly after a model was paid.

    Exit 5, not 2: exit 2 promises that nothing was sent to a model. Paths that are
    wrong from the start are refused before any request, by `check_output_path`
    (exit 2); this is what fails later: a full disk, a closed pipe, a filesystem that
    refuses the file. Finished results are in the cache, so a rerun pays nothing again.
    """

    exit_code = EXIT_WRITE_FAILED


def fail(message: str, code: int) -> typer.Exit:
    """Print ``summarizer: error: MESSAGE`` (one line) and return the `typer.Exit` to raise."""
    from .errors import scrub

    # One line, always: error bodies from servers and proxies may carry newlines. Keys
    # are scrubbed where engine errors are built; this is the last guard before stderr.
    message = scrub(message, [os.environ.get("OPENAI_API_KEY"), os.environ.get("SUMMARIZER_API_KEY")])
    typer.echo(f"{PROG}: error: {' '.join(message.split())}", err=True)
    return typer.Exit(code)


def handle_errors(func: F) -> F:
    """Map library errors to one stderr line and their exit code; tracebacks only with --debug."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        # Typer passes every option by name: the command's own --debug, nothing global.
        debug = bool(kwargs.get("debug"))
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, UsageError):
            raise
        except SummarizerError as err:
            if debug:
                traceback.print_exc()
            raise fail(str(err), err.exit_code) from None
        except KeyboardInterrupt:
            raise fail("interrupted", EXIT_INTERRUPTED) from None
        except BrokenPipeError:
            # stdout's reader went away (`summarizer ... | head`): not a bug, and nothing more to say there.
            quiet_broken_stdout()
            raise fail("standard output was closed (broken pipe)", EXIT_WRITE_FAILED) from None
        except Exception as err:  # an unexpected bug: say so, exit 1
            if debug:
                traceback.print_exc()
            raise fail(f"unexpected {type(err).__name__}: {err} (run with --debug for a traceback)", 1) from None

    return wrapper  # type: ignore[return-value]


def add_command(app: typer.Typer, name: str) -> Callable[[F], F]:
    """Register the decorated function as `app`'s command `name`, behind the one error
    boundary (`handle_errors`) and with one-line usage errors (`SummarizerCommand`)."""

    def register(func: F) -> F:
        return app.command(name, cls=SummarizerCommand)(handle_errors(func))

    return register


def quiet_broken_stdout() -> None:
    """After EPIPE on stdout, point it at /dev/null so the interpreter's final flush is silent.

    (The recipe of the Python docs' note on SIGPIPE.) Does nothing when stdout is not
    a real file descriptor, as under a test runner.
    """
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


def write_error(where: str, err: OSError) -> OutputWriteError:
    """The `OutputWriteError` for an OS error while writing to `where` (a path or "standard output")."""
    if err.errno == errno.EPIPE:
        quiet_broken_stdout()
        return OutputWriteError(f"{where} was closed (broken pipe)")
    return OutputWriteError(f"{where}: cannot write ({err.strerror or err})")


def check_output_path(output: Path, *, option: str = "-o") -> Path:
    """Refuse an output path that cannot work, before anything is sent to a model.

    A directory, a path under a regular file, or a directory that cannot be written is
    a usage error (exit 2). Devices and pipes (``/dev/stdout``) are fine. A path that
    passes can still fail when written (a full disk): that is `OutputWriteError`.

    Returns:
        The path with ``~`` expanded.

    Raises:
        InputError: the path can never be written.
    """
    output = output.expanduser()
    try:
        mode = os.stat(output).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as err:  # ENOTDIR (under a file), EACCES (a directory on the way)
        raise InputError(_path_problem(output, option, err)) from None
    if mode is not None and stat.S_ISDIR(mode):
        raise InputError(f"{output}: is a directory; give a file name for {option}")
    if mode is not None and not stat.S_ISREG(mode):
        return output  # a device or a FIFO: written in place
    # The nearest existing ancestor must be a directory we may create files in.
    parent = output.parent
    while True:
        try:
            parent_mode = os.stat(parent).st_mode
        except FileNotFoundError as err:
            if parent == parent.parent:  # even "." is gone (a deleted working directory)
                raise InputError(_path_problem(output, option, err)) from None
            parent = parent.parent  # missing directories are created by the write
            continue
        except OSError as err:
            raise InputError(_path_problem(output, option, err)) from None
        break
    if not stat.S_ISDIR(parent_mode):
        raise InputError(f"{output}: {parent} is not a directory; give another path for {option}")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InputError(f"{output}: cannot create files in {parent} (permission denied or read-only)")
    return output


def write_output(text: str, output: Path | None) -> None:
    """Write to stdout, or to FILE atomically (a failure never leaves half a file).

    Check FILE with `check_output_path` before any paid work: this only writes.
    A device or a pipe (``-o /dev/stdout``) is written in place, never replaced.

    Raises:
        OutputWriteError: the write failed (full disk, closed pipe, refused file).
    """
    from .files import write_atomic

    data = text if text.endswith("\n") else text + "\n"
    if output is None:
        try:
            sys.stdout.write(data)
            sys.stdout.flush()  # now, so a closed pipe is reported here and not at exit
        except OSError as err:
            raise write_error("standard output", err) from None
        return
    output = output.expanduser()
    if os.path.exists(output) and not os.path.isfile(output):
        try:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(data)
        except OSError as err:
            raise write_error(str(output), err) from None
        return
    target = Path(os.path.realpath(output))  # replace a symlink's target, not the link
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    except OSError as err:
        raise write_error(str(output), err) from None


def _path_problem(output: Path, option: str, err: OSError) -> str:
    return f"{output}: cannot be written ({err.strerror or err}); give another path for {option}"


class _UsageError(UsageError):
    """A click usage error shown our way: the error line first, then the usage and a hint."""

    def __init__(self, original: UsageError):
        super().__init__(original.format_message(), ctx=original.ctx)
        self.exit_code = original.exit_code

    def show(self, file: IO[Any] | None = None) -> None:
        lines = [f"{PROG}: error: {' '.join(self.format_message().split())}"]
        ctx = self.ctx
        if ctx is not None:
            lines.append(ctx.get_usage())
            if ctx.command.get_help_option(ctx) is not None:
                lines.append(f"Try '{ctx.command_path} --help' for help.")
        echo("\n".join(lines), file=file, err=True)


def _ours(err: UsageError) -> UsageError:
    if isinstance(err, (_UsageError, NoArgsIsHelpError)):
        return err  # no_args_is_help prints the help, as asked
    return _UsageError(err)


class SummarizerGroup(TyperGroup):
    """The root command: usage errors anywhere below print one ``summarizer: error:`` line.

    Click's own form puts "Error: ..." last, after the usage; ours starts with the same
    line every other failure prints, so scripts and people find it in one place.
    """

    def make_context(
        self, info_name: str | None, args: list[str], parent: Context | None = None, **extra: Any
    ) -> Context:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except UsageError as err:
            raise _ours(err) from None

    def invoke(self, ctx: Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as err:
            raise _ours(err) from None


class SummarizerCommand(TyperCommand):
    """A command whose help names arguments by their metavar only, as click does.

    Typer adds the Python type to each argument (``PATH|- <str>``, ``INPUT <list[str]>``)
    and braces to required ones in the usage line (``{PATH|-}``); the metavar and the
    help text already say what to give. Options say it with their `metavar`.
    """

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name != "argument":
                continue
            name = param.metavar or (param.name or "").upper()
            name = name if param.required else f"[{name}]"
            pieces.append(name + ("..." if param.nargs != 1 else ""))
        return pieces

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        args: list[tuple[str, str]] = []
        opts: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                name, help_text = record
                type_str = getattr(param, "display_type_rich", lambda _ctx: None)(ctx)
                if type_str:
                    name = name.removesuffix(f" {type_str}")
                args.append((name, help_text))
            else:
                opts.append(record)
        if args:
            with formatter.section("Arguments"):
                formatter.write_dl(args)
        if opts:
            with formatter.section("Options"):
                formatter.write_dl(opts)


def setup_logging(verbose: int, debug: bool) -> None:
    """Logs on stderr: warnings by default, -v info, -vv or --debug debug."""
    import logging  # here, not at the top: `summarizer --help` does not log

    level = logging.DEBUG if debug or verbose >= 2 else logging.INFO if verbose == 1 else logging.WARNING
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "httpcore", "openai"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
