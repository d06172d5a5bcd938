"""The access log for the FG (toezicht) and the beheerder (issue 15).

Filters (user, action, object or case number, refused only, time) and keyset paging newest
first: every query walks one index of migration 0015 in seq order and stops after a page, so the
first page and each filter stay fast at a million events (benchmarks/bench_access_log.py). A
time window is turned into a seq window once (the chain is appended in time order; a queued
event keeps the time it was queued, so the window is also checked per row).

Reading a page, the opens of a file and exporting are audited; the export holds the log's own
fields only: ids and codes, never a name or other content.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

from pgatui.domain.access import Permission, sees_file_opens
from pgatui.domain.purposes import label as purpose_label
from pgatui.domain.roles import Role
from pgatui.messages import Finding
from pgatui.errors import AccessDenied, UsageError
from pgatui.services.session import DENIED, Session
from pgatui.vault import audit
from pgatui.vault import cases as cases_repo
from pgatui.vault import oversight as repo
from pgatui.vault.files import write_new_file

PAGE = 50
EXPORT_LIMIT = 1_000_000
CASE_NUMBER = re.compile(r"PGA-\d{4}-(\d+)", re.IGNORECASE)
OBJECT_ID = re.compile(r"[a-z_]+:[\w.:-]+")
COLUMNS = ("seq",) + audit.FIELDS


@dataclass(frozen=True)
class LogFilter:
    actor: str | None = None
    action: str | None = None
    object_id: str | None = None  # "case:17", "PGA-2026-00017", "17" (a case), "user:anna", ...
    refused_only: bool = False
    since: dt.date | None = None  # inclusive, UTC dates
    until: dt.date | None = None  # inclusive


@dataclass(frozen=True)
class LogEvent(audit.Event):
    """An audit event as the log viewer shows it: the event and its place in the chain."""

    seq: int


@dataclass(frozen=True)
class LogPage:
    events: list[LogEvent]
    next_before: int | None  # pass as `before` for the next (older) page; None: this was the last


@dataclass(frozen=True)
class ChainStatus:
    ok: bool
    head: int
    checked_from: int  # 0: the whole chain was checked
    problems: tuple[str, ...]


@dataclass(frozen=True)
class FileOpen:
    seq: int
    at: str
    actor: str
    role: str
    purpose: str  # the Dutch label of the stored code; "-" when none was asked (the user's own work)
    explanation: str | None = None  # what the user typed with "anders" (kept in the vault, not in the log)


@dataclass(frozen=True)
class OpensPage:
    number: str  # the case number (what the screen names the file by)
    opens: list[FileOpen]
    next_before: int | None  # pass as `before` for the next (older) page; None: this was the last


def normalise_object(text: str | None) -> str | None:
    """What the user typed in the object field as the id the log holds."""
    text = (text or "").strip()
    if not text:
        return None
    if text.isdigit():
        return f"case:{int(text)}"
    number = CASE_NUMBER.fullmatch(text)
    if number:
        return f"case:{int(number.group(1))}"
    if not OBJECT_ID.fullmatch(text):
        raise UsageError("log.object_format")
    return text


def _where(conn, wanted: LogFilter) -> tuple[list[str], list]:
    clauses, params = [], []
    for column, value in (("actor", (wanted.actor or "").strip().lower() or None),
                          ("action", (wanted.action or "").strip() or None),
                          ("object_id", normalise_object(wanted.object_id))):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    if wanted.refused_only:
        clauses.append("result = 'refused'")
    if wanted.since is not None:
        start = wanted.since.isoformat()
        first = repo.first_seq_at_or_after(conn, start)
        clauses += ["seq >= ?", "+at >= ?"]  # '+at': the seq index drives the query, not the time index
        params += [first if first is not None else 1 << 62, start]
    if wanted.until is not None:
        end = (wanted.until + dt.timedelta(days=1)).isoformat()
        last = repo.last_seq_before(conn, end)
        clauses += ["seq <= ?", "+at < ?"]
        params += [last if last is not None else 0, end]
    return clauses, params


def _select(conn, wanted: LogFilter, before: int | None, limit: int) -> list[LogEvent]:
    clauses, params = _where(conn, wanted)
    if before is not None:
        clauses.append("seq < ?")
        params.append(before)
    return [LogEvent(*row[1:], seq=row[0]) for row in repo.events(conn, clauses, params, limit)]


def _audited_object(wanted: LogFilter) -> str | None:
    return normalise_object(wanted.object_id) or (f"user:{wanted.actor.strip().lower()}" if wanted.actor else None)


def read_log(session: Session, wanted: LogFilter = LogFilter(), *, before: int | None = None,
             page: int = PAGE) -> LogPage:
    """One page of the log, newest first, older than `before` (a seq)."""
    session.authorize(Permission.AUDIT_READ)
    with session.vault.transaction() as conn:
        events = _select(conn, wanted, before, page + 1)
        session.vault.audit("audit.view", object_id=_audited_object(wanted))
    more = len(events) > page
    events = events[:page]
    return LogPage(events, events[-1].seq if more and events else None)


def chain_status(session: Session, *, full: bool = False) -> ChainStatus:
    """Whether the chain holds: from the head mirrored in the keyring (quick; unlock checked the
    rest against this user's witness), or with `full` every link and signature (seconds at a
    million events: the TUI runs it in a worker)."""
    session.authorize(Permission.AUDIT_READ)
    vault = session.vault
    conn = vault.conn
    head = audit.head(conn)[0]
    mirrored = vault._ring.get("audit_head") or {"seq": 0, "hash": audit.GENESIS}
    signed_from = int(vault._ring.get("signed_from", 1))
    if full:
        problems = audit.chain_problems(conn, mirrored, vault._verifier, signed_from)
        start = 0
    else:
        start = int(mirrored.get("seq", 0))
        stored = audit.hash_at(conn, start)
        if stored is None or stored != mirrored.get("hash"):
            problems = [Finding("finding.chain_head")]
        else:  # links and signatures after the mirrored head (links only in a vault from before signing)
            unsigned = vault._verifier is None
            broken = audit.first_break(conn, vault._verifier, start, stored, 1 << 62 if unsigned else signed_from)
            problems = [] if broken is None else [Finding("finding.chain_broken_at", seq=broken)]
    return ChainStatus(not problems, head, start, tuple(problems))


def export_log(session: Session, wanted: LogFilter, path: str | Path) -> int:
    """Write the filtered log (its own fields: ids and codes) to a new CSV file; the count."""
    session.authorize(Permission.AUDIT_READ)
    target = Path(path).expanduser()
    if not target.parent.is_dir():
        raise UsageError("export.no_folder")
    if target.exists():
        raise UsageError("export.file_exists")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    count, before = 0, None
    with session.vault.transaction() as conn:
        while count < EXPORT_LIMIT:
            events = _select(conn, wanted, before, 5000)
            for event in events:
                writer.writerow([event.seq, *(_cell(getattr(event, f)) for f in audit.FIELDS)])
            count += len(events)
            if len(events) < 5000:
                break
            before = events[-1].seq
        write_new_file(target, out.getvalue().encode("utf-8"))
        session.vault.audit("audit.export", object_id=_audited_object(wanted))
    return count


def _cell(value) -> str:
    """A CSV cell that a spreadsheet never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def who_opened(session: Session, case_id: int, *, before: int | None = None, page: int = PAGE) -> OpensPage:
    """Who opened this file, when and for what purpose (newest first, a page older than seq
    `before`): for the FG and the case's director. Audited."""
    object_id = f"case:{case_id}"
    with session.vault.transaction() as conn:
        director = cases_repo.director_of(conn, case_id) or ""
    if not sees_file_opens(session.user.role, session.user.login, director):
        session.vault.audit_refusal("audit.case_opens", object_id=object_id)
        raise AccessDenied(DENIED)
    if session.user.role is Role.GEMEENTE:
        session.authorize(Permission.CASE_READ, object_id=object_id)  # and within the director's municipalities
    with session.vault.transaction() as conn:
        rows = repo.opens_of(conn, object_id, page + 1, before)
        number = repo.number_of(conn, case_id) or object_id
        session.vault.audit("audit.case_opens", object_id=object_id)
    opens = [FileOpen(seq, at, actor, role, purpose_label(purpose), text) for seq, at, actor, role, purpose, text in rows]
    more = len(opens) > page
    opens = opens[:page]
    return OpensPage(number, opens, opens[-1].seq if more and opens else None)
