"""The SQL for the process after intake: weighings, meetings, minutes, interventions, actions,
informing decisions and reviews. Services call these inside `vault.transaction()`.

Weighings and minutes are stored as their validated JSON (the domain rebuilds them whole and
checks every change); the columns beside the JSON are what lists, dashboards and access need.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import zlib

from pydantic import BaseModel

from pgatui.domain.models import (ActionItem, ActionItemInput, AgendaItem, Attendance, Case, CaseMinutes,
                                  InformingDecision, Intervention, InterventionInput, Meeting, MeetingInput,
                                  Review, Weighing, WeighingOpenInput)
from pgatui.domain.figures import all_core_partners
from pgatui.vault.cases import (CASE_COLUMNS, Scope, case_of, in_scope, iso, open_row, open_value, seal_row,
                                share_row, share_with_invited, store_sealed)
from pgatui.vault.sealer import SEALED, sealer_of


def _whose(scope: Scope, director: str | None = None) -> tuple[str, tuple]:
    """SQL keeping the cases (alias c) of `scope`'s municipalities, and of one director if given."""
    where, params = in_scope(scope)
    if director:
        return f"{where} AND c.director = ?", (*params, director)
    return where, params

INTERVENTION_COLUMNS = ("id", "case_id", "kind", "owner_partner", "starts_on", "evaluate_on", "description",
                        "status", "evaluated_on", "evaluation")
ACTION_COLUMNS = ("id", "case_id", "description", "owner", "owner_organisation", "due_on", "done_on", "done_by")
INFORMING_COLUMNS = ("informed_on", "informed_by", "reason_not_to", "reconsider_on")


def _models(conn, model: type[BaseModel], columns: tuple[str, ...], where: str, params: tuple) -> list:
    """Rows of `table` as `model`s, sealed columns opened (with the case's key, or from a partner
    copy): one place that maps a column list onto a model. `columns` starts with id and case_id."""
    table, _, clause = where.partition(" ")
    rows = conn.execute(f"SELECT compartment, {', '.join(columns)} FROM {table} {clause}", params)
    return [model(**_opened_row(conn, table, columns, row[0], row[1:])) for row in rows]


def _opened_row(conn, table: str, columns: tuple[str, ...], compartment: str | None, stored) -> dict:
    values = dict(zip(columns, stored))
    return open_row(conn, table, values["id"], compartment, values, values["case_id"])


def _cases(conn, clause: str, params: tuple) -> list[Case]:
    """Cases (aliased `c` in `clause`) as models."""
    rows = conn.execute(f"SELECT {', '.join('c.' + c for c in CASE_COLUMNS)} FROM cases c {clause}", params)
    return [case_of(conn, row) for row in rows]


# --- weighings ------------------------------------------------------------------------------------

def insert_weighing(conn, case_id: int, opening: WeighingOpenInput, opened_by: str) -> Weighing:
    weighing = new_weighing_row(conn, case_id, opening, opened_by)
    save_weighing(conn, weighing)
    return weighing


def new_weighing_row(conn, case_id: int, opening: WeighingOpenInput, opened_by: str) -> Weighing:
    """The weighing's row, its record not yet saved: the caller saves it (`save_weighing`) in
    the same transaction (a seed saves it once, whole)."""
    cur = conn.execute("INSERT INTO weighings(case_id, held_on, catalogue_version, data, opened_by) "
                       "VALUES (?, ?, ?, '{}', ?)",
                       (case_id, iso(opening.held_on), opening.catalogue_version, opened_by))
    return Weighing(id=cur.lastrowid, case_id=case_id, **opening.model_dump())


# A weighing is three parties' views on every criterion: its JSON repeats the same keys and codes
# and is three quarters of a vault. It is stored deflated (a BLOB); a row an older pgatui wrote as
# text JSON reads as it is.
WEIGHING_COMPRESSION = 9


def pack_weighing(weighing: Weighing) -> bytes:
    return zlib.compress(weighing.model_dump_json().encode("utf-8"), WEIGHING_COMPRESSION)


