"""Test hook: kill this process at a named point of a rotation or backup.

The fault tests set PGATUI_TEST_CRASH_AT=<point> for a subprocess, so a crash lands exactly
where they want it instead of by luck. Unset (always, in real use) it does nothing.
"""

from __future__ import annotations

import os
import signal


def crash_point(name: str) -> None:
    if os.environ.get("PGATUI_TEST_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
