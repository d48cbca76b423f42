"""Candidate actor names found verbatim in an article, and light text cues about sentences.

Pure text heuristics, no model: capitalised spans with title words stripped
("Secretary of State Antony Blinken" -> "Antony Blinken", title "Secretary of State"),
spans joined by "and" split, and a lone surname folded into the full name as a
mention. The `guided` strategy asks a model only to label these candidates, which a
small model does well, instead of inventing names, which it does badly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..datenames import MONTHS, WEEKDAYS

__all__ = ["Candidate", "date_phrase", "find_candidates", "has_future_cue", "rule_tables", "stance_cue"]

# Not names. The abbreviations Mar, Apr, Jun, Jul and Sep never were left out here (Mar
# and Jun are also given names); leaving them out now would change what guided finds.
_MONTHS = set(MONTHS) - {"Mar", "Apr", "Jun", "Jul", "Sep"}
_DAYS = set(WEEKDAYS)
_LEAD = set(
    "The A An In On At He She It They We I His Her Their Its Our But And After Before As While According Both No "
    "Neither Earlier Later Also This That These Those If When Since Under Asked Spoke During Last Next Meanwhile "
    "Separately However Instead Then Such There Here What Who Why How Some Many Any Each Every All Today "
    "Yesterday Tomorrow IMAGE Image Photo".split()
)
_TITLE = set(
    "Secretary President Minister Prime Vice Deputy Director-General Ambassador Spokesperson Envoy Councilor "
    "Lieutenant Colonel General Chief Chancellor Secretary-General Representative Mr Ms Mrs Dr Gen Col Lt Sen Rep "
    "Senator Governor Mayor Adviser Advisor King Queen Spokesman Special Presidential".split()
)
_DEPT = set(
    "State Defense Defence Foreign Trade Health Economy Interior Communications Human Services Affairs Climate".split()
)
_CONNECT = {"of", "for", "the", "de", "al", "and"}
_TOKEN = re.compile(r"U\.S\.|U\.N\.|U\.K\.|E\.U\.|[A-Z][\w\u00C0-\u024F'\u2019-]*|[a-z]+|\S")
_NATIONALITY = re.compile(r"^[A-Z][a-z]+(?:ian|ican|ish|ese)$")
_ADJECTIVES = set(
    "European Soviet Western Eastern Northern Southern Arab Israeli Pakistani Iraqi Afghan Thai Swiss French Dutch "
    "Greek Czech Qatari Saudi Emirati Kuwaiti Yemeni Somali American African Asian".split()
)
_JUNK = {
    "Twitter", "AP", "Reuters", "IMAGE", "Group", "Member", "Response", "Parties",
    "Conference", "Taken", "Despite", "Nor",
}  # fmt: skip


@dataclass
class Candidate:
    name: str
    title: str | None = None
    mentions: list[str] = field(default_factory=list)


_POSSESSIVE = re.compile(r"['\u2019]s$")


def _spans(sentence: str) -> list[tuple[str, str]]:
    """Capitalised spans; a possessive ends one ("Qatar's Minister" -> "Qatar"), handles are skipped."""
    toks = list(_TOKEN.finditer(sentence))
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(toks):
        t = toks[i].group(0)
        if toks[i].start() > 0 and sentence[toks[i].start() - 1] == "@":
            i += 1  # a social-media handle is not a name as written
            continue
        if t[0].isupper():
            j = i + 1
            if _POSSESSIVE.search(t):
                out.append((sentence[toks[i].start() : toks[i].end()], ""))
                i = j
                continue
            while j < len(toks):
                tj = toks[j].group(0)
                if tj[0].isupper():
                    j += 1
                    if _POSSESSIVE.search(tj):
                        break
                    continue
                if tj in _CONNECT and j + 1 < len(toks) and toks[j + 1].group(0)[0].isupper():
                    j += 2
                    continue
                break
            out.append((sentence[toks[i].start() : toks[j - 1].end()], ""))
            i = j
        else:
            i += 1
    return out


def _split(span: str) -> list[tuple[str, str | None]]:
    """Clean one span into (name, title) pieces."""
    span = re.sub(r"['\u2019]s?$", "", span).strip()
    span = re.sub(r"\b(?:ex|pro|anti)-\S+", "", span).strip()
    out: list[tuple[str, str | None]] = []
    for part in re.split(r"\s+and\s+", span):
        words = part.split()
        while words and (words[0] in _LEAD or words[0] in _CONNECT):
            words = words[1:]
        idx = [i for i, w in enumerate(words) if w.rstrip(".") in _TITLE]
        pieces: list[tuple[list[str], str | None]] = [(words, None)]
        if idx and len(words) - idx[-1] - 1 >= 1:
            # "Palestinian Authority President Mahmoud Abbas": organisation + titled person.
            title_start = idx[0]
            while title_start > 0 and words[title_start - 1] in _DEPT | _CONNECT:
                title_start -= 1
            pieces = [(words[:title_start], None), (words[idx[-1] + 1 :], " ".join(words[title_start : idx[-1] + 1]))]
        for k, (w, title) in enumerate(pieces):
            stripped: list[str] = []
            # Department words lead a titled person's name ("of State Blinken"), not an office's.
            while w and w[0] in _CONNECT or (len(w) >= (2 if title else 3) and w[0] in _DEPT):
                stripped.append(w[0])
                w = w[1:]
            if title and stripped:
                title = " ".join([title, *stripped])  # "Secretary" + "of State"
            if idx and k == 0 and len(pieces) > 1 and w and w[-1] in _DEPT:
                continue  # "U.S. Defense" [Secretary ...]
            if len(w) == 1 and w[0] in _DEPT:
                continue
            while w and w[-1] in _CONNECT:
                w = w[:-1]
            name = " ".join(w)
            if not name or len(name) < 2 or name in _MONTHS or name in _DAYS or name in _LEAD or name in _JUNK:
                continue
            if re.fullmatch(r"[\W\d_]+", name) or name.endswith(("-led", "-related")):
                continue
            if len(w) == 1 and (_NATIONALITY.match(name) or name in _ADJECTIVES):
                continue  # a bare adjective ("Russian") is not an actor by itself
            if all(x.rstrip(".") in _TITLE | _DEPT | _CONNECT or _NATIONALITY.match(x) or x in _ADJECTIVES for x in w):
                continue  # only title words: "US Secretary of State", "Canadian Foreign Minister"
            out.append((name, title))
    return out


def find_candidates(sentences: list[str], limit: int = 24) -> list[Candidate]:
    """Names in order of first appearance, lone surnames folded into full names."""
    found: dict[str, Candidate] = {}
    for sentence in sentences:
        for span, _ in _spans(sentence):
            for name, title in _split(span):
                cand = found.setdefault(name, Candidate(name))
                if title and not cand.title:
                    cand.title = title
    names = list(found)
    multi = [n for n in names if len(n.split()) > 1]
    result: list[Candidate] = []
    for n in names:
        cand = found[n]
        if len(n.split()) == 1:
            # A surname ("Blinken"), or the given name of a titled person.
            owner = next((m for m in multi if n == m.split()[-1] or (n == m.split()[0] and found[m].title)), None)
            if owner is not None:
                if n not in found[owner].mentions:
                    found[owner].mentions.append(n)
                found[owner].title = found[owner].title or cand.title
                continue
        # Keep the shorter form when both "X Y Z" and "Y Z" (title-stripped) exist.
        if any(o != n and n.endswith(" " + o) and len(o.split()) >= 2 for o in names):
            continue
        result.append(cand)
    result = _fold_acronyms(result)
    for cand in result:
        cand.mentions = [cand.name] + [m for m in cand.mentions if m != cand.name]
    return result[:limit]


_ACRONYM_ALIASES = {"U.S.": "United States", "US": "United States", "U.N.": "United Nations", "UN": "United Nations",
                    "U.K.": "United Kingdom", "UK": "United Kingdom", "E.U.": "European Union"}  # fmt: skip


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w and w[0].isupper())


def _fold_acronyms(cands: list[Candidate]) -> list[Candidate]:
    """"WHO" beside "World Health Organization" is one actor: fold it in as a mention."""
    by_name = {c.name: c for c in cands}
    kept: list[Candidate] = []
    for c in cands:
        long_form = _ACRONYM_ALIASES.get(c.name)
        if long_form is None and re.fullmatch(r"[A-Z]{2,6}", c.name):
            long_form = next((o.name for o in cands if o is not c and _initials(o.name) == c.name), None)
        owner = by_name.get(long_form) if long_form else None
        if owner is not None and owner is not c:
            owner.mentions.append(c.name)
        else:
            kept.append(c)
    return kept


# --------------------------------------------------------------------------- sentence cues

_DATE_PHRASE = re.compile(
    r"\b(?:(?:on|last|next|this|by|until|before|after)\s+)?"
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.)\s+\d{1,2}(?:,\s+\d{4})?"
    r"|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"|today|yesterday|tomorrow|tonight|next week|last week|this week|next month|later this month|"
    r"later this year|this month|last month|next year|last year)\b"
)
_FUTURE = re.compile(
    r"\b(will|plans? to|planned|is to|are to|expected to|is set to|are set to|scheduled|due to|next week|"
    r"next month|later this (?:month|year|week)|upcoming|intends? to|agreed to (?:hold|meet|continue|stay|remain))\b",
    re.I,
)
_STANCES: list[tuple[str, re.Pattern[str]]] = [
    ("oppose", re.compile(r"\b(condemn\w*|reject\w*|oppos\w*|denounc\w*|warn\w*|accus\w*|criticiz\w*|"
                          r"criticis\w*|sanction\w*|costs?|aggression|would not)\b", re.I)),
    (
        "concern",
        re.compile(r"\b(concern\w*|worr\w*|alarm\w*|urg(?:e|ed|ing)|call(?:ed)? (?:on|for)|fragile|threat)\b", re.I),
    ),
    # Whole words, not parts of others ("committee", "back-up", "background").
    ("support", re.compile(r"\b(support\w*|thank\w*|welcom\w*|prais\w*|reaffirm\w*|commit(?:s|ted|ting|ment|ments)?|"
                           r"gratitude|stress\w*|emphasi\w*|underlin\w*|back(?:s|ed|ing)?(?![-\w])|agree\w*|"
                           r"appreciat\w*|pledg\w*)\b", re.I)),
]  # fmt: skip


def date_phrase(sentence: str) -> str | None:
    m = _DATE_PHRASE.search(sentence)
    return m.group(0) if m else None


def has_future_cue(sentence: str) -> bool:
    return bool(_FUTURE.search(sentence))


def stance_cue(sentence: str) -> str | None:
    """The position a sentence's wording signals, if any (oppose before concern before support)."""
    for position, pattern in _STANCES:
        if pattern.search(sentence):
            return position
    return None


def rule_tables() -> list[object]:
    """Every table and pattern above, for the guided strategy's rules fingerprint."""
    sets = [sorted(t) for t in (_MONTHS, _DAYS, _LEAD, _TITLE, _DEPT, _CONNECT, _ADJECTIVES, _JUNK)]
    patterns = [p.pattern for p in (_TOKEN, _NATIONALITY, _POSSESSIVE, _DATE_PHRASE, _FUTURE)]
    return [sets, patterns, sorted(_ACRONYM_ALIASES.items()), [(k, p.pattern) for k, p in _STANCES]]
