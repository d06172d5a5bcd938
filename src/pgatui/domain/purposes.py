"""Why someone opened a person's file outside their own tasks (issue 15).

The audit event stores the code only; a free-text explanation of "anders" is never written to
the audit log (it could name people): it is kept in the vault beside the event's sequence number,
and deleted with the case. The case director and the FG see the label (and that text).
"""

from __future__ import annotations

from dataclasses import astuple, dataclass
from enum import StrEnum

from pgatui.errors import InvalidValue


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
OWN_WORK_LABEL = "Eigen werk (niet gevraagd)"
OTHER_TEXT_LIMIT = 300
# A meeting this many days past still makes its agenda the attendees' own work (minutes, actions).
AGENDA_AFTERMATH_DAYS = 28


def label(code: str | None) -> str:
    """The Dutch label of a stored purpose code; an older free-form value as it was stored."""
    if not code:
        return "-"
    if code in OWN_WORK:
        return OWN_WORK_LABEL
    try:
        return LABELS_NL[AccessPurpose(code)]
    except ValueError:
        return code


@dataclass(frozen=True)
class FileTies:
    """What makes a file part of the user's own work (the task model of the dashboard):

    director: the user directs the case (casusregisseur);
    took_in:  the user took in its signal (the case's owner);
    weighing: the case waits for its joint weighing and the user is a core partner (the weighing
              is a task of every core partner of the case's municipality);
    agenda:   the case is on the agenda of a meeting to come or held less than
              AGENDA_AFTERMATH_DAYS ago, and the user is a core partner;
    action:   an open action item on the case belongs to the user or the user's organisation;
    invited:  the user's organisation was invited to discuss the case (partners).
    """

    director: bool = False
    took_in: bool = False
    weighing: bool = False
    agenda: bool = False
    action: bool = False
    invited: bool = False


def needs_purpose(ties: FileTies) -> bool:
    """A purpose is asked when the file is not the user's own: no tie at all to it."""
    return not any(astuple(ties))


def purpose_problem(code: str, text: str | None) -> InvalidValue | None:
    """Why (code, text) is not a purpose one can record, or None: a known code; "anders" with an
    explanation of at most OTHER_TEXT_LIMIT characters; a text only with "anders"."""
    try:
        purpose = AccessPurpose(code)
    except ValueError:
        return InvalidValue("purpose.unknown")
    explained = (text or "").strip()
    if purpose is AccessPurpose.OTHER and not explained:
        return InvalidValue("purpose.other_needs_text")
    if purpose is not AccessPurpose.OTHER and explained:
        return InvalidValue("purpose.text_only_other")
    if len(explained) > OTHER_TEXT_LIMIT:
        return InvalidValue("purpose.text_too_long", limit=OTHER_TEXT_LIMIT)
    return None
