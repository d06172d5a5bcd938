"""Issue 11, "Checked by", in a real terminal (tmux via ../shared/tools/tui-drive): a signal taken in
in municipality A, the case handed over to another director, a second signal about the same person
(typed in by the police) landing on the same case and telling its director, a joint weighing with a
criminal track (detention) that keeps the case open, and the re-integration task appearing when
the clock is moved towards the release date while the app runs.

The clock is moved through tests/e2e/moved_clock.py (a test-only launcher; the app has no clock
override). The script waits for screen text before each step, never for a fixed time; where the
test itself must act in the middle (moving the clock), tui-drive's `snap` step writes the screen
into a FIFO that the test reads, so the test goes on exactly when the script got there."""

from __future__ import annotations

import datetime as dt
import os
import select
import subprocess
import sys
from pathlib import Path

import pytest
from drive import drive_command, own_tmux_server
from test_weighing_tui import joint_view
from test_weighing_tui import party as weighing_party

from helpers import ADMIN, ADMIN_PW
from people import password_of, user
from pgatui.domain.models import Phase
from pgatui.services import cases as svc
from pgatui.services.session import Session
from pgatui.vault import open_vault

pytestmark = pytest.mark.slow

LAUNCHER = Path(__file__).with_name("moved_clock.py")

RELEASE_IN_DAYS, MOVED_DAYS = 120, 90  # the task shows 8 weeks (56 days) before the release
GWEN_PW = "tweede-regisseur-lang"
STEP_BOUND = 600  # seconds: only a failing run waits this long


@pytest.fixture
def region(vault_path):
    """Gemeente Test (gea, gwen) and Gemeente Zuid (gijs); politie pim and OM olga see both."""
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        vault.add_organisation("Gemeente Zuid", "gemeente")
    for login, role, organisation, password in (
            ("gea", "gemeente", "Gemeente Test", None), ("gwen", "gemeente", "Gemeente Test", GWEN_PW),
            ("gijs", "gemeente", "Gemeente Zuid", "zuidelijke-regie-lang"), ("pim", "politie", "Politie Test", None),
            ("olga", "om", "OM Test", None)):
        user(vault_path, login, role, organisation, password).close()
    return vault_path


def sign_in(login: str, password: str) -> str:
    return f"expect Kluis ontgrendelen\ntype {login}\nkeys Enter\ntype {password}\nkeys Enter\nexpect Mijn taken\n"


def lock() -> str:
    return "keys C-l\nexpect Kluis ontgrendelen\n"


def intake(name: str, born: str, *, joins_open_case: bool) -> str:
    """Name and date of birth, then (past the other person fields, the municipality and director)
    source, ideologies, urgency and the facts; Ctrl+S. A person with an open case gets the 'joins'
    hint and its checkbox (one more Tab stop), which the script waits for."""
    steps = ["type n", "expect Geboortedatum (dd-mm-jjjj)", f"type {name}", "keys Tab", f"type {born}"]
    tabs = 9  # the gender (left on "onbekend") is one of them
    if joins_open_case:
        steps.append("expect heeft een open casus")
        tabs += 1
    else:
        steps += ["keys Tab", "type Dorpsweg 2, Test"]
        tabs -= 1
    steps += ["keys " + " ".join(["Tab"] * tabs),
              "keys Enter", "keys Down Enter",  # source: the first one
              "keys Tab", "keys Down Down Space",  # ideologies: the third ticked
              "keys Tab", "keys Enter", "keys Down Down Enter",  # urgency: normaal
              "keys Tab", "type Deelt wervingsfilmpjes in een appgroep",
              "keys C-s", "expect Signaal opgeslagen"]
    return "\n".join(steps) + "\n"


def party(key: str, title: str, name: str, organisation: str | None) -> str:
    """One party of the weegploeg (the weighing e2e's dialog): who is present, what it brought on the
    first legal basis of the list, prefers 'opnemen', an overall view; saved."""
    return weighing_party(key, title, name, organisation, f"Inbreng van {title}", "Enter", "Enter")


def confirm(login: str, password: str, still: str) -> str:
    """A party confirms with its own password once the dialog asks for it (`still`: who is left)."""
    return (f"expect Nog te bevestigen: {still}.\ntype {login}\nkeys Enter\ntype {password}\nkeys Enter\n"
            f"expect Bevestigd door {login}\n")


