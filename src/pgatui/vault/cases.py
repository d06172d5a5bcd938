"""The SQL for case data. Services call these inside `vault.transaction()`; nothing else runs SQL."""

from __future__ import annotations

import datetime as dt
import json

from pgatui.domain.models import Case, LegalHold, Person, Phase, Signal

CASE_COLUMNS = ("id", "number", "phase", "person_id", "owner", "opened_on", "last_substantive_on", "closed_on",
                "closure_reason", "follow_up_deadline", "next_review_on")
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


def insert_case(conn, person_id: int, owner: str, opened_on: dt.date) -> int:
    case_id = _next_case_id(conn)
    conn.execute("INSERT INTO cases(id, number, person_id, phase, owner, opened_on, last_substantive_on) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?)",
                 (case_id, case_number(opened_on.year, case_id), person_id, Phase.SIGNAAL.value, owner,
                  iso(opened_on), iso(opened_on)))
    return case_id


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


def persons_like(conn, name: str, date_of_birth: dt.date) -> list[Person]:
    rows = conn.execute(f"SELECT {', '.join(PERSON_COLUMNS)} FROM persons WHERE date_of_birth = ? AND lower(name) = lower(?)",
                        (iso(date_of_birth), name))
    return [Person(**dict(zip(PERSON_COLUMNS, r))) for r in rows]


def search(conn, query: str, limit: int) -> list[int]:
    """Case ids whose person name or signal text matches every word (prefix match)."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in query).split() if w]
    if not words:
        return []
    match = " ".join(f'"{w}"*' for w in words)
    return [r[0] for r in conn.execute(
        "SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rank LIMIT ?", (match, limit))]


DUE_KEY = "coalesce(c.follow_up_deadline, c.next_review_on, '9999-12-31')"  # as in migration 0006
NOTHING_DUE = "9999-12-31"


def page_case_rows(conn, *, phase: Phase | None, owner: str | None, by_due: bool, after: tuple[str, int] | None,
                   limit: int) -> list[tuple[Case, str, str]]:
    """(case, person name, due key) keyset-paged by id, or by due date then id; filtered."""
    clauses, params = ["c.phase != 'vernietigd'"], []
    if phase is not None:
        clauses.append("c.phase = ?")
        params.append(phase.value)
    if owner is not None:
        clauses.append("c.owner = ?")
        params.append(owner)
    order = f"{DUE_KEY}, c.id" if by_due else "c.id"
    if after is not None:
        clauses.append(f"({DUE_KEY}, c.id) > (?, ?)" if by_due else "c.id > ?")
        params.extend(after if by_due else after[1:])
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
    """Remove every trace of the case and, if it has no other case, its person; keep proof only."""
    person_id = conn.execute("SELECT person_id FROM cases WHERE id = ?", (case_id,)).fetchone()[0]
    conn.execute("DELETE FROM search_index WHERE rowid = ?", (case_id,))
    conn.execute("DELETE FROM cases WHERE id = ?", (case_id,))
    if not conn.execute("SELECT 1 FROM cases WHERE person_id = ?", (person_id,)).fetchone():
        conn.execute("DELETE FROM persons WHERE id = ?", (person_id,))
    conn.execute("INSERT INTO destruction_records(case_number, rule_id, destroyed_on, actor) VALUES (?, ?, ?, ?)",
                 (number, rule_id, iso(on), actor))


def last_outcome(conn, case_id: int) -> str | None:
    return conn.execute("SELECT last_outcome FROM cases WHERE id = ?", (case_id,)).fetchone()[0]


def phase_counts(conn) -> dict[str, int]:
    return dict(conn.execute("SELECT phase, count(*) FROM cases GROUP BY phase"))


def follow_ups_due(conn, before: dt.date, limit: int) -> list[Case]:
    """Open cases whose 'more information' deadline falls before `before`, soonest first."""
    rows = conn.execute(f"SELECT {', '.join(CASE_COLUMNS)} FROM cases WHERE follow_up_deadline IS NOT NULL "
                        "AND follow_up_deadline <= ? AND phase NOT IN ('afgesloten', 'vernietigd') "
                        "ORDER BY follow_up_deadline LIMIT ?", (iso(before), limit))
    return [Case(**dict(zip(CASE_COLUMNS, r))) for r in rows]


def cases_in_phase_of(conn, phase: Phase, owner: str, limit: int) -> list[Case]:
    rows = conn.execute(f"SELECT {', '.join(CASE_COLUMNS)} FROM cases WHERE phase = ? AND owner = ? "
                        "ORDER BY id LIMIT ?", (phase.value, owner, limit))
    return [Case(**dict(zip(CASE_COLUMNS, r))) for r in rows]