def weighing_json(stored: bytes | str) -> str:
    """The JSON of a stored weighing: deflated (a plain BLOB), text from before the deflating,
    or, opened from its seal, the deflated form as base85 text (`cases.sealable`)."""
    if isinstance(stored, bytes):
        return zlib.decompress(stored).decode("utf-8")
    return stored if stored.startswith("{") else zlib.decompress(base64.b85decode(stored)).decode("utf-8")


def save_weighing(conn, weighing: Weighing) -> None:
    conn.execute("UPDATE weighings SET concluded = ?, outcome = ?, core_complete = ? WHERE id = ?",
                 (int(weighing.concluded), weighing.outcome.value if weighing.outcome else None,
                  int(all_core_partners(weighing)), weighing.id))
    store_sealed(conn, "weighings", weighing.id, weighing.case_id, {"data": pack_weighing(weighing)})


def _weighings(conn, clause: str, params: tuple) -> list[Weighing]:
    """The weighings this session can open (none without the case's key)."""
    found = []
    for weighing_id, compartment, stored in conn.execute(f"SELECT id, compartment, data FROM weighings {clause}",
                                                        params):
        data = open_value(conn, "weighings", "data", weighing_id, compartment, stored)
        if data is not SEALED:
            found.append(Weighing.model_validate_json(weighing_json(data)))
    return found


def get_weighing(conn, weighing_id: int) -> Weighing | None:
    found = _weighings(conn, "WHERE id = ?", (weighing_id,))
    return found[0] if found else None


def weighings_of(conn, case_id: int) -> list[Weighing]:
    return _weighings(conn, "WHERE case_id = ? ORDER BY id", (case_id,))


def open_weighing_of(conn, case_id: int) -> Weighing | None:
    """The weighing of the case that is not yet fully confirmed (at most one at a time)."""
    found = [w for w in weighings_of(conn, case_id) if not w.concluded or len(w.confirmations) < len(w.participants)]
    return found[-1] if found else None


def case_ids_of_person(conn, person_id: int) -> list[int]:
    return [r[0] for r in conn.execute("SELECT id FROM cases WHERE person_id = ? ORDER BY id", (person_id,))]


def next_case_to_weigh(conn, after_case_id: int, scope: Scope = None) -> int | None:
    """The next case (by id, wrapping round) with a signal waiting for, or in, a weighing."""
    where, params = in_scope(scope)
    clause = f"c.phase IN ('signaal', 'weging') AND c.follow_up_deadline IS NULL AND {where}"
    row = (conn.execute(f"SELECT c.id FROM cases c WHERE {clause} AND c.id > ? ORDER BY c.id LIMIT 1",
                        (*params, after_case_id)).fetchone()
           or conn.execute(f"SELECT c.id FROM cases c WHERE {clause} AND c.id != ? ORDER BY c.id LIMIT 1",
                           (*params, after_case_id)).fetchone())
    return row[0] if row else None


def cases_awaiting_weighing(conn, limit: int, scope: Scope = None) -> list[Case]:
    where, params = in_scope(scope)
    return _cases(conn, f"WHERE c.phase = 'weging' AND {where} ORDER BY c.id LIMIT ?", (*params, limit))


# --- meetings, agenda, invitations ----------------------------------------------------------------

def insert_meeting(conn, meeting: MeetingInput, planned_by: str) -> int:
    meeting_id = conn.execute("INSERT INTO meetings(held_on, chair, planned_by) VALUES (?, ?, ?)",
                              (iso(meeting.held_on), meeting.chair, planned_by)).lastrowid
    for item in meeting.agenda:
        add_agenda_item(conn, meeting_id, item)
    return meeting_id


def add_agenda_item(conn, meeting_id: int, item: AgendaItem) -> None:
    position = conn.execute("SELECT coalesce(max(position), 0) + 1 FROM agenda_items WHERE meeting_id = ?",
                            (meeting_id,)).fetchone()[0]
    conn.execute("INSERT INTO agenda_items(meeting_id, case_id, position, reason) VALUES (?, ?, ?, ?)",
                 (meeting_id, item.case_id, position, item.reason.value))
    set_invitations(conn, meeting_id, item.case_id, item.invited)


