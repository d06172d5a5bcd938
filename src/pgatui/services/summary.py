"""The one-page case summary and the "since the last weighing / last meeting" view (issue 14, item 5).

Both are read in one transaction, authorised as reading the file and audited with ids only
(`case.summary`, `case.changes`). What a partner organisation gets follows the case file's partner
rules (`monitoring.partner_share`): no signals, weighings, holds or history, only its own
interventions and actions; the same rules make the per-partner export (`export_summary` with an
`organisation_id`), which only the municipality makes, for an organisation invited to the case.

The changes are built from the field history (`history` rows) and the records' own dates, so a
record written by an older version without its history row still counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from pgatui.domain.access import Permission
from pgatui.domain.enums import Ideology, InterventionStatus
from pgatui.domain.models import (ActionItem, Case, HistoryEntry, Intervention, LegalHold, Phase, Signal,
                                  Weighing)
from pgatui.domain.roles import Role
from pgatui.domain.text import day, initials
from pgatui.errors import DomainError
from pgatui.services import records
from pgatui.services.exporting import Document, Section, write_export
from pgatui.services.monitoring import partner_share
from pgatui.services.session import Session
from pgatui.vault import cases as repo
from pgatui.vault import organisations as register
from pgatui.vault import process

CLOSED_INTERVENTION = frozenset({InterventionStatus.GEEVALUEERD, InterventionStatus.GESTOPT})


class DateKind(StrEnum):
    """What a coming date in the summary is (labels: `summary.date.<value>` and `date_label`)."""

    FOLLOW_UP = "follow_up"  # the deadline of "meer informatie nodig"
    REVIEW = "review"  # the next review of the case
    EVALUATION = "evaluation"  # an open intervention's evaluation
    ACTION = "action"  # an open action item's due date
    MEETING = "meeting"  # a case meeting with this case on its agenda
    HOLD = "hold"  # the end of a vernietigingsstop


DATE_LABELS_NL = {DateKind.FOLLOW_UP: "Termijn meer informatie", DateKind.REVIEW: "Volgende herbeoordeling",
                  DateKind.EVALUATION: "Evaluatie interventie", DateKind.ACTION: "Actiepunt uiterlijk",
                  DateKind.MEETING: "Casusoverleg", DateKind.HOLD: "Vernietigingsstop tot"}


class Since(StrEnum):
    WEIGHING = "weighing"  # since the last concluded weighing (else the last one opened)
    MEETING = "meeting"  # since the last case meeting that discussed this case (see _meetings_held)


@dataclass(frozen=True)
class Summary:
    case: Case
    name: str
    municipality: str
    last_weighing: Weighing | None
    open_interventions: list[Intervention]
    open_actions: list[ActionItem]
    next_dates: list[tuple[dt.date, DateKind]]
    holds: list[LegalHold]
    partner: str | None = None  # for a partner organisation: only what was shared with it
    suspected: tuple[Ideology, ...] = ()  # every ideology the signals name (not for a partner)


@dataclass(frozen=True)
class Changes:
    case: Case
    since: Since
    since_on: dt.date | None  # the weighing's or meeting's date; None: there was none yet (all counts)
    new_signals: list[Signal] = field(default_factory=list)
    changed_fields: list[HistoryEntry] = field(default_factory=list)
    actions_done: list[ActionItem] = field(default_factory=list)
    evaluations: list[Intervention] = field(default_factory=list)
    partner: str | None = None


# --- the summary -----------------------------------------------------------------------------------

def case_summary(session: Session, case_id: int) -> Summary:
    """The one-page summary of a case as this user may see it (a partner: what was shared with it)."""
    _authorize_read(session, case_id)
    with session.change("case.summary", f"case:{case_id}") as conn:
        return _summary(session, conn, case_id, _own_partner(session))


def _summary(session: Session, conn, case_id: int, partner: str | None) -> Summary:
    case = records.existing_case(conn, case_id)
    person = repo.get_person(conn, case.person_id)
    interventions, actions = process.interventions_of(conn, case_id), process.actions_of(conn, case_id)
    weighings, holds = process.weighings_of(conn, case_id), repo.holds_of(conn, case_id)
    if partner is not None:
        interventions, actions = partner_share(interventions, actions, partner)
        weighings, holds = [], []
    open_interventions = [i for i in interventions if i.status not in CLOSED_INTERVENTION]
    open_actions = [a for a in actions if a.done_on is None]
    active_holds = [h for h in holds if h.lifted_on is None]
    municipality = register.get(conn, case.municipality_id) if case.municipality_id is not None else None
    dates = _next_dates(conn, case, open_interventions, open_actions, active_holds, session.today(), partner)
    concluded = [w for w in weighings if w.concluded]
    suspected = () if partner is not None else suspected_ideologies(repo.signals_of(conn, case_id))
    return Summary(case, person.name, municipality.name if municipality else "-",
                   concluded[-1] if concluded else None, open_interventions, open_actions, dates,
                   active_holds, partner, suspected)


def suspected_ideologies(signals: list[Signal]) -> tuple[Ideology, ...]:
    """Every ideology the case's signals name, once, in the catalogue's order."""
    named = {i for signal in signals for i in signal.ideologies}
    return tuple(i for i in Ideology if i in named)


def _next_dates(conn, case: Case, interventions, actions, holds, today: dt.date,
                partner: str | None) -> list[tuple[dt.date, DateKind]]:
    """The dates still to come (or overdue and open), soonest first."""
    dates = [(i.evaluate_on, DateKind.EVALUATION) for i in interventions]
    dates += [(a.due_on, DateKind.ACTION) for a in actions]
    dates += [(h.ends_on, DateKind.HOLD) for h in holds]
    if case.next_review_on:
        dates.append((case.next_review_on, DateKind.REVIEW))
    if case.follow_up_deadline and partner is None and case.phase is not Phase.AFGESLOTEN:
        dates.append((case.follow_up_deadline, DateKind.FOLLOW_UP))
    dates += [(held_on, DateKind.MEETING) for held_on in _meeting_dates(conn, case.id) if held_on >= today]
    return sorted(dates)


def _meeting_dates(conn, case_id: int) -> list[dt.date]:
    meetings = (process.get_meeting(conn, meeting_id) for meeting_id in process.meeting_ids_of_case(conn, case_id))
    return sorted(meeting.held_on for meeting in meetings if meeting is not None)


# --- since the last weighing / meeting -----------------------------------------------------------

def changes_since(session: Session, case_id: int, since: Since) -> Changes:
    """What happened in a case since its last weighing or last meeting, from the field history."""
    _authorize_read(session, case_id)
    with session.change("case.changes", f"case:{case_id}") as conn:
        case = records.existing_case(conn, case_id)
        since_on, moment = _since(conn, case_id, since, session.today())
        partner = _own_partner(session)
        interventions, actions = process.interventions_of(conn, case_id), process.actions_of(conn, case_id)
        if partner is not None:
            interventions, actions = partner_share(interventions, actions, partner)
        history = [h for h in _history(conn, case_id) if moment is None or h.at > moment] if partner is None else []
        touched = {(h.entity, h.entity_id, h.field) for h in history}
        day = _first_day_after(moment)  # for records that carry only a date
        new_signals = [] if partner is not None else [
            s for s in repo.signals_of(conn, case_id)
            if ("signal", s.id, "created") in touched or s.received_on >= day]
        done = [a for a in actions if a.done_on and (("action", a.id, "done_on") in touched or a.done_on >= day)]
        evaluated = [i for i in interventions if i.evaluated_on
                     and (("intervention", i.id, "evaluation") in touched or i.evaluated_on >= day)]
        counted = {("signal", "created"), ("action", "done_on"), ("intervention", "evaluation"),
                   ("intervention", "status")}
        return Changes(case, since, since_on, new_signals,
                       [h for h in history if (h.entity, h.field) not in counted], done, evaluated, partner)


def _since(conn, case_id: int, since: Since, today: dt.date) -> tuple[dt.date | None, dt.datetime | None]:
    """(the date of the weighing or meeting, the moment after which changes count): after the
    weighing's last confirmation (else from the day after it was held), or after the minutes of the
    last meeting were made final (else from the day after it); (None, None) when there was none."""
    if since is Since.WEIGHING:
        weighings = process.weighings_of(conn, case_id)
        concluded = [w for w in weighings if w.concluded] or weighings
        if not concluded:
            return None, None
        last = concluded[-1]
        if last.confirmations:
            return last.held_on, max(_aware(c.confirmed_at) for c in last.confirmations)
        return last.held_on, _day_after(last.held_on)
    held = _meetings_held(conn, case_id, today)
    if not held:
        return None, None
    day, meeting_id = held[-1]
    finalised = [h.at for h in _history(conn, case_id)
                 if (h.entity, h.entity_id, h.field, h.new) == ("minutes", meeting_id, "status", "definitief")]
    if finalised:  # what came after the minutes were made final
        return day, max(finalised)
    return day, _day_after(day) if day < today else dt.datetime.combine(day, dt.time(0), tzinfo=dt.UTC)


def _meetings_held(conn, case_id: int, today: dt.date) -> list[tuple[dt.date, int]]:
    """(date, id) of the meetings that discussed this case: held before today, or today with the
    case's minutes final already (a meeting still under way is not 'the last meeting' yet)."""
    held = []
    for meeting_id in process.meeting_ids_of_case(conn, case_id):
        meeting = process.get_meeting(conn, meeting_id)
        if meeting is None or meeting.held_on > today:
            continue
        minutes = process.get_minutes(conn, meeting_id, case_id)
        if meeting.held_on < today or (minutes is not None and minutes.is_final):
            held.append((meeting.held_on, meeting_id))
    return sorted(held)


