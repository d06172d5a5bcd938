"""`pgatui case directors` and `pgatui case handover` (issue 11): the beheerder hands a case over
by its number, without seeing its content; both directors are told."""

from __future__ import annotations

import datetime as dt

import pytest

from cliutil import as_admin, one_line_error, pgatui
from helpers import ADMIN, ADMIN_PW
from people import signal, user
from pgatui.domain.models import PersonInput
from pgatui.services import cases as svc
from pgatui.services.session import Session
from pgatui.vault import open_vault

pytestmark = pytest.mark.slow


@pytest.fixture
def directed(vault_path):
    """A case of Gemeente Test directed by gea; gwen is a second gemeente user there."""
    with user(vault_path, "gea", "gemeente", "Gemeente Test") as vault:
        case = svc.take_in_signal(Session(vault), signal(), person=PersonInput(
            name="Zwaantje Oudewaterloo", date_of_birth=dt.date(2001, 2, 3)))
    user(vault_path, "gwen", "gemeente", "Gemeente Test", "tweede-regisseur-lang").close()
    return vault_path, case


def test_the_beheerder_lists_directors_and_hands_a_case_over(directed):
    vault, case = directed
    listed = as_admin("case", "directors", vault)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [f"{case.number}\tGemeente Test\tgea"]
    assert "Zwaantje" not in listed.stdout
    done = as_admin("case", "handover", vault, case.number, "--to", "gwen")
    assert done.returncode == 0, done.stderr
    assert case.number in done.stdout and "gwen" in done.stdout and "gea" in done.stdout
    with open_vault(vault, ADMIN, ADMIN_PW) as opened:
        actions = [r[0] for r in opened.conn.execute("SELECT action || ':' || result FROM audit_log")]
        notices = set(opened.conn.execute("SELECT login, kind FROM notices"))
    assert {"case.directors:ok", "case.handover:ok"} <= set(actions)
    assert {("gea", "handover_out"), ("gwen", "handover_in")} <= notices


def test_a_handover_to_someone_outside_the_municipality_or_of_a_missing_case_fails_in_one_line(directed):
    vault, case = directed
    wrong = as_admin("case", "handover", vault, case.number, "--to", ADMIN)
    assert wrong.returncode == 1 and "casusregisseur" in one_line_error(wrong)
    missing = as_admin("case", "handover", vault, "PGA-2026-99999", "--to", "gwen")
    assert missing.returncode == 1 and "99999" in one_line_error(missing)
    usage = pgatui("case", "handover", vault, case.number, "--as", ADMIN, "--password-stdin", stdin=ADMIN_PW + "\n")
    assert usage.returncode == 2  # --to is required
