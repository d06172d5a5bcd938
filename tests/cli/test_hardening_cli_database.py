"""Issue 17, bullet 3: a missing, empty or foreign data.db is exit 4 and is never rewritten."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from cliutil import as_admin, one_line_error
from helpers import ADMIN, ADMIN_PW
from pgatui.vault import create_vault


def _fingerprint(folder) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()
            and not p.name.startswith(".")}


def _empty(data_db, tmp_path):
    data_db.write_bytes(b"")


def _plain_sqlite(data_db, tmp_path):
    data_db.unlink()
    with sqlite3.connect(data_db) as conn:
        conn.execute("CREATE TABLE other(x)")


def _other_vault(data_db, tmp_path):
    other = tmp_path / "ander.pgavault"
    create_vault(other, ADMIN, ADMIN_PW, "Gemeente Elders")
    data_db.write_bytes((other / "data.db").read_bytes())


@pytest.mark.parametrize("replace", [_empty, _plain_sqlite, _other_vault], ids=["empty", "plain-sqlite", "other-vault"])
def test_a_foreign_or_empty_data_db_is_exit_4_and_untouched(vault_path, tmp_path, replace):
    data_db = vault_path / "data.db"
    for leftover in ("data.db-wal", "data.db-shm"):
        (vault_path / leftover).unlink(missing_ok=True)
    replace(data_db, tmp_path)
    before = _fingerprint(vault_path)
    for command in ("verify", "user list"):
        result = as_admin(*command.split(), vault_path)
        assert result.returncode == 4, result.stderr
        assert "data.db" in one_line_error(result)
    assert _fingerprint(vault_path) == before  # nothing written, no schema built into it


def test_a_missing_data_db_is_exit_4(vault_path):
    (vault_path / "data.db").unlink()
    result = as_admin("verify", vault_path)
    assert result.returncode == 4 and "data.db" in one_line_error(result)
    assert not (vault_path / "data.db").exists()
