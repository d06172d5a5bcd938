"""Who runs a case and where it belongs (issue 11): the vault's municipalities, the case director
(procesregisseur) set at intake and handed over, a case moved to another municipality, and the
notices that tell the old and new director."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pgatui.domain.access import Permission
from pgatui.domain.organisations import Organisation, proposed_municipality
from pgatui.domain.roles import Role
from pgatui.errors import DomainError, NotFound
from pgatui.services import records
from pgatui.services.session import Session
from pgatui.vault import accountable
from pgatui.vault import organisations as register
from pgatui.vault import cases as repo
from pgatui.vault import process
from pgatui.vault.sealer import municipality_compartment

NO_DIRECTOR = "ownership.director_of_municipality"


@dataclass(frozen=True)
class Notice:
    id: int
    kind: str  # catalogue key suffix (notice.KIND): handover_in, handover_out, new_signal
    case_id: int
    case: str
    created_on: dt.date


@dataclass(frozen=True)
class DirectedCase:
    """An open case as a handover needs it: number, municipality and director, no content (the
    beheerder hands over without seeing a file)."""
    id: int
    number: str
    municipality_id: int | None
    municipality: str | None
    director: str | None
    director_active: bool  # False when the director's account is disabled (or gone): hand it over


def municipalities(session: Session) -> list[Organisation]:
    """The vault's municipalities (its register's organisations of kind gemeente)."""
    with session.change("organisation.municipalities") as conn:
        return register.municipalities(conn)


def intake_municipalities(session: Session, conn=None) -> list[Organisation]:
    """The municipalities this user may open a case in: those it sees."""
    scope = session.scope
    found = register.municipalities(conn) if conn is not None else municipalities(session)
    return [m for m in found if scope is None or m.id in scope]


def propose_municipality(session: Session, address: str, conn=None) -> int | None:
    """The municipality an intake proposes for a person at `address` (see domain.organisations)."""
    choices = intake_municipalities(session, conn)
    own = [m for m in (session.user.municipalities or ()) if any(c.id == m for c in choices)]
    return proposed_municipality(address, choices, own or [c.id for c in choices[:1]])


def invitable_organisations(session: Session) -> list[Organisation]:
    """The register's organisations a meeting may invite for a case (everyone but the municipalities)."""
    with session.change("organisation.list") as conn:
        return [o for o in register.all_organisations(conn) if not o.is_municipality]


def directors_for(session: Session, municipality_id: int) -> list[str]:
    """Logins of the active gemeente users of that municipality: who may direct its cases."""
    return sorted(u.login for u in session.vault.list_users()
                  if u.role is Role.GEMEENTE and not u.disabled and municipality_id in (u.municipalities or ()))


def default_director(session: Session, municipality_id: int) -> str | None:
    """The intake's gemeente user when it belongs to that municipality, else its first gemeente user."""
    candidates = directors_for(session, municipality_id)
    if session.user.login in candidates:
        return session.user.login
    return candidates[0] if candidates else None


def check_director(session: Session, municipality_id: int, director: str | None) -> str | None:
    """`director` if it may direct cases of the municipality (or the default when None)."""
    if director is None:
        return default_director(session, municipality_id)
    if director not in directors_for(session, municipality_id):
        raise DomainError(NO_DIRECTOR)
    return director


def check_intake_municipality(session: Session, conn, municipality_id: int) -> None:
    found = register.get(conn, municipality_id)
    if found is None or not found.is_municipality:
        raise DomainError("ownership.choose_municipality")
    if session.scope is not None and municipality_id not in session.scope:
        raise DomainError("ownership.own_municipality_only")


