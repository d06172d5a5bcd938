"""The figures screen (issue 16) at size: opens within 1 s, key to drawn, counted in SQL.

Run apart from the other screen figures (its own process, like benchmarks.screens), as a gemeente
user of the seeded municipality (every figure group) for this year, and the service alone over
the whole history of the vault for toezicht (every municipality, process figures) and gemeente.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import statistics
import sys
from pathlib import Path

from benchmarks.build import DIRECTOR, DIRECTOR_PW, SUPERVISOR, SUPERVISOR_PW
from benchmarks.measure import Figure, median_seconds
from benchmarks.screens import idle_on, press, timed_key
from pgatui import clock
from pgatui.domain.figures import Period, this_year
from pgatui.services import figures as svc
from pgatui.services.session import Session
from pgatui.tui.app import PgaApp
from pgatui.vault import open_vault

SCREEN_BUDGET = 1.0
SERVICE_BUDGET = 1.0


def _service(vault: Path, login: str, password: str, runs: int) -> float:
    everything = Period(dt.date(2000, 1, 1), clock.today())
    with open_vault(vault, login, password) as opened:
        session = Session(opened)
        return median_seconds(lambda: svc.figures(session, everything), runs)


async def _screen(vault: Path, runs: int) -> float:
    app = PgaApp(vault, auto_lock_seconds=3600, cursor_blink=False)
    took = []
    async with app.run_test(size=(120, 40)):
        await idle_on(app, "UnlockScreen")
        app.screen.query_one("#login").value = DIRECTOR
        app.screen.query_one("#password").value = DIRECTOR_PW
        app.screen.query_one("#password").focus()
        press(app, "enter")
        await idle_on(app, "DashboardScreen")
        for _ in range(runs):
            took.append(await timed_key(app, "c", "FiguresScreen"))
            press(app, "escape")
            await idle_on(app, "DashboardScreen")
    return statistics.median(took)


def figures_figures(vault: Path, runs: int) -> list[Figure]:
    year = this_year(clock.today())
    return [
        Figure("figures screen, key to drawn (gemeente, this year)", asyncio.run(_screen(vault, runs)),
               SCREEN_BUDGET, "s", note=f"{year.start:%d-%m-%Y} to {year.end:%d-%m-%Y}"),
        Figure("figures, whole history (gemeente, every figure)", _service(vault, DIRECTOR, DIRECTOR_PW, runs),
               SERVICE_BUDGET, "s"),
        Figure("figures, whole history (toezicht, all municipalities)",
               _service(vault, SUPERVISOR, SUPERVISOR_PW, runs), SERVICE_BUDGET, "s"),
    ]


if __name__ == "__main__":  # run apart: python -m benchmarks.figures VAULT RUNS
    for figure in figures_figures(Path(sys.argv[1]), int(sys.argv[2])):
        print(json.dumps(figure.__dict__))
