"""Data-subject requests (AVG article 15; issue 15): everything the vault holds about one person.

The FG (toezicht) or the case director of the person's case asks for the parts (person, signals,
weighings, the minutes of their case items, interventions, informing decisions, and the access
log entries about their cases), marks the parts that must be withheld (third parties, police
information) and exports the rest as one file through `services.exporting` (confidentiality
line, a new file the user named, owner-only). Withheld parts appear as a line saying so and why,
never their content. The request and the export are audited with the person's id only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel

from pgatui.domain.access import Permission
from pgatui.domain.roles import Role
from pgatui.errors import AccessDenied, NotFound
from pgatui.services.exporting import Document, Section, write_export
from pgatui.services.session import DENIED, Session
from pgatui.vault import cases as repo
from pgatui.vault import oversight, process


class WithholdReason(StrEnum):
    THIRD_PARTY = "derden"      # it is about someone else too
    POLICE = "politie"          # police information (Wpg) not to be provided
    OTHER = "anders"


# The FG holds no compartment key (docs/COMPARTMENTS.md): the content of the file is sealed for it.
SEALED_PART = ("De inhoud van dit dossier (signalen, wegingen, verslagen) is verzegeld voor dit account; "
               "de casusregisseur stelt het volledige overzicht op.")
WITHHOLD_LABELS = {WithholdReason.THIRD_PARTY: "gegevens van derden", WithholdReason.POLICE: "politie-informatie",
                   WithholdReason.OTHER: "andere wettelijke grond"}


@dataclass(frozen=True)
class SubjectPart:
    key: str       # "person", "signal:12", "weighing:3", "minutes:4:17", "intervention:5", "informing:2:17", "log:17"
    heading: str   # Dutch heading shown in the list and the export
    lines: tuple[str, ...]


def _authorize(session: Session, person_id: int) -> list[int]:
    """The person's cases; refused unless the FG, or the director of one of those cases."""
    object_id = f"person:{person_id}"
    session.authorize(Permission.SUBJECT_REQUEST, object_id=object_id)
    with session.vault.transaction() as conn:
        if repo.get_person(conn, person_id) is None:
            raise NotFound("person.unknown")
        case_ids = process.case_ids_of_person(conn, person_id)
        directors = {(repo.get_case(conn, c).director or "").lower() for c in case_ids}
    if session.user.role is not Role.TOEZICHT and session.user.login not in directors:
        session.vault.audit_refusal(Permission.SUBJECT_REQUEST.value, object_id=object_id)
        raise AccessDenied(DENIED)
    return case_ids


def _lines(model: BaseModel) -> tuple[str, ...]:
    values = model.model_dump(mode="json")
    return tuple(f"{name}: {value if isinstance(value, str | int | float | None) else json.dumps(value, ensure_ascii=False)}"
                 for name, value in values.items())


def subject_parts(session: Session, person_id: int) -> list[SubjectPart]:
    """Every part the vault holds about the person, for the screen that marks what is withheld."""
    case_ids = _authorize(session, person_id)
    with session.vault.transaction() as conn:
        parts = [SubjectPart("person", "Persoon", _lines(repo.get_person(conn, person_id)))]
        for case_id in case_ids:
            case = repo.get_case(conn, case_id)
            parts.append(SubjectPart(f"case:{case_id}", f"Casus {case.number}", _lines(case)))
            if not repo.can_read(conn, case_id):  # no key of its compartment: say so, never leave it out silently
                parts.append(SubjectPart(f"sealed:{case_id}", f"Verzegelde inhoud ({case.number})", (SEALED_PART,)))
            parts += [SubjectPart(f"signal:{s.id}", f"Signaal {s.id} ({case.number})", _lines(s))
                      for s in repo.signals_of(conn, case_id)]
            parts += [SubjectPart(f"weighing:{w.id}", f"Weging {w.id} ({case.number})", _lines(w))
                      for w in process.weighings_of(conn, case_id)]
            parts += [SubjectPart(f"minutes:{m.meeting_id}:{case_id}", f"Verslag overleg {m.meeting_id} ({case.number})",
                                  _lines(m)) for m in process.minutes_of_case(conn, case_id)]
            parts += [SubjectPart(f"intervention:{i.id}", f"Interventie {i.id} ({case.number})", _lines(i))
                      for i in process.interventions_of(conn, case_id)]
            parts += [SubjectPart(f"informing:{n}:{case_id}", f"Informeren {n} ({case.number})", _lines(d))
                      for n, d in enumerate(process.informing_of(conn, case_id), start=1)]
            parts.append(SubjectPart(f"log:{case_id}", f"Inzage en handelingen ({case.number})",
                                     _log_lines(conn, case_id)))
        session.vault.audit("subject.request", object_id=f"person:{person_id}")
    return parts


def _log_lines(conn, case_id: int) -> tuple[str, ...]:
    return tuple(" ".join(str(v) for v in row) for row in oversight.events_about(conn, f"case:{case_id}"))


def export_subject_request(session: Session, person_id: int, path: str | Path,
                           withheld: dict[str, WithholdReason] | None = None) -> Path:
    """One file with every part, the withheld ones replaced by a line naming the reason."""
    withheld = withheld or {}
    parts = subject_parts(session, person_id)
    sections = [Section(part.heading, [f"[ingehouden: {WITHHOLD_LABELS[WithholdReason(withheld[part.key])]}]"]
                        if part.key in withheld else list(part.lines)) for part in parts]
    document = Document("Inzageverzoek (AVG art. 15)", sections)
    return write_export(session, document, path, action="subject.export", object_id=f"person:{person_id}")


def person_of_case(session: Session, text: str) -> int:
    """The person of the case the user typed (PGA-2026-00017 or 17); the request then names them by id."""
    from pgatui.services.access_log import normalise_object

    session.authorize(Permission.SUBJECT_REQUEST)
    object_id = normalise_object(text) or ""
    kind, _, number = object_id.partition(":")
    with session.vault.transaction() as conn:
        case = repo.get_case(conn, int(number)) if kind == "case" and number.isdigit() else None
    if case is None:
        raise NotFound("case.number_missing")
    return case.person_id
