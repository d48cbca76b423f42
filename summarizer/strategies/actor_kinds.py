"""What kind of actor a found name is, and which state it belongs to, from its name.

People, states and peoples come from the tagger's label. Any other actor is a body: a cause
group ("ngo") when its name's head or the article's description of it says so ("X Foundation",
"the environmental group X"); a news medium likewise ("the regional newspaper X", "Y News");
else a government's by its head noun ("ministry", "court") or a
shared head noun with a public scope ("the city council"), unless the name is an international
body's or a business owns it ("the company's legal department"). A country comes from a state
actor, the state a titled office belongs to, or a state the body's name opens with ("Spain's
agriculture ministry", "the Danish environment agency" in an article naming Denmark).
"""

from __future__ import annotations

import re

from .parse_descriptions import PLACE_NOUNS
from .parse_types import Found
from .words import word_tables

__all__ = ["body_kind", "country_of", "head_noun", "iso3", "public_office"]

(
    GOVERNMENT_BODIES, SHARED_BODIES, PUBLIC_SCOPE, HEAD_ENDS, INTERNATIONAL, NGO_HEADS, CAUSE_NOUNS, CAUSES,
    LOCAL_SCOPE, IGO_HEADS, MEDIA_NOUNS, MEDIA_HEADS, MEDIA_EDITIONS, PUBLIC_OFFICERS, MEDIA_OUTLETS,
) = word_tables(
    "actor_kinds",
    "GOVERNMENT_BODIES SHARED_BODIES PUBLIC_SCOPE HEAD_ENDS INTERNATIONAL NGO_HEADS CAUSE_NOUNS CAUSES LOCAL_SCOPE "
    "IGO_HEADS MEDIA_NOUNS MEDIA_HEADS MEDIA_EDITIONS PUBLIC_OFFICERS MEDIA_OUTLETS",
)  # fmt: skip


def iso3(name: str) -> str | None:
    """A country name's ISO alpha-3: an exact match, else a fuzzy one whose name contains
    the word ("Russia" -> Russian Federation), never a guess from a fragment."""
    import pycountry

    name = name.replace(".", "").strip()
    try:
        return str(pycountry.countries.lookup(name).alpha_3)
    except LookupError:
        pass
    if len(name) < 4:
        return None
    try:
        best = pycountry.countries.search_fuzzy(name)[0]
    except LookupError:
        return None
    words = re.findall(r"\w+", " ".join(str(getattr(best, f, "")) for f in ("name", "official_name", "common_name")))
    return str(best.alpha_3) if any(w.lower().startswith(name.lower()) for w in words) else None


def _split(name: str) -> tuple[list[str], list[str]]:
    """A body's name, lower case and without its article, as the words up to its head noun and the
    words after the preposition that ends it: "the Council of State" -> (["council"], ["state"])."""
    words = re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.I).lower().replace("\u2019", "'").split()
    cut = next((i for i, w in enumerate(words) if w in HEAD_ENDS and i > 0), len(words))
    return words[:cut], [w.strip(".,") for w in words[cut + 1 :]]


def _parts(name: str) -> tuple[str, list[str], str]:
    """A body's name as (possessor, modifiers, head): "Spain's agriculture ministry" ->
    ("spain", ["agriculture"], "ministry"); "regional government of X" -> ("", ["regional"], "government")."""
    words = _split(name)[0]
    owned = max((i for i, w in enumerate(words) if w.endswith(("'s", "s'"))), default=-1)
    possessor = " ".join(words[: owned + 1]).removesuffix("'s").rstrip("'")
    rest = [w.strip(".,") for w in words[owned + 1 :]]
    return possessor, rest[:-1], rest[-1] if rest else ""


def head_noun(name: str) -> str:
    """The head noun of a body's name, lower case: "ministry" of "Spain's agriculture ministry",
    "institute" of "Nordvik Institute for Polar Research", "union" of "Transport and Road Workers' Union"."""
    return _parts(name)[2]


def _international(possessor: str, modifiers: list[str], head: str) -> bool:
    """Whether a body's name is an international body's ("the International Energy Agency")."""
    return any(w in INTERNATIONAL for w in [*possessor.split(), *modifiers, head])


def _state_word(words: str, actors: list[Found]) -> Found | None:
    """The article's state that `words` name, or whose adjective one word is ("canadian" for Canada)."""
    return next(
        (a for a in actors if a.label == "GPE" and len(words) >= 4
         and (a.name.lower() == words or " " not in words and a.name[:4].lower() == words[:4]
              and words != a.name.split()[0].lower())),  # "united" opens "United Nations" too
        None,
    )  # fmt: skip


def _cause_group(found: Found, head: str) -> bool:
    """Whether a body is non-governmental by its name's head ("X Foundation") or by what the
    article calls it ("the environmental group X", "the charity X")."""
    said = [d.split() for d in [*found.described_as, found.name.lower()]]  # also its own name: "a conservation group"
    return head in NGO_HEADS or any(
        d[-1] in NGO_HEADS or d[-1] in CAUSE_NOUNS and any(m in CAUSES for m in d[:-1]) for d in said
    )


