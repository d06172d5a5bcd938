"""Issue 17, bullet 2: what a killed init or restore left behind is cleaned up next time, but only
when it is recognisably pgatui's own staging folder."""

from __future__ import annotations

from helpers import ADMIN, ADMIN_PW
from pgatui.vault import create_vault, open_vault, restore_backup


def _leftover(beside, purpose: str, names: list[str], hexpart: str = "0123456789abcdef"):
    folder = beside.with_name(f".{beside.name}.{hexpart}.{purpose}")
    folder.mkdir()
    for name in names:
        (folder / name).write_bytes(b"half")
    return folder


def test_a_killed_init_is_cleaned_up_by_the_next_one_and_foreign_folders_stay(tmp_path):
    target = tmp_path / "nieuw.pgavault"
    ours = _leftover(target, "aanmaken", [".vault.lock", ".keyring.lock", ".pending.lock", "data.db", "data.db-wal"])
    theirs = _leftover(target, "aanmaken", ["notities.txt"], hexpart="fedcba9876543210")
    create_vault(target, ADMIN, ADMIN_PW, "Gemeente Test")
    assert not ours.exists() and (theirs / "notities.txt").exists()


def test_a_killed_restore_is_cleaned_up_by_the_next_one(vault_path, tmp_path):
    backup = tmp_path / "b.pgabackup"
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        vault.backup(backup)
    target = tmp_path / "terug.pgavault"
    ours = _leftover(target, "herstellen", ["keyring.json", "data.db", "pending.json", ".vault.lock"])
    restore_backup(backup, target, ADMIN, ADMIN_PW)
    assert not ours.exists() and (target / "data.db").is_file()
