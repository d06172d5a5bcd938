"""Snapshots of the weighing session in shared-screen mode (frozen clock, fixed data): gemeente and
politie have spoken, OM is absent, so the blocking problem shows. The rendered screen must hold no
BSN, address, date of birth or phone number, and the person only as initials.

Update after an intended change with:
    .venv/bin/python -m pytest tests/tui/test_weighing_snapshot.py --snapshot-update
"""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import ADMIN, ADMIN_PW
from pilot import settle, static_text, visible_text, wait_for
from pgatui import clock
from pgatui.domain.criteria import load_catalogue
from pgatui.domain.models import (CriterionView, Dissent, JointView, Ideology, Participant, PartyView, PersonInput,
                                  SignalInput, SourceKind, Urgency, WeighingOutcome)
from pgatui.domain.roles import Role
from pgatui.services import cases as svc
from pgatui.services import weighing as wsvc
from pgatui.services.session import Session
from pgatui.tui.app import PgaApp
from pgatui.vault import change_password, create_vault, open_vault

GEA_PW = "gemeente-wachtzin-w"
NAME, BSN, ADDRESS, PHONE, DOB = "Ottoline Eindtoets", "111222333", "Fictiestraat 9, Demodorp", "0612345678", \
    dt.date(1999, 12, 31)
SECRETS = (NAME, BSN, ADDRESS, PHONE, DOB.isoformat(), "31-12-1999", "Fictiestraat")
SIZES = [(80, 24), (160, 48)]


@pytest.fixture
def weighing_vault(tmp_path):
    clock.freeze(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC))
    path = tmp_path / "regio-west.pgavault"
    create_vault(path, ADMIN, ADMIN_PW, "Gemeente Voorbeeld")
    with open_vault(path, ADMIN, ADMIN_PW) as vault:
        one_time = vault.add_user("gea", "gemeente", "Gemeente Voorbeeld")
    change_password(path, "gea", one_time, GEA_PW)
    with open_vault(path, "gea", GEA_PW) as vault:
        session = Session(vault)
        case = svc.take_in_signal(session, SignalInput(
            received_on=dt.date(2026, 11, 20), received_by="Gemeente Voorbeeld", source_kind=SourceKind.ONDERWIJS,
            observed_facts="Plakt stickers van een verboden groep op lantaarnpalen bij school.",
            interpretation="Docent denkt dat hij geronseld wordt.", ideology=Ideology.RECHTS,
            urgency=Urgency.NORMAAL),
            person=PersonInput(name=NAME, date_of_birth=DOB, address=ADDRESS, phone=PHONE, bsn=BSN))
        opened = wsvc.open_weighing(session, case.id)
        catalogue = load_catalogue()
        for role, who, org in ((Role.GEMEENTE, "gea", "Gemeente Voorbeeld"),
                               (Role.POLITIE, "Piet Wijkagent", "Politie Voorbeeld")):
            wsvc.record_presence(session, opened.weighing.id, Participant(
                role=role, name=who, organisation=org, brought=f"Wat {org} weet uit eigen bron",
                legal_basis="Wpg art. 20 (politiegegevens aan een samenwerkingsverband)"))
            wsvc.record_view(session, opened.weighing.id, PartyView(
                role=role, preferred_outcome=WeighingOutcome.OPNEMEN,
                overall=f"Standpunt van {role.value}: zorgelijk, samenhang nog onduidelijk."))
        wsvc.record_joint(session, opened.weighing.id, tuple(
            JointView(criterion_id=c, view=CriterionView.VAN_TOEPASSING, note="besproken" if i % 3 == 0 else "")
            for i, c in enumerate(catalogue.ids()[:7])))
        wsvc.record_dissent(session, opened.weighing.id, Dissent(
            role=Role.POLITIE, criterion_id=catalogue.ids()[0], view=CriterionView.ONBEKEND,
            note="Politie: nog te weinig feiten."))
    yield path, case.id
    clock.freeze(None)


def _session_screen(case_id):
    async def run_before(pilot):
        app = pilot.app
        app.screen.query_one("#login").value = "gea"
        app.screen.query_one("#password").value = GEA_PW
        app.screen.query_one("#password").focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "DashboardScreen", what="dashboard")
        app.go("weighing", case_id=case_id)
        await wait_for(pilot, lambda: type(app.screen).__name__ == "WeighingScreen" and app.screen._view is not None,
                       what="weighing session")
        await settle(pilot)
        app.clear_notifications()
        await settle(pilot)
        assert app.shared_screen
        shown = visible_text(app) + static_text(app)
        for secret in SECRETS:
            assert secret not in shown, secret
        assert "O.E." in static_text(app)
    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_weighing_session_shared_screen(snap_compare, weighing_vault, lang, size):
    path, case_id = weighing_vault
    app = PgaApp(path, lang=lang, cursor_blink=False)
    assert snap_compare(app, terminal_size=size, run_before=_session_screen(case_id))
