"""The PLOVER type of a clause: from its verb, a phrasal verb's particle, or a light verb's object.

The first stage of `guided_events`: a lexicon of general English verbs per PLOVER category
(what the verb does, in any domain), the phrasal verbs whose particle changes it, and the
nouns that name an event for a light verb ("held a call", "imposed sanctions", "raised
concerns"). Nothing here names an entity or an article's topic.
"""

from __future__ import annotations

from .parse_types import Clause
from .words import word_tables

__all__ = ["DOCUMENTS", "LIGHT", "NOUN_TYPES", "VERB_TYPES", "clause_type", "rule_tables"]

# General English verbs per PLOVER category (what the verb does, in any domain).
VERB_TYPES: dict[str, str] = {
    **dict.fromkeys("agree sign approve accept adopt settle ratify conclude pledge promise assure vow guarantee vote"
                    .split(), "AGREE"),
    **dict.fromkeys("meet talk speak discuss visit call host negotiate consult confer brief convene attend".split(),
                    "CONSULT"),
    **dict.fromkeys("support praise welcome thank back endorse commend reaffirm reiterate congratulate recommend "
                    "applaud hail".split(), "SUPPORT"),
    **dict.fromkeys("cooperate coordinate collaborate partner".split(), "COOPERATE"),
    **dict.fromkeys("aid donate fund provide supply evacuate rescue lend loan offer".split(), "AID"),
    **dict.fromkeys("urge ask request demand appeal press seek invite summon propose petition".split(), "REQUEST"),
    **dict.fromkeys("accuse blame criticize criticise condemn denounce allege deride sue charge fault".split(),
                    "ACCUSE"),
    **dict.fromkeys("reject deny refuse veto dismiss oppose rebuff defy defend dispute".split(), "REJECT"),
    **dict.fromkeys("threaten warn".split(), "THREATEN"),
    **dict.fromkeys("protest strike march demonstrate rally".split(), "PROTEST"),
    **dict.fromkeys("sanction ban impose fine penalize penalise suspend boycott expel embargo".split(), "SANCTION"),
    **dict.fromkeys("deploy mobilize mobilise station".split(), "MOBILIZE"),
    **dict.fromkeys("arrest detain seize raid evict confiscate order repress jail imprison deport".split(),
                    "COERCE"),
    **dict.fromkeys("attack kill bomb shoot shell wound invade assassinate".split(), "ASSAULT"),
    **dict.fromkeys("withdraw retreat release lift ease".split(), "RETREAT"),
    **dict.fromkeys("concede yield apologize apologise compromise admit acknowledge".split(), "CONCEDE"),
    **dict.fromkeys("say state announce tell write tweet add note report stress emphasize emphasise argue insist "
                    "claim explain reply respond comment repeat underline describe point caution estimate".split(),
                    "STATEMENT"),
}  # fmt: skip
# Phrasal verbs whose particle changes the category ("call on" someone is a demand, "call off" a retreat).
_PHRASAL: dict[tuple[str, str], str] = {
    ("call", "on"): "REQUEST", ("call", "for"): "REQUEST", ("call", "off"): "RETREAT", ("pull", "out"): "RETREAT",
    ("back", "down"): "CONCEDE", ("crack", "down"): "COERCE", ("walk", "out"): "PROTEST", ("break", "off"): "REJECT",
    ("hear", "out"): "CONSULT", ("speak", "out"): "ACCUSE", ("build", "up"): "MOBILIZE", ("step", "up"): "MOBILIZE",
    ("send", "off"): "SANCTION", ("vote", "against"): "REJECT", ("turn", "down"): "REJECT", ("rule", "out"): "REJECT",
    ("stand", "behind"): "SUPPORT", ("side", "with"): "SUPPORT", ("vote", "with"): "SUPPORT",
}  # fmt: skip
# Nouns that name an event, for the object of a light verb ("held talks", "imposed a ban").
NOUN_TYPES: dict[str, str] = {
    **dict.fromkeys("call talk meeting conversation visit summit negotiation consultation discussion".split(),
                    "CONSULT"),
    **dict.fromkeys("agreement deal accord treaty pact contract settlement commitment pledge promise".split(),
                    "AGREE"),
    **dict.fromkeys("sanction ban fine penalty embargo tariff".split(), "SANCTION"),
    **dict.fromkeys("strike protest demonstration walkout rally boycott occupation stoppage blockade sit-in vigil"
                    .split(), "PROTEST"),
    **dict.fromkeys("attack assault bombing airstrike assassination killing invasion".split(), "ASSAULT"),
    **dict.fromkeys("appeal request demand petition proposal need".split(), "REQUEST"),
    **dict.fromkeys("accusation criticism complaint lawsuit charge proceeding concern".split(), "ACCUSE"),
    **dict.fromkeys("aid assistance donation funding relief shelter supply food medicine".split(), "AID"),
    **dict.fromkeys("troop force soldier warship".split(), "MOBILIZE"),
    **dict.fromkeys("support praise thanks gratitude congratulation backing endorsement".split(), "SUPPORT"),
    **dict.fromkeys("threat warning ultimatum".split(), "THREATEN"),
    **dict.fromkeys("arrest detention pressure coercion crackdown repression".split(), "COERCE"),
    **dict.fromkeys("cooperation collaboration partnership".split(), "COOPERATE"),
    **dict.fromkeys("deployment mobilization mobilisation".split(), "MOBILIZE"),
    **dict.fromkeys("withdrawal release retreat".split(), "RETREAT"),
    **dict.fromkeys("apology concession".split(), "CONCEDE"),
    **dict.fromkeys("veto rejection denial refusal".split(), "REJECT"),
    **dict.fromkeys("remark comment statement message".split(), "STATEMENT"),
}  # fmt: skip
LIGHT, DOCUMENTS, _STANCES, _ENGAGING, _ADMONISHING = word_tables(
    "event_types", "LIGHT DOCUMENTS _STANCES _ENGAGING _ADMONISHING"
)


