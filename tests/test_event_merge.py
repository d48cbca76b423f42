"""One act told more than once (a headline and the body, a sentence and the post it quotes)
is one event with every quote; separate acts, or the same act on other days, stay apart."""

from __future__ import annotations

from summarizer.models import Event, Evidence
from summarizer.strategies.event_merge import merge_events


def _event(n: int, sentence: int, recipients: list[str], *, date_text: str | None = None,
           etype: str = "CONSULT", actors: tuple[str, ...] = ("A1",)) -> Event:  # fmt: skip
    return Event(
        id=f"E{n}", type=etype, summary=f"act {n}", actors=list(actors), recipients=recipients,  # type: ignore[arg-type]
        date=None, date_text=date_text, location=None, factuality="occurred",
        evidence=[Evidence(sentence=sentence, quote=f"sentence {sentence}")],
    )  # fmt: skip


def _sentences(event: Event) -> list[int]:
    return [e.sentence for e in event.evidence]


def test_the_same_act_told_twice_is_one_event_with_both_quotes():
    events = [_event(1, 1, ["A2"]), _event(2, 2, ["A3"], etype="SUPPORT"), _event(3, 5, ["A2"], date_text="today")]
    acts = {"E1": "meet", "E2": "thank", "E3": "meet"}
    merged = merge_events(events, acts, "2026-03-02")
    assert [e.id for e in merged] == ["E1", "E2"]
    assert _sentences(merged[0]) == [1, 5] and merged[0].date_text == "today"
    assert merged[1].type == "SUPPORT" and _sentences(merged[1]) == [2]


def test_a_telling_with_fewer_recipients_folds_into_the_fuller_one():
    events = [_event(1, 4, ["A2"]), _event(2, 1, ["A2", "A3"])]
    merged = merge_events(events, {"E1": "meet", "E2": "meet"}, None)
    assert len(merged) == 1 and set(merged[0].recipients) == {"A2", "A3"}
    assert sorted(_sentences(merged[0])) == [1, 4]


def test_one_sentence_naming_two_acts_told_apart_is_evidence_of_each():
    # "The coach met the mayor and the bishop" and then one sentence on each meeting.
    events = [_event(1, 1, ["A2", "A3"]), _event(2, 3, ["A2"]), _event(3, 6, ["A3"])]
    merged = merge_events(events, dict.fromkeys(["E1", "E2", "E3"], "meet"), None)
    assert [(e.recipients, sorted(_sentences(e))) for e in merged] == [(["A2"], [1, 3]), (["A3"], [1, 6])]


def test_other_doers_other_acts_other_days_or_no_act_word_stay_apart():
    published = "2026-03-02"
    cases = [
        ([_event(1, 1, ["A2"]), _event(2, 2, ["A2"], actors=("A4",))], {"E1": "meet", "E2": "meet"}),
        ([_event(1, 1, ["A2"]), _event(2, 2, ["A2"])], {"E1": "meet", "E2": "visit"}),
        ([_event(1, 1, ["A2"], date_text="on Monday"), _event(2, 2, ["A2"], date_text="on Friday")],
         {"E1": "meet", "E2": "meet"}),
        ([_event(1, 1, ["A2"]), _event(2, 2, ["A2"])], {}),
    ]  # fmt: skip
    for events, acts in cases:
        assert len(merge_events(events, acts, published)) == 2


def test_a_later_telling_that_refers_back_to_the_act_joins_it():
    # "The mayor pledged 2 million euros ..." then "She made the pledge at the harbour."
    back = "(told before)"
    events = [_event(1, 1, [], etype="AGREE"), _event(2, 2, ["A2"]), _event(3, 3, [], etype="AGREE")]
    merged = merge_events(events, {"E1": "pledge", "E2": "meet", "E3": back}, None, anaphoric=back)
    assert [(e.type, _sentences(e)) for e in merged] == [("AGREE", [1, 3]), ("CONSULT", [2])]
    # Told first, it refers to nothing the list holds.
    events = [_event(1, 1, [], etype="AGREE"), _event(2, 3, [], etype="AGREE")]
    assert len(merge_events(events, {"E1": back, "E2": "pledge"}, None, anaphoric=back)) == 2
