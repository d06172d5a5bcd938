"""Retention services: the overview, legal holds, the destruction review and proven destruction,
the destruction report, and the retention policy in force (DOMAIN.md, "Retention").

Deadlines are never stored: every call computes them from the policy in force (the newest one
installed in the vault, else the shipped one) and the settings, so installing a new policy or
changing the warning window recomputes every deadline at once.

Destruction is irreversible, so it is guarded three times: only overdue cases without an active
hold (the workflow table refuses the rest), only by the gemeente, and, when the setting asks
for it, only after a second gemeente user confirmed with their own password. Each case is
destroyed in its own transaction: a crash halfway loses nothing and leaves no half-destroyed
case. What remains is a destruction record (case number, rule, dates, actors), never personal data.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from pydantic import ValidationError

from pgatui.domain.access import Permission, allowed, check_second_confirmer, sees_case_content
from pgatui.domain.models import LegalHold, Phase, WeighingOutcome
from pgatui.domain.figures import last_passed
from pgatui.domain.retention import (Dormancy, Policy, RetentionFacts, RetentionState, Rule, Verdict,
                                    add_months, assess, case_kind, dormancy, dormancy_months, load_policy,
                                    parse_policy, rule_for)
from pgatui.domain.settings import Settings
from pgatui.domain.workflow import Facts, check_transition
from pgatui.errors import AccessDenied, DomainError, NotFound, PgaError
from pgatui.services import records
from pgatui.services.session import Session
from pgatui.services.settings import authorize_any, settings_of
from pgatui.vault import accountable
from pgatui.vault import cases as cases_repo
from pgatui.vault import figures as figures_repo
from pgatui.vault import settings_repo as repo
from pgatui.vault.files import TooLarge, read_bounded, write_new_file

MAX_POLICY_BYTES = 1024 * 1024  # the shipped policy is a few kB; more is a wrong file (or /dev/zero)

Progress = Callable[[int, int], None] | None


@dataclass(frozen=True)
class RetentionRow:
    case_id: int
    case: str
    rule: str | None
    event_on: dt.date | None
    deadline: dt.date | None
    state: RetentionState
    hold_ends_on: dt.date | None
    days_left: int | None = None  # negative when overdue
    mark: int | None = None  # the tightest warning mark reached: the window (90), 30 or 7 days
    policy_version: str | None = None

    def as_json(self) -> dict:
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {"case": self.case, "rule": self.rule, "deadline": iso(self.deadline), "state": self.state.value,
                "event": iso(self.event_on), "hold_ends": iso(self.hold_ends_on), "days_left": self.days_left,
                "mark": self.mark, "policy": self.policy_version}

    def as_columns(self) -> list[str]:
        state = f"{self.state.value}-{self.mark}" if self.mark else self.state.value
        return [self.case, state, str(self.deadline or "-"), self.rule or "-", str(self.hold_ends_on or "-")]


URGENCY = {RetentionState.OVERDUE: 0, RetentionState.WARNING: 1, RetentionState.DORMANT: 1, RetentionState.ON_HOLD: 2,
           RetentionState.RUNNING: 3, RetentionState.JUSTIFIED: 4}


def _urgency(row: RetentionRow) -> tuple:
    return URGENCY.get(row.state, 9), row.deadline or dt.date.max, row.case


# --- the policy in force -----------------------------------------------------------------------

def policy_of(conn) -> Policy:
    """The newest policy installed in the vault, else the one shipped with pgatui."""
    stored = repo.policy_in_force(conn)
    return parse_policy(stored[0]) if stored else load_policy()


@dataclass(frozen=True)
class PolicyView:
    policy: Policy
    installed_by: str | None  # None: the policy shipped with pgatui is in force
    installed_at: str | None
    history: list[tuple[str, str, str]]  # (version, installed_by, installed_at), newest first


def read_policy(session: Session) -> PolicyView:
    """The policy in force with the source of each rule: for toezicht, the core partners and beheerder."""
    authorize_any(session, (Permission.RETENTION_READ, Permission.POLICY_CHANGE), "policy")
    with session.change("policy.read", "policy") as conn:
        stored = repo.policy_in_force(conn)
        by, at = (stored[1], stored[2]) if stored else (None, None)
        return PolicyView(policy_of(conn), by, at, repo.policy_history(conn))


def change_policy(session: Session, text: str) -> Policy:
    """Install a new policy version (beheerder). Versions are kept; the newest is in force."""
    session.authorize(Permission.POLICY_CHANGE, object_id="policy")
    policy = _parsed_policy(text)
    with session.change("policy.change", f"policy:{policy.version}") as conn:
        if policy.version == policy_of(conn).version or repo.policy_version_known(conn, policy.version):
            raise DomainError("policy.version_exists", version=policy.version)
        repo.insert_policy(conn, policy.version, policy.model_dump_json(), session.user.login, session.now())
    return policy


def install_policy_file(session: Session, path: str | os.PathLike) -> Policy:
    """change_policy with the text of a file the beheerder chose (TUI and CLI)."""
    session.authorize(Permission.POLICY_CHANGE, object_id="policy")  # before touching the file
    return change_policy(session, read_policy_file(path))


def read_policy_file(path: str | os.PathLike) -> str:
    """The text of a policy file the beheerder chose, or one clear Dutch line why it cannot be read."""
    target = Path(path).expanduser()
    try:
        return read_bounded(target, MAX_POLICY_BYTES).decode("utf-8")
    except FileNotFoundError:
        raise DomainError("file.missing", path=target) from None
    except TooLarge:
        raise DomainError("policy.file_too_large", path=target, kilobytes=MAX_POLICY_BYTES // 1024) from None
    except (OSError, UnicodeDecodeError):
        raise DomainError("file.not_text", path=target) from None


def _parsed_policy(text: str) -> Policy:
    try:
        return parse_policy(text)
    except ValueError as exc:  # json.JSONDecodeError and pydantic's ValidationError are ValueErrors
        if isinstance(exc, ValidationError):
            where = ".".join(str(p) for p in exc.errors()[0]["loc"]) or "beleid"
            raise DomainError("policy.invalid_field", field=where, problem=exc) from None
        raise DomainError("policy.not_json") from None
    except RecursionError:  # nesting deeper than any policy: JSON-valid but not a policy
        raise DomainError("policy.too_deep") from None


# --- the overview ------------------------------------------------------------------------------

def _assessed(conn, today: dt.date, case_ids: list[int] | None = None, scope=None) -> list[tuple[dict, Verdict]]:
    """(case facts row, verdict) for every closed case (of `scope`), or for `case_ids` whatever their phase."""
    policy, settings = policy_of(conn), settings_of(conn)
    rows = repo.closed_case_facts(conn, case_ids, scope)
    holds = repo.holds_by_case(conn, [r["id"] for r in rows])
    return [(r, _verdict(policy, settings, r, holds.get(r["id"], []), today)) for r in rows]


def _verdict(policy: Policy, settings: Settings, row: dict, holds: list[LegalHold], today: dt.date) -> Verdict:
    outcome = WeighingOutcome(row["last_outcome"]) if row["last_outcome"] else None
    facts = RetentionFacts(phase=Phase(row["phase"]), last_substantive_on=row["last_substantive_on"],
                           last_outcome=outcome, closed_on=row["closed_on"], holds=tuple(holds),
                           record_kind=case_kind(outcome))
    return assess(policy, facts, today, warning_days=settings.retention_warning_days, marks=settings.retention_marks)


def _row(facts: dict, verdict: Verdict) -> RetentionRow:
    return RetentionRow(facts["id"], facts["number"], verdict.rule_id, verdict.event_on, verdict.deadline,
                        verdict.state, verdict.hold_ends_on, verdict.days_left, verdict.warning_level,
                        verdict.policy_version)


def rule_of_closed(policy: Policy, outcome: str | None, today: dt.date) -> Rule:
    """The policy's rule for a closed case with last outcome `outcome` (the rule follows from the
    outcome alone: the figures and the dashboard select per rule in SQL)."""
    last = WeighingOutcome(outcome) if outcome else None
    return rule_for(policy, RetentionFacts(phase=Phase.AFGESLOTEN, last_substantive_on=today, last_outcome=last,
                                           record_kind=case_kind(last)))


ALERT_STATES = (RetentionState.OVERDUE, RetentionState.WARNING)


def retention_alerts(session: Session, *, limit: int) -> list[RetentionRow]:
    """What the dashboard shows of retention: the rows among the first `limit` of
    `retention_overview` that are overdue or in warning, without assessing every closed case.
    Per rule (per last outcome) only the closed cases whose term ends within the warning window
    are read, the oldest first, `2 * limit` of them (SQL, index cases_closed); those and the
    dormant files are assessed as the overview does and sorted by the same urgency."""
    session.authorize(Permission.RETENTION_READ)
    today = session.today()
    with session.change("retention.read") as conn:
        policy, settings = policy_of(conn), settings_of(conn)
        window = dt.timedelta(days=max(settings.retention_warning_days, *settings.retention_marks) + 1)
        ids = []
        for outcome in figures_repo.closed_outcomes(conn, session.scope):
            rule = rule_of_closed(policy, outcome, today)
            ids += figures_repo.oldest_past_term(conn, outcome, rule.after.value,
                                                 last_passed(today + window, rule.keep_months), today,
                                                 session.scope, 2 * limit)
        rows = [_row(f, v) for f, v in _assessed(conn, today, ids)] if ids else []
        rows += dormant_rows(conn, today, scope=session.scope, first=limit)  # the only ones that can rank
    return [row for row in sorted(rows, key=_urgency)[:limit] if row.state in ALERT_STATES]


def retention_overview(session: Session, *, state: RetentionState | None = None) -> list[RetentionRow]:
    """Every closed case (or those in `state`) with its rule, deadline and state, and the dormant
    or justified open files, most urgent first."""
    session.authorize(Permission.RETENTION_READ)
    with session.change("retention.read") as conn:
        rows = [_row(f, v) for f, v in _assessed(conn, session.today(), scope=session.scope)]
        rows += dormant_rows(conn, session.today(), scope=session.scope)
    return sorted((r for r in rows if state is None or r.state is state), key=_urgency)


def dormant_rows(conn, today: dt.date, *, director: str | None = None, scope=None,
                 first: int | None = None) -> list[RetentionRow]:
    """The open files that are dormant or kept open by a justification, as retention rows
    (event: since when it is quiet; deadline: when it became or becomes dormant). With `first`,
    only the first that many dormant ones, the longest quiet first (selected in SQL: the
    dashboard's, not every quiet file of a large vault)."""
    policy = policy_of(conn)
    months, _rule = dormancy_months(policy)
    quiet = (accountable.quiet_open_cases(conn, add_months(today, -months), director, scope) if first is None else
             accountable.first_dormant_cases(conn, last_passed(today, months), first, director, scope))
    rows = []
    for facts in quiet:
        verdict = _dormancy(policy, facts, today)
        if verdict.state is not None:
            rows.append(RetentionRow(facts["id"], facts["number"], verdict.rule_id or "open-dossier-slapend",
                                     verdict.quiet_since, verdict.dormant_on, verdict.state, None,
                                     (verdict.dormant_on - today).days, None, policy.version))
    return rows

def _dormancy(policy, facts: dict, today: dt.date) -> Dormancy:
    justified = facts["justified_on"]
    return dormancy(policy, dt.date.fromisoformat(facts["last_substantive_on"]),
                    dt.date.fromisoformat(justified) if justified else None, today)


# --- legal holds -------------------------------------------------------------------------------

@dataclass(frozen=True)
class HoldRow:
    case_id: int
    case: str
    reason: str | None  # None for roles that see no case content (toezicht)
    owner: str
    ends_on: dt.date
    placed_by: str


def hold_list(session: Session) -> list[HoldRow]:
    """Every hold not lifted, soonest end first (also those whose end date has passed)."""
    session.authorize(Permission.RETENTION_READ)
    content = sees_case_content(session.user.role)
    with session.change("hold.list") as conn:
        return [HoldRow(case_id, number, reason if content else None, owner, dt.date.fromisoformat(ends), by)
                for case_id, number, reason, owner, ends, by in repo.unlifted_holds(conn, session.scope)]


def place_hold(session: Session, case_id: int, hold: LegalHold) -> int:
    """Place a legal hold (reason, owner, end date); returns its id."""
    session.authorize(Permission.HOLD_MANAGE, object_id=f"case:{case_id}")
    if hold.ends_on < session.today():
        raise DomainError("hold.end_in_past")
    with session.change("hold.place", f"case:{case_id}") as conn:
        records.existing_case(conn, case_id)
        hold_id = cases_repo.insert_hold(conn, case_id, hold, session.user.login)
        records.history(session, conn, case_id, "hold", hold_id, "ends_on", None, hold.ends_on)
        return hold_id


def lift_hold(session: Session, case_id: int) -> int:
    """Lift every hold on the case; returns how many were lifted."""
    session.authorize(Permission.HOLD_MANAGE, object_id=f"case:{case_id}")
    with session.change("hold.lift", f"case:{case_id}") as conn:
        records.existing_case(conn, case_id)
        lifted = cases_repo.lift_holds(conn, case_id, session.today())
        if not lifted:
            raise DomainError("hold.none")
        records.history(session, conn, case_id, "case", case_id, "hold_lifted_on", None, session.today())
        return lifted


# --- destruction -------------------------------------------------------------------------------

def destruction_review(session: Session) -> list[RetentionRow]:
    """The overdue cases without an active hold: what the gemeente reviews before destroying."""
    session.authorize(Permission.CASE_DESTROY)
    with session.change("destruction.review") as conn:
        rows = [_row(f, v) for f, v in _assessed(conn, session.today(), scope=session.scope) if v.destruction_due]
    return sorted(rows, key=_urgency)


@dataclass(frozen=True)
class Confirmation:
    """A second gemeente user confirmed the destruction with their password (confirm_destruction)."""

    login: str


def second_confirmation_required(session: Session) -> bool:
    """Whether destruction needs a second gemeente user (a setting; reading it is not audited)."""
    session.authorize(Permission.CASE_DESTROY)
    with session.vault.transaction() as conn:
        return settings_of(conn).destruction_second_confirmation


def confirm_destruction(session: Session, login: str, password: str) -> Confirmation:
    """Check a second person's password and role; audited either way (ids only, never the password)."""
    session.authorize(Permission.CASE_DESTROY)
    try:
        colleague = session.vault.confirm_colleague(login, password)
    except PgaError:  # a wrong password, a throttle: the typed login may be a mistyped secret, so no id
        session.vault.audit_refusal("destruction.confirm")
        raise
    refused = None
    if not allowed(colleague.role, Permission.DESTRUCTION_CONFIRM):
        refused = AccessDenied("destruction.second_from_gemeente")
    try:
        check_second_confirmer(session.user.login, colleague.login)
    except AccessDenied as exc:
        refused = exc
    if refused:
        session.vault.audit_refusal("destruction.confirm", object_id=f"user:{colleague.login}")
        raise refused
    with session.change("destruction.confirm", f"user:{colleague.login}"):
        return Confirmation(colleague.login)


def destroy_expired_case(session: Session, case_id: int, *, confirmation: Confirmation | None = None) -> RetentionRow:
    """Destroy one overdue case without a hold; returns what was destroyed."""
    destroyed = _destroy_one(session, case_id, confirmation)
    session.vault.compact()  # no copy of a key left in any index page (see OpenVault.compact)
    return destroyed


def _destroy_one(session: Session, case_id: int, confirmation: Confirmation | None) -> RetentionRow:
    """Destroy one case in one transaction (a crash loses nothing of the others)."""
    session.authorize(Permission.CASE_DESTROY, object_id=f"case:{case_id}")
    with session.change("case.destroy", f"case:{case_id}") as conn:
        if settings_of(conn).destruction_second_confirmation and confirmation is None:
            raise DomainError("destruction.second_confirmation_needed")
        assessed = _assessed(conn, session.today(), [case_id])
        if not assessed:
            raise NotFound("case.gone")
        facts, verdict = assessed[0]
        check_transition(Phase(facts["phase"]), Phase.VERNIETIGD, Facts(
            retention_overdue=verdict.state is RetentionState.OVERDUE,
            hold_active=verdict.state is RetentionState.ON_HOLD))
        cases_repo.destroy_case(conn, case_id, facts["number"], verdict.rule_id, session.today(), session.user.login)
        repo.complete_destruction_record(conn, facts["number"], deadline=verdict.deadline,
                                         policy_version=verdict.policy_version,
                                         confirmed_by=confirmation.login if confirmation else None)
        return _row(facts, verdict)


@dataclass(frozen=True)
class DestructionResult:
    destroyed: list[str]  # case numbers
    skipped: list[tuple[int, str]]  # (case id, why): a hold placed meanwhile, no longer overdue


def destroy_cases(session: Session, case_ids: list[int], *, confirmation: Confirmation | None = None,
                  progress: Progress = None) -> DestructionResult:
    """Destroy the reviewed cases one transaction each, reporting progress(done, total).

    A case that may not (or no longer) be destroyed is skipped with its reason, not fatal: a
    hold placed by a colleague during the run must stop that one case, not the others.
    """
    session.authorize(Permission.CASE_DESTROY, object_id=f"cases:{len(case_ids)}")
    destroyed, skipped = [], []
    for done, case_id in enumerate(case_ids, 1):
        try:
            destroyed.append(_destroy_one(session, case_id, confirmation).case)
        except (DomainError, NotFound) as exc:
            skipped.append((case_id, str(exc)))
        if progress:
            progress(done, len(case_ids))
    if destroyed:
        session.vault.compact()  # once for the batch: no copy of a key left in any index page
    return DestructionResult(destroyed, skipped)


# --- the destruction report --------------------------------------------------------------------

@dataclass(frozen=True)
class DestructionRecord:
    case_number: str
    rule_id: str
    deadline: str | None
    destroyed_on: str
    actor: str
    confirmed_by: str | None
    policy_version: str | None


REPORT_HEADINGS = {"case_number": "casus", "rule_id": "regel", "deadline": "termijn tot",
                   "destroyed_on": "vernietigd op", "actor": "door", "confirmed_by": "bevestigd door",
                   "policy_version": "beleid"}


def destruction_records(session: Session) -> list[DestructionRecord]:
    """The proof of every destruction: case numbers, rules, dates, actors (no personal data)."""
    session.authorize(Permission.RETENTION_READ, object_id="destruction_records")
    with session.change("destruction.records_read", "destruction_records") as conn:
        return [DestructionRecord(**r) for r in repo.destruction_records(conn)]


def export_destruction_report(session: Session, path: str | os.PathLike) -> int:
    """Write the destruction report to `path` (.csv: CSV, else plain text); the number of records.

    The file is not encrypted, which is why it holds the records only (never personal data), is
    never written over an existing file, and is readable by its owner only.
    """
    session.authorize(Permission.RETENTION_READ, object_id="destruction_report")
    target = Path(path).expanduser()
    with session.change("destruction.report_export", "destruction_report") as conn:
        records = [DestructionRecord(**r) for r in repo.destruction_records(conn)]
        text = report_csv(records) if target.suffix.lower() == ".csv" else report_text(records, session)
        _write_new_file(target, text)
    return len(records)


def report_csv(records: list[DestructionRecord]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(REPORT_HEADINGS), lineterminator="\n")
    writer.writerow(REPORT_HEADINGS)
    for record in records:
        writer.writerow({k: v or "" for k, v in asdict(record).items()})
    return out.getvalue()


def report_text(records: list[DestructionRecord], session: Session) -> str:
    lines = ["Vernietigingsrapport (pgatui)",
             f"Gemaakt op {session.today().isoformat()} door {session.user.login}.",
             "Alleen casusnummers, bewaarregels, datums en gebruikers; geen persoonsgegevens.",
             f"Aantal vernietigde casussen: {len(records)}", ""]
    widths = {k: max([len(h)] + [len(getattr(r, k) or "-") for r in records]) for k, h in REPORT_HEADINGS.items()}
    lines.append("  ".join(h.ljust(widths[k]) for k, h in REPORT_HEADINGS.items()).rstrip())
    for record in records:
        lines.append("  ".join((getattr(record, k) or "-").ljust(widths[k]) for k in REPORT_HEADINGS).rstrip())
    return "\n".join(lines) + "\n"


def _write_new_file(target: Path, text: str) -> None:
    if target.exists():
        raise DomainError("file.exists", path=target.name)
    if not target.parent.is_dir():
        raise DomainError("file.no_folder", path=target.parent)
    write_new_file(target, text.encode("utf-8"))  # owner-only, durable, never over an existing name
