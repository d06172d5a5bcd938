"""Repository functions of issue 15: queries on the audit log (indexes of migration 0015) and the
register of backups (migration 0016). Services call these inside `vault.transaction()`."""

from __future__ import annotations

from pgatui.vault import audit
from pgatui.vault.cases import open_value, store_sealed


def first_seq_at_or_after(conn, moment: str) -> int | None:
    row = conn.execute("SELECT seq FROM audit_log WHERE at >= ? ORDER BY at, seq LIMIT 1", (moment,)).fetchone()
    return row[0] if row else None


def last_seq_before(conn, moment: str) -> int | None:
    row = conn.execute("SELECT seq FROM audit_log WHERE at < ? ORDER BY at DESC, seq DESC LIMIT 1", (moment,)).fetchone()
    return row[0] if row else None


def events(conn, clauses: list[str], params: list, limit: int) -> list[tuple]:
    """(seq, *audit.FIELDS) newest first; `clauses` are built by the service from fixed column names."""
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    return conn.execute(f"SELECT seq, {', '.join(audit.FIELDS)} FROM audit_log {where} ORDER BY seq DESC LIMIT ?",
                        (*params, limit)).fetchall()


def opens_of(conn, object_id: str, limit: int, before: int | None = None
             ) -> list[tuple[int, str, str, str, str | None, str | None]]:
    """(seq, at, actor, role, purpose, explanation) of every read of `object_id` that opened the
    file (result ok; a refusal or a cancelled purpose question opened nothing), newest first,
    older than seq `before`."""
    rows = conn.execute(
        "SELECT a.seq, a.at, a.actor, a.role, a.purpose, t.text, t.compartment FROM audit_log a "
        "LEFT JOIN access_purpose_texts t ON t.audit_seq = a.seq "
        "WHERE a.object_id = ? AND a.action = 'case.read' AND a.result = 'ok' AND a.seq < ? "
        "ORDER BY a.seq DESC LIMIT ?", (object_id, before if before is not None else 1 << 62, limit)).fetchall()
    # the explanation is sealed under the case's compartment: "afgeschermd" for whom holds no key (the FG)
    return [(*row[:5], open_value(conn, "access_purpose_texts", "text", row[0], row[6], row[5])) for row in rows]


def keep_purpose_text(conn, audit_seq: int, case_id: int, text: str) -> None:
    """The explanation of an open with purpose "anders", beside its audit event (never in it),
    sealed under the case's compartment."""
    conn.execute("INSERT INTO access_purpose_texts(audit_seq, case_id, text) VALUES (?, ?, X'')", (audit_seq, case_id))
    store_sealed(conn, "access_purpose_texts", audit_seq, case_id, {"text": text})


def events_about(conn, object_id: str) -> list[tuple[str, str, str, str, str]]:
    """(at, actor, role, action, result) of every event naming `object_id`, oldest first."""
    return conn.execute("SELECT at, actor, role, action, result FROM audit_log WHERE object_id = ? ORDER BY seq",
                        (object_id,)).fetchall()


def last_login(conn, login: str) -> str | None:
    """Newest first along the (actor, seq) index: stops at the user's latest successful login."""
    row = conn.execute("SELECT at FROM audit_log WHERE actor = ? AND action = 'login' AND result = 'ok' "
                       "ORDER BY seq DESC LIMIT 1", (login,)).fetchone()
    return row[0] if row else None


def number_of(conn, case_id: int) -> str | None:
    row = conn.execute("SELECT number FROM cases WHERE id = ?", (case_id,)).fetchone()
    return row[0] if row else None


def add_backup(conn, path: str, created_at: str, generation: int, size: int, made_by: str) -> int:
    return conn.execute("INSERT INTO backups(path, created_at, generation, size, made_by) VALUES (?, ?, ?, ?, ?)",
                        (path, created_at, generation, size, made_by)).lastrowid


def backups(conn) -> list[tuple[int, str, str, int, int]]:
    """(id, path, created_at, generation, size), newest first."""
    return conn.execute("SELECT id, path, created_at, generation, size FROM backups ORDER BY id DESC").fetchall()


def backup_id(conn, path: str) -> int | None:
    row = conn.execute("SELECT id FROM backups WHERE path = ? ORDER BY id DESC LIMIT 1", (path,)).fetchone()
    return row[0] if row else None
