"""What every case service does the same way: find the case, learn who was invited to it, keep
the field history, change case fields with their history. One place, so every service does it alike."""

from __future__ import annotations

from pgatui.domain.models import Case, Phase
from pgatui.domain.roles import Role
from pgatui.errors import DomainError, NotFound
from pgatui.vault import cases as repo
from pgatui.vault import process

GONE = "case.gone"


def existing_case(conn, case_id: int) -> Case:
    """The case, or NotFound (also for a destroyed one)."""
    case = repo.get_case(conn, case_id)
    if case is None or case.phase is Phase.VERNIETIGD:
        raise NotFound(GONE)
    return case


def open_case(conn, case_id: int, closed: str = "case.closed") -> Case:
    """The case if it is still open, else DomainError with the `closed` code."""
    case = existing_case(conn, case_id)
    if not case.is_open:
        raise DomainError(closed)
    return case


def history(session, conn, case_id: int, entity: str, entity_id: int, field: str, old, new) -> None:
    """One field-level change by the acting user, now."""
    repo.add_history(conn, case_id, entity, entity_id, field, old, new, session.user.login, session.now())


def update_case(session, conn, case_id: int, **fields) -> None:
    """Set case fields and keep the history of those that changed."""
    old = repo.update_case(conn, case_id, **fields)
    for name, value in fields.items():
        if old[name] != repo.iso(value):
            history(session, conn, case_id, "case", case_id, name, old[name], value)


def invited_organisations(session, case_id: int) -> frozenset[str]:
    """Partner organisations invited to a meeting for this case (a partner sees only those cases),
    read before authorising (its own short transaction)."""
    with session.vault.transaction() as conn:
        return process.invited_organisations(conn, case_id)


def person_name(session, conn, case: Case) -> str:
    """The name of the case's person as this user may read it: a partner reads the copy re-sealed
    for its organisation when the case was shared with it (docs/COMPARTMENTS.md, partner
    compartments); everyone else the person's own row ("afgeschermd" without the key)."""
    if session.user.role is Role.PARTNER:
        return repo.shared_value(conn, case.id, session.user.organisation_id)
    return repo.get_person(conn, case.person_id).name