def _news_medium(found: Found, modifiers: list[str], head: str) -> bool:
    """Whether a body is a newspaper, broadcaster or news agency by its name ("Polar Desk News",
    "the Calderbridge Evening Post") or by what the article calls it ("the regional newspaper X",
    "the radio station X"; not "the power station X" or "the TV maker X")."""
    said = [d.split() for d in found.described_as]
    return (
        head in MEDIA_HEADS or any(m in MEDIA_EDITIONS for m in modifiers)
        or any(d[-1] in MEDIA_NOUNS or len(d) > 1 and d[-2] in MEDIA_HEADS and d[-1] in MEDIA_OUTLETS for d in said)
    )  # fmt: skip


def _named_place(name: str, actors: list[Found]) -> bool:
    """Whether a body's name ends in "of" and a name the article also uses by itself: the place it
    governs ("the council of Kirchfeld" beside "Kirchfeld already houses"; not "the Council of Elders")."""
    place = re.search(r"\bof\s+([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)$", name.strip())
    return place is not None and any(
        a.name == place.group(1) and a.label in ("GPE", "PERSON", "MERGED") for a in actors  # (a town read as a person)
    ) and not _international("", place.group(1).lower().split(), "")


def _public_organ(possessor: str, actors: list[Found]) -> bool:
    """Whether a possessor names a public body of the article ("the council's finance committee"
    after "Waimaru City Council"): an organ of a government's body is the government's too."""
    if not possessor or possessor.split()[-1] not in SHARED_BODIES:
        return False
    bodies = [a for a in actors if a.label in ("ORG", "INSTITUTION") and not _parts(a.name)[0]  # owned by none
              and head_noun(a.name) == possessor.split()[-1]]  # fmt: skip
    return len(bodies) == 1 and body_kind(bodies[0], actors) == "government"


def public_office(found: Found) -> bool:
    """Whether an office named only by its title is a public body's ("the Insurance Complaints
    Ombudsman", "the county sheriff"): its head noun is a government body's."""
    return head_noun(found.name) in GOVERNMENT_BODIES


def body_kind(found: Found, actors: list[Found]) -> str:
    """ "government" for a public body, "igo" for one of states, "ngo" for a cause group, "media" for
    the news media, else "organization"."""
    possessor, modifiers, head = _parts(found.name)
    complement = _split(found.name)[1]  # "the Council of State", "the tribunal of the International X Union"
    if _news_medium(found, modifiers, head) and head not in GOVERNMENT_BODIES:
        return "media"
    if _cause_group(found, head):
        return "ngo"
    public_head = head in GOVERNMENT_BODIES or head in SHARED_BODIES or head in IGO_HEADS
    if public_head and _international(possessor, modifiers, ""):
        return "igo"  # "the European Commission", "the World Trade Organization", "the United Nations"
    if _international(possessor, [*modifiers, *complement], head):
        return "organization"  # "Amnesty International", "the disciplinary tribunal of the International X Union"
    public_owner = bool(possessor) and (
        possessor.split()[-1] in PLACE_NOUNS or possessor.split()[-1] in GOVERNMENT_BODIES
        or possessor.split()[-1] in PUBLIC_OFFICERS  # "the provincial governor's office"
        or _public_organ(possessor, actors)
        or _state_word(possessor, actors) is not None or iso3(possessor) is not None
    )  # fmt: skip
    if possessor and not public_owner and not any(m in LOCAL_SCOPE for m in modifiers):
        return "organization"  # a business's or a person's department, not "Kaldvik's municipal council"
    public = public_owner or any(m in PUBLIC_SCOPE or m in GOVERNMENT_BODIES for m in [*modifiers, *complement])
    public = public or head == "council" and _named_place(found.name, actors)  # "the council of Kirchfeld"
    if head in GOVERNMENT_BODIES or head in SHARED_BODIES and public:
        return "government"
    return "organization"


def country_of(found: Found, actors: list[Found]) -> str | None:
    """ISO alpha-3 of a state actor, of the state a titled office belongs to, or of the state
    a body's name opens with."""
    target = found if found.label == "GPE" else actors[found.anchor] if found.anchor is not None else None
    if target is None and found.title:
        # "Canadian Foreign Minister": a nationality adjective like a state named in the article.
        target = _state_word(found.title.split()[0].lower(), actors)
    if target is None and found.label not in ("PERSON", "TITLE"):
        possessor, modifiers, head = _parts(found.name)
        if _international(possessor, modifiers, head):
            return None  # an international body belongs to no one state
        opening = possessor or (modifiers[0] if modifiers else "")
        target = _state_word(opening, actors) if opening else None
        if target is None and possessor:
            return iso3(possessor)
    if target is None or target.label != "GPE":
        return None
    for form in [target.name, *target.mentions]:
        code = iso3(form)
        if code:
            return code
    return None
