"""The HTML report in a real browser (Debian's Chromium, driven by playwright).

Each test writes a rendered report to a file and opens it from ``file://``, as a reader
would. Skipped only when ``/usr/bin/chromium`` is absent; CI installs it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from browser import MISSING_REASON, artifacts_dir, chromium_available, launch_chromium
from test_render import ARTICLE, IMG, SCRIPT, _origin_result, _repeating_result, hostile_result, make_result, spans

from summarizer.models import ArticleSummary
from summarizer.render import render

if not chromium_available():
    pytest.skip(MISSING_REASON, allow_module_level=True)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, ViewportSize

WIDE: ViewportSize = {"width": 1280, "height": 820}
NARROW: ViewportSize = {"width": 480, "height": 820}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launch_chromium() as browser:
        yield browser


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page; fails the test if the report logs an error or a script fails."""
    context = browser.new_context(viewport=WIDE, reduced_motion="reduce")
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    yield page
    context.close()
    assert not problems, problems


def open_report(page: Page, result: ArticleSummary, directory: Path, name: str = "report") -> Path:
    path = directory / f"{name}.html"
    path.write_text(render(result, "html"), encoding="utf-8")
    page.goto(path.as_uri())
    return path


def marks(page: Page) -> list[dict[str, Any]]:
    """Every highlight in document order: its text, offsets, evidence ids and state."""
    result: list[dict[str, Any]] = page.eval_on_selector_all(
        "#article-text mark",
        """els => els.map(m => ({
            text: m.textContent,
            start: Number(m.dataset.start),
            end: Number(m.dataset.end),
            ev: m.dataset.ev.split(" "),
            active: m.classList.contains("is-active"),
        }))""",
    )
    return result


def active_items(page: Page) -> set[str]:
    return set(page.eval_on_selector_all(".item.is-active", "els => els.map(e => e.id)"))


def test_report_marks_match_the_text_at_their_offsets(page: Page, tmp_path: Path) -> None:
    result = make_result()
    open_report(page, result, tmp_path)
    text = result.article.text
    assert page.text_content("#article-text") == text
    found = marks(page)
    assert found
    for mark in found:
        assert mark["text"] == text[mark["start"] : mark["end"]]
    # Joined in order, the marks of each evidence id spell its quote as it stands.
    quotes = {"".join(m["text"] for m in found if ev in m["ev"]) for m in found for ev in m["ev"]}
    expected = {text[start:end] for item_spans in spans(result).values() for start, end in item_spans}
    assert quotes == expected


def test_report_click_item_marks_its_evidence(page: Page, tmp_path: Path) -> None:
    result = make_result()
    open_report(page, result, tmp_path)
    for item, item_spans in spans(result).items():
        page.click(f"#{item} .item-text")
        assert active_items(page) == {item}
        active = [(m["start"], m["end"]) for m in marks(page) if m["active"]]
        covered = {pos for start, end in active for pos in range(start, end)}
        assert covered == {pos for start, end in item_spans for pos in range(start, end)}, item
        assert "highlighted passage" in (page.text_content("#status") or "")


def test_report_click_highlight_shows_citing_items(page: Page, tmp_path: Path) -> None:
    result = make_result()
    open_report(page, result, tmp_path)
    item_spans = spans(result)
    seen_shared = False
    for index, mark in enumerate(marks(page)):
        page.locator("#article-text mark").nth(index).click()
        citing = {
            item
            for item, offsets in item_spans.items()
            if any(start <= mark["start"] and mark["end"] <= end for start, end in offsets)
        }
        assert active_items(page) == citing, mark["text"]
        labels = page.eval_on_selector_all("#status a.cite", "els => els.map(e => e.getAttribute('href'))")
        assert set(labels) == {f"#{item}" for item in citing}
        seen_shared |= len(citing) > 1
    assert seen_shared, "the sample should have text cited by two items"
    # A citing item listed in the status line leads to that item.
    page.locator("#article-text mark").first.click()
    page.locator("#status a.cite").first.click()
    assert page.evaluate("location.hash").startswith("#")


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["wide", "narrow"])
def test_report_click_item_scrolls_evidence_into_view(browser: Browser, tmp_path: Path, viewport: ViewportSize) -> None:
    filler = "Background paragraph about the long history of the fishing grounds, told at length. " * 6
    text = "\n\n".join([filler] * 12) + "\n\n" + ARTICLE
    result = make_result(text)
    context = browser.new_context(viewport=viewport, reduced_motion="reduce")
    try:
        page = context.new_page()
        open_report(page, result, tmp_path)
        start = min(start for start, _ in spans(result)["follow-up-2"])
        target = page.locator(f'#article-text mark[data-start="{start}"]')
        page.click("#follow-up-2 .item-text")
        page.wait_for_function(
            """el => { const r = el.getBoundingClientRect();
                       return r.top >= 0 && r.bottom <= innerHeight; }""",
            arg=target.element_handle(),
        )
        assert "is-active" in (target.get_attribute("class") or "")
    finally:
        context.close()


