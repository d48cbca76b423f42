"""Rules of branch h24-act (actors), each with sentences of the same shape it must not misread."""

from __future__ import annotations

import pytest
from conftest import actor_kinds, analysed, clause_roles, rules_on


def _names(text: str) -> list[str]:
    from summarizer.strategies.parse_types import is_actor

    return [a.name for a in analysed(text).actors if is_actor(a)]


# --------------------------------------------------------------------------- a title or form of address inside the name


@pytest.mark.parametrize(
    ("body", "person", "gone"),
    [
        # the tagger takes the title into the person's name ("Councillor Owen Pryce"), and into a later
        # short form, even as an organisation ("Councillor Pryce" tagged ORG): one person
        ("The motion was seconded by Councillor Owen Pryce. Councillor Pryce said he was disappointed by the "
         "delay.", "Owen Pryce", "Councillor Pryce"),
        ("Nobody told us, said Helen Garside, a beekeeper. Mrs Garside said the association would hand out "
         "forms.", "Helen Garside", "Mrs Garside"),
        ("The committee is chaired by Councillor Derek Sayle. Councillor Sayle said he would bring the matter "
         "back in July.", "Derek Sayle", "Councillor Sayle"),
        ("Mrs Helen Garside opened the meeting. Mrs Garside said the vote would be held in May.",
         "Helen Garside", "Mrs Garside"),
    ],
)
def test_a_title_the_tagger_put_inside_a_name_is_no_part_of_it(body: str, person: str, gone: str) -> None:
    names = _names(body)
    assert person in names
    assert gone not in names


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        # a title word that is a company's own name stays: no person "Motors" is known
        ("General Motors said it would cut 2,000 jobs in Ohio.", "General Motors"),
        # a first name that is also a title, with one word after it, is the full name (no one called Smith
        # is known)
        ("Dean Smith said the club would appeal the ruling.", "Dean Smith"),
        ("Earl Warren said the court would hear the case in May.", "Earl Warren"),
        # a surname particle is no description before a name
        ("The report was written by van der Berg. Van der Berg said it would be published in May.",
         "van der Berg"),
    ],
)
def test_names_that_begin_with_a_title_word_stay_whole(body: str, kept: str) -> None:
    names = [n.lower() for n in _names(body)]
    assert kept.lower() in names


def test_two_people_of_one_surname_each_with_a_full_name_stay_two() -> None:
    body = ("Councillor Anna Berg moved the motion. Councillor Erik Berg seconded it. Anna Berg said the rule "
            "would take effect in July.")
    names = _names(body)
    assert "Anna Berg" in names and "Erik Berg" in names


# --------------------------------------------------------------------------- a description run into a name


@pytest.mark.parametrize(
    ("body", "name"),
    [
        # no named entity: the parse's compound chain, lowercase nouns first, then the name
        ("The German road haulage federation BVSL warned that a blockade would hit supply chains.", "BVSL"),
    ],
)
def test_lowercase_description_words_before_a_name_are_no_part_of_it(body: str, name: str) -> None:
    assert name in actor_kinds(rules_on(body))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Yesterday de Wit said the plan would work.", "de Wit"),
        ("The report by van der Berg was clear.", "van der Berg"),
        ("Officials said al Sadr would attend.", "al Sadr"),
        ("The opposition Centre Left party said it would vote against.", None),
    ],
)
def test_lowercase_particles_of_a_surname_stay_in_the_name(text: str, name: str | None) -> None:
    from summarizer.strategies.parse_descriptions import name_of
    from summarizer.strategies.parse_pipeline import pipeline

    doc = pipeline()(text)
    names = [name_of(t) for t in doc if t.pos_ == "PROPN" and t.dep_ != "compound"]
    if name is not None:
        assert name in names
    assert not any(n.split()[0].islower() and n.split()[0] in ("opposition",) for n in names)


# --------------------------------------------------------------------------- places


@pytest.mark.parametrize(
    ("body", "place"),
    [
        # a one-word name before "-based" is where a firm sits
        ("The ministry said it had asked the software supplier, Kraków-based Tachonet, to report on the faults.",
         "Kraków"),
        ("The regulator fined the Oslo-based lender Nordkap 2 million crowns.", "Oslo"),
        # a destination, also the second of two
        ('"The young ones leave for Kamloops or Vancouver, and the ones who stay are working two jobs," she said.',
         "Kamloops"),
        ('"The young ones leave for Kamloops or Vancouver, and the ones who stay are working two jobs," she said.',
         "Vancouver"),
    ],
)
def test_places_are_no_actors(body: str, place: str) -> None:
    assert place not in actor_kinds(rules_on(body))


