"""HTML pages: main text extracted (trafilatura), boilerplate dropped, metadata kept."""
# ruff: noqa: E501  (the test page is HTML, written as it would be served)

from __future__ import annotations

import hashlib

import pytest
from fake_openai import Reply
from inputs_helpers import ok_json, output_for, summarize_args

from summarizer import summarize
from summarizer.errors import InputError
from summarizer.inputs import load_article, parse_article

# Written for these tests: a page with navigation, a script, an ad, comments and a footer.
PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Ferry line to Osterholm reopens | The Island Post</title>
<meta property="og:title" content="Ferry line to Osterholm reopens">
<meta property="og:site_name" content="The Island Post">
<meta name="author" content="Rasmus Lind">
<meta property="article:published_time" content="2023-09-18T07:30:00+02:00">
<script>window.tracker = {id: "UA-0000"}; document.write("TRACKING SCRIPT TEXT");</script>
<style>body { font-family: serif; }</style>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/local">Local news</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="ad">Advertisement: Buy discount garden furniture today at Holm's Depot.</div>
<article>
<h1>Ferry line to Osterholm reopens</h1>
<p>The ferry line between Brenna and Osterholm reopened on Sunday after six weeks of repairs to the landing stage, the island council said.</p>
<p>Council leader Agnes Wik said the first crossing carried 214 passengers and that timetables would return to normal on October 1.</p>
<p>The operator, Nordsund Ferries, said it would add an extra evening crossing on Fridays until the end of the year.</p>
</article>
<section class="comments"><h3>Comments</h3><p>Olaf: About time! The repairs took far too long for everyone here.</p></section>
<footer><p>Copyright 2023 The Island Post. All rights reserved. Privacy policy.</p></footer>
</body></html>
"""


def test_main_text_and_metadata():
    art = parse_article(PAGE)
    assert art.format == "html"
    assert art.title == "Ferry line to Osterholm reopens"
    assert art.published == "2023-09-18"
    assert art.author == "Rasmus Lind"
    assert art.site_name == "The Island Post" and art.source == "The Island Post"
    assert art.original_sha256 == hashlib.sha256(PAGE.encode()).hexdigest()
    assert art.sha256 == hashlib.sha256(art.text.encode()).hexdigest()
    assert art.text.startswith("The ferry line between Brenna and Osterholm reopened on Sunday")
    for junk in ("TRACKING", "Advertisement", "Local news", "About time", "Copyright", "font-family", "<p>"):
        assert junk not in art.text, junk
    assert len(art.sentences) == 3
    for s in art.sentences:
        assert art.text[s.start : s.end] == s.text


def test_page_without_an_article_is_exit_2(tmp_path, cli):
    page = '<html><head><script>var a = 1;</script></head><body><nav><a href="/">Home</a> <a href="/w">World</a></nav></body></html>'
    with pytest.raises(InputError, match="no article text") as info:
        parse_article(page)
    assert info.value.exit_code == 2
    path = tmp_path / "empty.html"
    path.write_text(page, encoding="utf-8")
    result = cli("summarize", path, "--base-url", "http://127.0.0.1:9/v1")
    assert result.exit_code == 2
    assert "empty.html: no article text found in this HTML page" in result.stderr


def test_html_detected_by_content_and_by_suffix(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    assert load_article(path).format == "html"
    fragment = tmp_path / "fragment.htm"
    fragment.write_text(
        "<p>The council met on Monday and voted to keep the ferry running through the winter months.</p>",
        encoding="utf-8",
    )
    assert load_article(fragment).format == "html"


def test_html_in_another_encoding(tmp_path):
    page = PAGE.replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">').replace("Brenna", "Brønna")
    path = tmp_path / "latin1.html"
    path.write_bytes(page.encode("iso-8859-1"))
    art = load_article(path)
    assert "Brønna" in art.text
    assert art.original_sha256 == hashlib.sha256(page.encode("iso-8859-1")).hexdigest()


def test_cli_html_file(cli, fake, tmp_path):
    path = tmp_path / "ferry.html"
    path.write_text(PAGE, encoding="utf-8")
    art = load_article(path)
    fake.enqueue(Reply.json(output_for(art, "Agnes Wik", ["the first crossing carried 214 passengers"])))
    data = ok_json(cli(*summarize_args(fake, path)))
    info = data["article"]
    assert (info["title"], info["published"], info["author"], info["site_name"]) == (
        "Ferry line to Osterholm reopens",
        "2023-09-18",
        "Rasmus Lind",
        "The Island Post",
    )
    assert info["format"] == "html" and info["original_sha256"] == hashlib.sha256(PAGE.encode()).hexdigest()
    ev = data["events"][0]["evidence"][0]
    assert info["text"][ev["start"] : ev["end"]] == "the first crossing carried 214 passengers"
    prompt = fake.chat_requests[0].body["messages"][-1]["content"]
    assert "TRACKING" not in prompt and "<p>" not in prompt and "Title: Ferry line to Osterholm reopens" in prompt


def test_library_html(fake):
    art = parse_article(PAGE)
    fake.enqueue(Reply.json(output_for(art, "Agnes Wik", ["an extra evening crossing on Fridays"])))
    result = summarize(PAGE, base_url=fake.base_url, api_key="sk-test", cache=False)
    assert result.article.site_name == "The Island Post"
    ev = result.events[0].evidence[0]
    assert result.article.text[ev.start : ev.end] == "an extra evening crossing on Fridays"


def test_batch_directories_include_html_pages(tmp_path):
    from summarizer.batch import items_from_paths

    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("A plain article. It has two sentences.\n", encoding="utf-8")
    items = items_from_paths([tmp_path])
    assert [item.path.name for item in items if item.path] == ["a.html", "b.txt"]
    assert items[0].article().format == "html"