def test_report_hostile_article_executes_nothing(page: Page, tmp_path: Path) -> None:
    result = hostile_result()
    open_report(page, result, tmp_path, "hostile")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('script').length") == 2
    assert page.evaluate("document.querySelectorAll('img, b, i').length") == 0
    body = page.inner_text("body")
    for text in (SCRIPT, IMG, result.actors[0].name):
        assert text in body
    assert page.text_content("#article-text") == result.article.text
    # The page still works with this data, and still runs nothing.
    page.locator("#article-text mark").first.click()
    page.click("#stance-1 .item-text")
    assert active_items(page) == {"stance-1"}
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_report_loads_nothing_but_itself(page: Page, tmp_path: Path) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    path = open_report(page, make_result(), tmp_path)
    page.click("#event-1 .item-text")
    assert requests == [path.as_uri()]


def test_report_follows_links_and_keys(page: Page, tmp_path: Path) -> None:
    path = open_report(page, make_result(), tmp_path)
    page.goto(path.as_uri() + "#event-2")
    assert active_items(page) == {"event-2"}
    page.click(".tl a[href='#follow-up-2']")
    assert active_items(page) == {"follow-up-2"}
    page.click("#stance-1 a.chip[href='#actor-1']")  # an actor chip selects the actor
    assert active_items(page) == {"actor-1"}
    assert page.locator(".mention.is-active").count() >= 2  # "Lena Ortiz" and "Ortiz"
    page.focus("#event-3")
    page.keyboard.press("Enter")
    assert active_items(page) == {"event-3"}
    page.keyboard.press("Escape")
    assert active_items(page) == set()


@pytest.mark.parametrize("width", [360, 1280])
def test_report_long_unbroken_text_does_not_widen_the_page(browser: Browser, tmp_path: Path, width: int) -> None:
    result = make_result()
    run = "x" * 300
    result.article.title = result.summary = result.stances[0].topic = result.events[0].location = run
    result.actors[0].name = result.provenance.prompt_hash = run
    result.article.source = f"https://news.example/{run}"
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        open_report(page, result, tmp_path)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()


def test_report_print_layout(page: Page, tmp_path: Path) -> None:
    open_report(page, make_result(), tmp_path)
    page.emulate_media(media="print")
    assert page.eval_on_selector("#article", "el => getComputedStyle(el).position") == "static"
    assert page.eval_on_selector("#article", "el => getComputedStyle(el).overflowY") == "visible"
    assert page.eval_on_selector("#status", "el => getComputedStyle(el).display") == "none"
    mark_colour = page.eval_on_selector("#article-text mark", "el => getComputedStyle(el).printColorAdjust")
    assert mark_colour == "exact"


def test_report_screenshot(page: Page, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """Saves what a reader sees, for people to look at (not compared with anything)."""
    out = artifacts_dir(tmp_path)
    open_report(page, make_result(), out, "report")
    page.click("#stance-1 .item-text")
    screen = out / "report.png"
    page.screenshot(path=str(screen), full_page=True)
    page.emulate_media(media="print")
    printed = out / "report-print.png"
    page.screenshot(path=str(printed), full_page=True)
    for path in (screen, printed):
        assert path.read_bytes().startswith(b"\x89PNG")
        # What record_property does, minus its warning under junit_family=xunit2.
        request.node.user_properties.append(("artifact", str(path)))
        print(f"screenshot: {path}")


def test_report_item_shown_by_its_quote_alone_still_finds_its_evidence(page: Page, tmp_path: Path) -> None:
    """An item whose summary repeated its quote shows the quote once, and works as any other."""
    result = _repeating_result()
    open_report(page, result, tmp_path)
    assert page.locator("#event-1 .item-text").count() == 0
    page.click("#event-1 .item-head")
    assert active_items(page) == {"event-1"}
    ev = result.events[0].evidence[0]
    covered = {pos for m in marks(page) if m["active"] for pos in range(m["start"], m["end"])}
    assert covered == set(range(ev.start, ev.end))


def test_report_origin_markers_and_notes_are_visible(page: Page, tmp_path: Path) -> None:
    result = _origin_result()
    result.notes = ["12 of 31 candidate events kept"]
    open_report(page, result, tmp_path)
    assert page.is_visible("#notes") and "12 of 31 candidate events kept" in (page.text_content("#notes") or "")
    assert page.is_visible(".legend")
    marker = page.locator("#actor-1 .origin abbr.o-parse")
    assert marker.is_visible() and marker.get_attribute("title") == "name, mentions: from the parse"
    assert "name, mentions" in (page.text_content("#actor-1 .origin") or "")
    for item in ("#stance-1", "#event-4", "#follow-up-1"):
        assert page.is_visible(f"{item} .origin abbr.o-model"), item
