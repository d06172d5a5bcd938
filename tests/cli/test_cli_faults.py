"""Fault tests in subprocesses (DESIGN.md, "Tests"): kill -9 at named points, damage, tampering.

After each: a clear one-line message, the vault opens with the right password, `pgatui verify`
passes or names the damage, and no row is lost.
"""

from __future__ import annotations

import json

import pytest

from cliutil import as_admin, flip_byte, one_line_error
from helpers import ADMIN, ADMIN_PW, canary_rows

CRASH_POINTS_ROTATION = ("rotate-after-keyring-add", "rotate-after-export", "rotate-after-verify",
                         "rotate-after-wal-removed", "rotate-after-swap", "rotate-after-finish")
CRASH_POINTS_BACKUP = ("backup-after-export", "backup-before-rename", "backup-after-rename")


def _assert_sound(vault_path):
    assert canary_rows(vault_path) == 200
    check = as_admin("verify", vault_path)
    assert check.returncode == 0, check.stderr
    ring = json.loads((vault_path / "keyring.json").read_text())
    assert ring["rotation"] is None
    assert {tuple(s["sealed"]) for s in ring["slots"]} == {(str(ring["generation"]),)}  # one generation
    assert not (vault_path / "data.db.new").exists()
    return ring


@pytest.mark.parametrize("point", CRASH_POINTS_ROTATION)
def test_kill_during_rotation_loses_nothing(vault_path, point):
    result = as_admin("rotate-key", vault_path, env={"PGATUI_TEST_CRASH_AT": point})
    assert result.returncode == -9
    ring = _assert_sound(vault_path)
    # before the swap the next open rolls back, after it the next open finishes
    swapped = point in ("rotate-after-swap", "rotate-after-finish")
    assert ring["generation"] == (2 if swapped else 1)
    again = as_admin("rotate-key", vault_path)  # and a rotation can run again
    assert again.returncode == 0, again.stderr
    _assert_sound(vault_path)


@pytest.mark.parametrize("point", CRASH_POINTS_BACKUP)
def test_kill_during_backup_leaves_no_half_backup(vault_path, tmp_path, point):
    dest = tmp_path / "b.pgabackup"
    result = as_admin("backup", vault_path, dest, env={"PGATUI_TEST_CRASH_AT": point})
    assert result.returncode == -9
    _assert_sound(vault_path)
    if point == "backup-after-rename":  # the file was complete: it must restore
        assert as_admin("restore", dest, tmp_path / "r.pgavault").returncode == 0
        assert canary_rows(tmp_path / "r.pgavault") == 200
    else:
        assert not dest.exists()
        assert as_admin("backup", vault_path, dest).returncode == 0
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".b.pgabackup")]


def test_flipped_byte_in_a_data_page_is_named_by_verify(vault_path):
    flip_byte(vault_path / "data.db", (vault_path / "data.db").stat().st_size - 3000)
    result = as_admin("verify", vault_path)
    assert result.returncode == 4
    assert "cipher_integrity_check" in one_line_error(result)


def test_flipped_byte_in_the_first_page_is_exit_4(vault_path):
    flip_byte(vault_path / "data.db", 100)
    result = as_admin("verify", vault_path)
    assert result.returncode == 4 and "beschadigd" in one_line_error(result)
    assert as_admin("rotate-key", vault_path).returncode == 4


def test_edited_keyring_is_exit_4(vault_path):
    ring = json.loads((vault_path / "keyring.json").read_text())
    ring["slots"].append(dict(ring["slots"][0], login="indringer"))
    (vault_path / "keyring.json").write_text(json.dumps(ring))
    result = as_admin("verify", vault_path)
    assert result.returncode == 4 and "sleutelring" in one_line_error(result)


def test_keyring_of_the_wrong_shape_is_exit_4(vault_path):
    ring = json.loads((vault_path / "keyring.json").read_text())
    del ring["slots"][0]["kdf"]
    (vault_path / "keyring.json").write_text(json.dumps(ring))
    assert as_admin("verify", vault_path).returncode == 4
    (vault_path / "keyring.json").write_text("{niet: json")
    result = as_admin("verify", vault_path)
    assert result.returncode == 4 and one_line_error(result)


def test_missing_keyring_beside_data_is_damage_not_absence(vault_path):
    (vault_path / "keyring.json").unlink()
    result = as_admin("verify", vault_path)
    assert result.returncode == 4 and one_line_error(result)


def test_damaged_backup_is_refused_with_exit_4(vault_path, tmp_path):
    dest = tmp_path / "b.pgabackup"
    assert as_admin("backup", vault_path, dest).returncode == 0
    flip_byte(dest, dest.stat().st_size // 2)
    result = as_admin("restore", dest, tmp_path / "r.pgavault")
    assert result.returncode == 4 and "back-up" in one_line_error(result)
    assert not (tmp_path / "r.pgavault").exists()


def test_truncated_audit_chain_is_exit_4(vault_path):
    from helpers import ADMIN, ADMIN_PW
    from pgatui.vault import db, open_vault

    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        key = bytes(vault._data_key)  # a copy: close() wipes the vault's own
    conn = db.connect(vault_path / "data.db", key)  # an attacker holding the key, outside pgatui
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("DELETE FROM audit_log WHERE seq > 2")
    conn.close()
    result = as_admin("verify", vault_path)
    assert result.returncode == 4 and "auditketen" in one_line_error(result)


CRASH_POINTS_MIGRATION = ("rotate-after-keyring-add", "rotate-after-export", "migrate-after-seal",
                          "rotate-after-verify", "rotate-after-swap", "rotate-after-finish")


@pytest.mark.parametrize("point", CRASH_POINTS_MIGRATION)
def test_kill_during_the_compartment_migration_leaves_the_old_or_the_new_vault(vault_path, point):
    from plain_vault import vault_before_compartments
    from pgatui.vault import open_vault
    from pgatui.vault.compartment_migration import plain_cases

    cases = vault_before_compartments(vault_path)
    result = as_admin("migrate-compartments", vault_path, env={"PGATUI_TEST_CRASH_AT": point})
    assert result.returncode == -9
    ring = _assert_sound(vault_path)
    swapped = point in ("rotate-after-swap", "rotate-after-finish")
    assert ring["generation"] == (2 if swapped else 1)
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:  # old: all plain; new: all sealed
        assert len(plain_cases(vault.conn)) == (0 if swapped else len(cases))
    again = as_admin("migrate-compartments", vault_path)  # and it runs (again) to the end
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith(f"{0 if swapped else len(cases)} dossiers verzegeld")
    _assert_sound(vault_path)
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        assert plain_cases(vault.conn) == []
