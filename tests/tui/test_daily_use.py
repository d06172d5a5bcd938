"""Issue 13's daily-use bugs, each with a test that fails without its fix: screens follow the
service calls they depend on, the case file says why a tab is empty, keys a role cannot use are
not offered, a corrected field loses its old error, the history and the meetings read well."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, Select, SelectionList, Static, TextArea

from helpers import ADMIN, ADMIN_PW
from people import password_of
from pilot import settle, static_text, type_unlock, until_screen, wait_for
from process_builders import new_case
from test_casefile_process import tab_filled
from test_errors_under_screens import full_vault  # noqa: F401 - the fixture
from pgatui.services.monitoring import ProcessFile
from pgatui.services.session import Session
from pgatui.tui.app import PgaApp
from pgatui.tui.records import history_line, minutes_text
from pgatui.vault import open_vault


def app_for(path) -> PgaApp:
    return PgaApp(path, auto_lock_seconds=24 * 3600)


async def sign_in(pilot, login: str, password: str) -> None:
    await type_unlock(pilot, login, password)
    await wait_for(pilot, lambda: pilot.app.user is not None, what="signed in")
    await settle(pilot)


def counts(app) -> str:
    return str(app.screen.query_one("#counts", Static).render())


async def test_the_dashboard_counts_a_signal_taken_in_meanwhile(full_vault):  # noqa: F811
    path, _ = full_vault
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "gea", password_of("gemeente"))
        await until_screen(pilot, "DashboardScreen")
        before = counts(app)
        await pilot.press("n")
        await until_screen(pilot, "IntakeScreen")
        screen = app.screen
        screen.query_one("#f-name", Input).value = "Dirk Dagelijks"
        screen.query_one("#f-date_of_birth", Input).value = "03-04-2001"
        screen.query_one("#f-source_kind", Select).value = "burger"
        screen.query_one("#f-ideologies", SelectionList).select("onduidelijk")
        screen.query_one("#f-urgency", Select).value = "normaal"
        screen.query_one("#f-observed_facts", TextArea).text = "Dreigende berichten"
        await pilot.press("ctrl+s")
        await until_screen(pilot, "DashboardScreen")
        await wait_for(pilot, lambda: counts(app) != before, what="the counts after the intake")


async def test_a_corrected_bsn_loses_its_old_error(full_vault):  # noqa: F811
    path, _ = full_vault
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "gea", password_of("gemeente"))
        await pilot.press("n")
        await until_screen(pilot, "IntakeScreen")
        app.screen.query_one("#f-bsn", Input).value = "123456789"
        await pilot.press("ctrl+s")
        error = app.screen.query_one("#err-bsn", Static)
        await wait_for(pilot, lambda: "elfproef" in str(error.render()), what="the BSN error")
        app.screen.query_one("#f-bsn", Input).value = "111222333"
        await wait_for(pilot, lambda: str(error.render()) == "", what="the old error gone")


async def test_the_case_file_follows_its_weighing(full_vault):  # noqa: F811
    path, _ = full_vault
    with open_vault(path, "gea", password_of("gemeente")) as vault:
        case = new_case(Session(vault), name="Wieger Weegmoment")
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "gea", password_of("gemeente"))
        app.go("file", case_id=case.id)
        await until_screen(pilot, "CaseFileScreen")
        await wait_for(pilot, lambda: "Fase: Signaal" in static_text(app), what="the phase before")
        await pilot.press("w")
        await until_screen(pilot, "WeighingScreen")
        await settle(pilot)
        await pilot.press("escape")
        await until_screen(pilot, "CaseFileScreen")
        await wait_for(pilot, lambda: "Fase: Weging" in static_text(app), what="the phase after the weighing")
        app.screen.show_tab("weighings")  # filled when shown
        await wait_for(pilot, lambda: tab_filled(app, "weighings"), what="the weighings tab")
        weighings = str(app.screen.query_one("#body").query_one(Static).render())
        assert "Weging" in weighings and "Nog niets vastgelegd" not in weighings


async def test_a_partner_sees_what_is_not_shared_and_is_not_offered_the_weighing(full_vault):  # noqa: F811
    path, ids = full_vault
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "rob", password_of("partner"))
        app.go("file", case_id=ids["case_id"])
        await until_screen(pilot, "CaseFileScreen")
        screen = app.screen
        signals = lambda: str(screen.query_one("#body").query_one(Static).render())  # noqa: E731
        assert signals() in ("Bezig met laden…", "Niet gedeeld met uw organisatie.")  # never "nothing yet"
        await wait_for(pilot, lambda: signals() == "Niet gedeeld met uw organisatie.", what="not shared")
        assert screen.check_action("open", ("weighing",)) is False
        await pilot.press("w")
        await settle(pilot)
        assert type(app.screen).__name__ == "CaseFileScreen"


async def test_the_beheerder_is_not_offered_an_intake(full_vault):  # noqa: F811
    path, _ = full_vault
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, ADMIN, ADMIN_PW)
        await until_screen(pilot, "DashboardScreen")
        assert app.screen.check_action("open", ("intake",)) is False
        await pilot.press("n")
        await settle(pilot)
        assert type(app.screen).__name__ == "DashboardScreen"


def test_the_history_reads_as_words_not_keys_or_json():
    row = ("weighing", "view.politie", None, '{"role": "politie", "criteria": []}', "pim", "2026-03-12T14:05:00+00:00")
    line = history_line(row)
    assert "standpunt Politie" in line and "vastgelegd" in line
    assert "{" not in line and "view.politie" not in line and "2026-03-12" not in line
    dissent = history_line(("weighing", "dissent.om", None, '{"role": "om"}', "gea", "2026-03-12T14:05:00"))
    assert "afwijkende mening OM" in dissent and "dissent" not in dissent
    assert "gezamenlijk oordeel" in history_line(("weighing", "joint", None, "[]", "gea", "2026-03-12T14:05:00"))
    conclusion = history_line(("weighing", "conclusion", None, '{"outcome": "opnemen"}', "gea", "2026-03-12T14:05:00"))
    assert "conclusie" in conclusion and "uitkomst opnemen" in conclusion
    assert "01-05-2027" in history_line(("hold", "ends_on", None, "2027-05-01", "gea", "2026-03-12T14:05:00"))


def test_a_meeting_is_named_by_its_date():
    class Minutes:
        meeting_id, shared, decisions, goals, addenda = 2, (), "", (), ()
        status = None

    process = ProcessFile([], [], [], [], [], [], meeting_dates={2: dt.date(2026, 3, 12)})
    text = minutes_text(Minutes(), process)
    assert text.startswith("Casusoverleg 12-03-2026") and "#2" not in text
