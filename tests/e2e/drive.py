"""Running pgatui in a real terminal through ../shared/tools/tui-drive (tmux), for the e2e tests."""

from __future__ import annotations

import subprocess
import sys
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
    """The tui-drive command line that runs `command` in a terminal; the step timeout is 60 s."""
    extra = ["--log", str(log)] if log else []
    return [sys.executable, str(TUI_DRIVE), "--size", size, "--timeout", "60", *extra, "--", *command]


def drive(script: str, *pgatui_args: str, size: str = "120x45", timeout: int = 300,
          log: Path | None = None) -> subprocess.CompletedProcess:
    """Run `pgatui ARGS` under tui-drive with `script` on its keyboard."""
    return subprocess.run(drive_command(str(PGATUI), *pgatui_args, size=size, log=log), input=script,
                          capture_output=True, text=True, timeout=timeout)
