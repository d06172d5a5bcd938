from __future__ import annotations

import hashlib
import json

import pytest
import sqlcipher3

from pgatui import clock
from pgatui.errors import (AccessDenied, AuthenticationFailed, PasswordChangeRequired, PasswordPolicyError,
                           PgaError, Throttled, VaultBusy, VaultDamaged, VaultNotFound)
from pgatui.vault import (change_password, create_vault, demo_accounts, open_vault, open_with_recovery,
                          restore_backup)
from pgatui.vault import keyring as keyring_module
from pgatui.vault.db import key_pragma

from helpers import ADMIN, ADMIN_PW, CANARY, canary_rows


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_create_refuses_weak_password_and_existing_folder(tmp_path, vault_path):
    with pytest.raises(PasswordPolicyError):
        create_vault(tmp_path / "x", ADMIN, "kort", "Gemeente")
    with pytest.raises(PgaError):
        create_vault(vault_path, ADMIN, ADMIN_PW, "Gemeente")


def test_open_checks_password_and_user_with_one_message(vault_path, tmp_path):
    with pytest.raises(AuthenticationFailed) as wrong:
        open_vault(vault_path, ADMIN, "verkeerd-wachtwoord")
    with pytest.raises(AuthenticationFailed) as unknown:
        open_vault(vault_path, "niemand", "verkeerd-wachtwoord")
    assert str(wrong.value) == str(unknown.value)
    with pytest.raises(VaultNotFound):
        open_vault(tmp_path / "bestaat-niet", ADMIN, ADMIN_PW)


