"""Issue 14 item 3 and issue 16 at the intake: two ideologies ticked and a gender chosen, typed with
the keyboard only and without pauses; the case file shows both ideologies and the gender."""

from __future__ import annotations

from pilot import notices, type_unlock, until_screen, wait_for
from test_key_order import burst, typed
from test_screens import GEA_PW, gea_vault  # noqa: F401 - the fixture
from pgatui.services import cases as svc
from pgatui.services.session import Session
from pgatui.tui.app import PgaApp
from pgatui.vault import open_vault

# From the date of birth: address, phone, BSN, then the gender (a drop-down on "onbekend": two up is
# "vrouw"); past municipality, director, received on and by, the source (the first), the ideologies
# (space ticks the highlighted one: jihadistisch, and six down "gemengd of onduidelijk"), the
# urgency (normaal) and the facts; Ctrl+S.
KEYS = ["n", *typed("Roos Tweestroom"), "tab", *typed("02-03-2004"), "tab", "tab", "tab", "tab",
        "enter", "up", "up", "enter",
        "tab", "tab", "tab", "tab", "tab", "enter", "down", "enter",
        "tab", "space", *["down"] * 6, "space",
        "tab", "enter", "down", "down", "enter",
        "tab", *typed("Deelt teksten van twee stromingen"), "ctrl+s"]


async def test_two_ideologies_and_a_gender_typed_in_one_burst(gea_vault):  # noqa: F811
    app = PgaApp(gea_vault)
    async with app.run_test(size=(110, 45)) as pilot:
        await type_unlock(pilot, "gea", GEA_PW)
        await until_screen(pilot, "DashboardScreen")
        burst(app, KEYS)
        await wait_for(pilot, lambda: "Signaal opgeslagen" in notices(app), what="the intake saved")
    with open_vault(gea_vault, "gea", GEA_PW) as vault:
        session = Session(vault)
        case = svc.search_cases(session, "tweestroom")[0][0]
        opened = svc.read_case(session, case.id)
    assert [i.value for i in opened.signals[0].ideologies] == ["jihadistisch", "onduidelijk"]
    assert opened.person.gender.value == "vrouw"
