"""Building cases through the real services, for service and TUI tests: a team of users, a joint
weighing with three parties, a meeting with invitations, minutes with a plan."""

from __future__ import annotations

import datetime as dt

from people import confirm_keys, password_of, signal, user
from pgatui.domain.criteria import load_catalogue
from pgatui.domain.models import (ActionItemInput, AgendaItem, AgendaReason, Conclusion, CriterionView,
                                  InformingDecision, InterventionInput, InterventionKind, JointView, MeetingInput,
                                  MinutesDraft, Participant, PartyView, PersonInput, PhenomenonInput, SharedInformation,
                                  WeighingOutcome)
from pgatui.domain.roles import Role
from pgatui.services import cases as svc
from pgatui.services import meetings, weighing
from pgatui.services.session import Session

NAME = "Zwaantje Oudewaterloo"
PARTNER_ORG = "Reclassering Test"
PARTIES = (("gea", Role.GEMEENTE, "Gemeente Test"), ("pim", Role.POLITIE, "Politie Test"), ("olga", Role.OM, "OM Test"))


def make_team(vault_path) -> dict[str, Session]:
    """Sessions for gemeente (gea), politie (pim), om (olga) and a partner (rob), all in one vault."""
    sessions = {login: Session(user(vault_path, login, role.value, org)) for login, role, org in PARTIES}
    sessions["rob"] = Session(user(vault_path, "rob", "partner", PARTNER_ORG))
    confirm_keys(*sessions.values())
    return sessions


def new_case(session, name=NAME):
    return svc.take_in_signal(session, signal(), person=PersonInput(name=name, date_of_birth=dt.date(2004, 5, 1)))


def views_for(role: Role) -> PartyView:
    return PartyView(role=role, overall=f"standpunt {role.value}")


def joint_views(view=CriterionView.VAN_TOEPASSING, catalogue=None) -> tuple[JointView, ...]:
    """The room's joint view on every criterion of `catalogue` (the shipped one in force by default)."""
    catalogue = catalogue or load_catalogue()
    return tuple(JointView(criterion_id=c, view=view, note="besproken") for c in catalogue.ids())


def weigh(session, case_id, outcome=WeighingOutcome.OPNEMEN, *, deadline=None, present=PARTIES, confirm=True,
          phenomenon=(), **conclusion):
    """A weighing concluded by the `present` parties; `phenomenon`: the room's view, if recorded."""
    opened = weighing.open_weighing(session, case_id)
    for login, role, org in present:
        weighing.record_presence(session, opened.weighing.id, Participant(role=role, name=login, organisation=org))
        weighing.record_view(session, opened.weighing.id, views_for(role))
    weighing.record_joint(session, opened.weighing.id, joint_views(catalogue=opened.catalogue))
    if phenomenon:
        weighing.record_phenomenon(session, opened.weighing.id, PhenomenonInput(ideologies=phenomenon))
    weighing.conclude(session, opened.weighing.id, Conclusion(outcome=outcome, reasons="criteria besproken",
                                                              follow_up_deadline=deadline, **conclusion))
    if confirm:
        for login, role, _ in present:
            weighing.confirm_with_password(session, opened.weighing.id, login, password_of(role.value))
    return opened.weighing.id


def plan(gea, *invitations):
    """A meeting today with the given (case, invited organisations) items."""
    agenda = tuple(AgendaItem(case_id=c.id, reason=AgendaReason.NIEUW, invited=frozenset(orgs)) for c, orgs in invitations)
    return meetings.plan_meeting(gea, MeetingInput(held_on=gea.today(), chair="gea", agenda=agenda))


def draft(**extra) -> MinutesDraft:
    values = dict(
        shared=(SharedInformation(supplied_by="Politie Test", legal_basis="Wpg art. 19", text="Gedeeld door politie"),),
        decisions="Opnemen in de PGA", goals=("Zwaantje heeft een stabiele dagbesteding",),
        interventions=(InterventionInput(kind=InterventionKind.MENTORING, owner_partner=PARTNER_ORG,
                                         starts_on=dt.date(2026, 1, 1), evaluate_on=dt.date(2026, 4, 1)),),
        actions=(ActionItemInput(description="Mentor zoeken", owner="rob", owner_organisation=PARTNER_ORG,
                                 due_on=dt.date(2026, 2, 1)),),
        informing=InformingDecision(reason_not_to="Lopend onderzoek", reconsider_on=dt.date(2026, 3, 1)))
    return MinutesDraft(**{**values, **extra})
