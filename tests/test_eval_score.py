"""The scorer on hand-made cases: a tiny article, its gold, and results built to hit each rule."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest

import summarizer
from summarizer.errors import ConfigError
from summarizer.eval.gold import GoldArticle, GoldError
from summarizer.eval.report import check_gates, compare, format_json, format_markdown, format_text, parse_gate
from summarizer.eval.score import match_actors, normalise_name, score_article
from summarizer.models import QUAD_CLASS, Actor, ArticleSummary

TEXT = (
    "date 2022-03-02\n"
    "Alice Smith met Bob Jönes in Paris on Monday. "
    "Bob Jönes warned the U.S. that he would cut gas supplies. "
    "Alice Smith said she opposed the plan. "
    "Smith will travel to Rome on Friday."
)
S1 = "Alice Smith met Bob Jönes in Paris on Monday."
S2 = "Bob Jönes warned the U.S. that he would cut gas supplies."
S3 = "Alice Smith said she opposed the plan."
S4 = "Smith will travel to Rome on Friday."
SHA = hashlib.sha256(TEXT.encode()).hexdigest()


def gold(**changes: Any) -> GoldArticle:
    data: dict[str, Any] = {
        "article": "tiny",
        "sha256": SHA,
        "published": "2022-03-02",
        "actors": [
            {"id": "A1", "name": "Alice Smith", "aliases": [], "kinds": ["person"], "country": "GBR"},
            {"id": "A2", "name": "Bob Jönes", "aliases": [], "kinds": ["person"], "country": "RUS"},
            {
                "id": "A3",
                "name": "United States",
                "aliases": ["U.S."],
                "kinds": ["state", "government"],
                "country": "USA",
            },
        ],
        "stances": [
            {
                "holders": ["A1"],
                "target": "A2",
                "topic": "the plan",
                "positions": ["oppose", "concern"],
                "evidence": [S3],
            },
        ],
        "events": [
            {
                "id": "E1",
                "summary": "Smith met Jones",
                "types": ["CONSULT"],
                "actors": ["A1"],
                "recipients": ["A2"],
                "date": "2022-02-28",
                "factuality": ["occurred", "reported"],
                "evidence": [S1],
            },
            {
                "id": "E2",
                "summary": "Jones threatened the U.S.",
                "types": ["THREATEN", "COERCE"],
                "actors": ["A2"],
                "recipients": ["A3"],
                "date": None,
                "date_range": {"earliest": None, "latest": "2022-03-02"},
                "factuality": ["occurred", "reported"],
                "evidence": [S2],
            },
        ],  # fmt: skip
        "follow_ups": [
            {
                "description": "Smith travels to Rome",
                "kinds": ["scheduled"],
                "actors": ["A1"],
                "due": "2022-03-04",
                "evidence": [S4],
            },
        ],
    }
    data.update(changes)
    return GoldArticle.model_validate(data)


def ev(quote: str) -> dict[str, Any]:
    start = TEXT.index(quote)
    return {"sentence": 1, "quote": quote, "start": start, "end": start + len(quote)}


def actor(
    id: str, name: str, kind: str = "person", country: str | None = None, mentions: list[str] | None = None
) -> dict[str, Any]:
    return {"id": id, "name": name, "kind": kind, "title": None, "country": country, "mentions": mentions or [name]}


def event(
    type: str, actors: list[str], recipients: list[str], quote: str, date: str | None, **kw: Any
) -> dict[str, Any]:
    return {
        "id": kw.get("id", "E"),
        "type": type,
        "summary": "s",
        "actors": actors,
        "recipients": recipients,
        "date": date,
        "date_text": kw.get("date_text"),
        "location": None,
        "factuality": kw.get("factuality", "reported"),
        "evidence": [kw.get("evidence", ev(quote))],
        "quad_class": QUAD_CLASS[type],
        "date_resolved_by": None,
    }


def result(**changes: Any) -> ArticleSummary:
    data: dict[str, Any] = {
        "summary": "s",
        "key_points": [],
        "actors": [
            actor("A1", "Alice Smith", country="GBR"),
            actor("A2", "Bob Jones", country="RUS"),
            actor("A3", "US", "state", "USA"),
        ],  # fmt: skip
        "stances": [
            {
                "holder": "A1",
                "topic": "plan",
                "target": "A2",
                "position": "oppose",
                "summary": "s",
                "evidence": [ev(S3)],
            }
        ],
        "events": [
            event("CONSULT", ["A1"], ["A2"], S1, "2022-02-28", date_text="on Monday"),
            event("THREATEN", ["A2"], ["A3"], S2, None),
        ],
        "follow_ups": [
            {
                "description": "trip",
                "kind": "scheduled",
                "actors": ["A1"],
                "due": "2022-03-04",
                "due_text": "on Friday",
                "basis": "explicit",
                "evidence": [ev(S4)],
                "due_resolved_by": "code",
            }
        ],  # fmt: skip
        "article": {
            "title": None,
            "published": "2022-03-02",
            "source": None,
            "sha256": SHA,
            "chars": len(TEXT),
            "text": TEXT,
        },
        "provenance": {
            "engine": "fake",
            "model": "m",
            "mode": "json_schema",
            "strategy": "single",
            "prompt_hash": "h",
            "schema_version": "1",
            "usage": {"prompt_tokens": 90, "completion_tokens": 10, "total_tokens": 100},
            "attempts": 2,
            "cached": False,
        },  # fmt: skip
    }
    data.update(changes)
    return ArticleSummary.model_validate(data)


def test_evaluate_perfect_result_scores_one_everywhere():
    report = summarizer.evaluate(result(), gold())
    metrics = report.metrics()
    scored = {k: v for k, v in metrics.items() if k.split(".")[0] in ("precision", "recall", "f1", "accuracy")}
    assert len(scored) >= 25
    assert all(v == 1.0 for v in scored.values()), {k: v for k, v in scored.items() if v != 1.0}
    assert metrics["unfaithful.actors_not_in_text"] == 0
    assert metrics["unfaithful.evidence_not_located"] == 0
    assert metrics["unfaithful.dates_contradicting_text"] == 0
    assert metrics["cost.tokens_per_article"] == 100 and metrics["cost.calls_per_article"] == 2


def test_score_right_sentence_wrong_agent_is_strict_miss_relaxed_hit():
    r = result(events=[event("CONSULT", ["A2"], ["A1"], S1, "2022-02-28"), event("THREATEN", ["A2"], ["A3"], S2, None)])
    ev_scores = score_article(r, gold()).events
    assert (ev_scores.strict.tp, ev_scores.strict.fp, ev_scores.strict.fn) == (1, 1, 1)
    assert (ev_scores.relaxed.tp, ev_scores.relaxed.fp, ev_scores.relaxed.fn) == (2, 0, 0)
    assert ev_scores.attributes["agent"].value == 0.5
    assert ev_scores.attributes["recipient"].value == 0.5


def test_score_item_problems_name_each_wrong_attribute_for_readers():
    r = result(events=[event("ACCUSE", ["A2"], [], S1, "2022-03-01"), event("THREATEN", ["A2"], ["A3"], S2, None)])
    report = score_article(r, gold())
    e1 = next(i for i in report.items if i.section == "events" and i.gold_index == 0)
    assert (e1.status, e1.label) == ("relaxed_hit", "E1 CONSULT: Smith met Jones")
    assert e1.problems == [
        "type ACCUSE, gold CONSULT",
        "actors Bob Jones, gold Alice Smith",
        "recipients nobody, gold Bob Jönes",
        "date 2022-03-01, gold 2022-02-28",
    ]
    e2 = next(i for i in report.items if i.section == "events" and i.gold_index == 1)
    assert (e2.status, e2.problems) == ("hit", [])


def test_score_stance_holder_decides_strict_match():
    r = result(
        stances=[
            {
                "holder": "A2",
                "topic": "plan",
                "target": None,
                "position": "concern",
                "summary": "s",
                "evidence": [ev(S3)],
            }
        ]
    )
    sc = score_article(r, gold()).stances
    assert sc.strict.tp == 0 and sc.relaxed.tp == 1
    assert sc.attributes["position"].value == 1.0  # "concern" is listed as acceptable too


def test_score_duplicate_prediction_costs_precision_not_recall():
    dup = event("CONSULT", ["A1"], ["A2"], S1, "2022-02-28")
    r = result(events=[dup, dup, event("THREATEN", ["A2"], ["A3"], S2, None)])
    sc = score_article(r, gold()).events
    assert sc.strict.recall == 1.0
    assert sc.strict.precision == pytest.approx(2 / 3)
    assert sc.relaxed.fp == 1


def test_score_invented_actor_is_unfaithful_and_costs_precision():
    r = result(actors=[*result().actors, Actor(**actor("A4", "Zed Zulu", mentions=["Zulu"]))])
    report = score_article(r, gold())
    assert report.faithfulness.actors_not_in_text == 1
    assert report.actors.match.fp == 1 and report.actors.match.recall == 1.0
    assert [i.label for i in report.items if i.status == "unfaithful"] == ["Zed Zulu"]


def test_score_real_but_unannotated_actor_is_spurious_not_unfaithful():
    r = result(actors=[*result().actors, Actor(**actor("A4", "Paris", "other"))])
    report = score_article(r, gold())
    assert report.faithfulness.actors_not_in_text == 0 and report.actors.match.fp == 1


@pytest.mark.parametrize(("type_", "ok"), [("THREATEN", True), ("COERCE", True), ("ASSAULT", False)])
def test_score_any_listed_event_type_is_right(type_, ok):
    r = result(events=[event("CONSULT", ["A1"], ["A2"], S1, "2022-02-28"), event(type_, ["A2"], ["A3"], S2, None)])
    assert score_article(r, gold()).events.attributes["type"].value == (1.0 if ok else 0.5)


def test_score_pairs_items_by_evidence_overlap_not_order():
    # The threat quoted in part, listed first: still matched to E2 (its span overlaps S2).
    part = ev("warned the U.S.")
    r = result(
        events=[
            event("THREATEN", ["A2"], ["A3"], S2, None, evidence=part),
            event("CONSULT", ["A1"], ["A2"], S1, "2022-02-28"),
        ]
    )
    sc = score_article(r, gold()).events
    assert sc.strict.tp == 2 and sc.attributes["type"].value == 1.0


def test_score_evidence_in_another_sentence_does_not_match():
    r = result(events=[event("CONSULT", ["A1"], ["A2"], S3, "2022-02-28")])
    sc = score_article(r, gold()).events
    assert sc.relaxed.tp == 0 and sc.relaxed.fp == 1 and sc.relaxed.fn == 2


def test_score_counts_evidence_that_does_not_locate():
    bad = {"sentence": 1, "quote": "cut gas supplies", "start": 0, "end": 16}  # offsets hold other text
    r = result(events=[event("THREATEN", ["A2"], ["A3"], S2, None, evidence=bad)])
    report = score_article(r, gold())
    assert report.faithfulness.evidence_not_located == 1
    assert report.events.relaxed.tp == 0  # an unlocated quote matches nothing


def test_score_counts_dates_contradicting_their_words():
    r = result(events=[event("CONSULT", ["A1"], ["A2"], S1, "2022-02-21", date_text="on Monday")])
    report = score_article(r, gold())
    assert report.faithfulness.dates_contradicting_text == 1
    assert report.events.attributes["date"].value == 0.0


@pytest.mark.parametrize(("date", "ok"), [(None, True), ("2022-03-01", True), ("2022-03-05", False)])
def test_score_undated_gold_event_accepts_none_or_a_date_in_its_range(date, ok):
    r = result(events=[event("THREATEN", ["A2"], ["A3"], S2, date)])
    assert score_article(r, gold()).events.attributes["date"].value == (1.0 if ok else 0.0)


def test_score_kind_and_country_accuracy_on_matched_actors():
    r = result(actors=[actor("A1", "Alice Smith", "organization", "GBR"), actor("A2", "Bob Jones", country="FRA"),
                       actor("A3", "US", "government", "USA")])  # fmt: skip
    a = score_article(r, gold()).actors
    assert a.kind.correct == 2 and a.kind.total == 3
    assert a.country.correct == 2 and a.country.total == 3


@pytest.mark.parametrize(
    ("a", "b"),
    [("U.S.", "United States"), ("US", "the United States"), ("Bob Jönes", "bob jones"), ("Qatar’s", "Qatar")],
)
def test_normalise_name_folds_equivalent_names(a, b):
    assert normalise_name(a) == normalise_name(b)


def test_match_actors_surname_matches_a_person_only():
    g = gold()
    preds = [Actor(**actor("P1", "Smith")), Actor(**actor("P2", "States", "state"))]
    assert match_actors(preds, g) == {"P1": "A1"}


def test_match_actors_is_one_to_one():
    preds = [Actor(**actor("P1", "Alice Smith")), Actor(**actor("P2", "Smith"))]
    assert match_actors(preds, gold()) == {"P1": "A1"}


def test_evaluate_pairs_by_sha256_and_refuses_a_result_without_gold():
    other = result(
        article={"title": "x", "published": None, "source": None, "sha256": "0" * 64, "chars": 1, "text": "x"}
    )
    assert len(summarizer.evaluate([result()], [gold()]).articles) == 1
    with pytest.raises(GoldError, match="no gold annotation"):
        summarizer.evaluate([other], [gold()])


def test_evaluate_refuses_gold_quotes_missing_from_the_result_text():
    r = result(article={"title": None, "published": None, "source": None, "sha256": SHA, "chars": 3, "text": "abc"})
    with pytest.raises(GoldError, match="different article"):
        summarizer.evaluate(r, gold())


def test_gates_fail_below_minimum_and_name_unknown_metrics():
    report = summarizer.evaluate(result(events=[]), gold())
    known = list(report.metrics())
    gates = [parse_gate("recall.events=0.6", "min", known), parse_gate("f1.actors=0.5", "min", known)]
    assert check_gates(report, gates) == ["recall.events = 0.000 is below the minimum 0.6"]
    assert check_gates(report, [parse_gate("unfaithful.actors_not_in_text=0", "max", known)]) == []
    with pytest.raises(ConfigError, match="unknown metric 'recall.event'"):
        parse_gate("recall.event=0.6", "min", known)
    with pytest.raises(ConfigError, match="not a number"):
        parse_gate("recall.events=high", "min", known)


def test_compare_shows_baseline_now_and_change():
    import json

    base = json.loads(format_json(summarizer.evaluate(result(events=[]), gold())))
    text = compare(summarizer.evaluate(result(), gold()), base)
    line = next(x for x in text.splitlines() if x.startswith("recall.events "))
    assert line.split()[1:] == ["0.000", "1.000", "+1.000"]
    assert next(x for x in text.splitlines() if x.startswith("recall.actors ")).split()[-1] == "="


def test_formats_list_every_article_and_metric():
    report = summarizer.evaluate(result(), gold())
    for text in (format_text(report), format_markdown(report)):
        assert "tiny" in text and "recall.events" in text and "total" in text


def test_score_optional_gold_actor_is_neither_rewarded_nor_missed():
    g = gold()
    g.actors.append(g.actors[0].model_copy(update={"id": "A4", "name": "Paris", "kinds": ["other"], "optional": True}))
    with_paris = score_article(result(actors=[*result().actors, Actor(**actor("A4", "Paris", "other"))]), g).actors
    without = score_article(result(), g).actors
    assert (with_paris.match.tp, with_paris.match.fp, with_paris.match.fn) == (3, 0, 0)
    assert (without.match.tp, without.match.fp, without.match.fn) == (3, 0, 0)
    assert with_paris.kind.total == 3  # attributes are checked on core actors only


def test_seconds_per_article_count_only_articles_the_model_ran():
    from summarizer.eval.metrics import ArticleReport, Cost, combine

    reports = [
        ArticleReport(article="a", cost=Cost(seconds=10.0)),
        ArticleReport(article="b", cost=Cost(seconds=30.0)),
        ArticleReport(article="c", cost=Cost(seconds=14.0)),
        ArticleReport(article="d", cost=Cost(seconds=0.01, cached=True)),
    ]
    report = combine(reports)
    assert report.seconds_per_article == pytest.approx(18.0)
    assert report.median_seconds_per_article == 14.0
    assert report.metrics()["cost.median_seconds_per_article"] == 14.0
