"""Tests for `summarizer.render`: JSON, Markdown and HTML views of a result.

The results are built by hand from short articles written here; every evidence offset is
computed with ``str.find`` so the tests never depend on hard-coded output. The browser
tests (tests/test_render_browser.py) reuse `make_result` and `hostile_result`.
"""

from __future__ import annotations

import difflib
import html
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from summarizer.models import (
    Actor,
    ArticleInfo,
    ArticleSummary,
    ChunkReport,
    GroundedEvidence,
    Provenance,
    ResultEvent,
    ResultFollowUp,
    ResultStance,
    Usage,
)
from summarizer.render import FORMATS, render

# --------------------------------------------------------------------------- test data

SENTENCES = [
    "Valdoria's foreign minister, Lena Ortiz, said on Tuesday that her government would not "
    "sign the fishing accord unless Norland withdraws its patrol boats from the Grey Banks.",
    'Norland\'s prime minister, Aki Haru, called the demand "unacceptable" and said talks '
    "would resume next week in Halvik.",
    'Ortiz accused Norland of "bullying small neighbours" and asked the Coastal Council to send observers.',
    "The accord must be signed by March 31, when the current fishing season ends.",
]
ARTICLE = "Fishing talks stall\n\n" + " ".join(SENTENCES[:2]) + "\n\n" + " ".join(SENTENCES[2:]) + "\n"
PUBLISHED = "2024-03-14"  # a Thursday: "on Tuesday" is 2024-03-12


def evidence(text: str, quote: str, sentences: list[str] = SENTENCES) -> GroundedEvidence:
    """Ground ``quote`` in ``text`` the way the pipeline does: by finding it."""
    start = text.find(quote)
    assert start >= 0, f"quote not in article: {quote!r}"
    # Sentence numbers as the prompt shows them: 1-based, in order of appearance.
    sentence = next(n for n, s in enumerate(sentences, 1) if quote in s)
    return GroundedEvidence(sentence=sentence, quote=quote, start=start, end=start + len(quote))


def provenance(**overrides: object) -> Provenance:
    values: dict[str, object] = {
        "engine": "replay",
        "model": "test-model-1",
        "mode": "json_schema",
        "strategy": "single",
        "prompt_hash": "3f9a0c1d2b7e",
        "schema_version": "1",
        "usage": Usage(prompt_tokens=812, completion_tokens=455, total_tokens=1267),
        "attempts": 2,
        "cached": True,
        "cache_key": "b1:abc",
    }
    values.update(overrides)
    return Provenance.model_validate(values)