@pytest.mark.parametrize(
    ("body", "actor"),
    [
        # an organisation named before is no destination
        ("Tembo Gaming said on Monday it would appeal. Staff at the regulator left for Tembo Gaming in May, "
         "the union said.", "Tembo Gaming"),
        # a person before a hyphen is still named (with two words)
        ("The Anna Ruiz-led coalition said it would vote against the budget. Ruiz said the cuts went too far.",
         "Anna Ruiz"),
        # a recipient after "to" with a verb that moves nothing
        ("The ministry sent a letter to Tembo Gaming on Monday. Tembo Gaming said it would reply.", "Tembo Gaming"),
        ("The union said it would go to the Labour Court if the company refused.", None),
    ],
)
def test_names_beside_places_stay_actors(body: str, actor: str | None) -> None:
    kinds = actor_kinds(rules_on(body))
    if actor is not None:
        assert any(actor in name for name in kinds)


# --------------------------------------------------------------------------- "which" stands for no people


@pytest.mark.parametrize(
    ("text", "verb", "agents"),
    [
        # after people named by an "of" phrase, "which" is the body before "of"
        ("The association of inland pleasure boat owners, which has about 14,000 members, had asked the "
         "ministers to delay the works.", "have", ["association of inland pleasure boat owners"]),
        ("The union of dock workers, which represents 3,000 people, said it would strike.", "represent",
         ["union of dock workers"]),
        ("The council of ministers, which meets on Friday, will decide on the budget.", "meet",
         ["council of ministers"]),
        ("A group of farmers, which met on Monday, said it would sue the Delta Nitrogen Company.", "meet",
         ["group of farmers"]),
        # "who" stands for people; a singular or named "of" object is the antecedent itself
        ("The chairman of the Rennfeld Growers Association, which represents 300 farms, said the price was "
         "too low.", "represent", ["Rennfeld Growers Association"]),
        ("Shares of the Delta Nitrogen Company, which rose 3 percent, traded higher.", "rise",
         ["Delta Nitrogen Company"]),
        # not after "for": no body of those people is named
        ("The lawyer for the growers, which sued the state, said it would appeal.", "sue", []),
    ],
)
def test_which_after_people_named_by_of_is_the_body_before_it(text: str, verb: str, agents: list[str]) -> None:
    assert clause_roles(analysed(text), 1, verb)[0] == agents


# --------------------------------------------------------------------------- officials of two named states


def test_officials_of_two_named_states_are_both_states() -> None:
    body = ("Brazil imposed duties on Chilean wine on Monday. Chile said it regretted the decision. Chilean and "
            "Brazilian officials are scheduled to meet in Montevideo on April 8.")
    kinds = actor_kinds(rules_on(body))
    assert "Chilean and Brazilian officials" not in kinds
    assert {"Chile", "Brazil"} <= set(kinds)


@pytest.mark.parametrize(
    ("body", "group"),
    [
        # one state not named: the officials are a group of their own, as before
        ("Brazil imposed duties on wine on Monday. Chilean and Brazilian officials will meet in May to discuss "
         "the duties.", "Chilean and Brazilian officials"),
        ("Dutch and Belgian transport ministers agreed on Tuesday to close the lock for ten weeks.",
         "Dutch and Belgian transport ministers"),
    ],
)
def test_officials_of_states_not_all_named_stay_a_group(body: str, group: str) -> None:
    assert group in actor_kinds(rules_on(body))


# --------------------------------------------------------------------------- "the" before a title of several words


@pytest.mark.parametrize(
    ("body", "office"),
    [
        # "the" is the title's determiner, not the word before the role noun
        ("The chief veterinary officer said the zone would stay in place until November.",
         "chief veterinary officer"),
        ("The transport minister said in a statement that the government would not block the changes.",
         "transport minister"),
        ("The agriculture minister is due to brief the committee on October 29.", "agriculture minister"),
    ],
)
def test_an_unnamed_office_of_several_words_that_acts_is_an_actor(body: str, office: str) -> None:
    assert office in actor_kinds(rules_on(body))


@pytest.mark.parametrize(
    ("body", "office"),
    [
        # not when it is only written to, or only owns the subject
        ("Pieter Hulst said he had written to the culture minister asking for national rules.", "culture minister"),
        ("The chief veterinary officer's report said the zone would stay in place until November.",
         "chief veterinary officer"),
        # a holder named before: the same person, no second actor
        ("Mary Byrne, the chief veterinary officer, said the zone would stay. The chief veterinary officer said "
         "vaccines would arrive in November.", "chief veterinary officer"),
    ],
)
def test_an_unnamed_office_that_does_not_act_or_is_held_is_no_actor(body: str, office: str) -> None:
    assert office not in actor_kinds(rules_on(body))


