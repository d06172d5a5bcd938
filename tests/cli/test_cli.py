"""The command line contract, run as a user would: subprocesses, stdin for passwords."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from helpers import ADMIN, ADMIN_PW, canary_rows
from pgatui.vault import open_vault

CRASH_POINTS_ROTATION = ("rotate-after-keyring-add", "rotate-after-export", "rotate-after-verify",
                         "rotate-after-swap", "rotate-after-finish")
CRASH_POINTS_BACKUP = ("backup-after-export", "backup-before-rename")


def pgatui(*args, stdin: str = "", env: dict | None = None):
    import os

    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "pgatui", *map(str, args)], input=stdin,
                          capture_output=True, text=True, timeout=120, env=full_env)


def as_admin(*args, **kw):
    return pgatui(*args, "--as", ADMIN, "--password-stdin", stdin=ADMIN_PW + "\n", **kw)


def one_line_error(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def test_init_prints_recovery_code_and_add_user_prints_password_last(tmp_path):
    vault = tmp_path / "n.pgavault"
    result = pgatui("init", vault, "--admin", "bea", "--password-stdin", stdin="beheerder-wachtzin\n")
    assert result.returncode == 0, result.stderr
    code = result.stdout.strip().splitlines()[-1]
    assert len(code.split("-")) == 8
    added = pgatui("user", "add", vault, "--as", "bea", "--name", "gijs", "--role", "gemeente",
                   "--organisation", "Gemeente Test", "--password-stdin", stdin="beheerder-wachtzin\n")
    assert added.returncode == 0, added.stderr
    one_time = added.stdout.strip().splitlines()[-1]
    # a user with a one-time password may only run passwd
    blocked = pgatui("verify", vault, "--as", "gijs", "--password-stdin", stdin=one_time + "\n")
    assert blocked.returncode == 3 and "wijzigen" in one_line_error(blocked)
    changed = pgatui("passwd", vault, "--as", "gijs", "--password-stdin", stdin=f"{one_time}\ngemeente-wachtzin-2\n")
    assert changed.returncode == 0, changed.stderr
    listed = pgatui("user", "list", vault, "--as", "gijs", "--password-stdin", stdin="gemeente-wachtzin-2\n")
    assert listed.returncode == 0  # DESIGN.md: `user list --as NAME` is open to every user
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()] == ["bea", "gijs"]


def test_exit_codes(vault_path, tmp_path):
    wrong = pgatui("verify", vault_path, "--as", ADMIN, "--password-stdin", stdin="verkeerd-wachtwoord\n")
    unknown = pgatui("verify", vault_path, "--as", "niemand", "--password-stdin", stdin="verkeerd-wachtwoord\n")
    assert wrong.returncode == unknown.returncode == 3
    assert one_line_error(wrong) == one_line_error(unknown)
    missing = as_admin("verify", tmp_path / "nergens")
    assert missing.returncode == 1 and one_line_error(missing)
    assert pgatui("user", "add", vault_path).returncode == 2
    assert pgatui("init", tmp_path / "x", "--admin").returncode == 2
    assert as_admin("verify", vault_path).returncode == 0


def test_no_password_flags_exist():
    result = pgatui("init", "v", "--admin", "a", "--password", "geheim")
    assert result.returncode == 2 and "geheim" not in result.stderr


def test_passwd_leaves_data_db_byte_for_byte_unchanged(vault_path):
    before = hashlib.sha256((vault_path / "data.db").read_bytes()).hexdigest()
    result = pgatui("passwd", vault_path, "--as", ADMIN, "--password-stdin", stdin=f"{ADMIN_PW}\nandere-lange-zin-9\n")
    assert result.returncode == 0, result.stderr
    assert hashlib.sha256((vault_path / "data.db").read_bytes()).hexdigest() == before
    assert pgatui("verify", vault_path, "--as", ADMIN, "--password-stdin", stdin="andere-lange-zin-9\n").returncode == 0


def test_busy_vault_gives_exit_5(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW):
        result = as_admin("rotate-key", vault_path)
    assert result.returncode == 5 and one_line_error(result)


def _assert_sound(vault_path):
    assert canary_rows(vault_path) == 200
    check = as_admin("verify", vault_path)
    assert check.returncode == 0, check.stderr
    ring = json.loads((vault_path / "keyring.json").read_text())
    assert ring["rotation"] is None
    assert {tuple(s["sealed"]) for s in ring["slots"]} == {(str(ring["generation"]),)}
    assert not (vault_path / "data.db.new").exists()


@pytest.mark.parametrize("point", CRASH_POINTS_ROTATION)
def test_kill_during_rotation_loses_nothing(vault_path, point):
    result = as_admin("rotate-key", vault_path, env={"PGATUI_TEST_CRASH_AT": point})
    assert result.returncode == -9
    _assert_sound(vault_path)


@pytest.mark.parametrize("point", CRASH_POINTS_BACKUP)
def test_kill_during_backup_leaves_no_half_backup(vault_path, tmp_path, point):
    dest = tmp_path / "b.pgabackup"
    result = as_admin("backup", vault_path, dest, env={"PGATUI_TEST_CRASH_AT": point})
    assert result.returncode == -9
    assert not dest.exists()
    _assert_sound(vault_path)
    assert as_admin("backup", vault_path, dest).returncode == 0


def test_backup_and_restore_commands(vault_path, tmp_path):
    dest = tmp_path / "b.pgabackup"
    assert as_admin("backup", vault_path, dest).returncode == 0
    assert as_admin("restore", dest, vault_path).returncode == 1  # existing vault: refused
    assert as_admin("restore", dest, tmp_path / "nieuw.pgavault").returncode == 0
    assert canary_rows(tmp_path / "nieuw.pgavault") == 200


def _flip(path, offset):
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x5A
    path.write_bytes(bytes(data))


def test_flipped_byte_in_a_data_page_is_named_by_verify(vault_path):
    _flip(vault_path / "data.db", (vault_path / "data.db").stat().st_size - 3000)
    result = as_admin("verify", vault_path)
    assert result.returncode == 4
    assert "Traceback" not in result.stderr
    assert "cipher_integrity_check" in result.stderr or "beschadigd" in result.stderr


def test_flipped_byte_in_the_first_page_is_exit_4(vault_path):
    _flip(vault_path / "data.db", 100)
    result = as_admin("verify", vault_path)
    assert result.returncode == 4 and "beschadigd" in one_line_error(result)


def test_edited_keyring_is_exit_4(vault_path):
    ring = json.loads((vault_path / "keyring.json").read_text())
    ring["slots"].append(dict(ring["slots"][0], login="indringer"))
    (vault_path / "keyring.json").write_text(json.dumps(ring))
    result = as_admin("verify", vault_path)
    assert result.returncode == 4 and one_line_error(result)


def test_nothing_from_sqlcipher_on_stderr(vault_path):
    result = as_admin("verify", vault_path)
    assert result.returncode == 0 and result.stderr == ""


def test_seed_100000_persons_then_verify_and_retention_json(vault_path):
    seeded = as_admin("seed", vault_path, "--persons", "100000")
    assert seeded.returncode == 0, seeded.stderr
    assert as_admin("verify", vault_path).returncode == 0
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        assert vault.conn.execute("SELECT count(*) FROM persons").fetchone()[0] == 100000
        one_time = vault.add_user("fg", "toezicht", "FG Test")
    pgatui("passwd", vault_path, "--as", "fg", "--password-stdin", stdin=f"{one_time}\nprivacy-toezicht-1\n")
    report = pgatui("retention", vault_path, "--as", "fg", "--json", "--password-stdin", stdin="privacy-toezicht-1\n")
    assert report.returncode == 0, report.stderr
    rows = json.loads(report.stdout)
    assert rows and {"case", "rule", "deadline", "state"} <= set(rows[0])
    assert {r["state"] for r in rows} <= {"overdue", "warning", "on_hold", "running"}