def make_result(text: str = ARTICLE) -> ArticleSummary:
    """Two countries, two ministers, overlapping and nested evidence, relative dates."""

    def ev(quote: str) -> GroundedEvidence:
        return evidence(text, quote)

    actors = [
        Actor(id="A1", name="Lena Ortiz", kind="person", title="Foreign minister of Valdoria",
              country=None, mentions=["Lena Ortiz", "Ortiz"]),
        Actor(id="A2", name="Valdoria", kind="state", title=None, country=None, mentions=["Valdoria"]),
        Actor(id="A3", name="Norland", kind="state", title=None, country=None, mentions=["Norland"]),
        Actor(id="A4", name="Aki Haru", kind="person", title="Prime minister of Norland",
              country=None, mentions=["Aki Haru"]),
        Actor(id="A5", name="Coastal Council", kind="igo", title=None, country=None,
              mentions=["Coastal Council"]),
    ]  # fmt: skip
    # The stance quote contains the event quote's tail (overlap); the second stance's
    # quote sits inside the first event's quote (nesting).
    stances = [
        ResultStance(holder="A1", topic="the fishing accord", target="A3", position="oppose",
                     summary="Ortiz will not sign the accord while Norland's patrol boats stay.",
                     evidence=[ev("would not sign the fishing accord unless Norland withdraws its patrol boats")]),
        ResultStance(holder="A4", topic="Valdoria's demand", target="A2", position="oppose",
                     summary="Haru rejects the demand to withdraw the boats.",
                     evidence=[ev('"unacceptable"')]),
    ]  # fmt: skip
    events = [
        ResultEvent(id="E1", type="THREATEN", summary="Ortiz threatens not to sign unless Norland withdraws.",
                    actors=["A1"], recipients=["A3"], date="2024-03-12", date_text="on Tuesday",
                    location=None, factuality="occurred", quad_class="verbal_conflict",
                    date_resolved_by="code",
                    evidence=[ev("said on Tuesday that her government would not sign")]),
        ResultEvent(id="E2", type="REJECT", summary="Haru rejects Valdoria's demand.",
                    actors=["A4"], recipients=["A2"], date=None, date_text=None, location=None,
                    factuality="occurred", quad_class="verbal_conflict", date_resolved_by=None,
                    evidence=[ev('called the demand "unacceptable"')]),
        ResultEvent(id="E3", type="ACCUSE", summary="Ortiz accuses Norland of bullying.",
                    actors=["A1"], recipients=["A3"], date=PUBLISHED, date_text=None, location=None,
                    factuality="reported", quad_class="verbal_conflict", date_resolved_by="model",
                    evidence=[ev('accused Norland of "bullying small neighbours"')]),
        ResultEvent(id="E4", type="REQUEST", summary="Ortiz asks the Coastal Council for observers.",
                    actors=["A1"], recipients=["A5"], date=PUBLISHED, date_text=None, location=None,
                    factuality="reported", quad_class="verbal_cooperation", date_resolved_by="model",
                    evidence=[ev("asked the Coastal Council to send observers")]),
    ]  # fmt: skip
    follow_ups = [
        ResultFollowUp(description="Talks between Valdoria and Norland resume in Halvik.",
                       kind="scheduled", actors=["A2", "A3"], due=None, due_text="next week",
                       basis="explicit", due_resolved_by=None,
                       evidence=[ev("talks would resume next week in Halvik")]),
        ResultFollowUp(description="The fishing accord must be signed.", kind="deadline",
                       actors=["A2", "A3"], due="2024-03-31", due_text="by March 31",
                       basis="explicit", due_resolved_by="code",
                       evidence=[ev("must be signed by March 31"), ev("the fishing accord")]),
    ]  # fmt: skip
    return ArticleSummary(
        summary="Valdoria will not sign the fishing accord while Norland's patrol boats stay "
        "in the Grey Banks; Norland calls the demand unacceptable. Talks resume next week, "
        "with the accord due by March 31.",
        key_points=[
            "Valdoria makes withdrawal of Norland's patrol boats a condition for signing.",
            "Norland's prime minister rejects the demand.",
            "Valdoria asks the Coastal Council for observers.",
        ],
        actors=actors,
        stances=stances,
        events=events,
        follow_ups=follow_ups,
        article=ArticleInfo(
            title="Fishing talks stall over patrol boats",
            published=PUBLISHED,
            source="https://news.example/valdoria-norland",
            sha256="0" * 64,
            chars=len(text),
            text=text,
        ),
        provenance=provenance(),
    )


SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
HOSTILE_SENTENCES = [
    f"Officials said {SCRIPT} was posted.",
    f"A reader wrote {IMG} in the comments & left.",
    "Then [a link](javascript:alert(1)) and *stars* and `ticks` and # hash appeared.",
]
HOSTILE_ARTICLE = HOSTILE_SENTENCES[0] + "\n\n" + "\n".join(HOSTILE_SENTENCES[1:]) + "\n"


def hostile_result() -> ArticleSummary:
    """Article and model text full of markup that must stay text in every view."""
    text = HOSTILE_ARTICLE

    def ev(quote: str) -> GroundedEvidence:
        return evidence(text, quote, HOSTILE_SENTENCES)

    breakout = "</script><script>window.__pwned=1</script>"
    actors = [
        Actor(id="A1", name=f"Officials {breakout}", kind="government", title=IMG, country=None,
              mentions=["Officials"]),
        Actor(id="A2", name="# A reader", kind="person", title=None, country=None, mentions=["reader"]),
    ]  # fmt: skip
    return ArticleSummary(
        summary=f"Someone posted {SCRIPT} and {IMG}.\n# Not a heading\n- not a list *stars* _under_ ~~gone~~",
        key_points=[f"{IMG} appeared", "1. not a numbered list", "> not a quote"],
        actors=actors,
        stances=[
            ResultStance(
                holder="A2",
                topic="<b>markup</b>",
                target="A1",
                position="concern",
                summary=f"The reader posted {IMG}.",
                evidence=[ev(IMG), ev(f"wrote {IMG} in")],
            ),
        ],  # fmt: skip
        events=[
            ResultEvent(
                id='E1"><script>window.__pwned=1</script>',
                type="STATEMENT",
                summary=f"Officials said {SCRIPT}.",
                actors=["A1"],
                recipients=[],
                date=None,
                date_text="<i>soon</i>",
                location=IMG,
                factuality="reported",
                quad_class="neutral",
                date_resolved_by=None,
                evidence=[ev(SCRIPT), ev("[a link](javascript:alert(1))")],
            ),
        ],  # fmt: skip
        follow_ups=[],
        article=ArticleInfo(
            title=f"Hostile {SCRIPT}",
            published=None,
            source="javascript:window.__pwned=1",
            sha256="1" * 64,
            chars=len(text),
            text=text,
        ),
        provenance=provenance(engine=f"fake {SCRIPT}", cached=False, attempts=1),
    )


