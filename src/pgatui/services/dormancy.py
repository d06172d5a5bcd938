"""Dormant open files (issue 11, item 7): an open case without a substantive event for the term of
the policy's `open_dossier` rule shows to its case director and the FG, who close it with a
reason or record why it stays open (which restarts the clock).

Closing needs no weighing from `weging`, `casusoverleg` or `monitoring`, never from `signaal`:
a signal is closed only by a joint weighing (pgatui.domain.workflow). Lists keep to the user's
municipalities.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pgatui.domain.access import Permission
from pgatui.domain.models import Case, Phase
from pgatui.domain.retention import Dormancy, RetentionState, dormancy
from pgatui.domain.workflow import Facts, check_transition
from pgatui.errors import DomainError
from pgatui.services import records
from pgatui.services.retention import RetentionRow, dormant_rows, policy_of
from pgatui.services.session import Session
from pgatui.vault import accountable
from pgatui.vault import cases as repo


@dataclass(frozen=True)
class Justification:
    justified_on: dt.date
    reason: str
    recorded_by: str


def dormant_files(session: Session) -> list[RetentionRow]:
    """Dormant and justified open files, longest quiet first (core partners and the FG)."""
    session.authorize(Permission.RETENTION_READ, object_id="dormant")
    with session.change("dormancy.read", "dormant") as conn:
        return dormant_rows(conn, session.today(), scope=session.scope)


def _case_dormancy(session: Session, conn, case_id: int) -> tuple[Case, Dormancy]:
    case = records.open_case(conn, case_id)
    latest = accountable.justifications_of(conn, case_id)
    justified = dt.date.fromisoformat(latest[0][0]) if latest else None
    return case, dormancy(policy_of(conn), case.last_substantive_on, justified, session.today())


def close_dormant_case(session: Session, case_id: int, reason: str) -> Case:
    """Close a dormant file with a reason (not from `signaal`: that needs a weighing)."""
    session.authorize(Permission.CASE_CLOSE, object_id=f"case:{case_id}")
    with session.change("case.close_dormant", f"case:{case_id}") as conn:
        case, verdict = _case_dormancy(session, conn, case_id)
        check_transition(case.phase, Phase.AFGESLOTEN,
                         Facts(closure_reason=reason, dormant=verdict.state is RetentionState.DORMANT))
        today = session.today()
        records.update_case(session, conn, case_id, phase=Phase.AFGESLOTEN.value, closed_on=today,
                            closure_reason=reason.strip(), follow_up_deadline=None, last_substantive_on=today)
        return repo.get_case(conn, case_id)


def justify_open_case(session: Session, case_id: int, reason: str, *, on: dt.date | None = None) -> Justification:
    """Record why a dormant file stays open; its date restarts the dormancy clock."""
    session.authorize(Permission.CASE_CLOSE, object_id=f"case:{case_id}")
    on = on or session.today()
    if not reason.strip():
        raise DomainError("dormancy.reason_needed")
    if on > session.today():
        raise DomainError("dormancy.date_in_future")
    with session.change("case.justify_open", f"case:{case_id}") as conn:
        case, verdict = _case_dormancy(session, conn, case_id)
        if verdict.state is not RetentionState.DORMANT:
            raise DomainError("dormancy.not_dormant", number=case.number)
        if on < verdict.quiet_since:
            raise DomainError("dormancy.before_last_event")
        justification_id = accountable.insert_justification(conn, case_id, on, reason.strip(), session.user.login)
        records.history(session, conn, case_id, "dormancy", justification_id, "justified_on", None, on)
        return Justification(on, reason.strip(), session.user.login)


def justifications(session: Session, case_id: int) -> list[Justification]:
    """Why a file was kept open, newest first (core partners: the reasons are case content)."""
    session.authorize(Permission.CASE_READ, object_id=f"case:{case_id}", invited=frozenset())
    with session.change("dormancy.justifications_read", f"case:{case_id}") as conn:
        records.existing_case(conn, case_id)
        return [Justification(dt.date.fromisoformat(on), reason, by)
                for on, reason, by in accountable.justifications_of(conn, case_id)]
