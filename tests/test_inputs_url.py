"""URLs: pages fetched from a local HTTP server on 127.0.0.1, never the internet."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from fake_openai import Reply
from inputs_helpers import ok_json, output_for, summarize_args
from test_inputs_html import PAGE

from summarizer.errors import InputError
from summarizer.inputs import USER_AGENT, FetchError, load_article, parse_article
from summarizer.inputs._fetch import fetch_url


class _Pages(BaseHTTPRequestHandler):
    seen: list[dict[str, str]] = []

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        _Pages.seen.append({"path": self.path, "user-agent": self.headers.get("User-Agent", "")})
        if self.path == "/story.html":
            self._send(200, PAGE.encode())
        elif self.path == "/moved":
            self._send(302, b"", Location="/story.html")
        elif self.path.startswith("/loop"):
            n = int(self.path[5:] or 0)
            self._send(302, b"", Location=f"/loop{n + 1}")
        elif self.path == "/report.pdf":
            self._send(200, b"%PDF-1.4 not an article", content_type="application/pdf")
        elif self.path == "/notes.txt":
            self._send(
                200,
                b"Pilots end strike\n\nThe pilots ended their strike on Monday. The port reopened.\n",
                content_type="text/plain",
            )
        elif self.path == "/big.html":
            self._send(200, b"<html><body>" + b"<p>word</p>" * 20000 + b"</body></html>")
        else:
            self._send(404, b"not found")


@pytest.fixture
def pages() -> Iterator[str]:
    _Pages.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_library_fetches_and_extracts(pages):
    art = load_article(f"{pages}/story.html")
    assert art.format == "html" and art.title == "Ferry line to Osterholm reopens"
    assert art.url == f"{pages}/story.html"
    assert art.text == parse_article(PAGE).text
    assert _Pages.seen[0]["user-agent"] == USER_AGENT


def test_cli_summarizes_a_url(cli, fake, pages):
    art = load_article(f"{pages}/story.html")
    fake.enqueue(Reply.json(output_for(art, "Agnes Wik", ["the first crossing carried 214 passengers"])))
    data = ok_json(cli(*summarize_args(fake, f"{pages}/moved")))  # one redirect, followed
    assert data["article"]["url"] == f"{pages}/story.html"
    assert data["article"]["site_name"] == "The Island Post"
    ev = data["events"][0]["evidence"][0]
    assert data["article"]["text"][ev["start"] : ev["end"]] == "the first crossing carried 214 passengers"


def test_plain_text_url(pages):
    art = load_article(f"{pages}/notes.txt")
    assert art.format == "text" and art.title == "Pilots end strike"
    assert [s.text for s in art.sentences] == ["The pilots ended their strike on Monday.", "The port reopened."]


@pytest.mark.parametrize(
    ("path", "code", "message"),
    [
        ("/loop", 3, "more than 5 redirects"),
        ("/missing.html", 3, "HTTP 404"),
        ("/report.pdf", 2, "application/pdf, not a web page"),
    ],
)
def test_cli_url_failures(cli, pages, path, code, message):
    result = cli("summarize", f"{pages}{path}", "--base-url", "http://127.0.0.1:9/v1")
    assert result.exit_code == code, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_size_cap(pages):
    with pytest.raises(InputError, match="limit"):
        fetch_url(f"{pages}/big.html", max_bytes=50_000)


def test_no_network_is_exit_3(cli):
    # The test guard refuses every non-loopback name lookup, as a machine offline would.
    with pytest.raises(FetchError) as info:
        load_article("https://news.example.com/story.html")
    assert info.value.exit_code == 3
    result = cli("summarize", "https://news.example.com/story.html", "--base-url", "http://127.0.0.1:9/v1")
    assert result.exit_code == 3
    assert "https://news.example.com/story.html: cannot fetch the page" in result.stderr


def test_connection_refused_is_exit_3(closed_port_url):
    with pytest.raises(FetchError, match="cannot fetch the page"):
        load_article(closed_port_url.replace("/v1", "/story.html"))


def test_batch_takes_urls(cli, fake, pages, tmp_path):
    import json

    art = load_article(f"{pages}/story.html")
    fake.default = Reply.json(output_for(art, "Agnes Wik", ["an extra evening crossing on Fridays"]))
    out = tmp_path / "out.jsonl"
    result = cli(
        "batch", f"{pages}/story.html", f"{pages}/missing.html", "--base-url", fake.base_url, "-o", out, "--no-cache"
    )
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["id"] for line in lines] == [f"{pages}/story.html", f"{pages}/missing.html"]
    assert lines[0]["result"]["article"]["site_name"] == "The Island Post"
    assert lines[1]["kind"] == "FetchError" and "HTTP 404" in lines[1]["error"]
    assert result.exit_code == 1
