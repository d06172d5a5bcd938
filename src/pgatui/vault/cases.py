"""The SQL for case data. Services call these inside `vault.transaction()`; nothing else runs SQL."""

from __future__ import annotations

import datetime as dt
import json

from pgatui.domain.models import Case, LegalHold, Person, Phase, Signal

CASE_COLUMNS = ("id", "number", "phase", "person_id", "owner", "opened_on", "last_substantive_on", "closed_on",
                "closure_reason", "follow_up_deadline", "next_review_on", "municipality_id", "director")
PERSON_COLUMNS = ("id", "name", "date_of_birth", "address", "phone", "bsn")
SIGNAL_COLUMNS = ("id", "case_id", "received_on", "received_by", "source_kind", "observed_facts",
                  "interpretation", "ideology", "urgency", "special_categories")


def iso(value) -> str | None:
    """A date or datetime as ISO text for SQL (other values as they are)."""
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def insert_person(conn, person) -> int:
    cur = conn.execute("INSERT INTO persons(name, date_of_birth, address, phone, bsn) VALUES (?, ?, ?, ?, ?)",
                       (person.name, iso(person.date_of_birth), person.address, person.phone, person.bsn))
    return cur.lastrowid


def insert_case(conn, person_id: int, owner: str, opened_on: dt.date, *, municipality_id: int | None = None,
                director: str | None = None) -> int:
    """A new case; `owner` is who typed it in, `director` the gemeente user who runs it."""
    case_id = _next_case_id(conn)
    conn.execute("INSERT INTO cases(id, number, person_id, phase, owner, opened_on, last_substantive_on, "
                 "municipality_id, director) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 (case_id, case_number(opened_on.year, case_id), person_id, Phase.SIGNAAL.value, owner,
                  iso(opened_on), iso(opened_on), municipality_id, director))
    return case_id


Scope = tuple[int, ...] | None  # the municipalities a user sees; None: every one


def in_scope(scope: Scope, alias: str = "c") -> tuple[str, tuple]:
    """The SQL condition (and its parameters) that keeps only the cases of `scope`'s municipalities."""
    if scope is None:
        return "1", ()
    if not scope:
        return "0", ()
    return f"{alias}.municipality_id IN ({', '.join('?' * len(scope))})", tuple(scope)


def _next_case_id(conn) -> int:
    """An id never handed out before, also not to a case destroyed since (migration 0005)."""
    return conn.execute("UPDATE id_watermarks SET value = max(value, (SELECT coalesce(max(id), 0) FROM cases)) + 1 "
                        "WHERE name = 'cases' RETURNING value").fetchone()[0]


def case_number(year: int, case_id: int) -> str:
    return f"PGA-{year}-{case_id:05d}"


def insert_signal(conn, case_id: int, signal, recorded_by: str) -> int:
    cur = conn.execute(
        "INSERT INTO signals(case_id, received_on, received_by, source_kind, observed_facts, interpretation, "
        "ideology, urgency, special_categories, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (case_id, iso(signal.received_on), signal.received_by, signal.source_kind.value, signal.observed_facts,
         signal.interpretation, signal.ideology.value, signal.urgency.value,
         json.dumps(sorted(c.value for c in signal.special_categories)), recorded_by))
    return cur.lastrowid


def reindex_case(conn, case_id: int) -> None:
    """Rebuild the case's search row from its person and signals."""
    row = conn.execute("SELECT p.name FROM cases c JOIN persons p ON p.id = c.person_id WHERE c.id = ?",
                       (case_id,)).fetchone()
    texts = [r[0] + " " + r[1] for r in conn.execute(
        "SELECT observed_facts, interpretation FROM signals WHERE case_id = ? ORDER BY id", (case_id,))]
    conn.execute("DELETE FROM search_index WHERE rowid = ?", (case_id,))
    index_case(conn, case_id, row[0], "\n".join(texts))


def index_case(conn, case_id: int, name: str, text: str) -> None:
    conn.execute("INSERT INTO search_index(rowid, name, text) VALUES (?, ?, ?)", (case_id, name, text))


def optimize_search_index(conn) -> None:
    """Merge the full-text index into one segment built from live rows only (see OpenVault.compact)."""
    conn.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")


def get_case(conn, case_id: int) -> Case | None:
    row = conn.execute(f"SELECT {', '.join(CASE_COLUMNS)} FROM cases WHERE id = ?", (case_id,)).fetchone()
    return Case(**dict(zip(CASE_COLUMNS, row))) if row else None


