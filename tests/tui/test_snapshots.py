"""One snapshot of every screen at 80x24 and 120x40, each also on the shared screen (names as
initials, no identifying data), on the demo vault made at a frozen time, with no cursor blink.

After an intended change of look, regenerate them all and review the SVGs in the diff:
    .venv/bin/python -m pytest tests/tui/test_snapshots.py --snapshot-update

Each screen is opened through its route (`app.go`), not by a path of keys from the dashboard, so
a changed key or screen elsewhere does not change another screen's snapshot; and each is taken
when the app is idle (`pilot.settle`: no worker, no vault call, no key waiting), never after a
fixed pause. Notifications are cleared first: they time out by the wall clock.
"""

from __future__ import annotations

import datetime as dt
import importlib
import itertools
import pkgutil
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import pytest
from pytest_textual_snapshot import SVGImageExtension
from textual.widgets import Button

from helpers import cheap_kdf, copy_vault
from pilot import settle, type_unlock, visible_text, wait_for
from pgatui import clock
from pgatui.tui import routes, screens
from pgatui.vault import cases as cases_repo
from pgatui.vault.sealer import SEALED
from pgatui.tui.app import PgaApp

FROZEN = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)
SIZES = [(80, 24), (120, 40)]
DIRECTOR = ("gemeente", "demo-kluis-regie")
BEHEERDER = ("beheer", "demo-kluis-sleutels")
FG = ("toezicht", "demo-kluis-fg")
NEWCOMER = "nieuwkomer"  # signs in with a one-time password: the password change screen


@dataclass
class Demo:
    path: object
    ids: dict[str, int] = field(default_factory=dict)
    one_time: str = ""
    names: frozenset[str] = frozenset()  # the persons' names the director's case list shows


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    """The demo vault made once for this module at a frozen time, plus a newcomer's account."""
    from pgatui.services.demo import ensure_demo_vault
    from pgatui.vault import open_vault, throttle

    clock.freeze(FROZEN)
    counter = itertools.count(1)
    random_ids, throttle.new_event_id = throttle.new_event_id, lambda: f"{next(counter):016x}"  # the log shows them
    try:
        with cheap_kdf():
            path = ensure_demo_vault(tmp_path_factory.mktemp("snapshots") / "demo.pgavault")
            with open_vault(path, *BEHEERDER) as vault:
                one_time = vault.add_user(NEWCOMER, "gemeente", "Gemeente Demodorp")
        with open_vault(path, *DIRECTOR) as vault:
            ids = {phase: _first_case(vault, phase) for phase in ("weging", "monitoring", "casusoverleg")}
            ids["meeting"] = vault.conn.execute("SELECT min(id) FROM meetings").fetchone()[0]
            ids["directed"] = vault.conn.execute(  # who opened a file: its director sees it
                "SELECT min(id) FROM cases WHERE director = ? AND phase = 'casusoverleg'", (DIRECTOR[0],)).fetchone()[0]
            names = frozenset(name for _case, name, _due in cases_repo.page_case_rows(  # read unaudited: the
                vault.conn, phase=None, owner=None, by_due=False, after=("", 0), limit=500, scope=None)  # log's snapshot
                if name != SEALED)
    finally:
        clock.freeze(None)
        throttle.new_event_id = random_ids
    return Demo(path, ids, one_time, names)


def _first_case(vault, phase: str) -> int:
    return vault.conn.execute(
        "SELECT min(c.id) FROM cases c JOIN organisations o ON o.id = c.municipality_id "
        "WHERE o.name = 'Gemeente Demodorp' AND c.phase = ?", (phase,)).fetchone()[0]


@pytest.fixture
def demo(demo_template, tmp_path):
    clock.freeze(FROZEN)
    yield Demo(copy_vault(demo_template.path, tmp_path / "demo.pgavault"), demo_template.ids,
               demo_template.one_time, demo_template.names)
    clock.freeze(None)


Steps = Callable[..., Awaitable[None]]


async def _signed_in(pilot, login=DIRECTOR):
    await type_unlock(pilot, *login)
    await wait_for(pilot, lambda: getattr(pilot.app.screen, "ROUTE", None) == "home" and pilot.app.screen.is_mounted,
                   what="dashboard")