def set_invitations(conn, meeting_id: int, case_id: int, organisations: frozenset[str]) -> None:
    """Invite organisations of the register (by name; stored with their id, which access goes by)."""
    conn.execute("DELETE FROM invitations WHERE meeting_id = ? AND case_id = ?", (meeting_id, case_id))
    conn.executemany("INSERT INTO invitations(meeting_id, case_id, organisation, organisation_id) "
                     "SELECT ?, ?, name, id FROM organisations WHERE lower(name) = lower(?)",
                     [(meeting_id, case_id, org) for org in sorted(organisations)])
    share_with_invited(conn, case_id)  # the partners read re-sealed copies of what is shared


def get_meeting(conn, meeting_id: int) -> Meeting | None:
    row = conn.execute("SELECT id, held_on, chair, attendance FROM meetings WHERE id = ?", (meeting_id,)).fetchone()
    if row is None:
        return None
    items = conn.execute("SELECT case_id, reason FROM agenda_items WHERE meeting_id = ? ORDER BY position",
                         (meeting_id,)).fetchall()
    invited: dict[int, set[str]] = {}
    for case_id, org in conn.execute("SELECT case_id, organisation FROM invitations WHERE meeting_id = ?",
                                     (meeting_id,)):
        invited.setdefault(case_id, set()).add(org)
    agenda = tuple(AgendaItem(case_id=c, reason=r, invited=frozenset(invited.get(c, ()))) for c, r in items)
    return Meeting(id=row[0], held_on=row[1], chair=row[2], agenda=agenda,
                   attendance=tuple(Attendance(**a) for a in json.loads(row[3])))


def set_attendance(conn, meeting_id: int, attendance: tuple[Attendance, ...]) -> str:
    """Store the attendance list; returns the old one as JSON (for the history)."""
    old = conn.execute("SELECT attendance FROM meetings WHERE id = ?", (meeting_id,)).fetchone()[0]
    conn.execute("UPDATE meetings SET attendance = ? WHERE id = ?",
                 (json.dumps([a.model_dump() for a in attendance], ensure_ascii=False), meeting_id))
    return old


def meetings_page(conn, *, from_date: dt.date | None, limit: int) -> list[tuple[int, str, str, int]]:
    """(id, held_on, chair, number of agenda items), newest first, from `from_date` on if given."""
    clause, params = ("WHERE m.held_on >= ?", (iso(from_date),)) if from_date else ("", ())
    return list(conn.execute(
        "SELECT m.id, m.held_on, m.chair, (SELECT count(*) FROM agenda_items a WHERE a.meeting_id = m.id) "
        f"FROM meetings m {clause} ORDER BY m.held_on DESC, m.id DESC LIMIT ?", (*params, limit)))


def meeting_ids_of_case(conn, case_id: int) -> list[int]:
    return [r[0] for r in conn.execute("SELECT meeting_id FROM agenda_items WHERE case_id = ? ORDER BY meeting_id",
                                       (case_id,))]


def invited_organisations(conn, case_id: int) -> frozenset[int]:
    """The register ids of the organisations invited for this case (what a partner's access goes by)."""
    return frozenset(r[0] for r in conn.execute(
        "SELECT DISTINCT organisation_id FROM invitations WHERE case_id = ? AND organisation_id IS NOT NULL", (case_id,)))


def invited_cases_page(conn, organisation_id: int | None, *, after_id: int, limit: int) -> list[Case]:
    """The cases an organisation was invited to, keyset-paged by id (a partner's case list)."""
    return _cases(conn, "WHERE c.id > ? AND c.phase != 'vernietigd' AND c.id IN "
                  "(SELECT case_id FROM invitations WHERE organisation_id = ?) ORDER BY c.id LIMIT ?",
                  (after_id, organisation_id, limit))


