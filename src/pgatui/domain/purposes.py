"""Why someone opened a person's file outside their own tasks (issue 15).

The audit event stores the code only; a free-text explanation of "anders" is never written to
the audit log (it could name people). The case director and the FG see the label.
"""

from __future__ import annotations

from enum import StrEnum


class AccessPurpose(StrEnum):
    MEETING = "overleg"          # preparing or holding a case meeting
    WEIGHING = "weging"          # taking part in the joint weighing
    NEW_SIGNAL = "signaal"       # a new signal about this person
    STAND_IN = "vervanging"      # standing in for the case director or a colleague
    OVERSIGHT = "toezicht"       # checking the process (quality, complaint)
    OTHER = "anders"


LABELS_NL: dict[AccessPurpose, str] = {
    AccessPurpose.MEETING: "Voorbereiden of houden van casusoverleg",
    AccessPurpose.WEIGHING: "Gezamenlijke weging",
    AccessPurpose.NEW_SIGNAL: "Nieuw signaal over deze persoon",
    AccessPurpose.STAND_IN: "Vervanging van de casusregisseur of een collega",
    AccessPurpose.OVERSIGHT: "Controle van het proces (kwaliteit, klacht)",
    AccessPurpose.OTHER: "Anders",
}
# Purposes the screens pass for a file opened within the user's own work (no question asked).
OWN_WORK = ("dossier bekijken", "monitoring")


def label(code: str | None) -> str:
    """The Dutch label of a stored purpose code; an older free-form value as it was stored."""
    if not code:
        return "-"
    try:
        return LABELS_NL[AccessPurpose(code)]
    except ValueError:
        return code


def needs_purpose(login: str, director: str | None, has_task: bool) -> bool:
    """A purpose is asked when the file is not the user's own: not its director, no task on it."""
    return not has_task and (director or "").lower() != login.lower()
