"""What a dependency parse and a named-entity recogniser say about an English article.

Owns the guided strategy's reading of the text, per sentence who does what to whom: the
subject of a verb is its agent, its object or a participant's prepositional object its
recipient, "X said" / "according to X" the source; whether a clause is negated, ahead
of the report or conditional. It asks no model and knows nothing of prompts; `guided.py`
turns this into questions and items. The stages below it: `parse_pipeline` (the pinned
spaCy pipeline), `parse_types` (what a parse produces), `parse_actors` (which noun
phrases are actors). All rules are over parse labels (dependency relations, entity
types, part of speech) plus a few closed classes of English function words; none names
an entity.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from . import parse_form
from .event_types import VERB_TYPES
from .lexicon import (
    FIRST_PERSON,
    FUTURE_MODALS,
    INTENT_VERBS,
    MAYBE_MODALS,
    NOMINAL_AGENT_PREPS,
    NOMINAL_RECIPIENT_PREPS,
    PRESENT_BE,
    REPORTING,
)
from .parse_actors import (
    INSTITUTIONS,
    LOCATIVE,
    ActorReader,
    is_name,
)
from .parse_coref import SUBJECT_INSTITUTIONS, coref_tables, describe, name_of
from .parse_groups import GROUP_TABLES, bound_object, deadline, described_group, subject_before
from .parse_people import antecedent
from .parse_pipeline import HANDLE, PIPELINE_PACKAGE, PIPELINE_SHA256, PIPELINE_VERSION, pipeline
from .parse_titles import title_tables
from .parse_types import Analysis, Clause, SentenceInfo, compound_part, is_actor
from .words import word_tables

__all__ = ["analyse", "is_actor", "rule_tables"]

# Closed classes of English, not names: verbs that report speech, and cues of the future,
# of condition and of commitment.
_REPORTING = REPORTING
_FUTURE_HEADS = INTENT_VERBS
_COMMIT, _GIVEN_TO, _DIRECTING = word_tables("parse", "_COMMIT _GIVEN_TO _DIRECTING")
_THINGS = ("ORG", "GPE", "INSTITUTION")  # actors an "it" can stand for
# Auxiliaries that put a clause ahead of the report: a plan, an obligation, a possibility.
# Narrower than parse_form.MODALS on purpose: no "can" (an ability now, not a step ahead).
_MODALS = FUTURE_MODALS | MAYBE_MODALS | frozenset({"must", "should", "would"})
# A quote mark opening or closing a quotation: the sentence quotes someone.
_QUOTED = re.compile("(?:^|\\s)[\"'\u2018\u201c]|[\"'\u2019\u201d](?:[\\s,.]|$)")


class _Reader(ActorReader):
    """Reads each sentence's clauses over the actors its base class finds."""

    def _pronoun(self, tok: Any, source: int | None, number: int = 0) -> int | None:
        if tok.lower_ == "it" and tok.dep_ == "nsubj" and self.last_bound is not None and deadline(tok.head):
            return self.last_bound  # "ordered Aerlift to pay ... It has until June 18": the one ordered
        return super()._pronoun(tok, source, number)

    def _participants(self, verb: Any, number: int, source: int | None) -> list[int]:
        out: list[int] = []

        def add(ids: list[int]) -> None:
            out.extend(i for i in ids if i not in out)

        kind = VERB_TYPES.get(parse_form.verb_lemma(verb), "OTHER")
        typed = kind not in ("OTHER", "STATEMENT")
        for child in (parse_form.dative(c) if c.dep_ == "dative" else c for c in verb.children):
            if child.dep_ in ("dobj", "dative", "attr", "oprd") or child.dep_ == "pobj" and child.head.dep_ == "dative":
                # "penalties on Moscow", "gratitude to Canada": the object's own recipient
                aimed = [a for sub in parse_form.noun_preps(child) if sub.lower_ not in LOCATIVE | {"of"}
                         for obj in sub.children if obj.dep_ == "pobj" for a in self._nps(obj, number, source)]
                given = any(sub.dep_ == "prep" and sub.lower_ in _GIVEN_TO for sub in child.children)
                if not (aimed and given and parse_form.owned_thing(child)):  # "the United States' gratitude to Canada":
                    add(self._nps(child, number, source) or self._unread(child, number))  # whose gratitude
                add(aimed)
            elif child.dep_ in ("npadvmod", "appos") and child.ent_type_ in ("PERSON", "ORG"):
                add(self._nps(child, number, source))  # an apposed name the parser hung on the verb
            elif child.dep_ == "nsubjpass" and (typed or any(c.dep_ == "agent" for c in verb.children) or (
                verb.lemma_.lower() in _DIRECTING and any(c.dep_ == "xcomp" for c in verb.children)
            )):
                # "Lopez was fined by the league", with a typed act "Lopez was banned", and "X has been
                # told to close the shaft": the one acted on, or directed
                add(self._nps(child, number, source))
            elif child.dep_ == "prep" and child.lower_ not in LOCATIVE and child.lower_ != "by":
                for obj in child.children:
                    if obj.dep_ == "pobj" and not (parse_form.owned_thing(obj) and parse_form.pronoun_owned(obj)):
                        add(self._nps(obj, number, source))  # not "for his part", "in her letter": the doer's own
        add([a for s in parse_form.demanded_of(verb) if kind == "REQUEST" for a in self._nps(s, number, source)])
        known = len(self.reg.actors)  # a partner is an actor named already, not a piece of a long title
        for _, partner in parse_form.occasions(verb):
            if not parse_form.owned_thing(partner):  # "in talks with the union", not "in line with the union's plan"
                add([a for a in self._nps(partner, number, source) if a < known])
        return out

    def _unread(self, noun: Any, number: int) -> list[int]:
        """The actor of an object's name the parse left unread (`parse_form.unread_name`)."""
        found = parse_form.unread_name(noun)
        return [self._by_name(found[0], number, found[1])] if found else []

    def _subjects(self, verb: Any, number: int, source: int | None) -> tuple[list[int], bool]:
        """The verb's agents, and whether they came from the discourse rather than the text."""
        passive = False
        for child in verb.children:
            if child.dep_ in ("nsubj", "csubj"):
                if child.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                    # "Lobo, who visited ...", "the city council, which will vote ...": the antecedent,
                    # or the name it describes ("Caremark, the union that represents ...")
                    return self._nps(antecedent(child, verb), number, source), False
                # "ferry operators from Poland and Sweden agreed ...": a group, when it does a typed act
                typed = VERB_TYPES.get(parse_form.verb_lemma(verb), "STATEMENT") != "STATEMENT"
                group = described_group(child) if typed else ""
                found = self._nps(parse_form.author(child), number, source)  # "a report by X found"
                return found or ([self.reg.add(group, "GROUP", number)] if group else []), False
            if child.dep_ in ("nsubjpass", "auxpass", "agent"):  # "... and (was) approved by X": its own by-phrase
                passive = True
        for before in subject_before(verb) if parse_form.verb_lemma(verb) in _REPORTING else []:
            return self._nps(before, number, source), False
        if parse_form.misread_root(verb):  # "Its chair, Sara Nystrom, accused X of ...": the noun it hangs on acts
            return self._nps(verb.head, number, source), False
        if not passive and verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl"):
            passive = True  # "the rocket, built by Arclight,": a participle's agent is its by-phrase
        if passive:
            for child in verb.children:
                if child.dep_ == "agent":
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            return self._nps(obj, number, source), False
            return [], False
        bound = bound_object(verb.head) if verb.dep_ == "xcomp" else None
        if bound is not None:  # "ordered Aerlift to refund", "told X to publish": the object acts
            return self._nps(bound, number, source), False
        raised = next((c for c in verb.head.children if c.dep_ == "nsubjpass"), None) if verb.dep_ == "xcomp" else None
        known = self.reg.lookup(name_of(raised), "") if raised is not None and raised.pos_ == "PROPN" else None
        if raised is not None and (raised.pos_ != "PROPN" or parse_form.heard(verb) or self.reg.has_roles(known)):
            # "The roaster is expected to publish", "X was ordered to pay": X acts, if it is an actor
            # already ("Aster, built by ..., is meant to improve forecasts": a satellite)
            return self._nps(raised, number, source), False
        if verb.dep_ in ("xcomp", "advcl", "conj", "pcomp", "acomp") and verb.head.i != verb.i:
            return self._subjects(verb.head, number, source)
        if verb.i == verb.sent.start or verb.dep_ == "ROOT" and not any(
            c.dep_.startswith("nsubj") for c in verb.children
        ):
            # A headline or tweet with no subject ("Spoke with ..."): the source speaks.
            return ([source] if source is not None else []), True
        return [], False

    def _future(self, verb: Any) -> bool:
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_MODALS for c in verb.children):
            return True
        head = verb.head
        if verb.dep_ in ("xcomp", "ccomp") and parse_form.verb_lemma(head) in _FUTURE_HEADS:
            # "plans to meet", "expect Russia to give": an infinitive under a verb of intent.
            if verb.dep_ == "xcomp" or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
                return True
        return any(c.dep_ in ("auxpass", "aux") and c.lower_ in PRESENT_BE for c in verb.children) and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
        )

    def sentence(self, number: int, text: str, fallback_source: int | None = None, doc: Any = None) -> SentenceInfo:
        doc = self.nlp(text) if doc is None else doc
        # Names first, so titles and roles can refer to them.
        for ent in doc.ents:
            if ent.label_ == "PERSON" and is_name(ent) and not (len(ent) == 1 and compound_part(ent)):  # "Oslo-based"
                actor = self._entity_actor(ent, number)
                if actor is not None and not self.reg.actors[actor].title:
                    self._person_title(ent, actor)
        source = self._source(doc, number)
        if source is None and (_QUOTED.search(text) or any(t.lower_ in FIRST_PERSON for t in doc)):
            source = fallback_source  # a quote carried over from the sentence before or after
        clauses: list[Clause] = []
        root = next((t for t in doc if parse_form.misread_root(t)), next((t for t in doc if t.dep_ == "ROOT"), None))
        for tok in doc:
            if tok.pos_ not in ("VERB",) and not (tok.dep_ == "ROOT" and tok.pos_ == "AUX"):
                continue
            lemma = parse_form.verb_lemma(tok)
            agents, by_rule = self._subjects(tok, number, source)
            reporting = lemma in _REPORTING
            # (spaCy makes a new Token object on each access: compare positions, never identity.)
            reports = root is not None and parse_form.verb_lemma(root) in _REPORTING
            main = root is not None and (tok.i == root.i or (
                tok.head.i == root.i and reports and tok.dep_ in ("ccomp", "parataxis")))
            clauses.append(
                Clause(
                    verb=lemma,
                    text=tok.text,
                    agents=agents,
                    recipients=[r for r in self._participants(tok, number, source) if r not in agents],
                    reporting=reporting,
                    negated=any(c.dep_ == "neg" for c in tok.children),
                    future=self._future(tok),
                    conditional=parse_form.conditional(tok),
                    main=main,
                    agents_by_rule=by_rule,
                    index=tok.i,
                    **parse_form.clause_form(tok),
                )
            )
        for clause in sorted(clauses, key=lambda c: not c.main):
            people = [a for a in clause.agents if self.reg.actors[a].label in ("PERSON", "TITLE")]
            if people and not clause.agents_by_rule:
                self.last_subject = people[0]
                break
        # What a following "it" continues: the organisation or state the main clause's subject
        # names itself ("Aerlift said", "The court ruled", "It added"), not "Aerlift's summary".
        head = next((c for c in root.children if c.dep_ == "nsubj"), None) if root is not None else None
        body = head is not None and head.lemma_.lower() in INSTITUTIONS | SUBJECT_INSTITUTIONS  # "the trust said"
        names = head is not None and (head.pos_ in ("PROPN", "PRON") or body)
        subject = next((c.agents for c in clauses if c.main and not c.agents_by_rule), []) if names else []
        if body and head is not None and head.lemma_.lower() not in INSTITUTIONS:  # only the utility itself,
            subject = [a for a in subject if head.lemma_.lower() in self.reg.actors[a].key]  # not who it named
        things = [a for a in subject if self.reg.actors[a].label in _THINGS]
        self.remember_thing(things[0] if things else None, root)
        bound = [self._np(o, number) for o in (bound_object(c) for c in doc if c.pos_ == "VERB") if o is not None]
        self.last_bound = next((b for b in bound if b is not None and self.reg.actors[b].label in _THINGS), None)
        mentioned: list[int] = []
        for ent in doc.ents:
            if ent.label_ in ("PERSON", "ORG", "GPE"):
                head = ent.root
                actor = self._np(head, number, source)
                if actor is not None and actor not in mentioned:
                    mentioned.append(actor)
        for clause in clauses:
            for actor in clause.agents + clause.recipients:
                self.reg.actors[actor].roles += 1
                if actor not in mentioned:
                    mentioned.append(actor)
            for actor in [] if clause.agents_by_rule else clause.agents:
                self.reg.actors[actor].acts += 1
        if source is not None:
            self.reg.actors[source].roles += 1
            self.reg.actors[source].acts += 1
            if source not in mentioned:
                mentioned.append(source)
        nominals = self._nominals(doc, number, source)  # after the names of this sentence are known
        folded = text.lower()
        resolved_from: dict[int, int] = {}
        for actor in mentioned:
            named = any(m.lower() in folded for m in self.reg.actors[actor].mentions)
            if named:
                self.last_named[actor] = number
            elif actor in self.last_named:
                resolved_from[actor] = self.last_named[actor]
            self.recent = [a for a in self.recent if a != actor] + [actor]
        dates = [e.text for e in doc.ents if e.label_ in ("DATE", "TIME")]
        return SentenceInfo(
            number=number,
            text=text,
            clauses=clauses,
            source=source,
            mentioned=mentioned,
            dates=dates,
            future=any(c.future for c in clauses),
            conditional=any(c.conditional for c in clauses),
            commitment=any(t.lemma_.lower() in _COMMIT for t in doc),
            present=root is not None and root.tag_ in ("VBZ", "VBP"),
            modal=any(t.dep_ == "aux" and t.lower_ in _MODALS and t.head.pos_ == "VERB" for t in doc),
            resolved_from=resolved_from,
            nominals=nominals,
            doc=doc,
        )

    def _nominals(self, doc: Any, number: int, source: int | None) -> list[Clause]:
        """Acts named by a noun whose phrase says who did them ("at Lisbon's request", "talks
        between the union and the company", "the detention by soldiers of ..."), as verb-less
        clauses; not a possible, future or denied one ("any further attack", "the planned talks",
        "denied the raid").
        A nationality adjective before the noun is its doer once the article has named that
        state ("Chinese pressure", "a Polish proposal"); an unnamed one is no actor.
        Only actors already known are doers or recipients: reading them leaves the registry as it was."""
        quoted = parse_form.quoted_tokens(doc)
        known = len(self.reg.actors)
        # Restored in place afterwards: other readers hold these very objects.
        saved = [copy.deepcopy(vars(a)) for a in self.reg.actors], dict(self.reg.by_key), dict(self.reg.merged)
        out: list[Clause] = []
        for tok in doc:
            kids = list(tok.children)
            if tok.pos_ != "NOUN" or any(c.lower_ in parse_form.IRREALIS for c in kids if c.dep_ in ("amod", "det")):
                continue
            if parse_form.denied(tok):
                continue
            agents: list[int] = []
            for child in kids:
                found: list[int] = []
                if child.dep_ == "poss":
                    found = self._nps(child, number, source)
                elif child.dep_ == "prep" and child.lower_ in NOMINAL_AGENT_PREPS:
                    found = [a for o in child.children if o.dep_ == "pobj" for a in self._nps(o, number, source)]
                elif child.dep_ == "amod" and child.ent_type_ == "NORP" and child.i < tok.i:
                    # "Chinese pressure on X", "the Russian invasion of Y": the state the adjective names.
                    owner = self._norp(child.text)
                    found = [owner] if owner is not None else []
                agents += [a for a in found if a not in agents]
            if not agents:
                continue
            recipients = [a for c in kids if c.dep_ == "prep" and c.lower_ in NOMINAL_RECIPIENT_PREPS
                          for o in c.children if o.dep_ == "pobj" for a in self._nps(o, number, source)
                          if a not in agents]  # fmt: skip
            verb = tok.head
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                verb = verb.head
            form = parse_form.clause_form(verb)
            out.append(Clause(
                verb=tok.lemma_.lower(), text=tok.text, agents=agents, recipients=list(dict.fromkeys(recipients)),
                reporting=False, negated=False, future=self._future(verb), conditional=parse_form.conditional(verb),
                main=False, dep="nominal", index=tok.i, head=verb.i, tag=tok.tag_, aux=form["aux"], modal=form["modal"],
                past=form["past"], quoted=tok.i in quoted,
            ))  # fmt: skip
        states, by_key, merged = saved
        del self.reg.actors[known:]
        for actor, state in zip(self.reg.actors, states, strict=True):
            vars(actor).update(state)
        self.reg.by_key.clear()
        self.reg.by_key.update(by_key)
        self.reg.merged.clear()
        self.reg.merged.update(merged)
        for clause in out:
            clause.agents = [a for a in clause.agents if a < known]
            clause.recipients = [a for a in clause.recipients if a < known]
        return [c for c in out if c.agents]

    def _source(self, doc: Any, number: int) -> int | None:
        """Who the sentence is attributed to: "X said", "according to X", "— X (@handle)"."""
        for tok in doc:
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                for obj in doc[tok.i + 1].children:
                    if obj.dep_ == "pobj":
                        found = self._nps(obj, number, None)
                        if found:
                            return found[0]
        for tok in doc:
            if parse_form.verb_lemma(tok) in _REPORTING and tok.pos_ == "VERB":
                for child in [*(c for c in tok.children if c.dep_ == "nsubj"), *subject_before(tok)]:
                    found = self._nps(child, number, None)
                    if found:
                        return found[0]
        dash = re.search(r"[\u2014\u2013]\s*([^\u2014\u2013]+)$", doc.text)
        if dash:  # a signed tweet: "... — Secretary Antony Blinken (@SecBlinken) February 17, 2022"
            for ent in doc.ents:
                if ent.start_char >= dash.start(1) and ent.label_ == "PERSON":
                    return self._entity_actor(ent, number)
        return None


