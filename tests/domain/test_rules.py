"""Domain rules: BSN, workflow transitions, retention on boundary dates, access per role."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from pgatui.domain.access import GRANTS, Permission, allowed, check
from pgatui.domain.bsn import is_valid_bsn
from pgatui.domain.criteria import load_catalogue
from pgatui.domain.models import (Conclusion, InformingDecision, LegalHold, MinutesStatus, Participant, Phase,
                                  PersonInput, Weighing, WeighingOutcome)
from pgatui.domain.retention import RetentionFacts, RetentionState, add_months, assess, load_policy
from pgatui.domain.roles import CORE_PARTNERS, Role
from pgatui.domain.workflow import ALLOWED, Facts, check_minutes_editable, check_transition
from pgatui.errors import AccessDenied, DomainError

D = dt.date


def test_bsn_elfproef():
    assert is_valid_bsn("111222333")
    assert is_valid_bsn("999998286")
    assert not is_valid_bsn("123456789")
    assert not is_valid_bsn("11122233")
    assert not is_valid_bsn("000000000")
    with pytest.raises(ValidationError):
        PersonInput(name="A", date_of_birth=D(2000, 1, 1), bsn="123456789")
    assert PersonInput(name="A", date_of_birth=D(2000, 1, 1), bsn="111 222 333").bsn == "111222333"


def full_weighing(outcome, confirmed=CORE_PARTNERS, present=CORE_PARTNERS):
    return Weighing(id=1, case_id=1, held_on=D(2026, 1, 1), catalogue_version="2026-1",
                    participants=tuple(Participant(role=r, name="X", organisation="O") for r in present),
                    outcome=outcome, reasons="r", confirmed_by=frozenset(confirmed), concluded=True)


def test_case_meeting_needs_a_joint_confirmed_weighing():
    check_transition(Phase.WEGING, Phase.CASUSOVERLEG, Facts(weighing=full_weighing(WeighingOutcome.OPNEMEN)))
    with pytest.raises(DomainError, match="om"):
        check_transition(Phase.WEGING, Phase.CASUSOVERLEG,
                         Facts(weighing=full_weighing(WeighingOutcome.OPNEMEN, present=(Role.GEMEENTE, Role.POLITIE))))
    with pytest.raises(DomainError, match="bevestigd"):
        check_transition(Phase.WEGING, Phase.CASUSOVERLEG,
                         Facts(weighing=full_weighing(WeighingOutcome.OPNEMEN, confirmed=(Role.GEMEENTE,))))
    with pytest.raises(DomainError):
        check_transition(Phase.WEGING, Phase.CASUSOVERLEG, Facts(weighing=full_weighing(WeighingOutcome.GEEN_ACTIE)))


def test_every_transition_outside_the_table_is_refused():
    for current, target in itertools.product(Phase, Phase):
        if (current, target) not in ALLOWED:
            with pytest.raises(DomainError):
                check_transition(current, target, Facts(closure_reason="x", retention_overdue=True,
                                                        minutes_status=MinutesStatus.DEFINITIEF,
                                                        weighing=full_weighing(WeighingOutcome.OPNEMEN)))


def test_closing_needs_a_reason_and_destruction_respects_holds():
    with pytest.raises(DomainError, match="reden"):
        check_transition(Phase.MONITORING, Phase.AFGESLOTEN, Facts(closure_reason="  "))
    check_transition(Phase.MONITORING, Phase.AFGESLOTEN, Facts(closure_reason="doelen bereikt"))
    with pytest.raises(DomainError, match="legal hold"):
        check_transition(Phase.AFGESLOTEN, Phase.VERNIETIGD, Facts(retention_overdue=True, hold_active=True))
    with pytest.raises(DomainError):
        check_transition(Phase.AFGESLOTEN, Phase.VERNIETIGD, Facts(retention_overdue=False))
    check_transition(Phase.AFGESLOTEN, Phase.VERNIETIGD, Facts(retention_overdue=True))


def test_final_minutes_are_immutable_and_more_information_needs_a_deadline():
    check_minutes_editable(MinutesStatus.CONCEPT)
    with pytest.raises(DomainError, match="addendum"):
        check_minutes_editable(MinutesStatus.DEFINITIEF)
    with pytest.raises(ValidationError):
        Conclusion(outcome=WeighingOutcome.MEER_INFORMATIE, reasons="r")
    with pytest.raises(ValidationError):
        InformingDecision()


@pytest.mark.parametrize("start, months, expected", [
    (D(2024, 2, 29), 12, D(2025, 2, 28)), (D(2024, 2, 29), 48, D(2028, 2, 29)),
    (D(2026, 1, 31), 1, D(2026, 2, 28)), (D(2021, 11, 24), 60, D(2026, 11, 24)),
])
def test_add_months_at_month_ends_and_leap_years(start, months, expected):
    assert add_months(start, months) == expected


def closed(last, holds=(), outcome=None):
    return RetentionFacts(phase=Phase.AFGESLOTEN, last_substantive_on=last, last_outcome=outcome, holds=holds)


@pytest.mark.parametrize("today, state", [
    (D(2031, 3, 9), RetentionState.WARNING), (D(2031, 3, 10), RetentionState.WARNING),
    (D(2031, 3, 11), RetentionState.OVERDUE), (D(2030, 11, 1), RetentionState.RUNNING),
])
def test_retention_states_around_the_deadline(today, state):
    verdict = assess(load_policy(), closed(D(2026, 3, 10)), today)
    assert verdict.deadline == D(2031, 3, 10) and verdict.state is state


def test_retention_warning_levels_and_holds():
    policy = load_policy()
    assert assess(policy, closed(D(2026, 3, 10)), D(2031, 3, 5)).warning_level == 7
    assert assess(policy, closed(D(2026, 3, 10)), D(2031, 2, 20)).warning_level == 30
    hold = LegalHold(reason="klacht", owner="gemeente", ends_on=D(2032, 1, 1))
    verdict = assess(policy, closed(D(2026, 3, 10), holds=(hold,)), D(2031, 6, 1))
    assert verdict.state is RetentionState.ON_HOLD and verdict.hold_ends_on == D(2032, 1, 1)
    lifted = hold.model_copy(update={"lifted_on": D(2031, 5, 1)})
    assert assess(policy, closed(D(2026, 3, 10), holds=(lifted,)), D(2031, 6, 1)).state is RetentionState.OVERDUE
    open_case = RetentionFacts(phase=Phase.MONITORING, last_substantive_on=D(2020, 1, 1))
    assert assess(policy, open_case, D(2031, 1, 1)).state is RetentionState.NOT_STARTED


def test_policy_rule_depends_on_outcome_and_every_rule_has_a_source():
    policy = load_policy()
    assert all(rule.source for rule in policy.rules)
    assert assess(policy, closed(D(2026, 1, 1), outcome=WeighingOutcome.GEEN_ACTIE), D(2026, 2, 1)).rule_id == "geen-opname"
    assert assess(policy, closed(D(2026, 1, 1)), D(2026, 2, 1)).rule_id == "casus-afgesloten"


def test_catalogue_loads_with_unique_ids_and_explanations():
    catalogue = load_catalogue()
    assert catalogue.version and len(catalogue.ids()) >= 8


def test_access_per_role():
    assert not any(allowed(Role.BEHEERDER, p) for p in (Permission.CASE_READ, Permission.PERSON_SEARCH))
    assert not allowed(Role.TOEZICHT, Permission.CASE_READ) and allowed(Role.TOEZICHT, Permission.AUDIT_READ)
    assert allowed(Role.PARTNER, Permission.CASE_READ, organisation="Reclassering",
                   invited_organisations=frozenset({"Reclassering"}))
    assert not allowed(Role.PARTNER, Permission.CASE_READ, organisation="Reclassering",
                       invited_organisations=frozenset({"GGZ"}))
    assert not allowed(Role.PARTNER, Permission.CASE_READ, organisation="Reclassering")
    assert not allowed(Role.POLITIE, Permission.MINUTES_FINALISE) and allowed(Role.GEMEENTE, Permission.MINUTES_FINALISE)
    for role in Role:
        for permission in Permission:
            if permission not in GRANTS[role]:
                with pytest.raises(AccessDenied):
                    check(role, permission, organisation="x", invited_organisations=frozenset({"x"}))


@given(st.lists(st.sampled_from(list(Phase)), max_size=12), st.booleans(), st.booleans())
def test_random_walks_never_reach_an_inconsistent_state(targets, hold, overdue):
    """Whatever is attempted, a case never reaches casusoverleg without a joint weighing,
    is never destroyed under a hold, and nothing leaves vernietigd."""
    phase, partial = Phase.SIGNAAL, full_weighing(WeighingOutcome.OPNEMEN, present=(Role.GEMEENTE,))
    for target in targets:
        before = phase
        try:
            check_transition(phase, target, Facts(weighing=partial, closure_reason="r",
                                                  retention_overdue=overdue, hold_active=hold))
            phase = target
        except DomainError:
            pass
        assert phase is not Phase.CASUSOVERLEG
        assert not (phase is Phase.VERNIETIGD and hold)
        if before is Phase.VERNIETIGD:
            assert phase is Phase.VERNIETIGD


@given(st.builds(PersonInput, name=st.text(min_size=1, max_size=40).filter(str.strip),
                 date_of_birth=st.dates(D(1900, 1, 1), D(2026, 1, 1)),
                 address=st.text(max_size=60), phone=st.text(max_size=20), bsn=st.none()))
def test_person_round_trips_through_json(person):
    assert PersonInput.model_validate_json(person.model_dump_json()) == person