def get_person(conn, person_id: int) -> Person | None:
    row = conn.execute(f"SELECT {', '.join(PERSON_COLUMNS)} FROM persons WHERE id = ?", (person_id,)).fetchone()
    return Person(**dict(zip(PERSON_COLUMNS, row))) if row else None


def signals_of(conn, case_id: int) -> list[Signal]:
    rows = conn.execute(f"SELECT {', '.join(SIGNAL_COLUMNS)} FROM signals WHERE case_id = ? ORDER BY id", (case_id,))
    return [Signal(**{**dict(zip(SIGNAL_COLUMNS, r)), "special_categories": json.loads(r[-1])}) for r in rows]


def open_case_of(conn, person_id: int) -> int | None:
    row = conn.execute("SELECT id FROM cases WHERE person_id = ? AND phase NOT IN ('afgesloten', 'vernietigd') "
                       "ORDER BY id DESC LIMIT 1", (person_id,)).fetchone()
    return row[0] if row else None


def persons_like(conn, name: str, date_of_birth: dt.date, scope: Scope = None) -> list[Person]:
    """Persons of that name and date of birth that have a case in `scope` (or none at all)."""
    where, params = in_scope(scope)
    rows = conn.execute(f"SELECT {', '.join('p.' + c for c in PERSON_COLUMNS)} FROM persons p WHERE p.date_of_birth = ? "
                        f"AND lower(p.name) = lower(?) AND (EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id "
                        f"AND {where}) OR NOT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id))",
                        (iso(date_of_birth), name, *params))
    return [Person(**dict(zip(PERSON_COLUMNS, r))) for r in rows]


def persons_visible(conn, person_id: int, scope: Scope) -> bool:
    """Whether the person has a case in `scope`, or no case at all (a missing person: True, so the
    caller says 'not found')."""
    where, params = in_scope(scope)
    cases = conn.execute("SELECT count(*) FROM cases c WHERE c.person_id = ?", (person_id,)).fetchone()[0]
    return cases == 0 or conn.execute(f"SELECT 1 FROM cases c WHERE c.person_id = ? AND {where} LIMIT 1",
                                      (person_id, *params)).fetchone() is not None


