"""The SQL of the figures screen (issue 16): counts of codes, never rows of people.

Every function takes the period (ISO dates, both inclusive) and the municipalities to count
(`Scope`: None for every one) and returns codes with counts or small histograms. Indexes of
migration 0022 let the period filters seek. The services apply suppression and the policy.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from pgatui.domain.enums import Gender, Ideology, WeighingOutcome
from pgatui.domain.figures import by_band
from pgatui.vault.cases import (DEADLINE_PARTS, OPEN, Scope, age_tokens, gender_tokens, ideology_tokens, in_scope, iso,
                                open_value)
from pgatui.vault.sealer import sealer_of

# The signals received in the period, of cases in scope (aliases s and c for the queries below).
# CROSS JOIN keeps the period index (signals_figures, covering) as the outer loop: without
# statistics the planner would start from every case of the municipality and read wide rows.
# The case is looked up in a narrow index, never in its wide row: its municipality, or also its
# person (`person`); counting every municipality needs no case at all unless the person is read.
_SIGNALS = "FROM signals s INDEXED BY signals_figures {join} WHERE s.received_on BETWEEN ? AND ? AND {where}"
_CASE_PERSON = "CROSS JOIN cases c INDEXED BY cases_person_link ON c.id = s.case_id"
_CASE_MUNICIPALITY = "CROSS JOIN cases c INDEXED BY cases_municipality ON c.id = s.case_id"
_PERSON = " CROSS JOIN persons p INDEXED BY persons_gender ON p.id = c.person_id"


def _earliest(column: str, source: str, match: str, *, descending: bool = False) -> str:
    """A correlated subquery for the earliest (or latest) `column` of the matching rows. Written as
    ORDER BY ... LIMIT 1: SQLite seeks the index for that, while min() in a correlated subquery
    walked it (25 times slower at 10 000 cases)."""
    return f"(SELECT {column} FROM {source} WHERE {match} ORDER BY {column}{' DESC' if descending else ''} LIMIT 1)"


def _grouped(conn, sql: str, params: tuple) -> dict:
    return {key: count for key, count in conn.execute(sql, params)}


# Tallies: the queries select the narrow codes of the rows (from the covering indexes) and
# Python counts them. SQLite's GROUP BY sorts them first, and that sort measured 2-5 times the
# whole query here (SQLCipher wipes every buffer it frees); no person's row is read either way.
def _tally(conn, sql: str, params: tuple) -> Counter:
    """How often each row of `sql` (a tuple of codes) occurs."""
    return Counter(conn.execute(sql, params))


def _tally_one(conn, sql: str, params: tuple) -> dict:
    """How often each value of `sql`'s one column occurs."""
    return dict(Counter(row[0] for row in conn.execute(sql, params)))


def _signals(start: dt.date, end: dt.date, scope: Scope, *, person: bool = False) -> tuple[str, tuple]:
    where, params = in_scope(scope)
    join = _CASE_PERSON + _PERSON if person else "" if scope is None else _CASE_MUNICIPALITY
    return _SIGNALS.format(join=join, where=where), (iso(start), iso(end), *params)


@dataclass(frozen=True)
class SignalCounts:
    """The signals of a period counted in one pass over the period index (issue 16 item 4: a
    query per group read the same signals five times)."""

    total: int
    sources: dict[str, int]
    months: dict[str, int]  # keyed YYYY-MM
    ages: dict[str, int]  # per band of `domain.figures.AGE_BANDS`
    genders: dict[str, int]


def signal_counts(conn, start: dt.date, end: dt.date, scope: Scope) -> SignalCounts:
    """Signals of the period per source, month, age band and gender, and in all.

    Ages: a sealed signal is grouped by its `age_token` per compartment (written at intake,
    migration 0027) and the tokens are read back with the compartment's key (`cases.age_tokens`):
    no date of birth is opened. Rows without a token (a drop box not taken in yet, a signal from
    before 0027 not yet filled) or of a compartment this session holds no key of are not counted
    by age; a plain person's age is computed in SQL. Gender: the person's token per compartment
    (a plain row by its code); a person stored before the field existed counts as unknown."""
    base, params = _signals(start, end, scope, person=True)
    unknown = Gender.ONBEKEND.value
    rows = _tally(conn, "SELECT s.source_kind, substr(s.received_on, 1, 7), s.compartment, s.age_token, p.compartment, "
                        f"CASE WHEN p.compartment IS NULL THEN coalesce(p.gender, '{unknown}') ELSE p.gender_token END "
                        f"{base}", params)
    sources, months, by_age, by_gender = {}, {}, {}, {}
    for (source, month, compartment, age, person_compartment, gender), count in rows.items():
        _add(sources, source, count)
        _add(months, month, count)
        if compartment is not None and age is not None:
            _add(by_age, (compartment, age), count)
        _add(by_gender, (person_compartment, gender), count)
    ages = _plain_ages(conn, start, end, scope)
    _add_by_token(conn, ages, ((c, token, n) for (c, token), n in by_age.items()), age_tokens)
    genders = _by_token(conn, ((c, value, n) for (c, value), n in by_gender.items()),
                        lambda c: {**gender_tokens(conn, c), None: unknown})
    return SignalCounts(sum(sources.values()), sources, months, ages, genders)


