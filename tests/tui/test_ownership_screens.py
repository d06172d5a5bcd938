"""Issue 11 on screen: the intake proposes the municipality and director and offers the open case a
new signal joins; the case file shows them, hands over (O) and records informing (I); the
dashboard shows passed deadlines first and the notices of a handover and a new signal."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import DataTable, Input, OptionList, Select, SelectionList, TextArea

from helpers import ADMIN, ADMIN_PW
from people import password_of, signal, user
from pilot import static_text, type_unlock, until_screen, wait_for
from process_builders import weigh
from pgatui import clock
from pgatui.domain.models import PersonInput, WeighingOutcome
from pgatui.services import cases as svc
from pgatui.services.session import Session
from pgatui.tui.app import PgaApp
from pgatui.vault import open_vault

GWEN_PW = "tweede-regisseur-lang"


@pytest.fixture
def region(vault_path):
    """gea and gwen direct cases of Gemeente Test; pim and olga are politie and OM."""
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        vault.add_organisation("Gemeente Zuid", "gemeente")
    sessions = [user(vault_path, login, role, org) for login, role, org in (
        ("gea", "gemeente", "Gemeente Test"), ("pim", "politie", "Politie Test"), ("olga", "om", "OM Test"))]
    sessions.append(user(vault_path, "gwen", "gemeente", "Gemeente Test", GWEN_PW))
    for vault in sessions:
        vault.close()
    yield vault_path
    clock.freeze(None)


async def fill_intake(pilot, name: str, dob: str) -> None:
    screen = pilot.app.screen
    screen.query_one("#f-name", Input).value = name
    screen.query_one("#f-date_of_birth", Input).value = dob
    for field, value in (("source_kind", "burger"), ("urgency", "normaal")):
        screen.query_one(f"#f-{field}", Select).value = value
    screen.query_one("#f-ideologies", SelectionList).select("onduidelijk")
    screen.query_one("#f-observed_facts", TextArea).text = "Deelt filmpjes"


async def test_intake_handover_and_a_second_signal_on_the_same_case(region):
    app = PgaApp(region)
    async with app.run_test(size=(120, 45)) as pilot:
        await type_unlock(pilot, "gea", password_of("gemeente"))
        await until_screen(pilot, "DashboardScreen")
        await pilot.press("n")
        await until_screen(pilot, "IntakeScreen")
        screen = app.screen
        await wait_for(pilot, lambda: screen.query_one("#f-director", Select).value == "gea", what="director")
        assert isinstance(screen.query_one("#f-municipality", Select).value, str)
        await fill_intake(pilot, "Wubbo Ockelsveld", "1998-07-06")
        await pilot.press("ctrl+s")
        await until_screen(pilot, "DashboardScreen")
    with open_vault(region, "gea", password_of("gemeente")) as vault:
        [(case, _)] = svc.search_cases(Session(vault), "Ockelsveld")
    assert case.director == "gea"

    app = PgaApp(region)
    async with app.run_test(size=(120, 45)) as pilot:
        await type_unlock(pilot, "gea", password_of("gemeente"))
        await until_screen(pilot, "DashboardScreen")
        app.go("file", case_id=case.id)
        await until_screen(pilot, "CaseFileScreen")
        await wait_for(pilot, lambda: "casusregisseur: gea" in static_text(app), what="director on file")
        assert "Gemeente: Gemeente Test" in static_text(app)
        await pilot.press("o")
        await until_screen(pilot, "ChoiceDialog")
        await pilot.press("enter")  # the only other director: gwen
        await until_screen(pilot, "CaseFileScreen")
        await wait_for(pilot, lambda: "casusregisseur: gwen" in static_text(app), what="handed over")
        await pilot.press("i")
        await until_screen(pilot, "FormDialog")
        app.screen.query_one("#d-informed_on", Input).value = "01-12-2026"
        await pilot.press("ctrl+s")
        await until_screen(pilot, "CaseFileScreen")
        app.screen.show_tab("informing")  # a tab is filled when shown
        await wait_for(pilot, lambda: "Geïnformeerd op 01-12-2026 door gea" in static_text(app), what="informing")
        await pilot.press("escape")
        await until_screen(pilot, "DashboardScreen")
        await pilot.press("n")
        await until_screen(pilot, "IntakeScreen")
        await fill_intake(pilot, "Wubbo Ockelsveld", "1998-07-06")
        await wait_for(pilot, lambda: case.number in str(app.screen.query_one("#duplicate").render()),
                       what="the open case offered")
        await pilot.press("ctrl+s")
        await until_screen(pilot, "DashboardScreen")
    with open_vault(region, "gwen", GWEN_PW) as vault:
        session = Session(vault)
        assert len(svc.read_case(session, case.id).signals) == 2
        told = {(n.kind, n.case_id) for n in svc.dashboard(session).notices}
    assert told == {("handover_in", case.id), ("new_signal", case.id)}

    app = PgaApp(region)
    async with app.run_test(size=(120, 45)) as pilot:
        await type_unlock(pilot, "gwen", GWEN_PW)
        await until_screen(pilot, "DashboardScreen")
        notices = app.screen.query_one("#notices", OptionList)
        await wait_for(pilot, lambda: notices.option_count == 2, what="two notices")
        shown = [str(notices.get_option_at_index(i).prompt) for i in range(2)]
        assert any("Nieuw signaal op uw casus" in line for line in shown)
        assert any("U bent casusregisseur geworden" in line for line in shown)


async def test_passed_deadlines_come_first_on_the_directors_dashboard(region):
    with open_vault(region, "gea", password_of("gemeente")) as vault:
        session = Session(vault)
        case = svc.take_in_signal(session, signal(), person=PersonInput(name="Teun Knotwilg",
                                                                        date_of_birth=dt.date(2000, 1, 1)))
    with open_vault(region, "gea", password_of("gemeente")) as vault:
        weigh(Session(vault), case.id, WeighingOutcome.MEER_INFORMATIE, deadline=clock.today() + dt.timedelta(days=2))
    clock.freeze(dt.datetime.combine(clock.today() + dt.timedelta(days=7), dt.time(9), tzinfo=dt.UTC))
    app = PgaApp(region)
    async with app.run_test(size=(120, 45)) as pilot:
        await type_unlock(pilot, "gea", password_of("gemeente"))
        await until_screen(pilot, "DashboardScreen")
        overdue = app.screen.query_one("#overdue", OptionList)
        await wait_for(pilot, lambda: overdue.option_count == 1, what="the overdue deadline")
        line = str(overdue.get_option_at_index(0).prompt)
        assert case.number in line and "Termijn meer informatie" in line and "5 dagen te laat" in line
        assert app.screen.focused is overdue  # a passed deadline comes first


async def test_the_beheerder_hands_over_from_the_directors_list_without_case_content(region):
    with open_vault(region, "gea", password_of("gemeente")) as vault:
        case = svc.take_in_signal(Session(vault), signal(), person=PersonInput(name="Teun Knotwilg",
                                                                             date_of_birth=dt.date(2000, 1, 1)))
    app = PgaApp(region)
    async with app.run_test(size=(120, 45)) as pilot:
        await type_unlock(pilot, ADMIN, ADMIN_PW)
        await until_screen(pilot, "DashboardScreen")
        assert app.screen.check_action("open", ("directors",))
        await pilot.press("d")
        await until_screen(pilot, "DirectorsScreen")
        table = app.screen.query_one("#directors-table", DataTable)
        await wait_for(pilot, lambda: table.row_count == 1, what="the open case")
        shown = " ".join(str(cell) for cell in table.get_row_at(0))
        assert case.number in shown and "Gemeente Test" in shown and "gea" in shown and "Knotwilg" not in shown
        app.screen.query_one("#directors-query", Input).value = case.number
        app.screen.query_one("#directors-query", Input).focus()
        await pilot.press("enter")  # search by number
        await wait_for(pilot, lambda: app.screen.focused is table, what="the table after the search")
        await pilot.press("enter")  # hand over the row
        await until_screen(pilot, "ChoiceDialog")
        await pilot.press("enter")  # the only other director: gwen
        await until_screen(pilot, "DirectorsScreen")
        await wait_for(pilot, lambda: "gwen" in str(table.get_row_at(0)[2]), what="handed over")
    with open_vault(region, "gwen", GWEN_PW) as vault:
        assert ("handover_in", case.id) in {(n.kind, n.case_id) for n in svc.dashboard(Session(vault)).notices}


async def test_the_directors_list_is_the_beheerders_only(region):
    app = PgaApp(region)
    async with app.run_test(size=(120, 45)) as pilot:
        await type_unlock(pilot, "gea", password_of("gemeente"))
        await until_screen(pilot, "DashboardScreen")
        assert not app.screen.check_action("open", ("directors",))
