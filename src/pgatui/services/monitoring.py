"""Services for monitoring a case after the meeting: interventions and their evaluation, action
items, informing the person, periodic reviews, and the process part of a person's file.

A partner acts only on what its own organisation owns in a case it was invited to (access.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pgatui.domain.access import Permission
from pgatui.domain.models import (ActionItem, CaseMinutes, InformingDecision, Intervention,
                                  InterventionEvaluationInput, InterventionInput, Review, Weighing)
from pgatui.domain.retention import next_review
from pgatui.domain.roles import Role
from pgatui.errors import DomainError, NotFound
from pgatui.services.meetings import minutes_of_case
from pgatui.services import records
from pgatui.services.session import Session
from pgatui.services.settings import settings_of
from pgatui.vault import process


PROCESS_PARTS = ("weighings", "minutes", "interventions", "actions", "informing", "reviews")
PARTNER_PARTS = frozenset({"minutes", "interventions", "actions"})  # what a meeting shares with a partner


@dataclass(frozen=True)
class ProcessFile:
    """The tabs of a person's file after intake. For a partner: only what was shared with it."""

    weighings: list[Weighing]
    minutes: list[CaseMinutes]
    interventions: list[Intervention]
    actions: list[ActionItem]
    informing: list[InformingDecision]
    reviews: list[Review]
    shared: frozenset[str] = frozenset(PROCESS_PARTS)  # the parts shown to this user (a partner: fewer)
    meeting_dates: dict[int, dt.date] = field(default_factory=dict)  # a meeting is named by its date



def read_process(session: Session, case_id: int) -> ProcessFile:
    minutes = minutes_of_case(session, case_id)  # authorises (partner: invited only) and audits
    with session.change("case.process_read", f"case:{case_id}") as conn:
        records.existing_case(conn, case_id)
        interventions, actions = process.interventions_of(conn, case_id), process.actions_of(conn, case_id)
        dates = {m.meeting_id: meeting.held_on for m in minutes
                 if (meeting := process.get_meeting(conn, m.meeting_id)) is not None}
        if session.user.role is Role.PARTNER:
            own_interventions, own_actions = partner_share(interventions, actions, session.user.organisation)
            return ProcessFile([], minutes, own_interventions, own_actions, [], [],
                               shared=PARTNER_PARTS, meeting_dates=dates)
        return ProcessFile(process.weighings_of(conn, case_id), minutes, interventions, actions,
                           process.informing_of(conn, case_id), process.reviews_of(conn, case_id),
                           meeting_dates=dates)


def partner_share(interventions: list[Intervention], actions: list[ActionItem],
                  organisation: str) -> tuple[list[Intervention], list[ActionItem]]:
    """What a partner organisation sees of a case's interventions and actions: its own."""
    return ([i for i in interventions if i.owner_partner == organisation],
            [a for a in actions if a.owner_organisation == organisation])


def add_intervention(session: Session, case_id: int, intervention: InterventionInput) -> Intervention:
    _authorize_owned(session, Permission.INTERVENTION_MANAGE, case_id, intervention.owner_partner)
    with session.change("intervention.add", f"case:{case_id}") as conn:
        records.open_case(conn, case_id)
        new_id = process.insert_intervention(conn, case_id, intervention)
        records.history(session, conn, case_id, "intervention", new_id, "created", None, intervention.kind.value)
        return process.get_intervention(conn, new_id)


def evaluate_intervention(session: Session, intervention_id: int,
                          evaluation: InterventionEvaluationInput) -> Intervention:
    current = _load(session, process.get_intervention, intervention_id, missing="intervention.unknown")
    _authorize_owned(session, Permission.INTERVENTION_MANAGE, current.case_id, current.owner_partner)
    with session.change("intervention.evaluate", f"intervention:{intervention_id}") as conn:
        changed = Intervention.model_validate({**current.model_dump(), **evaluation.model_dump()})
        process.save_intervention(conn, changed)
        records.history(session, conn, current.case_id, "intervention", intervention_id, "status",
                 current.status.value, changed.status.value)
        records.history(session, conn, current.case_id, "intervention", intervention_id, "evaluation",
                 current.evaluation or None, changed.evaluation)
        return changed


def complete_action(session: Session, action_id: int) -> ActionItem:
    current = _load(session, process.get_action, action_id, missing="action.unknown")
    _authorize_owned(session, Permission.ACTION_COMPLETE, current.case_id, current.owner_organisation)
    if current.done_on is not None:
        raise DomainError("action.already_done")
    with session.change("action.complete", f"action:{action_id}") as conn:
        process.complete_action(conn, action_id, session.today(), session.user.login)
        records.history(session, conn, current.case_id, "action", action_id, "done_on", None, session.today())
        return process.get_action(conn, action_id)


def record_informing(session: Session, case_id: int, decision: InformingDecision) -> None:
    """Informed (when, by whom), or a reason to wait and a date to reconsider."""
    session.authorize(Permission.INFORMING_RECORD, object_id=f"case:{case_id}")
    with session.change("informing.record", f"case:{case_id}") as conn:
        records.open_case(conn, case_id)
        new_id = process.insert_informing(conn, case_id, decision, session.user.login, session.now())
        summary = f"geïnformeerd {decision.informed_on}" if decision.informed else f"heroverwegen {decision.reconsider_on}"
        records.history(session, conn, case_id, "informing", new_id, "decision", None, summary)


def record_review(session: Session, case_id: int, review: Review) -> None:
    """A periodic review: still to be discussed, and why. Sets the next review date (setting)."""
    session.authorize(Permission.REVIEW_RECORD, object_id=f"case:{case_id}")
    with session.change("review.record", f"case:{case_id}") as conn:
        case = records.open_case(conn, case_id)
        new_id = process.insert_review(conn, case_id, review, session.user.login)
        upcoming = next_review(review.reviewed_on, settings_of(conn).review_interval_months)
        records.history(session, conn, case_id, "review", new_id, "still_needed", None, "ja" if review.still_needed else "nee")
        records.update_case(session, conn, case_id, next_review_on=upcoming,
                            last_substantive_on=max(review.reviewed_on, case.last_substantive_on))


# --- helpers ----------------------------------------------------------------------------------------

def _authorize_owned(session: Session, permission: Permission, case_id: int, owner_organisation: str) -> None:
    session.authorize(permission, object_id=f"case:{case_id}", invited=records.invited_organisations(session, case_id),
                      owner_organisation=owner_organisation)


def _load(session: Session, getter, record_id: int, missing: str):
    with session.vault.transaction() as conn:
        found = getter(conn, record_id)
    if found is None:
        raise NotFound(missing)
    return found