def _add(counts: dict, key, count: int) -> None:
    counts[key] = counts.get(key, 0) + count


# Whole years between the date of birth and the signal's date (one less before the birthday).
_AGE = ("(CAST(substr(s.received_on, 1, 4) AS INTEGER) - CAST(substr(p.date_of_birth, 1, 4) AS INTEGER)"
        " - (substr(s.received_on, 6, 5) < substr(p.date_of_birth, 6, 5)))")


def _plain_ages(conn, start: dt.date, end: dt.date, scope: Scope) -> dict[str, int]:
    """Age bands of the plain signals of the period (a case without a municipality): the few
    of them lead to their persons' rows, where the date of birth is plain."""
    base, params = _signals(start, end, scope)
    plain = base.replace("WHERE", "CROSS JOIN cases cp ON cp.id = s.case_id JOIN persons p ON p.id = cp.person_id "
                                  "WHERE s.compartment IS NULL AND", 1)
    return by_band(_grouped(conn, f"SELECT {_AGE} AS age, count(*) {plain} AND p.compartment IS NULL "
                                  "AND p.date_of_birth IS NOT NULL GROUP BY age", params))


def age_counts(conn, start: dt.date, end: dt.date, scope: Scope) -> dict[str, int]:
    """Signals per age band of the person at the signal's date (see `signal_counts`)."""
    return signal_counts(conn, start, end, scope).ages


def _add_by_token(conn, counts: dict[str, int], rows, labels_of) -> None:
    """Add the (compartment, token, count) `rows` to `counts` under the label each token stands
    for (`labels_of(conn, compartment)`: token -> label, needs the key); tokens of a compartment
    this session holds no key of, or of no label, are left out."""
    sealer, labels = sealer_of(conn), {}
    for compartment, token, count in rows:
        if not sealer.holds(compartment):
            continue
        if compartment not in labels:
            labels[compartment] = labels_of(conn, compartment)
        label = labels[compartment].get(token)
        if label is not None:
            counts[label] = counts.get(label, 0) + count


def ideology_counts(conn, start: dt.date, end: dt.date, scope: Scope) -> dict[str, int]:
    """Signals per suspected ideology; a signal with more than one counts once in each.

    The one place that reads the signals' ideologies for figures: from their count rows
    (`signal_ideologies`, migration 0025), tallied per compartment and read back with the
    compartment's key (`cases.ideology_tokens`): no value is opened. A plain signal's rows hold
    the code. Signals in a drop box not taken in yet, or of a compartment this session holds no
    key of, are not counted."""
    base, params = _signals(start, end, scope)
    base = base.replace("WHERE", "JOIN signal_ideologies i ON i.signal_id = s.id WHERE", 1)
    rows = _tally(conn, f"SELECT s.compartment, i.ideology {base}", params)
    return _by_token(conn, ((c, value, n) for (c, value), n in rows.items()),
                     lambda compartment: ideology_tokens(conn, compartment, Ideology))


def room_ideology_counts(conn, start: dt.date, end: dt.date, scope: Scope) -> dict[str, int]:
    """Concluded weighings held in the period per ideology of the room's view of the phenomenon
    (issue 14; a weighing with more than one counts in each; one without a recorded view not at all)."""
    base, params = _weighings(start, end, scope, " AND w.concluded = 1", municipality=True)
    base = base.replace("WHERE", "JOIN weighing_ideologies i ON i.weighing_id = w.id WHERE", 1)
    compartment = "CASE WHEN c.municipality_id IS NULL THEN NULL ELSE 'gemeente:' || c.municipality_id END"
    rows = _tally(conn, f"SELECT {compartment}, i.ideology {base}", params)
    return _by_token(conn, ((c, value, n) for (c, value), n in rows.items()),
                     lambda compartment: ideology_tokens(conn, compartment, Ideology))


