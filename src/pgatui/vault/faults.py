"""Test hook: kill this process at a named point of a rotation or backup.

The fault tests set PGATUI_TEST_CRASH_AT=<point> for a subprocess, so a crash lands exactly
where they want it instead of by luck. Unset (always, in real use) it does nothing. Only
rotation.py and backup.py call it; the points are:

    rotate-after-keyring-add  rotate-after-export  rotate-after-verify
    rotate-after-wal-removed  rotate-after-swap    rotate-after-finish
    backup-after-export       backup-before-rename backup-after-rename

It can only kill the process, never change what is written, so it weakens nothing.
"""

from __future__ import annotations

import os
import signal


def crash_point(name: str) -> None:
    if os.environ.get("PGATUI_TEST_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