# Why a case belongs on the next agenda, most pressing first. A new signal about a person whose
# case is past intake wins: it may change the plan.
_CANDIDATE_REASON = """CASE
    WHEN c.new_signal_on IS NOT NULL THEN 'nieuw_signaal'
    WHEN c.phase = 'casusoverleg' AND NOT EXISTS (SELECT 1 FROM minutes m WHERE m.case_id = c.id) THEN 'nieuw'
    WHEN c.next_review_on <= :due THEN 'herbeoordeling'
    WHEN EXISTS (SELECT 1 FROM interventions i WHERE i.case_id = c.id AND i.status IN ('gepland', 'lopend')
                 AND i.evaluate_on <= :due) THEN 'evaluatie'
    END"""
_URGENT = "EXISTS (SELECT 1 FROM signals s WHERE s.case_id = c.id AND s.urgency IN ('hoog', 'acuut'))"
_WEIGHED = "(SELECT max(w.held_on) FROM weighings w WHERE w.case_id = c.id AND w.concluded = 1)"
# Urgent first, then the most recently weighed, then by id: one text key, so pages follow on exactly.
_CANDIDATE_KEY = (f"(CASE WHEN {_URGENT} THEN '0' ELSE '1' END) || '|' || printf('%08d', 99999999 - "
                  f"CAST(replace(coalesce({_WEIGHED}, '0000-00-00'), '-', '') AS INTEGER)) || '|' || printf('%010d', c.id)")


def agenda_candidates(conn, *, due_by: dt.date, limit: int, scope: Scope = None, after: str = "",
                      only: list[int] | None = None) -> list[tuple[Case, str, str, bool, str | None, str]]:
    """(case, person name, reason, urgent, weighed on, key) of the cases that belong on the next agenda:
    a new signal since the last agenda, newly taken in (no minutes yet), a review due or an
    intervention to evaluate. Urgent first, then newly weighed; keyset-paged after `after`; of the
    cases in `only` when given (a search)."""
    where = "1" if scope is None else f"c.municipality_id IN ({', '.join(f':m{i}' for i in range(len(scope)))})"
    if scope is not None and not scope:
        where = "0"
    among = "AND c.id IN (SELECT value FROM json_each(:only))" if only is not None else ""
    columns = ", ".join("c." + c for c in CASE_COLUMNS)
    rows = conn.execute(
        f"SELECT * FROM (SELECT {columns}, p.name, p.id AS pid, p.compartment AS pc, {_CANDIDATE_REASON} AS reason, "
        f"{_URGENT} AS urgent, "
        f"{_WEIGHED} AS weighed, {_CANDIDATE_KEY} AS sort_key FROM cases c JOIN persons p ON p.id = c.person_id "
        f"WHERE c.phase IN ('casusoverleg', 'monitoring') AND {where} {among}) "
        "WHERE reason IS NOT NULL AND sort_key > :after ORDER BY sort_key LIMIT :limit",
        {"due": iso(due_by), "after": after, "limit": limit, "only": json.dumps(only or []),
         **{f"m{i}": v for i, v in enumerate(scope or ())}})
    width, sealer = len(CASE_COLUMNS), sealer_of(conn)  # the name is opened per row of the page
    return [(case_of(conn, r[:width]), sealer.open(r[width + 2], "persons", "name", r[width + 1],
                                                                      r[width]),
             r[width + 3], bool(r[width + 4]), r[width + 5], r[width + 6]) for r in rows]


# --- minutes --------------------------------------------------------------------------------------

def get_minutes(conn, meeting_id: int, case_id: int) -> CaseMinutes | None:
    found = _minutes(conn, "WHERE mi.meeting_id = ? AND mi.case_id = ?", (meeting_id, case_id))
    return found[0] if found else None


