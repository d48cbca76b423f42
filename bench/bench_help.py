"""Start-up time of `summarizer --help`, side by side with a bare interpreter.

Prints the median wall and CPU milliseconds of N runs (default 20) of

  (a) ``python -c pass``                  the floor: the interpreter alone
  (b) ``python -c "import typer"``        the CLI framework alone
  (c) ``summarizer --help``               the installed script (else ``python -m summarizer.cli``)
  (d) ``summarizer summarize --help``     a command's help

and each one's ratio to (a). The issue's target is (c) under 150 ms on this 2-core
machine, measured with our bytecode cached as after an install. Timing stays out of
the tests (a shared machine's load moves it); it is measured here instead.
``--imports`` also lists the slowest imports of (c), from ``python -X importtime``,
to show what to make lazy.

    PYTHONPATH=$PWD python bench/bench_help.py
    PYTHONPATH=$PWD python bench/bench_help.py -n 50 --imports
    PYTHONPATH=$PWD python bench/bench_help.py --baseline /tmp/main-tree   # before/after
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _env(pythonpath: str | None = None) -> dict[str, str]:
    # No config file or endpoint of the user's may change what runs.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    env["SUMMARIZER_CONFIG"] = os.devnull + ".absent.toml"
    # As installed: pip compiles a wheel's modules, and a checkout gets its __pycache__
    # on the warm-up run. Under PYTHONDONTWRITEBYTECODE (set on the team's VM) every
    # module of ours would be compiled from source on every run instead.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if pythonpath is not None:
        env["PYTHONPATH"] = pythonpath
    return env


def median_ms(cases: list[tuple[list[str], dict[str, str]]], runs: int) -> list[tuple[float, float]]:
    """Median wall and CPU milliseconds of each case's command, over `runs` rounds.

    The cases take turns within each round, so a change in the machine's load (other
    people's work) falls on all of them alike. One warm-up run each first.
    """
    for argv, env in cases:
        subprocess.run(argv, capture_output=True, check=True, env=env)  # page cache, __pycache__
    walls: list[list[float]] = [[] for _ in cases]
    cpus: list[list[float]] = [[] for _ in cases]
    for _ in range(runs):
        for i, (argv, env) in enumerate(cases):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(argv, capture_output=True, check=True, env=env)
            walls[i].append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[i].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return [(statistics.median(w) * 1000, statistics.median(c) * 1000) for w, c in zip(walls, cpus, strict=True)]


def slowest_imports(argv: list[str], top: int) -> list[tuple[int, int, str]]:
    """(cumulative us, self us, module) of the `top` slowest imports of ``python -X importtime``."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", *argv], capture_output=True, text=True, check=True, env=_env()
    )
    rows = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, name = line.removeprefix("import time:").split("|")
        rows.append((int(cumulative), int(own), name.rstrip()))
    return sorted(rows, reverse=True)[:top]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("-n", "--runs", type=int, default=20, help="runs per command (the median is printed)")
    p.add_argument("--imports", action="store_true", help="also list the slowest imports of `summarizer --help`")
    p.add_argument(
        "--baseline",
        metavar="DIR",
        help="also time the help of another source tree (e.g. `git archive main summarizer | tar -x -C DIR`)",
    )
    args = p.parse_args()

    script = Path(sys.executable).with_name("summarizer")
    cli = [str(script)] if script.exists() else [sys.executable, "-m", "summarizer.cli"]
    cases = [
        ("python -c pass", [sys.executable, "-c", "pass"], _env()),
        ("python -c 'import typer'", [sys.executable, "-c", "import typer"], _env()),
        ("summarizer --help", [*cli, "--help"], _env()),
        ("summarizer summarize --help", [*cli, "summarize", "--help"], _env()),
    ]
    if args.baseline:
        cases += [
            ("baseline: summarizer --help", [*cli, "--help"], _env(args.baseline)),
            ("baseline: summarize --help", [*cli, "summarize", "--help"], _env(args.baseline)),
        ]
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average {load} (before); median of {args.runs} rounds, bytecode cached")
    results = median_ms([(argv, env) for _, argv, env in cases], args.runs)
    base = results[0][0]
    print(f"{'':32} {'wall ms':>8} {'cpu ms':>8} {'ratio':>6}")
    for (label, _, _), (wall, cpu) in zip(cases, results, strict=True):
        print(f"{label:32} {wall:8.1f} {cpu:8.1f} {wall / base:6.2f}")
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} (after)")
    if args.imports:
        print("\nslowest imports of `summarizer --help` (cumulative us, self us, module):")
        for cumulative, own, name in slowest_imports(["-m", "summarizer.cli", "--help"], 25):
            print(f"{cumulative:9d} {own:9d} {name}")


if __name__ == "__main__":
    main()
