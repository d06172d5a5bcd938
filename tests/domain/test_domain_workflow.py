"""Every phase transition, allowed and refused, and the weighing and minutes rules."""

from __future__ import annotations

import itertools

import pytest

from domain_builders import (D, catalogue, conclusion, concluded_weighing, confirmation, draft_minutes, final_minutes,
                             joint, open_weighing, participant, view)
from pgatui.domain.models import (Addendum, CriterionView, Dissent, JointView, MinutesDraft, MinutesStatus, PartyView,
                                  Phase, WeighingOutcome)
from pgatui.domain.roles import CORE_PARTNERS, Role
from pgatui.domain.workflow import (ALLOWED, PRECONDITIONS, Facts, add_addendum, add_participant, check_minutes_editable,
                                    check_transition, check_weighing_editable, closure_reason_for, conclude,
                                    conclusion_problems, confirm, edit_minutes, finalise_minutes, phase_after_weighing,
                                    possible_targets, record_dissent, record_joint, record_view, transition_problem)
from pgatui.errors import DomainError
from pydantic import ValidationError

O = WeighingOutcome
P = Phase

# For each allowed move: facts that satisfy it. Refusals are tested with empty facts below.
SATISFYING = {
    (P.SIGNAAL, P.WEGING): Facts(),
    (P.WEGING, P.CASUSOVERLEG): Facts(weighing=concluded_weighing(O.OPNEMEN)),
    (P.WEGING, P.SIGNAAL): Facts(weighing=concluded_weighing(O.MEER_INFORMATIE)),
    (P.WEGING, P.AFGESLOTEN): Facts(weighing=concluded_weighing(O.GEEN_ACTIE)),
    (P.CASUSOVERLEG, P.MONITORING): Facts(minutes=final_minutes()),
    (P.MONITORING, P.CASUSOVERLEG): Facts(),
    (P.CASUSOVERLEG, P.AFGESLOTEN): Facts(closure_reason="Doelen bereikt."),
    (P.MONITORING, P.AFGESLOTEN): Facts(closure_reason="Doelen bereikt."),
    (P.AFGESLOTEN, P.VERNIETIGD): Facts(retention_overdue=True),
}
UNCONDITIONAL = {(P.SIGNAAL, P.WEGING), (P.MONITORING, P.CASUSOVERLEG)}
EVERYTHING = Facts(weighing=concluded_weighing(O.OPNEMEN), minutes=final_minutes(), closure_reason="r",
                   retention_overdue=True)


def test_the_table_and_the_preconditions_match():
    assert set(SATISFYING) == set(ALLOWED)
    assert set(ALLOWED.values()) == set(PRECONDITIONS)
    assert not any(source is P.VERNIETIGD for source, _ in ALLOWED)


@pytest.mark.parametrize("move", sorted(ALLOWED), ids=lambda m: f"{m[0]}->{m[1]}")
def test_every_allowed_move_succeeds_with_its_precondition(move):
    check_transition(*move, SATISFYING[move])


@pytest.mark.parametrize("move", sorted(set(ALLOWED) - UNCONDITIONAL), ids=lambda m: f"{m[0]}->{m[1]}")
def test_every_conditional_move_is_refused_without_its_precondition(move):
    with pytest.raises(DomainError):
        check_transition(*move, Facts())


@pytest.mark.parametrize("move", [m for m in itertools.product(Phase, Phase) if m not in ALLOWED],
                         ids=lambda m: f"{m[0]}->{m[1]}")
def test_every_move_outside_the_table_is_refused_whatever_the_facts(move):
    with pytest.raises(DomainError, match="kan niet naar"):
        check_transition(*move, EVERYTHING)


@pytest.mark.parametrize("present, confirmed, match", [
    ((Role.GEMEENTE, Role.POLITIE), (Role.GEMEENTE, Role.POLITIE), "kernpartner: Openbaar Ministerie"),
    (CORE_PARTNERS, (Role.GEMEENTE,), "bevestigd door: Politie, Openbaar Ministerie"),
])
def test_case_meeting_needs_all_three_present_and_confirmed(present, confirmed, match):
    facts = Facts(weighing=concluded_weighing(O.OPNEMEN, present=present, confirmed=confirmed))
    with pytest.raises(DomainError, match=match):
        check_transition(P.WEGING, P.CASUSOVERLEG, facts)


@pytest.mark.parametrize("outcome", list(O))
def test_each_outcome_leads_to_exactly_its_own_next_phase(outcome):
    facts = Facts(weighing=concluded_weighing(outcome))
    assert possible_targets(P.WEGING, facts) == [phase_after_weighing(outcome)]


