"""End to end in a real terminal (tmux via ../shared/tools/tui-drive), issue 15: the beheerder adds a
user, disables another, rotates the key with the progress bar, makes and checks a backup; the FG
filters the access log on one case, sees who opened it and exports it (ids only). The scripts
wait for screen text only."""

from __future__ import annotations

import subprocess
import sys

import pytest
from drive import drive

pytestmark = pytest.mark.slow

ADMIN_PW = "demo-kluis-sleutels"

BEHEERDER = f"""
expect Demo-accounts
type beheer
keys Enter
type {ADMIN_PW}
keys Enter
expect Aangemeld als beheer
keys a
expect Sleutelwissel en controle
keys Enter
expect voorbeeld
keys a
expect Nieuwe gebruiker
type nina
keys Tab
keys Enter
type gemeente
keys Enter
keys Tab
keys Enter
type Gemeente Demodorp
keys Enter
keys C-s
expect Typ uw eigen wachtwoord
type {ADMIN_PW}
keys Enter
expect Eenmalig wachtwoord
keys Escape
expect nina
keys Down Down
keys u
expect Typ uw eigen wachtwoord
type {ADMIN_PW}
keys Enter
expect politie is uitgeschakeld
keys s
expect Sleutelwissel en controle
keys s
expect Typ uw eigen wachtwoord
type {ADMIN_PW}
keys Enter
expect sleutelgeneratie 2. Controle: in orde
expect 100%
keys Escape
expect nina
keys Escape
expect Sleutelwissel en controle
keys Down Down
keys Enter
expect Back-upbestand
keys C-u
type {{backup}}
keys C-b
expect Typ uw eigen wachtwoord
type {ADMIN_PW}
keys Enter
expect Back-up gemaakt
keys C-t
expect Typ uw eigen wachtwoord
type {ADMIN_PW}
keys Enter
expect Back-up in orde (generatie 2
keys C-q
exit
"""

TOEZICHT = """
expect Demo-accounts
type toezicht
keys Enter
type demo-kluis-fg
keys Enter
expect Aangemeld als toezicht
keys a
expect Inzageverzoek
keys Enter
expect Auditketen in orde
keys Tab Tab
type {number}
keys Enter
expect case:{case_id}
keys C-o
expect Wie opende {number}
expect Voorbereiden of houden
keys C-x
expect Exporteren naar een bestand
keys C-u
type {export}
keys Enter
expect gebeurtenissen geëxporteerd
keys C-q
exit
"""


def can_unlock(vault, login: str, password: str) -> int:
    return subprocess.run([sys.executable, "-m", "pgatui", "verify", str(vault), "--as", login, "--password-stdin"],
                          input=password + "\n", capture_output=True, text=True, timeout=300).returncode


def test_beheerder_adds_disables_rotates_and_backs_up(demo_vault, tmp_path):
    vault, backup = demo_vault, tmp_path / "kopie.tar"
    result = drive(BEHEERDER.format(backup=backup), str(vault), size="130x40", timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert backup.is_file()
    assert can_unlock(vault, "politie", "demo-kluis-wijkagent") == 3  # disabled: refused
    assert can_unlock(vault, "gemeente", "demo-kluis-regie") == 0
    assert can_unlock(vault, "beheer", ADMIN_PW) == 0


def _opened_case(vault):
    """A demo case opened by the case director with a purpose: (case id, number, person's name)."""
    from pgatui.domain.purposes import AccessPurpose
    from pgatui.services import cases
    from pgatui.services.session import Session
    from pgatui.vault import open_vault

    with open_vault(vault, "gemeente", "demo-kluis-regie") as opened:
        session = Session(opened)
        case = cases.list_cases(session)[0]
        file = cases.read_case(session, case.id, purpose=AccessPurpose.MEETING.value)
        return case.id, case.number, file.person.name


def test_toezicht_filters_the_log_on_one_case_and_exports_ids_only(demo_vault, tmp_path):
    vault, export = demo_vault, tmp_path / "toegangslog.csv"
    case_id, number, name = _opened_case(vault)
    script = TOEZICHT.format(number=number, case_id=case_id, export=export)
    result = drive(script, str(vault), size="160x40", timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    text = export.read_text(encoding="utf-8")
    assert f"case:{case_id}" in text and ",gemeente," in text
    for part in name.split():  # the canary: the person's name appears nowhere in the export
        assert part not in text
