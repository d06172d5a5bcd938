"""`pgatui user enable|reset|change` (issue 15): through services.administration, the
administrator's password from the secrets reader (stdin here), exit codes per the contract."""

from __future__ import annotations

import pytest

from cliutil import as_admin, one_line_error, pgatui
from helpers import ADMIN
from pgatui.vault import change_password, open_vault

GEA_PW = "gemeente-wachtzin-lang"


def can_unlock(vault, login, password) -> int:
    return pgatui("verify", vault, "--as", login, "--password-stdin", stdin=password + "\n").returncode


@pytest.fixture
def vault(vault_path):
    from helpers import ADMIN_PW

    with open_vault(vault_path, ADMIN, ADMIN_PW) as opened:
        opened.add_organisation("Politie Test", "politie")
        one_time = opened.add_user("gea", "gemeente", "Gemeente Test")
    change_password(vault_path, "gea", one_time, GEA_PW)
    return vault_path


def users(vault) -> dict[str, list[str]]:
    listed = as_admin("user", "list", vault)
    assert listed.returncode == 0, listed.stderr
    return {line.split("\t")[0]: line.split("\t")[1:] for line in listed.stdout.splitlines()}


def test_disable_then_enable_again(vault):
    assert as_admin("user", "disable", vault, "--name", "gea").returncode == 0
    assert can_unlock(vault, "gea", GEA_PW) == 3
    enabled = as_admin("user", "enable", vault, "--name", "gea")
    assert enabled.returncode == 0, enabled.stderr
    assert can_unlock(vault, "gea", GEA_PW) == 0 and users(vault)["gea"][2] == "actief"


def test_reset_prints_a_new_one_time_password_on_the_last_line(vault):
    reset = as_admin("user", "reset", vault, "--name", "gea")
    assert reset.returncode == 0, reset.stderr
    one_time = reset.stdout.strip().splitlines()[-1]
    assert " " not in one_time and can_unlock(vault, "gea", GEA_PW) == 3
    changed = pgatui("passwd", vault, "--as", "gea", "--password-stdin", stdin=f"{one_time}\nnieuwe-wachtzin-lang\n")
    assert changed.returncode == 0, changed.stderr


def test_change_role_organisation_and_municipalities(vault):
    changed = as_admin("user", "change", vault, "--name", "gea", "--role", "politie", "--organisation", "Politie Test",
                       "--all-municipalities")
    assert changed.returncode == 0, changed.stderr
    assert users(vault)["gea"] == ["politie", "Politie Test", "actief", "alle gemeenten"]
    back = as_admin("user", "change", vault, "--name", "gea", "--role", "gemeente", "--organisation", "Gemeente Test")
    assert back.returncode == 0, back.stderr
    assert users(vault)["gea"] == ["gemeente", "Gemeente Test", "actief", "Gemeente Test"]  # the role's default


def test_refusals_and_their_exit_codes(vault):
    wrong = pgatui("user", "enable", vault, "--as", ADMIN, "--name", "gea", "--password-stdin", stdin="verkeerd\n")
    assert wrong.returncode == 3 and one_line_error(wrong)
    not_admin = pgatui("user", "reset", vault, "--as", "gea", "--name", ADMIN, "--password-stdin", stdin=GEA_PW + "\n")
    assert not_admin.returncode == 1 and one_line_error(not_admin)
    unknown = as_admin("user", "reset", vault, "--name", "niemand")
    assert unknown.returncode == 2 and "niemand" in one_line_error(unknown)
    both = as_admin("user", "change", vault, "--name", "gea", "--municipality", "Gemeente Test", "--all-municipalities")
    assert both.returncode == 2 and one_line_error(both)
    assert pgatui("user", "change", vault, "--as", ADMIN, "--name", "gea", "--password", "x").returncode == 2  # no argv
    with open_vault(vault, "gea", GEA_PW) as opened:
        refused = [r[0] for r in opened.conn.execute("SELECT action FROM audit_log WHERE result = 'refused'")]
    assert "user.manage" in refused  # the refusal of gea's attempt is in the chain
