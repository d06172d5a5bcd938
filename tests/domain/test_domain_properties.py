"""Property tests: records survive JSON, and no sequence of user actions reaches an inconsistent case."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from domain_builders import catalogue, conclusion, confirmation, joint, open_weighing, participant
from pgatui.domain.models import (ActionItem, Addendum, AgendaItem, AgendaReason, Attendance, Case, CaseMinutes,
                                  CriterionView, DestructionRecord, Dissent, Gender, HistoryEntry, Ideology,
                                  InformingDecision, Intervention, InterventionKind, InterventionStatus, LegalHold,
                                  Meeting, MinutesDraft, Person, Phase, PhenomenonInput, RiskAssessment,
                                  SharedInformation, Signal, SourceKind,
                                  SpecialCategory, Urgency, Weighing, WeighingOutcome)
from pgatui.domain.retention import RetentionFacts, RetentionState, assess, load_policy
from pgatui.domain.roles import CORE_PARTNERS
from pgatui.domain.enums import CLOSING_OUTCOMES, PGA_OUTCOMES
from pgatui.domain.workflow import (Facts, add_addendum, add_participant, check_transition, closure_reason_for,
                                    conclude, confirm, edit_minutes, finalise_minutes, phase_after_weighing, record_dissent,
                                    record_joint, weighing_complete)
from pgatui.errors import DomainError

# --- strategies ---------------------------------------------------------------------------------

_chars = st.characters(categories=("L", "N", "P", "Zs"), include_characters="\n[]@/")


def text(min_size=1, max_size=40):
    return st.text(_chars, min_size=min_size, max_size=max_size).map(str.strip).filter(lambda s: len(s) >= min_size)


ids = st.integers(1, 10**6)
dates = st.dates(dt.date(1990, 1, 1), dt.date(2060, 12, 31))
names = text(max_size=30)
specials = st.frozensets(st.sampled_from(SpecialCategory))
orgs = st.frozensets(st.sampled_from(["Reclassering", "GGZ", "Raad voor de Kinderbescherming", "School"]))
bsns = st.sampled_from([None, "111222333", "999998286", "123456782"])

persons = st.builds(Person, id=ids, name=names, date_of_birth=dates, address=text(0), phone=text(0, 12), bsn=bsns,
                    gender=st.sampled_from(Gender))
signals = st.builds(Signal, id=ids, case_id=ids, received_on=dates, received_by=names,
                    source_kind=st.sampled_from(SourceKind), observed_facts=text(), interpretation=text(0),
                    ideologies=st.lists(st.sampled_from(Ideology), min_size=1, unique=True).map(tuple),
                    urgency=st.sampled_from(Urgency), special_categories=specials)
holds = st.builds(LegalHold, reason=text(), owner=names, ends_on=dates, placed_on=st.none() | dates,
                  lifted_on=st.none() | dates)
interventions = st.builds(
    lambda start, days, **kw: Intervention(starts_on=start, evaluate_on=start + dt.timedelta(days=days), **kw),
    dates, st.integers(0, 400), id=ids, case_id=ids, kind=st.sampled_from(InterventionKind), owner_partner=names,
    status=st.sampled_from([InterventionStatus.GEPLAND, InterventionStatus.LOPEND, InterventionStatus.GESTOPT]))
informing = st.one_of(st.builds(InformingDecision, informed_on=dates, informed_by=names),
                      st.builds(InformingDecision, reason_not_to=text(), reconsider_on=dates))
actions = st.builds(ActionItem, id=ids, case_id=ids, description=text(), owner=names, owner_organisation=names,
                    due_on=dates, done_on=st.none() | dates)
meetings = st.builds(Meeting, id=ids, held_on=dates, chair=names,
                     attendance=st.lists(st.builds(Attendance, name=names, organisation=names, role=text(0, 20),
                                                   present=st.booleans()), max_size=4).map(tuple),
                     agenda=st.lists(st.builds(AgendaItem, case_id=ids, reason=st.sampled_from(AgendaReason),
                                               invited=orgs), max_size=4, unique_by=lambda a: a.case_id).map(tuple))
destructions = st.builds(DestructionRecord, case_number=st.integers(1, 99999).map(lambda n: f"PGA-2026-{n:05d}"),
                         rule_id=st.sampled_from(["casus-afgesloten", "signaal-geen-opname"]), destroyed_on=dates,
                         actor=st.from_regex(r"[a-z]{2,12}", fullmatch=True))
history = st.builds(HistoryEntry, entity=st.sampled_from(["case", "signal"]), entity_id=ids, field=names,
                    old=st.none() | text(0), new=st.none() | text(0), actor=names,
                    at=st.datetimes(timezones=st.just(dt.timezone.utc)))
cases = st.builds(lambda closed, **kw: Case(**kw, phase=Phase.AFGESLOTEN if closed else Phase.MONITORING,
                                            closed_on=kw["opened_on"] if closed else None,
                                            closure_reason="Doelen bereikt." if closed else None),
                  st.booleans(), id=ids, number=st.integers(1, 99999).map(lambda n: f"PGA-2026-{n:05d}"),
                  person_id=ids, owner=names, opened_on=dates, last_substantive_on=dates,
                  next_review_on=st.none() | dates)


@st.composite
def minutes(draw) -> CaseMinutes:
    draft = MinutesDraft(
        shared=tuple(draw(st.lists(st.builds(SharedInformation, supplied_by=names, legal_basis=text(), text=text(),
                                             special_categories=specials), max_size=3))),
        risk=tuple(draw(st.lists(st.builds(RiskAssessment, instrument=st.sampled_from(["VERA-2R", "IR46"]),
                                           assessed_on=dates, outcome=text()), max_size=2))),
        decisions=draw(text(0)), goals=tuple(draw(st.lists(text(), max_size=3))),
        informing=draw(st.none() | informing), next_review_on=draw(st.none() | dates))
    result = edit_minutes(CaseMinutes(meeting_id=draw(ids), case_id=draw(ids)), draft)
    if draw(st.booleans()):
        day = draw(dates)
        result = finalise_minutes(result, on=day, by=draw(names))
        for extra in draw(st.lists(st.integers(0, 30), max_size=2)):
            result = add_addendum(result, Addendum(written_on=day + dt.timedelta(days=extra), author=draw(names),
                                                   text=draw(text())))
    return result


@st.composite
def weighings(draw) -> Weighing:
    """Weighings in every stage, made through the workflow functions."""
    cat = catalogue()
    present = draw(st.lists(st.sampled_from(CORE_PARTNERS), unique=True))
    weighing = open_weighing(present=(), with_views=False)
    for role in present:
        weighing = add_participant(weighing, participant(role))
    weighing = record_joint(weighing, joint(cat, draw(st.sampled_from(CriterionView))), cat)
    for role in present:
        if draw(st.booleans()):
            weighing = record_dissent(weighing, Dissent(role=role, criterion_id=draw(st.sampled_from(cat.ids())),
                                                        view=draw(st.sampled_from(CriterionView)),
                                                        note=draw(text())), cat)
    if len(present) == 3 and draw(st.booleans()):
        weighing = conclude(weighing, conclusion(draw(st.sampled_from(PGA_OUTCOMES))), cat)
        for role in draw(st.lists(st.sampled_from(CORE_PARTNERS), unique=True)):
            weighing = confirm(weighing, confirmation(role))
    return weighing


ROUND_TRIP = {"person": persons, "signal": signals, "hold": holds, "intervention": interventions,
              "informing": informing, "action": actions, "meeting": meetings, "destruction": destructions,
              "history": history, "case": cases, "minutes": minutes(), "weighing": weighings()}


@given(st.lists(st.sampled_from(Ideology), max_size=9))
def test_an_ideology_set_is_valid_exactly_when_not_empty_and_without_repeats(chosen):
    """Issue 14: any ideologies, "gemengd of onduidelijk" beside named ones included, as long as
    there is at least one and none twice; the set reads in the catalogue's order."""
    fits = bool(chosen) and len(set(chosen)) == len(chosen)
    try:
        made = PhenomenonInput(ideologies=chosen)
    except ValidationError:
        assert not fits
    else:
        assert fits and set(made.ideologies) == set(chosen)
        assert list(made.ideologies) == sorted(chosen, key=list(Ideology).index)


