"""Retention on boundary dates: day before, on and after a deadline; leap years; holds; policy change."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from domain_builders import D
from pgatui.assets import asset_path
from pgatui.domain.models import LegalHold, Phase, WeighingOutcome
from pgatui.domain.retention import (RecordKind, RetentionEvent, RetentionFacts, RetentionState, add_months, assess,
                                     case_kind, dormancy, event_date, load_policy, next_review, parse_policy, review_due, rule_for, warning_level)
from pgatui.domain.settings import Settings
from pgatui.errors import DomainError

S = RetentionState


@pytest.mark.parametrize("start, months, expected", [
    (D(2024, 2, 29), 12, D(2025, 2, 28)),  # leap day into a common year: end of February
    (D(2024, 2, 29), 48, D(2028, 2, 29)),  # leap day into a leap year
    (D(2023, 2, 28), 12, D(2024, 2, 28)),  # not moved to the leap day
    (D(2026, 1, 31), 1, D(2026, 2, 28)),
    (D(2028, 1, 31), 1, D(2028, 2, 29)),
    (D(2026, 3, 31), 1, D(2026, 4, 30)),
    (D(2026, 8, 31), 60, D(2031, 8, 31)),
    (D(2026, 12, 15), 1, D(2027, 1, 15)),
    (D(2026, 1, 15), -1, D(2025, 12, 15)),
    (D(2021, 11, 24), 60, D(2026, 11, 24)),
])
def test_add_months_at_month_ends_and_leap_years(start, months, expected):
    assert add_months(start, months) == expected


@given(st.dates(D(1950, 1, 1), D(2100, 12, 31)), st.integers(0, 240))
def test_add_months_never_overshoots_the_target_month(start, months):
    result = add_months(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result.day <= start.day


def closed(last, holds=(), outcome=None, **dates):
    return RetentionFacts(phase=Phase.AFGESLOTEN, last_substantive_on=last, last_outcome=outcome, holds=holds,
                          closed_on=dates.pop("closed_on", last), **dates)


@pytest.mark.parametrize("today, state, days_left", [
    (D(2031, 3, 9), S.WARNING, 1),  # day before the deadline
    (D(2031, 3, 10), S.WARNING, 0),  # the deadline itself is still within the term
    (D(2031, 3, 11), S.OVERDUE, -1),  # the day after: destruction is due
    (D(2030, 12, 9), S.RUNNING, 91),
    (D(2030, 12, 10), S.WARNING, 90),
])
def test_states_around_the_deadline(today, state, days_left):
    verdict = assess(load_policy(), closed(D(2026, 3, 10)), today)
    assert (verdict.deadline, verdict.state, verdict.days_left) == (D(2031, 3, 10), state, days_left)
    assert verdict.destruction_due is (state is S.OVERDUE)


def test_leap_day_event_has_its_deadline_at_the_end_of_february():
    policy = parse_policy(json.dumps({**_policy_json(), "rules": [_rule("kort", 12)]}))
    verdict = assess(policy, closed(D(2024, 2, 29)), D(2025, 3, 1))
    assert verdict.deadline == D(2025, 2, 28) and verdict.state is S.OVERDUE
    assert assess(policy, closed(D(2024, 2, 29)), D(2025, 2, 28)).state is S.WARNING


@pytest.mark.parametrize("days_left, level", [(91, None), (90, 90), (31, 90), (30, 30), (8, 30), (7, 7), (0, 7),
                                              (-1, None)])
def test_warning_levels(days_left, level):
    assert warning_level(days_left, 90, (30, 7)) == level


def test_warning_window_follows_the_settings():
    settings = Settings(retention_warning_days=60, retention_marks=(14,))
    verdict = assess(load_policy(), closed(D(2026, 3, 10)), D(2031, 1, 20), warning_days=settings.retention_warning_days,
                     marks=settings.retention_marks)
    assert verdict.days_left == 49 and verdict.state is S.WARNING and verdict.warning_level == 60
    assert assess(load_policy(), closed(D(2026, 3, 10)), D(2031, 1, 20)).warning_level == 90


def hold(ends_on, **fields):
    return LegalHold(reason="klacht bij de Nationale ombudsman", owner="gea", ends_on=ends_on, **fields)


def test_an_active_hold_blocks_destruction_and_shows_its_end():
    verdict = assess(load_policy(), closed(D(2026, 3, 10), holds=(hold(D(2032, 1, 1)), hold(D(2031, 9, 1)))),
                     D(2031, 6, 1))
    assert verdict.state is S.ON_HOLD and verdict.hold_ends_on == D(2032, 1, 1) and not verdict.destruction_due
    assert verdict.deadline == D(2031, 3, 10)  # the deadline itself is unchanged


@pytest.mark.parametrize("today, state", [(D(2032, 1, 1), S.ON_HOLD), (D(2032, 1, 2), S.OVERDUE)])
def test_a_hold_ends_after_its_end_date(today, state):
    assert assess(load_policy(), closed(D(2026, 3, 10), holds=(hold(D(2032, 1, 1)),)), today).state is state


def test_a_lifted_hold_no_longer_blocks():
    lifted = hold(D(2032, 1, 1), lifted_on=D(2031, 5, 1), lifted_by="gea")
    assert assess(load_policy(), closed(D(2026, 3, 10), holds=(lifted,)), D(2031, 4, 30)).state is S.ON_HOLD
    assert assess(load_policy(), closed(D(2026, 3, 10), holds=(lifted,)), D(2031, 5, 1)).state is S.OVERDUE


def test_an_open_case_has_not_started_but_shows_a_hold():
    facts = RetentionFacts(phase=Phase.MONITORING, last_substantive_on=D(2020, 1, 1), holds=(hold(D(2032, 1, 1)),))
    verdict = assess(load_policy(), facts, D(2031, 1, 1))
    assert verdict.state is S.NOT_STARTED and verdict.deadline is None and verdict.hold_ends_on == D(2032, 1, 1)


def test_signals_not_taken_in_run_from_the_weighing_conclusion():
    facts = closed(D(2026, 5, 1), outcome=WeighingOutcome.GEEN_ACTIE, weighing_concluded_on=D(2026, 4, 1),
                   record_kind=RecordKind.SIGNAAL)
    verdict = assess(load_policy(), facts, D(2026, 6, 1))
    assert (verdict.rule_id, verdict.event, verdict.event_on, verdict.deadline) == (
        "signaal-geen-opname", RetentionEvent.WEIGHING_CONCLUDED, D(2026, 4, 1), D(2031, 4, 1))
    assert not verdict.event_estimated


@pytest.mark.parametrize("outcome, rule", [(None, "signaal-geen-opname"), (WeighingOutcome.OPNEMEN, "casus-afgesloten"),
                                           (WeighingOutcome.MEER_INFORMATIE, "signaal-geen-opname"),
                                           (WeighingOutcome.ZORG_VEILIGHEIDSHUIS, "signaal-geen-opname"),
                                           (WeighingOutcome.STRAFRECHTELIJK, "signaal-geen-opname")])
def test_rule_depends_on_whether_the_signal_was_ever_taken_in(outcome, rule):
    """Only a case taken into the PGA is a full PGA case; everything else is a signal (issue 11)."""
    facts = closed(D(2026, 1, 1), outcome=outcome, record_kind=case_kind(outcome))
    assert rule_for(load_policy(), facts).id == rule


def test_a_policy_without_signal_rules_applies_its_case_rules_to_signals():
    """A vault may still run the 2026-1 policy, written before signals had a kind of their own."""
    old = parse_policy(json.dumps({**_policy_json(), "version": "oud", "rules": [
        _rule("alleen-geen-actie", 12, outcomes=["geen_actie"]), _rule("rest", 60)]}))
    facts = closed(D(2026, 1, 1), outcome=WeighingOutcome.GEEN_ACTIE, record_kind=RecordKind.SIGNAAL)
    assert rule_for(old, facts).id == "alleen-geen-actie"


@pytest.mark.parametrize("justified, today, state", [
    (None, D(2028, 1, 1), None),  # exactly 24 months: still within the term
    (None, D(2028, 1, 2), S.DORMANT),
    (D(2028, 2, 1), D(2028, 3, 1), S.JUSTIFIED),  # a justification restarts the clock
    (D(2028, 2, 1), D(2030, 2, 2), S.DORMANT),  # and runs out in its turn
])
def test_an_open_file_is_dormant_after_24_quiet_months(justified, today, state):
    verdict = dormancy(load_policy(), D(2026, 1, 1), justified, today)
    assert verdict.state is state
    assert verdict.rule_id == "open-dossier-slapend"


def test_last_substantive_event_is_the_latest_known_date():
    facts = closed(D(2026, 1, 1), closed_on=D(2026, 2, 1), last_discussion_on=D(2026, 3, 1))
    assert event_date(facts, RetentionEvent.LAST_SUBSTANTIVE) == (D(2026, 3, 1), False)
    assert event_date(facts, RetentionEvent.CLOSURE) == (D(2026, 2, 1), False)


def test_a_missing_event_date_falls_back_to_the_later_date_and_says_so():
    facts = closed(D(2026, 5, 1), outcome=WeighingOutcome.GEEN_ACTIE, record_kind=RecordKind.SIGNAAL)  # date unknown
    verdict = assess(load_policy(), facts, D(2026, 6, 1))
    assert verdict.event_on == D(2026, 5, 1) and verdict.event_estimated


def _policy_json() -> dict:
    return json.loads(asset_path("retention-policy.json").read_text(encoding="utf-8"))


def _rule(rule_id, months, after="last_substantive_event", outcomes=None):
    return {"id": rule_id, "record_kind": "casus", "outcomes": outcomes, "keep_months": months, "after": after,
            "source": "test", "settled": False}


def test_a_new_policy_version_recomputes_deadlines():
    facts, today = closed(D(2026, 3, 10)), D(2029, 6, 1)
    old = assess(load_policy(), facts, today)
    shorter = parse_policy(json.dumps({**_policy_json(), "version": "2027-1", "rules": [_rule("drie-jaar", 36)]}))
    new = assess(shorter, facts, today)
    assert (old.state, old.deadline, old.policy_version) == (S.RUNNING, D(2031, 3, 10), load_policy().version)
    assert (new.state, new.deadline, new.rule_id, new.policy_version) == (S.OVERDUE, D(2029, 3, 10), "drie-jaar", "2027-1")


@pytest.mark.parametrize("rules, match", [
    ([_rule("a", 60, outcomes=["geen_actie"])], "catch-all"),
    ([_rule("a", 60), _rule("a", 12)], "dubbel"),
    ([_rule("a", 0)], "greater than or equal"),
    ([{**_rule("a", 60), "after": "forever"}], "after"),
])
def test_policy_validation(rules, match):
    with pytest.raises(ValidationError, match=match):
        parse_policy(json.dumps({**_policy_json(), "rules": rules}))


def test_rule_for_without_a_match_is_a_domain_error():
    policy = load_policy().model_copy(update={"rules": ()})
    with pytest.raises(DomainError):
        rule_for(policy, closed(D(2026, 1, 1)))


def test_review_scheduling():
    assert next_review(D(2026, 3, 10)) == D(2027, 3, 10)
    assert next_review(D(2024, 2, 29), Settings(review_interval_months=6).review_interval_months) == D(2024, 8, 29)
    assert next_review(D(2024, 2, 29)) == D(2025, 2, 28)
    assert [review_due(D(2027, 3, 10), day) for day in (D(2027, 3, 9), D(2027, 3, 10))] == [False, True]
    assert not review_due(None, D(2030, 1, 1))