def clause_type(clause: Clause) -> str:
    """The PLOVER type of a clause: its verb's, or for a light verb its object's."""
    if clause.labelled:
        return "SUPPORT" if clause.labelled == "support" else "ACCUSE"  # "called the cut 'reckless'"
    for particle in clause.particles:
        if (clause.verb, particle) in _PHRASAL:
            return _PHRASAL[(clause.verb, particle)]
    verbal = VERB_TYPES.get(clause.verb) == "STATEMENT" or clause.reporting
    # A passive's subject is the light verb's object: "a settlement was reached", "the walkout was organised by X".
    objects = [*clause.objects, clause.subject] if clause.passive and clause.verb in LIGHT else clause.objects
    if clause.verb in LIGHT or verbal:
        # "held talks", and a statement of a demand or a charge ("stressed the need for ...").
        for obj in objects:
            if obj in NOUN_TYPES and (not verbal or NOUN_TYPES[obj] in ("REQUEST", "ACCUSE", "THREATEN")):
                return NOUN_TYPES[obj]
    if clause.verb in LIGHT and _STANCES.intersection(clause.objects):
        return "STATEMENT"  # "took the opposite view": a position (a stance), not an act
    if clause.verb in LIGHT and DOCUMENTS.intersection(clause.objects):
        return "STATEMENT"  # "signed an open letter", "issued a statement": what it says is the act, if any
    if clause.verb in _ADMONISHING and clause.objects:
        return "OTHER"  # "the police cautioned two drivers": a formal act done to someone, not advice given
    kind = VERB_TYPES.get(clause.verb, "STATEMENT" if clause.reporting else "OTHER")
    if kind in ("STATEMENT", "OTHER") and any(NOUN_TYPES.get(s) == "CONSULT" for s in clause.settings):
        return "CONSULT"  # "in a call with X, she pointed to ...": said in a consultation
    if clause.verb in _ENGAGING and clause.recipients and not clause.passive:
        return "COOPERATE"  # "hired an outside laboratory": work done with a party
    if clause.verb in LIGHT and "with" in clause.particles and clause.recipients and clause.verb not in VERB_TYPES:
        return "CONSULT"  # "raised the issue with her counterpart", "took it up with X" (not "signed a lease with X")
    return kind


def rule_tables() -> list[object]:
    """The lexicons above, for the guided strategy's rules fingerprint (words.toml has the closed classes)."""
    return [sorted(VERB_TYPES.items()), sorted(NOUN_TYPES.items()), sorted(_PHRASAL.items())]