@pytest.mark.parametrize("kind", sorted(ROUND_TRIP))
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_models_round_trip_through_json(kind, data):
    record = data.draw(ROUND_TRIP[kind])
    assert type(record).model_validate_json(record.model_dump_json()) == record


# --- random sequences of user actions -----------------------------------------------------------

@dataclass
class CaseState:
    """One case as the services would keep it, driven only through the domain functions."""

    phase: Phase = Phase.SIGNAAL
    weighing: Weighing | None = None
    minutes: CaseMinutes | None = None
    closure_reason: str | None = None
    holds: list[LegalHold] = field(default_factory=list)
    today: dt.date = dt.date(2026, 3, 1)
    last_event: dt.date = dt.date(2026, 3, 1)

    def verdict(self):
        facts = RetentionFacts(phase=self.phase, last_substantive_on=self.last_event, holds=tuple(self.holds),
                               last_outcome=self.weighing.outcome if self.weighing else None)
        return assess(load_policy(), facts, self.today)

    def facts(self, reason: str | None) -> Facts:
        verdict = self.verdict()
        return Facts(weighing=self.weighing, minutes=self.minutes, closure_reason=reason,
                     retention_overdue=verdict.state is RetentionState.OVERDUE,
                     hold_active=verdict.state is RetentionState.ON_HOLD)


