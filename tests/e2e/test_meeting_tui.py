"""End to end in tmux: on the demo vault, plan a case meeting for a case from the weighing, record
attendance, type minutes with an intervention and an action for the partner, finalise, lock, and
unlock as the partner: the action is on the partner's dashboard."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pgatui.domain.models import (Conclusion, CriterionView, Ideology, JointView, Participant,
                                  PersonInput, SignalInput, SourceKind, Urgency, WeighingOutcome)
from pgatui.domain.roles import Role
from pgatui.services import cases as svc
from pgatui.services import meetings, weighing
from pgatui.services.demo import ACCOUNTS
from pgatui.services.session import Session
from pgatui.vault import open_vault
from drive import drive

PASSWORDS = {login: password for login, password, *_ in ACCOUNTS}


def first_candidate(folder: Path) -> str:
    """The case number that heads the agenda candidates; a new one from a full weighing if there is none."""
    with open_vault(folder, "gemeente", PASSWORDS["gemeente"]) as vault:
        session = Session(vault)
        found = meetings.agenda_candidates(session)
        if found:
            return found[0].case.number
        case = svc.take_in_signal(session, SignalInput(
            received_on=dt.date(2026, 11, 1), received_by="Gemeente Demodorp", source_kind=SourceKind.ONDERWIJS,
            observed_facts="Deelt filmpjes", ideology=Ideology.ONDUIDELIJK, urgency=Urgency.NORMAAL),
            person=PersonInput(name="Ottoline Overleg", date_of_birth=dt.date(2000, 1, 1)))
        opened = weighing.open_weighing(session, case.id)
        joint = tuple(JointView(criterion_id=c, view=CriterionView.VAN_TOEPASSING) for c in opened.catalogue.ids())
        parties = [next((login, Role(role), org) for login, _, role, org in ACCOUNTS if role == wanted)
                   for wanted in ("gemeente", "politie", "om")]  # the first of each core role
        for login, role, org in parties:
            weighing.record_presence(session, opened.weighing.id, Participant(role=role, name=login, organisation=org))
        weighing.record_joint(session, opened.weighing.id, joint)
        weighing.conclude(session, opened.weighing.id, Conclusion(outcome=WeighingOutcome.OPNEMEN, reasons="x"))
        for login, *_ in parties:
            weighing.confirm_with_password(session, opened.weighing.id, login, PASSWORDS[login])
        return case.number


SCRIPT = """
expect Demo-accounts
sleep 0.5
type gemeente
sleep 0.2
keys Enter
sleep 0.3
type demo-kluis-regie
keys Enter
expect Mijn taken
sleep 0.5
type o
expect Casusoverleggen
sleep 0.5
type n
expect Casusoverleg plannen
expect {case}
sleep 0.5
keys Tab Tab Tab
keys Space
expect [x] {case}
keys i
expect Uitnodigen voor
sleep 0.5
keys Down
keys Down
keys Down
keys Down
keys Space
keys Enter
expect →
keys C-s
expect Geladen.
sleep 0.5
type gemeente
sleep 0.2
keys Tab
type Gemeente Demodorp
keys Tab
type voorzitter
keys Enter
expect gemeente — Gemeente Demodorp — voorzitter
sleep 0.5
type partner
keys Tab
type Reclassering Demo
keys Tab
type reclassering
keys Enter
expect partner — Reclassering Demo — reclassering
sleep 0.3
keys F3
expect Persoon:
sleep 1
keys Tab Tab Tab Tab Tab Tab
sleep 0.5
type Opnemen in de PGA
expect Concept opgeslagen
keys Tab
sleep 0.3
type Heeft een vaste dagbesteding
sleep 0.3
keys Tab
sleep 0.5
keys Enter
expect Exitprogramma
type Mentoring
sleep 0.3
keys Enter
sleep 0.5
keys Tab
type Reclassering Demo
keys Tab
type 01-12-2026
keys Tab
type 01-03-2027
keys Tab Tab
type Mentor zoeken
keys Tab
type partner
keys Tab
type Reclassering Demo
keys Tab
type 15-12-2026
sleep 0.5
keys C-f
expect Weet u het zeker
sleep 0.3
keys Enter
expect Notulen: definitief
expect Definitief op
sleep 0.5
keys C-l
expect Kluis ontgrendelen
absent Mentor zoeken
sleep 0.5
type partner
keys Enter
sleep 0.3
type demo-kluis-reclassering
keys Enter
expect Mijn taken
absent Notulen: definitief
expect Actiepunt
expect {case}
sleep 0.3
keys C-q
exit
"""


def test_plan_a_meeting_take_minutes_finalise_and_the_partner_sees_its_action(demo_vault):
    case = first_candidate(demo_vault)
    result = drive(SCRIPT.format(case=case), "demo", str(demo_vault), size="100x30", timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
