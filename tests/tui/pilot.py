"""Helpers for Pilot tests of the TUI (tests/tui is on sys.path while these tests run)."""

from __future__ import annotations

from textual.widgets import Static

SMALL = (80, 24)
LARGE = (160, 48)


async def wait_for(pilot, condition, timeout: float = 10.0, what: str = "condition") -> None:
    """Let the app run until `condition()` holds (workers and the vault thread need real time)."""
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"{what} not reached; screen was:\n{visible_text(pilot.app)}")


def on(app, name: str):
    """True once `name` is the current screen and has mounted (pushing is asynchronous)."""
    return lambda: type(app.screen).__name__ == name and app.screen.is_mounted


async def until_screen(pilot, name: str, timeout: float = 10.0) -> None:
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
