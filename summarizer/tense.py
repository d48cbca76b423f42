"""Tense: whether the words next to a date phrase speak of the future or the past (`sentence_tense`).

Pure functions, no I/O; `dates.read_item_date` reads a phrase in the tense this gives.
"""

from __future__ import annotations

import re

from .datenames import MONTHS, WEEKDAYS

__all__ = ["sentence_tense"]

# Tense is read from the words next to the date phrase in its own sentence, so that "agreed on Monday
# to reopen the crossing next Tuesday" dates the agreement back and the reopening forward. The nearest
# marker wins, looking back from the phrase first (its verb usually comes before it), then forward.
_FUTURE_WORDS = frozenset(
    "will would shall 'll won't wouldn't could may might must should "
    "plans plan planned planning expected expects expect scheduled "
    "upcoming intends intend intended aims due set".split()
)
# Verbs that look ahead when followed by "to": "agreed to meet", "decided to hold".
_PROSPECTIVE = re.compile(
    r"^(?:agree[ds]?|decide[ds]?|plan(?:s|ned)?|expect(?:s|ed)?|set|due|intend(?:s|ed)?|aim(?:s|ed)?|"
    r"pledge[ds]?|promise[ds]?|vow(?:s|ed)?|want(?:s|ed)?|hope[ds]?|going|is|are|was|were|seek(?:s)?|sought|"
    r"prepar(?:es|ed|ing)|ready|likely|able|about)$"
)
# Directives in the past: what they ask for ("asked X to", "ordered X to") comes after them.
_DIRECTIVE = re.compile(
    r"^(?:asked|told|ordered|urged|called|instructed|directed|required|pressed|pushed|encouraged|invited|gave)$"
)
_PAST_WORDS = frozenset(
    "was were had did said told met spoke held went came took gave made began left saw sent led won lost "
    "rose fell struck broke brought bought thought found kept became ran wrote sought fought ago earlier".split()
)
# Words ending in -ed that are not past tenses.
_NOT_PAST = frozenset(
    "need proceed succeed exceed indeed speed seed feed heed breed bleed creed greed deed steed weed "
    "red bed shed embed hundred sacred naked wicked hatred kindred".split()
)
_PAST_AUX = frozenset("has have had was were".split())
_COMMISSIONED = frozenset("commissioned ordered launched requested".split())  # verbs that bring a thing about
_DETERMINERS = frozenset("a an the its his her their our my your this that these those new".split())
_PASSIVE_AUX = frozenset("be been being".split())
_TOKEN = re.compile(r"[A-Za-z']+")
_DATE_WORDS = frozenset(
    [*(w.lower() for w in WEEKDAYS), *(m.lower() for m in MONTHS), "on", "last", "this", "next", "today",
     "yesterday", "tomorrow", "week", "month", "year"]
)


def _commissioned(tokens: list[str]) -> bool:
    """The nearest past word before "due" brings the thing about ("has commissioned a survey, due by May")."""
    past = [w.lower() for w in tokens if w.lower() in _PAST_WORDS | _PAST_AUX | {"is", "are"} or w.endswith("ed")]
    return bool(past) and past[-1] in _COMMISSIONED


def _tense_of(tokens: list[str], *, backward: bool) -> bool | None:
    """True (future), False (past) or None, from the nearest marker in `tokens` (in reading order)."""
    order = range(len(tokens) - 1, -1, -1) if backward else range(len(tokens))
    for i in order:
        word = tokens[i]
        low = word.lower()
        prev = tokens[i - 1].lower() if i > 0 else ""
        nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
        if low == "to":
            j = i - 1
            while j > 0 and tokens[j].lower() in _DATE_WORDS:
                j -= 1  # "agreed on Monday to reopen": the verb before the date phrase
            if nxt == "be" or (j >= 0 and _PROSPECTIVE.match(tokens[j].lower())):
                return True  # "agreed to reopen", "is to be held"
            window = [t.lower() for t in tokens[max(0, i - 5) : i]]
            if any(_DIRECTIVE.match(t) for t in window) and not {"had", "been"} & set(window):
                # "has asked the institute to publish it by the end of June": asked for later (not
                # "had been invited to speak on Tuesday": a past told from further back)
                return True
        if low in _FUTURE_WORDS or low.endswith("'ll"):
            if low == "due" and backward and i >= len(tokens) - 2 and _commissioned(tokens[:i]):
                return True  # "a survey, due by the end of May" (not "repaid a loan due", "was due")
            if low in ("set", "due") and nxt != "to" or low in ("plan", "plans") and prev in _DETERMINERS:
                continue  # ("set out"; "unveiled its plan on Monday": the noun, not "plans to")
            return True
        if low in _PASSIVE_AUX or low in ("is", "are", "am"):
            continue  # "would be held": the auxiliary before it decides
        past = low in _PAST_WORDS or (word.islower() and low.endswith("ed") and low not in _NOT_PAST)
        if past:
            if prev in _PASSIVE_AUX or prev in ("is", "are", "am"):
                continue  # "be held", "been reported", "are checked": look further for will/would/has
            if prev == "have" and i > 1 and tokens[i - 2].lower() in _FUTURE_WORDS:
                return True  # "will have finished"
            return False
        if low in _PAST_AUX:
            if low == "have" and prev in _FUTURE_WORDS:
                return True  # "will have withdrawn"
            if low in ("has", "have") and backward and (i == len(tokens) - 1 or nxt in ("until", "till")):
                return True  # "has until June 18 to appeal": a deadline ahead, not a perfect
            return False
    return None


_NEXT_CLAUSE = re.compile(r",\s*(?:and|but|while|whereas)\b|;")


def sentence_tense(text: str, start: int, end: int) -> bool | None:
    """Does the phrase at ``text[start:end]`` speak of the future (True), the past (False), or neither (None)?

    Args:
        text: the sentence.
        start: where the date phrase starts in `text`.
        end: where it ends.

    Returns:
        True, False, or None when no tense marker is near it.
    """
    before = _TOKEN.findall(text[:start])
    # Looking forward, only as far as the phrase's own clause: in "rain is forecast until Thursday,
    # and the institute said ...", the "said" of the next clause is not its tense.
    after = _TOKEN.findall(_NEXT_CLAUSE.split(text[end:], maxsplit=1)[0])
    limit = text[start:end].lower().startswith(("until ", "till ")) and [t.lower() for t in after[:1]] == ["to"]
    if limit and "had" not in [t.lower() for t in before[-5:]]:
        # "has given it until the end of September to raise": a time limit ahead (not "had until")
        return True
    if _perfect_ahead(text[:start]):
        return True
    tense = _tense_of(before, backward=True)
    return tense if tense is not None else _tense_of(after, backward=False)


# Clauses of condition or time, and the verbs after which "if" asks a question ("say if it has paid").
_CONDITIONS = frozenset("if unless until once".split())
_ASKING = frozenset("say said says know knew ask asked tell told confirm confirmed check see wonder wondered".split())


def _perfect_ahead(before: str) -> bool:
    """A present perfect in a clause of condition or time: "if the union has not called off the strike by the
    end of June" tells what will have happened by then, not what has (not "had", nor "would not say if it has
    paid", a question)."""
    clause = [t.lower() for t in _TOKEN.findall(re.split(r"[,;:]", before)[-1])]
    opener = next((i for i in range(len(clause) - 1, -1, -1) if clause[i] in _CONDITIONS), None)
    if opener is None or opener > 0 and clause[opener] == "if" and clause[opener - 1] in _ASKING:
        return False
    rest = set(clause[opener + 1 :])
    return bool(rest & {"has", "have"}) and "had" not in rest