def save_minutes(conn, minutes: CaseMinutes, at: dt.datetime) -> None:
    """Store the minutes sealed under the case's compartment; final minutes are copied for the
    partners invited to that meeting for the case (`cases.share_row`)."""
    minutes_id = conn.execute(
        "INSERT INTO minutes(meeting_id, case_id, status, data, updated_at) VALUES (?, ?, ?, X'', ?) "
        "ON CONFLICT(meeting_id, case_id) DO UPDATE SET status = excluded.status, data = excluded.data, "
        "updated_at = excluded.updated_at RETURNING id",
        (minutes.meeting_id, minutes.case_id, minutes.status.value, at.isoformat(timespec="seconds"))).fetchone()[0]
    values = {"data": minutes.model_dump_json()}
    store_sealed(conn, "minutes", minutes_id, minutes.case_id, values)
    share_row(conn, "minutes", minutes_id, minutes.case_id, values)


def _minutes(conn, clause: str, params: tuple, join: str = "") -> list[CaseMinutes]:
    """Minutes this session can open: with the case's key, or a partner's copy (others are left out)."""
    found = []
    for minutes_id, case_id, compartment, stored in conn.execute(
            f"SELECT mi.id, mi.case_id, mi.compartment, mi.data FROM minutes mi {join} {clause}", params):
        data = open_value(conn, "minutes", "data", minutes_id, compartment, stored, case_id)
        if data is not SEALED:
            found.append(CaseMinutes.model_validate_json(data))
    return found


def minutes_of_case(conn, case_id: int) -> list[CaseMinutes]:
    return _minutes(conn, "WHERE mi.case_id = ? ORDER BY mi.meeting_id", (case_id,))


def minutes_of_meeting(conn, meeting_id: int) -> list[CaseMinutes]:
    return _minutes(conn, "WHERE mi.meeting_id = ? ORDER BY a.position", (meeting_id,),
                    join="JOIN agenda_items a ON a.meeting_id = mi.meeting_id AND a.case_id = mi.case_id")


def stale_drafts(conn, held_before: dt.date, limit: int, scope: Scope = None,
                 director: str | None = None) -> list[tuple[int, int, str, str]]:
    """(meeting id, case id, case number, meeting date) of draft minutes of meetings held before a date."""
    where, params = _whose(scope, director)
    return list(conn.execute(
        "SELECT m.id, c.id, c.number, m.held_on FROM minutes mi JOIN meetings m ON m.id = mi.meeting_id "
        f"JOIN cases c ON c.id = mi.case_id WHERE mi.status = 'concept' AND m.held_on < ? AND {where} "
        "ORDER BY m.held_on LIMIT ?", (iso(held_before), *params, limit)))


# --- interventions and actions ---------------------------------------------------------------------

def insert_intervention(conn, case_id: int, intervention: InterventionInput) -> int:
    intervention_id = conn.execute(
        "INSERT INTO interventions(case_id, kind, owner_partner, starts_on, evaluate_on, description, status, "
        "evaluation, owner_partner_id) VALUES (?, ?, ?, ?, ?, X'', 'gepland', X'', "
        "(SELECT id FROM organisations WHERE lower(name) = lower(?)))",
        (case_id, intervention.kind.value, intervention.owner_partner, iso(intervention.starts_on),
         iso(intervention.evaluate_on), intervention.owner_partner)).lastrowid
    _store_shared(conn, "interventions", intervention_id, case_id,
                  {"description": intervention.description, "evaluation": ""})
    return intervention_id


def _store_shared(conn, table: str, row_id: int, case_id: int, values: dict) -> None:
    """Sealed under the case's compartment, and copied for the partner it is shared with."""
    store_sealed(conn, table, row_id, case_id, values)
    share_row(conn, table, row_id, case_id, values)


def get_intervention(conn, intervention_id: int) -> Intervention | None:
    found = _models(conn, Intervention, INTERVENTION_COLUMNS, "interventions WHERE id = ?", (intervention_id,))
    return found[0] if found else None


def interventions_of(conn, case_id: int) -> list[Intervention]:
    return _models(conn, Intervention, INTERVENTION_COLUMNS, "interventions WHERE case_id = ? ORDER BY id",
                   (case_id,))


def save_intervention(conn, intervention: Intervention) -> None:
    conn.execute("UPDATE interventions SET status = ?, evaluated_on = ? WHERE id = ?",
                 (intervention.status.value, iso(intervention.evaluated_on), intervention.id))
    _store_shared(conn, "interventions", intervention.id, intervention.case_id, {"evaluation": intervention.evaluation})


