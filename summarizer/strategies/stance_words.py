"""The words of attitude the stance readings look for: closed classes of English.

A small general sentiment lexicon (verbs, nouns and adjectives of attitude, feeling and
evaluation, verbs of emphasis, request and effect) and the function words the readings
use; no name or topic of any article. `stances` reads them off the parse.
"""

from __future__ import annotations

from .words import word_tables

__all__ = [
    "ABOUT", "ADDRESSING", "ALIGNING", "APPEALING", "ARGUING", "ASKING_FOR", "ASSURING", "BALLOTING",
    "BODY_POSSESSIVES", "COMMITTING", "COMPLAINING", "COMPLAINT_PREPS", "CONSULTING", "DEFINITE",
    "SIDES", "WARNING", "ANNULLING", "SELDOM", "MEASURES", "WEIGHED", "ARTICLES",
    "COMPLYING", "CONSEQUENCES",
    "CONTRASTING", "DASHES", "DEBTS", "DIRECTING", "DOORS", "EFFECTS", "EVALUATIONS", "FEELINGS", "FIRST_PERSON",
    "FORWARD",
    "EVENTUALITIES", "GOING", "GUARANTORS", "HABITUAL", "INVERTED_MODALS", "PROVISOS",
    "HARM_IDIOMS", "INQUIRING", "LABELLING", "NO_COMMENT", "NOUNS", "PAIR", "PROCEEDING", "PRONOUNS", "QUESTIONING",
    "QUESTION_BREAKS", "QUOTES", "REASONS", "REDRESS_NOUNS", "REDRESS_VERBS", "SANCTIONS",
    "REJECTING", "REOPENING", "REQUESTS", "REVERSING", "RULINGS", "SCRUTINY", "SETTING_AGAINST", "SEVERE", "STAYING",
    "STATE_PREPS", "STATES", "STOPS", "STUDYING", "SUMS", "TAKING_PART", "TOWARDS", "TOWARD_PREPS", "THIRD_PLURAL",
    "UNABLE", "TOPIC_WORDS", "TRANSFER", "VERBS",
    "VIEWS", "PLEAS", "PREFERRING", "PRO_VERBS", "SUBMISSIONS", "TELLING", "lexicon",
    "ANSWERS", "AIMING", "LOSING", "LENGTHS", "BODY_PRONOUNS", "UNCHOSEN", "PARTITIVES",
]  # fmt: skip

