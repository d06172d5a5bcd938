"""Issue 17, bullet 5: break glass with the recovery code, audited, and the code renewed."""

from __future__ import annotations

from cliutil import pgatui, one_line_error
from pgatui.vault import open_vault

ADMIN_PW = "beheerder-wachtzin"


def _init(tmp_path):
    vault = tmp_path / "k.pgavault"
    made = pgatui("init", vault, "--admin", "bea", "--password-stdin", stdin=ADMIN_PW + "\n")
    assert made.returncode == 0, made.stderr
    return vault, made.stdout.strip().splitlines()[-1]


def _audit_actions(vault, login, password):
    with open_vault(vault, login, password) as opened:
        return [tuple(row) for row in opened.conn.execute("SELECT actor, action, object_id FROM audit_log ORDER BY seq")]


def test_recover_resets_a_password_and_renews_the_code(tmp_path):
    vault, code = _init(tmp_path)
    result = pgatui("recover", vault, "--reset", "bea", "--password-stdin", stdin=code.lower().replace("-", " ") + "\n")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    one_time, new_code = lines[-3], lines[-1]
    assert new_code != code and len(new_code.split("-")) == 8
    assert pgatui("verify", vault, "--as", "bea", "--password-stdin", stdin=ADMIN_PW + "\n").returncode == 3
    changed = pgatui("passwd", vault, "--as", "bea", "--password-stdin", stdin=f"{one_time}\nnieuwe-wachtzin-9\n")
    assert changed.returncode == 0, changed.stderr
    assert pgatui("verify", vault, "--as", "bea", "--password-stdin", stdin="nieuwe-wachtzin-9\n").returncode == 0
    old = pgatui("recover", vault, "--reset", "bea", "--password-stdin", stdin=code + "\n")
    assert old.returncode == 3 and one_line_error(old)  # the used code no longer opens the vault
    events = _audit_actions(vault, "bea", "nieuwe-wachtzin-9")
    assert ("herstelcode", "recovery.password_reset", "user:bea") in events
    assert ("herstelcode", "recovery.code_renew", "user:herstelcode") in events


def test_recover_makes_a_new_administrator(tmp_path):
    vault, code = _init(tmp_path)
    result = pgatui("recover", vault, "--new-admin", "noud", "--password-stdin", stdin=code + "\n")
    assert result.returncode == 0, result.stderr
    one_time = result.stdout.strip().splitlines()[-3]
    assert pgatui("passwd", vault, "--as", "noud", "--password-stdin",
                  stdin=f"{one_time}\nwachtzin-voor-77\n").returncode == 0
    listed = pgatui("user", "list", vault, "--as", "noud", "--password-stdin", stdin="wachtzin-voor-77\n")
    assert "noud\tbeheerder" in listed.stdout


def test_recover_refuses_a_wrong_code_and_bad_usage(tmp_path):
    vault, _ = _init(tmp_path)
    wrong = pgatui("recover", vault, "--reset", "bea", "--password-stdin", stdin="AAAA-" * 7 + "AAAA\n")
    assert wrong.returncode == 3 and one_line_error(wrong)
    neither = pgatui("recover", vault, "--password-stdin", stdin="x\n")
    assert neither.returncode == 2 and one_line_error(neither)
    nobody = pgatui("recover", vault, "--reset", "niemand", "--password-stdin", stdin="x\n")
    assert nobody.returncode == 3  # the code is checked before the account is looked up
