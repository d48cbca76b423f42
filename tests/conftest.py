"""Shared fixtures: a clean environment, no outbound network, a fake endpoint, valid model output.

Every test runs with the OpenAI and SUMMARIZER_* variables removed, the cache and the
config file under its own `tmp_path`, and sockets that refuse anything but loopback.
Valid model output is built from the parsed article, quoting slices of its real
sentences, so it stays valid when sentence splitting or the article changes.
"""

from __future__ import annotations

import copy
import gc
import ipaddress
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

from fake_openai import FakeOpenAI, Reply  # noqa: E402

from summarizer.inputs import Article, load_article, parse_article  # noqa: E402
from summarizer.models import ArticleSummary  # noqa: E402

SEED = ROOT / "fixtures" / "articles" / "00-seed-2022-02-17-blinken.txt"
_GENEVA_NAME = "09-us-russia-geneva-talks.txt"
# The corpus article with a `key: value ... ---` header: in fixtures/ if copied there, else in
# the shared corpus beside the checkout (as CI lays it out) or at its usual place.
GENEVA = next(
    (
        p
        for p in (
            ROOT / "fixtures" / "articles" / _GENEVA_NAME,
            ROOT.parent / "shared" / "corpus" / _GENEVA_NAME,
            Path("/work/shared/corpus") / _GENEVA_NAME,
        )
        if p.is_file()
    ),
    Path("/work/shared/corpus") / _GENEVA_NAME,
)

__all__ = ["Reply", "SEED", "GENEVA", "ROOT", "quote", "seed_output_for", "geneva_output_for", "generic_output_for"]


# --------------------------------------------------------------------------- guard rails

class NetworkBlockedError(ConnectionRefusedError):
    """Raised by the test guard when code tries to reach anything but loopback."""


