"""Pilot tests of the retention, destruction, policy and settings screens, per role, with
hostile text, and the vault's settings applied after unlock."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from textual.widgets import Checkbox, DataTable, Input

from helpers import ADMIN, ADMIN_PW
from hostile import FORBIDDEN
from pilot import notices, MovableClock, settle, static_text, type_unlock, until_screen, visible_text, wait_for
from pgatui import clock
from pgatui.domain.models import LegalHold, Phase, PersonInput
from pgatui.domain.retention import load_policy
from pgatui.services import retention as svc
from pgatui.services.session import Session
from pgatui.services.settings import change_settings, read_settings
from pgatui.tui import i18n
from pgatui.tui.app import PgaApp
from pgatui.tui.screens.retention import FILTERS
from pgatui.vault import cases as cases_repo
from pgatui.vault import change_password, open_vault

TODAY = dt.datetime(2026, 11, 24, 9, tzinfo=dt.UTC)
CLOSED = {"Oud Een": "2019-03-01", "Oud Twee": "2020-06-01", "Bijna Weg": "2021-11-29", "Nog Lang": "2025-01-01"}
HOSTILE = "[@click=app.quit]Kwaad[/] \x1b[2J\u202eJan [link=file:///etc/passwd]x[/link]"


def password(login: str) -> str:
    return f"lange-wachtzin-{login[::-1]}-tui"


@pytest.fixture
def vault(vault_path):
    """gea and hans (gemeente), fg (toezicht), rob (partner); four closed cases."""
    clock.freeze(TODAY)
    with open_vault(vault_path, ADMIN, ADMIN_PW) as opened:
        one_time = {login: opened.add_user(login, role, org) for login, role, org in (
            ("gea", "gemeente", "Gemeente Test"), ("hans", "gemeente", "Gemeente Test"),
            ("fg", "toezicht", "FG Test"), ("rob", "partner", "Reclassering"))}
        with opened.transaction() as conn:
            for name, closed in CLOSED.items():
                person = cases_repo.insert_person(conn, PersonInput(name=name, date_of_birth=dt.date(1990, 1, 1)))
                case_id = cases_repo.insert_case(conn, person, "gea", dt.date.fromisoformat(closed))
                cases_repo.update_case(conn, case_id, phase=Phase.AFGESLOTEN.value, closed_on=closed,
                                       closure_reason="afgerond", last_substantive_on=closed,
                                       last_outcome="opnemen_pga")
    for login, secret in one_time.items():
        change_password(vault_path, login, secret, password(login))
    yield vault_path
    clock.freeze(None)
    i18n.set_language("nl")


def as_user(path, login, pw=None):
    return Session(open_vault(path, login, pw or password(login)))


def with_session(path, login, work, pw=None):
    session = as_user(path, login, pw)
    try:
        return work(session)
    finally:
        session.vault.close()


async def signed_in(pilot, login, pw=None):
    await type_unlock(pilot, login, pw or password(login))
    await until_screen(pilot, "DashboardScreen")


async def open_retention(pilot, login="gea"):
    await signed_in(pilot, login)
    await pilot.press("b")
    await until_screen(pilot, "RetentionScreen")



def table_rows(app, table_id="#ret-table") -> list[list[str]]:
    table = app.screen.query_one(table_id, DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_overview_sorted_marked_and_filtered(vault):
    app = PgaApp(vault)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_retention(pilot)
        await wait_for(pilot, lambda: len(table_rows(app)) == 4, what="four cases")
        rows = table_rows(app)
        assert [r[1] for r in rows] == ["termijn verstreken", "termijn verstreken", "waarschuwing (≤ 7 dagen)", "loopt"]
        assert rows[2][2] == "29-11-2026" and rows[2][3] == "5" and rows[0][4] == "casus-afgesloten"
        assert "2 verstreken · 1 waarschuwing · 0 vernietigingsstop · 1 lopend" in static_text(app)
        await pilot.press("f")
        await wait_for(pilot, lambda: len(table_rows(app)) == 2)
        assert "Filter: termijn verstreken" in static_text(app)
        for _ in range(len(FILTERS) - 1):  # round to "all" again (dormant and justified are filters too)
            await pilot.press("f")
        await wait_for(pilot, lambda: len(table_rows(app)) == 4)


async def test_place_and_lift_a_hold(vault):
    app = PgaApp(vault)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_retention(pilot)
        await wait_for(pilot, lambda: len(table_rows(app)) == 4)
        await pilot.press("h")
        await until_screen(pilot, "FormDialog")
        await pilot.press("ctrl+s")  # the reason is required
        await wait_for(pilot, lambda: "verplicht" in str(app.screen.query_one("#err-reason").render()))
        app.screen.query_one("#hold-reason", Input).value = HOSTILE
        app.screen.query_one("#hold-ends_on", Input).value = "2027-05-01"
        await pilot.press("ctrl+s")
        await until_screen(pilot, "RetentionScreen")
        await wait_for(pilot, lambda: table_rows(app)[2][1] == "vernietigingsstop", what="hold shown")
        assert table_rows(app)[2][0] == "PGA-2019-00001" and table_rows(app)[2][6] == "01-05-2027"
        (hold,) = with_session(vault, "gea", svc.hold_list)
        assert hold.reason == HOSTILE and hold.ends_on == dt.date(2027, 5, 1)  # stored literally
        assert app.screen.query_one("#ret-table", DataTable).cursor_row == 2  # the cursor followed the case
        await pilot.press("l")
        await until_screen(pilot, "ConfirmDialog")
        await pilot.press("enter")
        await until_screen(pilot, "RetentionScreen")
        await wait_for(pilot, lambda: [r[1] for r in table_rows(app)].count("termijn verstreken") == 2)
        assert with_session(vault, "gea", svc.hold_list) == []


async def test_review_destroy_and_export_the_report(vault, tmp_path):
    with_session(vault, "gea", lambda s: svc.place_hold(
        s, 2, LegalHold(reason="rechtszaak", owner="Gemeente Test", ends_on=dt.date(2027, 1, 1))))
    app = PgaApp(vault)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_retention(pilot)
        await pilot.press("v")
        await until_screen(pilot, "DestructionScreen")
        await wait_for(pilot, lambda: len(table_rows(app, "#destroy-table")) == 1, what="only the unheld case")
        assert table_rows(app, "#destroy-table")[0][0] == "[ ]"  # nothing is chosen for destruction by default
        await pilot.press("d")
        await wait_for(pilot, lambda: "Selecteer eerst" in notices(app), what="nothing chosen")
        assert type(app.screen).__name__ == "DestructionScreen"
        await pilot.press("a")
        await wait_for(pilot, lambda: table_rows(app, "#destroy-table")[0][0] == "[x]")
        await pilot.press("d")
        await until_screen(pilot, "FormDialog")
        app.screen.query_one("#confirm-word", Input).value = "verkeerd"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "VERNIETIGEN" in str(app.screen.query_one("#confirm-error-word").render()))
        app.screen.query_one("#confirm-word", Input).value = "VERNIETIGEN"
        await pilot.press("ctrl+s")
        await until_screen(pilot, "DestructionScreen")
        await wait_for(pilot, lambda: "Klaar: 1 casussen vernietigd" in static_text(app), what="done")
        await pilot.press("e")
        await until_screen(pilot, "PathDialog")
        assert "onversleuteld" in static_text(app)
        app.screen.query_one("#path", Input).value = str(tmp_path / "rapport.txt")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: (tmp_path / "rapport.txt").exists(), what="report written")
        await pilot.press("escape")
        await until_screen(pilot, "RetentionScreen")
        await wait_for(pilot, lambda: len(table_rows(app)) == 3)
    report = (tmp_path / "rapport.txt").read_text()
    assert "PGA-2019-00001" in report and "Oud Een" not in report


async def confirm_with_colleague(pilot, login):
    await pilot.press("d")
    await until_screen(pilot, "FormDialog")
    pilot.app.screen.query_one("#confirm-word", Input).value = "VERNIETIGEN"
    await pilot.press("ctrl+s")
    await until_screen(pilot, "ColleagueDialog")
    pilot.app.screen.query_one("#colleague-login", Input).value = login
    pilot.app.screen.query_one("#colleague-password", Input).value = password(login)
    pilot.app.screen.query_one("#colleague-password", Input).focus()
    await pilot.press("enter")


async def test_second_confirmation_asks_another_gemeente_user(vault):
    with_session(vault, ADMIN, lambda s: change_settings(s, destruction_second_confirmation=True), ADMIN_PW)
    app = PgaApp(vault)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_retention(pilot)
        await pilot.press("v")
        await until_screen(pilot, "DestructionScreen")
        await wait_for(pilot, lambda: len(table_rows(app, "#destroy-table")) == 2)
        await pilot.press("down", "space")  # choose the second case, keep the first
        await wait_for(pilot, lambda: [r[0] for r in table_rows(app, "#destroy-table")] == ["[ ]", "[x]"])
        await confirm_with_colleague(pilot, "gea")  # the same person is refused
        await until_screen(pilot, "DestructionScreen")
        await wait_for(pilot, lambda: "andere gebruiker" in notices(app), what="refusal notice")
        await confirm_with_colleague(pilot, "hans")
        await wait_for(pilot, lambda: "Klaar: 1 casussen vernietigd" in static_text(app), what="done")
        # what is left is not chosen again after the destruction: one more key must not destroy it
        await wait_for(pilot, lambda: [r[0] for r in table_rows(app, "#destroy-table")] == ["[ ]"])
    (record,) = with_session(vault, "gea", svc.destruction_records)
    assert (record.case_number, record.confirmed_by) == ("PGA-2020-00002", "hans")


async def test_auditor_reads_but_may_not_hold_or_destroy_and_partner_sees_nothing(vault):
    app = PgaApp(vault)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_retention(pilot, "fg")
        await wait_for(pilot, lambda: len(table_rows(app)) == 4)
        await pilot.press("h")
        await wait_for(pilot, lambda: "Alleen gemeente en OM" in notices(app), what="hold refusal")
        await pilot.press("v")
        await until_screen(pilot, "DestructionScreen")
        await wait_for(pilot, lambda: "Alleen de gemeente kan casussen vernietigen" in static_text(app))
    app = PgaApp(vault)
    async with app.run_test(size=(120, 36)) as pilot:
        await signed_in(pilot, "rob")  # a partner is not offered the retention overview at all
        await settle(pilot)
        assert app.screen.check_action("open", ("retention",)) is False
        await pilot.press("b")
        await settle(pilot)
        assert type(app.screen).__name__ == "DashboardScreen"


def hostile_policy(version: str) -> str:
    policy = json.loads(load_policy().model_dump_json())
    policy.update(version=version, note=HOSTILE)
    policy["rules"][0]["source"] = HOSTILE
    return json.dumps(policy)


async def test_policy_view_for_auditor_and_load_by_beheerder_with_hostile_text(vault, tmp_path):
    (tmp_path / "beleid.json").write_text(hostile_policy("2027-1"))
    app = PgaApp(vault)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(pilot, ADMIN, ADMIN_PW)
        await pilot.press("p")
        await until_screen(pilot, "PolicyScreen")
        await wait_for(pilot, lambda: "Bewaarbeleid 2026-2" in static_text(app))
        await pilot.press("l")
        await until_screen(pilot, "PathDialog")
        app.screen.query_one("#path", Input).value = str(tmp_path / "beleid.json")
        await pilot.press("ctrl+s")
        await until_screen(pilot, "PolicyScreen")
        await wait_for(pilot, lambda: "Bewaarbeleid 2027-1" in static_text(app), what="new policy shown")
        assert f"Geïnstalleerd door {ADMIN}" in static_text(app)
    app = PgaApp(vault)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(pilot, "fg")
        await pilot.press("p")
        await until_screen(pilot, "PolicyScreen")
        await wait_for(pilot, lambda: "Bewaarbeleid 2027-1" in static_text(app))
        text = static_text(app)
        assert "[@click=app.quit]Kwaad[/]" in text and "[link=file:///etc/passwd]x[/link]" in text
        assert not any(bad in text for bad in FORBIDDEN)
        assert "Bron: Modelconvenant" in text and "Eerdere versies: 2027-1" in text
        await pilot.press("l")
        await wait_for(pilot, lambda: "Alleen een beheerder" in notices(app))
        assert app.is_running


async def test_settings_changed_by_beheerder_and_read_only_for_others(vault):
    app = PgaApp(vault)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(pilot, ADMIN, ADMIN_PW)
        await pilot.press("i")
        await until_screen(pilot, "SettingsScreen")
        await wait_for(pilot, lambda: app.screen.query_one("#set-auto_lock_minutes", Input).value == "5")
        app.screen.query_one("#set-retention_marks", Input).value = "30, x"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "geheel getal" in static_text(app))
        app.screen.query_one("#set-retention_marks", Input).value = "60, 14"
        app.screen.query_one("#set-retention_warning_days", Input).value = "120"
        app.screen.query_one("#set-destruction_second_confirmation", Checkbox).value = True
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "Instellingen opgeslagen" in static_text(app))
    saved = with_session(vault, "gea", read_settings)
    assert (saved.retention_marks, saved.retention_warning_days, saved.destruction_second_confirmation) == ((60, 14), 120, True)
    app = PgaApp(vault)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(pilot, "gea")
        await pilot.press("i")
        await until_screen(pilot, "SettingsScreen")
        await wait_for(pilot, lambda: "Alleen een beheerder" in static_text(app))
        assert app.screen.query_one("#set-auto_lock_minutes", Input).disabled
        await pilot.press("ctrl+s")
    assert with_session(vault, "gea", read_settings) == saved


async def test_the_vault_settings_apply_after_unlock(vault):
    with_session(vault, ADMIN, lambda s: change_settings(s, auto_lock_minutes=12, language="en",
                                                         shared_screen_default=True), ADMIN_PW)
    app = PgaApp(vault)
    async with app.run_test(size=(120, 36)) as pilot:
        await signed_in(pilot, "gea")
        await wait_for(pilot, lambda: i18n.language() == "en" and "Retention" in visible_text(app))
        assert app.auto_lock_seconds == 12 * 60 and app.shared_screen
    with_session(vault, ADMIN, lambda s: change_settings(s, language="nl"), ADMIN_PW)
    app = PgaApp(vault, lang="en", auto_lock_seconds=3, monotonic=MovableClock())  # explicit choices win
    async with app.run_test(size=(120, 36)) as pilot:
        await signed_in(pilot, "gea")
        await wait_for(pilot, lambda: "Retention" in visible_text(app))
        assert app.auto_lock_seconds == 3 and i18n.language() == "en"


async def test_every_retention_screen_has_help(vault):
    app = PgaApp(vault)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_retention(pilot)
        for key, name, help_text in (("f1", "HelpScreen", "meest dringende"),):
            await pilot.press(key)
            await until_screen(pilot, name)
            assert help_text in static_text(app)
            await pilot.press("escape")
        await until_screen(pilot, "RetentionScreen")
        await pilot.press("v")
        await until_screen(pilot, "DestructionScreen")
        await pilot.press("f1")
        await until_screen(pilot, "HelpScreen")
        assert "onomkeerbaar" in static_text(app) and "Vernietig" in static_text(app)