# Verbs whose subject takes a position towards their object. Not "approve": a body approving a
# plan decides it (an event), it takes no position on someone else's matter. Not "refuse": refusing
# to act ("refused to grant a permit", "refused to drop its plans") is an act, and what is refused
# is the refuser's own act, not someone else's matter.
VERBS: dict[str, str] = {
    **dict.fromkeys(
        "welcome praise support back endorse commend applaud hail thank congratulate favour favor champion "
        "defend embrace celebrate recommend advocate appreciate reaffirm pledge".split(),
        "support",
    ),
    **dict.fromkeys(
        "condemn criticise criticize reject oppose denounce deplore deride dismiss accuse blame slam object "
        "dispute contest challenge decry veto sue warn threaten resist".split(),
        "oppose",
    ),
    # "complained that prices had risen", "complained about noise": a grievance voiced (not "of" pains: `stances`).
    **dict.fromkeys("worry fear regret caution complain".split(), "concern"),
    # Accepting a decision one may disagree with ("said it respected the ruling") takes no side on it.
    "respect": "neutral",
}
(
    FORWARD, COMMITTING, LABELLING, TRANSFER, CONSEQUENCES, SEVERE, STOPS, NO_COMMENT, PRONOUNS, REQUESTS,
    QUESTIONING, INQUIRING, PROCEEDING, GOING, REJECTING, REVERSING, TAKING_PART, VIEWS,
    BODY_POSSESSIVES, DIRECTING, ASKING_FOR, ALIGNING, REOPENING, FIRST_PERSON, APPEALING, STUDYING, RULINGS,
    SETTING_AGAINST, BALLOTING, THIRD_PLURAL, CONTRASTING, PAIR, STAYING, REDRESS_VERBS, REDRESS_NOUNS, SANCTIONS,
    ARGUING, COMPLYING, ADDRESSING, SCRUTINY, ASSURING, TOWARDS, UNABLE, TOWARD_PREPS, DOORS, STATES, SUMS,
    GUARANTORS, DEBTS, PROVISOS, EVENTUALITIES, INVERTED_MODALS, HABITUAL, QUESTION_BREAKS, DASHES,
    STATE_PREPS, DEFINITE, SIDES, WARNING, ANNULLING, SELDOM, MEASURES, WEIGHED, ARTICLES,
    COMPLAINING, COMPLAINT_PREPS, CONSULTING, PLEAS, TELLING, PRO_VERBS, PREFERRING, SUBMISSIONS,
    ANSWERS, AIMING, LOSING, LENGTHS, BODY_PRONOUNS, UNCHOSEN, PARTITIVES,
) = word_tables(
    "stance_words",
    "FORWARD COMMITTING LABELLING TRANSFER CONSEQUENCES SEVERE STOPS NO_COMMENT PRONOUNS REQUESTS QUESTIONING "
    "INQUIRING PROCEEDING GOING REJECTING REVERSING TAKING_PART VIEWS BODY_POSSESSIVES DIRECTING ASKING_FOR "
    "ALIGNING REOPENING FIRST_PERSON APPEALING STUDYING RULINGS SETTING_AGAINST BALLOTING THIRD_PLURAL CONTRASTING "
    "PAIR STAYING REDRESS_VERBS REDRESS_NOUNS SANCTIONS ARGUING COMPLYING ADDRESSING SCRUTINY ASSURING TOWARDS UNABLE "
    "TOWARD_PREPS DOORS STATES SUMS GUARANTORS DEBTS PROVISOS EVENTUALITIES INVERTED_MODALS HABITUAL "
    "QUESTION_BREAKS DASHES STATE_PREPS DEFINITE SIDES WARNING ANNULLING SELDOM MEASURES WEIGHED ARTICLES "
    "COMPLAINING COMPLAINT_PREPS CONSULTING PLEAS TELLING PRO_VERBS PREFERRING SUBMISSIONS "
    "ANSWERS AIMING LOSING LENGTHS BODY_PRONOUNS UNCHOSEN PARTITIVES",
)  # fmt: skip
# Nouns of attitude, held by the one who voices them or by their possessor.
NOUNS: dict[str, str] = {
    **dict.fromkeys(
        "support backing commitment gratitude thanks solidarity praise appreciation endorsement wish hope need".split(),
        "support",
    ),
    **dict.fromkeys("condemnation criticism opposition objection rejection denial complaint".split(), "oppose"),
    **dict.fromkeys("concern worry fear alarm anxiety unease".split(), "concern"),
}
# Adjectives of feeling: said of an actor, they are that actor's position.
FEELINGS: dict[str, str] = {
    **dict.fromkeys(
        "pleased happy delighted satisfied encouraged grateful positive optimistic confident committed open "
        "willing eager supportive hopeful keen".split(),
        "support",
    ),
    **dict.fromkeys(
        "angry furious frustrated opposed critical unhappy dismayed outraged skeptical sceptical disappointed".split(),
        "oppose",
    ),
    # Disappointed by a decision is a verdict against it, like "dismayed"; the rest are worries.
    **dict.fromkeys("concerned worried alarmed troubled anxious".split(), "concern"),
}
# Evaluations of a thing: the position of whoever is reported to make them.
EVALUATIONS: dict[str, str] = {
    **dict.fromkeys(
        "right fair good great excellent vital essential important constructive historic successful effective "
        "encouraging promising exciting thorough "
        "reasonable sensible legitimate victory success breakthrough milestone sound proportionate".split(),
        "support",
    ),
    **dict.fromkeys(
        "wrong unacceptable unfair unlawful illegal unnecessary unjust unjustified unprovoked "
        "dangerous reckless irresponsible bad poor disappointing shameful outrageous absurd ridiculous misguided "
        "flawed disgraceful appalling deplorable inadequate insufficient mistake disgrace betrayal failure "
        "scandal outrage farce insult travesty disaster violation chaotic disproportionate excessive hasty premature "
        "arbitrary unreasonable unworkable unrealistic negligent careless misleading".split(),
        "oppose",
    ),
    **dict.fromkeys("risky fragile worrying alarming concerning troubling".split(), "concern"),
}
# Verbs of effect: in reported speech, what harms is opposed and what helps supported by the speaker
# ("the policies were undermining its own efforts", "the deal will help small farmers").
EFFECTS: dict[str, str] = {
    **dict.fromkeys(
        "undermine damage harm hurt endanger jeopardise jeopardize weaken erode violate breach betray sacrifice "
        "ignore neglect mislead deceive".split(),
        "oppose",
    ),
    **dict.fromkeys("help benefit strengthen improve protect".split(), "support"),
}
# Prepositions that introduce what an attitude is about, most telling first.
ABOUT = ("for", "over", "about", "on", "against", "to", "with", "of")
# Prepositions giving the reason for an attitude towards someone ("thanked X for Y", "accused X of Y").
REASONS = ("for", "of", "over", "about", "against")
QUOTES = "\"'\u201c\u2018"
TOPIC_WORDS = 12
# Harm said with a common verb, by the verb's lemma: how the idiom's word hangs on it and the words
# ("put X at risk", "cracked down on", "broke the rules"); common English idioms of ending or
# unfairly changing a thing ("pulled the plug on", "pulled the rug from under", "moved the goalposts").
HARM_IDIOMS: dict[str, tuple[str, frozenset[str]]] = {
    "put": ("at", frozenset({"risk"})),
    "crack": ("prt", frozenset({"down"})),
    "break": ("dobj", frozenset({"rule", "law"})),
    "pull": ("dobj", frozenset({"plug", "rug"})),
    "move": ("dobj", frozenset({"goalpost", "goalposts"})),
    "shift": ("dobj", frozenset({"goalpost", "goalposts"})),
}


def lexicon() -> list[object]:
    """The tables above, for the guided strategy's rules fingerprint."""
    tables = (VERBS, NOUNS, FEELINGS, EVALUATIONS)
    idioms = [(verb, link, sorted(words)) for verb, (link, words) in sorted(HARM_IDIOMS.items())]
    return [[sorted(t.items()) for t in (*tables, EFFECTS)], list(ABOUT), list(REASONS),
            TOPIC_WORDS, QUOTES, idioms]  # fmt: skip