def interventions_due(conn, before: dt.date, organisation: int | None, limit: int,
                      scope: Scope = None) -> list[tuple[Intervention, str]]:
    """Running interventions whose evaluation date is before `before` (of one owner organisation,
    by register id, if given), of cases in `scope`."""
    clause = "AND i.owner_partner_id = ?" if organisation else ""
    where, scoped = in_scope(scope)
    params = (iso(before), organisation) if organisation else (iso(before),)
    rows = conn.execute(  # in the order of the running ones' index (0034): the first `limit`, no sort
        f"SELECT i.compartment, {', '.join('i.' + c for c in INTERVENTION_COLUMNS)}, c.number FROM interventions i "
        "INDEXED BY interventions_running_due "
        f"JOIN cases c ON c.id = i.case_id WHERE i.status IN ('gepland', 'lopend') AND i.evaluate_on <= ? {clause} "
        f"AND {where} ORDER BY i.evaluate_on LIMIT ?", (*params, *scoped, limit))
    return [(Intervention(**_opened_row(conn, "interventions", INTERVENTION_COLUMNS, r[0], r[1:-1])), r[-1])
            for r in rows]


def insert_action(conn, case_id: int, action: ActionItemInput) -> int:
    action_id = conn.execute(
        "INSERT INTO actions(case_id, description, owner, owner_organisation, due_on, owner_organisation_id) "
        "VALUES (?, X'', ?, ?, ?, (SELECT id FROM organisations WHERE lower(name) = lower(?)))",
        (case_id, action.owner, action.owner_organisation, iso(action.due_on), action.owner_organisation)).lastrowid
    _store_shared(conn, "actions", action_id, case_id, {"description": action.description})
    return action_id


def get_action(conn, action_id: int) -> ActionItem | None:
    found = _models(conn, ActionItem, ACTION_COLUMNS, "actions WHERE id = ?", (action_id,))
    return found[0] if found else None


def actions_of(conn, case_id: int) -> list[ActionItem]:
    return _models(conn, ActionItem, ACTION_COLUMNS, "actions WHERE case_id = ? ORDER BY id", (case_id,))


def complete_action(conn, action_id: int, on: dt.date, by: str) -> None:
    conn.execute("UPDATE actions SET done_on = ?, done_by = ? WHERE id = ?", (iso(on), by, action_id))


def open_actions_of(conn, owner: str, organisation: int | None, limit: int,
                    scope: Scope = None) -> list[tuple[ActionItem, str]]:
    """Open action items of a person (by login or name) or of their whole organisation (register id),
    soonest due first, of cases in `scope`."""
    where, params = in_scope(scope)
    rows = conn.execute(  # the person's and the organisation's open items from their own indexes (0034)
        f"SELECT a.compartment, {', '.join('a.' + c for c in ACTION_COLUMNS)}, c.number FROM actions a JOIN cases c "
        "ON c.id = a.case_id WHERE a.id IN ("
        "SELECT id FROM actions INDEXED BY actions_open_of_owner WHERE done_on IS NULL AND lower(owner) = lower(?) "
        "UNION SELECT id FROM actions INDEXED BY actions_open_of_organisation "
        "WHERE done_on IS NULL AND owner_organisation_id = ?) "
        f"AND {where} ORDER BY a.due_on LIMIT ?", (owner, organisation, *params, limit))
    return [(ActionItem(**_opened_row(conn, "actions", ACTION_COLUMNS, r[0], r[1:-1])), r[-1]) for r in rows]


# --- informing and reviews -------------------------------------------------------------------------

def insert_informing(conn, case_id: int, decision: InformingDecision, by: str, at: dt.datetime) -> int:
    informing_id = conn.execute(
        "INSERT INTO informing(case_id, informed_on, informed_by, reason_not_to, reconsider_on, recorded_by, "
        "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (case_id, iso(decision.informed_on), decision.informed_by, decision.reason_not_to,
         iso(decision.reconsider_on), by, at.isoformat(timespec="seconds"))).lastrowid
    seal_row(conn, "informing", informing_id, case_id)
    return informing_id


