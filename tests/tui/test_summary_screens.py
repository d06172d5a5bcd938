"""The summary and "what changed" screens (issue 14, item 5): reached from the case file and, per
agenda item, from the meeting screen; a second signal shows up as new; a partner sees its share."""

from __future__ import annotations

import datetime as dt

import pytest

from people import password_of, signal
from pilot import settle, static_text, type_unlock, until_screen, wait_for
from process_builders import PARTNER_ORG, draft, make_team, new_case, plan, weigh
from pgatui import clock
from pgatui.services import cases as svc
from pgatui.services import meetings
from pgatui.tui.app import PgaApp

HOSTILE_FACTS = "[@click=app.quit]Tweede[/] signaal \x1b[2J\u202e"


def _at(day: dt.date) -> None:
    clock.freeze(dt.datetime.combine(day, dt.time(10), dt.UTC))


@pytest.fixture
def followed_vault(vault_path):
    """A case weighed, discussed (partner invited, minutes final), then a second signal."""
    team = make_team(vault_path)
    try:
        gea = team["gea"]
        _at(dt.date(2026, 1, 5))
        case = new_case(gea)
        weigh(gea, case.id)
        _at(dt.date(2026, 1, 12))
        meeting = plan(gea, (case, {PARTNER_ORG}))
        meetings.save_minutes(gea, meeting.id, case.id, draft())
        meetings.finalise_minutes(gea, meeting.id, case.id)
        _at(dt.date(2026, 1, 20))
        svc.take_in_signal(gea, signal(received_on=dt.date(2026, 1, 20), observed_facts=HOSTILE_FACTS),
                           person_id=case.person_id)
    finally:
        for session in team.values():
            session.vault.close()
    yield vault_path, case, meeting.id
    clock.freeze(None)


async def _signed_in(pilot, login, role):
    await type_unlock(pilot, login, password_of(role))
    await until_screen(pilot, "DashboardScreen")


async def test_from_the_file_the_summary_and_the_changes_since_the_weighing_and_the_meeting(followed_vault):
    path, case, _ = followed_vault
    app = PgaApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _signed_in(pilot, "gea", "gemeente")
        app.go("file", case_id=case.id)
        await until_screen(pilot, "CaseFileScreen")
        await settle(pilot)
        await pilot.press("s")
        await until_screen(pilot, "SummaryScreen")
        await wait_for(pilot, lambda: "Laatste weging" in static_text(app), what="summary")
        shown = static_text(app)
        assert "Opnemen in de PGA" in shown and "Mentor zoeken" in shown and "Gemeente Test" in shown
        assert "01-02-2026" in shown  # the action's due date, as officials write it
        await pilot.press("c")
        await until_screen(pilot, "ChangesScreen")
        await wait_for(pilot, lambda: "sinds de laatste weging (05-01-2026)" in static_text(app), what="since weighing")
        shown = static_text(app)
        assert "[@click=app.quit]Tweede[/] signaal" in shown and "\x1b" not in shown  # literal, cleaned
        assert "Mentor zoeken" not in shown.split("Afgeronde actiepunten")[1].split("Evaluaties")[0]
        await pilot.press("t")
        await wait_for(pilot, lambda: "sinds het laatste casusoverleg (12-01-2026)" in static_text(app),
                       what="since meeting")
        assert "Tweede" in static_text(app)
        await pilot.press("escape")
        await until_screen(pilot, "SummaryScreen")


async def test_from_the_meeting_per_agenda_item(followed_vault):
    path, case, meeting_id = followed_vault
    app = PgaApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _signed_in(pilot, "gea", "gemeente")
        app.go("meeting", meeting_id=meeting_id)
        await until_screen(pilot, "MinutesScreen")
        tabs = app.screen.query_one("#mt-tabs")
        await wait_for(pilot, lambda: tabs.query(f"#tab-{case.id}"), what="the agenda item's tab")
        await settle(pilot)  # loaded: the attendance tab is open
        await pilot.press("f3")  # from the attendance to the agenda item, as a user goes
        await wait_for(pilot, lambda: tabs.active == f"tab-{case.id}", what="the agenda item open")
        await pilot.press("f5")
        await until_screen(pilot, "SummaryScreen")
        await wait_for(pilot, lambda: case.number in static_text(app), what="summary of the agenda item")
        await pilot.press("escape")
        await until_screen(pilot, "MinutesScreen")
        await pilot.press("f6")
        await until_screen(pilot, "ChangesScreen")
        await wait_for(pilot, lambda: "sinds het laatste casusoverleg (12-01-2026)" in static_text(app),
                       what="since the meeting")


async def test_a_partner_sees_only_its_share(followed_vault):
    path, case, _ = followed_vault
    app = PgaApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _signed_in(pilot, "rob", "partner")
        app.go("summary", case_id=case.id)
        await until_screen(pilot, "SummaryScreen")
        await wait_for(pilot, lambda: "alleen wat met" in static_text(app), what="partner summary")
        shown = static_text(app)
        assert "Mentor zoeken" in shown and "Laatste weging" not in shown and "Opnemen in de PGA" not in shown
        app.go("changes", case_id=case.id)
        await until_screen(pilot, "ChangesScreen")
        await wait_for(pilot, lambda: "Afgeronde actiepunten" in static_text(app), what="partner changes")
        assert "Tweede" not in static_text(app) and "Nieuwe signalen" not in static_text(app)