def _aware(moment: dt.datetime) -> dt.datetime:
    """Moments are stored in UTC; an older row without its offset is read as UTC too."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def _first_day_after(moment: dt.datetime | None) -> dt.date:
    """The first whole day after `moment` (the day itself when it starts at midnight)."""
    if moment is None:
        return dt.date.min
    return (moment + dt.timedelta(days=1) - dt.timedelta(microseconds=1)).date()


def _day_after(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=dt.UTC)


def _history(conn, case_id: int) -> list[HistoryEntry]:
    return [HistoryEntry(**{**entry, "at": _aware(dt.datetime.fromisoformat(entry["at"]))})
            for entry in repo.history_entries(conn, case_id)]


# --- who sees what --------------------------------------------------------------------------------

def _authorize_read(session: Session, case_id: int) -> None:
    session.authorize(Permission.CASE_READ, object_id=f"case:{case_id}",
                      invited=records.invited_organisations(session, case_id))


def _own_partner(session: Session) -> str | None:
    """A partner user's organisation (its view is that organisation's share), else None."""
    return session.user.organisation if session.user.role is Role.PARTNER else None


def invited_partners(session: Session, case_id: int) -> list[tuple[int, str]]:
    """(id, name) of the organisations invited for this case: whom a per-partner export can be for."""
    session.authorize(Permission.MINUTES_EXPORT, object_id=f"case:{case_id}")
    with session.vault.transaction() as conn:
        found = (register.get(conn, i) for i in process.invited_organisations(conn, case_id))
        return sorted(((o.id, o.name) for o in found if o is not None), key=lambda pair: pair[1])


# --- the export -----------------------------------------------------------------------------------

def export_summary(session: Session, case_id: int, path: Path | str, *, organisation_id: int | None = None,
                   identifying: bool = False) -> Path:
    """Write the summary to `path` (.txt, .md or .pdf), audited as `case.summary_export`.

    `organisation_id`: the summary for that partner organisation (invited to the case), holding only
    what it may see; made by the municipality. A partner user always gets its own share.
    `identifying`: the full name instead of initials (needs the right to read identifying data)."""
    object_id = f"case:{case_id}" + (f"/organisation:{organisation_id}" if organisation_id else "")
    _authorize_read(session, case_id)
    if organisation_id is not None:
        session.authorize(Permission.MINUTES_EXPORT, object_id=f"case:{case_id}")
    if identifying:
        session.authorize(Permission.CASE_READ_IDENTIFYING, object_id=f"case:{case_id}")
    with session.vault.transaction() as conn:
        partner = _own_partner(session) or _invited_partner(conn, case_id, organisation_id)
        summary = _summary(session, conn, case_id, partner)
    return write_export(session, summary_document(summary, identifying=identifying, today=session.today()),
                        path, action="case.summary_export", object_id=object_id)


def _invited_partner(conn, case_id: int, organisation_id: int | None) -> str | None:
    if organisation_id is None:
        return None
    organisation = register.get(conn, organisation_id)
    if organisation is None or organisation_id not in process.invited_organisations(conn, case_id):
        raise DomainError("summary.not_invited")
    return organisation.name


def summary_document(summary: Summary, *, identifying: bool = False, today: dt.date | None = None) -> Document:
    """The summary as a Document (pure: no vault); dates dd-mm-jjjj, every code as its label."""
    case = summary.case
    audience = f"voor {summary.partner} (alleen wat met deze organisatie is gedeeld)" if summary.partner else "volledig"
    head = [f"Casusnummer: {case.number}",
            f"Persoon: {summary.name if identifying else initials(summary.name)}",
            f"Gemeente: {summary.municipality}",
            f"Casusregisseur: {case.director or '-'}",
            f"Fase: {case.phase.label_nl}",
            f"Samenvatting: {audience}" + (f", gemaakt op {_date(today)}" if today else "")]
    sections = [Section("Casus", head)]
    if summary.partner is None:
        sections.append(Section("Fenomeen", phenomenon_lines(summary.suspected, summary.last_weighing)))
        sections.append(Section("Laatste weging", _weighing_lines(summary.last_weighing)))
    sections.append(Section("Lopende interventies", [
        f"{i.kind.label_nl} — uitvoerder {i.owner_partner}, start {_date(i.starts_on)}, evaluatie "
        f"{_date(i.evaluate_on)} ({i.status.label_nl})" for i in summary.open_interventions] or ["Geen."]))
    sections.append(Section("Open actiepunten", [
        f"{a.description} — {a.owner} ({a.owner_organisation}), uiterlijk {_date(a.due_on)}"
        for a in summary.open_actions] or ["Geen."]))
    sections.append(Section("Komende data", [f"{_date(day)}: {DATE_LABELS_NL[kind]}"
                                             for day, kind in summary.next_dates] or ["Geen."]))
    if summary.partner is None:
        sections.append(Section("Vernietigingsstop", [
            f"{h.reason} — tot {_date(h.ends_on)} (verantwoordelijke {h.owner})" for h in summary.holds] or ["Geen."]))
    return Document(f"Samenvatting casus {case.number}", sections)


def phenomenon_lines(suspected, weighing: Weighing | None) -> list[str]:
    """The phenomenon as suspected at intake and as the room saw it at the last weighing (Dutch)."""
    room = ", ".join(i.label_nl for i in weighing.phenomenon) if weighing and weighing.phenomenon else "niet vastgelegd"
    return [f"Vermoed bij de signalen: {', '.join(i.label_nl for i in suspected) or '-'}",
            f"Volgens de weegploeg (laatste weging): {room}"]


def _weighing_lines(weighing: Weighing | None) -> list[str]:
    if weighing is None:
        return ["Nog geen afgeronde weging."]
    lines = [f"Datum: {_date(weighing.held_on)}",
             f"Conclusie: {weighing.outcome.label_nl if weighing.outcome else '-'}",
             f"Redenen: {weighing.reasons or '-'}"]
    if weighing.follow_up_deadline:
        lines.append(f"Termijn meer informatie: {_date(weighing.follow_up_deadline)}")
    return lines


_date = day  # dd-mm-jjjj, as every record