def test_connection_pragmas(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        conn = vault.conn
        assert conn.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
        assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2


def test_new_user_must_change_one_time_password_and_change_leaves_data_untouched(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        one_time = vault.add_user("piet", "politie", "Politie Test")
    with pytest.raises(PasswordChangeRequired):
        open_vault(vault_path, "piet", one_time)
    before = sha(vault_path / "data.db")
    change_password(vault_path, "piet", one_time, "nieuwe-zin-voor-p")
    assert sha(vault_path / "data.db") == before
    with open_vault(vault_path, "piet", "nieuwe-zin-voor-p") as vault:
        assert vault.user.role.value == "politie" and not vault.user.must_change_password
        actions = [r[0] for r in vault.conn.execute("SELECT action FROM audit_log WHERE actor='piet'")]
    assert actions[:2] == ["password.change", "login"]


def test_only_administrators_manage_users(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        one_time = vault.add_user("gea", "gemeente", "Gemeente Test")
    change_password(vault_path, "gea", one_time, "gemeente-wachtzin-1")
    with open_vault(vault_path, "gea", "gemeente-wachtzin-1") as vault:
        with pytest.raises(AccessDenied):
            vault.add_user("x1", "om", "OM")
        refused = vault.conn.execute("SELECT count(*) FROM audit_log WHERE result='refused'").fetchone()[0]
    assert refused == 1


def test_failed_logins_are_throttled_and_audited(vault_path):
    start = clock.utcnow()
    clock.freeze(start)
    try:
        for _ in range(3):
            with pytest.raises(AuthenticationFailed):
                open_vault(vault_path, ADMIN, "verkeerd-wachtwoord")
        with pytest.raises(Throttled) as throttled:
            open_vault(vault_path, ADMIN, ADMIN_PW)
        assert throttled.value.retry_after > 0
        import datetime as dt

        clock.freeze(start + dt.timedelta(seconds=throttled.value.retry_after + 1))
        with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
            failed = vault.conn.execute(
                "SELECT count(*) FROM audit_log WHERE action='login' AND result='failed'").fetchone()[0]
        assert failed == 3
    finally:
        clock.freeze(None)


def test_disabled_user_is_refused_and_loses_keys_at_rotation(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        one_time = vault.add_user("olaf", "om", "OM Test")
    change_password(vault_path, "olaf", one_time, "openbaar-ministerie-1")
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        vault.disable_user("olaf")
        vault.rotate_key()
    with pytest.raises(AuthenticationFailed):
        open_vault(vault_path, "olaf", "openbaar-ministerie-1")
    ring = json.loads((vault_path / "keyring.json").read_text())
    assert keyring_module.find_slot(ring, "olaf")["sealed"] == {}


def test_rotation_makes_the_old_key_useless_and_keeps_every_row(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        old_key = vault._data_key
        vault.rotate_key()
        assert vault.generation == 2
        with vault.transaction() as conn:  # leave something in the WAL too
            conn.execute("INSERT INTO canary(text) VALUES ('na de wissel')")
        for name in ("data.db", "data.db-wal"):
            conn = sqlcipher3.connect(str(vault_path / name))
            conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute(key_pragma(old_key))
            with pytest.raises(sqlcipher3.DatabaseError):
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.close()
    assert canary_rows(vault_path) == 201
    ring = json.loads((vault_path / "keyring.json").read_text())
    assert ring["rotation"] is None and all(list(s["sealed"]) == ["2"] for s in ring["slots"])


def test_rotation_is_refused_while_another_session_has_the_vault(vault_path):
    other = open_vault(vault_path, ADMIN, ADMIN_PW)
    try:
        with open_vault(vault_path, ADMIN, ADMIN_PW) as vault, pytest.raises(VaultBusy):
            vault.rotate_key()
    finally:
        other.close()


def test_read_only_folder_during_rotation_rolls_back(vault_path, monkeypatch):
    from pgatui.vault import db

    def read_only(*args, **kwargs):
        raise PermissionError(30, "Read-only file system")

    monkeypatch.setattr(db, "export_copy", read_only)
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault, pytest.raises(PermissionError):
        vault.rotate_key()
    monkeypatch.undo()
    assert canary_rows(vault_path) == 200
    ring = json.loads((vault_path / "keyring.json").read_text())
    assert ring["rotation"] is None and ring["generation"] == 1
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        assert vault.verify().ok


def test_keyring_tampering_is_detected(vault_path):
    ring = json.loads((vault_path / "keyring.json").read_text())
    ring["slots"][0]["role"] = "toezicht"
    (vault_path / "keyring.json").write_text(json.dumps(ring))
    with pytest.raises(VaultDamaged):
        open_vault(vault_path, ADMIN, ADMIN_PW)


def test_audit_chain_refuses_edits_and_detects_tampering_and_truncation(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        with pytest.raises(sqlcipher3.DatabaseError):
            with vault.transaction() as conn:
                conn.execute("UPDATE audit_log SET actor = 'x'")
        assert vault.verify().ok
        with vault.transaction() as conn:  # an attacker with the key drops the guard
            conn.execute("DROP TRIGGER audit_log_no_delete")
            conn.execute("DELETE FROM audit_log WHERE seq > 2")
        problems = vault.verify().problems
    assert any("ingekort" in p for p in problems)


def test_backup_restores_after_rotation_and_damage_is_refused(vault_path, tmp_path):
    backup = tmp_path / "voor-wissel.pgabackup"
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        vault.backup(backup)
        vault.rotate_key()
        with pytest.raises(PgaError):
            vault.backup(backup)  # never overwrites
    restored = restore_backup(backup, tmp_path / "hersteld.pgavault", ADMIN, ADMIN_PW)
    assert canary_rows(restored) == 200
    with pytest.raises(PgaError):
        restore_backup(backup, vault_path, ADMIN, ADMIN_PW)  # never over an existing vault
    damaged = tmp_path / "kapot.pgabackup"
    data = bytearray(backup.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    with pytest.raises(VaultDamaged):
        restore_backup(damaged, tmp_path / "nooit.pgavault", ADMIN, ADMIN_PW)
    assert not (tmp_path / "nooit.pgavault").exists()


def test_restore_with_replace_keeps_the_old_vault(vault_path, tmp_path):
    backup = tmp_path / "b.pgabackup"
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        vault.backup(backup)
    restore_backup(backup, vault_path, ADMIN, ADMIN_PW, replace=True)
    assert len(list(tmp_path.glob("regio.pgavault.vervangen-*"))) == 1
    assert canary_rows(vault_path) == 200


def test_recovery_code_opens_the_vault(tmp_path):
    code = create_vault(tmp_path / "r.pgavault", ADMIN, ADMIN_PW, "Gemeente")
    with open_with_recovery(tmp_path / "r.pgavault", code.lower().replace("-", " ")) as vault:
        assert vault.user.login == "herstelcode"
    with pytest.raises(AuthenticationFailed):
        open_with_recovery(tmp_path / "r.pgavault", "AAAA-" * 7 + "AAAA")


def test_canary_never_in_plaintext_on_disk(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        with vault.transaction() as conn:
            conn.execute("INSERT INTO canary(text) VALUES (?)", (CANARY,))
        files = [p for p in vault_path.iterdir() if p.is_file()]  # WAL present while open
        assert any(p.name.endswith("-wal") for p in files)
        assert not [p.name for p in files if CANARY.encode() in p.read_bytes()]
    assert not [p.name for p in vault_path.iterdir() if p.is_file() and CANARY.encode() in p.read_bytes()]


def test_demo_accounts_only_for_demo_vaults(vault_path, tmp_path):
    from pgatui.services.demo import ensure_demo_vault

    assert demo_accounts(vault_path) == []
    demo = ensure_demo_vault(tmp_path / "demo.pgavault")
    accounts = demo_accounts(demo)
    assert {role for _, _, role in accounts} == {"beheerder", "gemeente", "politie", "om", "partner", "toezicht"}
    for login, password, role in accounts:
        with open_vault(demo, login, password) as vault:
            assert vault.user.role.value == role and vault.is_demo