def _opened(conn, model: type[BaseModel], table: str, columns: tuple[str, ...], case_id: int) -> list:
    """The case's rows of `table` as models, sealed columns opened."""
    rows = conn.execute(f"SELECT id, compartment, {', '.join(columns)} FROM {table} WHERE case_id = ? ORDER BY id",
                        (case_id,))
    return [model(**open_row(conn, table, r[0], r[1], dict(zip(columns, r[2:])))) for r in rows]


def informing_of(conn, case_id: int) -> list[InformingDecision]:
    return _opened(conn, InformingDecision, "informing", INFORMING_COLUMNS, case_id)


def informing_due(conn, before: dt.date, limit: int, scope: Scope = None,
                  director: str | None = None) -> list[tuple[int, str, str]]:
    """(case id, number, reconsider date) where the latest decision was to wait and its date has come."""
    where, params = _whose(scope, director)
    return list(conn.execute(
        # CROSS JOIN: the few decisions lead (the planner walked every case of the municipality first)
        "SELECT c.id, c.number, i.reconsider_on FROM informing i CROSS JOIN cases c ON c.id = i.case_id "
        "WHERE i.id = (SELECT max(id) FROM informing WHERE case_id = i.case_id) AND i.reconsider_on <= ? "
        f"AND c.phase NOT IN ('afgesloten', 'vernietigd') AND {where} ORDER BY i.reconsider_on LIMIT ?",
        (iso(before), *params, limit)))


def insert_review(conn, case_id: int, review: Review, by: str) -> int:
    review_id = conn.execute("INSERT INTO reviews(case_id, reviewed_on, still_needed, reason, reviewed_by) "
                             "VALUES (?, ?, ?, ?, ?)",
                             (case_id, iso(review.reviewed_on), int(review.still_needed), review.reason,
                              by)).lastrowid
    seal_row(conn, "reviews", review_id, case_id)
    return review_id


def reviews_of(conn, case_id: int) -> list[Review]:
    return _opened(conn, Review, "reviews", ("reviewed_on", "still_needed", "reason"), case_id)


def reviews_due(conn, before: dt.date, limit: int, scope: Scope = None, director: str | None = None) -> list[Case]:
    where, params = _whose(scope, director)
    return _cases(conn, "INDEXED BY cases_open_review WHERE c.next_review_on IS NOT NULL AND c.next_review_on <= ? "
                  f"AND c.phase NOT IN ('afgesloten', 'vernietigd') AND {where} ORDER BY c.next_review_on LIMIT ?",
                  (iso(before), *params, limit))  # in date order on the open reviews' index (0034): no sort


# --- notices ----------------------------------------------------------------------------------------

def insert_notice(conn, login: str, case_id: int, kind: str, on: dt.date) -> int:
    return conn.execute("INSERT INTO notices(login, case_id, kind, created_on) VALUES (?, ?, ?, ?)",
                        (login, case_id, kind, iso(on))).lastrowid


def notices_of(conn, login: str, scope, limit: int) -> list[tuple[int, str, int, str, str]]:
    """(id, kind, case id, case number, date) of the notices not dismissed, of cases in `scope`."""
    from pgatui.vault.cases import in_scope

    where, params = in_scope(scope)
    return list(conn.execute(
        "SELECT n.id, n.kind, c.id, c.number, n.created_on FROM notices n JOIN cases c ON c.id = n.case_id "
        f"WHERE n.login = ? AND n.seen_on IS NULL AND c.phase != 'vernietigd' AND {where} ORDER BY n.id DESC LIMIT ?",
        (login, *params, limit)))


def dismiss_notice(conn, notice_id: int, login: str, on: dt.date) -> bool:
    return conn.execute("UPDATE notices SET seen_on = ? WHERE id = ? AND login = ? AND seen_on IS NULL",
                        (iso(on), notice_id, login)).rowcount == 1