def test_an_open_weighing_leads_nowhere_and_a_reason_alone_does_not_close_it():
    assert possible_targets(P.WEGING, Facts(weighing=open_weighing())) == []
    assert possible_targets(P.WEGING, Facts(weighing=open_weighing(), closure_reason="Overleden.")) == []
    dormant = Facts(weighing=open_weighing(), closure_reason="Overleden.", dormant=True)
    assert possible_targets(P.WEGING, dormant) == [P.AFGESLOTEN]
    assert transition_problem(P.WEGING, P.AFGESLOTEN, Facts(weighing=open_weighing(), dormant=True)) is not None


def test_no_one_party_disposal_of_a_signal():
    """A signal never goes to afgesloten by itself, whatever the facts (issue 11, item 1)."""
    everything = Facts(weighing=concluded_weighing(O.GEEN_ACTIE), minutes=final_minutes(), closure_reason="r",
                       retention_overdue=True, dormant=True)
    assert (P.SIGNAAL, P.AFGESLOTEN) not in ALLOWED
    assert P.AFGESLOTEN not in possible_targets(P.SIGNAAL, everything)
    assert "kan niet naar" in str(transition_problem(P.SIGNAAL, P.AFGESLOTEN, everything))


def test_closure_reason_is_derived_from_closing_outcomes_only():
    for outcome in (O.GEEN_ACTIE, O.ZORG_VEILIGHEIDSHUIS, O.STRAFRECHTELIJK):
        assert closure_reason_for(outcome).startswith("Na weging")
    for outcome in (O.OPNEMEN, O.MEER_INFORMATIE):
        with pytest.raises(DomainError):
            closure_reason_for(outcome)


def test_closing_needs_a_real_reason():
    for blank in (None, "", "   "):
        assert "reden" in str(transition_problem(P.MONITORING, P.AFGESLOTEN, Facts(closure_reason=blank)))


def test_monitoring_needs_final_minutes_with_a_plan():
    assert "niet definitief" in str(transition_problem(P.CASUSOVERLEG, P.MONITORING, Facts(minutes=draft_minutes())))
    assert "plan van aanpak" in str(transition_problem(P.CASUSOVERLEG, P.MONITORING, Facts(minutes=final_minutes(goals=()))))


def test_destruction_needs_expiry_and_no_hold():
    assert "vernietigingsstop" in str(transition_problem(P.AFGESLOTEN, P.VERNIETIGD, Facts(retention_overdue=True, hold_active=True)))
    assert "niet verstreken" in str(transition_problem(P.AFGESLOTEN, P.VERNIETIGD, Facts()))


def test_refusals_are_in_dutch_with_labels():
    assert str(transition_problem(P.VERNIETIGD, P.SIGNAAL, EVERYTHING)) == "Een casus in fase 'Vernietigd' kan niet naar 'Signaal'."


# --- weighing -----------------------------------------------------------------------------------

def test_absent_party_blocks_the_conclusion_with_the_reason():
    weighing = open_weighing(present=(Role.GEMEENTE, Role.POLITIE))
    assert conclusion_problems(weighing, catalogue()) == [
        "Niet aanwezig: Openbaar Ministerie. Een weging vraagt gemeente, politie en OM samen."]
    with pytest.raises(DomainError, match="Niet aanwezig: Openbaar Ministerie"):
        conclude(weighing, conclusion(O.OPNEMEN), catalogue())


def test_every_criterion_needs_one_joint_view_of_the_room():
    cat = catalogue()
    weighing = record_joint(open_weighing(with_views=False), joint(cat)[:-1], cat)
    assert conclusion_problems(weighing, cat) == [f"Nog geen gezamenlijk oordeel over: {cat.criteria[-1].title}."]
    with pytest.raises(DomainError, match="gezamenlijk oordeel"):
        conclude(weighing, conclusion(O.OPNEMEN), cat)
    # No party has to answer every criterion: the joint views are enough.
    assert conclusion_problems(record_joint(weighing, joint(cat)[-1:], cat), cat) == []


def test_joint_views_replace_earlier_ones_on_the_same_criterion():
    cat = catalogue()
    first = cat.ids()[0]
    weighing = record_joint(open_weighing(with_views=False), joint(cat, CriterionView.ONBEKEND), cat)
    weighing = record_joint(weighing, (JointView(criterion_id=first, view=CriterionView.VAN_TOEPASSING, note="n"),), cat)
    assert len(weighing.joint) == len(cat.criteria) and weighing.joint_on(first).view is CriterionView.VAN_TOEPASSING


def test_a_present_party_may_dissent_from_a_joint_view_with_its_own_note():
    cat = catalogue()
    first = cat.ids()[0]
    dissent = Dissent(role=Role.OM, criterion_id=first, view=CriterionView.NIET_VAN_TOEPASSING, note="Te weinig feiten.")
    without_joint = open_weighing(with_views=False)
    with pytest.raises(DomainError, match="eerst het gezamenlijke oordeel"):
        record_dissent(without_joint, dissent, cat)
    absent = open_weighing(present=(Role.GEMEENTE, Role.POLITIE))
    with pytest.raises(DomainError, match="niet als aanwezig"):
        record_dissent(absent, dissent, cat)
    weighing = record_dissent(open_weighing(), dissent, cat)
    weighing = record_dissent(weighing, dissent.model_copy(update={"note": "Nader bekeken."}), cat)
    assert weighing.dissents_on(first) == [dissent.model_copy(update={"note": "Nader bekeken."})]
    with pytest.raises(ValidationError):
        Dissent(role=Role.OM, criterion_id=first, view=CriterionView.ONBEKEND, note="")  # a dissent says why


