"""Opening data.db: SQLCipher 4 with a raw key, safe pragmas, and the schema migrations."""

from __future__ import annotations

import os
import re
from importlib import resources
from pathlib import Path

import sqlcipher3

from pgatui.errors import VaultDamaged

DATA_DB = "data.db"
DatabaseError = sqlcipher3.DatabaseError


def key_pragma(data_key: bytes) -> str:
    """The raw-key form x'…': hex we generate ourselves, so no secret text enters SQL."""
    return f"PRAGMA key = \"x'{data_key.hex()}'\""


def connect(path: Path, data_key: bytes, *, create: bool = False) -> sqlcipher3.Connection:
    """A keyed, verified connection; VaultDamaged when the right key does not open the file."""
    if not create and not path.exists():
        raise VaultDamaged("Het gegevensbestand (data.db) ontbreekt.")
    conn = sqlcipher3.connect(str(path), isolation_level=None, timeout=10)
    try:
        # Before anything else: SQLCipher logs to stderr, where Textual draws.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(key_pragma(data_key))
        version = conn.execute("PRAGMA cipher_version").fetchone()
        if not version or not str(version[0]).startswith("4."):
            raise VaultDamaged("Deze installatie heeft geen SQLCipher 4; de kluis wordt niet geopend.")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # proves the key
        for pragma in ("temp_store = MEMORY", "secure_delete = ON", "foreign_keys = ON",
                       "journal_mode = WAL", "synchronous = FULL", "busy_timeout = 5000"):
            conn.execute(f"PRAGMA {pragma}")
    except DatabaseError as exc:
        conn.close()
        raise VaultDamaged("Het gegevensbestand (data.db) is beschadigd of past niet bij de sleutel.") from exc
    except BaseException:
        conn.close()
        raise
    return conn


def opens_with(path: Path, data_key: bytes) -> bool:
    try:
        connect(path, data_key).close()
        return True
    except VaultDamaged:
        return False


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("pgatui.vault") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = re.fullmatch(r"(\d{4})_[a-z0-9_]+\.sql", entry.name)
        if match:
            found.append((int(match.group(1)), entry.read_text(encoding="utf-8")))
    return sorted(found)


def migrate(conn: sqlcipher3.Connection) -> None:
    """Apply every migration newer than user_version, each in its own transaction."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    for number, script in _migrations():
        if number <= current:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in split_statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number:d}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def split_statements(script: str) -> list[str]:
    """Statements of a migration file; triggers (BEGIN … END;) stay whole."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--") and not buffer.strip():
            continue
        buffer += line
        if sqlcipher3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


def export_copy(conn: sqlcipher3.Connection, target: Path, key: bytes) -> None:
    """Copy the whole database, as one read snapshot, into `target` under `key` (sqlcipher_export)."""
    target.unlink(missing_ok=True)
    conn.execute("ATTACH DATABASE ? AS exported KEY ?", (str(target), f"x'{key.hex()}'"))
    try:
        conn.execute("BEGIN")  # one snapshot, even while other sessions write
        try:
            version = conn.execute("PRAGMA main.user_version").fetchone()[0]
            conn.execute("SELECT sqlcipher_export('exported')")
            conn.execute(f"PRAGMA exported.user_version = {int(version)}")
        finally:
            conn.execute("COMMIT")
    finally:
        conn.execute("DETACH DATABASE exported")
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())


def integrity_problems(conn: sqlcipher3.Connection) -> list[str]:
    """What cipher_integrity_check (page HMACs) and integrity_check report; empty when sound."""
    problems = [f"cipher_integrity_check: {row[0]}" for row in conn.execute("PRAGMA cipher_integrity_check")]
    rows = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    if rows != ["ok"]:
        problems += [f"integrity_check: {row}" for row in rows[:5]]
    return problems