def move(state: CaseState, target: Phase, give_reason: bool) -> None:
    reason = "Persoon verhuisd." if give_reason else None
    check_transition(state.phase, target, state.facts(reason))
    source, state.phase, state.last_event = state.phase, target, state.today
    if target is Phase.WEGING:
        state.weighing = open_weighing(present=(), with_views=False)
    elif target is Phase.CASUSOVERLEG:
        state.minutes = None  # a new meeting writes new minutes
    elif target is Phase.AFGESLOTEN:
        from_weighing = source is Phase.WEGING and weighing_complete(state.weighing) is None and not give_reason
        state.closure_reason = closure_reason_for(state.weighing.outcome) if from_weighing else reason


def act(state: CaseState, action: str, target: Phase, role, outcome: WeighingOutcome, flag: bool) -> None:
    cat = catalogue()
    if action == "move":
        move(state, target, flag)
    elif action == "advance":  # the natural next step, so that deep phases are reached often
        move(state, NEXT[state.phase](state), flag)
    elif action == "attend" and state.weighing:
        state.weighing = add_participant(state.weighing, participant(role))
    elif action == "view" and state.weighing:
        state.weighing = record_joint(state.weighing, joint(cat)[:1] if flag else joint(cat), cat)
    elif action == "conclude" and state.weighing:
        state.weighing = conclude(state.weighing, conclusion(outcome), cat)
    elif action == "confirm" and state.weighing:
        state.weighing = confirm(state.weighing, confirmation(role))
    elif action == "session":  # the whole room at once: shortcuts make deep phases reachable
        for each in CORE_PARTNERS:
            act(state, "attend", target, each, outcome, flag)
            act(state, "view", target, each, outcome, flag)
    elif action == "confirm_all":
        for each in CORE_PARTNERS:
            act(state, "confirm", target, each, outcome, flag)
    elif action == "draft" and state.phase is Phase.CASUSOVERLEG:
        base = state.minutes or CaseMinutes(meeting_id=1, case_id=1)
        state.minutes = edit_minutes(base, MinutesDraft(goals=("Weer naar school.",) if flag else ()))
    elif action == "finalise" and state.minutes:
        state.minutes = finalise_minutes(state.minutes, on=state.today, by="voorzitter")
    elif action == "addendum" and state.minutes:
        state.minutes = add_addendum(state.minutes, Addendum(written_on=state.today, author="v", text="Correctie."))
    elif action == "hold":
        state.holds.append(LegalHold(reason="klacht", owner="gea", ends_on=state.today + dt.timedelta(days=400)))
    elif action == "lift":
        state.holds = [h.model_copy(update={"lifted_on": state.today}) for h in state.holds]
    elif action == "wait":
        state.today += dt.timedelta(days=700 if flag else 30)


NEXT = {
    Phase.SIGNAAL: lambda s: Phase.WEGING,
    Phase.WEGING: lambda s: phase_after_weighing(s.weighing.outcome) if s.weighing.concluded else Phase.CASUSOVERLEG,
    Phase.CASUSOVERLEG: lambda s: Phase.MONITORING,
    Phase.MONITORING: lambda s: Phase.AFGESLOTEN,
    Phase.AFGESLOTEN: lambda s: Phase.VERNIETIGD,
    Phase.VERNIETIGD: lambda s: Phase.SIGNAAL,
}
ACTIONS = ["move", "move", "advance", "advance", "advance", "attend", "view", "session", "conclude", "confirm", "confirm_all", "draft",
           "finalise", "addendum", "hold", "lift", "wait"]
