"""Export of a case meeting's final minutes: the whole meeting, or per partner organisation.

A partner organisation's export holds only the cases it was invited to (DOMAIN.md: a partner is
invited per case and only then sees that case). Only final minutes leave the vault: a draft may
still change. The export goes through `exporting.write_export` (confidentiality line, chosen file,
never overwritten, owner-only) and is audited with the meeting id and the organisation, never
with content.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pgatui.domain.access import Permission
from pgatui.domain.models import CaseMinutes, Meeting
from pgatui.errors import DomainError
from pgatui.services.exporting import Document, Section, write_export
from pgatui.services.meetings import AgendaLine, read_meeting
from pgatui.services.session import Session


def export_minutes(session: Session, meeting_id: int, path: Path | str, *, organisation: str | None) -> Path:
    """Write the final minutes of meeting `meeting_id` to `path` (.txt, .md or .pdf).

    `organisation=None`: every case on the agenda; otherwise only the cases that organisation was
    invited to. Refused while any of those cases has no final minutes.
    """
    object_id = f"meeting:{meeting_id}" + (f"/organisation:{organisation}" if organisation else "")
    session.authorize(Permission.MINUTES_EXPORT, object_id=object_id)
    view = read_meeting(session, meeting_id)
    lines = [line for line in view.lines if organisation is None or organisation in line.invited]
    if not lines:
        raise DomainError("minutes.organisation_not_invited")
    drafts = [line.case for line in lines if line.minutes is None or not line.minutes.is_final]
    if drafts:
        raise DomainError("minutes.export_drafts", cases=drafts)
    document = minutes_document(view.meeting, lines, organisation)
    return write_export(session, document, path, action="minutes.export", object_id=object_id)


def minutes_document(meeting: Meeting, lines: list[AgendaLine], organisation: str | None) -> Document:
    """The export of `lines` of `meeting` as a Document (no I/O)."""
    audience = f"voor {organisation} (alleen de casussen waarvoor deze organisatie is uitgenodigd)" \
        if organisation else "volledig (alle casussen)"
    sections = [Section("Overleg", [
        f"Datum: {_date(meeting.held_on)}",
        f"Voorzitter: {meeting.chair}",
        f"Export: {audience}",
        f"Casussen: {', '.join(line.case for line in lines)}",
    ])]
    present = [a for a in meeting.attendance if a.present]
    absent = [a for a in meeting.attendance if not a.present]
    attendance = [f"{a.name} — {a.organisation}" + (f" — {a.role}" if a.role else "") for a in present]
    if absent:
        attendance += ["Afwezig:"] + [f"{a.name} — {a.organisation}" for a in absent]
    sections.append(Section("Aanwezig", attendance or ["(niet vastgelegd)"]))
    for line in lines:
        sections.append(Section(f"Casus {line.case} — {line.name}", _case_lines(line, line.minutes)))
    return Document(f"Notulen casusoverleg {_date(meeting.held_on)}", sections)


def _case_lines(line: AgendaLine, minutes: CaseMinutes) -> list[str]:
    out = [f"Reden op de agenda: {line.reason}",
           f"Status: definitief op {_date(minutes.finalised_on)} door {minutes.finalised_by}", ""]
    out.append("Gedeelde informatie:")
    out += [f"- {s.supplied_by} (grondslag: {s.legal_basis}): {s.text}" for s in minutes.shared] or ["- geen"]
    out.append("Risicobeeld:")
    out += [f"- {r.instrument}, {_date(r.assessed_on)}: {r.outcome}" for r in minutes.risk] or ["- geen"]
    out += ["Besluiten:", minutes.decisions or "- geen"]
    out.append("Plan van aanpak, doelen:")
    out += [f"- {goal}" for goal in minutes.goals] or ["- geen"]
    out.append("Interventies:")
    out += [f"- {i.kind.label_nl}, uitvoerder {i.owner_partner}, start {_date(i.starts_on)}, evaluatie "
            f"{_date(i.evaluate_on)}" + (f": {i.description}" if i.description else "")
            for i in minutes.interventions] or ["- geen"]
    out.append("Actiepunten:")
    out += [f"- {a.description} — {a.owner} ({a.owner_organisation}), uiterlijk {_date(a.due_on)}"
            for a in minutes.actions] or ["- geen"]
    informing = minutes.informing
    if informing is None:
        out.append("Informeren van de persoon: niet besproken")
    elif informing.informed:
        out.append(f"Informeren van de persoon: geïnformeerd op {_date(informing.informed_on)} door "
                   f"{informing.informed_by}")
    else:
        out.append(f"Informeren van de persoon: (nog) niet, omdat {informing.reason_not_to}; heroverwegen op "
                   f"{_date(informing.reconsider_on)}")
    out.append(f"Volgende bespreking: {_date(minutes.next_review_on) if minutes.next_review_on else 'niet vastgelegd'}")
    for addendum in minutes.addenda:
        out.append(f"Addendum {_date(addendum.written_on)} ({addendum.author}): {addendum.text}")
    return out


def _date(day: dt.date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else "-"