def hand_over(session: Session, case_id: int, new_director: str) -> None:
    """Give the case a new director (a gemeente user of its municipality); both are told on their
    dashboards. By a gemeente user of that municipality or the beheerder."""
    session.authorize(Permission.CASE_HANDOVER, object_id=f"case:{case_id}")
    with session.change("case.handover", f"case:{case_id}") as conn:
        case = records.open_case(conn, case_id, closed="ownership.closed_no_handover")
        if new_director not in directors_for(session, case.municipality_id):
            raise DomainError(NO_DIRECTOR)
        if new_director == case.director:
            raise DomainError("ownership.already_director")
        records.update_case(session, conn, case_id, director=new_director)
        _tell(session, conn, case_id, case.director, "handover_out")
        _tell(session, conn, case_id, new_director, "handover_in")


def directed_cases(session: Session, query: str = "", *, limit: int = 200) -> list[DirectedCase]:
    """Open cases with their municipality and director, by number; `query` narrows to a case
    number (or its last digits), a director's login or a municipality. For whoever may hand over."""
    session.authorize(Permission.CASE_HANDOVER)
    active = {u.login for u in session.vault.list_users() if not u.disabled}
    with session.change("case.directors") as conn:
        rows = accountable.directed_cases(conn, query.strip(), limit, session.scope)
    return [DirectedCase(*row, director_active=row[4] in active) for row in rows]


def hand_over_number(session: Session, number: str, new_director: str) -> DirectedCase:
    """`hand_over` for a case named by its number (the CLI); the case as it was before."""
    digits = number.strip().rsplit("-", 1)[-1]  # PGA-<year>-<id>: the digits after the year are the id
    found = [c for c in directed_cases(session, number) if digits.isdigit() and c.id == int(digits)]
    if not found:
        raise NotFound("case.no_open_number", number=number.strip())
    hand_over(session, found[0].id, new_director)
    return found[0]


def move_to_municipality(session: Session, case_id: int, municipality_id: int, director: str | None = None) -> None:
    """The case belongs to another municipality (a wrong proposal at intake, a person who moved).
    The director must be of the new one (default: its first gemeente user); history kept."""
    session.authorize(Permission.CASE_HANDOVER, object_id=f"case:{case_id}")
    with session.change("case.municipality", f"case:{case_id}") as conn:
        case = records.open_case(conn, case_id, closed="ownership.closed_no_move")
        found = register.get(conn, municipality_id)
        if found is None or not found.is_municipality:
            raise DomainError("ownership.choose_municipality")
        if municipality_id == case.municipality_id:
            raise DomainError("ownership.already_municipality")
        candidates = directors_for(session, municipality_id)
        new_director = director or (case.director if case.director in candidates else (candidates or [None])[0])
        if new_director not in candidates:
            raise DomainError(NO_DIRECTOR)
        records.update_case(session, conn, case_id, municipality_id=municipality_id, director=new_director)
        repo.move_case(conn, case_id, municipality_compartment(case.municipality_id),
                       municipality_compartment(municipality_id))  # re-sealed in the same transaction
        if new_director != case.director:
            _tell(session, conn, case_id, case.director, "handover_out")
            _tell(session, conn, case_id, new_director, "handover_in")


def notices(session: Session, *, limit: int = 20) -> list[Notice]:
    """What the user was told and has not dismissed yet (handovers, new signals), newest first."""
    with session.change("notice.list") as conn:
        rows = process.notices_of(conn, session.user.login, session.scope, limit)
    return [Notice(i, kind, case_id, number, dt.date.fromisoformat(on)) for i, kind, case_id, number, on in rows]


def dismiss_notice(session: Session, notice_id: int) -> None:
    with session.change("notice.dismiss", f"notice:{notice_id}") as conn:
        if not process.dismiss_notice(conn, notice_id, session.user.login, session.today()):
            raise NotFound("notice.unknown")


def tell_director(session: Session, conn, case_id: int, kind: str) -> None:
    """A notice for the case's director (a new signal on its case)."""
    _tell(session, conn, case_id, repo.director_of(conn, case_id), kind)


def _tell(session: Session, conn, case_id: int, login: str | None, kind: str) -> None:
    if login:
        process.insert_notice(conn, login, case_id, kind, session.today())