def room_view_count(conn, start: dt.date, end: dt.date, scope: Scope) -> int:
    """Concluded weighings held in the period that recorded the room's view of the phenomenon."""
    base, params = _weighings(start, end, scope, " AND w.concluded = 1")
    return conn.execute(f"SELECT count(*) {base} AND EXISTS (SELECT 1 FROM weighing_ideologies i "
                        "WHERE i.weighing_id = w.id)", params).fetchone()[0]


def _by_token(conn, rows, tokens_of) -> dict[str, int]:
    """Sum (compartment, token or code, count) `rows` into {code: count}: a plain row's value is
    its code, a sealed row's token is read back with `tokens_of(compartment)` (once per
    compartment); rows of a compartment this session holds no key of are left out."""
    sealer, labels, counts = sealer_of(conn), {}, {}
    for compartment, value, count in rows:
        if compartment is None:
            code = value
        elif not sealer.holds(compartment):
            continue
        else:
            if compartment not in labels:
                labels[compartment] = tokens_of(compartment)
            code = labels[compartment].get(value)
        if code is not None:
            counts[code] = counts.get(code, 0) + count
    return counts


def _weighings(start: dt.date, end: dt.date, scope: Scope, more: str = "", *,
               municipality: bool = False) -> tuple[str, tuple]:
    """FROM and WHERE of the weighings held in the period, of cases in scope (aliases w and c);
    the case from its narrow municipality index, or none when every municipality is counted and
    the query does not read it (`municipality`)."""
    where, params = in_scope(scope)
    # By id first: without a municipality to seek, cases_municipality would be scanned per weighing.
    join = "" if scope is None and not municipality else \
        "CROSS JOIN cases c INDEXED BY cases_person_link ON c.id = w.case_id"
    return (f"FROM weighings w INDEXED BY weighings_figures {join} "
            f"WHERE w.held_on BETWEEN ? AND ? AND {where}{more}", (iso(start), iso(end), *params))


def outcome_counts(conn, start: dt.date, end: dt.date, scope: Scope) -> dict[str, int]:
    """Concluded weighings held in the period, per outcome."""
    base, params = _weighings(start, end, scope, " AND w.concluded = 1")
    return _tally_one(conn, f"SELECT w.outcome {base}", params)


# The first weighing of its case: none of the case was held earlier (ties: the lowest id).
_FIRST = (" AND NOT EXISTS (SELECT 1 FROM weighings w2 INDEXED BY weighings_case_outcome WHERE w2.case_id = w.case_id"
          " AND (w2.held_on < w.held_on OR (w2.held_on = w.held_on AND w2.rowid < w.rowid)))")


def first_weighings_complete(conn, start: dt.date, end: dt.date, scope: Scope) -> tuple[int, int]:
    """(first weighings of a case held in the period, those with all three core partners present
    and their views recorded)."""
    base, params = _weighings(start, end, scope, _FIRST)
    total, complete = conn.execute(f"SELECT count(*), coalesce(sum(w.core_complete), 0) {base}", params).fetchone()
    return total, complete


def weighings_without_core_flag(conn, limit: int) -> list[tuple[int, bytes | str]]:
    """(id, data as `process.weighing_json` reads it) of weighings written before migration 0022
    (core_complete unknown) that this session can open (plain, or sealed since under a key it holds)."""
    held = sealer_of(conn).held()
    rows = conn.execute("SELECT id, compartment, data FROM weighings INDEXED BY weighings_core_unknown "
                        f"WHERE core_complete IS NULL AND (compartment IS NULL OR compartment IN "
                        f"({', '.join('?' * len(held))})) LIMIT ?", (*held, limit)).fetchall()
    return [(i, open_value(conn, "weighings", "data", i, compartment, data)) for i, compartment, data in rows]


def set_core_flag(conn, weighing_id: int, complete: bool) -> None:
    conn.execute("UPDATE weighings SET core_complete = ? WHERE id = ?", (int(complete), weighing_id))


def days_to_first_weighing(conn, start: dt.date, end: dt.date, scope: Scope) -> dict[int, int]:
    """Histogram {days: cases} from a case's first signal to its first weighing, for first
    weighings held in the period."""
    base, params = _weighings(start, end, scope, _FIRST)
    first_signal = _earliest("s.received_on", "signals s INDEXED BY signals_first", "s.case_id = w.case_id")
    # Materialised: the days are computed once per weighing, not again for WHERE.
    return _tally_one(conn, f"WITH f AS MATERIALIZED (SELECT w.held_on, {first_signal} AS signalled {base}) "
                            "SELECT CAST(julianday(held_on) - julianday(signalled) AS INTEGER) AS days "
                            "FROM f WHERE signalled IS NOT NULL", params)


