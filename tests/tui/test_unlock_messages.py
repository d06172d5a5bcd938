"""The unlock screens in English (issue 13, items 4 and 5): every refusal comes through the error
catalogue in the screen's language, and a wrong login is recognised by its class, not its text."""

from __future__ import annotations

import pytest

from helpers import ADMIN, ADMIN_PW
from pgatui.errors import AuthenticationFailed, VaultDamaged, WrongLogin
from pgatui.services import auth, users
from pgatui.services.session import Session
from pgatui.tui import i18n
from pgatui.tui.app import PgaApp
from pgatui.tui.kit.password_screen import explain
from pilot import SMALL, status, type_unlock, until_screen, wait_for


@pytest.fixture(autouse=True)
def dutch_again():
    yield
    i18n.set_language("nl")  # the language is process-wide; leave it as found


@pytest.fixture
def olaf(vault_path):
    """An account with its one-time password, disabled before it was ever used."""
    with auth.unlock(vault_path, ADMIN, ADMIN_PW) as vault:
        one_time = users.add_user(Session(vault), "olaf", "beheerder", "Gemeente Test")
        users.disable_user(Session(vault), "olaf")
    return one_time


def test_explain_chooses_by_class_in_the_screens_language():
    i18n.set_language("nl")  # whatever an earlier test left
    assert explain(WrongLogin()) == "Gebruikersnaam of wachtwoord onjuist."
    i18n.set_language("en")
    assert explain(WrongLogin()) == "User name or password incorrect."
    # The same code on another class is not a wrong login: no text is compared.
    assert explain(AuthenticationFailed("auth.wrong_login")) == "Unknown user or wrong password."
    assert explain(AuthenticationFailed("auth.account_disabled")) == "This account is disabled."
    damaged = explain(VaultDamaged("keyring.missing"))
    assert "The keyring (keyring.json) is missing" in damaged and "ontbreekt" not in damaged


async def test_a_disabled_account_is_told_in_english(vault_path, olaf):
    app = PgaApp(vault_path, lang="en")
    async with app.run_test(size=SMALL) as pilot:
        await type_unlock(pilot, "olaf", olaf)
        await wait_for(pilot, lambda: status(app) == "This account is disabled.")


async def test_a_weak_new_password_is_refused_in_english(vault_path):
    with auth.unlock(vault_path, ADMIN, ADMIN_PW) as vault:
        one_time = users.add_user(Session(vault), "nina", "beheerder", "Gemeente Test")
    app = PgaApp(vault_path, lang="en")
    async with app.run_test(size=SMALL) as pilot:
        await type_unlock(pilot, "nina", one_time)
        await until_screen(pilot, "PasswordChangeScreen")
        screen = app.screen
        screen.query_one("#new").value = screen.query_one("#repeat").value = "kort"
        screen.query_one("#repeat").focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: status(app) == "The password must be at least 12 characters long.")
