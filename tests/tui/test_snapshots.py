"""Snapshots of the main screens at 80x24 and 160x48 in Dutch and English (frozen clock, fixed data).

Update after an intended change with: .venv/bin/python -m pytest tests/tui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import ADMIN, ADMIN_PW
from pgatui import clock
from pgatui.services.seed import seed_vault
from pgatui.services.session import Session
from pgatui.tui.app import PgaApp
from pgatui.vault import change_password, create_vault, open_vault
from pilot import settle, until_screen

SIZES = [(80, 24), (160, 48)]
LANGS = ["nl", "en"]
GEA_PW = "gemeente-wachtzin-s"
OPENED: dict[str, int] = {}


@pytest.fixture
def fixed_vault(tmp_path):
    clock.freeze(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC))
    path = tmp_path / "regio-west.pgavault"
    create_vault(path, ADMIN, ADMIN_PW, "Gemeente Voorbeeld")
    with open_vault(path, ADMIN, ADMIN_PW) as vault:
        one_time = vault.add_user("gea", "gemeente", "Gemeente Voorbeeld")
        seed_vault(Session(vault), 30, seed=11)
        # the seed spreads the cases over two municipalities: the file shown is one of gea's
        OPENED["case_id"] = vault.conn.execute(
            "SELECT min(c.id) FROM cases c JOIN organisations o ON o.id = c.municipality_id "
            "WHERE o.name = 'Gemeente Voorbeeld' AND c.phase != 'vernietigd'").fetchone()[0]
    change_password(path, "gea", one_time, GEA_PW)
    yield path
    clock.freeze(None)


async def _until(pilot, name):
    await until_screen(pilot, name)
    await settle(pilot)


async def _sign_in(pilot):
    screen = pilot.app.screen
    screen.query_one("#login").value = "gea"
    screen.query_one("#password").value = GEA_PW
    screen.query_one("#password").focus()
    await pilot.press("enter")
    await _until(pilot, "DashboardScreen")


async def _dashboard(pilot):
    await _sign_in(pilot)


async def _intake(pilot):
    await _sign_in(pilot)
    await pilot.press("n")
    await _until(pilot, "IntakeScreen")
    director = pilot.app.screen.query_one("#f-director")
    for _ in range(200):  # the municipality and its director load after the form shows
        if isinstance(director.value, str):
            break
        await pilot.pause(0.05)
    await pilot.pause(0.3)


async def _case_file_shared(pilot):
    from pgatui.tui.screens.casefile import CaseFileScreen

    await _sign_in(pilot)
    await pilot.press("ctrl+g")
    pilot.app.push_screen(CaseFileScreen(OPENED["case_id"]))
    await _until(pilot, "CaseFileScreen")


SCREENS = {"unlock": None, "dashboard": _dashboard, "intake": _intake, "casefile_shared": _case_file_shared}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("screen", SCREENS)
def test_main_screens(snap_compare, fixed_vault, screen, lang, size):
    app = PgaApp(fixed_vault, lang=lang, cursor_blink=False)
    assert snap_compare(app, terminal_size=size, run_before=SCREENS[screen])
