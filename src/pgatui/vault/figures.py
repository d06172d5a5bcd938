"""The SQL of the figures screen (issue 16): counts with GROUP BY, never rows of people.

Every function takes the period (ISO dates, both inclusive) and the municipalities to count
(`Scope`: None for every one) and returns codes with counts or small histograms. Indexes of
migration 0022 let the period filters seek. The services apply suppression and the policy.
"""

from __future__ import annotations

import datetime as dt

from pgatui.domain.enums import WeighingOutcome
from pgatui.vault.cases import _DEADLINES, OPEN, Scope, in_scope, iso

# The signals received in the period, of cases in scope (aliases s and c for the queries below).
_SIGNALS = "FROM signals s JOIN cases c ON c.id = s.case_id WHERE s.received_on BETWEEN ? AND ? AND {where}"


def _grouped(conn, sql: str, params: tuple) -> dict:
    return {key: count for key, count in conn.execute(sql, params)}


def _signals(start: dt.date, end: dt.date, scope: Scope) -> tuple[str, tuple]:
    where, params = in_scope(scope)
    return _SIGNALS.format(where=where), (iso(start), iso(end), *params)


def signal_count(conn, start: dt.date, end: dt.date, scope: Scope) -> int:
    base, params = _signals(start, end, scope)
    return conn.execute(f"SELECT count(*) {base}", params).fetchone()[0]


def source_counts(conn, start: dt.date, end: dt.date, scope: Scope) -> dict[str, int]:
    base, params = _signals(start, end, scope)
    return _grouped(conn, f"SELECT s.source_kind, count(*) {base} GROUP BY s.source_kind", params)


def month_counts(conn, start: dt.date, end: dt.date, scope: Scope) -> dict[str, int]:
    """Signals per month, keyed YYYY-MM."""
    base, params = _signals(start, end, scope)
    return _grouped(conn, f"SELECT substr(s.received_on, 1, 7) AS month, count(*) {base} GROUP BY month", params)


# Whole years between the date of birth and the signal's date (one less before the birthday).
_AGE = ("(CAST(substr(s.received_on, 1, 4) AS INTEGER) - CAST(substr(p.date_of_birth, 1, 4) AS INTEGER)"
        " - (substr(s.received_on, 6, 5) < substr(p.date_of_birth, 6, 5)))")


def age_counts(conn, start: dt.date, end: dt.date, scope: Scope) -> dict[int, int]:
    """Signals per age of the person at the signal's date (the domain sums them into bands)."""
    base, params = _signals(start, end, scope)
    base = base.replace("WHERE", "JOIN persons p ON p.id = c.person_id WHERE", 1)
    return _grouped(conn, f"SELECT {_AGE} AS age, count(*) {base} GROUP BY age", params)


def ideology_counts(conn, start: dt.date, end: dt.date, scope: Scope) -> dict[str, int]:
    """Signals per suspected ideology; a signal with more than one counts once in each.

    The one place that reads `signals.ideology` for figures, so that the compartments (which seal
    the column and keep a token per compartment to group by) change only this function. A stored
    value is a code or a JSON list of codes; json_each walks either as a list.
    """
    base, params = _signals(start, end, scope)
    listed = ("json_each(CASE WHEN json_valid(s.ideology) AND json_type(s.ideology) = 'array' "
              "THEN s.ideology ELSE json_array(s.ideology) END) AS i")
    base = base.replace("WHERE", f"JOIN {listed} WHERE", 1)
    return _grouped(conn, f"SELECT i.value, count(DISTINCT s.id) {base} GROUP BY i.value", params)


def _weighings(start: dt.date, end: dt.date, scope: Scope, more: str = "") -> tuple[str, tuple]:
    where, params = in_scope(scope)
    return (f"FROM weighings w JOIN cases c ON c.id = w.case_id WHERE w.held_on BETWEEN ? AND ? AND {where}{more}",
            (iso(start), iso(end), *params))


def outcome_counts(conn, start: dt.date, end: dt.date, scope: Scope) -> dict[str, int]:
    """Concluded weighings held in the period, per outcome."""
    # "+": the period index (weighings_held) narrows far more than concluded = 1 (weighings_open).
    base, params = _weighings(start, end, scope, " AND +w.concluded = 1")
    return _grouped(conn, f"SELECT w.outcome, count(*) {base} GROUP BY w.outcome", params)


_FIRST = " AND w.id = (SELECT min(w2.id) FROM weighings w2 WHERE w2.case_id = w.case_id)"


def first_weighings_complete(conn, start: dt.date, end: dt.date, scope: Scope) -> tuple[int, int]:
    """(first weighings of a case held in the period, those with all three core partners present
    and their views recorded)."""
    base, params = _weighings(start, end, scope, _FIRST)
    total, complete = conn.execute(f"SELECT count(*), coalesce(sum(w.core_complete), 0) {base}", params).fetchone()
    return total, complete


def weighings_without_core_flag(conn, limit: int) -> list[tuple[int, bytes | str]]:
    """(id, stored data) of weighings written before migration 0022 (core_complete unknown)."""
    return list(conn.execute("SELECT id, data FROM weighings WHERE core_complete IS NULL LIMIT ?", (limit,)))


def set_core_flag(conn, weighing_id: int, complete: bool) -> None:
    conn.execute("UPDATE weighings SET core_complete = ? WHERE id = ?", (int(complete), weighing_id))