def search(conn, query: str, limit: int, scope: Scope = None) -> list[int]:
    """Case ids whose person name or signal text matches every word (prefix match), in `scope`."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in query).split() if w]
    if not words:
        return []
    match = " ".join(f'"{w}"*' for w in words)
    where, params = in_scope(scope)
    return [r[0] for r in conn.execute(
        "SELECT search_index.rowid FROM search_index JOIN cases c ON c.id = search_index.rowid "
        f"WHERE search_index MATCH ? AND {where} ORDER BY rank LIMIT ?", (match, *params, limit))]


def cases_by_number_or_bsn(conn, query: str, limit: int, scope: Scope = None) -> list[int]:
    """Case ids for a case number (PGA-2022-00001, or its last digits: 1, 00001) or a person's BSN.

    A case number is PGA-<year>-<id>, so its digits after the year are the case id itself.
    """
    text = query.strip().upper()
    digits = text.rsplit("-", 1)[-1] if text.startswith("PGA-") else text
    if not digits.isdigit():
        return []
    where, params = in_scope(scope)
    rows = conn.execute(
        f"SELECT c.id FROM cases c WHERE c.phase != 'vernietigd' AND {where} AND (c.number = ? OR c.id = ? "
        "OR c.person_id IN (SELECT id FROM persons WHERE bsn = ?)) ORDER BY c.id DESC LIMIT ?",
        (*params, text, int(digits), digits, limit))
    return [r[0] for r in rows]


DUE_KEY = "coalesce(c.follow_up_deadline, c.next_review_on, '9999-12-31')"  # as in migration 0006
NOTHING_DUE = "9999-12-31"


def page_case_rows(conn, *, phase: Phase | None, owner: str | None, by_due: bool, after: tuple[str, int] | None,
                   limit: int, scope: Scope = None) -> list[tuple[Case, str, str]]:
    """(case, person name, due key) keyset-paged by id, or by due date then id; filtered by phase,
    director (`owner`) and the municipalities of `scope`."""
    where, params = in_scope(scope)
    clauses, params = ["c.phase != 'vernietigd'", where], list(params)
    if phase is not None:
        clauses.append("c.phase = ?")
        params.append(phase.value)
    if owner is not None:
        clauses.append("c.director = ?")
        params.append(owner)
    order = f"{DUE_KEY}, c.id" if by_due else "c.id"
    if after is not None:  # keyset: the due-date form is written so the index can seek to it (a row
        # value comparison cannot seek, so later pages scanned from the start)
        clauses.append(f"{DUE_KEY} >= ? AND ({DUE_KEY} > ? OR c.id > ?)" if by_due else "c.id > ?")
        params.extend((after[0], after[0], after[1]) if by_due else after[1:])
    columns = ", ".join(f"c.{c}" for c in CASE_COLUMNS)
    rows = conn.execute(f"SELECT {columns}, p.name, {DUE_KEY} FROM cases c JOIN persons p ON p.id = c.person_id "
                        f"WHERE {' AND '.join(clauses)} ORDER BY {order} LIMIT ?", (*params, limit))
    return [(Case(**dict(zip(CASE_COLUMNS, r[:-2]))), r[-2], r[-1]) for r in rows]


def update_case(conn, case_id: int, **fields) -> dict:
    """Set fields; returns the old values (for the history)."""
    names = list(fields)
    old = dict(zip(names, conn.execute(f"SELECT {', '.join(names)} FROM cases WHERE id = ?", (case_id,)).fetchone()))
    conn.execute(f"UPDATE cases SET {', '.join(f'{n} = ?' for n in names)} WHERE id = ?",
                 (*(iso(v) for v in fields.values()), case_id))
    return old


def add_history(conn, case_id: int, entity: str, entity_id: int, field: str, old, new, actor: str, at: dt.datetime) -> None:
    conn.execute("INSERT INTO history(case_id, entity, entity_id, field, old, new, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 (case_id, entity, entity_id, field, None if old is None else str(iso(old)),
                  None if new is None else str(iso(new)), actor, at.isoformat(timespec="seconds")))


def history_of(conn, case_id: int) -> list[tuple]:
    return list(conn.execute("SELECT entity, field, old, new, actor, at FROM history WHERE case_id = ? ORDER BY id", (case_id,)))


def holds_of(conn, case_id: int) -> list[LegalHold]:
    rows = conn.execute("SELECT reason, owner, ends_on, lifted_on FROM holds WHERE case_id = ? ORDER BY id", (case_id,))
    return [LegalHold(reason=r[0], owner=r[1], ends_on=r[2], lifted_on=r[3]) for r in rows]


def insert_hold(conn, case_id: int, hold: LegalHold, placed_by: str) -> int:
    return conn.execute("INSERT INTO holds(case_id, reason, owner, ends_on, placed_by) VALUES (?, ?, ?, ?, ?)",
                        (case_id, hold.reason, hold.owner, iso(hold.ends_on), placed_by)).lastrowid


def lift_holds(conn, case_id: int, on: dt.date) -> int:
    return conn.execute("UPDATE holds SET lifted_on = ? WHERE case_id = ? AND lifted_on IS NULL",
                        (iso(on), case_id)).rowcount


def closed_cases(conn) -> list[tuple[int, str, str, str | None]]:
    return list(conn.execute("SELECT id, number, last_substantive_on, last_outcome FROM cases WHERE phase = 'afgesloten' ORDER BY id"))


def destroy_case(conn, case_id: int, number: str, rule_id: str, on: dt.date, actor: str) -> None:
    """Remove every trace of the case and, if it has no other case, its person; keep proof only
    (with the municipality, so the figures count destructions per municipality)."""
    person_id, municipality_id = conn.execute("SELECT person_id, municipality_id FROM cases WHERE id = ?",
                                              (case_id,)).fetchone()
    conn.execute("DELETE FROM search_index WHERE rowid = ?", (case_id,))
    conn.execute("DELETE FROM cases WHERE id = ?", (case_id,))
    if not conn.execute("SELECT 1 FROM cases WHERE person_id = ?", (person_id,)).fetchone():
        conn.execute("DELETE FROM persons WHERE id = ?", (person_id,))
    conn.execute("INSERT INTO destruction_records(case_number, rule_id, destroyed_on, actor, municipality_id) "
                 "VALUES (?, ?, ?, ?, ?)", (number, rule_id, iso(on), actor, municipality_id))


def last_outcome(conn, case_id: int) -> str | None:
    return conn.execute("SELECT last_outcome FROM cases WHERE id = ?", (case_id,)).fetchone()[0]


def phase_counts(conn, scope: Scope = None) -> dict[str, int]:
    where, params = in_scope(scope)
    return dict(conn.execute(f"SELECT c.phase, count(*) FROM cases c WHERE {where} GROUP BY c.phase", params))


def follow_ups_due(conn, before: dt.date, limit: int, scope: Scope = None, director: str | None = None) -> list[Case]:
    """Open cases whose 'more information' deadline falls before `before`, soonest first (of one
    director if given)."""
    where, params = in_scope(scope)
    mine, who = ("c.director = ?", (director,)) if director else ("1", ())
    rows = conn.execute(f"SELECT {', '.join('c.' + c for c in CASE_COLUMNS)} FROM cases c WHERE c.follow_up_deadline "
                        "IS NOT NULL AND c.follow_up_deadline <= ? AND c.phase NOT IN ('afgesloten', 'vernietigd') "
                        f"AND {where} AND {mine} ORDER BY c.follow_up_deadline LIMIT ?", (iso(before), *params, *who, limit))
    return [Case(**dict(zip(CASE_COLUMNS, r))) for r in rows]


def cases_in_phase(conn, phase: Phase, limit: int, scope: Scope = None) -> list[Case]:
    """Cases in `phase` of the municipalities of `scope`, oldest first."""
    where, params = in_scope(scope)
    rows = conn.execute(f"SELECT {', '.join('c.' + c for c in CASE_COLUMNS)} FROM cases c WHERE c.phase = ? "
                        f"AND {where} ORDER BY c.id LIMIT ?", (phase.value, *params, limit))
    return [Case(**dict(zip(CASE_COLUMNS, r))) for r in rows]


def municipality_of(conn, case_id: int) -> int | None:
    row = conn.execute("SELECT municipality_id FROM cases WHERE id = ?", (case_id,)).fetchone()
    return row[0] if row else None


OPEN = "c.phase NOT IN ('afgesloten', 'vernietigd')"
# Every dated commitment of an open case: (kind, case id, number, due date, item id, director, municipality).
_DEADLINES = f"""
SELECT 'follow_up' AS kind, c.id AS case_id, c.number, c.follow_up_deadline AS due_on, NULL AS item_id,
       c.director, c.municipality_id FROM cases c WHERE c.follow_up_deadline IS NOT NULL AND {OPEN}
