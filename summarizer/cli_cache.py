"""The `summarizer cache` commands: stats, clear and path of the on-disk result cache.

Owns how the cache is shown (a table on a terminal, JSON otherwise) and the guard on
clearing it (ask on a terminal; without one, only with --yes). The cache itself is
`summarizer.cache`.

Registered on the main app by `summarizer.cli` (``register_cache(app)``). Imports
nothing heavy at import time, so ``summarizer --help`` stays fast.
"""

# No `from __future__ import annotations` here: typer reads each command's annotations
# on every start, and evaluating them from strings cost ~20 ms of `summarizer --help`.
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from .cli_errors import handle_errors, setup_logging, write_output
from .cli_options import CacheDirOpt, D, option

__all__ = ["cache_app", "register_cache"]

cache_app = typer.Typer(
    help="""Inspect or clear the on-disk cache of validated results.

    Examples:

    \b
      summarizer cache stats
      summarizer cache clear --yes
      summarizer cache path
    """,
    short_help="Inspect or clear the on-disk cache.",
    no_args_is_help=True,
)


def register_cache(app: typer.Typer) -> None:
    """Add the ``cache`` command group to `app`."""
    app.add_typer(cache_app, name="cache")


def _cache(cache_dir: Path | None) -> Any:
    from .cache import Cache
    from .cli_options import busy_timeout_from_env
    from .config import Settings

    return Cache(Settings(cache_dir=cache_dir).resolved_cache_dir(), busy_timeout=busy_timeout_from_env())


def _size(n: int) -> str:
    """1,234,567 -> '1.2 MiB (1,234,567 bytes)'; small sizes in bytes only."""
    if n < 1024:
        return f"{n:,} bytes"
    value = float(n)
    for unit in ("KiB", "MiB", "GiB", "TiB"):  # noqa: B007 - the unit the loop stops at is the answer
        value /= 1024
        if value < 1024:
            break
    return f"{value:.1f} {unit} ({n:,} bytes)"


def _stats_table(stats: dict[str, Any]) -> str:
    rows = [
        ("cache", stats["path"]),
        ("entries", f"{stats['entries']:,}"),
        ("size on disk", _size(stats["bytes"])),
        ("tokens saved", f"{stats['tokens_saved']:,}"),
        ("schema version", str(stats["schema_version"])),
    ]
    if stats["read_only"]:
        rows.append(("read-only", "yes: hits are read, new results are not stored"))
    if stats["damaged"]:
        rows.append(("set aside", f"{len(stats['damaged'])} corrupt database(s), {_size(stats['damaged_bytes'])}"))
        rows += [("", name) for name in stats["damaged"]]
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"{label:<{width}}  {value}".rstrip() for label, value in rows)


@cache_app.command("stats")
@handle_errors
def cache_stats(
    cache_dir: CacheDirOpt = D.cache_dir,
    as_json: Annotated[bool, option("--json", help="Print JSON even on a terminal (the default when piped).")] = False,
) -> None:
    """Entries, size on disk and tokens the cache has saved.

    A table on a terminal; JSON with --json or when stdout is not a terminal. Corrupt
    databases set aside by earlier runs are listed too.

    Examples:

      summarizer cache stats

      summarizer cache stats --json > cache-stats.json
    """
    setup_logging(0, False)
    cache = _cache(cache_dir)
    try:
        stats = cache.stats()
    finally:
        cache.close()
    if as_json or not sys.stdout.isatty():
        import json

        write_output(json.dumps(stats, indent=2), None)
    else:
        write_output(_stats_table(stats), None)


@cache_app.command("clear")
@handle_errors
def cache_clear(
    cache_dir: CacheDirOpt = D.cache_dir,
    yes: Annotated[
        bool, option("--yes", "-y", help="Clear without asking (required when stdin is not a terminal).")
    ] = False,
) -> None:
    """Delete every cached result, after asking; says how many entries and bytes went.

    On a terminal it asks first. Without a terminal (a script, a pipe, CI) it refuses
    with exit 2 unless --yes is given: results cost money to make, so clearing them is
    never a side effect of a pasted line.

    Examples:

      summarizer cache clear

      summarizer cache clear --yes --cache-dir /tmp/summarizer-cache
    """
    from .errors import ConfigError

    setup_logging(0, False)
    cache = _cache(cache_dir)
    try:
        if not yes:
            if not sys.stdin.isatty():
                raise ConfigError(
                    f"cache clear would delete every cached result in {cache.directory}; "
                    "stdin is not a terminal to confirm on, so pass --yes (nothing was removed)"
                )
            stats = cache.stats()
            if stats["entries"] == 0:
                typer.echo(f"the cache in {cache.directory} is empty; nothing to remove", err=True)
                return
            question = f"Delete {stats['entries']:,} cached results ({_size(stats['bytes'])}) in {cache.directory}?"
            if not typer.confirm(question, default=False, err=True):
                typer.echo("nothing removed", err=True)
                return
        count, freed = cache.clear()
    finally:
        cache.close()
    typer.echo(f"removed {count:,} entries from {cache.directory}, freeing {_size(freed)}", err=True)


@cache_app.command("path")
@handle_errors
def cache_path(cache_dir: CacheDirOpt = D.cache_dir) -> None:
    """Print the cache directory.

    Examples:

      summarizer cache path

      ls -l "$(summarizer cache path)"
    """
    write_output(str(_cache(cache_dir).directory), None)