def days_to_first_meeting(conn, start: dt.date, end: dt.date, scope: Scope, today: dt.date) -> dict[int, int]:
    """Histogram {days: cases} from a case's first weighing to its first case meeting held, for
    first meetings held in the period (met in the period, and in no meeting before it)."""
    where, params = in_scope(scope)
    first_weighing = _earliest("w.held_on", "weighings w INDEXED BY weighings_case_outcome", "w.case_id = f.case_id")
    earlier = ("EXISTS (SELECT 1 FROM agenda_items a2 JOIN meetings m2 ON m2.id = a2.meeting_id "
               "WHERE a2.case_id = a.case_id AND m2.held_on < ?)")
    sql = (f"WITH f AS MATERIALIZED (SELECT a.case_id, min(m.held_on) AS met FROM meetings m"
           f" JOIN agenda_items a ON a.meeting_id = m.id JOIN cases c ON c.id = a.case_id"
           f" WHERE m.held_on BETWEEN ? AND ? AND {where} AND NOT {earlier} GROUP BY a.case_id),"
           f" d AS MATERIALIZED (SELECT f.met, {first_weighing} AS weighed FROM f)"
           f" SELECT CAST(julianday(met) - julianday(weighed) AS INTEGER) AS days FROM d"
           f" WHERE weighed IS NOT NULL")
    return _tally_one(conn, sql, (iso(start), iso(min(end, today)), *params, iso(start)))


def path_counts(conn, start: dt.date, end: dt.date, scope: Scope, today: dt.date) -> tuple[int, int, int, int, int]:
    """The path of the cases opened in the period, each step within the one before: (opened,
    weighed, taken into the PGA, discussed in a case meeting held, closed after that)."""
    where, params = in_scope(scope)
    included = WeighingOutcome.OPNEMEN.value
    sql = (
        "SELECT count(*), coalesce(sum(weighed), 0), coalesce(sum(included), 0), coalesce(sum(met), 0),"
        " coalesce(sum(met AND closed), 0) FROM ("
        " SELECT EXISTS(SELECT 1 FROM weighings w WHERE w.case_id = c.id AND w.concluded = 1) AS weighed,"
        "  EXISTS(SELECT 1 FROM weighings w INDEXED BY weighings_case_outcome"
        "   WHERE w.case_id = c.id AND w.outcome = ?) AS included,"
        "  EXISTS(SELECT 1 FROM weighings w INDEXED BY weighings_case_outcome WHERE w.case_id = c.id AND w.outcome = ?)"
        "   AND EXISTS(SELECT 1 FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id"
        "   WHERE a.case_id = c.id AND m.held_on <= ?) AS met,"
        "  c.phase = 'afgesloten' AS closed"
        f" FROM cases c INDEXED BY cases_figures WHERE c.opened_on BETWEEN ? AND ? AND {where})")
    return tuple(conn.execute(sql, (included, included, iso(today), iso(start), iso(end), *params)).fetchone())


# Today's state is counted from one narrow index of the cases (migration 0030), never their rows.
_STATE = "FROM cases c INDEXED BY cases_state"


def open_phase_counts(conn, scope: Scope) -> dict[str, int]:
    """Open cases per phase, today."""
    where, params = in_scope(scope)
    # GROUP BY here: the index holds the phases in order (within a municipality), nothing is sorted.
    index = "cases_phase" if scope is None else "cases_state"
    return _grouped(conn, f"SELECT c.phase, count(*) FROM cases c INDEXED BY {index} WHERE {OPEN} AND {where} "
                          "GROUP BY c.phase", params)


def overdue_counts(conn, today: dt.date, scope: Scope) -> dict[str, int]:
    """Deadlines of open cases passed before today, per kind (follow_up, review, evaluation, ...):
    a count per kind, so each reads its own index (a due date below today seeks it)."""
    where, params = in_scope(scope, alias="d")
    counts = {kind: conn.execute(f"SELECT count(*) FROM ({part}) d WHERE d.due_on < ? AND {where}",
                                 (iso(today), *params)).fetchone()[0] for kind, part in DEADLINE_PARTS.items()}
    return {kind: count for kind, count in counts.items() if count}


def dormant_count(conn, quiet_until: dt.date, scope: Scope) -> int:
    """Open cases without a substantive event or a justification after `quiet_until`."""
    where, params = in_scope(scope)
    latest = _earliest("j.justified_on", "dormancy_justifications j", "j.case_id = c.id", descending=True)
    return conn.execute(f"SELECT count(*) {_STATE} WHERE c.last_substantive_on <= ? AND {OPEN} AND {where} "
                        f"AND coalesce({latest}, '') <= ?", (iso(quiet_until), *params, iso(quiet_until))).fetchone()[0]