UNION ALL
SELECT 'review', c.id, c.number, c.next_review_on, NULL, c.director, c.municipality_id FROM cases c
 WHERE c.next_review_on IS NOT NULL AND {OPEN}
UNION ALL
SELECT 'evaluation', c.id, c.number, i.evaluate_on, i.id, c.director, c.municipality_id FROM interventions i
 JOIN cases c ON c.id = i.case_id WHERE i.status IN ('gepland', 'lopend') AND {OPEN}
UNION ALL
SELECT 'informing', c.id, c.number, f.reconsider_on, NULL, c.director, c.municipality_id FROM informing f
 JOIN cases c ON c.id = f.case_id WHERE f.id = (SELECT max(id) FROM informing WHERE case_id = f.case_id)
 AND f.reconsider_on IS NOT NULL AND f.informed_on IS NULL AND {OPEN}
UNION ALL
SELECT 'action', c.id, c.number, a.due_on, a.id, c.director, c.municipality_id FROM actions a
 JOIN cases c ON c.id = a.case_id WHERE a.done_on IS NULL AND {OPEN}
"""


def overdue_deadlines(conn, *, today: dt.date, director: str, escalate_before: dt.date, scope: Scope,
                      limit: int) -> list[tuple[str, int, str, str, int | None, bool]]:
    """(kind, case id, number, due date, item id, escalated) of passed deadlines, oldest first: those
    of the cases `director` runs, and, once past `escalate_before`, those of every case in `scope`."""
    where, params = in_scope(scope, alias="d")
    rows = conn.execute(
        f"SELECT d.kind, d.case_id, d.number, d.due_on, d.item_id, coalesce(d.director, '') != ? FROM ({_DEADLINES}) d "
        f"WHERE d.due_on < ? AND (d.director = ? OR (d.due_on < ? AND {where})) ORDER BY d.due_on, d.case_id LIMIT ?",
        (director, iso(today), director, iso(escalate_before), *params, limit))
    return [(k, c, n, due, item, bool(escalated)) for k, c, n, due, item, escalated in rows]
