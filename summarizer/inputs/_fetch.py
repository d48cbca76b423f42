"""URLs: fetch a page with httpx, within a timeout, a size cap and a redirect bound."""

from __future__ import annotations

import time
from dataclasses import dataclass

from ..errors import FetchError, InputError

__all__ = ["FetchError", "Fetched", "fetch_url", "is_url", "USER_AGENT"]

USER_AGENT = "summarizer/0.1 (news article summarizer; +https://pypi.org/project/summarizer/)"
FETCH_TIMEOUT = 20.0  # seconds for the whole fetch
MAX_PAGE_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
ARTICLE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown", "text/x-markdown")


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content_type: str  # e.g. text/html
    charset: str | None
    data: bytes


def is_url(value: str) -> bool:
    """True for an ``http://`` or ``https://`` URL."""
    return value[:8].lower().startswith(("http://", "https://"))


def fetch_url(url: str, *, timeout: float = FETCH_TIMEOUT, max_bytes: int = MAX_PAGE_BYTES) -> Fetched:
    """GET `url`. Raises `FetchError` (exit 3) for transport and HTTP failures and
    `InputError` (exit 2) for a page that is not an article (type or size)."""
    import httpx

    try:
        with httpx.Client(
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            timeout=httpx.Timeout(timeout),
            headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain;q=0.8,*/*;q=0.1"},
        ) as client:
            with client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise FetchError(f"{url}: the server answered HTTP {response.status_code}")
                content_type = response.headers.get("content-type", "")
                mime = content_type.split(";")[0].strip().lower()
                if mime and mime not in ARTICLE_TYPES:
                    raise InputError(f"{url}: is {mime}, not a web page or text (expected text/html)")
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    raise InputError(f"{url}: the page is {int(declared):,} bytes; the limit is {max_bytes:,}")
                chunks: list[bytes] = []
                size = 0
                deadline = time.monotonic() + timeout  # httpx's timeout bounds each read, not the whole
                for chunk in response.iter_bytes():
                    if time.monotonic() > deadline:
                        raise httpx.ReadTimeout("the whole fetch took too long")
                    size += len(chunk)
                    if size > max_bytes:
                        raise InputError(f"{url}: the page is larger than the {max_bytes:,}-byte limit")
                    chunks.append(chunk)
                return Fetched(str(response.url), mime or "text/html", response.charset_encoding, b"".join(chunks))
    except httpx.TooManyRedirects:
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects") from None
    except httpx.TimeoutException:
        raise FetchError(f"{url}: no complete answer within {timeout:g} s") from None
    except httpx.InvalidURL as err:
        raise InputError(f"{url}: not a valid URL ({err})") from None
    except httpx.HTTPError as err:
        raise FetchError(f"{url}: cannot fetch the page ({type(err).__name__}: {err}); is the network up?") from None