def test_a_full_session_concludes_and_is_confirmed_by_each_party():
    cat = catalogue()
    weighing = open_weighing(present=(), with_views=False)
    for role in CORE_PARTNERS:
        weighing = add_participant(weighing, participant(role))
        weighing = record_view(weighing, PartyView(role=role, preferred_outcome=O.OPNEMEN), cat)
    weighing = record_joint(weighing, joint(cat, CriterionView.VAN_TOEPASSING), cat)
    weighing = conclude(weighing, conclusion(O.OPNEMEN), cat)
    assert "bevestigd" in str(transition_problem(P.WEGING, P.CASUSOVERLEG, Facts(weighing=weighing)))
    for role in CORE_PARTNERS:
        weighing = confirm(weighing, confirmation(role))
    check_transition(P.WEGING, P.CASUSOVERLEG, Facts(weighing=weighing))
    assert weighing.outcome is O.OPNEMEN and weighing.reasons


def test_disagreement_is_kept_with_the_conclusion():
    weighing = conclude(open_weighing(), conclusion(O.GEEN_ACTIE).model_copy(update={"disagreement": "OM twijfelt."}),
                        catalogue())
    assert weighing.disagreement == "OM twijfelt."


def test_weighing_refusals():
    cat = catalogue()
    with pytest.raises(DomainError, match="niet als aanwezig"):
        record_view(open_weighing(present=(Role.GEMEENTE,)), view(Role.OM, cat), cat)
    unknown = PartyView(role=Role.OM, criteria=({"criterion_id": "bestaat-niet", "view": "onbekend"},))
    with pytest.raises(DomainError, match="Onbekende criteria"):
        record_view(open_weighing(), unknown, cat)
    older = open_weighing().model_copy(update={"catalogue_version": "2020-1"})
    with pytest.raises(DomainError, match="catalogus 2020-1"):
        record_view(older, view(Role.OM, cat), cat)
    with pytest.raises(DomainError, match="geen conclusie"):
        confirm(open_weighing(), confirmation(Role.OM))
    done = concluded_weighing(O.OPNEMEN, confirmed=(Role.OM,))
    with pytest.raises(DomainError, match="al bevestigd"):
        confirm(done, confirmation(Role.OM))
    absent = concluded_weighing(O.OPNEMEN, present=(Role.GEMEENTE,), confirmed=())
    with pytest.raises(DomainError, match="niet aanwezig"):
        confirm(absent, confirmation(Role.OM))


def test_a_concluded_weighing_is_immutable():
    done = concluded_weighing(O.GEEN_ACTIE)
    with pytest.raises(DomainError, match="afgerond"):
        check_weighing_editable(done)
    for change in (lambda w: add_participant(w, participant(Role.OM)),
                   lambda w: record_view(w, view(Role.OM), catalogue()),
                   lambda w: conclude(w, conclusion(O.OPNEMEN), catalogue())):
        with pytest.raises(DomainError, match="afgerond"):
            change(done)


# --- minutes ------------------------------------------------------------------------------------

def test_drafts_are_edited_and_final_minutes_only_get_addenda():
    draft = edit_minutes(draft_minutes(), MinutesDraft(decisions="Nieuw besluit.", goals=("Werk vinden.",)))
    assert draft.decisions == "Nieuw besluit." and draft.status is MinutesStatus.CONCEPT
    final = finalise_minutes(draft, on=D(2026, 3, 10), by="voorzitter")
    for attempt in (lambda: edit_minutes(final, MinutesDraft()), lambda: finalise_minutes(final, on=D(2026, 3, 11), by="v"),
                    lambda: check_minutes_editable(final), lambda: check_minutes_editable(MinutesStatus.DEFINITIEF)):
        with pytest.raises(DomainError, match="addendum"):
            attempt()
    check_minutes_editable(MinutesStatus.CONCEPT)
    corrected = add_addendum(final, Addendum(written_on=D(2026, 3, 12), author="voorzitter", text="Correctie."))
    assert corrected.addenda[0].written_on == D(2026, 3, 12) and corrected.decisions == final.decisions


def test_addendum_refusals():
    addendum = Addendum(written_on=D(2026, 3, 9), author="voorzitter", text="Correctie.")
    with pytest.raises(DomainError, match="concept"):
        add_addendum(draft_minutes(), addendum)
    with pytest.raises(DomainError, match="vóór"):
        add_addendum(final_minutes(), addendum)
