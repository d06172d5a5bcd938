"""Pilot tests of the administration area (issue 15): each action, the fresh password, roles."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, OptionList, ProgressBar, Select

from helpers import ADMIN, ADMIN_PW
from pilot import notices, settle, static_text, type_unlock, until_screen, wait_for
from pgatui.tui import i18n
from pgatui.tui.app import PgaApp
from pgatui.tui.screens.admin import menu_for
from pgatui.vault import change_password, open_vault

USERS = (("gea", "gemeente", "Gemeente Test"), ("hans", "gemeente", "Gemeente Test"), ("fg", "toezicht", "FG Test"),
         ("rob", "partner", "Reclassering"))


def password(login: str) -> str:
    return f"lange-wachtzin-{login[::-1]}-adm"


@pytest.fixture
def vault(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as opened:
        one_time = {login: opened.add_user(login, role, org) for login, role, org in USERS}
    for login, secret in one_time.items():
        change_password(vault_path, login, secret, password(login))
    yield vault_path
    i18n.set_language("nl")



def table_rows(app, table_id) -> list[list[str]]:
    table = app.screen.query_one(table_id, DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def signed_in(pilot, login, pw):
    await type_unlock(pilot, login, pw)
    await until_screen(pilot, "DashboardScreen")


async def open_area(pilot, route_name, screen_name, login=ADMIN, pw=ADMIN_PW):
    await signed_in(pilot, login, pw)
    await pilot.press("a")
    await until_screen(pilot, "AdminScreen")
    menu = pilot.app.screen.query_one("#admin-menu", OptionList)
    menu.highlighted = next(i for i in range(menu.option_count) if menu.get_option_at_index(i).id == route_name)
    await pilot.press("enter")
    await until_screen(pilot, screen_name)


async def give_password(pilot, pw):
    await until_screen(pilot, "PasswordDialog")
    pilot.app.screen.query_one("#d-password", Input).value = pw
    await pilot.press("enter")


async def select_user(pilot, login):
    await wait_for(pilot, lambda: any(r[0] == login for r in table_rows(pilot.app, "#users-table")), what="users")
    table = pilot.app.screen.query_one("#users-table", DataTable)
    table.move_cursor(row=[r[0] for r in table_rows(pilot.app, "#users-table")].index(login))


def test_menu_per_role():
    from pgatui.domain.roles import Role

    assert [k for k, _ in menu_for(Role.BEHEERDER)] == ["users", "keys", "backups", "log", "settings", "policy",
                                                        "criteria"]
    assert [k for k, _ in menu_for(Role.TOEZICHT)] == ["log", "subject", "retention"]
    assert [k for k, _ in menu_for(Role.GEMEENTE)] == ["subject", "retention", "criteria"]
    assert menu_for(Role.PARTNER) == []


async def test_add_a_user_shows_the_one_time_password_once(vault):
    app = PgaApp(vault)
    async with app.run_test(size=(130, 45)) as pilot:
        await open_area(pilot, "admin_users", "UsersScreen")
        await select_user(pilot, "gea")
        await pilot.press("a")
        await until_screen(pilot, "FormDialog")
        form = app.screen
        await pilot.press("ctrl+s")  # nothing filled in: each field says so, the dialog stays
        await wait_for(pilot, lambda: "verplicht" in str(form.query_one("#derr-login").render()), what="required")
        form.query_one("#d-login", Input).value = "nina"
        form.query_one("#d-role", Select).value = "gemeente"
        form.query_one("#d-organisation", Select).value = next(
            value for prompt, value in form.query_one("#d-organisation", Select)._options if str(prompt) == "Gemeente Test")
        await pilot.press("ctrl+s")
        await give_password(pilot, ADMIN_PW)
        await until_screen(pilot, "SecretNoticeDialog")
        shown = str(app.screen.query_one("#kit-secret").render()).strip()
        await pilot.press("escape")
        await wait_for(pilot, lambda: any(r[0] == "nina" for r in table_rows(app, "#users-table")), what="nina listed")
    change_password(vault, "nina", shown, password("nina"))  # the shown password is the real one
    with open_vault(vault, "nina", password("nina")) as opened:
        assert opened.user.organisation == "Gemeente Test"


async def test_disable_asks_the_password_refuses_a_wrong_one_and_offers_rotation(vault):
    app = PgaApp(vault)
    async with app.run_test(size=(130, 45)) as pilot:
        await open_area(pilot, "admin_users", "UsersScreen")
        await select_user(pilot, "hans")
        await pilot.press("u")
        await give_password(pilot, "niet-het-wachtwoord")
        await wait_for(pilot, lambda: "klopt niet" in notices(app), what="refusal")
        assert not any(u.disabled for u in _users(vault))
        await pilot.press("u")
        await give_password(pilot, ADMIN_PW)
        await wait_for(pilot, lambda: "sleutelwissel is nodig" in static_text(app), what="rotation offered")
        await wait_for(pilot, lambda: any(r[0] == "hans" and r[-1] == "uitgeschakeld"
                                          for r in table_rows(app, "#users-table")), what="hans disabled")
        await pilot.press("s")
        await until_screen(pilot, "KeysScreen")
    assert [u.login for u in _users(vault) if u.disabled] == ["hans"]


@pytest.mark.parametrize("key", ["e", "w", "r"])
async def test_each_user_change_is_refused_without_the_fresh_password(vault, key):
    app = PgaApp(vault)
    async with app.run_test(size=(130, 45)) as pilot:
        await open_area(pilot, "admin_users", "UsersScreen")
        await select_user(pilot, "rob")
        await pilot.press(key)
        if key == "r":  # the change form first, then the password
            await until_screen(pilot, "FormDialog")
            app.screen.query_one("#d-role", Select).value = "gemeente"
            app.screen.query_one("#d-organisation", Select).value = next(
                value for prompt, value in app.screen.query_one("#d-organisation", Select)._options
                if str(prompt) == "Gemeente Test")
            await pilot.press("ctrl+s")
        await give_password(pilot, "niet-het-wachtwoord")
        await wait_for(pilot, lambda: "klopt niet" in notices(app), what="refusal")
        await settle(pilot)
        assert type(app.screen).__name__ == "UsersScreen"  # no one-time password shown
        assert "weer ingeschakeld" not in static_text(app)  # nor a success it did not have
    rob = next(u for u in _users(vault) if u.login == "rob")
    assert (rob.role.value, rob.must_change_password, rob.disabled) == ("partner", False, False)


async def test_rotation_and_backup_are_refused_without_the_fresh_password(vault, tmp_path):
    app = PgaApp(vault)
    async with app.run_test(size=(130, 45)) as pilot:
        await open_area(pilot, "admin_keys", "KeysScreen")
        await pilot.press("s")
        await give_password(pilot, "niet-het-wachtwoord")
        await wait_for(pilot, lambda: "klopt niet" in notices(app), what="rotation refused")
        await pilot.press("escape")
        await until_screen(pilot, "AdminScreen")
        await pilot.press("3")
        await until_screen(pilot, "BackupsScreen")
        app.screen.query_one("#backup-path", Input).value = str(tmp_path / "kopie.tar")
        app.clear_notifications()  # the rotation's refusal is not this one (notices also expire by the clock)
        await pilot.press("ctrl+b")
        await give_password(pilot, "ook-niet-het-wachtwoord")
        await wait_for(pilot, lambda: "klopt niet" in notices(app), what="backup refused")
    assert not (tmp_path / "kopie.tar").exists()
    with open_vault(vault, ADMIN, ADMIN_PW) as opened:
        assert opened.generation == 1
        refused = [r[0] for r in opened.conn.execute("SELECT action FROM audit_log WHERE result = 'refused'")]
    assert {"key.rotate", "backup.make"} <= set(refused)


def _users(vault):
    with open_vault(vault, ADMIN, ADMIN_PW) as opened:
        return opened.list_users()


async def test_enable_reset_and_change_from_the_screen(vault):
    app = PgaApp(vault)
    async with app.run_test(size=(130, 45)) as pilot:
        await open_area(pilot, "admin_users", "UsersScreen")
        await select_user(pilot, "rob")
        await pilot.press("w")
        await give_password(pilot, ADMIN_PW)
        await until_screen(pilot, "SecretNoticeDialog")
        await pilot.press("enter")
        await wait_for(pilot, lambda: any(r[0] == "rob" and r[-1] == "eenmalig wachtwoord"
                                          for r in table_rows(app, "#users-table")), what="rob reset")
        await select_user(pilot, "gea")
        await pilot.press("r")
        await until_screen(pilot, "FormDialog")
        app.screen.query_one("#d-role", Select).value = "gemeente"
        await pilot.press("ctrl+s")
        await give_password(pilot, ADMIN_PW)
        await wait_for(pilot, lambda: "zijn gewijzigd" in static_text(app), what="changed")


async def test_rotation_shows_progress_and_the_new_generation(vault):
    app = PgaApp(vault)
    async with app.run_test(size=(130, 45)) as pilot:
        await open_area(pilot, "admin_keys", "KeysScreen")
        await pilot.press("s")
        await give_password(pilot, ADMIN_PW)
        await wait_for(pilot, lambda: "sleutelgeneratie 2" in static_text(app), what="rotated")
        assert "Controle: in orde" in static_text(app)
        assert app.screen.query_one("#progress", ProgressBar).progress == 1.0
        await pilot.press("c")
        await wait_for(pilot, lambda: "Controle van de kluis (sleutelgeneratie 2): in orde" in static_text(app),
                       what="verified")


async def test_backup_make_list_check_and_restore(vault, tmp_path):
    app = PgaApp(vault)
    async with app.run_test(size=(130, 45)) as pilot:
        await open_area(pilot, "admin_backups", "BackupsScreen")
        app.screen.query_one("#backup-path", Input).value = str(tmp_path / "kopie.tar")
        await pilot.press("ctrl+b")
        await give_password(pilot, ADMIN_PW)
        await wait_for(pilot, lambda: "Back-up gemaakt" in static_text(app), what="backup made")
        await wait_for(pilot, lambda: table_rows(app, "#backups-table")[0][0].endswith("kopie.tar"), what="listed")
        await pilot.press("ctrl+t")
        await give_password(pilot, ADMIN_PW)
        await wait_for(pilot, lambda: "Back-up in orde" in static_text(app), what="backup checked")
        app.screen.query_one("#backup-target", Input).value = str(tmp_path / "terug")
        await pilot.press("ctrl+r")
        await until_screen(pilot, "TypedConfirmDialog")
        app.screen.query_one("#d-word", Input).value = "herstel"  # not the word: it says what to type
        await pilot.press("enter")
        await wait_for(pilot, lambda: "HERSTEL" in str(app.screen.query_one("#derr-word").render()), what="word asked")
        await pilot.press("escape")
        await until_screen(pilot, "BackupsScreen")
        assert not (tmp_path / "terug").exists()
        await pilot.press("ctrl+r")
        await until_screen(pilot, "TypedConfirmDialog")
        app.screen.query_one("#d-word", Input).value = "HERSTEL"
        await pilot.press("enter")
        await give_password(pilot, ADMIN_PW)
        await wait_for(pilot, lambda: "Teruggezet in" in static_text(app), what="restored")
    assert (tmp_path / "terug" / "keyring.json").is_file()


async def test_restore_asks_the_password_of_when_the_backup_was_made(vault, tmp_path):
    with open_vault(vault, ADMIN, ADMIN_PW) as opened:
        opened.backup(tmp_path / "oud.tar")
    changed = "een-nieuw-lang-beheerwachtwoord"
    change_password(vault, ADMIN, ADMIN_PW, changed)
    app = PgaApp(vault)
    async with app.run_test(size=(130, 45)) as pilot:
        await open_area(pilot, "admin_backups", "BackupsScreen", ADMIN, changed)
        app.screen.query_one("#backup-path", Input).value = str(tmp_path / "oud.tar")
        app.screen.query_one("#backup-target", Input).value = str(tmp_path / "terug")
        await pilot.press("ctrl+r")
        await until_screen(pilot, "TypedConfirmDialog")
        app.screen.query_one("#d-word", Input).value = "HERSTEL"
        await pilot.press("enter")
        await give_password(pilot, changed)  # today's password: checked, but it does not open the backup
        await until_screen(pilot, "PasswordDialog")
        await wait_for(pilot, lambda: "toen de back-up werd gemaakt" in static_text(app), what="old password asked")
        await give_password(pilot, ADMIN_PW)
        await wait_for(pilot, lambda: "Teruggezet in" in static_text(app), what="restored")
    assert (tmp_path / "terug" / "keyring.json").is_file()


async def test_auditor_filters_the_log_and_exports_ids_only(vault, tmp_path):
    app = PgaApp(vault)
    async with app.run_test(size=(160, 45)) as pilot:
        await open_area(pilot, "access_log", "AccessLogScreen", "fg", password("fg"))
        await wait_for(pilot, lambda: "Auditketen in orde" in static_text(app), what="chain state")
        app.screen.query_one("#log-actor", Input).value = "gea"
        app.screen.query_one("#log-actor", Input).focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: table_rows(app, "#log-table") and all(
            r[2] == "gea" for r in table_rows(app, "#log-table")), what="filtered")
        await pilot.press("ctrl+x")
        await until_screen(pilot, "ExportDialog")
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "log.csv")
        await pilot.press("enter")
        await wait_for(pilot, lambda: (tmp_path / "log.csv").is_file(), what="export written")
    rows = (tmp_path / "log.csv").read_text().splitlines()
    assert rows[0].startswith("seq,at,actor") and all(",gea," in r for r in rows[1:])


async def test_settings_policy_and_retention_are_reached_from_the_area_by_their_keys(vault):
    app = PgaApp(vault)
    async with app.run_test(size=(130, 45)) as pilot:
        await signed_in(pilot, ADMIN, ADMIN_PW)
        await pilot.press("a")
        for key, screen in (("6", "SettingsScreen"), ("7", "PolicyScreen"), ("1", "UsersScreen")):
            await until_screen(pilot, "AdminScreen")
            await pilot.press(key)
            await until_screen(pilot, screen)
            await pilot.press("escape")
    app = PgaApp(vault)
    async with app.run_test(size=(130, 45)) as pilot:
        await signed_in(pilot, "fg", password("fg"))
        await pilot.press("a")
        await until_screen(pilot, "AdminScreen")
        assert app.screen.check_action("enter", ("users",)) is False  # not the FG's: not offered
        await pilot.press("8")
        await until_screen(pilot, "RetentionScreen")


@pytest.mark.parametrize("login", ["gea", "rob"])
async def test_roles_without_administration_see_no_such_entries(vault, login):
    app = PgaApp(vault)
    async with app.run_test(size=(130, 45)) as pilot:
        await signed_in(pilot, login, password(login))
        await pilot.press("a")
        await until_screen(pilot, "AdminScreen")
        ids = [app.screen.query_one("#admin-menu", OptionList).get_option_at_index(i).id
               for i in range(app.screen.query_one("#admin-menu", OptionList).option_count)]
        assert not {"admin_users", "admin_keys", "admin_backups", "access_log"} & set(ids)
        app.go("admin_users")  # even when reached directly, the service refuses
        await until_screen(pilot, "UsersScreen")
        await wait_for(pilot, lambda: "geen toegang" in notices(app), what="refused")
        assert table_rows(app, "#users-table") == []
        await pilot.press("escape")
        app.clear_notifications()
        app.go("admin_backups")
        await until_screen(pilot, "BackupsScreen")
        await wait_for(pilot, lambda: "geen toegang" in notices(app), what="backups refused")
        assert table_rows(app, "#backups-table") == []


async def test_subject_request_with_a_withheld_part_from_the_screen(vault, tmp_path):
    import datetime as dt

    from people import signal
    from pgatui.domain.models import PersonInput
    from pgatui.services import cases
    from pgatui.services.session import Session

    with open_vault(vault, "gea", password("gea")) as opened:
        case = cases.take_in_signal(Session(opened), signal(observed_facts="Feit-over-een-buurman"),
                                    person=PersonInput(name="Inzagepiet Verzoeksma", date_of_birth=dt.date(2001, 1, 1)))
    app = PgaApp(vault)
    async with app.run_test(size=(130, 45)) as pilot:
        # The case director: it holds the key of the case's compartment (the FG holds none, and
        # reads the content as sealed: services/test_oversight.py).
        await open_area(pilot, "subject_request", "SubjectRequestScreen", "gea", password("gea"))
        app.screen.query_one("#subj-case", Input).value = case.number
        await pilot.press("enter")
        chooser = app.screen.query_one("#subj-parts")
        await wait_for(pilot, lambda: chooser.option_count > 3, what="parts listed")
        signal_index = next(i for i in range(chooser.option_count)
                            if str(chooser.get_option_at_index(i).value).startswith("signal:"))
        chooser.select(chooser.get_option_at_index(signal_index))
        await pilot.press("ctrl+x")
        await until_screen(pilot, "ExportDialog")
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "inzage.txt")
        await pilot.press("enter")
        await wait_for(pilot, lambda: (tmp_path / "inzage.txt").is_file(), what="export written")
    text = (tmp_path / "inzage.txt").read_text(encoding="utf-8")
    assert "Inzagepiet Verzoeksma" in text and "Feit-over-een-buurman" not in text and "[ingehouden:" in text
