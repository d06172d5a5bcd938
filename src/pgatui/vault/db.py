"""Opening data.db: SQLCipher 4 with a raw key, safe pragmas, and the schema migrations."""

from __future__ import annotations

import os
import re
import stat
from importlib import resources
from pathlib import Path

import sqlcipher3

from pgatui.messages import Finding
from pgatui.errors import BUSY_WRITING, PgaError, VaultBusy, VaultDamaged
from pgatui.vault.files import create_private_file

DATA_DB = "data.db"
DatabaseError = sqlcipher3.DatabaseError
# Where the NNNN_name.sql files live; tests point it at a copy with an extra migration.
MIGRATIONS = resources.files("pgatui.vault") / "migrations"
_MIGRATION_NAME = re.compile(r"(\d{4})_[a-z0-9_]+\.sql")


def key_pragma(data_key: bytes) -> str:
    """The raw-key form x'…': hex we generate ourselves, so no secret text enters SQL."""
    return f"PRAGMA key = \"x'{data_key.hex()}'\""


# The page cache holds decrypted pages: sized for the working set of a region's vault (the cases
# table and its indexes at 100 000 persons, ~20 MB, and the narrow indexes the figures count from),
# not the 8 MB a connection gets by default, so lists, boards, the figures and a seed batch do not
# decrypt the same pages again and again. 32 MB held the lists but not the figures: their screen's
# counts took 600 ms at 100 000 persons with it, 435 ms with 64 MB (128 MB: no better). A read of
# a whole table (weighings, 90 MB at 100 000 persons) did not fit in 64 MB: every read decrypted
# every page again, 445 ms against 59 ms from a plain file; with 256 MB, 27 ms. It is a ceiling:
# the cache holds only pages that were read, and goes with the connection at a lock.
PAGE_CACHE_KIB = 256 * 1024
# A seed of synthetic persons writes every table and index of a batch at once: with the working
# set in the cache (the blind index alone is ~150 MB at 100 000 persons) a batch does not spill
# and re-read pages. Only while writing synthetic data; back to PAGE_CACHE_KIB after.
BULK_PAGE_CACHE_KIB = 512 * 1024


def set_page_cache(conn, kib: int) -> None:
    conn.execute(f"PRAGMA cache_size = -{int(kib)}")


class VaultConnection(sqlcipher3.Connection):
    """A connection that carries the unlocked session's compartment keys (vault/sealer.py)."""

    sealer = None  # a vault.sealer.Sealer once unlocked; None reads as no keys


def connect(path: Path, data_key: bytes, *, create: bool = False) -> sqlcipher3.Connection:
    """A keyed, verified connection; VaultDamaged when the right key does not open the file."""
    if create:
        os.close(create_private_file(path))  # owner-only from the first byte (SQLite keeps the umask's 0644)
    else:
        require_existing_database(path)
    conn = sqlcipher3.connect(str(path), isolation_level=None, timeout=10, factory=VaultConnection)
    try:
        # Before anything else: SQLCipher logs to stderr, where Textual draws.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(key_pragma(data_key))
        require_sqlcipher_4(conn)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # proves the key
        # cipher_memory_security wipes page buffers and key material SQLCipher frees (and locks
        # them out of swap where it can): a crash dump or a later allocation holds no plaintext.
        for pragma in ("cipher_memory_security = ON", "temp_store = MEMORY", "secure_delete = ON", "foreign_keys = ON",
                       "journal_mode = WAL", "synchronous = FULL", "busy_timeout = 5000",
                       f"cache_size = -{PAGE_CACHE_KIB}"):
            conn.execute(f"PRAGMA {pragma}")
    except sqlcipher3.OperationalError as exc:
        conn.close()
        if is_busy(exc):
            raise VaultBusy(BUSY_WRITING) from None
        if _cannot_open(exc):
            raise PgaError("database.cannot_open") from None
        raise VaultDamaged("database.damaged_or_wrong_key") from None
    except DatabaseError:
        conn.close()
        raise VaultDamaged("database.damaged_or_wrong_key") from None
    except BaseException:
        conn.close()
        raise
    return conn


FOREIGN = "database.foreign"


