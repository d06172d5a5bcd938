"""Pilot tests of the TUI shell on a real vault: unlock and its failures, password change, demo
accounts, lock and auto-lock with the way back, help, palette, shared screen, language."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from textual.widgets import Button, Header

from helpers import ADMIN, ADMIN_PW
from pgatui import clock
from pgatui.tui import i18n
from pgatui.tui.app import PgaApp
from pgatui.vault import change_password, open_vault
from pgatui.vault.lock import VaultLock
from pilot import (LARGE, SMALL, MovableClock, settle, status, static_text, type_unlock, until_screen,
                   visible_text, wait_for)

NEW_PW = "een-nieuwe-zin-voor-mij"


@pytest.fixture(autouse=True)
def dutch_again():
    yield
    i18n.set_language("nl")  # the language is process-wide; leave it as found


@pytest.fixture
def nina(vault_path):
    """A new user who still has her one-time password."""
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        return vault.add_user("nina", "gemeente", "Gemeente Test")


async def signed_in(pilot) -> None:
    await type_unlock(pilot, ADMIN, ADMIN_PW)
    await until_screen(pilot, "DashboardScreen")


GEA_PW = "gemeente-wachtzin-shell"


async def signed_in_as_gemeente(pilot) -> None:
    """A gemeente user: the keys of the dashboard are the ones a user who works on cases is offered
    (the beheerder is not offered an intake or a search)."""
    path = pilot.app.vault_path
    with open_vault(path, ADMIN, ADMIN_PW) as vault:
        if "gea" not in {u.login for u in vault.list_users()}:
            one_time = vault.add_user("gea", "gemeente", "Gemeente Test")
        else:
            one_time = None
    if one_time is not None:
        change_password(path, "gea", one_time, GEA_PW)
    await type_unlock(pilot, "gea", GEA_PW)
    await until_screen(pilot, "DashboardScreen")


# unlock


@pytest.mark.parametrize("size", [SMALL, LARGE])
async def test_unlock_wrong_password_then_right(vault_path, size):
    app = PgaApp(vault_path)
    async with app.run_test(size=size) as pilot:
        assert app.screen.query_one("#password").password  # masked
        await type_unlock(pilot, ADMIN, "verkeerd-wachtwoord")
        await wait_for(pilot, lambda: status(app) == "Gebruikersnaam of wachtwoord onjuist.")
        assert app.screen.query_one("#password").value == "verkeerd-wachtwoord"  # retype is a choice
        await type_unlock(pilot, ADMIN, ADMIN_PW)
        await until_screen(pilot, "DashboardScreen")
        assert app.user.login == ADMIN and app.vault_thread.is_open
        assert "Ingelogd" not in app.sub_title and ADMIN in app.sub_title


async def test_after_a_wrong_password_typing_goes_to_the_password_again(vault_path):
    app = PgaApp(vault_path)
    async with app.run_test() as pilot:
        await type_unlock(pilot, ADMIN, "verkeerd-wachtwoord")
        await wait_for(pilot, lambda: status(app) == "Gebruikersnaam of wachtwoord onjuist.")
        await wait_for(pilot, lambda: app.focused is app.screen.query_one("#password"), what="focus back")
        await pilot.press("escape", *ADMIN_PW, "enter")  # clear, retype, submit: no mouse, no Tab
        await until_screen(pilot, "DashboardScreen")


async def test_unknown_user_gets_the_same_message_in_english(vault_path):
    app = PgaApp(vault_path, lang="en")
    async with app.run_test(size=SMALL) as pilot:
        await type_unlock(pilot, "niemand", "verkeerd-wachtwoord")
        await wait_for(pilot, lambda: status(app) == "User name or password incorrect.")


async def test_empty_fields_are_not_sent(vault_path):
    app = PgaApp(vault_path)
    async with app.run_test(size=SMALL) as pilot:
        await type_unlock(pilot, ADMIN, "")
        assert status(app) == "Vul uw gebruikersnaam en wachtwoord in."


async def test_enter_in_the_login_field_moves_to_the_password(vault_path):
    app = PgaApp(vault_path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press(*ADMIN, "enter")
        assert app.focused.id == "password"
        await pilot.press(*ADMIN_PW, "enter")
        await until_screen(pilot, "DashboardScreen")


async def test_throttling_counts_down_and_disables_the_submit(vault_path):
    start = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)
    clock.freeze(start)  # the vault counts failures on this clock, the screen on the movable one
    moved = MovableClock()
    app = PgaApp(vault_path, monotonic=moved)
    try:
        async with app.run_test(size=SMALL) as pilot:
            for _ in range(3):  # free attempts, then 1 s
                await type_unlock(pilot, ADMIN, "verkeerd-wachtwoord")
                await wait_for(pilot, lambda: "onjuist" in status(app))
                app.screen.query_one("#status").update("")
            await type_unlock(pilot, ADMIN, "verkeerd-wachtwoord")
            submit = app.screen.query_one("#submit", Button)
            await wait_for(pilot, lambda: "Wacht nog" in status(app) and submit.disabled)
            await type_unlock(pilot, ADMIN, ADMIN_PW)  # ignored while counting down
            await settle(pilot)
            assert type(app.screen).__name__ == "UnlockScreen" and submit.disabled
            clock.freeze(start + dt.timedelta(seconds=5))
            moved.advance(5)
            await wait_for(pilot, lambda: not submit.disabled and status(app) == "")
            await pilot.click("#submit")
            await until_screen(pilot, "DashboardScreen")
    finally:
        clock.freeze(None)


async def test_damaged_vault_says_so(vault_path):
    (vault_path / "keyring.json").write_text("{niet json", encoding="utf-8")
    app = PgaApp(vault_path)
    async with app.run_test(size=SMALL) as pilot:
        await type_unlock(pilot, ADMIN, ADMIN_PW)
        await wait_for(pilot, lambda: "beschadigd" in status(app) and "beheerder" in status(app))
        assert app.is_running and not app.vault_thread.is_open


async def test_busy_vault_says_so(vault_path):
    holder = VaultLock(vault_path)
    holder.exclusive()  # as a rotation in another process would
    try:
        app = PgaApp(vault_path)
        async with app.run_test(size=SMALL) as pilot:
            await type_unlock(pilot, ADMIN, ADMIN_PW)
            await wait_for(pilot, lambda: "in gebruik" in status(app))
    finally:
        holder.release()


async def test_missing_vault_says_so(tmp_path):
    app = PgaApp(tmp_path / "nergens.pgavault")
    async with app.run_test(size=SMALL) as pilot:
        await type_unlock(pilot, ADMIN, ADMIN_PW)
        await wait_for(pilot, lambda: "geen kluis" in status(app))


async def test_unlock_never_blocks_the_screen(vault_path, monkeypatch):
    """A slow argon2 runs on the vault thread: the app keeps handling keys meanwhile."""
    from pgatui.services import auth

    release = asyncio.Event()
    loop = asyncio.get_running_loop()

    def slow_open(*args, **kwargs):
        asyncio.run_coroutine_threadsafe(release.wait(), loop).result(timeout=10)
        return open_vault(*args, **kwargs)

    monkeypatch.setattr(auth, "unlock", slow_open)  # the unlock screen calls auth.unlock
    app = PgaApp(vault_path)
    async with app.run_test(size=SMALL) as pilot:
        await type_unlock(pilot, ADMIN, ADMIN_PW)
        await wait_for(pilot, lambda: status(app) == "Bezig met ontgrendelen…")
        assert app.screen.query_one("#submit", Button).disabled
        await pilot.press("ctrl+g")  # the UI still answers
        assert app.shared_screen
        release.set()
        await until_screen(pilot, "DashboardScreen")


# first login


async def test_first_login_forces_a_password_change(vault_path, nina):
    app = PgaApp(vault_path)
    async with app.run_test(size=SMALL) as pilot:
        await type_unlock(pilot, "nina", nina)
        await until_screen(pilot, "PasswordChangeScreen")
        screen = app.screen
        assert screen.query_one("#current").value == nina and app.focused.id == "new"
        for new, repeat, expected in [("kort", "kort", "minstens 12"),
                                      (NEW_PW, NEW_PW + "x", "verschillen"),
                                      ("nina-heeft-een-zin", "nina-heeft-een-zin", "gebruikersnaam")]:
            screen.query_one("#new").value, screen.query_one("#repeat").value = new, repeat
            screen.query_one("#repeat").focus()
            await pilot.press("enter")
            await wait_for(pilot, lambda: expected in status(app), what=expected)
        screen.query_one("#new").value = screen.query_one("#repeat").value = NEW_PW
        await pilot.click("#submit")
        await until_screen(pilot, "DashboardScreen")
        assert app.user.login == "nina" and len(app.screen_stack) == 2  # nothing left underneath
    with open_vault(vault_path, "nina", NEW_PW) as vault:
        assert not vault.user.must_change_password


async def test_password_change_with_a_wrong_current_password(vault_path, nina):
    app = PgaApp(vault_path)
    async with app.run_test(size=SMALL) as pilot:
        await type_unlock(pilot, "nina", nina)
        await until_screen(pilot, "PasswordChangeScreen")
        app.screen.query_one("#current").value = "niet-het-eenmalige"
        app.screen.query_one("#new").value = app.screen.query_one("#repeat").value = NEW_PW
        await pilot.click("#submit")
        await wait_for(pilot, lambda: "onjuist" in status(app))
        await pilot.press("escape")
        await until_screen(pilot, "UnlockScreen")


# demo vault


async def test_demo_vault_shows_its_accounts(tmp_path):
    from pgatui.services.demo import ensure_demo_vault

    path = ensure_demo_vault(tmp_path / "demo.pgavault")
    app = PgaApp(path)
    async with app.run_test(size=LARGE) as pilot:
        box = app.screen.query_one("#demo-accounts")
        assert "Demo-accounts" in box.border_title
        shown = str(box.render())
        assert "gemeente" in shown and "demo-kluis-regie" in shown
        await type_unlock(pilot, "gemeente", "demo-kluis-regie")
        await until_screen(pilot, "DashboardScreen")


async def test_a_real_vault_shows_no_demo_accounts(vault_path):
    app = PgaApp(vault_path)
    async with app.run_test(size=SMALL):
        assert not app.screen.query("#demo-accounts")


# lock, auto-lock and the way back


async def test_lock_key_closes_the_vault_and_returns_to_the_same_screen(vault_path):
    app = PgaApp(vault_path)
    async with app.run_test(size=SMALL) as pilot:
        await signed_in_as_gemeente(pilot)
        await pilot.press("slash")
        await until_screen(pilot, "CaseListScreen")
        old = app.screen
        await pilot.press("ctrl+l")
        await until_screen(pilot, "UnlockScreen")
        await asyncio.wrap_future(app.vault_thread.run(lambda: None))  # the close has run
        assert not app.vault_thread.is_open and app.user is None
        assert [type(s).__name__ for s in app.screen_stack[1:]] == ["UnlockScreen"]
        assert "Vergrendeld" in app.sub_title
        await type_unlock(pilot, "gea", GEA_PW)  # the same user is back where it was
        await until_screen(pilot, "CaseListScreen")
        assert app.screen is not old  # rebuilt from the route, not the old widgets
        await pilot.press("escape")
        await until_screen(pilot, "DashboardScreen")


async def test_no_screen_opens_while_locked(vault_path):
    """A key or a worker of the user that was there may still ask for a screen after the lock."""
    app = PgaApp(vault_path)
    async with app.run_test(size=SMALL) as pilot:
        await signed_in_as_gemeente(pilot)
        await pilot.press("ctrl+l")
        await until_screen(pilot, "UnlockScreen")
        app.go("intake")
        app.go("cases")
        await settle(pilot)
        assert [type(s).__name__ for s in app.screen_stack[1:]] == ["UnlockScreen"]


async def signed_in_to(pilot, name):
    await type_unlock(pilot, ADMIN, ADMIN_PW)
    await until_screen(pilot, name)


async def test_lock_drops_decrypted_state_of_screens(vault_path, monkeypatch):
    from pgatui.tui.screens.casefile import CaseFileScreen

    async def loaded(screen):  # anna (beheerder) may not read files: pretend one loaded
        screen._file = object()

    monkeypatch.setattr(CaseFileScreen, "_load", loaded)
    app = PgaApp(vault_path)
    async with app.run_test(size=SMALL) as pilot:
        await signed_in(pilot)
        screen = CaseFileScreen(12345)
        app.push_screen(screen)
        await until_screen(pilot, "CaseFileScreen")
        await wait_for(pilot, lambda: screen._file is not None)
        app.lock()
        await until_screen(pilot, "UnlockScreen")
        assert screen._file is None and screen not in app.screen_stack
        assert [r.name for r in app.return_routes] == ["home", "file"]
        assert dict(app.return_routes[1].params) == {"case_id": 12345}


async def test_auto_lock_after_inactivity(vault_path):
    moved = MovableClock()
    app = PgaApp(vault_path, auto_lock_seconds=1.0, monotonic=moved)
    async with app.run_test(size=SMALL) as pilot:
        await signed_in(pilot)
        for _ in range(4):  # activity keeps it open
            moved.advance(0.6)
            await pilot.press("shift")
            app._check_idle()
        assert app.user is not None
        moved.advance(1.0)
        await until_screen(pilot, "UnlockScreen")
        await asyncio.wrap_future(app.vault_thread.run(lambda: None))
        assert not app.vault_thread.is_open and app.user is None
        assert "Automatisch vergrendeld" in status(app)


async def test_settings_give_the_defaults():
    from pgatui.domain.settings import Settings

    app = PgaApp("/nergens", settings=Settings(auto_lock_minutes=7, shared_screen_default=True))
    assert app.auto_lock_seconds == 420 and app.shared_screen
    assert PgaApp("/nergens").auto_lock_seconds == 300


# help, palette, shared screen, language


async def test_f1_shows_help_for_the_current_screen(vault_path):
    app = PgaApp(vault_path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f1")
        await until_screen(pilot, "HelpScreen")
        assert "eenmalige wachtwoord" in static_text(app) and "Wis wachtwoord" in static_text(app)
        await pilot.press("f1")
        await until_screen(pilot, "UnlockScreen")
        await signed_in_as_gemeente(pilot)
        await pilot.press("f1")
        await until_screen(pilot, "HelpScreen")
        text = static_text(app)
        assert "Nieuw signaal" in text and "Vergrendel" in text and "Ctrl+L" in text and "^l" not in text
        await pilot.press("escape")
        await until_screen(pilot, "DashboardScreen")


async def test_palette_has_our_commands_and_no_screenshot(vault_path):
    app = PgaApp(vault_path)
    async with app.run_test(size=SMALL) as pilot:
        await signed_in_as_gemeente(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles and "Quit" not in titles
        described = {b.description for _, b in app._described_bindings(app.screen)}
        assert described <= set(titles)  # every binding with an id is in the palette
        assert {"Vergrendel", "Gedeeld scherm", "Nieuw signaal", "Zoeken", "Afsluiten"} <= set(titles)
        await pilot.press("ctrl+p")
        await until_screen(pilot, "PgaCommandPalette")
        assert "Zoek een opdracht" in visible_text(app)  # Textual's placeholder, in Dutch
        await pilot.press(*"zqxj")
        await wait_for(pilot, lambda: "Geen opdracht gevonden" in visible_text(app), what="no matches, in Dutch")
        await pilot.press(*["backspace"] * 4)
        await pilot.press(*"nieuw signaal")
        await settle(pilot)
        await pilot.press("enter")
        await until_screen(pilot, "IntakeScreen")
        app.action_screenshot()
        app.save_screenshot()  # both refuse: nothing is written


async def test_shared_screen_toggle_is_visible_to_the_room(vault_path):
    app = PgaApp(vault_path, lang="en")
    async with app.run_test(size=SMALL) as pilot:
        seen = []
        app.watch(app, "shared_screen", lambda value: seen.append(value), init=False)
        await pilot.press("ctrl+g")
        assert app.shared_screen and seen == [True]
        assert "SHARED SCREEN" in app.sub_title and app.has_class("-shared-screen")
        await settle(pilot)
        assert "SHARED SCREEN" in visible_text(app)
        header = app.screen.query_one(Header)
        assert header.styles.background != app.screen.styles.background
        await pilot.press("ctrl+g")
        assert not app.shared_screen and "SHARED" not in app.sub_title


async def test_language_at_start_and_switched_from_the_palette(vault_path):
    app = PgaApp(vault_path, lang="en")
    async with app.run_test(size=SMALL) as pilot:
        assert "Unlock vault" in visible_text(app)
        await signed_in_as_gemeente(pilot)
        await pilot.press("slash")
        await until_screen(pilot, "CaseListScreen")
        assert "Search" in visible_text(app)
        switch = next(c for c in app.get_system_commands(app.screen) if c.title.startswith("Taal"))
        switch.callback()
        await wait_for(pilot, lambda: "Zoek op naam" in visible_text(app) and "Meer" in visible_text(app))
        assert i18n.language() == "nl" and "Search" not in visible_text(app)  # the footer follows too
        assert app.vault_thread.is_open  # switching language does not lock


async def test_quit_closes_the_vault(vault_path):
    app = PgaApp(vault_path)
    async with app.run_test(size=SMALL) as pilot:
        await signed_in(pilot)
        runner = app.vault_thread
        await pilot.press("ctrl+q")
    assert not runner.is_open


async def test_another_user_after_a_lock_starts_at_home(vault_path, nina):
    from pgatui.vault import change_password

    change_password(vault_path, "nina", nina, NEW_PW)
    app = PgaApp(vault_path)
    async with app.run_test(size=SMALL) as pilot:
        await signed_in(pilot)
        app.go("settings")
        await until_screen(pilot, "SettingsScreen")
        app.lock()
        await until_screen(pilot, "UnlockScreen")
        await type_unlock(pilot, "nina", NEW_PW)
        await until_screen(pilot, "DashboardScreen")
        await settle(pilot)
        assert [type(s).__name__ for s in app.screen_stack][-1] == "DashboardScreen"
        assert not any(type(s).__name__ == "SettingsScreen" for s in app.screen_stack)