def _is_loopback(host: object) -> bool:
    if not isinstance(host, str):
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No OpenAI or SUMMARIZER_* settings leak in; cache and config live in tmp_path."""
    for name in list(os.environ):
        if name.startswith(("OPENAI_", "SUMMARIZER_")):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))  # the CLI's --cache-dir
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))  # the library's default
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")  # never let the local engine reach the Hub


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse every connection (and name lookup) that is not to loopback."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def check(sock: socket.socket, address: Any) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
            raise NetworkBlockedError(f"tests may not connect to {address!r} (only loopback)")

    def connect(self: socket.socket, address: Any) -> None:
        check(self, address)
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        check(self, address)
        return real_connect_ex(self, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host is not None and not _is_loopback(host.decode() if isinstance(host, bytes) else host):
            raise socket.gaierror(socket.EAI_NONAME, f"tests may not resolve {host!r} (only loopback)")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


# --------------------------------------------------------------------------- fake endpoint


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    """A started FakeOpenAI; ``fake.arrivals`` holds the monotonic arrival time of each request."""
    server = FakeOpenAI()
    arrivals: list[float] = []
    capture = server._capture

    def timed_capture(req: Any) -> None:
        arrivals.append(time.monotonic())
        capture(req)

    server._capture = timed_capture  # type: ignore[method-assign]
    server.arrivals = arrivals  # type: ignore[attr-defined]
    server.start()
    try:
        yield server
    finally:
        # Finalise this test's leftover clients now, so their reports (if any) land here and
        # not in a later test that watches for ResourceWarnings.
        gc.collect()
        server.stop()


@pytest.fixture
def closed_port_url() -> str:
    """A loopback base_url nobody listens on (connection refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


# --------------------------------------------------------------------------- CLI


@pytest.fixture
def cli() -> Callable[..., Any]:
    """Invoke the Typer app in-process: ``cli("summarize", path, ...)``; stdout/stderr apart."""
    from summarizer.cli import app

    runner = CliRunner()

    def invoke(*args: Any, input: str | bytes | None = None, env: dict[str, str] | None = None) -> Any:
        return runner.invoke(app, [str(a) for a in args], input=input, env=env)

    return invoke


@pytest.fixture
def proc() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``python -m summarizer.cli ARGS`` as a real process with the (clean) test env."""

    def run(*args: Any, input: str | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "summarizer.cli", *map(str, args)],
            input=input,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=dict(os.environ),
            cwd=ROOT,
        )

    return run


# --------------------------------------------------------------------------- model output


def quote(article: Article, needle: str, words: int = 6) -> dict[str, Any]:
    """Evidence citing the first sentence containing `needle`, quoting `words` words from there.

    The quote is a slice of the sentence's own text, so it grounds by construction.
    """
    for s in article.sentences:
        at = s.text.find(needle)
        if at >= 0:
            m = re.compile(r"\S+(?:\s+\S+){0,%d}" % (words - 1)).match(s.text, at)
            assert m is not None
            return {"sentence": s.number, "quote": m.group()}
    raise AssertionError(f"no sentence of the article contains {needle!r}")


def seed_output_for(article: Article) -> dict[str, Any]:
    """A valid, grounded model output for the seed article (Blinken, 2022-02-17)."""
    return {
        "summary": (
            "US Secretary of State Antony Blinken spoke with the foreign ministers of Qatar and Canada "
            "about the threat of a Russian invasion of Ukraine. He had talked with Sergei Lavrov on February 15."
        ),
        "key_points": [
            "Blinken spoke with Qatar's and Canada's foreign ministers.",
            "He pressed for severe penalties on Moscow if Russia attacks Ukraine.",
            "The US expects a written response from Russia.",
        ],
        "actors": [
            {
                "id": "A1",
                "name": "Antony Blinken",
                "kind": "person",
                "title": "US Secretary of State",
                "country": "USA",
                "mentions": ["Antony Blinken", "Blinken", "Secretary Blinken"],
            },
            {
                "id": "A2",
                "name": "Sergei Lavrov",
                "kind": "person",
                "title": "Russian Foreign Minister",
                "country": "RUS",
                "mentions": ["Sergei Lavrov"],
            },
            {
                "id": "A3",
                "name": "Russia",
                "kind": "state",
                "title": None,
                "country": "RUS",
                "mentions": ["Russia", "Moscow"],
            },
            {
                "id": "A4",
                "name": "Ned Price",
                "kind": "person",
                "title": "US State Department spokesperson",
                "country": "USA",
                "mentions": ["Ned Price", "Price"],
            },
            {"id": "A5", "name": "Ukraine", "kind": "state", "title": None, "country": "UKR", "mentions": ["Ukraine"]},
        ],
        "stances": [
            {
                "holder": "A1",
                "topic": "Ukraine's sovereignty",
                "target": "A5",
                "position": "support",
                "summary": "Blinken reiterated unwavering support for Ukraine's sovereignty.",
                "evidence": [quote(article, "Blinken also reiterated his", 6)],
            }
        ],
        "events": [
            {
                "id": "E1",
                "type": "CONSULT",
                "summary": "Blinken talked by phone with Lavrov.",
                "actors": ["A1"],
                "recipients": ["A2"],
                "date": None,
                "date_text": "on February 15",
                "location": None,
                "factuality": "occurred",
                "evidence": [quote(article, "During a telephonic conversation", 6)],
            },
            {
                "id": "E2",
                "type": "CONSULT",
                "summary": "Blinken spoke with Qatar's foreign minister.",
                "actors": ["A1"],
                "recipients": [],
                "date": "2022-02-17",
                "date_text": "today",
                "location": None,
                "factuality": "occurred",
                # The tweet's own sentence does not name Blinken; the one that attributes it does.
                "evidence": [quote(article, "I also thanked Qatar", 6)],
            },
        ],
        "follow_ups": [
            {
                "description": "Russia is expected to give a written response to the US and NATO papers.",
                "kind": "expected_action",
                "actors": ["A3"],
                "due": None,
                "due_text": None,
                "basis": "explicit",
                "evidence": [quote(article, "We expect Russia", 7)],
            }
        ],
    }


def geneva_output_for(article: Article) -> dict[str, Any]:
    """A valid output for the Geneva talks corpus article (published Monday 2022-01-10)."""
    return {
        "summary": "The US warned Russia of significant costs at Geneva talks. Diplomacy moves to NATO and the OSCE.",
        "key_points": ["Sherman met Ryabkov in Geneva.", "Sherman travels to Brussels on Tuesday."],
        "actors": [
            {
                "id": "A1",
                "name": "Wendy Sherman",
                "kind": "person",
                "title": "Deputy Secretary of State",
                "country": "USA",
                "mentions": ["Wendy Sherman", "Sherman"],
            },
            {
                "id": "A2",
                "name": "Sergey Ryabkov",
                "kind": "person",
                "title": "Deputy Foreign Minister",
                "country": "RUS",
                "mentions": ["Sergey Ryabkov", "Ryabkov"],
            },
        ],
        "stances": [],
        "events": [
            {
                "id": "E1",
                "type": "CONSULT",
                "summary": "Sherman and Ryabkov met in Geneva.",
                "actors": ["A1", "A2"],
                "recipients": [],
                "date": None,
                "date_text": "on Sunday",
                "location": "Geneva",
                "factuality": "occurred",
                "evidence": [quote(article, "a meeting between Sherman and Ryabkov", 8)],
            },
            {
                "id": "E2",
                "type": "CONSULT",
                "summary": "Sherman will brief NATO's North Atlantic Council in Brussels.",
                "actors": ["A1"],
                "recipients": [],
                "date": None,
                "date_text": "on Tuesday",
                "location": "Brussels",
                "factuality": "planned",
                "evidence": [quote(article, "Sherman will travel there on Tuesday", 6)],
            },
        ],
        "follow_ups": [
            {
                "description": "Sherman heads the US delegation at the NATO-Russia Council.",
                "kind": "scheduled",
                "actors": ["A1"],
                "due": None,
                "due_text": "On Wednesday",
                "basis": "explicit",
                "evidence": [quote(article, "On Wednesday she will head", 6)],
            }
        ],
    }


def generic_output_for(article: Article) -> dict[str, Any]:
    """A minimal valid output for any article: one actor named in sentence 1, one event quoting it."""
    first = article.sentences[0]
    words = re.compile(r"\S+(?:\s+\S+){0,4}").match(first.text)
    assert words is not None
    # The actor must be a word of the article (and of the cited sentence): a capitalised
    # word after the first if there is one, else the first word.
    tokens = re.findall(r"\w+", words.group())
    name = next((t for t in tokens[1:] if t[0].isupper()), tokens[0])
    return {
        "summary": first.text[:200],
        "key_points": [first.text[:80]],
        "actors": [{"id": "A1", "name": name, "kind": "other", "title": None, "country": None, "mentions": [name]}],
        "stances": [],
        "events": [
            {
                "id": "E1",
                "type": "STATEMENT",
                "summary": "Something was said.",
                "actors": ["A1"],
                "recipients": [],
                "date": None,
                "date_text": None,
                "location": None,
                "factuality": "reported",
                "evidence": [{"sentence": 1, "quote": words.group()}],
            }
        ],
        "follow_ups": [],
    }


@pytest.fixture(scope="session")
def _seed_article() -> Article:
    return load_article(SEED)


@pytest.fixture
def seed_article(_seed_article: Article) -> Article:
    return _seed_article


@pytest.fixture
def seed_text() -> str:
    return SEED.read_bytes().decode("utf-8")


@pytest.fixture(scope="session")
def _seed_output(_seed_article: Article) -> dict[str, Any]:
    return seed_output_for(_seed_article)


@pytest.fixture
def seed_output(_seed_output: dict[str, Any]) -> dict[str, Any]:
    """A fresh (mutable) valid model output for the seed article."""
    return copy.deepcopy(_seed_output)


@pytest.fixture
def geneva_path(tmp_path: Path) -> Path:
    """The corpus article with a `key: value ... ---` header, copied into tmp_path."""
    if not GENEVA.is_file():
        pytest.skip(f"corpus article {GENEVA} not available")
    target = tmp_path / "articles" / GENEVA.name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(GENEVA.read_bytes())
    return target


@pytest.fixture
def geneva_article(geneva_path: Path) -> Article:
    return load_article(geneva_path)


@pytest.fixture
def write_article(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write an article file under tmp_path and return its path."""

    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / "articles" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
        return path

    return write


@pytest.fixture
def parse() -> Callable[..., Article]:
    return parse_article


@pytest.fixture
def prompts_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A writable copy of prompts/ that the package renders from (and hashes) for this test."""
    import summarizer.prompts as prompts

    target = tmp_path / "prompts"
    shutil.copytree(prompts.prompts_dir(), target)
    prompts._env.cache_clear()
    prompts.prompt_hash.cache_clear()
    monkeypatch.setattr(prompts, "prompts_dir", lambda: target)
    yield target
    prompts._env.cache_clear()
    prompts.prompt_hash.cache_clear()


def rules_only(text: str) -> ArticleSummary:
    """The guided strategy's result for an article (header and body) with no model: the
    engine declines to write the summary (the lead is used), so every item comes from the
    parse and the rules."""
    from summarizer.api import Summarizer
    from summarizer.engines.fake import FunctionEngine

    with Summarizer(engine=FunctionEngine(lambda request: "{}"), strategy="guided", cache=False, max_attempts=1) as s:
        return s.summarize_article(parse_article(text))


def rules_on(body: str, date: str = "2026-04-02") -> ArticleSummary:
    """rules_only on an article body under a test header ("title: Test") published on `date`."""
    return rules_only(f"title: Test\ndate: {date}\n---\n{body}")


def actor_kinds(result: ArticleSummary) -> dict[str, str]:
    """Each actor's name and kind."""
    return {a.name: a.kind for a in result.actors}


def events_by_sentence(result: ArticleSummary) -> dict[int, list[Any]]:
    """The result's events, keyed by the number of the sentence each one's evidence quotes first."""
    out: dict[int, list[Any]] = {}
    for event in result.events:
        out.setdefault(event.evidence[0].sentence, []).append(event)
    return out


def stance_triples(result: ArticleSummary) -> list[tuple[str, str, str]]:
    """(holder name, position, topic) of each stance."""
    names = {a.id: a.name for a in result.actors}
    return [(names[s.holder], s.position, s.topic) for s in result.stances]


def event_links(result: ArticleSummary) -> list[tuple[str, list[str], list[str]]]:
    """(type, actor names, recipient names) of each event."""
    names = {a.id: a.name for a in result.actors}
    return [(e.type, [names[a] for a in e.actors], [names[r] for r in e.recipients]) for e in result.events]


def mentions_of(result: ArticleSummary, name: str) -> list[str]:
    """The mentions of the actor named `name`."""
    return next(a.mentions for a in result.actors if a.name == name)


def followup_names(result: ArticleSummary, f: Any) -> list[str]:
    """The names of a follow-up's actors, in its order."""
    names = {a.id: a.name for a in result.actors}
    return [names[i] for i in f.actors]


def actor_names(analysis: Any) -> list[str]:
    """The names of a parse's actors, in order."""
    return [a.name for a in analysis.actors]


def event_types(body: str) -> list[str]:
    """The PLOVER type of each event the rules read in `body`, in order."""
    return [e[0] for e in event_links(rules_on(body))]


def owners_of(result: ArticleSummary, words: str | None = None) -> list[list[str]]:
    """Each follow-up's actors' names, in order; only the follow-ups whose evidence quotes a
    sentence containing `words`, when given."""
    return [followup_names(result, f) for f in result.follow_ups
            if words is None or any(words in e.quote for e in f.evidence)]  # fmt: skip


def all_owned_by(owners: list[list[str]], name: str) -> bool:
    """`owners` (from owners_of) is not empty and `name` is among the actors of every one."""
    return bool(owners) and all(name in o for o in owners)


def agents_of(result: ArticleSummary, words: str) -> set[str]:
    """Names of the actors of every event whose evidence quotes a sentence containing `words`."""
    ids = {i for e in result.events if any(words in ev.quote for ev in e.evidence) for i in e.actors}
    return {a.name for a in result.actors if a.id in ids}


def analysed(text: str) -> Any:
    """The parse of `text`'s sentences (split after . ! ? before a capital), numbered from 1."""
    from summarizer.strategies.parse import analyse

    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)
    return analyse([(n, s) for n, s in enumerate(parts, 1)])


