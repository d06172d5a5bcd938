"""The SQL of the accountable process (issue 11): disposals, criminal tracks, dormant files.

Services call these inside `vault.transaction()`; nothing else runs SQL.
"""

from __future__ import annotations

import datetime as dt

from pgatui.vault.cases import Scope, in_scope, iso, open_value, store_sealed

DISPOSAL_COLUMNS = ("case_number", "kind", "other_number", "actor", "confirmed_by", "at")


# disposals (duplicate or error)

def insert_disposal(conn, *, case_number: str, kind: str, other_number: str | None, actor: str,
                    confirmed_by: str, at: dt.datetime) -> int:
    cur = conn.execute(f"INSERT INTO disposals({', '.join(DISPOSAL_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?)",
                       (case_number, kind, other_number, actor, confirmed_by, iso(at)))
    return cur.lastrowid


def disposals(conn) -> list[dict]:
    """Every disposal record, newest first."""
    rows = conn.execute(f"SELECT {', '.join(DISPOSAL_COLUMNS)} FROM disposals ORDER BY id DESC")
    return [dict(zip(DISPOSAL_COLUMNS, row)) for row in rows]


def case_id_of_number(conn, number: str) -> int | None:
    row = conn.execute("SELECT id FROM cases WHERE number = ?", (number,)).fetchone()
    return row[0] if row else None


def move_signals(conn, from_case: int, to_case: int) -> list[int]:
    """Move every signal of `from_case` to `to_case`; the ids moved."""
    ids = [r[0] for r in conn.execute("SELECT id FROM signals WHERE case_id = ? ORDER BY id", (from_case,))]
    conn.execute("UPDATE signals SET case_id = ? WHERE case_id = ?", (to_case, from_case))
    return ids


# the criminal track

def set_criminal_track(conn, case_id: int, track: str, release_on: dt.date | None, weighing_id: int) -> None:
    conn.execute("INSERT INTO criminal_tracks(case_id, track, expected_release_on, weighing_id) VALUES (?, ?, ?, ?) "
                 "ON CONFLICT(case_id) DO UPDATE SET track = excluded.track, "
                 "expected_release_on = excluded.expected_release_on, weighing_id = excluded.weighing_id",
                 (case_id, track, iso(release_on), weighing_id))


def criminal_track_of(conn, case_id: int) -> tuple[str, str | None] | None:
    row = conn.execute("SELECT track, expected_release_on FROM criminal_tracks WHERE case_id = ?",
                       (case_id,)).fetchone()
    return (row[0], row[1]) if row else None


def _of_director_in_scope(director: str | None, scope: Scope) -> tuple[str, list]:
    """The SQL that keeps a case list to one director (None: any) within the user's municipalities."""
    within, params = in_scope(scope)
    if director is None:
        return f" AND {within}", list(params)
    return f" AND c.director = ? AND {within}", [director, *params]


def releases_between(conn, first: dt.date, last: dt.date, director: str | None, limit: int,
                     scope: Scope = None) -> list[tuple[int, str, str]]:
    """(case id, number, release date) of open cases in detention released between the dates."""
    sql = ("SELECT c.id, c.number, t.expected_release_on FROM criminal_tracks t JOIN cases c ON c.id = t.case_id "
           "WHERE t.track = 'detentie' AND t.expected_release_on BETWEEN ? AND ? "
           "AND c.phase NOT IN ('afgesloten', 'vernietigd')")
    more, params = _of_director_in_scope(director, scope)
    sql += more
    params = [iso(first), iso(last), *params]
    return list(conn.execute(sql + " ORDER BY t.expected_release_on, c.id LIMIT ?", (*params, limit)))


# dormant open files

OPEN_FACT_COLUMNS = ("id", "number", "phase", "director", "last_substantive_on", "justified_on")


def quiet_open_cases(conn, quiet_since: dt.date, director: str | None = None, scope: Scope = None) -> list[dict]:
    """Open cases without a substantive event since `quiet_since`, with their latest justification
    (the caller decides, by the policy, which are dormant and which are justified)."""
    sql = ("SELECT c.id, c.number, c.phase, c.director, c.last_substantive_on, "
           "(SELECT max(j.justified_on) FROM dormancy_justifications j WHERE j.case_id = c.id) "
           "FROM cases c WHERE c.last_substantive_on <= ? AND c.phase NOT IN ('afgesloten', 'vernietigd')")
    more, params = _of_director_in_scope(director, scope)
    sql += more
    params = [iso(quiet_since), *params]
    return [dict(zip(OPEN_FACT_COLUMNS, row)) for row in conn.execute(sql + " ORDER BY c.last_substantive_on, c.id",
                                                                       params)]


