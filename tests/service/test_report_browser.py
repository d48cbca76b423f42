"""GET /v1/summaries/{cache_key}.html from a running service, in the real browser the
view tests use (Debian's Chromium via playwright): the report's own CSP holds, and
clicking an evidence quote highlights it in the article. Skipped without Chromium."""

from __future__ import annotations

import pytest
from browser import MISSING_REASON, chromium_available, launch_chromium

from .conftest import BODY

if not chromium_available():
    pytest.skip(MISSING_REASON, allow_module_level=True)


def test_report_route_in_browser_click_evidence(serve, tmp_path):
    keys = tmp_path / "keys"
    keys.write_text("browser-key\n")
    service = serve("--api-key-file", keys)
    with service.client("browser-key") as client:
        made = client.post("/v1/summaries", json={"text": BODY, "title": "Item 3"})
        assert made.status_code == 200, made.text
        key = made.json()["provenance"]["cache_key"]
    url = f"{service.url}/v1/summaries/{key}.html"
    problems: list[str] = []
    with launch_chromium() as browser:
        anonymous = browser.new_context()
        assert anonymous.new_page().goto(url).status == 401  # the report needs the key too
        anonymous.close()
        context = browser.new_context(extra_http_headers={"Authorization": "Bearer browser-key"})
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        page.on("console", lambda msg: problems.append(f"console: {msg.text}") if msg.type == "error" else None)
        response = page.goto(url)
        assert response is not None and response.status == 200
        assert page.text_content("#article-text") == made.json()["article"]["text"]
        quote = page.locator("button.quote").first
        quoted = quote.text_content() or ""
        quote.click()
        active = page.eval_on_selector_all("#article-text mark.is-active", "els => els.map(m => m.textContent)")
        assert active and ("".join(active) in quoted or quoted in "".join(active)), (active, quoted)
        assert page.locator(".item.is-active").count() >= 1
        context.close()
    assert not problems, problems  # the CSP let the report's own script run and nothing else
