"""Model validation at the boundary: the rules a record must obey on its own."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from domain_builders import AT, D, concluded_weighing, confirmation, open_weighing, participant
from pgatui.domain import enums
from pgatui.domain.models import (ActionItemInput, Addendum, AgendaItem, AgendaReason, Case, CaseMinutes, Conclusion,
                                  DestructionRecord, Ideology, InformingDecision, Intervention, InterventionKind,
                                  InterventionStatus, LegalHold, MeetingInput, MinutesStatus, Participant, PartyView,
                                  Phase, SignalInput, SourceKind, Urgency, Weighing, WeighingOutcome)
from pgatui.domain.roles import Role

ENUMS = [obj for obj in vars(enums).values()
         if isinstance(obj, type) and issubclass(obj, enums.CodeEnum) and obj is not enums.CodeEnum]


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_every_code_has_a_dutch_label(enum):
    assert all(member.label_nl for member in enum)
    assert all(member.value == member.value.lower() and " " not in member.value for member in enum)


def test_roles_have_dutch_labels():
    assert all(role.label_nl for role in Role)


def test_the_brief_s_codes_exist():
    assert {o.value for o in WeighingOutcome} == {"opnemen_pga", "geen_actie", "meer_informatie",
                                                  "zorg_veiligheidshuis", "strafrechtelijk_onderzoek"}
    assert {"jihadistisch", "rechts_extremistisch", "links_extremistisch", "anti_institutioneel",
            "dierenrechtenextremistisch", "overig", "onduidelijk"} == {i.value for i in Ideology}
    assert {"aivd_ambtsbericht", "anonieme_tiplijn", "familie", "burger", "politie"} <= {s.value for s in SourceKind}
    assert {"exitprogramma", "familieondersteuning_lse", "bestuurlijke_maatregel"} <= {k.value for k in InterventionKind}


def signal(**overrides):
    values = dict(received_on=D(2026, 3, 1), received_by="Gemeente Demodorp", source_kind=SourceKind.ONDERWIJS,
                  observed_facts="  Deelde een filmpje in de klas.  ", interpretation="Mogelijk ideologisch.",
                  ideology=Ideology.ONDUIDELIJK, urgency=Urgency.NORMAAL)
    return {**values, **overrides}


def test_ideology_must_always_be_chosen_and_text_is_stripped():
    without = signal()
    del without["ideology"]
    with pytest.raises(ValidationError, match="ideologies"):
        SignalInput(**without)
    with pytest.raises(ValidationError, match="ten minste één"):
        SignalInput(**{**without, "ideologies": []})
    assert SignalInput(**signal()).observed_facts == "Deelde een filmpje in de klas."
    with pytest.raises(ValidationError):
        SignalInput(**signal(observed_facts="   "))
    with pytest.raises(ValidationError):
        SignalInput(**signal(surprise="field"))


def test_a_signal_names_one_or_more_ideologies_never_one_twice():
    """Issue 14: "gemengd of onduidelijk" may stand beside named ones; the set reads in the
    catalogue's order; `ideology=` (one, as before) is a set of one."""
    without = signal()
    del without["ideology"]
    both = SignalInput(**{**without, "ideologies": ["onduidelijk", "links_extremistisch"]})
    assert both.ideologies == (Ideology.LINKS, Ideology.ONDUIDELIJK)
    assert SignalInput(**signal(ideology=Ideology.OVERIG)).ideologies == (Ideology.OVERIG,)
    with pytest.raises(ValidationError, match="dubbel"):
        SignalInput(**{**without, "ideologies": ["jihadistisch", "jihadistisch"]})


def test_models_are_frozen():
    with pytest.raises(ValidationError):
        SignalInput(**signal()).urgency = Urgency.HOOG


