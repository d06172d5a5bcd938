"""Pilot tests of the criteria screen (issue 14, item 1): the catalogue in force by kind, a gemeente
user adopts a changed criterion through the kit forms (reason and date) and one from a file; a
police user is told it may not; a hostile criterion text from a file is shown literally."""

from __future__ import annotations

import json

from textual.widgets import Input, TextArea

from helpers import ADMIN, ADMIN_PW
from hostile import FORBIDDEN, literal
from pilot import settle, static_text, type_unlock, until_screen, visible_text, wait_for
from test_screens import GEA_PW, gea_vault  # noqa: F401 - the fixture
from pgatui.domain.criteria import load_catalogue
from pgatui.services import criteria as svc
from pgatui.services.session import Session
from pgatui.tui.app import PgaApp
from pgatui.vault import change_password, open_vault

HOSTILE = "[@click=app.quit]Kwaad[/] \x1b[2J\u202eomgekeerd"


async def open_criteria(pilot, login="gea", password=GEA_PW):
    await type_unlock(pilot, login, password)
    await until_screen(pilot, "DashboardScreen")
    pilot.app.go("criteria")
    await until_screen(pilot, "CriteriaScreen")
    await wait_for(pilot, lambda: pilot.app.screen._view is not None, what="the criteria")
    await settle(pilot)


def in_force(path):
    with open_vault(path, "gea", GEA_PW) as vault:
        return svc.read_criteria(Session(vault))


async def fill_adoption(pilot, reason: str, version: str | None = None):
    await until_screen(pilot, "FormDialog")
    form = pilot.app.screen
    if version is not None:
        form.query_one("#d-version", Input).value = version
    form.query_one("#d-reason", TextArea).text = reason
    await pilot.press("ctrl+s")
    await until_screen(pilot, "CriteriaScreen")


async def test_the_screen_shows_the_kinds_apart_and_a_changed_criterion_is_adopted(gea_vault):  # noqa: F811
    app = PgaApp(gea_vault)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_criteria(pilot)
        text = static_text(app)
        catalogue = load_catalogue()
        assert f"versie {catalogue.version}" in text
        assert text.index("Risicofactoren") < text.index("Beschermende factoren") < text.index(
            "Noodzaak en subsidiariteit")
        await pilot.press("w")
        await until_screen(pilot, "ChoiceDialog")
        await pilot.press("enter")  # the first criterion
        await until_screen(pilot, "FormDialog")
        form = app.screen
        assert form.query_one("#d-id", Input).value == catalogue.criteria[0].id
        form.query_one("#d-title", Input).value = "Ideologisch motief of fenomeen"
        await pilot.press("ctrl+s")  # without version and reason: refused beside the fields
        await settle(pilot)
        assert type(app.screen).__name__ == "FormDialog"
        await fill_adoption(pilot, "Regionaal overleg 12 december", version="regio-1")
        await wait_for(pilot, lambda: app.screen._view.catalogue.version == "regio-1", what="the new version")
        assert "Ideologisch motief of fenomeen" in static_text(app) and "Regionaal overleg" in static_text(app)
    view = in_force(gea_vault)
    assert view.catalogue.criteria[0].title == "Ideologisch motief of fenomeen"
    assert view.adoptions[0].reason == "Regionaal overleg 12 december"


async def test_a_file_is_adopted_and_its_hostile_text_shown_literally(gea_vault, tmp_path):  # noqa: F811
    catalogue = load_catalogue().model_dump(mode="json")
    catalogue["criteria"][0]["title"] = f"Motief {HOSTILE}"
    path = tmp_path / "regio.json"
    path.write_text(json.dumps({**catalogue, "version": "regio-bestand"}), encoding="utf-8")
    app = PgaApp(gea_vault)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_criteria(pilot)
        await pilot.press("l")
        await until_screen(pilot, "PathDialog")
        app.screen.query_one("#path", Input).value = str(path)
        await pilot.press("ctrl+s")
        await fill_adoption(pilot, "Uit het regionale convenant")
        await wait_for(pilot, lambda: app.screen._view.catalogue.version == "regio-bestand", what="adopted")
        assert literal(f"Motief {HOSTILE}") in static_text(app)
        assert not any(ch in visible_text(app) for ch in FORBIDDEN)
        assert app.is_running


async def test_the_police_may_read_but_not_adopt(gea_vault):  # noqa: F811
    with open_vault(gea_vault, ADMIN, ADMIN_PW) as vault:
        one_time = vault.add_user("pim", "politie", "Politie Test")
    change_password(gea_vault, "pim", one_time, "politie-wachtzin-t")
    app = PgaApp(gea_vault)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_criteria(pilot, "pim", "politie-wachtzin-t")
        await pilot.press("l")
        await settle(pilot)
        assert type(app.screen).__name__ == "CriteriaScreen"
        assert any("stelt criteria vast" in str(n.message) for n in app._notifications)