def first_dormant_cases(conn, quiet_until: dt.date, limit: int, director: str | None = None,
                        scope: Scope = None) -> list[dict]:
    """As `quiet_open_cases`, only the open cases quiet (no substantive event and no
    justification) since `quiet_until` or longer, the longest quiet first, at most `limit`: the
    dashboard's few, without reading every quiet file.

    A file is quiet since the later of its last substantive event and its last justification. Those
    never justified (nearly all) are read in the order of their last event from the open files'
    index, and only the first `limit` of them; the few justified ones are read apart. The longest
    quiet `limit` files are among those two sets (at 100 000 persons this read 36 000 quiet files
    and sorted them: 75-340 ms on every dashboard)."""
    more, params = _of_director_in_scope(director, scope)
    columns = "c.id, c.number, c.phase, c.director, c.last_substantive_on"
    never_justified = conn.execute(
        f"SELECT {columns}, NULL FROM cases c INDEXED BY cases_open_quiet "
        f"WHERE c.last_substantive_on <= ? AND c.phase NOT IN ('afgesloten', 'vernietigd'){more} "
        "AND NOT EXISTS (SELECT 1 FROM dormancy_justifications j WHERE j.case_id = c.id) "
        "ORDER BY c.last_substantive_on, c.id LIMIT ?", (iso(quiet_until), *params, limit))
    justified = conn.execute(
        f"SELECT {columns}, j.justified FROM (SELECT case_id, max(justified_on) AS justified "
        "FROM dormancy_justifications GROUP BY case_id) j JOIN cases c ON c.id = j.case_id "
        f"WHERE max(c.last_substantive_on, j.justified) <= ? AND c.phase NOT IN ('afgesloten', 'vernietigd'){more}",
        (iso(quiet_until), *params))
    found = [dict(zip(OPEN_FACT_COLUMNS, row)) for row in [*never_justified, *justified]]
    return sorted(found, key=_quiet_order)[:limit]


def _quiet_order(facts: dict) -> tuple[str, int]:
    return max(facts["last_substantive_on"], facts["justified_on"] or ""), facts["id"]


def insert_justification(conn, case_id: int, on: dt.date, reason: str, by: str) -> int:
    """A justification, its reason sealed under the case's compartment."""
    justification_id = conn.execute("INSERT INTO dormancy_justifications(case_id, justified_on, reason, recorded_by) "
                                    "VALUES (?, ?, X'', ?)", (case_id, iso(on), by)).lastrowid
    store_sealed(conn, "dormancy_justifications", justification_id, case_id, {"reason": reason})
    return justification_id


def justifications_of(conn, case_id: int) -> list[tuple[str, str, str]]:
    """(justified_on, reason, recorded_by) of a case, newest first (the reason opened)."""
    rows = conn.execute("SELECT id, compartment, justified_on, reason, recorded_by FROM dormancy_justifications "
                        "WHERE case_id = ? ORDER BY justified_on DESC, id DESC", (case_id,)).fetchall()
    return [(on, open_value(conn, "dormancy_justifications", "reason", row_id, compartment, reason), by)
            for row_id, compartment, on, reason, by in rows]




# who directs which open case (the beheerder's handover list: numbers and logins, no content)

def directed_cases(conn, query: str, limit: int, scope: Scope = None) -> list[tuple[int, str, int | None, str | None, str | None]]:
    """(id, number, municipality id, municipality name, director) of open cases by number; `query`
    narrows to a case number (whole or its last digits), a director's login or part of a
    municipality's name."""
    within, params = in_scope(scope)
    sql = ("SELECT c.id, c.number, c.municipality_id, o.name, c.director FROM cases c "
           "LEFT JOIN organisations o ON o.id = c.municipality_id "
           f"WHERE c.phase NOT IN ('afgesloten', 'vernietigd') AND {within}")
    params = list(params)
    if query:
        digits = query.upper().rsplit("-", 1)[-1]
        pattern = "%" + query.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        sql += (" AND (c.number = upper(?) OR c.id = ? OR lower(c.director) = lower(?) "
                "OR lower(o.name) LIKE ? ESCAPE '\\')")
        params += [query, int(digits) if digits.isdigit() and len(digits) < 12 else -1, query, pattern]
    return list(conn.execute(sql + " ORDER BY c.id LIMIT ?", (*params, limit)))