def destroyed_count(conn, start: dt.date, end: dt.date, scope: Scope) -> int:
    """Destruction records of the period (of the municipalities in scope: older records without a
    municipality count only when every municipality is counted)."""
    where = "1" if scope is None else in_scope(scope, alias="r")[0]
    params = () if scope is None else tuple(scope)
    return conn.execute(f"SELECT count(*) FROM destruction_records r WHERE r.destroyed_on BETWEEN ? AND ? "
                        f"AND {where}", (iso(start), iso(end), *params)).fetchone()[0]


def closed_outcomes(conn, scope: Scope) -> list[str | None]:
    """The last outcomes the closed cases of `scope` have (the retention rule depends on it)."""
    where, params = in_scope(scope)
    return [row[0] for row in conn.execute(
        f"SELECT DISTINCT c.last_outcome FROM cases c INDEXED BY cases_closed WHERE c.phase = 'afgesloten' AND {where}",
        params)]


# The date a retention term runs from, per event of the rule (as `domain.retention.event_date`
# with what the services know of a closed case: its last substantive event and closure date).
# The indexes of migration 0031 hold these very expressions: change one only with a new index.
_LATEST = "max(c.last_substantive_on, coalesce(c.closed_on, c.last_substantive_on))"
EVENT_DATES = {"closure": f"coalesce(c.closed_on, {_LATEST})"}


# A legal hold in force today (parameters: today twice).
_HOLD_IN_FORCE = "h.ends_on >= ? AND (h.lifted_on IS NULL OR h.lifted_on > ?)"


def _closed_past(outcome: str | None, event: str, passed_until: dt.date, today: dt.date,
                 scope: Scope) -> tuple[str, tuple]:
    """FROM and WHERE of the closed cases with last outcome `outcome` whose retention term,
    running from `event`, passed (the event on or before `passed_until`), without a legal hold
    in force today."""
    past, params = _past_term(outcome, event, passed_until, scope)
    return (f"FROM cases c INDEXED BY {_due_index(event)} WHERE {past} AND NOT EXISTS(SELECT 1 FROM holds h "
            f"WHERE h.case_id = c.id AND {_HOLD_IN_FORCE})", (*params, iso(today), iso(today)))


def _past_term(outcome: str | None, event: str, passed_until: dt.date, scope: Scope) -> tuple[str, tuple]:
    """The condition on a closed case (alias c) of `_closed_past`, whatever its holds."""
    where, params = in_scope(scope)
    return (f"c.phase = 'afgesloten' AND c.last_outcome IS ? AND {_event_date(event)} <= ? AND {where}",
            (outcome, iso(passed_until), *params))


def _event_date(event: str) -> str:
    return EVENT_DATES.get(event, _LATEST)


def _due_index(event: str) -> str:
    """The index of the closed cases in the order of `_event_date(event)` (migration 0031)."""
    return "cases_closed_closure" if event in EVENT_DATES else "cases_closed_latest"


def closed_past_term(conn, outcome: str | None, event: str, passed_until: dt.date, today: dt.date,
                     scope: Scope) -> int:
    """How many closed cases with last outcome `outcome` passed their term (see `_closed_past`):
    all of them, less those under a hold in force, counted from the few holds (a check per
    closed case cost as much as the count)."""
    condition, params = _past_term(outcome, event, passed_until, scope)
    past = conn.execute(f"SELECT count(*) FROM cases c INDEXED BY {_due_index(event)} WHERE {condition}",
                        params).fetchone()
    held = conn.execute(f"SELECT count(DISTINCT c.id) FROM holds h CROSS JOIN cases c ON c.id = h.case_id "
                        f"WHERE {condition} AND {_HOLD_IN_FORCE}", (*params, iso(today), iso(today))).fetchone()
    return past[0] - held[0]


def oldest_past_term(conn, outcome: str | None, event: str, passed_until: dt.date, today: dt.date,
                     scope: Scope, limit: int) -> list[int]:
    """The ids of the first `limit` of those, the oldest event first (the earliest deadlines of
    the rule): the dashboard assesses these, not every closed case."""
    base, params = _closed_past(outcome, event, passed_until, today, scope)
    return [row[0] for row in conn.execute(f"SELECT c.id {base} ORDER BY {_event_date(event)}, c.number LIMIT ?",
                                           (*params, limit))]
