"""Pilot tests of issue 11 on screen: no one-party closing of a signal (monitoring offers no close,
the case file offers only duplicate/error with a second core partner), the criminal track in the
weighing's conclusion dialog, dormant files kept open or closed on the retention screen, and the
FG's record of disposals."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import DataTable, Input, RadioButton, RadioSet, Select, TextArea

from helpers import ADMIN, ADMIN_PW
from pilot import on, settle, static_text, type_unlock, until_screen, visible_text, wait_for
from pgatui import clock
from pgatui.domain.models import (CriminalTrack, Ideology, PersonInput, Phase, SignalInput, SourceKind, Urgency,
                                  WeighingOutcome)
from pgatui.domain.retention import RetentionState
from pgatui.services import cases as svc
from pgatui.services.session import Session
from pgatui.tui.app import PgaApp
from pgatui.tui.screens.retention import FILTERS
from pgatui.tui.screens.weighing import OUTCOMES, TRACKS, WeighingConclusionDialog
from pgatui.vault import cases as cases_repo
from pgatui.vault import change_password, open_vault

USERS = {"gea": ("gemeente", "Gemeente Test"), "pim": ("politie", "Politie Test"), "fien": ("toezicht", "FG Test")}


def password_of(login: str) -> str:
    return f"wachtzin-{login[::-1]}-verantwoord"


@pytest.fixture
def team_vault(vault_path):
    for login, (role, org) in USERS.items():
        with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
            one_time = vault.add_user(login, role, org)
        change_password(vault_path, login, one_time, password_of(login))
    yield vault_path
    clock.freeze(None)


def add_case(path, name: str):
    with open_vault(path, "gea", password_of("gea")) as vault:
        return svc.take_in_signal(Session(vault), SignalInput(
            received_on=dt.date(2026, 11, 1), received_by="Gemeente Test", source_kind=SourceKind.ONDERWIJS,
            observed_facts="Deelt filmpjes", ideology=Ideology.RECHTS, urgency=Urgency.NORMAAL),
            person=PersonInput(name=name, date_of_birth=dt.date(2001, 2, 3)))


def case_now(path, case_id):
    with open_vault(path, "gea", password_of("gea")) as vault:
        return svc.read_case(Session(vault), case_id).case


async def signed_in(pilot, login="gea"):
    await until_screen(pilot, "UnlockScreen")
    await type_unlock(pilot, login, password_of(login))
    await until_screen(pilot, "DashboardScreen")


async def test_no_screen_closes_a_signal_by_one_party(team_vault):
    case = add_case(team_vault, "Zwaantje Oudewaterloo")
    app = PgaApp(team_vault)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(pilot)
        app.go("monitoring", case_id=case.id)
        await until_screen(pilot, "MonitoringScreen")
        await wait_for(pilot, lambda: app.screen._file is not None)
        assert not app.screen.check_action("close_case", ())
        await pilot.press("s")  # the former close key does nothing here
        await settle(pilot)
        assert type(app.screen).__name__ == "MonitoringScreen"
        await pilot.press("escape")
        await until_screen(pilot, "DashboardScreen")
        app.go("file", case_id=case.id)
        await until_screen(pilot, "CaseFileScreen")
        await wait_for(pilot, lambda: app.screen.check_action("dispose", ()))
        await settle(pilot)  # the file finishes loading before the app closes under it
    assert case_now(team_vault, case.id).phase is Phase.SIGNAAL


async def fill_disposal(pilot, kind_index: int, original: str = "") -> None:
    await pilot.press("x")
    await wait_for(pilot, on(pilot.app, "FormDialog"))
    dialog = pilot.app.screen
    select = dialog.query_one("#d-kind", Select)
    select.value = select._options[kind_index + 1][1]  # index 0 is the blank prompt
    dialog.query_one("#d-original", Input).value = original
    await pilot.press("ctrl+s")
    await wait_for(pilot, on(pilot.app, "ColleagueDialog"))


async def colleague(pilot, login: str, password: str) -> None:
    dialog = pilot.app.screen
    dialog.query_one("#colleague-login", Input).value = login
    dialog.query_one("#colleague-password", Input).value = password
    dialog.query_one("#colleague-password", Input).focus()
    await pilot.press("enter")


async def test_a_duplicate_needs_another_core_partner_and_moves_the_signals(team_vault):
    original, duplicate = add_case(team_vault, "Eerste Invoer"), add_case(team_vault, "Tweede Invoer")
    app = PgaApp(team_vault)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(pilot)
        app.go("file", case_id=duplicate.id)
        await until_screen(pilot, "CaseFileScreen")
        await wait_for(pilot, lambda: app.screen.check_action("dispose", ()))
        await fill_disposal(pilot, 0, original.number)
        await colleague(pilot, "gea", password_of("gea"))  # the same user: refused (audited, see below)
        await until_screen(pilot, "CaseFileScreen")
        assert app.screen.check_action("dispose", ())  # still a signal
        await fill_disposal(pilot, 0, original.number)
        await colleague(pilot, "pim", password_of("pim"))
        await wait_for(pilot, lambda: "Afgesloten" in static_text(app), what="file shown afresh")
    assert case_now(team_vault, duplicate.id).phase is Phase.AFGESLOTEN
    with open_vault(team_vault, "gea", password_of("gea")) as vault:
        assert len(svc.read_case(Session(vault), original.id).signals) == 2
        results = [r[0] for r in vault.conn.execute("SELECT result FROM audit_log WHERE action = 'disposal.confirm' "
                                                    "ORDER BY seq")]
        assert results == ["refused", "ok"]
    app = PgaApp(team_vault)
    async with app.run_test(size=(120, 40)) as pilot:  # the FG reads the record on the retention screen
        await signed_in(pilot, "fien")
        app.go("retention")
        await until_screen(pilot, "RetentionScreen")
        await pilot.press("g")
        await wait_for(pilot, on(app, "DisposalRecordsModal"))
        table = app.screen.query_one("#disp-table", DataTable)
        await wait_for(pilot, lambda: table.row_count == 1)
        row = [str(c) for c in table.get_row_at(0)]
        assert row[0] == duplicate.number and row[2] == original.number and row[3:5] == ["gea", "pim"]
        assert "Tweede Invoer" not in visible_text(app)


async def test_the_conclusion_dialog_records_the_criminal_track(team_vault):
    app = PgaApp(team_vault)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(pilot)
        dialog = WeighingConclusionDialog()
        results = []
        app.push_screen(dialog, results.append)
        await wait_for(pilot, on(app, "WeighingConclusionDialog"))
        assert WeighingOutcome.STRAFRECHTELIJK not in OUTCOMES  # no longer a PGA outcome
        dialog.query_one("#wg-outcome", RadioSet).query(RadioButton)[OUTCOMES.index(WeighingOutcome.OPNEMEN)].value = True
        release = dialog.query_one("#wg-release", Input)
        assert release.disabled
        dialog.query_one("#wg-track", RadioSet).query(RadioButton)[TRACKS.index(CriminalTrack.DETENTIE)].value = True
        await wait_for(pilot, lambda: not release.disabled)
        release.value = "15-03-2027"
        dialog.query_one("#wg-reasons", TextArea).text = "Opnemen naast de strafzaak"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: results)
    (conclusion,) = results
    assert (conclusion.outcome, conclusion.criminal_track, conclusion.expected_release_on) == (
        WeighingOutcome.OPNEMEN, CriminalTrack.DETENTIE, dt.date(2027, 3, 15))


async def test_a_dormant_file_is_kept_open_or_closed_on_the_retention_screen(team_vault):
    kept, closed = add_case(team_vault, "Stil Dossier"), add_case(team_vault, "Ander Stil Dossier")
    with open_vault(team_vault, "gea", password_of("gea")) as vault, vault.transaction() as conn:
        for case in (kept, closed):  # taken in, then three quiet years
            cases_repo.update_case(conn, case.id, phase=Phase.MONITORING.value, last_outcome="opnemen_pga",
                                   last_substantive_on="2023-01-02")
    app = PgaApp(team_vault)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(pilot)
        app.go("retention", state_filter=FILTERS.index(RetentionState.DORMANT))
        await until_screen(pilot, "RetentionScreen")
        table = app.screen.query_one("#ret-table", DataTable)
        await wait_for(pilot, lambda: table.row_count == 2, what="two dormant files")
        table.move_cursor(row=table.get_row_index(str(kept.id)))
        await pilot.press("j")
        await wait_for(pilot, on(app, "FormDialog"))
        app.screen.query_one("#d-reason", TextArea).text = "Strafzaak loopt nog"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: table.row_count == 1, what="kept file leaves the dormant filter")
        table.move_cursor(row=table.get_row_index(str(closed.id)))
        await pilot.press("s")
        await wait_for(pilot, on(app, "FormDialog"))
        app.screen.query_one("#d-reason", TextArea).text = "Geen zorgen meer"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: table.row_count == 0, what="closed file leaves the dormant filter")
    assert case_now(team_vault, kept.id).phase is Phase.MONITORING
    assert case_now(team_vault, closed.id).phase is Phase.AFGESLOTEN


async def test_the_dormant_file_task_opens_the_retention_screen_on_that_case(team_vault):
    first, second = add_case(team_vault, "Stil Dossier"), add_case(team_vault, "Ander Stil Dossier")
    with open_vault(team_vault, "gea", password_of("gea")) as vault, vault.transaction() as conn:
        for case in (first, second):
            cases_repo.update_case(conn, case.id, phase=Phase.MONITORING.value, last_outcome="opnemen_pga",
                                   last_substantive_on="2023-01-02")
    app = PgaApp(team_vault)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(pilot)
        tasks = app.screen.query_one("#tasks")
        await wait_for(pilot, lambda: any(second.number in str(tasks.get_option_at_index(i).prompt)
                                          and "Slapend dossier" in str(tasks.get_option_at_index(i).prompt)
                                          for i in range(tasks.option_count)), what="the dormant task")
        index = next(i for i in range(tasks.option_count) if second.number in str(tasks.get_option_at_index(i).prompt)
                     and "Slapend dossier" in str(tasks.get_option_at_index(i).prompt))
        tasks.focus()
        tasks.highlighted = index
        await pilot.press("enter")
        await until_screen(pilot, "RetentionScreen")
        table = app.screen.query_one("#ret-table", DataTable)
        await wait_for(pilot, lambda: table.row_count == 1, what="that case only")
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == str(second.id)
        assert f"alleen casus {second.number}" in static_text(app)
        await pilot.press("f")  # every case again
        await wait_for(pilot, lambda: table.row_count == 2, what="every case")
