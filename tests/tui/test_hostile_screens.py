"""Issue 4's hostile-text check: names, signal text, minutes and actions made of the hostile corpus
are shown literally on the dashboard, the case list, search results and every tab of the case
file (and the intake's duplicate hint), with no crash, no control character reaching the
terminal and no markup action run."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Input

from hostile import CORPUS, FORBIDDEN, literal
from people import password_of
from pilot import settle, static_text, type_unlock, until_screen, visible_text, wait_for
from process_builders import PARTNER_ORG, draft, make_team, plan, weigh
from pgatui.domain.models import (ActionItemInput, Ideology, PersonInput, SignalInput, SourceKind, Urgency)
from pgatui.services import cases as svc
from pgatui.services import meetings
from pgatui.tui.app import PgaApp
from pgatui.tui.kit.rows import RowTable

DOB = dt.date(1999, 9, 9)
# The corpus entries that leave a visible name (an empty name is refused by the intake, rightly).
NAMED = [(name, text) for name, text in CORPUS if text.strip()]


@pytest.fixture(scope="module")
def hostile_vault(tmp_path_factory):
    from helpers import ADMIN, ADMIN_PW
    from pgatui.vault import create_vault, crypto

    crypto.use_kdf_for_new_slots(crypto.FAST_KDF_FOR_TESTS)
    path = tmp_path_factory.mktemp("hostile") / "regio.pgavault"
    create_vault(path, ADMIN, ADMIN_PW, "Gemeente Test")
    team = make_team(path)
    gea, ids = team["gea"], []
    try:
        for _, text in NAMED:
            signal = SignalInput(received_on=dt.date(2026, 11, 1), received_by="Gemeente Test",
                                 source_kind=SourceKind.BURGER, observed_facts=f"feit {text}", interpretation=text,
                                 ideology=Ideology.ONDUIDELIJK, urgency=Urgency.NORMAAL)
            case = svc.take_in_signal(gea, signal, person=PersonInput(name=text[:120], date_of_birth=DOB))
            ids.append(case.id)
        weigh(gea, ids[2])  # the click-action name gets a weighing, minutes and an action
        meeting = plan(gea, (svc.read_case(gea, ids[2]).case, {PARTNER_ORG}))
        hostile = dict(CORPUS)
        meetings.save_minutes(gea, meeting.id, ids[2], draft(
            decisions=hostile["click-action"], goals=(hostile["osc52-clipboard"] + " doel",),
            actions=(ActionItemInput(description=hostile["link-file"], owner="gea", owner_organisation="Gemeente Test",
                                     due_on=dt.date(2026, 12, 1)),)))
        meetings.finalise_minutes(gea, meeting.id, ids[2])
    finally:
        for session in team.values():
            session.vault.close()
    yield path, ids
    crypto.use_kdf_for_new_slots(crypto.STRONG_KDF)


def assert_clean(app) -> None:
    shown = visible_text(app) + static_text(app)
    assert not [c for c in FORBIDDEN if c in shown], "a control character reached the screen"
    assert app.is_running  # no [@click=app.quit] ran


async def signed_in(pilot):
    await type_unlock(pilot, "gea", password_of("gemeente"))
    await until_screen(pilot, "DashboardScreen")


async def test_dashboard_list_and_search_show_every_name_literally(hostile_vault):
    path, ids = hostile_vault
    app = PgaApp(path)
    async with app.run_test(size=(160, 48)) as pilot:
        await signed_in(pilot)
        await wait_for(pilot, lambda: app.screen.query_one("#tasks").option_count > 1, what="tasks")
        assert_clean(app)
        await pilot.press("slash")
        await until_screen(pilot, "CaseListScreen")
        table = app.screen.query_one("#cases", RowTable)
        await wait_for(pilot, lambda: table.row_count == len(NAMED), what="all hostile cases listed")
        names = {str(table.get_row_at(i)[2]) for i in range(table.row_count)}
        for _, text in NAMED:
            assert literal(text[:120]).strip()[:40] in " ".join(names)
        assert_clean(app)
        app.screen.query_one("#query", Input).value = "feit"
        await wait_for(pilot, lambda: table.row_count == len(NAMED) and "feit" not in str(table.get_row_at(0)[0]))
        assert_clean(app)
        await pilot.press("ctrl+g")  # shared screen: initials of hostile names
        await settle(pilot)
        assert_clean(app)


async def test_every_file_shows_hostile_text_literally_on_every_tab(hostile_vault):
    path, ids = hostile_vault
    app = PgaApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(pilot)
        for index, (_, text) in enumerate(NAMED):
            app.go("file", case_id=ids[index])
            await until_screen(pilot, "CaseFileScreen")
            await wait_for(pilot, lambda: "feit" in static_text(app), what="signal tab filled")
            assert literal(text[:120]).strip()[:30] in static_text(app)
            assert_clean(app)
            if index == 2:  # the case with a weighing, minutes and an action: every tab in turn
                shown = ""
                for _ in range(9):  # the body holds the shown tab's records: read each in turn
                    await pilot.press("right")
                    await wait_for(pilot, lambda: app.screen.filled_tab == app.screen.shown_tab, what="the tab filled")
                    assert_clean(app)
                    shown += static_text(app)
                assert "[@click=app.quit]x[/]" in shown and "[link=file:///etc/passwd]x[/link]" in shown
            await pilot.press("escape")
            await until_screen(pilot, "DashboardScreen")


async def test_the_duplicate_hint_of_the_intake_stays_literal(hostile_vault):
    path, _ = hostile_vault
    app = PgaApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(pilot)
        await pilot.press("n")
        await until_screen(pilot, "IntakeScreen")
        app.screen.query_one("#f-name", Input).value = dict(CORPUS)["click-action"]
        app.screen.query_one("#f-date_of_birth", Input).value = DOB.isoformat()
        await wait_for(pilot, lambda: str(app.screen.query_one("#duplicate").render()).strip(), what="hint")
        assert_clean(app)
