"""Disposing of a signal without a weighing: as a duplicate of another case, or as entered in
error (issue 11, item 1; the rules are in pgatui.domain.disposal).

Two steps, like the second confirmation of a destruction: `confirm_disposal` checks the second
core partner's own password and role (audited either way, never the password), then
`dispose_duplicate` or `dispose_error` does it in one transaction, writes the disposal record
(no personal data) and the field history on both cases. The FG reads the records through
`disposal_records`.
"""

from __future__ import annotations

from dataclasses import dataclass

from pgatui.domain import disposal
from pgatui.domain.access import Permission
from pgatui.domain.enums import DisposalKind, Phase
from pgatui.errors import AccessDenied, NotFound, PgaError
from pgatui.services import records
from pgatui.services.session import Session
from pgatui.vault import accountable
from pgatui.vault import cases as repo


@dataclass(frozen=True)
class DisposalConfirmation:
    """A second core partner confirmed with their password (returned by confirm_disposal only)."""

    login: str
    case_id: int  # what was confirmed: it counts for this case only


@dataclass(frozen=True)
class DisposalRecord:
    case_number: str
    kind: DisposalKind
    other_number: str | None  # the case a duplicate's signals went to
    actor: str
    confirmed_by: str
    at: str


def confirm_disposal(session: Session, case_id: int, login: str, password: str) -> DisposalConfirmation:
    """Check the second core partner for disposing of `case_id`; audited whether or not it succeeds."""
    session.authorize(Permission.CASE_DISPOSE, object_id=f"case:{case_id}")
    try:
        colleague = session.vault.confirm_colleague(login, password)
    except PgaError:  # a wrong password or a throttle: the typed login may be a mistyped secret, so no id
        session.vault.audit_refusal("disposal.confirm", object_id=f"case:{case_id}")
        raise
    try:
        disposal.check_disposal_confirmer(session.user.login, colleague.login, colleague.role)
    except AccessDenied:
        session.vault.audit_refusal("disposal.confirm", object_id=f"case:{case_id}")
        raise
    with session.change("disposal.confirm", f"case:{case_id}"):
        return DisposalConfirmation(colleague.login, case_id)


def dispose_duplicate(session: Session, case_id: int, original_number: str,
                      confirmation: DisposalConfirmation | None) -> DisposalRecord:
    """Close `case_id` as a duplicate of the open case `original_number`: its signals move there."""
    return _dispose(session, case_id, DisposalKind.DUPLICAAT, original_number, confirmation)


def dispose_error(session: Session, case_id: int, confirmation: DisposalConfirmation | None) -> DisposalRecord:
    """Close `case_id` as entered in error (its signals stay with it, under the signal retention rule)."""
    return _dispose(session, case_id, DisposalKind.VERGISSING, None, confirmation)


def _dispose(session: Session, case_id: int, kind: DisposalKind, original_number: str | None,
             confirmation: DisposalConfirmation | None) -> DisposalRecord:
    session.authorize(Permission.CASE_DISPOSE, object_id=f"case:{case_id}")
    if confirmation is None or confirmation.case_id != case_id:
        session.vault.audit_refusal(f"case.dispose.{kind.value}", object_id=f"case:{case_id}")
        raise AccessDenied("disposal.second_partner_needed")
    with session.change(f"case.dispose.{kind.value}", f"case:{case_id}") as conn:
        case = records.existing_case(conn, case_id)
        original = _case_numbered(conn, original_number) if original_number is not None else None
        disposal.check_disposal(kind, case, original)
        today, now = session.today(), session.now()
        if original is not None:
            _move_signals(session, conn, case.id, original.id)
        records.update_case(session, conn, case.id, phase=Phase.AFGESLOTEN.value, closed_on=today,
                            closure_reason=disposal.closure_reason(kind, original), follow_up_deadline=None,
                            last_substantive_on=today)
        record = DisposalRecord(case.number, kind, original.number if original else None, session.user.login,
                                confirmation.login, now.isoformat())
        accountable.insert_disposal(conn, case_number=record.case_number, kind=kind.value,
                                    other_number=record.other_number, actor=record.actor,
                                    confirmed_by=record.confirmed_by, at=now)
        records.history(session, conn, case.id, "case", case.id, "disposal", None, kind.value)
        return record


def _case_numbered(conn, number: str):
    case_id = accountable.case_id_of_number(conn, number.strip().upper())
    if case_id is None:
        raise NotFound("case.number_unknown", number=number.strip())
    return records.existing_case(conn, case_id)


def _move_signals(session: Session, conn, from_id: int, to_id: int) -> None:
    """Move the signals with their history on both files, and index both again."""
    for signal_id in accountable.move_signals(conn, from_id, to_id):
        for case_id in (from_id, to_id):
            records.history(session, conn, case_id, "signal", signal_id, "case_id", from_id, to_id)
    original = repo.get_case(conn, to_id)
    repo.update_case(conn, to_id, last_substantive_on=max(original.last_substantive_on, session.today()))
    repo.reindex_case(conn, from_id)
    repo.reindex_case(conn, to_id)


def disposal_records(session: Session) -> list[DisposalRecord]:
    """Every disposal as a duplicate or an error, newest first: for the FG and the core partners."""
    session.authorize(Permission.DISPOSAL_READ, object_id="disposals")
    with session.change("disposal.records_read", "disposals") as conn:
        return [DisposalRecord(**{**row, "kind": DisposalKind(row["kind"])}) for row in accountable.disposals(conn)]
