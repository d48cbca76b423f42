"""Launch Debian's Chromium for browser tests, driven by the `playwright` package.

Uses the system browser at ``/usr/bin/chromium`` (``apt-get install chromium``); never
``playwright install``, which downloads browsers. The flags keep Chromium from
reaching the network on its own (component updates, sync, field trials), so a test
only loads what it opens.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "MISSING_REASON", "artifacts_dir", "chromium_available", "launch_chromium"]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Read at import: autouse fixtures that clean SUMMARIZER_* from the environment run later.
_ARTIFACTS = os.environ.get("SUMMARIZER_ARTIFACTS")
MISSING_REASON = f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)"


def chromium_available() -> bool:
    return CHROMIUM.exists()


@contextmanager
def launch_chromium() -> Iterator[Browser]:
    """Start headless Chromium; closed (with its driver) on exit."""
    # Imported here so that collecting tests works without playwright installed.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=60_000)
        try:
            yield browser
        finally:
            browser.close()


def artifacts_dir(fallback: Path) -> Path:
    """Where tests save screenshots: ``$SUMMARIZER_ARTIFACTS`` if set, else ``fallback``."""
    path = Path(_ARTIFACTS) if _ARTIFACTS else fallback
    path.mkdir(parents=True, exist_ok=True)
    return path
