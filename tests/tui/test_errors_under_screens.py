"""Issue 13 item 2: whatever a service raises, no traceback reaches a screen and the app runs on.

Every PgaError subclass is raised by every service call under every screen (the vault thread is
made to fail each call); the app must keep running and say so in one notice. VaultDamaged must
lock the vault and show the damaged-vault notice.
"""

from __future__ import annotations

import concurrent.futures
import importlib
import pkgutil

import pytest
from textual.css.query import NoMatches
from textual.widgets import Static
from textual.worker import WorkerCancelled

from people import password_of
from pilot import forget_notices, notices, settle, static_text, type_unlock, until_screen, wait_for
from process_builders import PARTNER_ORG, make_team, new_case, plan, weigh
import pgatui
from pgatui import errors
from pgatui.tui import routes
from pgatui.tui import app as app_module
from pgatui.tui.app import PgaApp
from pgatui.tui.base import PgaScreen
from pgatui.tui.i18n import t


def every_error_class(root=errors.PgaError) -> list[type[errors.PgaError]]:
    """Every subclass, also those of modules nothing has imported yet (the list is the same in
    every process of a parallel run, whatever each collected before)."""
    for module in pkgutil.walk_packages(pgatui.__path__, "pgatui."):
        if module.name != "pgatui.__main__":  # running it is starting the program
            importlib.import_module(module.name)
    return _subclasses(root)


def _subclasses(root: type[errors.PgaError]) -> list[type[errors.PgaError]]:
    found = []
    for sub in root.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def an_error(cls: type[errors.PgaError]) -> errors.PgaError:
    try:
        return cls("Testfout van de dienst.")
    except TypeError:  # Throttled also says when to try again
        return cls("Testfout van de dienst.", 1.0)


ERRORS = [cls for cls in every_error_class() if cls is not errors.VaultDamaged]


@pytest.fixture(scope="module")
def full_vault(tmp_path_factory):
    from helpers import ADMIN, ADMIN_PW
    from pgatui.vault import create_vault, crypto

    crypto.use_kdf_for_new_slots(crypto.FAST_KDF_FOR_TESTS)
    path = tmp_path_factory.mktemp("faults") / "regio.pgavault"
    create_vault(path, ADMIN, ADMIN_PW, "Gemeente Test")
    team = make_team(path)
    try:
        gea = team["gea"]
        case = new_case(gea)
        weigh(gea, case.id)
        meeting = plan(gea, (_case(gea, case.id), {PARTNER_ORG}))
    finally:
        for session in team.values():
            session.vault.close()
    yield path, {"case_id": case.id, "meeting_id": meeting.id}
    crypto.use_kdf_for_new_slots(crypto.STRONG_KDF)


def _case(session, case_id):
    from pgatui.services import cases

    return cases.read_case(session, case_id).case


def route_params(name: str, ids: dict) -> dict:
    wanted = routes._REGISTRY[name].__init__.__code__.co_varnames
    return {key: value for key, value in ids.items() if key in wanted}


def failing(app, exc: Exception) -> list[int]:
    """From now on every service call fails with `exc`; the list counts the calls made."""
    made = [0]

    def call(_work):
        made[0] += 1
        future = concurrent.futures.Future()
        future.set_exception(exc)
        return future

    app.vault_thread.call = call
    return made


def healthy(app) -> None:
    app.vault_thread.__dict__.pop("call", None)


# Screens that say a refusal in their own place rather than in a notice.
DENIED_ON_SCREEN = ("ret.denied", "ret.destroy_denied", "ret.policy_denied")


def told(app, cls) -> bool:
    """The user was told: the one-line notice, or a refusal said on the screen itself."""
    if "Testfout van de dienst." in notices(app):
        return True
    return issubclass(cls, errors.AccessDenied) and any(t(key) in static_text(app) for key in DENIED_ON_SCREEN)


# One test per error class and per group of screens, so the parallel runner spreads them.
ROUTE_GROUPS = 4


def route_group(number: int) -> list[str]:
    return routes.names()[number::ROUTE_GROUPS]


@pytest.mark.parametrize("cls", ERRORS, ids=lambda cls: cls.__name__)
async def test_every_error_under_every_screen_leaves_the_app_running(full_vault, monkeypatch, cls):
    monkeypatch.setattr(app_module, "BUSY_PAUSE_SECONDS", 0)  # a busy vault is retried at once here
    path, ids = full_vault
    app = PgaApp(path, auto_lock_seconds=24 * 3600)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_unlock(pilot, "gea", password_of("gemeente"))
        await until_screen(pilot, "DashboardScreen")
        await settle(pilot)
        for name in routes.names():
            app._pop_to_base()
            forget_notices(app)
            made = failing(app, an_error(cls))
            app.go(name, **route_params(name, ids))
            await settle(pilot)
            assert app.is_running, (cls, name)
            assert app.user is not None, (cls, name)  # only a damaged vault locks
            if made[0]:  # a screen that called no service (a menu) has nothing to tell
                await wait_for(pilot, lambda: told(app, cls), what=f"the notice of {cls.__name__} under {name}")


