"""Views of an evaluation report: text table, Markdown, JSON, comparison, gates, HTML.

Owns turning an `EvalReport` into text for people and machines, comparing it with a
saved baseline, and checking thresholds (``--min recall.events=0.6``). Data in, text
out: no files, no model. The HTML page reuses the result views' stylesheet
(``summarizer/views/_report.css.j2``) and needs no script: every missed or wrong item
links to an anchor at its evidence in the article text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from ..errors import ConfigError
from .metrics import SECTIONS, ArticleReport, EvalReport, ItemOutcome

__all__ = [
    "Gate",
    "parse_gate",
    "check_gates",
    "format_text",
    "format_markdown",
    "format_json",
    "compare",
    "render_html",
]

_SECTION_TITLES = {"actors": "Actors", "stances": "Stances", "events": "Events", "follow_ups": "Follow-ups"}
_VIEWS = Path(__file__).resolve().parent.parent / "views"
_EVAL_VIEWS = Path(__file__).resolve().parent / "views"


def _num(value: float | int | None, digits: int = 2) -> str:
    if value is None:
        return "-"
    if isinstance(value, int):
        return str(value)
    return f"{value:.{digits}f}"


def _row(a: ArticleReport | EvalReport, name: str) -> list[str]:
    unfaithful = (
        a.faithfulness.actors_not_in_text
        + a.faithfulness.evidence_not_located
        + a.faithfulness.dates_contradicting_text
    )
    cells = [name, _num(a.actors.match.f1)]
    for section in SECTIONS:
        sc = getattr(a, section)
        cells.append(f"{_num(sc.strict.f1)} / {_num(sc.relaxed.f1)}")
    cells.append(str(unfaithful))
    if isinstance(a, ArticleReport):
        cells += [str(a.cost.tokens), str(a.cost.calls), _num(a.cost.seconds, 1)]
        if a.error:
            cells[0] += " (failed)"
    else:
        cells += [_num(a.tokens_per_article, 0), _num(a.calls_per_article, 1), _num(a.seconds_per_article, 1)]
    return cells


_HEADER = ["article", "actors F1", "stances F1 strict/relaxed", "events F1 strict/relaxed",
           "follow-ups F1 strict/relaxed", "unfaithful", "tokens", "calls", "seconds"]  # fmt: skip


def _table_rows(report: EvalReport) -> list[list[str]]:
    rows = [_row(a, a.article) for a in report.articles]
    rows.append(_row(report, "total (micro; cost per article)"))
    return rows


def format_text(report: EvalReport) -> str:
    """A per-article table, the totals, then every metric by name."""
    rows = [_HEADER, *_table_rows(report)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(_HEADER))]
    lines = [
        "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))
        for r in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.insert(-1, lines[1])
    lines.append("")
    lines += [f"{name:<40} {_num(value, 3)}" for name, value in report.metrics().items()]
    return "\n".join(lines) + "\n"


def format_markdown(report: EvalReport) -> str:
    """The same as `format_text`, as Markdown tables."""
    rows = _table_rows(report)
    out = ["| " + " | ".join(_HEADER) + " |", "|" + "---|" + "---:|" * (len(_HEADER) - 1)]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    out += ["", "| metric | value |", "|---|---:|"]
    out += [f"| `{name}` | {_num(value, 3)} |" for name, value in report.metrics().items()]
    return "\n".join(out) + "\n"


def format_json(report: EvalReport) -> str:
    """The whole report (without article texts) plus a flat ``metrics`` object, for --compare."""
    data = report.model_dump(mode="json", exclude={"articles": {"__all__": {"text"}}})
    return json.dumps({"metrics": report.metrics(), **data}, indent=2, ensure_ascii=False) + "\n"


def compare(report: EvalReport, baseline: dict[str, Any]) -> str:
    """Each metric beside the baseline's, with the change (`baseline` is a saved --format json report)."""
    old = baseline.get("metrics")
    if not isinstance(old, dict):
        raise ConfigError('the baseline is not a saved `summarizer eval --format json` report (no "metrics" object)')
    rows = [["metric", "baseline", "now", "change"]]
    for name, value in report.metrics().items():
        before = old.get(name)
        if isinstance(value, int | float) and isinstance(before, int | float):
            change = f"{value - before:+.3f}" if value != before else "="
        else:
            change = "new" if before is None and value is not None else ""
        rows.append([name, _num(before, 3), _num(value, 3), change])
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = [
        "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))
        for r in rows
    ]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- gates


