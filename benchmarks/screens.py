"""Figures of the TUI, taken headless with Pilot from the key press to the frame drawn.

Keys go to the driver as a terminal would send them (no Pilot idle wait); a figure ends when the
screen it waits for has mounted, its workers and the vault thread are done, and the next frame
has been drawn.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from pathlib import Path

from textual import events

from benchmarks.build import READER, READER_PW
from benchmarks.measure import Figure, percentile
from pgatui.services import cases as case_services
from pgatui.tui import purposes
from pgatui.tui.app import PgaApp
from pgatui.tui.screens import casefile
from pgatui.tui.screens.caselist import DEBOUNCE_SECONDS

LIST_BUDGET = 0.150
SEARCH_BUDGET = 0.050
FILE_BUDGET = 0.100
UNLOCK_BUDGET = 0.5
RSS_BUDGET_MB = 200
SEARCH_WORDS = ("ja", "jan", "de", "van", "ma", "pi", "sa", "el", "mo", "ro")


def press(app, key: str) -> None:
    app._driver.send_message(events.Key(key, key if len(key) == 1 else None))


async def drawn(app) -> None:
    frame = asyncio.Event()
    app.call_after_refresh(frame.set)
    await frame.wait()


STUCK_SECONDS = 600  # a screen that never comes: say which one was current, do not hang the run


async def idle_on(app, screen_name: str) -> None:
    """Until `screen_name` is current, mounted, without running workers, and the vault thread idle."""
    given_up = time.perf_counter() + STUCK_SECONDS
    while True:
        if time.perf_counter() > given_up:
            raise SystemExit(f"waited {STUCK_SECONDS} s for {screen_name}; on {type(app.screen).__name__}")
        screen = app.screen
        if type(screen).__name__ == screen_name and screen.is_mounted:
            if not any(not w.is_finished for w in app.workers):
                await asyncio.wrap_future(app.vault_thread.run(lambda: None))
                if not any(not w.is_finished for w in app.workers):
                    await drawn(app)
                    return
        await asyncio.sleep(0.001)


async def timed_key(app, key: str, screen_name: str) -> float:
    start = time.perf_counter()
    press(app, key)
    await idle_on(app, screen_name)
    return time.perf_counter() - start


async def _unlock(app, argon2_seconds: float) -> Figure:
    await idle_on(app, "UnlockScreen")
    app.screen.query_one("#login").value = READER
    app.screen.query_one("#password").value = READER_PW
    app.screen.query_one("#password").focus()
    took = await timed_key(app, "enter", "DashboardScreen")
    return Figure("unlock to dashboard, beyond argon2", took - argon2_seconds, UNLOCK_BUDGET, "s",
                  note=f"{took:.2f} s in all, argon2 {argon2_seconds:.2f} s")


async def _search(app, runs: int) -> Figure:
    screen = app.screen
    query = screen.query_one("#query")
    filled: list[float] = []
    original = screen._fill
    screen._fill = lambda rows: (original(rows), filled.append(time.perf_counter()))
    took = []
    for word in SEARCH_WORDS[:max(runs, 5)]:
        query.value = word[:-1]
        await idle_on(app, "CaseListScreen")
        filled.clear()
        start = time.perf_counter()
        press(app, word[-1])
        while not filled:
            await asyncio.sleep(0.001)
        await idle_on(app, "CaseListScreen")
        took.append(time.perf_counter() - start - DEBOUNCE_SECONDS)
    screen._fill = original
    query.value = ""
    await idle_on(app, "CaseListScreen")
    return Figure("search keystroke to results drawn, p95, net of debounce", percentile(took, 0.95), SEARCH_BUDGET, "s")


async def _files(app, count: int) -> list[float]:
    took = []
    for _ in range(count):
        app.screen.query_one("#cases").focus()
        took.append(await timed_key(app, "enter", "CaseFileScreen"))
        press(app, "escape")
        await idle_on(app, "CaseListScreen")
        press(app, "down")
        await idle_on(app, "CaseListScreen")  # the next row drawn: not counted in the next file's figure
    return took


async def _pages(app, count: int) -> None:
    for _ in range(count):
        press(app, "ctrl+n")
        await idle_on(app, "CaseListScreen")


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _purpose_given_at_once(screen, case_id: int):
    """The reader (politie) opens files outside its own work, so the file asks a purpose first. The
    figure is the file's, not the reader's choice: the service is still asked, the answer given at
    once (a meeting's preparation), as a reader who picks it without thinking."""
    needed = await screen.app.call(case_services.purpose_needed, case_id)
    if needed is None:
        return None
    return ("overleg", None) if needed else purposes.OWN_WORK


async def _session(vault_path: Path, argon2_seconds: float, runs: int, heavy: int) -> list[Figure]:
    casefile.purpose_for = _purpose_given_at_once
    app = PgaApp(vault_path, auto_lock_seconds=3600, cursor_blink=False)
    figures = []
    async with app.run_test(size=(120, 40)):
        figures.append(await _unlock(app, argon2_seconds))
        lists = []
        for _ in range(runs):
            lists.append(await timed_key(app, "slash", "CaseListScreen"))
            press(app, "escape")
            await idle_on(app, "DashboardScreen")
        figures.append(Figure("case list first page, key to drawn", statistics.median(lists), LIST_BUDGET, "s"))
        press(app, "slash")
        await idle_on(app, "CaseListScreen")
        figures.append(await _search(app, runs))
        files = await _files(app, max(runs, 5))
        figures.append(Figure("case file open, key to drawn (p50)", statistics.median(files), FILE_BUDGET, "s",
                              note=f"p95 {percentile(files, 0.95) * 1000:.0f} ms"))
        await _pages(app, heavy)
        await _files(app, heavy)
        figures.append(Figure(f"RSS after {heavy} pages and {heavy} files", rss_mb(), RSS_BUDGET_MB, "MB"))
    return figures


def screen_figures(vault_path: Path, argon2_seconds: float, runs: int, heavy: int = 50) -> list[Figure]:
    return asyncio.run(_session(vault_path, argon2_seconds, runs, heavy))


if __name__ == "__main__":  # run apart, so the RSS figure is the TUI's own
    import json
    import sys

    path, argon2, runs, heavy = Path(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    for figure in screen_figures(path, argon2, runs, heavy):
        print(json.dumps(figure.__dict__))