# --------------------------------------------------------------------------- fixture results

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
# Read at import: the autouse _clean_env fixture removes SUMMARIZER_* before tests run.
UPDATE_EXPECTED = os.environ.get("SUMMARIZER_UPDATE_EXPECTED") == "1"


def fixture_results() -> list[Path]:
    """Expected-result files (``{"settings": ..., "result": ...}``) that hold a result."""
    paths = sorted((FIXTURES / "expected").glob("*.json"))
    return [p for p in paths if "result" in json.loads(p.read_text(encoding="utf-8"))]


def load_result(path: Path) -> ArticleSummary:
    """The result in an expected-result file, or a bare saved result (``--format json``)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return ArticleSummary.model_validate(data.get("result", data))


def assert_matches_expected(actual: str, expected_path: Path) -> None:
    """Compare a rendering with a checked-in file; ``SUMMARIZER_UPDATE_EXPECTED=1`` rewrites it.

    For regression tests of the views, e.g.::

        result = load_result(FIXTURES / "expected/00-seed.json")
        assert_matches_expected(render(result, "md"), FIXTURES / "expected/views/00-seed.md")
    """
    if UPDATE_EXPECTED:
        expected_path.parent.mkdir(parents=True, exist_ok=True)
        expected_path.write_text(actual, encoding="utf-8")
        return
    if not expected_path.exists():
        pytest.fail(f"{expected_path} is missing; run with SUMMARIZER_UPDATE_EXPECTED=1 to create it")
    expected = expected_path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                str(expected_path),
                "rendered",
                n=2,
            )
        )
        pytest.fail(f"rendering differs from {expected_path} (SUMMARIZER_UPDATE_EXPECTED=1 rewrites it):\n{diff}")


# --------------------------------------------------------------------------- helpers


@dataclass
class _Mark:
    start: int
    end: int
    ev: list[str]
    text: str = ""


class _Page(HTMLParser):
    """What the tests need from a rendered report: tags, marks, article text, scripts."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.marks: list[_Mark] = []
        self.article = ""
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_article = False
        self._mark: _Mark | None = None
        self._script: dict[str, str | None] | None = None
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "div" and attributes.get("id") == "article-text":
            self._in_article = True
        elif tag == "mark" and self._in_article:
            self._mark = _Mark(
                int(attributes["data-start"] or -1),
                int(attributes["data-end"] or -1),
                (attributes["data-ev"] or "").split(),
            )
            self.marks.append(self._mark)
        elif tag == "script":
            self._script = attributes
            self.scripts.append((attributes, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._in_article:
            self._in_article = False
        elif tag == "mark":
            self._mark = None
        elif tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attributes, content = self.scripts[-1]
            self.scripts[-1] = (attributes, content + data)
        if self._in_article:
            self.article += data
            if self._mark is not None:
                self._mark.text += data


def spans(result: ArticleSummary) -> dict[str, set[tuple[int, int]]]:
    """Evidence offsets per item, keyed by the DOM id the report gives the item."""
    out: dict[str, set[tuple[int, int]]] = {}
    groups: list[tuple[str, Sequence[ResultStance | ResultEvent | ResultFollowUp]]] = [
        ("stance", result.stances),
        ("event", result.events),
        ("follow-up", result.follow_ups),
    ]
    for kind, items in groups:
        for n, item in enumerate(items, 1):
            out[f"{kind}-{n}"] = {(ev.start, ev.end) for ev in item.evidence}
    return out


# --------------------------------------------------------------------------- json


def test_render_json_is_the_model_dump() -> None:
    result = make_result()
    out = render(result, "json")
    assert out == result.model_dump_json(indent=2)
    assert ArticleSummary.model_validate_json(out) == result


def test_render_rejects_unknown_format() -> None:
    with pytest.raises(ValueError, match="expected one of: json, md, html"):
        render(make_result(), "pdf")  # type: ignore[arg-type]
    assert FORMATS == ("json", "md", "html")


def test_render_imports_only_models_and_jinja2() -> None:
    """House rule: views depend on the result models alone (plus the standard library)."""
    import ast
    import sys

    import summarizer.render
    import summarizer.render_report

    own = {".render", ".render_report"}  # the view stage's two modules may import each other
    imported = set()
    for module in (summarizer.render, summarizer.render_report):
        tree = ast.parse(Path(module.__file__ or "").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                imported.add("." * node.level + (node.module or "").split(".")[0])
    assert imported - set(sys.stdlib_module_names) - own == {"jinja2", ".models"}


# --------------------------------------------------------------------------- segments


def test_segments_match_brute_force_coverage() -> None:
    """Nested, overlapping, adjacent, identical and empty spans, against a per-character oracle."""
    import random

    from summarizer.render_report import _segments

    rng = random.Random(4)
    for _ in range(200):
        text = "".join(rng.choice("ab <>&\n") for _ in range(rng.randint(0, 40)))
        spans_ = []
        for n in range(rng.randint(0, 6)):
            start = rng.randint(0, len(text))
            spans_.append((start, rng.randint(start, len(text)), f"ev{n + 1}"))
        segments = _segments(text, spans_)
        assert "".join(s.text for s in segments) == text
        assert all(s.start < s.end for s in segments)
        for segment in segments:
            assert segment.text == text[segment.start : segment.end]
            for pos in range(segment.start, segment.end):
                assert segment.evidence == tuple(ev for s, e, ev in spans_ if s <= pos < e)
        # Each boundary is a cut, and no cut is needless: neighbours differ in coverage.
        for left, right in zip(segments, segments[1:], strict=False):
            assert left.end == right.start
            boundary = any(left.end in (s, e) for s, e, _ in spans_)
            assert boundary


# --------------------------------------------------------------------------- html


def test_render_html_marks_every_span_at_its_offsets() -> None:
    result = make_result()
    page = _Page(render(result, "html"))
    text = result.article.text
    assert page.article == text
    assert page.marks, "no highlights"
    for mark in page.marks:
        assert mark.text == text[mark.start : mark.end]

    # Every evidence span is covered, contiguously and exactly, by the marks of one id.
    def extent(ev_id: str) -> list[tuple[int, int]]:
        return sorted((m.start, m.end) for m in page.marks if ev_id in m.ev)

    ids = {ev_id for m in page.marks for ev_id in m.ev}
    for item, item_spans in spans(result).items():
        for start, end in item_spans:
            exact = []
            for ev_id in ids:
                runs = extent(ev_id)
                contiguous = all(a[1] == b[0] for a, b in zip(runs, runs[1:], strict=False))
                if contiguous and runs[0][0] == start and runs[-1][1] == end:
                    exact.append(ev_id)
            assert len(exact) == 1, (item, start, end, exact)
    # The sample overlaps and nests on purpose: some text is covered twice.
    assert any(len(m.ev) >= 2 for m in page.marks)


def test_render_html_links_items_and_evidence_in_embedded_json() -> None:
    result = make_result()
    page = _Page(render(result, "html"))
    (raw,) = [content for attributes, content in page.scripts if attributes.get("type") == "application/json"]
    data = json.loads(raw)
    by_offsets = {(ev["start"], ev["end"]): ev_id for ev_id, ev in data["evidence"].items()}
    for item, item_spans in spans(result).items():
        assert set(data["items"][item]["evidence"]) == {by_offsets[span] for span in item_spans}
        for span in item_spans:
            assert item in data["evidence"][by_offsets[span]]["items"]
    # An actor links to the evidence of everything it takes part in.
    assert set(data["items"]["actor-5"]["evidence"]) == {by_offsets[s] for s in spans(result)["event-4"]}


def test_render_html_escapes_hostile_text() -> None:
    out = render(hostile_result(), "html")
    page = _Page(out)
    assert "<script>window" not in out
    assert "<img" not in out
    assert "<b>" not in out and "<i>" not in out
    assert [tag for tag, _ in page.tags if tag in {"script", "img", "iframe", "object", "embed", "b", "i"}] == [
        "script",
        "script",
    ]
    for tag, attributes in page.tags:
        assert not [name for name in attributes if name.startswith("on")], tag
        assert not (attributes.get("href") or "").startswith("javascript:"), tag
    # The text itself is all there, as text.
    assert page.article == HOSTILE_ARTICLE
    assert html.escape(SCRIPT, quote=False) in out


def test_render_html_json_block_cannot_end_the_script() -> None:
    result = hostile_result()
    page = _Page(render(result, "html"))
    json_blocks = [content for attributes, content in page.scripts if attributes.get("type") == "application/json"]
    assert len(json_blocks) == 1
    assert "</" not in json_blocks[0] and "<" not in json_blocks[0]
    data = json.loads(json_blocks[0])
    assert data["items"]["actor-1"]["title"] == result.actors[0].name  # decoded intact


def test_render_html_is_self_contained() -> None:
    import base64
    import hashlib

    out = render(make_result(), "html")
    page = _Page(out)
    for tag, attributes in page.tags:
        assert "src" not in attributes and tag != "link", tag
        href = attributes.get("href")
        # The only link off the page is the article's own source, which loads nothing.
        assert href is None or href.startswith("#") or href == "https://news.example/valdoria-norland", href
    assert "@import" not in out and "url(" not in out
    # The CSP allows exactly the inline script, by hash.
    (code,) = [content for attributes, content in page.scripts if "type" not in attributes]
    digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
    (csp,) = [a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert f"script-src 'sha256-{digest}'" in (csp or "")
    assert "default-src 'none'" in (csp or "")


def test_render_html_gives_each_actor_one_colour() -> None:
    result = make_result()
    page = _Page(render(result, "html"))
    hues: dict[str, set[str]] = {}
    for _, attributes in page.tags:
        style = attributes.get("style") or ""
        ref = attributes.get("id") if "actor" in (attributes.get("class") or "") else None
        ref = ref or (attributes.get("href") or "").lstrip("#") or attributes.get("data-actor")
        if style.startswith("--h:") and ref and ref.startswith("actor-"):
            hues.setdefault(ref, set()).add(style)
    assert set(hues) == {f"actor-{n}" for n in range(1, len(result.actors) + 1)}
    assert all(len(styles) == 1 for styles in hues.values()), hues
    values = sorted(int(next(iter(styles)).split(":")[1]) for styles in hues.values())
    gaps = [b - a for a, b in zip(values, values[1:], strict=False)] + [360 - values[-1] + values[0]]
    assert min(gaps) >= 20, values  # distinguishable
    # Deterministic: depends on the id only, not on order or run.
    assert render(result, "html") == render(make_result(), "html")


def test_render_html_timeline_orders_dated_events_and_due_follow_ups() -> None:
    result = make_result()
    out = render(result, "html")
    timeline = out[out.index('<ol class="tl">') : out.index("</ol>", out.index('<ol class="tl">'))]
    dates = re.findall(r'<li class="tl-(\w+)">\s*<time datetime="([\d-]+)"', timeline)
    assert dates == [
        ("event", "2024-03-12"),
        ("event", PUBLISHED),
        ("event", PUBLISHED),
        ("published", PUBLISHED),
        ("follow_up", "2024-03-31"),
    ]
    assert "1 event without a date" in out


def test_render_html_shows_provenance() -> None:
    out = render(make_result(), "html")
    for text in ("replay", "test-model-1", "3f9a0c1d2b7e", "1,267", "812 prompt", "455 completion", "cached (hit)"):
        assert text in out
    assert "not cached" in render(hostile_result(), "html")


def test_render_survives_evidence_outside_the_text_and_unknown_actors() -> None:
    result = make_result()
    stance = result.stances[0]
    stance.evidence.append(GroundedEvidence(sentence=9, quote="nowhere to be found", start=5000, end=5019))
    stance.target = "A99"
    page = _Page(render(result, "html"))
    assert page.article == result.article.text
    out = render(result, "html")
    assert "1 evidence quote could not be located" in out
    assert "nowhere to be found" in out and "chip-unknown" in out
    md = render(result, "md")
    assert "“nowhere to be found” (sentence 9, not found at its offsets)" in md
    assert "A99 (unknown actor)" in md


def test_render_empty_result() -> None:
    empty: dict[str, list[object]] = {"actors": [], "stances": [], "events": [], "follow_ups": [], "key_points": []}
    result = make_result().model_copy(update=empty)
    result.article.title = None
    out = render(result, "html")
    assert "Untitled article" in out and "No dated events" in out
    assert _Page(out).article == result.article.text
    md = render(result, "md")
    assert md.count("*None.*") == 4


@pytest.mark.parametrize("path", fixture_results(), ids=lambda p: p.stem)
def test_render_fixture_results(path: Path) -> None:
    """Every recorded result renders in both views, with every quote where it belongs."""
    result = load_result(path)
    text = result.article.text
    page = _Page(render(result, "html"))
    assert page.article == text
    for mark in page.marks:
        assert mark.text == text[mark.start : mark.end]
    highlighted = {(m.start, m.end) for m in page.marks}
    for item_spans in spans(result).values():
        for start, end in item_spans:
            assert any(start <= s and e <= end for s, e in highlighted)
    md = render(result, "md")
    for item_spans in spans(result).values():
        for start, end in item_spans:
            assert " ".join(text[start:end].split()) in md.replace("\\", "")


# --------------------------------------------------------------------------- markdown


def test_render_md_has_sections_in_order_with_evidence() -> None:
    result = make_result()
    md = render(result, "md")
    headings = re.findall(r"^(#+) (.+)$", md, flags=re.M)
    assert headings == [
        ("#", "Fishing talks stall over patrol boats"),
        ("##", "Summary"),
        ("##", "Actors"),
        ("##", "Stances"),
        ("##", "Events"),
        ("##", "Follow-ups"),
    ]
    assert "*Published 2024-03-14 · Source: https://news.example/valdoria-norland*" in md
    for point in result.key_points:
        assert f"- {point}" in md
    text = result.article.text
    for item_spans in spans(result).values():
        for start, end in item_spans:
            assert f"> “{text[start:end]}”" in md
    assert "2024-03-12 (“on Tuesday”)" in md and "due “next week” (no date)" in md
    assert md.endswith("cached\n")


def test_render_md_escapes_markup() -> None:
    markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py renders Markdown to check the escaping")
    md = render(hostile_result(), "md")
    tokens = markdown_it.MarkdownIt("commonmark").enable("strikethrough").parse(md)

    def flat(tokens: list[object]) -> list[object]:
        return [t for token in tokens for t in (token, *flat(getattr(token, "children", None) or []))]

    everything = flat(tokens)
    kinds = {token.type for token in everything}  # type: ignore[attr-defined]
    assert not kinds & {"html_block", "html_inline", "link_open", "code_inline", "s_open", "image"}
    # Emphasis only where the view puts it, never from the text.
    emphasised = [everything[i + 1].content for i, t in enumerate(everything) if t.type == "em_open"]  # type: ignore[attr-defined]
    assert emphasised == ["Publication date unknown · Source: javascript:window.__pwned=1", "None.", "Provenance:"]
    headings = [
        "".join(child.content for child in tokens[i + 1].children)
        for i, t in enumerate(tokens)
        if t.type == "heading_open"
    ]
    assert headings == [f"Hostile {SCRIPT}", "Summary", "Actors", "Stances", "Events", "Follow-ups"]
    ordered = [t for t in tokens if t.type == "ordered_list_open"]
    quotes = [t for t in tokens if t.type == "blockquote_open"]
    assert not ordered and len(quotes) == 2  # only the evidence quotes
    rendered = markdown_it.MarkdownIt("commonmark").render(md)
    assert "<script" not in rendered and "<img" not in rendered
    assert html.escape(IMG, quote=False) in rendered.replace("&quot;", '"')


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("# heading", r"\# heading"),
        ("12. item", r"12\. item"),
        ("- item", r"\- item"),
        ("> quote", r"\> quote"),
        ("a *b* _c_ `d` [e](f) <g> ~~h~~", r"a \*b\* \_c\_ \`d\` \[e\](f) \<g> \~\~h\~\~"),
        ("json_schema snake_case", "json_schema snake_case"),
        ("AT&T &amp; co", r"AT&T \&amp; co"),
        ("two\n\nlines\t here", "two lines here"),
        ("back\\slash", "back\\\\slash"),
        ("Title ##", r"Title \##"),
        ("C# and F#", "C# and F#"),
    ],
)
def test_render_md_escape(raw: str, escaped: str) -> None:
    from summarizer.render import _md

    assert _md(raw) == escaped


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_seed_views_match_expected_files(fmt: str) -> None:
    """The seed article's recorded result renders exactly as the reviewed files in fixtures/views/."""
    result = load_result(FIXTURES / "expected" / "00-seed-2022-02-17-blinken.json")
    assert_matches_expected(render(result, fmt), FIXTURES / "views" / f"00-seed-2022-02-17-blinken.{fmt}")


# --------------------------------------------------------------------------- origins, notes, repeats


def _origin_result() -> ArticleSummary:
    """make_result with origins recorded the way a guided strategy records them."""
    result = make_result()
    result.actors[0].origin = {"name": "parse", "mentions": "parse", "title": "rule"}
    result.events[0].origin = {"actors": "parse", "recipients": "parse", "summary": "rule", "evidence": "rule",
                               "date_text": "rule"}  # fmt: skip
    result.follow_ups[1].origin = dict.fromkeys(("kind", "actors", "due", "basis", "description", "evidence"), "rule")
    return result


def _html_origins(out: str) -> dict[str, str]:
    """Each item's origin line, as text with the marker letters in brackets: {"actor-1": "[P] name, ..."}."""
    found = {}
    for match in re.finditer(r'id="((?:actor|stance|event|follow-up)-\d+)".*?<p class="origin">(.*?)</p>', out, re.S):
        line = re.sub(r'<abbr class="o o-(\w+)"[^>]*>\w</abbr>', lambda m: f"[{m.group(1)}]", match.group(2))
        found[match.group(1)] = html.unescape(re.sub(r"<[^>]+>", "", line))
    return found


def test_render_md_marks_where_each_field_came_from() -> None:
    md = render(_origin_result(), "md")
    assert "Where each field came from: M model · P parse · R rule" in md
    assert "“Ortiz” ⟨M kind, country · P name, mentions · R title⟩" in md
    # A key outside the shown fields (date_text) is listed too, so no recorded origin is lost.
    assert "occurred ⟨M type, date, location, factuality · P actors, recipients · R summary, evidence, date text⟩" in md
    assert "explicit ⟨R⟩" in md  # every field by rule: one marker
    assert "- **A2 · Valdoria** — state; mentioned as “Valdoria” ⟨M⟩" in md  # no origin map: the model


def test_render_html_marks_where_each_field_came_from() -> None:
    out = render(_origin_result(), "html")
    assert re.search(r'class="legend">Where each field came from: <abbr class="o o-model"', out)
    origins = _html_origins(out)
    assert set(origins) == {f"actor-{n}" for n in range(1, 6)} | {"stance-1", "stance-2"} | {
        f"event-{n}" for n in range(1, 5)
    } | {"follow-up-1", "follow-up-2"}
    assert origins["actor-1"] == "[model] kind, country [parse] name, mentions [rule] title"
    assert origins["event-1"].startswith("[model] type, date, location, factuality [parse] actors, recipients")
    assert origins["follow-up-2"] == "[rule]" and origins["actor-2"] == "[model]"
    assert 'title="name, mentions: from the parse"' in out


@pytest.mark.parametrize(("origin", "words"), [("model", "written by the model"), ("rule", "selected by rule")])
def test_render_says_where_the_summary_came_from(origin: str, words: str) -> None:
    result = make_result().model_copy(update={"summary_origin": origin, "key_points_origin": "parse"})
    md = render(result, "md")
    assert f"Summary ⟨{origin[0].upper()}⟩: {words}" in md and "**Key points** ⟨P⟩" in md
    out = render(result, "html")
    marker = rf'class="origin summary-origin"><abbr class="o o-{origin}"[^>]*>\w</abbr>'
    assert re.search(rf"{marker} {words.capitalize()}", out)


def test_render_shows_every_note_and_a_partial_result() -> None:
    result = make_result()
    result.notes = ["12 of 31 candidate events kept (limit 12)", "summary: the model failed; the lead instead"]
    result.partial = True
    result.provenance.chunks = [
        ChunkReport(index=1, first_sentence=1, last_sentence=2, ok=True),
        ChunkReport(index=2, first_sentence=2, last_sentence=4, ok=False, error="still invalid after 3 attempts"),
    ]
    md = render(result, "md")
    notes = md[md.index("## Notes") : md.index("## Actors")]
    assert "Partial result: 1 part of the article failed" in notes
    assert "Sentences 2–4 missing: still invalid after 3 attempts" in notes
    for note in result.notes:
        assert f"- {note}" in notes
    out = render(result, "html")
    section = out[out.index('<section class="notes"') : out.index("</section>", out.index('<section class="notes"'))]
    assert "Sentences 2–4 missing: still invalid after 3 attempts" in section and "Partial result" in section
    assert all(html.escape(note, quote=True) in section for note in result.notes)
    assert '<a href="#notes">Notes <span class="count">3</span></a>' in out
    # Without notes the section is not there.
    assert "## Notes" not in render(make_result(), "md") and 'id="notes"' not in render(make_result(), "html")


def test_render_shows_ambiguous_dates() -> None:
    result = make_result()
    result.events[0].date_ambiguous = True
    result.follow_ups[1].due_ambiguous = True
    md = render(result, "md")
    assert "2024-03-12 (“on Tuesday”, ambiguous: the nearer reading)" in md
    assert "due 2024-03-31 (“by March 31”, ambiguous: the nearer reading)" in md
    out = render(result, "html")
    assert out.count('<span class="ambiguous"') == 2
    assert "ambiguous" not in render(make_result(), "md")


def _repeating_result() -> ArticleSummary:
    """Items whose summary is their quote (as a rule-based strategy writes them), a stance
    topic that is its sentence clipped, and key points that repeat the summary."""
    result = make_result()
    text = result.article.text
    first = SENTENCES[0]
    whole = evidence(text, first)
    result.summary = first + " " + SENTENCES[1]
    result.key_points = [first[:60].rsplit(" ", 1)[0] + "…", SENTENCES[1], "A point of its own."]
    result.events[0].summary = first
    result.events[0].evidence = [whole]
    result.stances[0].summary = first
    result.stances[0].topic = first[:50].rsplit(" ", 1)[0] + "…"
    result.stances[0].evidence = [whole]
    result.follow_ups[1].description = SENTENCES[3]
    result.follow_ups[1].evidence = [evidence(text, SENTENCES[3])]
    return result


def test_render_md_shows_a_repeated_sentence_once() -> None:
    result = _repeating_result()
    md = render(result, "md")
    body = md[md.index("## Stances") :]
    first = SENTENCES[0]
    # Stance 1 and event 1 quote the sentence once each, with no summary or topic repeating it.
    assert body.count(first) == 2 and first[:40] not in body.replace(first, "")
    assert body.count(SENTENCES[3]) == 1
    assert "- **S1 · Lena Ortiz (A1): oppose** · about Norland (A3) ⟨M⟩" in body  # no "— on <clipped sentence>"
    # Items that say something of their own still say it.
    assert "Haru rejects Valdoria's demand." in body and "Talks between Valdoria and Norland" in body
    points = md[md.index("**Key points**") : md.index("## Actors")]
    assert "- A point of its own." in points and first[:30] not in points and SENTENCES[1] not in points
    assert "2 key points repeat the summary and are not shown again." in points


def test_render_html_shows_a_repeated_sentence_once() -> None:
    out = render(_repeating_result(), "html")
    for dom_id in ("stance-1", "event-1", "follow-up-2"):
        start = out.index(f'id="{dom_id}"')
        item = out[start : out.index("</article>", start)]
        assert 'class="item-text"' not in item and 'class="topic"' not in item
        assert item.count('class="quote"') == 1
    event = out[out.index('id="event-2"') :]
    assert '<p class="item-text">Haru rejects Valdoria&#39;s demand.</p>' in event
    summary = out[out.index('id="summary"') : out.index("</section>", out.index('id="summary"'))]
    assert summary.count("<li>") == 1 and "2 key points repeat the summary" in summary


def test_render_html_timeline_does_not_repeat_a_quoted_sentence() -> None:
    result = _repeating_result()
    out = render(result, "html")
    timeline = out[out.index('<ol class="tl">') : out.index("</ol>", out.index('<ol class="tl">'))]
    assert SENTENCES[0][:40] not in timeline and SENTENCES[3][:30] not in timeline
    assert "THREATEN: Lena Ortiz → Norland" in timeline and "deadline: Valdoria, Norland" in timeline
    assert "Ortiz accuses Norland of bullying." in timeline  # a summary of its own is still the line


def test_a_stance_position_belongs_to_its_holder_and_topic_not_its_target() -> None:
    """'Lena Ortiz: support, on Norland withdrawing its troops, about Norland' is what the
    stance says; 'Lena Ortiz → Norland: support' would read as supporting Norland."""
    result = make_result()
    stance = result.stances[0]
    stance.position, stance.topic = "support", "Norland withdrawing its troops"
    md = render(result, "md")
    line = next(x for x in md.splitlines() if x.startswith("- **S1 "))
    expected = "- **S1 · Lena Ortiz (A1): support** — on Norland withdrawing its troops · about Norland (A3) "
    assert line.startswith(expected)
    assert "→" not in line
    html = render(result, "html")
    start = html.index('id="stance-1"')
    item = html[start : html.index("</article>", start)]
    head = item[: item.index("</header>")]
    assert head.index("Lena Ortiz") < head.index(">support<") and "Norland" not in head and "→" not in head
    assert item.index("Norland withdrawing") < item.index('<p class="about">about ') < item.index(">Norland</a>")


def test_a_stance_topic_that_only_names_its_target_is_not_said_twice() -> None:
    result = make_result()
    stance = result.stances[0]
    stance.position, stance.topic = "support", "Norland"
    line = next(x for x in render(result, "md").splitlines() if x.startswith("- **S1 "))
    assert line.startswith("- **S1 · Lena Ortiz (A1): support** · about Norland (A3) ") and " — on " not in line
    html = render(result, "html")
    item = html[html.index('id="stance-1"') :]
    assert '<p class="topic">' not in item[: item.index("</article>")]