def _route(name: str, login=DIRECTOR, **params: str) -> Steps:
    """Sign in, then open route `name`; a param names the demo id to use (see `demo_template`)."""
    async def steps(pilot, demo: Demo) -> None:
        await _signed_in(pilot, login)
        pilot.app.go(name, **{key: demo.ids[which] for key, which in params.items()})
        await wait_for(pilot, lambda: getattr(pilot.app.screen, "ROUTE", None) == name
                       and pilot.app.screen.is_mounted, what=f"route {name}")
    return steps


async def _unlock(pilot, demo: Demo) -> None:
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "UnlockScreen", what="unlock screen")


async def _recovery(pilot, demo: Demo) -> None:
    await _unlock(pilot, demo)
    pilot.app.screen.query_one("#recovery", Button).press()
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "RecoveryScreen", what="recovery screen")


async def _password_change(pilot, demo: Demo) -> None:
    await _unlock(pilot, demo)
    await type_unlock(pilot, NEWCOMER, demo.one_time)
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "PasswordChangeScreen", what="password change")


async def _help(pilot, demo: Demo) -> None:
    await _signed_in(pilot)
    await pilot.press("f1")
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "HelpScreen", what="help")


SCREENS: dict[str, Steps] = {
    "unlock": _unlock,
    "recovery": _recovery,
    "password_change": _password_change,
    "help": _help,
    "home": _route("home"),
    "cases": _route("cases"),
    "file": _route("file", case_id="casusoverleg"),
    "file_opens": _route("file_opens", case_id="directed"),
    "intake": _route("intake"),
    "weighing": _route("weighing", case_id="weging"),
    "monitoring": _route("monitoring", case_id="monitoring"),
    "summary": _route("summary", case_id="monitoring"),
    "changes": _route("changes", case_id="monitoring"),
    "meetings": _route("meetings"),
    "meeting_plan": _route("meeting_plan"),
    "meeting": _route("meeting", meeting_id="meeting"),
    "retention": _route("retention"),
    "destruction": _route("destruction"),
    "policy": _route("policy", BEHEERDER),
    "settings": _route("settings", BEHEERDER),
    "criteria": _route("criteria"),
    "directors": _route("directors", BEHEERDER),
    "admin": _route("admin", BEHEERDER),
    "admin_users": _route("admin_users", BEHEERDER),
    "admin_keys": _route("admin_keys", BEHEERDER),
    "admin_backups": _route("admin_backups", BEHEERDER),
    "access_log": _route("access_log", FG),
    "subject_request": _route("subject_request", FG),
    "figures": _route("figures"),
}


def _all_routes() -> set[str]:
    for module in pkgutil.iter_modules(screens.__path__, screens.__name__ + "."):
        importlib.import_module(module.name)  # a screen registers its route when imported
    return set(routes.names())


def test_every_screen_with_a_route_has_a_snapshot():
    assert _all_routes() <= set(SCREENS)


async def _view(pilot, title: str, shared: bool) -> tuple[str, str]:
    """The screen normal or shared, drawn when the app is idle (notifications cleared: they time out
    by the wall clock), as an SVG and as text."""
    app = pilot.app
    app.shared_screen = shared
    await settle(pilot)
    app.clear_notifications()
    await settle(pilot)
    await pilot.wait_for_scheduled_animations()
    return app.export_screenshot(title=title, simplify=True), visible_text(app)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("screen", SCREENS)
async def test_screen(snapshot, demo, screen, size):
    """The screen's snapshots at one size, normal and shared, from one run of the app (opening the
    screen is most of a snapshot's cost). Not resized within a run: a region redrawn after a resize
    was now and then caught half repainted."""
    app = PgaApp(demo.path, cursor_blink=False)
    title = app.title  # the frame's title: the app's name, not the screen's title set later
    async with app.run_test(size=size) as pilot:
        await SCREENS[screen](pilot, demo)
        await settle(pilot)  # loaded first: the snapshots show the screen, not while loading
        taken = {mode: await _view(pilot, title, mode == "shared") for mode in ("full", "shared")}
    # Switched on with the screen open, as the room does: no person's name stays (the case list and
    # the meeting planner kept them until their next load).
    assert not [name for name in demo.names if name in taken["shared"][1]]
    svg = snapshot.use_extension(SVGImageExtension)
    for mode, (shown, _text) in taken.items():
        assert svg(name=mode) == shown, mode
