"""Closed classes of English words that more than one rule module reads (not names, not
lexicons of a domain). One place, so two rules meaning the same set cannot drift apart, and
`rule_tables()` puts every one of them in the guided strategy's rules fingerprint."""

from __future__ import annotations

__all__ = [
    "AFFILIATION_PREPS",
    "AMOUNT_PREPS",
    "ASSERTING",
    "AWAITED_NOUNS",
    "AWAITING_PREPS",
    "AWAITING_VERBS",
    "CONDITION_MARKS",
    "CONSEQUENCE_MODALS",
    "CONTENT_PREPS",
    "DATE_SPAN_LINKS",
    "DEMONSTRATIVES",
    "DENYING",
    "FIRST_PERSON",
    "FUTURE_MODALS",
    "GROUP_DETERMINERS",
    "HYPOTHETICAL_MODALS",
    "INTENT_VERBS",
    "LABEL_BLOCKING_PREPS",
    "MAYBE_MODALS",
    "NOMINAL_AGENT_PREPS",
    "NOMINAL_RECIPIENT_PREPS",
    "NONE_WORDS",
    "NOT_DUE_PREPS",
    "OBLIGE_MODALS",
    "PHRASE_BREAKS",
    "PREDICATIVE_PREPS",
    "PRESENT_BE",
    "PURPOSE_MARKS",
    "QUESTION_MARKS",
    "RECURRING",
    "RELATIVE_PRONOUNS",
    "REPORTING",
    "SEMI_MODAL_HEADS",
    "TRAILING_WORDS",
    "UNTIL_PREPS",
    "rule_tables",
]

# Verbs that report speech: their clause names the source ("X said"), their content is reported.
REPORTING = frozenset("say tell state write tweet add report note post".split())
# Verbs of assertion that do not make a clause a report of speech (parse's `reporting`) but
# whose content is the speaker's word all the same: "assured them it would", "warned it would".
ASSERTING = frozenset("assure announce insist confirm warn".split())
# Verbs of denial: what they deny is not asserted ("denied that he had promised to back X",
# "denied claims that rates would rise"): no stance, no expectation.
DENYING = frozenset({"deny"})
# Words of none: an object or a noun they quantify names nothing ("promised nothing", "no plan to sell").
NONE_WORDS = frozenset("no nothing none nobody".split())
# Verbs of intent whose infinitive is a plan: "plans to meet", "expect Russia to give".
INTENT_VERBS = frozenset(
    "plan expect intend schedule aim set due hope prepare promise pledge vow agree decide threaten want seek".split()
)

# Modal auxiliaries by what they say of the clause: it will happen, it must, it may.
FUTURE_MODALS = frozenset("will shall 'll wo".split())
OBLIGE_MODALS = frozenset("must should ought need".split())
MAYBE_MODALS = frozenset("may might could".split())

# Subordinators of a condition: "if", "unless" (followups_grammar.CONDITION adds "once").
CONDITION_MARKS = frozenset({"if", "unless"})
# Subordinators of an indirect question: "asked whether", "wondered if" (no position taken).
QUESTION_MARKS = frozenset({"whether", "if"})

# Nouns of a decision a plan can wait for ("subject to approval by", "pending a ruling by").
AWAITED_NOUNS = frozenset(
    "approval ruling decision vote verdict consent clearance permission authorisation authorization "
    "ratification review".split()
)
# What makes a plan wait for such a decision: "pending a ruling", "requires a vote".
AWAITING_PREPS = frozenset({"pending"})
AWAITING_VERBS = frozenset({"require", "await", "need"})
# A determiner that makes a plural noun a group of actors named before ("both sides").
GROUP_DETERMINERS = frozenset({"both"})

# --- Function words the rules test a token against (one place, so each is in the fingerprint).
# Relative pronouns: a clause they open describes the noun before it ("the firm, which will ...").
RELATIVE_PRONOUNS = frozenset("who which that whom".split())
# Demonstratives pointing back: "this agreement will take effect" (its parties act).
DEMONSTRATIVES = frozenset({"this", "that"})
# First-person words: the sentence speaks in someone's own voice (a quote carried over).
FIRST_PERSON = frozenset("i we my our".split())
# "is to", "are to be heard": the present of "be" that with "to" makes a plan.
PRESENT_BE = frozenset({"is", "are"})
# Heads whose "to" infinitive is a plan or a need besides the verbs of intent ("is to", "has to").
SEMI_MODAL_HEADS = frozenset({"be", "have", "need"})
# The modal of a hypothetical ("would have evacuated"), besides the future, obliging and maybe modals.
HYPOTHETICAL_MODALS = frozenset({"would"})
# Auxiliaries of a consequence held out ("would carry a high cost", "could face penalties").
CONSEQUENCE_MODALS = frozenset({"would", "will", "could"})
# Words that make a date recur, not a date ahead ("every Monday", "the annual meeting").
RECURRING = frozenset("every each annual annually".split())
# A second date joined to the first ("from May 1 to May 3", "Monday and Tuesday"): one span.
DATE_SPAN_LINKS = frozenset({"to", "through", "and"})
# A date with one of these is a deadline for a verb it governs ("until June", "by Friday"); narrower
# than followups_grammar.DEADLINE_PREP (no "within": "within a year" is no date to act by).
UNTIL_PREPS = frozenset({"until", "by", "before"})
# A date with one of these measures or describes ("a rise of 3% for 2027", "over the summer"), not a due date.
NOT_DUE_PREPS = frozenset("of than for over during".split())
# A purpose clause ("for the talks to go ahead") is no condition but does not stop a follow-up either.
PURPOSE_MARKS = frozenset({"for"})
# Prepositions of the doer of an act named by a noun ("a visit by", "talks between").
NOMINAL_AGENT_PREPS = frozenset({"by", "between"})
# Prepositions of who an act named by a noun is done to ("sanctions against", "talks with").
NOMINAL_RECIPIENT_PREPS = frozenset("of against on with to".split())
# Prepositions of what a noun object holds ("a list of", "changes in"): its content.
CONTENT_PREPS = frozenset({"of", "in"})
# Prepositions of an amount a verb reached ("rose to 40", "fell by 3%", "from 2").
AMOUNT_PREPS = frozenset({"to", "by", "from"})
# Prepositions of whom a noun speaks for ("analysts at Brookfield", "observers from the network").
AFFILIATION_PREPS = frozenset("at from of with".split())
# Function words a phrase does not end on ("the cut to" -> "the cut").
TRAILING_WORDS = frozenset("of the a an and to for in on by with".split())
# Punctuation that ends a phrase at a token's edge.
PHRASE_BREAKS = frozenset({",", ";", "("})
# A labelling verb with one of these is a request or a topic, not a label ("called for", "called on").
LABEL_BLOCKING_PREPS = frozenset({"for", "on"})
# A predicative object after these is what the thing was called ("amounted to 'a betrayal'", "seen as").
PREDICATIVE_PREPS = frozenset({"to", "as"})


def rule_tables() -> list[object]:
    """Every closed class above, for the guided strategy's rules fingerprint."""
    return [sorted(v) for k, v in sorted(globals().items()) if k.isupper() and isinstance(v, frozenset)]
