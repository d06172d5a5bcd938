"""Services for the case meeting (casusoverleg): plan it with its agenda and invitations, keep
attendance, write minutes per case (autosaved drafts inside the vault), finalise, add addenda.

Finalising the minutes of a case turns what was agreed into live records: interventions, action
items, the informing decision and the next review date, and moves a new case into monitoring.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pgatui.domain import workflow
from pgatui.domain.access import Permission, partner_minutes
from pgatui.domain.models import (Addendum, AgendaItem, AgendaReason, Attendance, Case, CaseMinutes, Meeting, MeetingInput,
                                  MinutesDraft, Phase)
from pgatui.domain.retention import next_review
from pgatui.domain.roles import Role
from pgatui.domain.workflow import Facts
from pgatui.errors import AccessDenied, DomainError, NotFound
from pgatui.services import records
from pgatui.services.session import Session
from pgatui.services.settings import settings_of
from pgatui.vault import cases as repo
from pgatui.vault import process


@dataclass(frozen=True)
class AgendaLine:
    case_id: int
    case: str  # case number
    name: str  # the person's name (the TUI shows initials on a shared screen)
    reason: str
    invited: frozenset[str]
    minutes: CaseMinutes | None


@dataclass(frozen=True)
class MeetingView:
    meeting: Meeting
    lines: list[AgendaLine]
    allowed: frozenset[Permission] = frozenset()  # what this user may do in this meeting: the screen offers these


@dataclass(frozen=True)
class MeetingSummary:
    id: int
    held_on: dt.date
    chair: str
    cases: int


def plan_meeting(session: Session, meeting: MeetingInput) -> Meeting:
    """A new meeting with its agenda; each agenda item names the partners invited for that case."""
    session.authorize(Permission.MEETING_PLAN)
    for item in meeting.agenda:
        session.authorize(Permission.MEETING_PLAN, object_id=f"case:{item.case_id}")
    with session.change("meeting.plan") as conn:
        for item in meeting.agenda:
            _open_case(conn, item.case_id)
            _check_register(conn, item.invited)
        meeting_id = process.insert_meeting(conn, meeting, session.user.login)
        for item in meeting.agenda:
            _agenda_history(session, conn, meeting_id, item)
        session.vault.audit("meeting.planned", object_id=f"meeting:{meeting_id}")
        return process.get_meeting(conn, meeting_id)


def add_to_agenda(session: Session, meeting_id: int, item: AgendaItem) -> Meeting:
    session.authorize(Permission.MEETING_PLAN, object_id=f"meeting:{meeting_id}")
    session.authorize(Permission.MEETING_PLAN, object_id=f"case:{item.case_id}")
    with session.change("meeting.agenda_add", f"meeting:{meeting_id}") as conn:
        meeting = _meeting(conn, meeting_id)
        if any(existing.case_id == item.case_id for existing in meeting.agenda):
            raise DomainError("meeting.case_already_on_agenda")
        _open_case(conn, item.case_id)
        _check_register(conn, item.invited)
        process.add_agenda_item(conn, meeting_id, item)
        _agenda_history(session, conn, meeting_id, item)
        return process.get_meeting(conn, meeting_id)


@dataclass(frozen=True)
class Candidate:
    """A case that belongs on the next agenda, and why."""

    case: Case
    name: str
    reason: AgendaReason
    urgent: bool  # a signal of high or acute urgency
    weighed_on: dt.date | None  # the last concluded weighing: newly weighed cases come first
    key: str  # where the next page starts (keyset)


def agenda_candidates(session: Session, *, query: str = "", after: str = "", due_by: dt.date | None = None,
                      limit: int = 50) -> list[Candidate]:
    """Every case the user may put on an agenda: a new signal since the last agenda, newly taken in,
    a review due, interventions to evaluate. Urgent first, then newly weighed; keyset-paged (pass
    the last candidate's key as `after`); `query` narrows by case number, BSN or name."""
    session.authorize(Permission.MEETING_PLAN)
    with session.change("meeting.candidates") as conn:
        only = None
        if query.strip():
            only = repo.cases_by_number_or_bsn(conn, query, 500, session.scope)
            only += repo.search(conn, query, 500, session.scope)
        rows = process.agenda_candidates(conn, due_by=due_by or session.today() + dt.timedelta(days=14), limit=limit,
                                         scope=session.scope, after=after, only=only)
    return [Candidate(case, name, AgendaReason(reason), urgent, dt.date.fromisoformat(weighed) if weighed else None, key)
            for case, name, reason, urgent, weighed, key in rows]


def list_meetings(session: Session, *, limit: int = 100) -> list[MeetingSummary]:
    """Meetings, newest first; a partner sees only meetings it was invited to."""
    session.authorize(Permission.CASE_READ, invited=_partner_scope(session))
    with session.change("meeting.list") as conn:
        rows = process.meetings_page(conn, from_date=None, limit=limit)
        if session.user.role is Role.PARTNER or session.scope is not None:
            rows = [r for r in rows if not r[3] or _visible_lines(session, conn, process.get_meeting(conn, r[0]))]
        return [MeetingSummary(r[0], dt.date.fromisoformat(r[1]), r[2], r[3]) for r in rows]


def read_meeting(session: Session, meeting_id: int) -> MeetingView:
    """The meeting with its agenda and minutes; a partner sees only the cases it was invited to,
    and only final minutes (drafts may still change)."""
    invited = _partner_scope(session)
    session.authorize(Permission.CASE_READ, object_id=f"meeting:{meeting_id}", invited=invited)
    with session.vault.transaction() as conn:
        visible = _visible_lines(session, conn, _meeting(conn, meeting_id))
    if not visible and session.user.role is Role.PARTNER:
        session.vault.audit_refusal(Permission.CASE_READ.value, object_id=f"meeting:{meeting_id}")
        raise AccessDenied("meeting.not_invited")
    with session.change("meeting.read", f"meeting:{meeting_id}") as conn:
        meeting = _meeting(conn, meeting_id)
        lines = []
        for item in visible:
            case = repo.get_case(conn, item.case_id)
            minutes = process.get_minutes(conn, meeting_id, item.case_id)
            if session.user.role is Role.PARTNER and minutes is not None and not minutes.is_final:
                minutes = None
            lines.append(AgendaLine(case.id, case.number, repo.get_person(conn, case.person_id).name,
                                    item.reason.value, item.invited, minutes))
        return MeetingView(meeting, lines, session.permitted_on(f"meeting:{meeting_id}", invited=invited))


def record_attendance(session: Session, meeting_id: int, attendance: tuple[Attendance, ...]) -> Meeting:
    session.authorize(Permission.MINUTES_WRITE, object_id=f"meeting:{meeting_id}")
    with session.change("meeting.attendance", f"meeting:{meeting_id}") as conn:
        _meeting(conn, meeting_id)
        process.set_attendance(conn, meeting_id, attendance)
        return process.get_meeting(conn, meeting_id)


def save_minutes(session: Session, meeting_id: int, case_id: int, draft: MinutesDraft) -> CaseMinutes:
    """Store the draft minutes of one case item (the autosave while typing); refused once final."""
    session.authorize(Permission.MINUTES_WRITE, object_id=f"case:{case_id}")
    with session.change("minutes.save", f"case:{case_id}") as conn:
        current = _minutes_or_new(conn, meeting_id, case_id)
        saved = workflow.edit_minutes(current, draft)
        if saved != current:
            process.save_minutes(conn, saved, session.now())
            _minutes_history(session, conn, current, saved)
        return saved


def finalise_minutes(session: Session, meeting_id: int, case_id: int) -> CaseMinutes:
    """The chair finalises: the minutes become immutable and what was agreed becomes live."""
    session.authorize(Permission.MINUTES_FINALISE, object_id=f"case:{case_id}")
    with session.change("minutes.finalise", f"case:{case_id}") as conn:
        meeting = _meeting(conn, meeting_id)
        final = workflow.finalise_minutes(_minutes_or_new(conn, meeting_id, case_id), on=session.today(),
                                          by=session.user.login)
        process.save_minutes(conn, final, session.now())
        records.history(session, conn, case_id, "minutes", meeting_id, "status", "concept", "definitief")
        _make_live(session, conn, meeting, final)
        return final


def add_addendum(session: Session, meeting_id: int, case_id: int, text: str) -> CaseMinutes:
    """A dated correction of final minutes."""
    session.authorize(Permission.MINUTES_ADDENDUM, object_id=f"case:{case_id}")
    with session.change("minutes.addendum", f"case:{case_id}") as conn:
        minutes = process.get_minutes(conn, meeting_id, case_id)
        if minutes is None:
            raise NotFound("minutes.none_for_case")
        addendum = Addendum(written_on=session.today(), author=session.user.login, text=text)
        changed = workflow.add_addendum(minutes, addendum)
        process.save_minutes(conn, changed, session.now())
        records.history(session, conn, case_id, "minutes", meeting_id, "addendum", None, text)
        return changed


def minutes_of_case(session: Session, case_id: int) -> list[CaseMinutes]:
    """The minutes of a case; a partner gets only the final minutes of meetings it was invited to for it."""
    session.authorize(Permission.CASE_READ, object_id=f"case:{case_id}",
                      invited=records.invited_organisations(session, case_id))
    with session.change("minutes.read", f"case:{case_id}") as conn:
        found = process.minutes_of_case(conn, case_id)
        if session.user.role is not Role.PARTNER:
            return found
        meetings = [process.get_meeting(conn, m) for m in process.meeting_ids_of_case(conn, case_id)]
        return partner_minutes(session.user.organisation, case_id, meetings, found)


def stale_draft_minutes(session: Session, *, limit: int = 20) -> list[tuple[int, int, str, dt.date]]:
    """(meeting id, case id, case number, meeting date) of drafts older than the setting."""
    session.authorize(Permission.MINUTES_FINALISE)
    with session.change("minutes.stale") as conn:
        older_than = dt.timedelta(days=settings_of(conn).unfinalised_minutes_warning_days)
        rows = process.stale_drafts(conn, session.today() - older_than, limit, session.scope)
        return [(m, c, n, dt.date.fromisoformat(d)) for m, c, n, d in rows]


# --- helpers ----------------------------------------------------------------------------------------

def _make_live(session: Session, conn, meeting: Meeting, minutes: CaseMinutes) -> None:
    case = _open_case(conn, minutes.case_id)
    for intervention in minutes.interventions:
        new_id = process.insert_intervention(conn, case.id, intervention)
        records.history(session, conn, case.id, "intervention", new_id, "created", None, intervention.kind.value)
    for action in minutes.actions:
        new_id = process.insert_action(conn, case.id, action)
        records.history(session, conn, case.id, "action", new_id, "created", None, action.description)
    if minutes.informing is not None:
        process.insert_informing(conn, case.id, minutes.informing, session.user.login, session.now())
    fields: dict = {"last_substantive_on": max(meeting.held_on, case.last_substantive_on),
                    "next_review_on": minutes.next_review_on
                    or next_review(meeting.held_on, settings_of(conn).review_interval_months)}
    if case.phase is Phase.CASUSOVERLEG and minutes.has_plan:
        workflow.check_transition(case.phase, Phase.MONITORING, Facts(minutes=minutes))
        fields["phase"] = Phase.MONITORING.value
    records.update_case(session, conn, case.id, **fields)


def _minutes_history(session: Session, conn, old: CaseMinutes, new: CaseMinutes) -> None:
    before, after = old.model_dump(mode="json"), new.model_dump(mode="json")
    for name in MinutesDraft.model_fields:
        if before[name] != after[name]:
            records.history(session, conn, new.case_id, "minutes", new.meeting_id, name, _short(before[name]),
                            _short(after[name]))


def _short(value) -> str | None:
    if value in (None, "", [], ()):
        return None
    return value if isinstance(value, str) else str(value)


def _agenda_history(session: Session, conn, meeting_id: int, item: AgendaItem) -> None:
    """The agenda item in the case's history; a new signal is then on an agenda (no longer a candidate)."""
    invited = ", ".join(sorted(item.invited)) or "-"
    records.history(session, conn, item.case_id, "meeting", meeting_id, "agenda", None, f"{item.reason.value}; {invited}")
    records.update_case(session, conn, item.case_id, new_signal_on=None)


def _minutes_or_new(conn, meeting_id: int, case_id: int) -> CaseMinutes:
    meeting = _meeting(conn, meeting_id)
    if all(item.case_id != case_id for item in meeting.agenda):
        raise DomainError("meeting.case_not_on_agenda")
    return process.get_minutes(conn, meeting_id, case_id) or CaseMinutes(meeting_id=meeting_id, case_id=case_id)


def _visible_lines(session: Session, conn, meeting: Meeting) -> list[AgendaItem]:
    """The agenda items the user may see: a partner those it was invited to (the names in the
    items follow a renamed organisation), a core partner those of its municipalities (a regional
    meeting may discuss cases of several)."""
    if session.user.role is Role.PARTNER:
        return [item for item in meeting.agenda if session.user.organisation in item.invited]
    if session.scope is None:
        return list(meeting.agenda)
    return [item for item in meeting.agenda if repo.municipality_of(conn, item.case_id) in session.scope]


def _partner_scope(session: Session) -> frozenset[int] | None:
    """For the role check of list/read: a partner is 'invited' as far as its own lines go (filtered after)."""
    return session.own_invitation() if session.user.role is Role.PARTNER else None


def _check_register(conn, invited: frozenset[str]) -> None:
    """Invitations pick from the register of organisations: access goes by its ids."""
    from pgatui.vault import organisations

    unknown = sorted(name for name in invited if organisations.by_name(conn, name) is None)
    if unknown:
        raise DomainError("meeting.unknown_organisations", organisations=unknown)


def _meeting(conn, meeting_id: int) -> Meeting:
    meeting = process.get_meeting(conn, meeting_id)
    if meeting is None:
        raise NotFound("meeting.unknown")
    return meeting


def _open_case(conn, case_id: int) -> Case:
    return records.open_case(conn, case_id, closed="meeting.case_closed")
