"""Issue 17 in the TUI: the recovery code from the unlock screen, and a busy vault retried."""

from __future__ import annotations

import pytest
from textual.widgets import Checkbox

from helpers import ADMIN, ADMIN_PW
from pgatui.errors import VaultBusy
from pgatui.tui import app as app_module
from pgatui.tui.app import PgaApp
from pgatui.vault import create_vault, open_vault
from pilot import notices, LARGE, status, type_unlock, until_screen, wait_for


@pytest.fixture
def vault_and_code(tmp_path):
    path = tmp_path / "herstel.pgavault"
    return path, create_vault(path, ADMIN, ADMIN_PW, "Gemeente Test")


@pytest.mark.parametrize("new_admin", [False, True])
async def test_the_recovery_link_resets_an_account_or_makes_an_administrator(vault_and_code, new_admin):
    path, code = vault_and_code
    app = PgaApp(path)
    async with app.run_test(size=LARGE) as pilot:
        await until_screen(pilot, "UnlockScreen")
        await pilot.click("#recovery")
        await until_screen(pilot, "RecoveryScreen")
        screen = app.screen
        screen.query_one("#code").value = code.lower()
        screen.query_one("#account").value = "noud" if new_admin else ADMIN
        screen.query_one("#new-admin", Checkbox).value = new_admin
        screen.query_one("#account").focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Nieuwe herstelcode" in status(app), what="the recovery result")
        shown = status(app)
        assert screen.query_one("#code").value == ""  # the used code is gone from the form
        await pilot.press("escape")
        await until_screen(pilot, "UnlockScreen")
    login = "noud" if new_admin else ADMIN
    one_time = shown.split(f"Eenmalig wachtwoord voor {login} (wijzigen bij eerste aanmelding): ")[1].split("\n")[0]
    new_code = shown.split("bewaar hem in een kluis): ")[1].split("\n")[0]
    from pgatui.errors import AuthenticationFailed, PasswordChangeRequired
    from pgatui.vault import open_with_recovery

    with pytest.raises(PasswordChangeRequired):
        open_vault(path, login, one_time)
    with pytest.raises(AuthenticationFailed):
        open_with_recovery(path, code)  # the old code no longer opens the vault
    open_with_recovery(path, new_code).close()


async def test_a_busy_vault_is_retried_with_a_notice(vault_path, monkeypatch):
    monkeypatch.setattr(app_module, "BUSY_PAUSE_SECONDS", 0.01)
    attempts = []

    def flaky(session):
        attempts.append(1)
        if len(attempts) < 3:
            raise VaultBusy("Kluis bezet: test")
        return "klaar"

    app = PgaApp(vault_path)
    async with app.run_test(size=LARGE) as pilot:
        await type_unlock(pilot, ADMIN, ADMIN_PW)
        await until_screen(pilot, "DashboardScreen")
        assert await app.call(flaky) == "klaar"
        assert len(attempts) == 3
        assert "Opnieuw proberen" in notices(app)
