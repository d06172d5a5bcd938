"""Key rotation: export, verify, swap; old key useless; disabled users cut off; failures roll back."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import sqlcipher3

from helpers import ADMIN, ADMIN_PW, canary_rows
from pgatui.errors import AuthenticationFailed, PgaError, VaultBusy
from pgatui.vault import change_password, create_vault, open_vault, open_with_recovery, rotation
from pgatui.vault import keyring as keyring_module
from pgatui.vault.db import key_pragma


def _ring(path):
    return json.loads((path / "keyring.json").read_text())


def _opens_with_raw_key(path, key) -> bool:
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(key_pragma(key))
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher3.DatabaseError:
        return False
    finally:
        conn.close()


def test_rotation_makes_the_old_key_useless_and_keeps_every_row(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        old_key = bytes(vault._data_key)  # a copy: the rotation wipes the vault's own
        vault.rotate_key()
        assert vault.generation == 2
        with vault.transaction() as conn:  # leave something in the WAL too
            conn.execute("INSERT INTO canary(text) VALUES ('na de wissel')")
        assert (vault_path / "data.db-wal").stat().st_size > 0
        assert not _opens_with_raw_key(vault_path / "data.db", old_key)
        assert not _opens_with_raw_key(vault_path / "data.db-wal", old_key)
        assert _opens_with_raw_key(vault_path / "data.db", vault._data_key)
    assert canary_rows(vault_path) == 201
    ring = _ring(vault_path)
    assert ring["rotation"] is None and all(list(s["sealed"]) == ["2"] for s in ring["slots"])


def test_every_enabled_user_and_the_recovery_code_still_unlock(tmp_path):
    path = tmp_path / "r.pgavault"
    code = create_vault(path, ADMIN, ADMIN_PW, "Gemeente")
    with open_vault(path, ADMIN, ADMIN_PW) as vault:
        one_time = vault.add_user("piet", "politie", "Politie")
    change_password(path, "piet", one_time, "politie-wachtzin-1")
    with open_vault(path, ADMIN, ADMIN_PW) as vault:
        vault.rotate_key()
        vault.rotate_key()
        assert vault.generation == 3
    with open_vault(path, "piet", "politie-wachtzin-1") as vault:
        assert vault.verify().ok
    with open_with_recovery(path, code) as vault:
        assert vault.generation == 3


def test_disabled_user_is_refused_and_loses_keys_at_rotation(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        one_time = vault.add_user("olaf", "om", "OM Test")
    change_password(vault_path, "olaf", one_time, "openbaar-ministerie-1")
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        vault.disable_user("olaf")
    with pytest.raises(AuthenticationFailed):
        open_vault(vault_path, "olaf", "openbaar-ministerie-1")
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        vault.rotate_key()
    assert keyring_module.find_slot(_ring(vault_path), "olaf")["sealed"] == {}
    with pytest.raises(AuthenticationFailed):
        open_vault(vault_path, "olaf", "openbaar-ministerie-1")


def test_rotation_is_refused_while_another_session_has_the_vault(vault_path):
    other = open_vault(vault_path, ADMIN, ADMIN_PW)
    try:
        with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
            with pytest.raises(VaultBusy):
                vault.rotate_key()
            assert vault._lock.held == "shared"  # a refused upgrade keeps the session's lock
            assert vault.verify().ok
    finally:
        other.close()


def test_only_an_administrator_rotates(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        one_time = vault.add_user("gea", "gemeente", "Gemeente")
    change_password(vault_path, "gea", one_time, "gemeente-wachtzin-1")
    with open_vault(vault_path, "gea", "gemeente-wachtzin-1") as vault:
        from pgatui.errors import AccessDenied

        with pytest.raises(AccessDenied):
            vault.rotate_key()
    assert _ring(vault_path)["generation"] == 1


def _assert_rolled_back(vault_path):
    assert canary_rows(vault_path) == 200  # opening first: it finishes or rolls back
    ring = _ring(vault_path)
    assert ring["rotation"] is None and ring["generation"] == 1
    assert all(list(s["sealed"]) == ["1"] for s in ring["slots"])
    assert not (vault_path / "data.db.new").exists()
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        assert vault.verify().ok
        results = [r[0] for r in vault.conn.execute("SELECT result FROM audit_log WHERE action='key.rotate'")]
    assert results == ["started", "failed"]


def test_read_only_folder_at_the_start_of_a_rotation(vault_path, make_read_only):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        make_read_only(vault_path)
        with pytest.raises(PgaError) as refused:
            vault.rotate_key()
        assert "ongewijzigd" in str(refused.value)
        subprocess.run(["chattr", "-i", str(vault_path)], capture_output=True)
        vault_path.chmod(0o700)
    _assert_rolled_back(vault_path)


def test_read_only_folder_in_the_middle_of_a_rotation(vault_path, make_read_only, monkeypatch):
    seal = rotation._seal_new_generation

    def seal_then_lose_write_access(vault, new_key):
        generations = seal(vault, new_key)
        make_read_only(vault_path)  # data.db.new cannot be created, nor the keyring rewritten
        return generations

    monkeypatch.setattr(rotation, "_seal_new_generation", seal_then_lose_write_access)
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        with pytest.raises(PgaError) as refused:
            vault.rotate_key()
        assert "ongewijzigd" in str(refused.value)
    assert _ring(vault_path)["rotation"] is not None  # could not be written back yet
    subprocess.run(["chattr", "-i", str(vault_path)], capture_output=True)
    vault_path.chmod(0o700)
    # the next open rolls back: data.db opens with the old key only
    _assert_rolled_back(vault_path)


def test_read_only_folder_via_the_command_line(vault_path, make_read_only):
    make_read_only(vault_path)
    result = subprocess.run(
        [sys.executable, "-m", "pgatui", "rotate-key", str(vault_path), "--as", ADMIN, "--password-stdin"],
        input=ADMIN_PW + "\n", capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "schrijfbaar" in lines[0], result.stderr
    subprocess.run(["chattr", "-i", str(vault_path)], capture_output=True)
    vault_path.chmod(0o700)
    assert canary_rows(vault_path) == 200
    assert _ring(vault_path)["generation"] == 1


def test_a_failed_copy_is_never_swapped_in(vault_path, monkeypatch):
    def damaged_copy(*args, **kwargs):
        from pgatui.errors import VaultDamaged

        raise VaultDamaged("De nieuwe kopie van de database klopt niet; de sleutelwissel is afgebroken.")

    monkeypatch.setattr(rotation, "verify_copy", damaged_copy)
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault, pytest.raises(PgaError):
        vault.rotate_key()
    monkeypatch.undo()
    _assert_rolled_back(vault_path)


@pytest.mark.parametrize("page", ["first", "middle", "last"])
def test_the_one_integrity_pass_finds_a_damaged_page_of_the_copy(vault_path, tmp_path, page):
    """The rotation checks its copy with one pass (cipher_integrity_check: every page's HMAC, in
    file order, beside the row counts): a page changed anywhere in the copy stops the swap."""
    from pgatui.errors import VaultDamaged
    from pgatui.vault import crypto, db

    key, copy = crypto.random_key(), tmp_path / "copy.db"
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        expected = rotation.fingerprint(vault.conn)
        db.export_copy(vault.conn, copy, key)
    rotation.verify_copy(copy, key, expected)  # sound as exported
    pages = copy.stat().st_size // 4096
    number = {"first": 1, "middle": pages // 2, "last": pages - 1}[page]
    with open(copy, "r+b") as file:
        file.seek(number * 4096 + 100)
        file.write(b"\xff" * 16)
    with pytest.raises(VaultDamaged):
        rotation.verify_copy(copy, key, expected)


def test_progress_is_reported(vault_path):
    seen = []
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        vault.rotate_key(progress=lambda done, total: seen.append((done, total)))
    assert seen == [(i, rotation.STEPS) for i in range(1, rotation.STEPS + 1)]


def test_rotation_keeps_every_table_and_the_blind_index(vault_path):
    from pgatui.services.seed import seed_vault
    from pgatui.services.session import Session

    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        seed_vault(Session(vault), 300)
        _, before = rotation.fingerprint(vault.conn)
        vault.rotate_key()
        _, after = rotation.fingerprint(vault.conn)
        indexed = vault.conn.execute("SELECT count(*) FROM blind_index").fetchone()[0]  # answers under the new key
        boxes = keyring_module.load(vault_path)["compartments"]
    assert indexed and boxes  # the seed's cases are indexed; the compartments outlive the rotation
    assert {t: n for t, n in after.items() if t != "audit_log"} == {t: n for t, n in before.items() if t != "audit_log"}
    assert after["audit_log"] > before["audit_log"]
