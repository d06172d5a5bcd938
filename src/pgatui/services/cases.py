"""Services for cases: take in a signal, search, list, read a file, holds, close, destroy."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pgatui.domain.access import Permission, sees_file_opens
from pgatui.domain.disposal import DISPOSABLE_PHASES
from pgatui.domain.models import SEALED, Case, LegalHold, Person, PersonInput, Phase, Signal, SignalInput
from pgatui.domain.purposes import AGENDA_AFTERMATH_DAYS, AccessPurpose, FileTies, needs_purpose, purpose_problem
from pgatui.domain.roles import CORE_PARTNERS, Role
from pgatui.domain.retention import RetentionState
from pgatui.domain.workflow import CLOSABLE_WITH_REASON, Facts, check_transition
from pgatui.errors import AccessDenied, DomainError, NotFound
from pgatui.services import ownership, records
from pgatui.services.session import Session
from pgatui.services.settings import settings_of
# Retention moved to pgatui.services.retention; these names stay importable from here.
from pgatui.services.retention import (  # noqa: F401
    URGENCY, RetentionRow, destroy_expired_case, dormant_rows, lift_hold, place_hold, retention_alerts,
    retention_overview)
from pgatui.vault import accountable
from pgatui.vault import cases as repo
from pgatui.vault import oversight, process
from pgatui.vault.sealer import municipality_compartment


@dataclass(frozen=True)
class CaseFile:
    case: Case
    person: Person
    signals: list[Signal]
    holds: list[LegalHold]
    history: list[tuple]
    restricted: bool = False  # a partner's view: name only, no intake data
    allowed: frozenset[Permission] = frozenset()  # what this user may do on this case now: the screen offers these
    sealed: bool = False  # the user holds no key of the case's compartment: plain columns only
    sees_opens: bool = False  # the reader may see who opened this file (access_log.who_opened)


# A partner never sees intake data. (The date of birth stays in the model; screens show it only
# to roles with access.sees_identifying.)
PARTNER_HIDDEN = {"address": "", "phone": "", "bsn": None}


def take_in_signal(session: Session, signal: SignalInput, *, person: PersonInput | None = None,
                   person_id: int | None = None, municipality_id: int | None = None,
                   director: str | None = None) -> Case:
    """Record a signal for a new person or an existing one.

    A person with an open case: the signal joins that case, its director is told and, past
    intake, the case becomes an agenda candidate of the next meeting. Otherwise a new case in
    `municipality_id` (default: proposed from the person's address) with `director` (default:
    this user when it is a gemeente user of that municipality, else its first gemeente user).
    """
    session.authorize(Permission.SIGNAL_CREATE)
    if (person is None) == (person_id is None):
        raise DomainError("intake.choose_person")
    if person_id is not None:
        _authorize_person(session, person_id)
    with session.change("signal.create") as conn:
        if person is not None:  # the case's municipality first: the person is sealed under its key
            municipality_id, director = _new_case_owner(session, conn, person.address, municipality_id, director)
            person_id = repo.insert_person(conn, person, municipality_compartment(municipality_id))
            case_id = None
        elif (found := repo.get_person(conn, person_id)) is None:
            raise NotFound("person.unknown")
        else:
            case_id = repo.open_case_of(conn, person_id)
            if case_id is None:
                municipality_id, director = _new_case_owner(session, conn, found.address, municipality_id, director)
                person_id = repo.person_in_compartment(conn, person_id, municipality_compartment(municipality_id))
        if case_id is None:
            case_id = repo.insert_case(conn, person_id, session.user.login, session.today(),
                                       municipality_id=municipality_id, director=director)
        else:
            _signal_on_open_case(session, conn, case_id)
        signal_id = repo.insert_signal(conn, case_id, signal, session.user.login)
        records.history(session, conn, case_id, "signal", signal_id, "created", None, signal.received_on)
        repo.update_case(conn, case_id, last_substantive_on=max(signal.received_on, session.today()))
        repo.reindex_case(conn, case_id)
        session.vault.audit("case.signal_added", object_id=f"case:{case_id}")
        return repo.get_case(conn, case_id)


def _new_case_owner(session: Session, conn, address: str | None, municipality_id: int | None,
                    director: str | None) -> tuple[int, str]:
    """The municipality and director of a new case (the municipality proposed from the address)."""
    if municipality_id is None:
        municipality_id = ownership.propose_municipality(session, address or "", conn)
    if municipality_id is None:
        raise DomainError("intake.no_municipality")
    ownership.check_intake_municipality(session, conn, municipality_id)
    return municipality_id, ownership.check_director(session, municipality_id, director)


def _signal_on_open_case(session: Session, conn, case_id: int) -> None:
    """A new signal on an open case: a task for its director; past intake also the next agenda."""
    case = repo.get_case(conn, case_id)
    if session.scope is not None and case.municipality_id not in session.scope:
        raise DomainError("intake.open_elsewhere")
    ownership.tell_director(session, conn, case_id, "new_signal")
    if case.phase is not Phase.SIGNAAL:
        records.update_case(session, conn, case_id, new_signal_on=session.today())


def _authorize_person(session: Session, person_id: int) -> None:
    """A known person is picked from the duplicate hint: only one whose cases the user may see."""
    with session.vault.transaction() as conn:
        visible = repo.persons_visible(conn, person_id, session.scope)
    if not visible:
        session.vault.audit_refusal(Permission.SIGNAL_CREATE.value, object_id=f"person:{person_id}")
        raise AccessDenied()


def possible_duplicates(session: Session, name: str, date_of_birth: dt.date) -> list[Person]:
    """Persons with the same name and date of birth: the duplicate hint of the intake form
    (only those whose cases the user may see, or who have none)."""
    session.authorize(Permission.PERSON_SEARCH)
    with session.change("person.duplicate_check") as conn:
        return repo.persons_like(conn, name.strip(), date_of_birth, session.scope)


def open_case_of_person(session: Session, person_id: int) -> Case | None:
    """The open case a new signal about this person would join (the intake's hint offers it)."""
    session.authorize(Permission.PERSON_SEARCH)
    with session.change("person.open_case", f"person:{person_id}") as conn:
        case_id = repo.open_case_of(conn, person_id)
        case = repo.get_case(conn, case_id) if case_id else None
    if case is not None and session.scope is not None and case.municipality_id not in session.scope:
        return None
    return case


def search_cases(session: Session, query: str, *, limit: int = 50) -> list[tuple[Case, str]]:
    """Search by case number (whole or its last digits), by BSN, and full text over names and
    signal text (prefix matching), in the user's municipalities; audited (never the query text)."""
    session.authorize(Permission.PERSON_SEARCH)
    if session.user.role is Role.PARTNER:  # a partner finds cases in its own list, not by search
        return []
    with session.change("person.search") as conn:
        exact = repo.cases_by_number_or_bsn(conn, query, limit, session.scope)
        cases = repo.get_cases(conn, exact)
        named = [(case_id, repo.get_person(conn, cases[case_id].person_id).name) for case_id in exact]
        named += [hit for hit in repo.search_named(conn, query, limit, session.scope) if hit[0] not in exact]
        named = named[:limit]
        cases |= repo.get_cases(conn, [case_id for case_id, _name in named if case_id not in cases])
        return [(cases[case_id], name) for case_id, name in named]


def list_cases(session: Session, *, phase: Phase | None = None, owner: str | None = None,
               after_id: int = 0, limit: int = 50) -> list[Case]:
    """Keyset-paged cases; a partner gets only the cases its organisation was invited to."""
    if session.user.role is Role.PARTNER:
        session.authorize(Permission.CASE_READ, invited=session.own_invitation())
        with session.change("case.list") as conn:
            return process.invited_cases_page(conn, session.user.organisation_id, after_id=after_id, limit=limit)
    session.authorize(Permission.CASE_READ, invited=frozenset())
    with session.change("case.list") as conn:
        rows = repo.page_case_rows(conn, phase=phase, owner=owner, by_due=False, after=("", after_id), limit=limit,
                                   scope=session.scope)
        return [case for case, _name, _due in rows]


@dataclass(frozen=True)
class CaseRow:
    case: Case
    name: str
    due_on: dt.date | None  # the follow-up deadline or the next review, whichever applies

    @property
    def key(self) -> tuple[str, int]:
        """Where the next page starts (keyset)."""
        return (self.due_on.isoformat() if self.due_on else repo.NOTHING_DUE, self.case.id)


def case_rows(session: Session, *, phase: Phase | None = None, mine: bool = False, by_due: bool = False,
              after: tuple[str, int] | None = None, limit: int = 50) -> list[CaseRow]:
    """The case list of the TUI: keyset-paged by number or by due date, by phase and owner, with
    names. A partner sees only the cases its organisation was invited to (see list_cases)."""
    if session.user.role is Role.PARTNER:
        cases = list_cases(session, after_id=after[1] if after else 0, limit=limit)
        with session.vault.transaction() as conn:
            return [CaseRow(c, records.person_name(session, conn, c), None) for c in cases]
    session.authorize(Permission.CASE_READ, invited=frozenset())
    with session.change("case.list") as conn:
        rows = repo.page_case_rows(conn, phase=phase, owner=session.user.login if mine else None, by_due=by_due,
                                   after=after, limit=limit, scope=session.scope)
    return [CaseRow(case, name, None if due == repo.NOTHING_DUE else dt.date.fromisoformat(due))
            for case, name, due in rows]


def purpose_needed(session: Session, case_id: int) -> bool:
    """Whether opening this file asks why: it is outside the user's own work (no tie of
    domain.purposes.FileTies). Read-only and ids only; the open itself is audited by read_case."""
    session.authorize(Permission.CASE_READ, object_id=f"case:{case_id}",
                      invited=records.invited_organisations(session, case_id))
    since = (session.today() - dt.timedelta(days=AGENDA_AFTERMATH_DAYS)).isoformat()
    user = session.user
    with session.vault.transaction() as conn:
        records.existing_case(conn, case_id)
        director, took_in, waiting, agenda, action, invited = repo.file_ties(
            conn, case_id, user.login, user.organisation_id, since)
    core = user.role in CORE_PARTNERS  # the weighing and the meeting are the core partners' work
    return needs_purpose(FileTies(director, took_in, waiting and core, agenda and core, action, invited))


def decline_open(session: Session, case_id: int) -> None:
    """The user cancelled the purpose question: the file stays closed. Audited as a read that did
    not happen (result "cancelled"), so the FG sees the attempt; who_opened lists opens only."""
    with session.vault.transaction():
        session.vault.audit("case.read", object_id=f"case:{case_id}", result="cancelled")


def read_case(session: Session, case_id: int, *, purpose: str | None = None,
              explanation: str | None = None) -> CaseFile:
    """Open a person's file: audited with its purpose. A purpose asked outside one's own work is
    an AccessPurpose code (checked); the explanation of "anders" is kept beside the audit event,
    never in it."""
    if explanation is not None or purpose in tuple(AccessPurpose):
        if (problem := purpose_problem(purpose or "", explanation)) is not None:
            raise problem
    invited = records.invited_organisations(session, case_id)
    session.authorize(Permission.CASE_READ, object_id=f"case:{case_id}", invited=invited)
    with session.vault.transaction() as conn:
        case = records.existing_case(conn, case_id)
        seq = session.vault.audit("case.read", object_id=f"case:{case_id}", purpose=purpose)
        if purpose == AccessPurpose.OTHER:
            oversight.keep_purpose_text(conn, seq, case_id, (explanation or "").strip())
        person = repo.get_person(conn, case.person_id)
        allowed = _allowed_on(session, case, invited)
        if session.user.role is Role.PARTNER:
            # Only what was shared in the meeting: the name, no signals, holds or history.
            name = records.person_name(session, conn, case)
            return CaseFile(case, person.model_copy(update={**PARTNER_HIDDEN, "name": name}), [], [], [],
                            restricted=True, sealed=name == SEALED, allowed=allowed)
        if person.sealed:  # no key of this municipality's compartment (yet): plain columns only
            return CaseFile(case, person, [], repo.holds_of(conn, case_id), [], sealed=True, allowed=allowed)
        return CaseFile(case, person, repo.signals_of(conn, case_id), repo.holds_of(conn, case_id),
                        repo.history_of(conn, case_id), allowed=allowed,
                        sees_opens=sees_file_opens(session.user.role, session.user.login, case.director))


def _allowed_on(session: Session, case: Case, invited: frozenset) -> frozenset[Permission]:
    """The user's actions on `case` in its phase: a disposal only while the signal is unweighed,
    closing with a reason only after the joint weighing took the case in."""
    allowed = session.permitted_on(f"case:{case.id}", invited=invited)
    if case.phase not in DISPOSABLE_PHASES:
        allowed -= {Permission.CASE_DISPOSE}
    if case.phase not in CLOSABLE_WITH_REASON:
        allowed -= {Permission.CASE_CLOSE}
    return allowed


def close_case(session: Session, case_id: int, reason: str) -> Case:
    session.authorize(Permission.CASE_CLOSE, object_id=f"case:{case_id}")
    with session.change("case.close", f"case:{case_id}") as conn:
        case = records.existing_case(conn, case_id)
        check_transition(case.phase, Phase.AFGESLOTEN, Facts(closure_reason=reason))
        today = session.today()
        records.update_case(session, conn, case_id, phase=Phase.AFGESLOTEN.value, closed_on=today,
                            closure_reason=reason.strip(), last_substantive_on=today)
        return repo.get_case(conn, case_id)


@dataclass(frozen=True)
class Task:
    kind: str  # catalogue key suffix (task.KIND): weighing_due, weighing_open, follow_up_due, action_due, ...
    case_id: int
    case: str
    due_on: dt.date | None
    item_id: int | None = None  # the meeting, action or intervention the task is about


@dataclass(frozen=True)
class Overdue:
    """A passed deadline: of a case the user directs, or (escalated) of its municipality."""

    kind: str  # catalogue key suffix (overdue.KIND): follow_up, review, evaluation, informing, action
    case_id: int
    case: str
    due_on: dt.date
    days: int  # days overdue
    item_id: int | None = None
    escalated: bool = False  # shown because the grace period passed, not because the user directs it


@dataclass(frozen=True)
class Dashboard:
    counts: dict[str, int]
    tasks: list[Task]
    overdue: list[Overdue] = field(default_factory=list)
    notices: list = field(default_factory=list)  # ownership.Notice: handovers, new signals


DASHBOARD_HORIZON = dt.timedelta(days=14)  # what falls due within two weeks shows already


def dashboard(session: Session, *, limit: int = 20) -> Dashboard:
    """What needs doing now, for this user: passed deadlines first (the overdue section), then one
    list of tasks, soonest first within each kind; notices of handovers and new signals."""
    role = session.user.role
    tasks: list[Task] = []
    counts: dict[str, int] = {}
    overdue: list[Overdue] = []
    if role in CORE_PARTNERS or role is Role.PARTNER:
        with session.change("dashboard.read") as conn:
            if role in CORE_PARTNERS:
                counts = repo.phase_counts(conn, session.scope)
                tasks += _core_tasks(session, conn, limit)
            if role is Role.GEMEENTE:
                overdue = _overdue(session, conn, limit)
            tasks += _owned_tasks(session, conn, limit)
    if role in (Role.GEMEENTE, Role.TOEZICHT, Role.OM, Role.POLITIE):
        tasks += [Task(f"retention_{row.state.value}", row.case_id, row.case, row.deadline)
                  for row in retention_alerts(session, limit=limit)]
    tasks += accountable_tasks(session, limit=limit)
    told = ownership.notices(session, limit=limit) if role in CORE_PARTNERS else []
    return Dashboard(counts, tasks, overdue, told)


def _overdue(session: Session, conn, limit: int) -> list[Overdue]:
    today = session.today()
    grace = dt.timedelta(days=settings_of(conn).overdue_escalation_days)
    rows = repo.overdue_deadlines(conn, today=today, director=session.user.login, escalate_before=today - grace,
                                  scope=session.scope, limit=limit)
    return [Overdue(kind, case_id, number, dt.date.fromisoformat(due), (today - dt.date.fromisoformat(due)).days,
                    item_id, escalated) for kind, case_id, number, due, item_id, escalated in rows]


def accountable_tasks(session: Session, *, limit: int = 20) -> list[Task]:
    """Dormant files (to the case director and the FG) and re-integration after detention (to the
    case director), within the user's municipalities."""
    role = session.user.role
    if role not in CORE_PARTNERS and role is not Role.TOEZICHT:
        return []
    director = None if role is Role.TOEZICHT else session.user.login
    today = session.today()
    with session.change("dashboard.accountable") as conn:
        tasks = [Task("dormant", row.case_id, row.case, row.deadline)
                 for row in dormant_rows(conn, today, director=director, scope=session.scope, first=limit)
                 if row.state is RetentionState.DORMANT]
        if director is not None:
            lead = dt.timedelta(weeks=settings_of(conn).reintegration_lead_weeks)
            tasks += [Task("reintegration_due", case_id, number, dt.date.fromisoformat(release))
                      for case_id, number, release in accountable.releases_between(
                          conn, today - DASHBOARD_HORIZON, today + lead, director, limit, session.scope)]
    return tasks


def _core_tasks(session: Session, conn, limit: int) -> list[Task]:
    """Weighings for every core partner of the case's municipality; for the municipality, which runs
    the process, the follow-ups, minutes, reviews and informing decisions of the cases it directs."""
    soon = session.today() + DASHBOARD_HORIZON
    scope = session.scope
    director = session.user.login if session.user.role is Role.GEMEENTE else None
    tasks = [Task("weighing_due", c.id, c.number, c.opened_on)
             for c in repo.cases_in_phase(conn, Phase.SIGNAAL, limit, scope) if c.follow_up_deadline is None]
    tasks += [Task("weighing_open", c.id, c.number, c.opened_on)
              for c in process.cases_awaiting_weighing(conn, limit, scope)]
    # Every "more information needed" deadline shows from the start: gathering it is the task.
    tasks += [Task("follow_up_due", c.id, c.number, c.follow_up_deadline)
              for c in repo.follow_ups_due(conn, dt.date.max, limit, scope, director)]
    if session.user.role is Role.GEMEENTE:
        stale = session.today() - dt.timedelta(days=settings_of(conn).unfinalised_minutes_warning_days)
        tasks += [Task("minutes_due", case_id, number, dt.date.fromisoformat(held), meeting_id)
                  for meeting_id, case_id, number, held in process.stale_drafts(conn, stale, limit, scope, director)]
        tasks += [Task("review_due", c.id, c.number, c.next_review_on)
                  for c in process.reviews_due(conn, soon, limit, scope, director)]
        tasks += [Task("informing_due", case_id, number, dt.date.fromisoformat(on))
                  for case_id, number, on in process.informing_due(conn, soon, limit, scope, director)]
    return tasks


def _owned_tasks(session: Session, conn, limit: int) -> list[Task]:
    """Action items of the user (or its organisation) and interventions to evaluate; a partner
    sees only its own organisation's interventions."""
    user, soon = session.user, session.today() + DASHBOARD_HORIZON
    tasks = [Task("action_due", a.case_id, number, a.due_on, a.id)
             for a, number in process.open_actions_of(conn, user.login, user.organisation_id, limit, session.scope)]
    owner = user.organisation_id if user.role is Role.PARTNER else None
    tasks += [Task("intervention_due", i.case_id, number, i.evaluate_on, i.id)
              for i, number in process.interventions_due(conn, soon, owner, limit, session.scope)]
    return tasks