steps = st.tuples(st.sampled_from(ACTIONS), st.sampled_from(Phase), st.sampled_from(CORE_PARTNERS),
                  st.sampled_from(PGA_OUTCOMES), st.booleans())


def check_invariants(after: CaseState, before_phase: Phase, verdict_before) -> None:
    if before_phase is Phase.VERNIETIGD:
        assert after.phase is Phase.VERNIETIGD, "nothing leaves vernietigd"
    if before_phase is Phase.WEGING and after.phase is Phase.CASUSOVERLEG:
        w = after.weighing
        assert weighing_complete(w) is None and w.outcome is WeighingOutcome.OPNEMEN
        assert w.present == w.confirmed_by == frozenset(CORE_PARTNERS)
    if after.phase is Phase.MONITORING:
        assert after.minutes is not None and after.minutes.is_final and after.minutes.has_plan
    if after.phase is Phase.AFGESLOTEN:
        assert (after.closure_reason or "").strip()
    if before_phase in (Phase.SIGNAAL, Phase.WEGING) and after.phase is Phase.AFGESLOTEN:
        # No one-party disposal: only a joint weighing closes a signal (issue 11).
        assert before_phase is Phase.WEGING and weighing_complete(after.weighing) is None
        assert after.weighing.outcome in CLOSING_OUTCOMES
    if before_phase is not Phase.VERNIETIGD and after.phase is Phase.VERNIETIGD:
        assert verdict_before.state is RetentionState.OVERDUE, "destroyed only when overdue and not on hold"


def check_frozen(old_weighing: Weighing | None, old_minutes: CaseMinutes | None, now: CaseState) -> None:
    """A concluded weighing and final minutes never change; only confirmations and addenda are added."""
    if old_weighing is not None and old_weighing.concluded:
        assert now.weighing.model_dump(exclude={"confirmations"}) == old_weighing.model_dump(exclude={"confirmations"})
        assert now.weighing.confirmations[:len(old_weighing.confirmations)] == old_weighing.confirmations
    if old_minutes is not None and old_minutes.is_final:
        assert now.minutes.model_dump(exclude={"addenda"}) == old_minutes.model_dump(exclude={"addenda"})
        assert now.minutes.addenda[:len(old_minutes.addenda)] == old_minutes.addenda


def useful_action(state: CaseState) -> str:
    """The action a diligent user would take next; mixed with random ones to reach every phase."""
    w, m = state.weighing, state.minutes
    if state.phase is Phase.WEGING:
        if w.present != frozenset(CORE_PARTNERS):
            return "session"
        return "conclude" if not w.concluded else "confirm_all" if len(w.confirmed_by) < 3 else "advance"
    if state.phase is Phase.CASUSOVERLEG:
        return "draft" if m is None else "finalise" if not m.is_final else "advance"
    if state.phase is Phase.AFGESLOTEN and state.verdict().state is not RetentionState.OVERDUE:
        return "wait"
    return "advance"


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_random_action_sequences_never_reach_an_inconsistent_state(data):
    state, visited = CaseState(), set()
    for _ in range(data.draw(st.integers(5, 40), label="length")):
        action, target, role, outcome, flag = data.draw(steps)
        if data.draw(st.booleans(), label="diligent"):
            action = useful_action(state)
        before_phase, verdict_before = state.phase, state.verdict()
        weighing_before, minutes_before = state.weighing, state.minutes
        try:
            act(state, action, target, role, outcome, flag)
        except DomainError:
            pass
        check_invariants(state, before_phase, verdict_before)
        # A new weighing (signaal -> weging) or a new meeting (-> casusoverleg) legitimately starts afresh.
        new_weighing = before_phase is Phase.SIGNAAL and state.phase is Phase.WEGING
        check_frozen(None if new_weighing else weighing_before, None if state.minutes is None else minutes_before,
                     state)
        visited.add(state.phase)
    for phase in visited:
        event(f"visited {phase.value}")  # --hypothesis-show-statistics: every phase is reached