def test_conclusion_deadline_belongs_to_more_information_only():
    with pytest.raises(ValidationError, match="termijn"):
        Conclusion(outcome=WeighingOutcome.MEER_INFORMATIE, reasons="r")
    with pytest.raises(ValidationError, match="termijn"):
        Conclusion(outcome=WeighingOutcome.GEEN_ACTIE, reasons="r", follow_up_deadline=D(2026, 4, 1))
    with pytest.raises(ValidationError):
        Conclusion(outcome=WeighingOutcome.GEEN_ACTIE, reasons=" ")


def test_weighing_participants_are_core_partners_once_each():
    with pytest.raises(ValidationError, match="kernpartner|gemeente, politie en OM"):
        Participant(role=Role.PARTNER, name="X", organisation="Reclassering")
    with pytest.raises(ValidationError, match="dubbel"):
        open_weighing(present=(Role.GEMEENTE, Role.GEMEENTE))
    with pytest.raises(ValidationError, match="dubbel"):
        PartyView(role=Role.OM, criteria=({"criterion_id": "netwerk", "view": "onbekend"},) * 2)


def test_weighing_conclusion_fields_are_consistent():
    def weighing(present=(Role.GEMEENTE, Role.POLITIE, Role.OM), **fields):
        return Weighing.model_validate({**dict(open_weighing(present)), **fields})

    with pytest.raises(ValidationError, match="zonder conclusie"):
        weighing(outcome=WeighingOutcome.GEEN_ACTIE)
    with pytest.raises(ValidationError, match="zonder conclusie"):
        weighing(confirmations=(confirmation(Role.OM),))
    with pytest.raises(ValidationError, match="uitkomst en redenen"):
        weighing(concluded=True, outcome=WeighingOutcome.GEEN_ACTIE)
    with pytest.raises(ValidationError, match="aanwezige"):
        weighing((Role.GEMEENTE,), concluded=True, outcome=WeighingOutcome.GEEN_ACTIE, reasons="r",
                 confirmations=(confirmation(Role.OM),))
    weighing = concluded_weighing(WeighingOutcome.OPNEMEN)
    assert weighing.confirmed_by == weighing.present == frozenset({Role.GEMEENTE, Role.POLITIE, Role.OM})
    first = weighing.catalogue.ids()[0]
    assert weighing.joint_on(first).criterion_id == first and weighing.joint_on("onbekend-criterium") is None
    with pytest.raises(ValidationError, match="Criterium komt dubbel voor"):
        weighing.model_validate({**dict(weighing), "joint": weighing.joint * 2})


@pytest.mark.parametrize("fields, ok", [
    (dict(informed_on=D(2026, 3, 1), informed_by="regisseur"), True),
    (dict(reason_not_to="Lopend strafrechtelijk onderzoek", reconsider_on=D(2026, 9, 1)), True),
    (dict(), False),
    (dict(informed_on=D(2026, 3, 1)), False),
    (dict(reason_not_to="veiligheid"), False),
    (dict(informed_on=D(2026, 3, 1), informed_by="r", reason_not_to="x", reconsider_on=D(2026, 9, 1)), False),
    (dict(informed_on=D(2026, 3, 1), informed_by="r", reconsider_on=D(2026, 9, 1)), False),
])
def test_informing_is_exactly_one_of_informed_or_postponed(fields, ok):
    if ok:
        assert InformingDecision(**fields).informed is ("informed_on" in fields)
    else:
        with pytest.raises(ValidationError, match="óf"):
            InformingDecision(**fields)


def test_minutes_final_needs_signature_and_only_final_has_addenda():
    addendum = Addendum(written_on=D(2026, 3, 20), author="voorzitter", text="Correctie: datum.")
    with pytest.raises(ValidationError, match="Definitieve notulen"):
        CaseMinutes(meeting_id=1, case_id=1, status=MinutesStatus.DEFINITIEF)
    with pytest.raises(ValidationError, match="addendum"):
        CaseMinutes(meeting_id=1, case_id=1, addenda=(addendum,))
    with pytest.raises(ValidationError, match="niet ouder"):
        CaseMinutes(meeting_id=1, case_id=1, status=MinutesStatus.DEFINITIEF, finalised_on=D(2026, 3, 21),
                    finalised_by="v", addenda=(addendum,))