def clause_roles(analysis: Any, sentence: int, verb: str) -> tuple[list[str], list[str]]:
    """The agents' and recipients' names of the clause of `verb` (its lemma, or the word as
    written) in sentence number `sentence`."""
    info = next(s for s in analysis.sentences if s.number == sentence)
    clause = next(c for c in info.clauses if verb in (c.verb, c.text))
    names = [a.name for a in analysis.actors]
    return [names[i] for i in clause.agents], [names[i] for i in clause.recipients]


class Summarizing:
    """A strategy that composes fixed items (``items(article)``), then asks for the summary as
    the guided strategy does: for driving `write_summary` through the real pipeline."""

    name = "summarizing"
    version = "1"
    reply_tokens = 256
    merges_chunk_summaries = False

    def __init__(self, items: Callable[[Article], dict[str, Any]]):
        self.items = items

    def first_question(self, article: Article) -> Any:
        from summarizer.strategies import FirstQuestion

        return FirstQuestion([{"role": "user", "content": "unused"}])

    def steps(self, article: Article, first: Any, conversation: Any) -> Any:
        from summarizer.models import ModelOutput
        from summarizer.strategies.summary import write_summary

        output = ModelOutput.model_validate(self.items(article))
        summary, origin, notes = yield from write_summary(article, output, conversation)
        return output.model_copy(update={"summary": summary, "summary_origin": origin, "notes": notes})
