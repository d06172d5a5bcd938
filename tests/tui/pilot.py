"""Helpers for Pilot tests of the TUI (tests/tui is on sys.path while these tests run)."""

from __future__ import annotations

import asyncio
import time

from textual.widgets import Static

SMALL = (80, 24)
LARGE = (160, 48)
MAX_SETTLE_ROUNDS = 50


async def settle(pilot) -> None:
    """Return when the app has nothing left to do: every message of the app and its screen handled,
    no worker running, the vault thread's queue empty, no typed key waiting for its turn. Repeats
    until a whole round found nothing new (a service result may start a worker, which calls a
    service, ...); then the screen is laid out, as after `pilot.pause()`. Waits for events, never for
    a fixed time, so a loaded machine only makes it slower."""
    app = pilot.app
    vault_thread = getattr(app, "vault_thread", None)  # a bare test App has none, nor a key order
    key_order = getattr(app, "_key_order", None)
    for _ in range(MAX_SETTLE_ROUNDS):
        await pilot._wait_for_screen()
        busy = busy_workers(app)
        if busy:
            await app.workers.wait_for_complete(busy)
        if vault_thread is not None:
            queued = vault_thread.run(lambda: None)  # runs after every call handed in before it
            await asyncio.wrap_future(queued)
        app.screen._on_timer_update()  # lay out and paint now what waits for the screen's update timer
        await pilot._wait_for_screen()
        keys_waiting = key_order is not None and key_order.waiting
        if not busy and not keys_waiting and not busy_workers(app) and not tables_measuring(app):
            return


def tables_measuring(app) -> bool:
    """A DataTable measures its columns on its next idle after rows came in: until then its header
    is drawn at the widths of before (a snapshot taken then has narrow headers)."""
    from textual.widgets import DataTable

    return any(table._require_update_dimensions or table._updated_cells for table in app.screen.query(DataTable))


def busy_workers(app) -> list:
    """The workers still running, less those waiting for the user: a worker that opened a dialog
    with `push_screen_wait` runs until the dialog is answered, so the workers of the app and of
    the screens under a dialog whose answer is awaited are not waited for."""
    stack = app.screen_stack
    waiting_nodes: set = set()
    for depth, screen in enumerate(stack):
        if any(callback.future is not None and not callback.future.done() for callback in screen._result_callbacks):
            waiting_nodes.update([app, *stack[:depth]])
    return [w for w in app.workers if not w.is_finished and w.node not in waiting_nodes]


async def wait_for(pilot, condition, timeout: float = 120.0, what: str = "condition") -> None:
    """Let the app run until `condition()` holds, looking after every round of messages (a state
    that lasts only a moment, such as a countdown, is seen too). A condition that cannot be read
    yet (a widget not mounted, a list still empty) counts as not holding. `timeout` only bounds a
    failing test: it is long, so a loaded machine makes a test slower, never red."""
    deadline = time.monotonic() + timeout
    while not _holds(condition):
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} not reached; screen was:\n{visible_text(pilot.app)}")
        await pilot._wait_for_screen()
        if not _holds(condition):
            await asyncio.sleep(0.01)  # let the vault thread and timers run


def _holds(condition) -> bool:
    try:
        return bool(condition())
    except Exception:  # noqa: BLE001 - not readable yet
        return False


def on(app, name: str):
    """True once `name` is the current screen and has mounted (pushing is asynchronous)."""
    return lambda: type(app.screen).__name__ == name and app.screen.is_mounted


async def until_screen(pilot, name: str, timeout: float = 120.0) -> None:
    await wait_for(pilot, on(pilot.app, name), timeout, what=f"screen {name}")


async def type_unlock(pilot, login: str, password: str) -> None:
    """Fill in the unlock form and press Enter in the password field, as a user would."""
    screen = pilot.app.screen
    screen.query_one("#login").value = login
    screen.query_one("#password").value = password
    screen.query_one("#password").focus()
    await pilot.press("enter")


def visible_text(app) -> str:
    """What the terminal shows now, as plain text (modals include the screen underneath)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def static_text(app) -> str:
    """The full text of every Static on the current screen (also what is scrolled out of view)."""
    return "\n".join(str(widget.render()) for widget in app.screen.query(Static))


def status(app) -> str:
    return str(app.screen.query_one("#status").render())


class MovableClock:
    """A monotonic clock a test moves by hand (PgaApp(monotonic=...)): auto-lock and countdowns
    then depend on what the test says, not on how busy the machine is."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def notices(app) -> str:
    """Every notice the app showed since the last `forget_notices` (kept by the suite's
    `notices_kept` fixture: a toast leaves by the wall clock, the record does not)."""
    return "\n".join(app.__dict__.get("shown_notices", []))


def forget_notices(app) -> None:
    app.__dict__["shown_notices"] = []
