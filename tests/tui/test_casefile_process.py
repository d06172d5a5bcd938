"""The case file's process tabs (weighings, minutes, interventions, actions, informing, history)
for a core partner, and the partner's restricted view; dashboard task lines open their screen."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from people import password_of
from pilot import settle, static_text, type_unlock, until_screen, wait_for
from process_builders import PARTNER_ORG, draft, make_team, new_case, plan, weigh
from pgatui.services import meetings, monitoring
from pgatui.services.session import Session
from pgatui.tui.app import PgaApp
from pgatui.tui.i18n import t
from pgatui.tui.screens.casefile import TABS
from pgatui.vault import open_vault

HOSTILE_GOAL = "[@click=app.quit]Doel[/] \x1b[2J\u202e bereikt"


@pytest.fixture
def monitored_vault(vault_path):
    team = make_team(vault_path)
    try:
        gea = team["gea"]
        case = new_case(gea)
        weigh(gea, case.id)
        meeting = plan(gea, (case, {PARTNER_ORG}))
        meetings.save_minutes(gea, meeting.id, case.id, draft(goals=(HOSTILE_GOAL,)))
        meetings.finalise_minutes(gea, meeting.id, case.id)
        meetings.add_addendum(gea, meeting.id, case.id, "Correctie op het verslag")
    finally:
        for session in team.values():
            session.vault.close()
    return vault_path, case


async def open_screen(pilot, login, role, route, screen, **params):
    """Sign in as `login` and open `route` (its screen class name: `screen`)."""
    await type_unlock(pilot, login, password_of(role))
    await until_screen(pilot, "DashboardScreen")
    pilot.app.go(route, **params)
    await until_screen(pilot, screen)


async def open_file(pilot, login, role, case_id):
    await open_screen(pilot, login, role, "file", "CaseFileScreen", case_id=case_id)


def tab_text(app, tab: str) -> str:
    """What the body shows when it holds `tab`'s records ("" while it holds another's)."""
    if app.screen.filled_tab != tab:
        return ""
    return "\n".join(str(widget.render()) for widget in app.screen.query_one("#body").query(Static))


def tab_filled(app, tab: str) -> bool:
    """The tab shows its records (or why there are none), no longer 'loading'."""
    shown = tab_text(app, tab)
    return bool(shown) and t("file.loading") not in shown


async def every_tab_text(pilot) -> str:
    """The file's text with each of its tabs shown once: a tab is filled when it is shown."""
    shown = []
    for tab in TABS:  # the body holds the shown tab's records
        pilot.app.screen.show_tab(tab)
        await wait_for(pilot, lambda tab=tab: tab_filled(pilot.app, tab), what=f"tab {tab} filled")
        shown.append(static_text(pilot.app))
    return "\n".join(shown)


async def test_the_file_fills_a_tab_when_it_is_shown(monitored_vault):
    path, case = monitored_vault
    app = PgaApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_file(pilot, "gea", "gemeente", case.id)
        await wait_for(pilot, lambda: tab_filled(app, "signals"), what="the first tab")
        assert tab_text(app, "actions") == ""  # not shown yet: not filled
        app.screen.show_tab("actions")
        await wait_for(pilot, lambda: "Mentor zoeken" in tab_text(app, "actions"), what="the actions tab")


async def test_core_partner_sees_every_tab_with_literal_text(monitored_vault):
    path, case = monitored_vault
    app = PgaApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_file(pilot, "gea", "gemeente", case.id)
        shown = await every_tab_text(pilot)
        assert "Mentor zoeken" in shown  # actions
        assert "Weging" in shown and "Bevestigd door" in shown  # weighings
        assert "Doel: [@click=app.quit]Doel[/]" in shown and "\x1b" not in shown and "\u202e" not in shown
        assert "Addendum" in shown and "Correctie op het verslag" in shown
        assert "Mentoring" in shown or "mentoring" in shown  # interventions
        assert "Lopend onderzoek" in shown  # informing postponed, with its reason
        assert "notulen" in shown and "weging" in shown  # history with readable entity names
        assert app.is_running


async def test_partner_sees_the_name_and_what_was_shared_only(monitored_vault):
    path, case = monitored_vault
    app = PgaApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_file(pilot, "rob", "partner", case.id)
        shown = await every_tab_text(pilot)
        assert "Mentor zoeken" in shown  # the partner's action
        assert "01-05-2004" not in shown and "2004-05-01" not in shown and "niet gedeeld" in shown
        assert "haatzaaiende" not in shown  # the signal was not shared with the partner
        assert "Bevestigd door" not in shown  # nor the weighing
        assert "Correctie op het verslag" in shown


async def test_the_partner_dashboard_lists_its_action_and_opens_it(monitored_vault):
    path, case = monitored_vault
    app = PgaApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_unlock(pilot, "rob", password_of("partner"))
        await until_screen(pilot, "DashboardScreen")
        options = app.screen.query_one("#tasks")
        await wait_for(pilot, lambda: options.option_count >= 2 and "Actiepunt" in str(options.get_option_at_index(0).prompt))
        options.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ in ("CaseFileScreen", "MonitoringScreen"))


async def test_a_review_saved_and_the_app_quit_in_one_breath_is_kept(monitored_vault):
    """Ctrl+S and Ctrl+Q typed together: the save reaches the vault before the app ends (the vault
    thread finishes what it was handed before it closes the vault)."""
    path, case = monitored_vault
    app = PgaApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot, "gea", "gemeente", "monitoring", "MonitoringScreen", case_id=case.id)
        await settle(pilot)
        await pilot.press("h")
        await until_screen(pilot, "FormDialog")
        await settle(pilot)
        await pilot.press("tab", "tab", *"Nog nodig", "ctrl+s", "ctrl+q")
    with open_vault(path, "gea", password_of("gemeente")) as opened:
        assert [r.reason for r in monitoring.read_process(Session(opened), case.id).reviews] == ["Nog nodig"]
