"""The SQL for settings, retention policy versions, retention facts in bulk and destruction proof.

Repository functions taking a connection; the services call them inside `vault.transaction()`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict

from pgatui.domain.models import LegalHold
from pgatui.vault.cases import iso


# settings

def stored_settings(conn) -> dict:
    """The settings stored in the vault (name -> value); a missing one keeps its default."""
    return {name: json.loads(value) for name, value in conn.execute("SELECT name, value FROM settings")}


def store_setting(conn, name: str, old, new, actor: str, at: dt.datetime) -> None:
    """Set one setting and record the change in its history, in the caller's transaction."""
    new_json = json.dumps(new, ensure_ascii=False)
    conn.execute("INSERT INTO settings(name, value) VALUES (?, ?) "
                 "ON CONFLICT(name) DO UPDATE SET value = excluded.value", (name, new_json))
    conn.execute("INSERT INTO settings_history(name, old, new, actor, at) VALUES (?, ?, ?, ?, ?)",
                 (name, json.dumps(old, ensure_ascii=False), new_json, actor, iso(at)))


def settings_history(conn) -> list[tuple[str, str | None, str, str, str]]:
    """(name, old, new, actor, at) of every settings change, newest first."""
    return list(conn.execute("SELECT name, old, new, actor, at FROM settings_history ORDER BY id DESC"))


# retention policy versions

def policy_in_force(conn) -> tuple[str, str, str] | None:
    """(body, installed_by, installed_at) of the newest installed policy, or None (shipped one)."""
    return conn.execute("SELECT body, installed_by, installed_at FROM retention_policies "
                        "ORDER BY id DESC LIMIT 1").fetchone()


def policy_version_known(conn, version: str) -> bool:
    return conn.execute("SELECT 1 FROM retention_policies WHERE version = ?", (version,)).fetchone() is not None


def insert_policy(conn, version: str, body: str, actor: str, at: dt.datetime) -> int:
    return conn.execute("INSERT INTO retention_policies(version, body, installed_by, installed_at) VALUES (?, ?, ?, ?)",
                        (version, body, actor, iso(at))).lastrowid


def policy_history(conn) -> list[tuple[str, str, str]]:
    """(version, installed_by, installed_at) of every installed policy, newest first."""
    return list(conn.execute("SELECT version, installed_by, installed_at FROM retention_policies ORDER BY id DESC"))


# retention facts, in two queries however many cases there are

CLOSED_COLUMNS = ("id", "number", "phase", "last_substantive_on", "last_outcome", "closed_on")


def closed_case_facts(conn, case_ids: list[int] | None = None, scope=None) -> list[dict]:
    """What retention needs of each closed case of `scope`'s municipalities (or of `case_ids`,
    whatever their phase)."""
    from pgatui.vault.cases import in_scope

    select = f"SELECT {', '.join(CLOSED_COLUMNS)} FROM cases c"
    if case_ids is None:
        where, params = in_scope(scope)
        rows = conn.execute(select + f" WHERE phase = 'afgesloten' AND {where} ORDER BY id", params)
    else:
        rows = conn.execute(select + " WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
                            (json.dumps(case_ids),))
    return [dict(zip(CLOSED_COLUMNS, row)) for row in rows]


def holds_by_case(conn, case_ids: list[int]) -> dict[int, list[LegalHold]]:
    from pgatui.vault.cases import open_row

    rows = conn.execute("SELECT id, compartment, case_id, reason, owner, ends_on, lifted_on FROM holds "
                        "WHERE case_id IN (SELECT value FROM json_each(?)) ORDER BY id", (json.dumps(case_ids),))
    found: dict[int, list[LegalHold]] = defaultdict(list)
    for hold_id, compartment, case_id, reason, owner, ends_on, lifted_on in rows:
        reason = open_row(conn, "holds", hold_id, compartment, {"reason": reason})["reason"]  # "afgeschermd" without the key
        found[case_id].append(LegalHold(reason=reason, owner=owner, ends_on=ends_on, lifted_on=lifted_on))
    return found


def unlifted_holds(conn, scope=None) -> list[tuple[int, str, str, str, str, str]]:
    """(case_id, case number, reason, owner, ends_on, placed_by) of every hold not lifted (of cases in `scope`)."""
    from pgatui.vault.cases import in_scope, open_row

    where, params = in_scope(scope)
    rows = conn.execute("SELECT h.id, h.compartment, h.case_id, c.number, h.reason, h.owner, h.ends_on, h.placed_by "
                        f"FROM holds h JOIN cases c ON c.id = h.case_id WHERE h.lifted_on IS NULL AND {where} "
                        "ORDER BY h.ends_on, c.number", params)
    return [(case_id, number, open_row(conn, "holds", hold_id, compartment, {"reason": reason})["reason"], *rest)
            for hold_id, compartment, case_id, number, reason, *rest in rows]


# destruction proof

RECORD_COLUMNS = ("case_number", "rule_id", "deadline", "destroyed_on", "actor", "confirmed_by", "policy_version")


def complete_destruction_record(conn, case_number: str, *, deadline: dt.date | None, policy_version: str,
                                confirmed_by: str | None) -> None:
    """Add what vault.cases.destroy_case does not know to the record it has just written."""
    conn.execute("UPDATE destruction_records SET deadline = ?, policy_version = ?, confirmed_by = ? "
                 "WHERE id = (SELECT max(id) FROM destruction_records WHERE case_number = ?)",
                 (iso(deadline), policy_version, confirmed_by, case_number))


def destruction_records(conn) -> list[dict]:
    """Every destruction record, oldest first: case numbers, rules, dates and actors only."""
    rows = conn.execute(f"SELECT {', '.join(RECORD_COLUMNS)} FROM destruction_records ORDER BY id")
    return [dict(zip(RECORD_COLUMNS, row)) for row in rows]
