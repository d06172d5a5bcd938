"""Backups: encrypted, self-verifying, made with the vault open; restores never overwrite silently."""

from __future__ import annotations

import stat
import tarfile

import pytest

from helpers import ADMIN, ADMIN_PW, CANARY, canary_rows
from pgatui.errors import AccessDenied, PgaError, VaultBusy, VaultDamaged, VaultNotFound
from pgatui.vault import change_password, open_vault, restore_backup


def test_backup_restores_after_rotation_with_the_old_password(vault_path, tmp_path):
    backup = tmp_path / "voor-wissel.pgabackup"
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        vault.backup(backup)
        vault.rotate_key()
        with pytest.raises(PgaError):
            vault.backup(backup)  # never overwrites
    change_password(vault_path, ADMIN, ADMIN_PW, "een-ander-wachtwoord")
    restored = restore_backup(backup, tmp_path / "hersteld.pgavault", ADMIN, ADMIN_PW)
    assert canary_rows(restored) == 200
    with open_vault(restored, ADMIN, ADMIN_PW) as vault:
        assert vault.generation == 1 and vault.verify().ok
        actions = [r[0] for r in vault.conn.execute("SELECT action FROM audit_log")]
    assert "backup.restore" in actions


def test_backup_is_a_tar_of_encrypted_parts_owner_only(vault_path, tmp_path):
    backup = tmp_path / "b.pgabackup"
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        with vault.transaction() as conn:
            conn.execute("INSERT INTO canary(text) VALUES (?)", (CANARY,))
        vault.backup(backup)
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    with tarfile.open(backup) as tar:
        assert sorted(tar.getnames()) == ["data.db", "keyring.json", "manifest.json"]
    assert CANARY.encode() not in backup.read_bytes()


def test_backup_while_another_session_writes(vault_path, tmp_path):
    """The copy is one snapshot: the audit head in its keyring is never ahead of its chain."""
    writer = open_vault(vault_path, ADMIN, ADMIN_PW)
    try:
        with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
            with writer.transaction() as conn:
                conn.execute("INSERT INTO canary(text) VALUES ('tijdens')")
                writer.audit("canary.add")
            writer.mirror_audit_head()
            vault.backup(tmp_path / "b.pgabackup")
    finally:
        writer.close()
    restored = restore_backup(tmp_path / "b.pgabackup", tmp_path / "r.pgavault", ADMIN, ADMIN_PW)
    assert canary_rows(restored) == 201


def test_damaged_or_missing_backup_is_refused_and_nothing_appears(vault_path, tmp_path):
    backup = tmp_path / "b.pgabackup"
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        vault.backup(backup)
    data = bytearray(backup.read_bytes())
    with tarfile.open(backup) as tar:  # one flipped byte inside each part, and in a tar header
        offsets = [m.offset_data + m.size // 2 for m in tar.getmembers()] + [tar.getmembers()[1].offset + 10]
    for offset in offsets:
        damaged = bytearray(data)
        damaged[offset] ^= 0xFF
        (tmp_path / "kapot.pgabackup").write_bytes(bytes(damaged))
        with pytest.raises(VaultDamaged):
            restore_backup(tmp_path / "kapot.pgabackup", tmp_path / "nooit.pgavault", ADMIN, ADMIN_PW)
        assert not (tmp_path / "nooit.pgavault").exists()
    (tmp_path / "kort.pgabackup").write_bytes(bytes(data[: len(data) // 3]))
    with pytest.raises(VaultDamaged):
        restore_backup(tmp_path / "kort.pgabackup", tmp_path / "nooit.pgavault", ADMIN, ADMIN_PW)
    with pytest.raises(VaultNotFound):
        restore_backup(tmp_path / "bestaat-niet", tmp_path / "nooit.pgavault", ADMIN, ADMIN_PW)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".nooit")]


def test_restore_never_overwrites_and_replace_keeps_the_old_vault(vault_path, tmp_path):
    backup = tmp_path / "b.pgabackup"
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        vault.backup(backup)
    with pytest.raises(PgaError):
        restore_backup(backup, vault_path, ADMIN, ADMIN_PW)
    with open_vault(vault_path, ADMIN, ADMIN_PW):  # in use: the swap is refused, nothing moves
        with pytest.raises(VaultBusy):
            restore_backup(backup, vault_path, ADMIN, ADMIN_PW, replace=True)
    assert not list(tmp_path.glob("regio.pgavault.vervangen-*"))
    restore_backup(backup, vault_path, ADMIN, ADMIN_PW, replace=True)
    assert len(list(tmp_path.glob("regio.pgavault.vervangen-*"))) == 1
    assert canary_rows(vault_path) == 200


def test_only_an_administrator_restores(vault_path, tmp_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        one_time = vault.add_user("gea", "gemeente", "Gemeente")
    change_password(vault_path, "gea", one_time, "gemeente-wachtzin-1")
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        vault.backup(tmp_path / "b.pgabackup")
    with open_vault(vault_path, "gea", "gemeente-wachtzin-1") as vault, pytest.raises(AccessDenied):
        vault.backup(tmp_path / "c.pgabackup")
    with pytest.raises(AccessDenied):
        restore_backup(tmp_path / "b.pgabackup", tmp_path / "r.pgavault", "gea", "gemeente-wachtzin-1")
    assert not (tmp_path / "r.pgavault").exists()
