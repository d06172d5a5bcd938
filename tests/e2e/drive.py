"""Running pgatui in a real terminal through ../shared/tools/tui-drive (tmux), for the e2e tests."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TUI_DRIVE = ROOT.parent / "shared" / "tools" / "tui-drive"
PGATUI = Path(sys.executable).with_name("pgatui")


def unlock(login: str, password: str, *, then: str = "Mijn taken") -> str:
    """Script steps: sign in on the unlock screen of the demo vault and wait for `then`."""
    return f"""
expect Demo-accounts
sleep 0.5
type {login}
sleep 0.2
keys Enter
sleep 0.3
type {password}
sleep 0.2
keys Enter
expect {then}
sleep 0.5
"""


def drive_command(*command: str, size: str = "120x45", log: Path | None = None) -> list[str]:
    """The tui-drive command line that runs `command` in a terminal. The step timeout (120 s)
    only bounds a failing step: a loaded machine makes a run slower, never red."""
    extra = ["--log", str(log)] if log else []
    return [sys.executable, str(TUI_DRIVE), "--size", size, "--timeout", "120", *extra, "--", *command]


def search_and_open(term: str, shown: str) -> str:
    """Script steps: on the case list, search `term` and open the first case found (`shown` on its row).

    The unfiltered list may show that row too, and Enter right after typing acts on the list that is
    on the screen: first see an answer of the search itself (`term` plus an "x": nothing found), then
    the search that finds the row."""
    return f"""
type {term}x
expect Niets gevonden
keys BSpace
expect {shown}
keys Enter
keys Enter
"""


def drive(script: str, *pgatui_args: str, size: str = "120x45", timeout: int = 300,
          log: Path | None = None) -> subprocess.CompletedProcess:
    """Run `pgatui ARGS` under tui-drive with `script` on its keyboard, on a tmux server of its own."""
    with tempfile.TemporaryDirectory(prefix="tmux-") as own_server:
        return subprocess.run(drive_command(str(PGATUI), *pgatui_args, size=size, log=log), input=script,
                              capture_output=True, text=True, timeout=timeout, env=own_tmux_server(own_server))


def own_tmux_server(folder: str) -> dict[str, str]:
    """The environment for tui-drive with a tmux server of this test's own. A program in a tmux
    session gets the environment of the tmux *server*, i.e. of whichever process started it: on a
    shared server pgatui would use another test's state folder (XDG_STATE_HOME), where the witness
    of a copy of the same template vault (same vault id) tells of other events."""
    env = {key: value for key, value in os.environ.items() if key != "TMUX"}
    env["TMUX_TMPDIR"] = folder
    return env
