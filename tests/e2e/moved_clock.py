"""TEST ONLY: run pgatui with its clock moved forward by the number of days in a file, re-read at
every reading of the clock, so an end-to-end test can move time while the app runs (a release
date coming near, a deadline passing).

    python tests/e2e/moved_clock.py OFFSET_FILE [pgatui arguments ...]

The app itself never accepts a clock override: no option, no environment variable. Only this
launcher, which lives with the tests and is never installed, replaces `pgatui.clock`'s readings
(every service and screen reads the time through that module)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path


def moved_days(offset_file: Path) -> float:
    """The offset in days the test wrote last (a missing or empty file: none)."""
    try:
        text = offset_file.read_text().strip()
    except FileNotFoundError:
        return 0.0
    return float(text) if text else 0.0


def install(offset_file: Path) -> None:
    from pgatui import clock

    def utcnow() -> dt.datetime:
        return dt.datetime.now(dt.UTC) + dt.timedelta(days=moved_days(offset_file))

    def today() -> dt.date:
        return (dt.datetime.now() + dt.timedelta(days=moved_days(offset_file))).date()

    clock.utcnow, clock.today = utcnow, today


def main(argv: list[str]) -> int:
    install(Path(argv[0]))
    from pgatui.cli import main as pgatui_main

    return pgatui_main(argv[1:])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