@pytest.mark.parametrize("group", range(ROUTE_GROUPS))
async def test_a_damaged_vault_under_any_screen_locks_and_says_so(full_vault, group):
    path, ids = full_vault
    app = PgaApp(path, auto_lock_seconds=24 * 3600)
    async with app.run_test(size=(120, 40)) as pilot:
        assert route_group(group), "every group has screens"
        for name in route_group(group):
            await wait_for(pilot, lambda: type(app.screen).__name__ == "UnlockScreen",
                           what=f"unlock after {name}: {[type(s).__name__ for s in app.screen_stack]}", timeout=20)
            await type_unlock(pilot, "gea", password_of("gemeente"))
            await wait_for(pilot, lambda: app.user is not None, what="signed in again")
            await settle(pilot)  # back where the user was: the screen of the last round
            made = failing(app, errors.VaultDamaged("Testfout van de dienst."))
            app.go(name, **route_params(name, ids))
            try:
                await settle(pilot)
            except WorkerCancelled:
                pass  # the lock a damaged vault causes cancels the screen's workers: expected
            if not made[0]:  # a menu that called no service: nothing was damaged for it to find
                assert app.is_running and app.user is not None, name
                healthy(app)
                await pilot.press("ctrl+l")  # lock, so the next round starts at the unlock screen
                continue
            await until_screen(pilot, "NoticeDialog")
            assert app.is_running and app.user is None, name
            assert any(type(s).__name__ == "UnlockScreen" for s in app.screen_stack)
            healthy(app)
            while type(top := app.screen).__name__ == "NoticeDialog":  # one per failed call of that screen
                await pilot.press("escape")
                await wait_for(pilot, lambda top=top: app.screen is not top, what="the notice closed")



async def test_a_screen_opened_just_before_a_lock_builds_nothing_and_the_app_runs_on(full_vault):
    """A lock (auto-lock, or a damaged vault found by another screen's call) can come between
    opening a screen and its being built: the screen is removed unbuilt, whatever it would have
    read of the user who is gone (the intake read the user's organisation: a traceback)."""
    path, ids = full_vault
    app = PgaApp(path, auto_lock_seconds=24 * 3600)
    async with app.run_test(size=(120, 40)) as pilot:
        for name in routes.names():
            await type_unlock(pilot, "gea", password_of("gemeente"))
            await wait_for(pilot, lambda: app.user is not None, what="signed in")
            await settle(pilot)
            app._pop_to_base()  # the last round's screen, rebuilt after the unlock: not for this round
            app.go(name, **route_params(name, ids))
            app.lock()
            await settle(pilot)
            assert app.is_running, name
            assert [type(s).__name__ for s in app.screen_stack][1:] == ["UnlockScreen"], name


class _FindsNothing(Static):
    """Does in its mount what Textual's Select did when a lock took its screen meanwhile: looks
    for a child of its own that is gone (here: never was)."""

    def __init__(self, lock_first: bool) -> None:
        super().__init__("")
        self._lock_first = lock_first

    def on_mount(self) -> None:
        if self._lock_first:
            self.app.lock()  # the lock comes while this screen's widgets are mounting
        self.query_one("#gone")


class _Mounting(PgaScreen):
    def __init__(self, lock_first: bool) -> None:
        super().__init__()
        self._lock_first = lock_first

    def compose(self):
        yield _FindsNothing(self._lock_first)


@pytest.mark.parametrize("locked", [True, False], ids=["locked-meanwhile", "on-screen"])
async def test_a_widget_that_finds_nothing_ends_the_app_only_on_a_screen_still_there(full_vault, locked):
    """A widget of a screen the lock removed may still mount and find its children gone: the app
    runs on. The same error on a screen that is shown is a bug, and ends the app as before."""
    path, _ids = full_vault
    app = PgaApp(path, auto_lock_seconds=24 * 3600)
    ended_with = None
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await type_unlock(pilot, "gea", password_of("gemeente"))
            await until_screen(pilot, "DashboardScreen")
            app.push_screen(_Mounting(lock_first=locked))
            await settle(pilot)
            assert app.is_running
            assert type(app.screen).__name__ == "UnlockScreen"
    except NoMatches as error:
        ended_with = error
    assert (ended_with is None) is locked
