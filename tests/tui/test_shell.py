"""Pilot tests of the TUI shell: unlock, password change, lock, auto-lock, help, palette."""

from __future__ import annotations

import asyncio

import pytest
from textual.widgets import Static

from helpers import ADMIN, ADMIN_PW
from pgatui.tui.app import PgaApp
from pgatui.vault import open_vault

HOSTILE = ["[/", "[/]x", "[@click=app.quit]x[/]", "[link=file:///etc/passwd]x[/link]", "\x1b[2J",
           "\x1b]52;c;aGFjaw==\x07", "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "a\x9bb\x9dc", "\u202egnp.exe", ""]


async def wait_for(pilot, condition, timeout=10.0):
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition not reached")


async def unlock(pilot, login, password):
    app = pilot.app
    app.screen.query_one("#login").value = login
    app.screen.query_one("#password").value = password
    app.screen.query_one("#password").focus()
    await pilot.press("enter")


def screen_text(app) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


async def test_unlock_wrong_password_then_right(vault_path):
    app = PgaApp(vault_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot, ADMIN, "verkeerd-wachtwoord")
        await wait_for(pilot, lambda: "onjuist" in screen_text(app))
        await unlock(pilot, ADMIN, ADMIN_PW)
        await wait_for(pilot, lambda: type(app.screen).__name__ == "DashboardScreen")
        assert app.user.login == ADMIN


async def test_throttling_shows_a_countdown(vault_path):
    app = PgaApp(vault_path)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(4):
            await unlock(pilot, ADMIN, "verkeerd-wachtwoord")
            await pilot.pause(0.2)
        await wait_for(pilot, lambda: "Wacht nog" in screen_text(app))


async def test_first_login_forces_a_password_change(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        one_time = vault.add_user("nina", "gemeente", "Gemeente Test")
    app = PgaApp(vault_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot, "nina", one_time)
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PasswordChangeScreen")
        app.screen.query_one("#new").value = "nieuwe-zin-van-n"
        app.screen.query_one("#repeat").value = "nieuwe-zin-van-n"
        app.screen.query_one("#repeat").focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "DashboardScreen")
    with open_vault(vault_path, "nina", "nieuwe-zin-van-n") as vault:
        assert not vault.user.must_change_password


async def test_lock_key_and_auto_lock_close_the_vault(vault_path):
    app = PgaApp(vault_path, auto_lock_seconds=1.5)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot, ADMIN, ADMIN_PW)
        await wait_for(pilot, lambda: type(app.screen).__name__ == "DashboardScreen")
        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "UnlockScreen")
        await asyncio.sleep(0.2)
        assert not app.vault_thread.is_open and app.user is None
        await unlock(pilot, ADMIN, ADMIN_PW)
        await wait_for(pilot, lambda: type(app.screen).__name__ == "DashboardScreen")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "UnlockScreen", timeout=5)
        assert not app.vault_thread.is_open


async def test_help_palette_and_shared_screen(vault_path):
    app = PgaApp(vault_path, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles and "Lock" in titles
        await pilot.press("f1")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
        assert "one-time password" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("ctrl+g")
        assert app.shared_screen and "SHARED SCREEN" in app.sub_title


@pytest.mark.parametrize("text", HOSTILE)
async def test_hostile_text_is_shown_literally(vault_path, text):
    from pgatui.tui.safe import user_line

    app = PgaApp(vault_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.screen.mount(Static(user_line(text), id="hostile"))
        await pilot.pause()
        shown = str(app.screen.query_one("#hostile").render())
        assert "\x1b" not in shown and "\u202e" not in shown and "\x9b" not in shown
        if text.startswith("["):
            assert text in shown  # the brackets are text, not markup
        assert app.is_running  # no [@click=app.quit] action ran