def require_existing_database(path: Path) -> None:
    """A vault's data.db is a non-empty regular file; anything else is damage (exit 4), untouched.

    Checked before SQLite opens it: SQLCipher would take an empty file for a new database and
    the migrations would build a fresh schema into it.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise VaultDamaged("database.missing") from None
    if not stat.S_ISREG(info.st_mode) or info.st_size == 0:
        raise VaultDamaged(FOREIGN)


def is_busy(exc: BaseException) -> bool:
    """SQLite's words for a lock another connection holds longer than busy_timeout (not damage)."""
    text = str(exc).lower()
    return isinstance(exc, DatabaseError) and ("database is locked" in text or "database is busy" in text
                                               or "database table is locked" in text)


def busy_or_damaged(exc: BaseException) -> PgaError:
    """The error a failing database statement stands for: busy (exit 5) or damaged (exit 4)."""
    if is_busy(exc):
        return VaultBusy(BUSY_WRITING)
    return VaultDamaged("database.damaged")


def _cannot_open(exc: Exception) -> bool:
    """SQLite's words for a file or its WAL that cannot be created or written (not damage)."""
    text = str(exc).lower()
    return "unable to open" in text or "readonly" in text or "read-only" in text


def require_sqlcipher_4(conn) -> None:
    """Refuse to work on anything but SQLCipher 4 (plain SQLite would write plaintext)."""
    version = conn.execute("PRAGMA cipher_version").fetchone()
    if not version or not str(version[0]).startswith("4."):
        found = version[0] if version else "geen SQLCipher"
        raise PgaError("database.sqlcipher_version", found=found)


def opens_with(path: Path, data_key: bytes) -> bool:
    try:
        connect(path, data_key).close()
        return True
    except VaultDamaged:
        return False


def migrations() -> list[tuple[int, str]]:
    """(number, script) of every NNNN_name.sql file, in order; new files are picked up as-is."""
    found = []
    for entry in MIGRATIONS.iterdir():
        match = _MIGRATION_NAME.fullmatch(entry.name)
        if match:
            found.append((int(match.group(1)), entry.read_text(encoding="utf-8")))
    numbers = [number for number, _ in found]
    if len(set(numbers)) != len(numbers):
        raise RuntimeError("two migration files share a number")
    return sorted(found)


def _user_version(conn: sqlcipher3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlcipher3.Connection) -> None:
    """Apply every migration newer than user_version, each in its own transaction."""
    known = migrations()
    newest = known[-1][0] if known else 0
    if _user_version(conn) > newest:
        raise PgaError("database.newer_version")
    for number, script in known:
        if number <= _user_version(conn):
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Read again under the write lock: another session may have migrated meanwhile.
            if number > _user_version(conn):
                for statement in split_statements(script):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number:d}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
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
    os.close(create_private_file(target))  # owner-only; SQLite fills the empty file
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


def integrity_problems(conn: sqlcipher3.Connection) -> list[Finding]:
    """What cipher_integrity_check (page HMACs) and integrity_check report; empty when sound."""
    problems = [Finding("finding.cipher_integrity", row=row) for row in _pragma_rows(conn, "cipher_integrity_check")]
    rows = _pragma_rows(conn, "integrity_check")
    if rows != ["ok"]:
        problems += [Finding("finding.integrity", row=row) for row in rows[:5]]
    return problems


def copy_problems(conn: sqlcipher3.Connection) -> list[Finding]:
    """One pass over a fresh export (a rotation's copy), as DESIGN.md has it: cipher_integrity_check
    reads every page of the file in order and checks its HMAC, so a page damaged anywhere is found.
    Its b-trees were built by SQLite from the rows just copied, so quick_check's walk of them (60%
    slower at 100 000 persons: it decrypts every page too) or integrity_check's index-against-table
    pass re-prove what the row counts of `rotation.fingerprint`, read beside it, compare."""
    return [Finding("finding.cipher_integrity", row=row) for row in _pragma_rows(conn, "cipher_integrity_check")]


def _pragma_rows(conn: sqlcipher3.Connection, pragma: str) -> list[str]:
    """A check's rows; a page too damaged to read becomes a row of the report, not a crash."""
    try:
        return [str(row[0]) for row in conn.execute(f"PRAGMA {pragma}")]
    except DatabaseError as exc:
        return [str(exc)]
