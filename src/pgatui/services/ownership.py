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
from pgatui.vault import organisations as register
from pgatui.vault import cases as repo
from pgatui.vault import process
from pgatui.vault.sealer import municipality_compartment

NO_DIRECTOR = "Kies als casusregisseur een gemeentemedewerker van de gemeente van de casus."


@dataclass(frozen=True)
class Notice:
    id: int
    kind: str  # catalogue key suffix (notice.KIND): handover_in, handover_out, new_signal
    case_id: int
    case: str
    created_on: dt.date


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
        raise DomainError("Kies een gemeente uit het register van de kluis.")
    if session.scope is not None and municipality_id not in session.scope:
        raise DomainError("U kunt alleen een casus openen in een gemeente waarvoor u werkt.")


def hand_over(session: Session, case_id: int, new_director: str) -> None:
    """Give the case a new director (a gemeente user of its municipality); both are told on their
    dashboards. By a gemeente user of that municipality or the beheerder."""
    session.authorize(Permission.CASE_HANDOVER, object_id=f"case:{case_id}")
    with session.change("case.handover", f"case:{case_id}") as conn:
        case = records.open_case(conn, case_id, closed="Een afgesloten casus wordt niet meer overgedragen.")
        if new_director not in directors_for(session, case.municipality_id):
            raise DomainError(NO_DIRECTOR)
        if new_director == case.director:
            raise DomainError("Deze medewerker is al de casusregisseur.")
        records.update_case(session, conn, case_id, director=new_director)
        _tell(session, conn, case_id, case.director, "handover_out")
        _tell(session, conn, case_id, new_director, "handover_in")


def move_to_municipality(session: Session, case_id: int, municipality_id: int, director: str | None = None) -> None:
    """The case belongs to another municipality (a wrong proposal at intake, a person who moved).
    The director must be of the new one (default: its first gemeente user); history kept."""
    session.authorize(Permission.CASE_HANDOVER, object_id=f"case:{case_id}")
    with session.change("case.municipality", f"case:{case_id}") as conn:
        case = records.open_case(conn, case_id, closed="Een afgesloten casus verhuist niet meer.")
        found = register.get(conn, municipality_id)
        if found is None or not found.is_municipality:
            raise DomainError("Kies een gemeente uit het register van de kluis.")
        if municipality_id == case.municipality_id:
            raise DomainError("De casus hoort al bij deze gemeente.")
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
            raise NotFound("Deze melding bestaat niet (meer).")


def tell_director(session: Session, conn, case_id: int, kind: str) -> None:
    """A notice for the case's director (a new signal on its case)."""
    director = conn.execute("SELECT director FROM cases WHERE id = ?", (case_id,)).fetchone()[0]
    _tell(session, conn, case_id, director, kind)


def _tell(session: Session, conn, case_id: int, login: str | None, kind: str) -> None:
    if login:
        process.insert_notice(conn, login, case_id, kind, session.today())
