"""The command line contract, run as a user would: subprocesses, stdin for passwords."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from cliutil import as_admin, one_line_error, pgatui
from helpers import ADMIN, ADMIN_PW, canary_rows
from pgatui import cli
from pgatui.vault import crypto, open_vault, throttle


def test_init_prints_recovery_code_and_add_user_prints_password_last(tmp_path):
    vault = tmp_path / "n.pgavault"
    result = pgatui("init", vault, "--admin", "bea", "--password-stdin", stdin="beheerder-wachtzin\n")
    assert result.returncode == 0, result.stderr
    code = result.stdout.strip().splitlines()[-1]
    assert len(code.split("-")) == 8
    unknown = pgatui("user", "add", vault, "--as", "bea", "--name", "gijs", "--role", "gemeente",
                     "--organisation", "Gemeente Test", "--password-stdin", stdin="beheerder-wachtzin\n")
    assert unknown.returncode == 2 and "organisation add" in one_line_error(unknown)  # picked from the register
    registered = pgatui("organisation", "add", vault, "--as", "bea", "--name", "Gemeente Test", "--kind", "gemeente",
                        "--password-stdin", stdin="beheerder-wachtzin\n")
    assert registered.returncode == 0, registered.stderr
    added = pgatui("user", "add", vault, "--as", "bea", "--name", "gijs", "--role", "gemeente",
                   "--organisation", "Gemeente Test", "--password-stdin", stdin="beheerder-wachtzin\n")
    assert added.returncode == 0, added.stderr
    one_time = added.stdout.strip().splitlines()[-1]
    assert one_time.strip() == one_time and " " not in one_time  # alone on the line
    # a user with a one-time password may only run passwd
    blocked = pgatui("verify", vault, "--as", "gijs", "--password-stdin", stdin=one_time + "\n")
    assert blocked.returncode == 3 and "passwd" in one_line_error(blocked)
    changed = pgatui("passwd", vault, "--as", "gijs", "--password-stdin", stdin=f"{one_time}\ngemeente-wachtzin-2\n")
    assert changed.returncode == 0, changed.stderr
    listed = pgatui("user", "list", vault, "--as", "gijs", "--password-stdin", stdin="gemeente-wachtzin-2\n")
    assert listed.returncode == 0  # DESIGN.md: `user list --as NAME` is open to every user
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()] == ["bea", "gijs"]
    refused = pgatui("user", "disable", vault, "--as", "gijs", "--name", "bea", "--password-stdin",
                     stdin="gemeente-wachtzin-2\n")
    assert refused.returncode == 1 and "beheerder" in one_line_error(refused)


def test_init_as_shipped_gives_its_slots_the_production_parameters(tmp_path):
    """The other CLI tests run pgatui with cheap argon2 parameters (cliutil); the real entry point
    must make the administrator's slot and the recovery slot with the strong ones."""
    vault = tmp_path / "n.pgavault"
    made = subprocess.run([sys.executable, "-m", "pgatui", "init", str(vault), "--admin", "bea", "--password-stdin"],
                          input="beheerder-wachtzin\n", capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stderr
    slots = json.loads((vault / "keyring.json").read_text())["slots"]
    strong = crypto.STRONG_KDF
    assert [s["kind"] for s in slots] == ["user", "recovery"]
    for slot in slots:
        assert (slot["kdf"]["time_cost"], slot["kdf"]["memory_kib"], slot["kdf"]["parallelism"]) == (
            strong.time_cost, strong.memory_kib, strong.parallelism)

def test_exit_codes(vault_path, tmp_path):
    wrong = pgatui("verify", vault_path, "--as", ADMIN, "--password-stdin", stdin="verkeerd-wachtwoord\n")
    unknown = pgatui("verify", vault_path, "--as", "niemand", "--password-stdin", stdin="verkeerd-wachtwoord\n")
    assert wrong.returncode == unknown.returncode == 3
    assert one_line_error(wrong) == one_line_error(unknown)
    missing = as_admin("verify", tmp_path / "nergens")
    assert missing.returncode == 1 and one_line_error(missing)
    assert pgatui("open", tmp_path / "nergens").returncode == 1  # before any TUI starts
    usage = pgatui("user", "add", vault_path)
    assert usage.returncode == 2 and one_line_error(usage)
    assert pgatui("init", tmp_path / "x", "--admin").returncode == 2
    assert pgatui("--lang", "fr", "verify", vault_path).returncode == 2
    exists = pgatui("init", vault_path, "--admin", "bea", "--password-stdin", stdin="beheerder-wachtzin\n")
    assert exists.returncode == 1 and one_line_error(exists)
    no_line = pgatui("verify", vault_path, "--as", ADMIN, "--password-stdin", stdin="")
    assert no_line.returncode == 2 and one_line_error(no_line)
    assert as_admin("verify", vault_path).returncode == 0


@pytest.mark.parametrize("count", ["-5", "0", "veel"])
def test_seed_refuses_a_count_below_one(vault_path, count):
    refused = as_admin("seed", vault_path, "--persons", count)
    assert refused.returncode == 2 and "1 of meer" in one_line_error(refused) and count not in refused.stderr


def test_repeated_failures_are_throttled_with_exit_3(vault_path):
    for _ in range(3):
        wrong = pgatui("verify", vault_path, "--as", ADMIN, "--password-stdin", stdin="verkeerd-wachtwoord\n")
        assert wrong.returncode == 3
    # The delay after a third failure is one second, which a loaded machine may spend starting the
    # next process: further failures (as more wrong passwords would) make it outlast any start-up.
    for _ in range(5):
        throttle.record_failure(vault_path, ADMIN)
    throttled = as_admin("verify", vault_path)
    assert throttled.returncode == 3 and "seconden" in one_line_error(throttled)


def test_no_password_flags_exist():
    result = pgatui("init", "v", "--admin", "a", "--password", "geheim")
    assert result.returncode == 2 and "geheim" not in result.stderr


def test_weak_password_is_a_usage_error(tmp_path):
    result = pgatui("init", tmp_path / "w", "--admin", "bea", "--password-stdin", stdin="welkom123\n")
    assert result.returncode == 2 and one_line_error(result)
    assert not (tmp_path / "w").exists()


def test_passwd_leaves_data_db_byte_for_byte_unchanged(vault_path):
    before = hashlib.sha256((vault_path / "data.db").read_bytes()).hexdigest()
    result = pgatui("passwd", vault_path, "--as", ADMIN, "--password-stdin", stdin=f"{ADMIN_PW}\nandere-lange-zin-9\n")
    assert result.returncode == 0, result.stderr
    assert hashlib.sha256((vault_path / "data.db").read_bytes()).hexdigest() == before
    assert pgatui("verify", vault_path, "--as", ADMIN, "--password-stdin", stdin="andere-lange-zin-9\n").returncode == 0
    assert as_admin("verify", vault_path).returncode == 3  # the old password is gone


def test_busy_vault_gives_exit_5(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW):
        result = as_admin("rotate-key", vault_path)
    assert result.returncode == 5 and one_line_error(result)


def test_rotate_key_command(vault_path):
    result = as_admin("rotate-key", vault_path)
    assert result.returncode == 0, result.stderr
    assert "generatie 2" in result.stdout and result.stderr == ""
    assert canary_rows(vault_path) == 200


def test_backup_and_restore_commands(vault_path, tmp_path):
    dest = tmp_path / "b.pgabackup"
    assert as_admin("backup", vault_path, dest).returncode == 0
    refused = as_admin("restore", dest, vault_path)
    assert refused.returncode == 1 and "--replace" in one_line_error(refused)  # existing vault
    assert as_admin("restore", dest, tmp_path / "nieuw.pgavault").returncode == 0
    assert canary_rows(tmp_path / "nieuw.pgavault") == 200
    assert as_admin("restore", dest, vault_path, "--replace").returncode == 0
    assert len(list(tmp_path.glob("regio.pgavault.vervangen-*"))) == 1


def test_restore_help_documents_replace_and_old_passwords():
    result = pgatui("restore", "--help")
    assert result.returncode == 0
    assert "--replace" in result.stdout and "vervangen" in result.stdout and "sleutelring" in result.stdout


def test_nothing_from_sqlcipher_on_stderr(vault_path):
    result = as_admin("verify", vault_path)
    assert result.returncode == 0 and result.stderr == ""


# --- the parser and main(), in process -------------------------------------------------------

@pytest.mark.parametrize(("argv", "expected"), [
    (["v.pgavault"], ["open", "v.pgavault"]),
    (["--lang", "en", "v.pgavault"], ["--lang", "en", "open", "v.pgavault"]),
    (["--lang=en", "v.pgavault"], ["--lang=en", "open", "v.pgavault"]),
    (["verify", "v", "--as", "a"], ["verify", "v", "--as", "a"]),
    (["--lang", "en", "demo"], ["--lang", "en", "demo"]),
    ([], []),
])
def test_bare_vault_means_open(argv, expected):
    assert cli._normalise(argv) == expected


def test_open_hands_the_vault_and_language_to_the_tui(vault_path, monkeypatch):
    import pgatui.tui.app as app

    calls = []
    monkeypatch.setattr(app, "run_app", lambda path, lang="nl": calls.append((path, lang)) or 0)
    assert cli.main(["--lang", "en", str(vault_path)]) == 0
    assert calls == [(vault_path, "en")]


def test_unexpected_errors_are_one_line_without_content(monkeypatch, capsys):
    def boom(args, secrets):
        raise ValueError("geheime inhoud")

    monkeypatch.setattr(cli, "cmd_verify", boom)
    assert cli.main(["verify", "v", "--as", "a"]) == 1
    err = capsys.readouterr().err
    assert err == "pgatui: interne fout: ValueError\n"


def test_ctrl_c_is_exit_130_without_traceback(monkeypatch, capsys):
    def interrupted(args, secrets):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "cmd_verify", interrupted)
    assert cli.main(["verify", "v", "--as", "a"]) == 130
    assert "Traceback" not in capsys.readouterr().err


def test_seed_then_verify_and_retention_json(vault_path):
    # 100 000 persons are seeded (and verified) by `python -m benchmarks`; here the same path, smaller.
    seeded = as_admin("seed", vault_path, "--persons", "600")
    assert seeded.returncode == 0, seeded.stderr
    assert as_admin("verify", vault_path).returncode == 0
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        assert vault.conn.execute("SELECT count(*) FROM persons").fetchone()[0] == 600
        one_time = vault.add_user("fg", "toezicht", "FG Test")
    pgatui("passwd", vault_path, "--as", "fg", "--password-stdin", stdin=f"{one_time}\nprivacy-toezicht-1\n")
    report = pgatui("retention", vault_path, "--as", "fg", "--json", "--password-stdin", stdin="privacy-toezicht-1\n")
    assert report.returncode == 0, report.stderr
    rows = json.loads(report.stdout)
    assert rows and {"case", "rule", "deadline", "state"} <= set(rows[0])
    assert {r["state"] for r in rows} <= {"overdue", "warning", "on_hold", "running", "dormant", "justified"}