@dataclass(frozen=True)
class Gate:
    metric: str
    bound: float
    kind: str  # "min" or "max"


def parse_gate(text: str, kind: str, known: list[str]) -> Gate:
    """``recall.events=0.6`` -> Gate; an unknown metric or a bad number is a usage error."""
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep:
        raise ConfigError(f"--{kind} {text!r}: expected METRIC=NUMBER, e.g. recall.events=0.6")
    if name not in known:
        raise ConfigError(f"--{kind}: unknown metric {name!r}; known metrics: {', '.join(known)}")
    try:
        bound = float(value)
    except ValueError:
        raise ConfigError(f"--{kind} {text!r}: {value!r} is not a number") from None
    return Gate(name, bound, kind)


def check_gates(report: EvalReport, gates: list[Gate]) -> list[str]:
    """Failed gates as readable lines (empty: all passed). A metric with no value fails a --min."""
    metrics = report.metrics()
    failed = []
    for g in gates:
        value = metrics[g.metric]
        if g.kind == "min" and (value is None or value < g.bound):
            failed.append(f"{g.metric} = {_num(value, 3)} is below the minimum {g.bound:g}")
        if g.kind == "max" and value is not None and value > g.bound:
            failed.append(f"{g.metric} = {_num(value, 3)} is above the maximum {g.bound:g}")
    return failed


# --------------------------------------------------------------------------- HTML


@dataclass
class _Segment:
    text: str
    status: str | None  # worst status of the items whose spans cover it
    anchors: list[str]


_RANK = {"missed": 4, "unfaithful": 4, "spurious": 3, "wrong": 2, "hit": 1, "relaxed_hit": 2}


def _status(item: ItemOutcome) -> str:
    if item.status == "hit" and item.problems:
        return "wrong"
    return item.status


def _segments(text: str, items: list[ItemOutcome], prefix: str) -> list[_Segment]:
    cuts = {0, len(text)}
    for it in items:
        for s, e in it.spans:
            cuts.update((s, e))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    segs = []
    for s, e in zip(points, points[1:], strict=False):
        covering = [_status(it) for it in items if any(a <= s and e <= b for a, b in it.spans)]
        status = max(covering, key=lambda x: _RANK[x]) if covering else None
        anchors = sorted({f"{prefix}-{a}" for it in items for a, _ in it.spans if a == s})
        segs.append(_Segment(text[s:e], status, anchors))
    return segs


def render_html(report: EvalReport, title: str = "Evaluation") -> str:
    """A self-contained page: totals, then per article the items and the text they point to."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(_EVAL_VIEWS), str(_VIEWS)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = _num
    articles = []
    order = {"missed": 0, "unfaithful": 1, "wrong": 2, "spurious": 3, "relaxed_hit": 4, "hit": 5}
    sections = list(_SECTION_TITLES)
    for k, a in enumerate(report.articles):
        prefix = f"a{k}"
        outcomes = sorted(a.items, key=lambda it: (sections.index(it.section), order[_status(it)]))
        items = [
            {"item": it, "status": _status(it), "href": f"#{prefix}-{it.spans[0][0]}" if it.spans else None}
            for it in outcomes
        ]
        articles.append(
            {
                "report": a,
                "id": prefix,
                "items": items,
                "segments": _segments(a.text, a.items, prefix),
                "row": _row(a, a.article),
            }
        )
    return env.get_template("eval.html.j2").render(
        title=title,
        header=_HEADER,
        total=_row(report, "total"),
        articles=articles,
        metrics=report.metrics(),
        sections=_SECTION_TITLES,
    )