def test_case_closure_fields_follow_the_phase():
    base = dict(id=1, number="PGA-2026-00017", person_id=1, owner="gea", opened_on=D(2026, 1, 1),
                last_substantive_on=D(2026, 1, 1))
    assert Case(**base, phase=Phase.SIGNAAL).is_open
    with pytest.raises(ValidationError, match="reden"):
        Case(**base, phase=Phase.AFGESLOTEN, closed_on=D(2026, 2, 1))
    with pytest.raises(ValidationError, match="open casus"):
        Case(**base, phase=Phase.MONITORING, closed_on=D(2026, 2, 1))
    with pytest.raises(ValidationError, match="pattern"):
        Case(**{**base, "number": "2026-17"}, phase=Phase.SIGNAAL)


def test_destruction_record_cannot_hold_personal_data():
    DestructionRecord(case_number="PGA-2026-00017", rule_id="casus-afgesloten", destroyed_on=D(2031, 1, 1), actor="gea")
    for bad in (dict(case_number="Jan Jansen"), dict(actor="Jan Jansen"), dict(rule_id="Jan Jansen")):
        with pytest.raises(ValidationError):
            DestructionRecord(**{**dict(case_number="PGA-2026-00017", rule_id="r", destroyed_on=D(2031, 1, 1),
                                        actor="gea"), **bad})
    assert set(DestructionRecord.model_fields) == {"case_number", "rule_id", "destroyed_on", "actor"}


def test_intervention_and_action_rules():
    base = dict(id=1, case_id=1, kind=InterventionKind.MENTORING, owner_partner="Reclassering",
                starts_on=D(2026, 3, 1), evaluate_on=D(2026, 6, 1))
    with pytest.raises(ValidationError, match="vóór de start"):
        Intervention(**{**base, "evaluate_on": D(2026, 2, 1)})
    with pytest.raises(ValidationError, match="evaluatie"):
        Intervention(**base, status=InterventionStatus.GEEVALUEERD)
    Intervention(**base, status=InterventionStatus.GEEVALUEERD, evaluation="Loopt goed.", evaluated_on=D(2026, 6, 2))
    with pytest.raises(ValidationError):
        ActionItemInput(description="Bel school", owner="gea", owner_organisation=" ", due_on=D(2026, 3, 9))


def test_meeting_agenda_lists_each_case_once_with_its_invitations():
    item = AgendaItem(case_id=7, reason=AgendaReason.NIEUW, invited=frozenset({"Reclassering"}))
    with pytest.raises(ValidationError, match="dubbel"):
        MeetingInput(held_on=D(2026, 3, 10), chair="gea", agenda=(item, item))


@pytest.mark.parametrize("day, active", [(D(2031, 12, 31), True), (D(2032, 1, 1), True), (D(2032, 1, 2), False)])
def test_hold_is_active_through_its_end_date(day, active):
    assert LegalHold(reason="klacht", owner="gea", ends_on=D(2032, 1, 1)).active_on(day) is active


def test_lifted_hold_is_inactive_from_the_lifting_day_only():
    hold = LegalHold(reason="klacht", owner="gea", ends_on=D(2032, 1, 1), lifted_on=D(2031, 5, 1), lifted_by="gea")
    assert hold.active_on(D(2031, 4, 30)) and not hold.active_on(D(2031, 5, 1))
    with pytest.raises(ValidationError):
        LegalHold(reason="klacht", owner="gea", ends_on=D(2032, 1, 1), lifted_by="gea")


def test_participants_confirmation_times_are_kept():
    assert confirmation(Role.OM).confirmed_at == AT and participant(Role.OM).organisation
    assert isinstance(AT, dt.datetime)
