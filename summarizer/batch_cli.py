"""The `summarizer batch` command: many articles to one JSONL file, at provider speed.

Owns the command's options, writing results in input order as they become ready,
the progress bar and the closing summary on stderr, and Ctrl-C: the first SIGINT (or
SIGTERM) stops the run, writes every finished article (in input order, skipping
unfinished ones) and exits 130; a rerun gets the finished ones from the cache. The
work itself is `summarizer.batch`.

Registered on the main app by `summarizer.cli` (``register_batch(app)``). This module
imports nothing heavy at import time (and nothing from `summarizer.cli`, which imports
it), so ``summarizer --help`` stays fast.
"""

# No `from __future__ import annotations` here: typer reads each command's annotations
# on every start, and evaluating them from strings cost ~20 ms of `summarizer --help`.
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer

from .cli_errors import EXIT_INTERRUPTED, OutputWriteError, add_command, check_output_path, setup_logging, write_error
from .cli_options import ConcurrencyOpt, D, RpmOpt, TpmOpt, cli_state, model_options, model_settings, option

if TYPE_CHECKING:
    from .batch import BatchResult, BatchRun, BatchTotals
    from .config import Settings

__all__ = ["register_batch", "batch"]


@model_options()
def batch(
    ctx: typer.Context,
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Article files, directories (recursively *.txt, *.md) or JSONL files of "
            '{"id", "text", "published"?, "title"?}; - reads JSONL from stdin.',
            metavar="INPUT",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None, option("--output", "-o", metavar="FILE", help="JSONL file to write [default: stdout].")
    ] = None,
    concurrency: ConcurrencyOpt = D.concurrency,
    rpm: RpmOpt = D.rpm,
    tpm: TpmOpt = D.tpm,
    progress: Annotated[
        bool | None,
        option("--progress/--no-progress", help="Progress bar on stderr [default: when stderr is a terminal]."),
    ] = None,
) -> None:
    """Summarize many articles into one JSONL file, one line per input in input order.

    Each line is {"id", "result"} or {"id", "error", "kind"}. Exit 0 when all
    succeed, 1 when any failed, 5 when the output could not be written, 130 when
    interrupted. Finished articles are cached: rerunning the same command after a
    failure or Ctrl-C redoes only the rest. Identical articles are sent once; an id
    used twice is an error for the later item.

    Examples:

    \b
      summarizer batch articles/ -o summaries.jsonl --concurrency 16
      summarizer batch items.jsonl -o out.jsonl --model gpt-4o-mini --rpm 500 --tpm 200000
      cat items.jsonl | summarizer batch - > out.jsonl
    """
    setup_logging(ctx.params["verbose"], ctx.params["debug"])
    code = _batch(
        inputs,
        output=output,
        concurrency=concurrency,
        rpm=rpm,
        tpm=tpm,
        progress=sys.stderr.isatty() if progress is None else progress,
        config_file=cli_state(ctx).config_file,
        settings=model_settings(ctx),
    )
    raise typer.Exit(code)


def register_batch(app: typer.Typer) -> None:
    """Add the ``batch`` command to `app`."""
    add_command(app, "batch")(batch)


def _batch(
    inputs: list[str],
    *,
    output: Path | None,
    concurrency: int,
    rpm: float | None,
    tpm: float | None,
    progress: bool,
    config_file: Path | None,
    settings: "Settings",
) -> int:
    from .api import Summarizer
    from .batch import items_from_paths, summarize_as_completed
    from .errors import InputError
    from .pricing import load_prices

    # Everything that can be refused is refused before the first request (exit 2).
    if output is not None:
        output = check_output_path(output)
    items = items_from_paths(inputs)
    prices = load_prices(config_file)

    def start() -> "BatchRun":
        return summarize_as_completed(
            items,
            concurrency=concurrency,
            rpm=rpm,
            tpm=tpm,
            summarizer=Summarizer.from_settings(settings),
            prices=prices,
        )

    if output is None:
        return _run(start(), sys.stdout, "standard output", progress=progress, cache=settings.use_cache)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        fh = open(output, "w", encoding="utf-8")
    except OSError as err:
        raise InputError(f"{output}: cannot be written ({err.strerror or err}); give another path for -o") from None
    with fh:
        return _run(start(), fh, str(output), progress=progress, cache=settings.use_cache)