def days_to_first_weighing(conn, start: dt.date, end: dt.date, scope: Scope) -> dict[int, int]:
    """Histogram {days: cases} from a case's first signal to its first weighing, for first
    weighings held in the period."""
    base, params = _weighings(start, end, scope, _FIRST)
    days = ("CAST(julianday(w.held_on) - julianday((SELECT min(s.received_on) FROM signals s "
            "WHERE s.case_id = w.case_id)) AS INTEGER)")
    return _grouped(conn, f"SELECT {days} AS days, count(*) {base} AND days IS NOT NULL GROUP BY days", params)


def days_to_first_meeting(conn, start: dt.date, end: dt.date, scope: Scope, today: dt.date) -> dict[int, int]:
    """Histogram {days: cases} from a case's first weighing to its first case meeting held, for
    first meetings held in the period."""
    where, params = in_scope(scope)
    sql = (f"SELECT CAST(julianday(f.met) - julianday((SELECT min(w.held_on) FROM weighings w "
           f"WHERE w.case_id = f.case_id)) AS INTEGER) AS days, count(*) FROM ("
           f" SELECT a.case_id, min(m.held_on) AS met FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id"
           f" JOIN cases c ON c.id = a.case_id WHERE m.held_on <= ? AND {where} GROUP BY a.case_id) f"
           f" WHERE f.met BETWEEN ? AND ? AND days IS NOT NULL GROUP BY days")
    return _grouped(conn, sql, (iso(today), *params, iso(start), iso(end)))


def path_counts(conn, start: dt.date, end: dt.date, scope: Scope, today: dt.date) -> tuple[int, int, int, int, int]:
    """The path of the cases opened in the period, each step within the one before: (opened,
    weighed, taken into the PGA, discussed in a case meeting held, closed after that)."""
    where, params = in_scope(scope)
    included = WeighingOutcome.OPNEMEN.value
    sql = (
        "SELECT count(*), coalesce(sum(weighed), 0), coalesce(sum(included), 0), coalesce(sum(met), 0),"
        " coalesce(sum(met AND closed), 0) FROM ("
        " SELECT EXISTS(SELECT 1 FROM weighings w WHERE w.case_id = c.id AND w.concluded = 1) AS weighed,"
        "  EXISTS(SELECT 1 FROM weighings w WHERE w.case_id = c.id AND w.outcome = ?) AS included,"
        "  EXISTS(SELECT 1 FROM weighings w WHERE w.case_id = c.id AND w.outcome = ?)"
        "   AND EXISTS(SELECT 1 FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id"
        "   WHERE a.case_id = c.id AND m.held_on <= ?) AS met,"
        "  c.phase = 'afgesloten' AS closed"
        f" FROM cases c WHERE c.opened_on BETWEEN ? AND ? AND {where})")
    return tuple(conn.execute(sql, (included, included, iso(today), iso(start), iso(end), *params)).fetchone())


def open_phase_counts(conn, scope: Scope) -> dict[str, int]:
    """Open cases per phase, today."""
    where, params = in_scope(scope)
    return _grouped(conn, f"SELECT c.phase, count(*) FROM cases c WHERE {OPEN} AND {where} GROUP BY c.phase", params)


def overdue_counts(conn, today: dt.date, scope: Scope) -> dict[str, int]:
    """Deadlines of open cases passed before today, per kind (follow_up, review, evaluation, ...)."""
    where, params = in_scope(scope, alias="d")
    return _grouped(conn, f"SELECT d.kind, count(*) FROM ({_DEADLINES}) d WHERE d.due_on < ? AND {where} "
                          "GROUP BY d.kind", (iso(today), *params))


def quiet_since_counts(conn, quiet_before: dt.date, scope: Scope) -> dict[str, int]:
    """Open cases quiet since on or before `quiet_before`, counted per date they are quiet since
    (the later of the last substantive event and the last justification): the policy decides
    which dates make a file dormant."""
    where, params = in_scope(scope)
    quiet = ("max(c.last_substantive_on, coalesce((SELECT max(j.justified_on) FROM dormancy_justifications j "
             "WHERE j.case_id = c.id), ''))")
    return _grouped(conn, f"SELECT {quiet} AS quiet, count(*) FROM cases c WHERE c.last_substantive_on <= ? "
                          f"AND {OPEN} AND {where} GROUP BY quiet", (iso(quiet_before), *params))


def destroyed_count(conn, start: dt.date, end: dt.date, scope: Scope) -> int:
    """Destruction records of the period (of the municipalities in scope: older records without a
    municipality count only when every municipality is counted)."""
    where = "1" if scope is None else in_scope(scope, alias="r")[0]
    params = () if scope is None else tuple(scope)
    return conn.execute(f"SELECT count(*) FROM destruction_records r WHERE r.destroyed_on BETWEEN ? AND ? "
                        f"AND {where}", (iso(start), iso(end), *params)).fetchone()[0]


def closed_case_groups(conn, today: dt.date, scope: Scope) -> list[tuple[str | None, str, str | None, int]]:
    """Closed cases without an active hold, grouped by what their retention deadline depends on:
    (last outcome, last substantive event, closure date, count)."""
    where, params = in_scope(scope)
    held = ("EXISTS(SELECT 1 FROM holds h WHERE h.case_id = c.id AND h.ends_on >= ? "
            "AND (h.lifted_on IS NULL OR h.lifted_on > ?))")
    return list(conn.execute(
        f"SELECT c.last_outcome, c.last_substantive_on, c.closed_on, count(*) FROM cases c "
        f"WHERE c.phase = 'afgesloten' AND {where} AND NOT {held} "
        "GROUP BY c.last_outcome, c.last_substantive_on, c.closed_on", (*params, iso(today), iso(today))))
