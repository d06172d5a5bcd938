"""The connection (SQLCipher 4, raw key, pragmas) and the migration runner."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ADMIN, ADMIN_PW
from pgatui.errors import PgaError, VaultDamaged
from pgatui.vault import crypto, db, open_vault


@pytest.fixture
def plain_db(tmp_path):
    """A bare keyed database (no vault around it) and its key."""
    key = crypto.random_key()
    db.connect(tmp_path / "t.db", key, create=True).close()
    return tmp_path / "t.db", key


def test_connection_pragmas(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        conn = vault.conn
        assert conn.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
        assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0


def test_the_key_is_hex_we_made_never_a_password():
    key = bytes(range(32))
    assert db.key_pragma(key) == f"PRAGMA key = \"x'{key.hex()}'\""


_WRONG_KEY_SCRIPT = """
import sys
from pathlib import Path
import sqlcipher3
from pgatui.errors import VaultDamaged
from pgatui.vault import crypto, db

path = Path(sys.argv[1])
if sys.argv[2] == "control":  # plain sqlcipher3, no log pragma: proves the capture sees fd 2
    conn = sqlcipher3.connect(str(path))
    conn.execute(db.key_pragma(crypto.random_key()))
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError:
        pass
else:
    try:
        db.connect(path, crypto.random_key())
    except VaultDamaged:
        pass
"""


def test_wrong_key_is_damage_and_says_nothing_on_fd_2(plain_db):
    path, _ = plain_db
    with pytest.raises(VaultDamaged):
        db.connect(path, crypto.random_key())

    def stderr_of(mode: str) -> str:  # SQLCipher writes from C straight to fd 2
        return subprocess.run([sys.executable, "-c", _WRONG_KEY_SCRIPT, str(path), mode],
                              capture_output=True, text=True, timeout=60).stderr

    assert "hmac check failed" in stderr_of("control")
    assert stderr_of("pgatui") == ""


def test_only_sqlcipher_4_is_accepted():
    class FakeConn:
        def __init__(self, version):
            self.version = version

        def execute(self, sql):
            return self

        def fetchone(self):
            return (self.version,) if self.version else None

    db.require_sqlcipher_4(FakeConn("4.19.0 community"))
    for old in ("3.4.2", None):
        with pytest.raises(PgaError) as refused:
            db.require_sqlcipher_4(FakeConn(old))
        assert "SQLCipher 4" in str(refused.value) and not isinstance(refused.value, VaultDamaged)


def test_missing_data_file_is_damage(tmp_path):
    with pytest.raises(VaultDamaged):
        db.connect(tmp_path / "weg.db", crypto.random_key())


def test_migrations_are_numbered_files_inside_the_package():
    found = db.migrations()
    assert [n for n, _ in found][:2] == [1, 2]
    package = Path(db.__file__).parent / "migrations"
    assert (package / "0001_core.sql").is_file()  # under src/pgatui: hatchling packs it


def test_a_new_migration_file_is_picked_up_and_runs_once(plain_db, tmp_path, monkeypatch):
    path, key = plain_db
    folder = tmp_path / "migrations"
    shutil.copytree(Path(db.__file__).parent / "migrations", folder)
    (folder / "0099_test_extra.sql").write_text(
        "-- a later issue's tables\nCREATE TABLE extra(id INTEGER PRIMARY KEY);\n"
        "CREATE TRIGGER extra_guard BEFORE DELETE ON extra\nBEGIN\n    SELECT RAISE(ABORT, 'nee');\nEND;\n")
    (folder / "README.txt").write_text("not a migration")
    monkeypatch.setattr(db, "MIGRATIONS", folder)
    for _ in range(2):  # the second connection finds nothing left to do
        conn = db.connect(path, key)
        db.migrate(conn)
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 99
        conn.close()


def test_a_failing_migration_leaves_the_previous_version(plain_db, tmp_path, monkeypatch):
    path, key = plain_db
    folder = tmp_path / "migrations"
    shutil.copytree(Path(db.__file__).parent / "migrations", folder)
    (folder / "0099_broken.sql").write_text("CREATE TABLE half(id INTEGER);\nTHIS IS NOT SQL;\n")
    monkeypatch.setattr(db, "MIGRATIONS", folder)
    conn = db.connect(path, key)
    with pytest.raises(db.DatabaseError):
        db.migrate(conn)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == max(n for n, _ in db.migrations() if n < 99)
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name='half'").fetchone()[0] == 0
    conn.close()


def test_a_vault_from_a_newer_pgatui_is_refused(plain_db):
    path, key = plain_db
    conn = db.connect(path, key)
    conn.execute("PRAGMA user_version = 9999")
    with pytest.raises(PgaError) as refused:
        db.migrate(conn)
    assert "nieuwere versie" in str(refused.value)
    conn.close()


def test_statement_splitter_keeps_triggers_whole():
    script = "-- c\nCREATE TABLE a(x);\nCREATE TRIGGER t BEFORE DELETE ON a\nBEGIN\n SELECT 1;\n SELECT 2;\nEND;\n"
    assert len(db.split_statements(script)) == 2


def test_export_copy_is_under_the_given_key(plain_db, tmp_path):
    path, key = plain_db
    conn = db.connect(path, key)
    conn.execute("CREATE TABLE t(x)")
    conn.execute("INSERT INTO t VALUES (42)")
    other = crypto.random_key()
    db.export_copy(conn, tmp_path / "copy.db", other)
    conn.close()
    assert not db.opens_with(tmp_path / "copy.db", key)
    copy = db.connect(tmp_path / "copy.db", other)
    assert copy.execute("SELECT x FROM t").fetchone()[0] == 42
    assert db.integrity_problems(copy) == []
    copy.close()
    assert os.path.exists(tmp_path / "copy.db")
