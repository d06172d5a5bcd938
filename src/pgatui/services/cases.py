"""Services for cases: take in a signal, search, list, read a file, holds, close, destroy."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pgatui.domain.access import Permission
from pgatui.domain.models import Case, LegalHold, Person, PersonInput, Phase, Signal, SignalInput
from pgatui.domain.roles import Role
from pgatui.domain.retention import RetentionState
from pgatui.domain.workflow import Facts, check_transition
from pgatui.errors import DomainError, NotFound
from pgatui.services.session import Session
# Retention moved to pgatui.services.retention; these names stay importable from here.
from pgatui.services.retention import (  # noqa: F401
    URGENCY, RetentionRow, destroy_expired_case, lift_hold, place_hold, retention_overview)
from pgatui.vault import cases as repo


@dataclass(frozen=True)
class CaseFile:
    case: Case
    person: Person
    signals: list[Signal]
    holds: list[LegalHold]
    history: list[tuple]


def take_in_signal(session: Session, signal: SignalInput, *, person: PersonInput | None = None,
                   person_id: int | None = None) -> Case:
    """Record a signal for a new person or an existing one; opens a case unless one is open."""
    session.authorize(Permission.SIGNAL_CREATE)
    if (person is None) == (person_id is None):
        raise DomainError("Kies een bestaande persoon of vul een nieuwe persoon in.")
    with session.change("signal.create") as conn:
        if person is not None:
            person_id = repo.insert_person(conn, person)
        elif repo.get_person(conn, person_id) is None:
            raise NotFound("Deze persoon bestaat niet.")
        case_id = repo.open_case_of(conn, person_id) or repo.insert_case(conn, person_id, session.user.login, session.today())
        signal_id = repo.insert_signal(conn, case_id, signal, session.user.login)
        repo.add_history(conn, case_id, "signal", signal_id, "created", None, signal.received_on, session.user.login, session.now())
        repo.update_case(conn, case_id, last_substantive_on=max(signal.received_on, session.today()))
        repo.reindex_case(conn, case_id)
        session.vault.audit("case.signal_added", object_id=f"case:{case_id}")
        return repo.get_case(conn, case_id)


def possible_duplicates(session: Session, name: str, date_of_birth: dt.date) -> list[Person]:
    """Persons with the same name and date of birth: the duplicate hint of the intake form."""
    session.authorize(Permission.PERSON_SEARCH)
    with session.change("person.duplicate_check") as conn:
        return repo.persons_like(conn, name.strip(), date_of_birth)


def search_cases(session: Session, query: str, *, limit: int = 50) -> list[tuple[Case, str]]:
    """Full-text search over names and signal text, prefix matching; audited (never the query text)."""
    session.authorize(Permission.PERSON_SEARCH)
    with session.change("person.search") as conn:
        ids = repo.search(conn, query, limit)
        found = []
        for case_id in ids:
            case = repo.get_case(conn, case_id)
            found.append((case, repo.get_person(conn, case.person_id).name))
        return found


def invited_organisations(session: Session, case_id: int) -> frozenset[str]:
    """Partner organisations invited to a meeting about this case.

    Meetings and their invitations arrive with the case-meeting issue; until then no partner is
    invited to anything, so partners see no case at all (never more than they should).
    """
    return frozenset()


def list_cases(session: Session, *, phase: Phase | None = None, owner: str | None = None,
               after_id: int = 0, limit: int = 50) -> list[Case]:
    if session.user.role is Role.PARTNER:
        return []  # see invited_organisations
    session.authorize(Permission.CASE_READ, invited=frozenset())
    with session.change("case.list") as conn:
        return repo.page_cases(conn, phase=phase, owner=owner, after_id=after_id, limit=limit)


def read_case(session: Session, case_id: int, *, purpose: str | None = None) -> CaseFile:
    """Open a person's file: audited with its purpose."""
    session.authorize(Permission.CASE_READ, object_id=f"case:{case_id}",
                      invited=invited_organisations(session, case_id))
    with session.vault.transaction() as conn:
        case = repo.get_case(conn, case_id)
        if case is None or case.phase is Phase.VERNIETIGD:
            raise NotFound("Deze casus bestaat niet (meer).")
        session.vault.audit("case.read", object_id=f"case:{case_id}", purpose=purpose)
        return CaseFile(case, repo.get_person(conn, case.person_id), repo.signals_of(conn, case_id),
                        repo.holds_of(conn, case_id), repo.history_of(conn, case_id))


def _set_phase(session: Session, conn, case: Case, target: Phase, facts: Facts, **fields) -> None:
    check_transition(case.phase, target, facts)
    old = repo.update_case(conn, case.id, phase=target.value, **fields)
    for name, value in {"phase": target.value, **fields}.items():
        repo.add_history(conn, case.id, "case", case.id, name, old[name], value, session.user.login, session.now())


def close_case(session: Session, case_id: int, reason: str) -> Case:
    session.authorize(Permission.CASE_CLOSE, object_id=f"case:{case_id}")
    with session.change("case.close", f"case:{case_id}") as conn:
        case = _require(conn, case_id)
        today = session.today()
        _set_phase(session, conn, case, Phase.AFGESLOTEN, Facts(closure_reason=reason),
                   closed_on=today, closure_reason=reason.strip(), last_substantive_on=today)
        return repo.get_case(conn, case_id)


def _require(conn, case_id: int) -> Case:
    case = repo.get_case(conn, case_id)
    if case is None:
        raise NotFound("Deze casus bestaat niet (meer).")
    return case


@dataclass(frozen=True)
class Task:
    kind: str  # a catalogue key suffix: weighing_due, follow_up_due, retention_warning, retention_overdue
    case_id: int
    case: str
    due_on: dt.date | None


@dataclass(frozen=True)
class Dashboard:
    counts: dict[str, int]
    tasks: list[Task]


def dashboard(session: Session, *, limit: int = 20) -> Dashboard:
    """What needs doing: signals of mine waiting for a weighing, follow-up deadlines, retention."""
    role = session.user.role
    tasks: list[Task] = []
    if role in (Role.GEMEENTE, Role.POLITIE, Role.OM):
        with session.change("dashboard.read") as conn:
            counts = repo.phase_counts(conn)
            for case in repo.cases_in_phase_of(conn, Phase.SIGNAAL, session.user.login, limit):
                tasks.append(Task("weighing_due", case.id, case.number, case.opened_on))
            for case in repo.follow_ups_due(conn, session.today() + dt.timedelta(days=14), limit):
                tasks.append(Task("follow_up_due", case.id, case.number, case.follow_up_deadline))
    else:
        counts = {}
    if role in (Role.GEMEENTE, Role.TOEZICHT, Role.OM, Role.POLITIE):
        for row in retention_overview(session)[:limit]:
            if row.state in (RetentionState.OVERDUE, RetentionState.WARNING):
                tasks.append(Task(f"retention_{row.state.value}", row.case_id, row.case, row.deadline))
    return Dashboard(counts, tasks)