def scenario(release: dt.date, fifo: Path) -> tuple[str, str]:
    """The script before the clock moves (ending in a snap into `fifo`) and after it."""
    before = (
        sign_in("gea", password_of("gemeente"))
        + intake("Wubbo Ockelsveld", "1998-07-06", joins_open_case=False)
        + "type /\nexpect Wubbo Ockelsveld\nkeys Enter\nkeys Enter\nexpect casusregisseur: gea\n"
        + "type o\nexpect Casus overdragen aan een andere casusregisseur\nkeys Enter\nexpect casusregisseur: gwen\n"
        + lock()
        + sign_in("pim", password_of("politie"))
        + intake("Wubbo Ockelsveld", "1998-07-06", joins_open_case=True)
        + lock()
        + sign_in("gwen", GWEN_PW)
        + "expect Nieuw signaal op uw casus\nexpect U bent casusregisseur geworden\n"
        + "expect Signaal wacht op weging\nkeys Enter\nexpect Weging (weegploeg)\n"
        + party("1", "Gemeente", "Gwen Regisseur", None)
        + party("2", "Politie", "Pim Wijkagent", "Politie Test")
        + party("3", "OM", "Olga Officier", "OM Test")
        + joint_view()
        + "type c\nexpect Gezamenlijke conclusie\nkeys Enter\nkeys Tab\n"
        + "type Zorgen over werving; de PGA loopt naast de detentie\nkeys Tab\nkeys Tab\n"
        + f"keys Down Down Down Enter\nkeys Tab\ntype {release.strftime('%d-%m-%Y')}\nkeys C-s\n"
        + "expect Conclusie vastgelegd\ntype b\n"
        + confirm("gwen", GWEN_PW, "Gemeente, Politie, OM")
        + confirm("pim", password_of("politie"), "Politie, OM")
        + confirm("olga", password_of("om"), "OM")
        + "expect Weging afgerond\nkeys Escape\nexpect Mijn taken\ntype r\nexpect Casusoverleg: 1\n"
        + "absent Re-integratie na detentie\n"
        + f"snap {fifo}\n")
    after = "type r\nexpect Re-integratie na detentie\nkeys C-q\nexit\n"
    return before, after


def screen_at_snap(fifo: Path, drive: subprocess.Popen) -> str:
    """What tui-drive wrote into `fifo` at its snap step; fails when tui-drive ended before it.
    Waits on the FIFO and on tui-drive's stderr (closed when it exits), never for a set time."""
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # at once: no writer yet
    chunks = []
    try:
        while True:
            ready, _, _ = select.select([reader, drive.stderr], [], [], STEP_BOUND)
            if not ready:
                raise AssertionError(f"tui-drive did not reach the snap step within {STEP_BOUND} s")
            if reader not in ready:  # tui-drive wrote its failure and ended
                raise AssertionError("tui-drive stopped before the clock was moved:\n" + drive.stderr.read())
            chunk = os.read(reader, 65536)
            if not chunk:  # the writer closed: the whole screen is in
                return b"".join(chunks).decode()
            chunks.append(chunk)
    finally:
        os.close(reader)


def test_handover_second_signal_criminal_track_and_the_release_task_when_time_moves(region, tmp_path):
    offset, fifo = tmp_path / "clock-offset-days", tmp_path / "screen.fifo"
    offset.write_text("0")
    os.mkfifo(fifo)
    release = dt.date.today() + dt.timedelta(days=RELEASE_IN_DAYS)
    before, after = scenario(release, fifo)
    command = drive_command(sys.executable, str(LAUNCHER), str(offset), "--lang", "nl", "open", str(region),
                            log=tmp_path / "drive.log")
    with subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, env=own_tmux_server(str(tmp_path))) as drive:
        drive.stdin.write(before)
        drive.stdin.flush()
        shown = screen_at_snap(fifo, drive)
        assert "Casusoverleg: 1" in shown and "Re-integratie" not in shown
        offset.write_text(str(MOVED_DAYS))  # the app reads it at its next look at the clock
        drive.stdin.write(after)
        drive.stdin.close()
        assert drive.wait(timeout=STEP_BOUND) == 0, drive.stderr.read() + (tmp_path / "drive.log").read_text()

    with open_vault(region, "gwen", GWEN_PW) as vault:
        [(case, _)] = svc.search_cases(Session(vault), "Ockelsveld")
        file = svc.read_case(Session(vault), case.id)
    assert case.phase is Phase.CASUSOVERLEG and case.director == "gwen" and case.municipality_id is not None
    assert len(file.signals) == 2  # the police's signal joined the open case
    assert {(row[1], row[3]) for row in file.history if row[0] == "case"} >= {("director", "gwen")}
