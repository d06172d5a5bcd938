"""services.auth and the administration services (issue 13, item 4): what the TUI and the CLI
use instead of pgatui.vault. Wrong logins are a class of their own, never recognised by text."""

from __future__ import annotations

import pytest
from helpers import ADMIN, ADMIN_PW

from pgatui.errors import (AccessDenied, AuthenticationFailed, PasswordChangeRequired, PasswordPolicyError,
                           VaultNotFound, WrongLogin)
from pgatui.messages import error_text
from pgatui.services import auth, maintenance, organisations, users
from pgatui.services.session import Session

NEW_PW = "een-heel-ander-wachtwoord"


def test_wrong_password_and_unknown_user_are_one_error_class(vault_path):
    with pytest.raises(WrongLogin) as wrong_password:
        auth.unlock(vault_path, ADMIN, "niet-het-wachtwoord")
    with pytest.raises(WrongLogin) as unknown_user:
        auth.unlock(vault_path, "niemand", ADMIN_PW)
    assert str(wrong_password.value) == str(unknown_user.value)  # no user enumeration
    assert wrong_password.value.exit_code == 3


def test_a_disabled_account_is_refused_but_not_as_a_wrong_login(vault_path):
    with auth.unlock(vault_path, ADMIN, ADMIN_PW) as vault:
        one_time = users.add_user(Session(vault), "olaf", "beheerder", "Gemeente Test")
        users.disable_user(Session(vault), "olaf")
    with pytest.raises(AuthenticationFailed) as refused:
        auth.unlock(vault_path, "olaf", one_time)
    assert not isinstance(refused.value, WrongLogin)
    assert error_text(refused.value, "en") == "This account is disabled."


def test_a_new_account_changes_its_one_time_password_then_unlocks(vault_path):
    with auth.unlock(vault_path, ADMIN, ADMIN_PW) as vault:
        one_time = users.add_user(Session(vault), "bert", "beheerder", "Gemeente Test")
    with pytest.raises(PasswordChangeRequired):
        auth.unlock(vault_path, "bert", one_time)
    with pytest.raises(PasswordPolicyError) as weak:
        auth.change_password(vault_path, "bert", one_time, "kort")
    assert error_text(weak.value, "en") == "The password must be at least 12 characters long."
    auth.change_password(vault_path, "bert", one_time, NEW_PW)
    with auth.unlock(vault_path, "bert", NEW_PW) as vault:
        assert vault.user.login == "bert"


def test_recovery_resets_an_account_and_renews_the_code(tmp_path):
    path = tmp_path / "r.pgavault"
    code = maintenance.create_vault(path, ADMIN, ADMIN_PW, "Gemeente")
    done = auth.recover(path, code, reset=ADMIN)
    assert done.login == ADMIN and done.recovery_code != code
    with pytest.raises(AuthenticationFailed):
        auth.recover(path, code, reset=ADMIN)  # the used code stopped working
    auth.change_password(path, ADMIN, done.one_time_password, NEW_PW)
    with auth.unlock(path, ADMIN, NEW_PW) as vault:
        assert vault.user.role.value == "beheerder"


def test_require_vault_refuses_a_folder_without_a_vault(tmp_path):
    with pytest.raises(VaultNotFound):
        auth.require_vault(tmp_path)
    assert auth.demo_accounts(tmp_path) == []


def test_register_and_users_through_services(vault_path):
    with auth.unlock(vault_path, ADMIN, ADMIN_PW) as vault:
        session = Session(vault)
        new_id = organisations.add_organisation(session, "Politie Eenheid Test", "politie")
        organisations.rename_organisation(session, new_id, "Politie Eenheid West")
        assert "Politie Eenheid West" in {o.name for o in organisations.list_organisations(session)}
        assert ADMIN in {u.login for u in users.list_users(session)}


def test_maintenance_verifies_backs_up_and_rotates(vault_path, tmp_path):
    with auth.unlock(vault_path, ADMIN, ADMIN_PW) as vault:
        session = Session(vault)
        checked = maintenance.verify(session, tmp_path / "punt.json")
        assert checked.report.ok and checked.checkpoint[0] == "written"
        before = vault.generation
        assert maintenance.rotate_key(session) == before + 1
        copy = maintenance.backup(session, tmp_path / "kopie.pgabackup")
    target, accounts = maintenance.restore(copy, tmp_path / "terug.pgavault", ADMIN, ADMIN_PW)
    assert (ADMIN, "beheerder") in accounts and target.is_dir()


def test_only_an_administrator_administers_users(vault_path):
    with auth.unlock(vault_path, ADMIN, ADMIN_PW) as vault:
        session = Session(vault)
        organisations.add_organisation(session, "Politie Test", "politie")
        one_time = users.add_user(session, "petra", "politie", "Politie Test", municipalities=None)
    auth.change_password(vault_path, "petra", one_time, NEW_PW)
    with auth.unlock(vault_path, "petra", NEW_PW) as vault, pytest.raises(AccessDenied):
        users.add_user(Session(vault), "nog-een", "politie", "Politie Test")