def test_a_named_holder_keeps_the_acts_of_the_office() -> None:
    body = ("Mary Byrne, the chief veterinary officer, said the zone would stay. The chief veterinary officer said "
            "vaccines would arrive in November.")
    assert "Mary Byrne" in actor_kinds(rules_on(body))


# --------------------------------------------------------------------------- a description, then an "X of Y" name


@pytest.mark.parametrize(
    ("body", "name", "description"),
    [
        ("Poland's largest road freight association said on Wednesday its members would block two crossings. "
         "The Association of Polish Road Carriers, which represents 4,000 firms, said the checks had led to "
         "fines.", "Association of Polish Road Carriers", "Poland's largest road freight association"),
        ("Brazil's trade ministry said on Monday it would impose duties on Chilean wine. The Ministry of Trade "
         "and Industrial Development said the duties would last five years.",
         "Ministry of Trade and Industrial Development", "Brazil's trade ministry"),
    ],
)
def test_an_owned_description_before_an_of_name_is_that_name(body: str, name: str, description: str) -> None:
    kinds = actor_kinds(rules_on(body))
    assert name in kinds
    assert description not in kinds


@pytest.mark.parametrize(
    ("body", "description"),
    [
        # another kind of body, or the same kind for another matter: two actors
        ("Germany's economy ministry said on Monday it would back the plant. The Ministry of Finance said the "
         "aid would come from the climate fund.", "Germany's economy ministry"),
        ("Poland's largest union said on Wednesday its members would strike. The Association of Polish Road "
         "Carriers said the checks had led to fines.", "Poland's largest union"),
        # no owner: not a lede's description of the name
        ("The regional health authority said it would close two wards. The Authority of Health Services said "
         "the closures were not approved.", "regional health authority"),
        # two descriptions fit: which one is not said
        ("Brazil's trade ministry said it would impose duties. Chile's trade ministry said it would appeal. The "
         "Ministry of Trade and Industry said the duties would last five years.", "Brazil's trade ministry"),
    ],
)
def test_descriptions_that_are_not_the_of_name_stay_apart(body: str, description: str) -> None:
    assert description in actor_kinds(rules_on(body))


# --------------------------------------------------------------------------- a common noun first in a sentence


def test_a_common_noun_capitalised_as_the_first_word_is_no_name() -> None:
    body = ('The bureau wants to count people from administrative records. "Records that already exist can tell '
            'us how many people live in Hamilton every year," she said.')
    assert "Records" not in actor_kinds(rules_on(body))


@pytest.mark.parametrize(
    ("body", "name"),
    [
        # a name the recogniser missed that the article never writes as a common noun
        ("Orbitra reported a loss of 40 million euros on Tuesday. Orbitra said it would cut 300 jobs.", "Orbitra"),
        # the same word as a common noun elsewhere, but not the sentence's first word here
        ("Farmers buy seed from Harvest. On Monday, Harvest said it would cut prices. The harvest was poor.",
         "Harvest"),
    ],
)
def test_names_the_recogniser_missed_still_act(body: str, name: str | None) -> None:
    kinds = actor_kinds(rules_on(body))
    if name is not None:
        assert name in kinds


# --------------------------------------------------------------------------- an office named, then its holder beside it


@pytest.mark.parametrize(
    "body",
    [
        "The mayor said crews were stretched. The mayor, Maria Holm, later said two stations would close.",
        "The regional fire chief said crews were stretched. The regional fire chief, Maria Holm, later said two "
        "stations would close.",
        "Norway's trade minister said tariffs would rise. Norway's trade minister, Maria Holm, later said she "
        "would object.",
    ],
)
def test_an_office_named_before_its_apposed_holder_is_the_holder(body: str) -> None:
    assert list(actor_kinds(rules_on(body))) == ["Maria Holm"]


@pytest.mark.parametrize(
    ("body", "office"),
    [
        # another owner's office, or another office
        ("The mayor of Dorrow said crews were stretched. The mayor of Lenz, Maria Holm, later said two stations "
         "would close.", "mayor of Dorrow"),
        ("Norway's trade minister said tariffs would rise. Denmark's trade minister, Maria Holm, said she would "
         "object.", "Norway's trade minister"),
        ("Norway's trade minister said tariffs would rise. Maria Holm, Denmark's trade minister, said she would "
         "object.", "Norway's trade minister"),
        ("The mayor said crews were stretched. His deputy mayor, Maria Holm, later said two stations would close.",
         "mayor"),
    ],
)
def test_an_office_of_another_owner_stays_apart_from_the_holder(body: str, office: str) -> None:
    kinds = actor_kinds(rules_on(body))
    assert office in kinds and "Maria Holm" in kinds