class _OrderedWriter:
    """Writes results in input order as soon as every earlier one is written.

    Out-of-order completions wait in `pending`; `flush_finished` (on interrupt) writes
    them too, skipping the unfinished gaps, so each line is still complete JSON. A
    failed write (a full disk, a closed pipe) is kept in `error` and calls `on_error`
    (which stops the run: there is nowhere to put more results); later writes are skipped.
    """

    def __init__(self, out: IO[str], on_error: Callable[[], None]):
        self.out = out
        self.on_error = on_error
        self.next = 0
        self.pending: dict[int, "BatchResult"] = {}
        self.written = 0
        self.error: OSError | None = None

    def add(self, result: "BatchResult") -> None:
        self.pending[result.index] = result
        ready = []
        while self.next in self.pending:
            ready.append(self.pending.pop(self.next))
            self.next += 1
        self._write(ready)

    def flush_finished(self) -> None:
        self._write([self.pending.pop(index) for index in sorted(self.pending)])

    def _write(self, results: "list[BatchResult]") -> None:
        if self.error is not None:
            return
        try:
            for result in results:
                self.out.write(result.to_json() + "\n")
            self.out.flush()
            self.written += len(results)  # counted once on disk (or in the pipe), not in a buffer
        except OSError as err:
            self.error = err
            self.on_error()


def _run(run: "BatchRun", out: IO[str], where: str, *, progress: bool, cache: bool) -> int:
    import asyncio  # not at module level: `summarizer --help` should not pay for it

    writer = _OrderedWriter(out, on_error=run.cancel)
    bar = _Progress(run) if progress else None

    async def consume() -> None:
        loop = asyncio.get_running_loop()
        handled = []
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, run.cancel)
                handled.append(sig)
            except (NotImplementedError, RuntimeError, ValueError):  # not the main thread, or Windows
                pass
        try:
            async for result in run:
                writer.add(result)
                if bar is not None:
                    bar.update()
        finally:
            for sig in handled:
                loop.remove_signal_handler(sig)

    try:
        if bar is not None:
            with bar:
                asyncio.run(consume())
        else:
            asyncio.run(consume())
    except KeyboardInterrupt:  # a signal we could not handle in the loop
        run.cancel()
    interrupted = run.cancelled and writer.error is None
    if interrupted:
        writer.flush_finished()
    _report(run, interrupted=interrupted, cache=cache)
    if writer.error is not None:
        err = write_error(where, writer.error)
        again = (
            "finished articles are in the cache: rerun and they make no new request"
            if cache
            else "--no-cache was given, so a rerun asks the model again"
        )
        raise OutputWriteError(f"{err}; {writer.written} of {run.totals.total} results written; {again}")
    if interrupted:
        return EXIT_INTERRUPTED
    return 1 if run.totals.failed else 0


def _report(run: "BatchRun", *, interrupted: bool, cache: bool) -> None:
    t = run.totals
    parts = [f"{t.done} summarized", f"{t.cached} from cache", f"{t.failed} failed"]
    line = f"summarizer: batch: {t.finished} of {t.total} articles: {', '.join(parts)}; {_tokens(t)}; {_cost(run)}"
    typer.echo(line, err=True)
    if interrupted:
        left = (t.total or 0) - t.finished
        again = (
            "rerun the same command to finish them (finished articles come from the cache)"
            if cache
            else "--no-cache was given, so a rerun starts over"
        )
        typer.echo(f"summarizer: batch: interrupted; {left} articles not finished and not written; {again}", err=True)


def _tokens(t: "BatchTotals") -> str:
    u = t.usage
    text = f"{u.total_tokens:,} tokens ({u.prompt_tokens:,} prompt + {u.completion_tokens:,} completion)"
    if t.saved.total_tokens:
        text += f", {t.saved.total_tokens:,} saved by the cache"
    return text


def _cost(run: "BatchRun") -> str:
    from .pricing import PRICES_AS_OF

    value = run.totals.cost
    if value is None:
        return f"cost unknown (no price for model {run.model!r}; add it under [prices] in the config file)"
    if run.free:
        return "cost $0 (embedded model)"
    return f"cost ${value:.4f} ({run.model}, prices as of {PRICES_AS_OF} unless overridden)"


def _short(n: int) -> str:
    return f"{n / 1e6:.1f}M" if n >= 10**6 else f"{n / 1e3:.0f}k" if n >= 10**4 else str(n)


class _Progress:
    """A rich progress bar on stderr: finished/total, done, cached, failed, tokens, cost."""

    def __init__(self, run: "BatchRun"):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.run = run
        self.progress = Progress(
            BarColumn(bar_width=16),
            MofNCompleteColumn(),
            TextColumn("{task.fields[stats]}"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=False,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self.task = self.progress.add_task("batch", total=run.totals.total, stats=self._stats())

    def _stats(self) -> str:
        t = self.run.totals
        cost = "$?" if t.cost is None else f"${t.cost:.4f}"
        return f"done {t.done} cached {t.cached} failed {t.failed} | {_short(t.usage.total_tokens)} tok | {cost}"

    def update(self) -> None:
        self.progress.update(self.task, completed=self.run.totals.finished, stats=self._stats())

    def __enter__(self) -> "_Progress":
        self.progress.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.update()
        self.progress.stop()
