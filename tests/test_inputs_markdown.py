"""Markdown: markup hidden from the model, evidence offsets into the file as written."""

from __future__ import annotations

from fake_openai import Reply
from inputs_helpers import ok_json, output_for, summarize_args

from summarizer import summarize
from summarizer.inputs import load_article, parse_article

# Written for these tests.
NOTE = """\
---
date: 2024-05-14
source: Valley Courier
---
# Dam repairs to start in **June**

The [Regional Water Board](https://example.org/board) approved on *Tuesday* a plan to
repair the Kessel dam, the board's chair, **Ines Marlow**, said.

## What happens next

> "The work cannot wait another winter," Marlow told the board.

- Contractors will drain the reservoir in June.
- Residents below the dam will get `weekly` updates.

```
print("code is not article text")
```
"""


def test_markup_is_not_shown_and_spans_index_the_file():
    art = parse_article(NOTE)
    assert art.format == "markdown"
    assert art.title == "Dam repairs to start in June"
    assert art.published == "2024-05-14" and art.source == "Valley Courier"
    texts = [s.text for s in art.sentences]
    assert texts == [
        "The Regional Water Board approved on Tuesday a plan to repair the Kessel dam, the board's chair, "
        "Ines Marlow, said.",
        "\u201cThe work cannot wait another winter,\u201d Marlow told the board.".replace("\u201c", '"').replace(
            "\u201d", '"'
        ),
        "Contractors will drain the reservoir in June.",
        "Residents below the dam will get weekly updates.",
    ]
    assert not any(mark in t for t in texts for mark in ("**", "](", "#", "> ", "`", "print("))
    first = art.sentences[0]
    assert NOTE[first.start : first.end].startswith("The [Regional Water Board](https://example.org/board)")
    assert NOTE[first.start : first.end].endswith("**Ines Marlow**, said.")
    start, end = first.source_span(first.text.index("Ines"), first.text.index(", said"))
    assert NOTE[start:end] == "Ines Marlow"


def test_markdown_detected_without_a_suffix():
    assert parse_article(NOTE).format == "markdown"
    assert parse_article("Plain text with no markup. Another sentence.").format == "text"


def test_md_suffix_forces_markdown(tmp_path):
    path = tmp_path / "plain.md"
    path.write_text("A *single* emphasis is not enough to detect. It is still Markdown here.\n", encoding="utf-8")
    art = load_article(path)
    assert art.format == "markdown"
    assert art.sentences[0].text == "A single emphasis is not enough to detect."


def test_cli_markdown_evidence_offsets_are_in_the_original(cli, fake, tmp_path):
    path = tmp_path / "dam.md"
    path.write_text(NOTE, encoding="utf-8")
    art = load_article(path)
    fake.enqueue(
        Reply.json(output_for(art, "Ines Marlow", ["approved on Tuesday a plan", "the board's chair, Ines Marlow"]))
    )
    data = ok_json(cli(*summarize_args(fake, path)))
    assert data["article"]["text"] == NOTE and data["article"]["format"] == "markdown"
    assert data["article"]["title"] == "Dam repairs to start in June"
    spans = [NOTE[e["evidence"][0]["start"] : e["evidence"][0]["end"]] for e in data["events"]]
    assert spans == ["approved on *Tuesday* a plan", "the board's chair, **Ines Marlow"]
    prompt = fake.chat_requests[0].body["messages"][-1]["content"]
    assert "[1] The Regional Water Board approved on Tuesday" in prompt
    assert "](" not in prompt and "**" not in prompt


def test_library_markdown(fake):
    art = parse_article(NOTE)
    fake.enqueue(Reply.json(output_for(art, "Residents", ["will get weekly updates"])))  # named in that sentence
    result = summarize(NOTE, base_url=fake.base_url, api_key="sk-test", cache=False)
    ev = result.events[0].evidence[0]
    assert NOTE[ev.start : ev.end] == "will get `weekly` updates"
    assert result.article.format == "markdown"
