"""Issue 15: the purpose asked when a file outside one's own work is opened, and "who opened
this file" from the case file (the director and the FG only)."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import DataTable, Input, Select

from helpers import ADMIN, ADMIN_PW
from people import audit_actions, signal
from pilot import static_text, type_unlock, until_screen, wait_for
from pgatui.domain.models import PersonInput
from pgatui.services import cases
from pgatui.services.session import Session
from pgatui.tui.app import PgaApp
from pgatui.vault import change_password, open_vault

NAME = "Doelvraag Inzagesma"


def password(login: str) -> str:
    return f"lange-wachtzin-{login[::-1]}-doel"


@pytest.fixture
def vault(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as opened:
        one_time = {login: opened.add_user(login, "gemeente", "Gemeente Test") for login in ("gea", "hans")}
    for login, secret in one_time.items():
        change_password(vault_path, login, secret, password(login))
    return vault_path


@pytest.fixture
def case_id(vault):
    """gea's case, past the weighing: not hans's work any more."""
    with open_vault(vault, "gea", password("gea")) as opened:
        case = cases.take_in_signal(Session(opened), signal(),
                                    person=PersonInput(name=NAME, date_of_birth=dt.date(2002, 2, 2)))
        with opened.transaction() as conn:  # the rule is tested here, not the process that leads there
            conn.execute("UPDATE cases SET phase = 'monitoring' WHERE id = ?", (case.id,))
    return case.id


async def signed_in(pilot, login):
    await type_unlock(pilot, login, password(login))
    await until_screen(pilot, "DashboardScreen")


def audit_of(vault, login):
    with open_vault(vault, login, password(login)) as opened:
        return audit_actions(Session(opened))


async def test_outside_ones_own_work_the_purpose_is_asked_and_cancel_opens_nothing(vault, case_id):
    app = PgaApp(vault)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(pilot, "hans")
        app.go("file", case_id=case_id)
        await until_screen(pilot, "FormDialog")
        await pilot.press("escape")
        await until_screen(pilot, "DashboardScreen")
        assert NAME not in static_text(app)
        app.go("file", case_id=case_id)
        await until_screen(pilot, "FormDialog")
        app.screen.query_one("#d-purpose", Select).value = "anders"
        await pilot.press("ctrl+s")  # "anders" without an explanation: said beside the field
        await wait_for(pilot, lambda: "toelichting" in str(app.screen.query_one("#derr-explanation").render()),
                       what="explanation asked")
        app.screen.query_one("#d-explanation", Input).value = "Klacht over de afhandeling"
        await pilot.press("ctrl+s")
        await until_screen(pilot, "CaseFileScreen")
        await wait_for(pilot, lambda: NAME in static_text(app), what="file open")
        assert app.screen.check_action("opens", ()) is False  # not the director: not offered
    actions = audit_of(vault, "hans")
    assert "case.read:cancelled" in actions and "case.read:ok" in actions


async def test_the_director_opens_without_a_question_and_sees_who_opened(vault, case_id):
    with open_vault(vault, "hans", password("hans")) as opened:
        cases.read_case(Session(opened), case_id, purpose="anders", explanation="Vervanging tijdens verlof")
    app = PgaApp(vault)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(pilot, "gea")
        app.go("file", case_id=case_id)
        await until_screen(pilot, "CaseFileScreen")  # no purpose dialog: gea directs the case
        await wait_for(pilot, lambda: NAME in static_text(app), what="file open")
        await wait_for(pilot, lambda: app.screen.check_action("opens", ()) is True, what="opens offered")
        await pilot.press("z")
        await until_screen(pilot, "FileOpensScreen")
        table = app.screen.query_one("#opens-table", DataTable)
        await wait_for(pilot, lambda: table.row_count >= 2, what="opens listed")
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows[0][1:] == ["gea", "gemeente", "Eigen werk (niet gevraagd)"]  # her own open, just now
        assert rows[1][1:] == ["hans", "gemeente", "Anders: Vervanging tijdens verlof"]
    assert "audit.case_opens:ok" in audit_of(vault, "gea")