def analyse(sentences: list[tuple[int, str]]) -> Analysis:
    """Read numbered sentences in order: actors, and per sentence its clauses and mentions.

    Args:
        sentences: (number, text) of each sentence to read, in article order.

    Returns:
        The actors found (an actor only counts when some sentence gives it a role or it
        is a named person) and what each sentence says.
    """
    nlp = pipeline()
    # Who is speaking in each sentence, read first so a quote split over two sentences
    # ("'Spoke with ...' / '... ,' Blinken wrote") has its speaker in both.
    docs = [nlp(text) for _, text in sentences]
    pre = _Reader(nlp)
    # What the article calls each name ("Havenbond, the union"), so "the union" finds it anywhere.
    describe(docs, pre.described, INSTITUTIONS)
    sources = [pre._source(doc, number) for (number, _), doc in zip(sentences, docs, strict=True)]
    names = [pre.reg.actors[i].name if i is not None else None for i in sources]
    reader = _Reader(nlp)
    reader.described = pre.described
    infos = []
    for k, (number, text) in enumerate(sentences):
        near = next((names[j] for j in (k + 1, k - 1) if 0 <= j < len(names) and names[j]), None)
        fallback = reader.reg.lookup(near, "") if near else None
        infos.append(reader.sentence(number, text, fallback, docs[k]))
    reader.reg.fold_places_into_councils()
    merged = reader.reg.merged
    if merged:  # an office found later to be a named person: the person, wherever the office was
        def same(ids: list[int]) -> list[int]:
            return list(dict.fromkeys(merged.get(i, i) for i in ids))

        for info in infos:
            info.source = merged.get(info.source, info.source) if info.source is not None else None
            info.mentioned = same(info.mentioned)
            info.resolved_from = {merged.get(a, a): n for a, n in info.resolved_from.items()}
            for clause in (c for v in vars(info).values() if isinstance(v, list) for c in v if isinstance(c, Clause)):
                clause.agents, clause.recipients = same(clause.agents), same(clause.recipients)
    return Analysis(actors=reader.reg.actors, sentences=infos)


def rule_tables() -> list[object]:
    """The tables built in code, the pinned pipeline and the patterns, for the guided strategy's
    rules fingerprint (words.toml has the word tables)."""
    return [sorted(t) for t in (_MODALS, _REPORTING, _FUTURE_HEADS, _THINGS)] + [
        PIPELINE_PACKAGE, PIPELINE_VERSION, PIPELINE_SHA256, HANDLE.pattern, _QUOTED.pattern, coref_tables(),
        GROUP_TABLES, title_tables()]  # fmt: skip
