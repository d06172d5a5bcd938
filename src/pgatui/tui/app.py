"""The pgatui Textual application: unlock, lock and auto-lock, routes, help, palette,
shared-screen mode and language.

What screens use (see also pgatui.tui.base and pgatui.tui.routes):

    await self.app.attempt(service, *args)    run a service on the vault thread with a Session;
                                              an Outcome (value, refusal, failure; pgatui.tui.kit.calls)
    await self.app.call(service, *args)       a reading service's value, or None after a notice
    await self.app.call_or_raise(service, …)  the same, but PgaError/VaultLocked reach the caller
    self.app.go("file", case_id=17)           open a registered route
    self.app.shared_screen                    reactive bool: hide BSN/address/date of birth/phone
    self.watch(self.app, "shared_screen", …)  re-render when the room toggles it
    self.app.user                             UserInfo of the signed-in user (None when locked)
    pgatui.tui.i18n.language()                "nl" or "en"
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual._context import active_message_pump
from textual.command import CommandPalette
from textual.css.query import NoMatches
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import NoScreen
from textual.theme import Theme

from pgatui.domain.settings import DEFAULT_SETTINGS, Settings
from pgatui.errors import PgaError, VaultBusy
from pgatui.services.runner import VaultLocked, VaultThread
from pgatui.services.session import Session
from pgatui.services.permissions import allowed_actions
from pgatui.services.settings import read_settings
from pgatui.tui import i18n, patches, routes
from pgatui.tui.base import PgaModal, PgaScreen, translate_bindings
from pgatui.tui.heap import QuietCollector
from pgatui.tui.i18n import t
from pgatui.tui.keys import KeyBarrier, KeyOrder
from pgatui.tui.kit.calls import Outcome
from pgatui.tui.kit.dialogs import NoticeDialog
from pgatui.tui.kit.formats import key_name, label
from pgatui.tui import palette
from pgatui.tui.routes import Route
from pgatui.tui.safe import notify_literal

# Importing the screens registers their routes.
from pgatui.tui.screens import load_all as _load_all_screens
from pgatui.tui.screens.help import HelpScreen
from pgatui.tui.screens.recovery import RecoveryScreen
from pgatui.tui.screens.unlock import UnlockScreen

_load_all_screens()

T = TypeVar("T")

patches.apply()  # the pinned Textual kept every closed widget's rendered lines: see tui.patches

HOME = Route("home")
BUSY_ATTEMPTS = 4  # a busy vault: tried again three times, after 1, 2 and 3 seconds
BUSY_PAUSE_SECONDS = 1.0


# Calm and high contrast: readable on a projector in a lit meeting room.
PGA_THEME = Theme(
    name="pga",
    primary="#7FB3FF",
    secondary="#A7C7E7",
    accent="#7FB3FF",
    warning="#FFC857",
    error="#FF7B72",
    success="#7EE2A8",
    foreground="#F2F4F8",
    background="#101820",
    surface="#16212C",
    panel="#1E2D3B",
    dark=True,
)


class PgaApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "pgatui"
    BINDINGS = [
        Binding("f1", "help", "key.help", id="app.help"),
        Binding("ctrl+l", "lock", "key.lock", id="app.lock", priority=True),
        # Shown in F1 help and the palette, not in the footer: the screen's own keys need the room.
        Binding("ctrl+g", "toggle_shared", "key.shared", id="app.shared", priority=True, show=False),
        Binding("ctrl+q", "quit", "key.quit", id="app.quit", priority=True, show=False),
    ]

    shared_screen: reactive[bool] = reactive(False)

    def __init__(self, vault_path: Path, *, lang: str = "nl", auto_lock_seconds: float | None = None,
                 shared_screen: bool | None = None, settings: Settings = DEFAULT_SETTINGS,
                 cursor_blink: bool = True, monotonic: Callable[[], float] = time.monotonic) -> None:
        i18n.set_language(lang)
        super().__init__()
        translate_bindings(self)
        self.vault_path = Path(vault_path)
        self.monotonic = monotonic  # auto-lock and countdowns; tests hand in a clock they move
        self.vault_thread = VaultThread()
        self._heap = QuietCollector()  # full garbage collections at the user's pauses
        self._collect_pending = False  # a closed screen's collection is asked for
        self.user = None
        self.auto_lock_seconds = (auto_lock_seconds if auto_lock_seconds is not None
                                  else settings.auto_lock_minutes * 60)
        self.return_routes: list[Route] = [HOME]  # "where was I": ids only, no case data
        self.intake_draft: dict[str, str] | None = None  # unsaved form input, memory only
        self.permissions: frozenset = frozenset()  # what the user may do (services.permissions)
        self.changes = 0  # counts data changes; a screen that comes back reloads when it moved
        self._last_activity = self.monotonic()
        self.set_reactive(PgaApp.shared_screen,
                          settings.shared_screen_default if shared_screen is None else shared_screen)
        # What was chosen at start wins over the vault's settings (`--lang en`, a test's auto-lock).
        self._chosen_at_start = {"auto_lock": auto_lock_seconds is not None, "shared": shared_screen is not None,
                                 "language": lang != i18n.DEFAULT_LANGUAGE}
        self._settings_applied = False  # language and shared screen: at the first unlock only
        self._key_order = KeyOrder(self)
        self._locked_by: str | None = None  # whose screens return_routes holds
        self.cursor_blink = cursor_blink  # off for snapshots: a blinking cursor is drawn by the clock

    # life cycle

    def on_mount(self) -> None:
        self.register_theme(PGA_THEME)
        self.theme = PGA_THEME.name
        self.title = t("app.title")
        self._update_subtitle()
        self.set_class(self.shared_screen, "-shared-screen")
        self.push_screen(UnlockScreen())
        # Check often enough that a short test interval still locks on time.
        self.set_interval(min(1.0, self.auto_lock_seconds / 4), self._check_idle)
        self._heap.start()  # before any vault content is read: see tui.heap

    def screen_closed(self) -> None:
        """A screen was taken away: its widgets and what they showed are freed by a full collection
        after the next frame (one, however many screens went) or, if it is not garbage yet then
        (its timers stop a moment later), at the user's next pause (tui.heap)."""
        self._heap.screen_closed()
        if not self._collect_pending:
            self._collect_pending = True
            self.call_after_refresh(self._collect_closed)

    def _collect_closed(self) -> None:
        self._collect_pending = False
        self._heap.collect()

    def _handle_exception(self, error: Exception) -> None:
        """Textual ends the app on any exception a widget raises. One kind is no error of the
        app's: a lock takes every screen away while some of their widgets are still being
        mounted, and Textual removes a screen's widgets in steps, so a widget's mount or watcher
        may run after its own children are gone and find nothing (Textual's Select did, under a
        screen opened just before a damaged vault locked the app). Such a widget's screen is
        neither shown nor kept: nothing of it reaches the user, and the app runs on."""
        if isinstance(error, NoMatches) and self._on_its_way_out(active_message_pump.get(None)):
            self.log.warning("a widget of a removed screen found nothing:", error)
            return
        super()._handle_exception(error)

    def _on_its_way_out(self, node) -> bool:
        """Whether `node` belongs to a screen that is neither on the stack nor installed (kept)."""
        if node is None or node is self:
            return False
        try:
            screen = node.screen
        except NoScreen:
            return True  # detached from any screen already
        return screen not in self.screen_stack and screen not in self._installed_screens.values()

    def on_unmount(self) -> None:
        self._heap.stop()
        self.vault_thread.shutdown()

    def unlocked(self, vault) -> None:
        """Called by the unlock screens with the open vault (kept on the vault thread): apply
        the vault's settings (where nothing was chosen at start), then rebuild the screens the
        user was on before the lock; another user starts at home (where the last one was is theirs)."""
        self.user = vault.user
        self._last_activity = self.monotonic()
        if vault.user.login != self._locked_by:
            self.return_routes = [HOME]

        async def apply_settings_then_show() -> None:
            chosen = await self.call(read_settings)  # None after a notice: keep the defaults
            permitted = await self.call(allowed_actions)
            if self.user is None:  # locked again while the settings were read
                return
            self.permissions = permitted or frozenset()
            if chosen is not None:
                self._apply_settings(chosen)
            self._update_subtitle()
            self._show_routes(self.return_routes)

        self.run_worker(apply_settings_then_show(), exclusive=True, group="unlocked")

    def _apply_settings(self, chosen: Settings) -> None:
        if not self._chosen_at_start["auto_lock"]:
            self.auto_lock_seconds = chosen.auto_lock_minutes * 60
        if self._settings_applied:  # a switch made during the session survives a lock
            return
        self._settings_applied = True
        if not self._chosen_at_start["shared"]:
            self.shared_screen = chosen.shared_screen_default
        if not self._chosen_at_start["language"] and chosen.language.value != i18n.language():
            i18n.set_language(chosen.language.value)
            translate_bindings(self)
            self.title = t("app.title")

    # routes

    def go(self, name: str, **params: int | bool) -> None:
        """Open the screen registered under `name` on top of the current one; nothing while locked
        (a key or a worker of the user that was there may still arrive after the lock)."""
        if self.user is None:
            return
        self.push_screen(self._screen_for(Route(name, params)))

    def _screen_for(self, target: Route) -> Screen:
        """A screen for `target`: a new one, or for a screen that is built once a session (KEPT,
        such as the case list under '/' and the case file) the one installed before, reopened
        as if new for the target's parameters."""
        if not getattr(routes.registered_class(target.name), "KEPT", False):
            return routes.build(target)
        name = f"kept:{target.name}"
        if not self.is_screen_installed(name):
            self.install_screen(routes.build(target), name)
            return self.get_screen(name)
        kept = self.get_screen(name)
        if kept in self.screen_stack:  # already open below: this one is a second, ordinary screen
            return routes.build(target)
        kept._reopen(**target.params)
        return kept

    def _current_routes(self) -> list[Route]:
        found = [screen.route for screen in self.screen_stack if isinstance(screen, PgaScreen) and screen.route]
        return found or [HOME]

    def _show_routes(self, wanted: list[Route]) -> None:
        """Replace every screen by fresh ones for `wanted` (unknown routes are skipped)."""
        self._pop_to_base()
        known = [r for r in wanted if routes.registered(r.name)] or [HOME]
        for target in known:
            self.push_screen(self._screen_for(target))

    def _pop_to_base(self) -> None:
        for screen in self.screen_stack[1:]:
            if isinstance(screen, PgaScreen | PgaModal):
                screen.forget()
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self._drop_kept_screens()

    def _drop_kept_screens(self) -> None:
        """The screens kept for the session go too (a lock, a language switch): with what they showed."""
        for name in [name for name in self._installed_screens if name.startswith("kept:")]:
            kept = self.get_screen(name)
            if isinstance(kept, PgaScreen):
                kept.forget()
            self.uninstall_screen(name)
            if kept.is_attached:
                kept.remove()

    # calling services

    async def call_or_raise(self, service: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run `service(Session(vault), *args, **kwargs)` on the vault thread and await it."""
        return await asyncio.wrap_future(
            self.vault_thread.call(lambda vault: service(Session(vault), *args, **kwargs)))

    async def attempt(self, service: Callable[..., T], *args: Any, quiet: bool = False,
                      **kwargs: Any) -> Outcome[T]:
        """Run a service and say how it went: Outcome (value, refusal, failure or cancelled).

        A refusal or failure is shown by `report` (unless `quiet`: the screen shows it itself).
        A busy vault (another process writing) is not a failure: nothing was changed, so the
        call is tried again a few times, with a notice, before it gives up.
        """
        outcome: Outcome[T] = Outcome(cancelled=True)
        for attempt in range(1, BUSY_ATTEMPTS + 1):
            try:
                outcome = Outcome.done(await self.call_or_raise(service, *args, **kwargs))
                break
            except VaultBusy as exc:
                outcome = Outcome.from_error(exc)
                if attempt == BUSY_ATTEMPTS:
                    break
                notify_literal(self, t("app.busy_retrying", attempt=attempt, attempts=BUSY_ATTEMPTS - 1),
                               severity="warning")
                await asyncio.sleep(BUSY_PAUSE_SECONDS * attempt)
            except VaultLocked:  # locked while the call was queued: the screen is gone already
                return Outcome(cancelled=True)
            except Exception as exc:  # noqa: BLE001 - never a traceback on a shared screen
                outcome = Outcome.from_error(exc)
                break
        if outcome.damaged or not quiet:
            self.report(outcome)
        return outcome

    async def call(self, service: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """For services that return a value: the value, or None after the notice. For a service
        that returns nothing use `attempt` (its Outcome says whether it worked)."""
        return (await self.attempt(service, *args, **kwargs)).value

    def data_changed(self) -> None:
        """A service call changed what other screens show: each reloads when it is on top again."""
        self.changes += 1

    def report(self, outcome: Outcome) -> None:
        """The one handler: a refusal or failure becomes a one-line notice; a damaged vault is
        locked at once and the damaged-vault notice shown on the unlock screen."""
        if outcome.error is None:
            return
        if outcome.damaged:
            if self.user is None:  # locked already: the notice is up (another call saw it first)
                return
            self.lock()
            self.push_screen(NoticeDialog(t("kit.damaged_title"), t("kit.damaged_body", detail=outcome.text)))
            return
        if outcome.failed and not isinstance(outcome.error, PgaError):
            self.log.error(outcome.error)
        notify_literal(self, outcome.text, severity="warning" if outcome.refused else "error")

    # locking

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):  # keys and mouse: the user is here
            self._last_activity = self.monotonic()
        if isinstance(event, events.Key) and not event.is_forwarded:
            if not self._key_order.hold(event):  # held keys are handed out when their turn comes
                await self._hand_out_key(event)
            return
        await super().on_event(event)

    async def _hand_out_key(self, event: events.Key) -> None:
        await super().on_event(event)
        self._key_order.follow()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if not self.cursor_blink and hasattr(event.widget, "cursor_blink"):
            event.widget.cursor_blink = False

    async def on_key_barrier(self, barrier: KeyBarrier) -> None:
        barrier.stop()
        if (event := self._key_order.returned(barrier)) is not None:
            await self._hand_out_key(event)

    async def release_lost_barrier(self, token: int) -> None:
        if (event := self._key_order.release_lost(token)) is not None:
            await self._hand_out_key(event)

    def _check_idle(self) -> None:
        idle = self.monotonic() - self._last_activity
        if self.user is not None and idle >= self.auto_lock_seconds:
            self.lock(notice=t("app.autolocked", minutes=max(1, round(self.auto_lock_seconds / 60))))
        self._heap.tick(idle)

    def open_recovery(self) -> None:
        """The recovery code screen, asked for on the unlock screen (nobody is signed in: no route)."""
        self.push_screen(RecoveryScreen())

    def action_lock(self) -> None:
        self.lock()

    def lock(self, notice: str = "") -> None:
        """Close the vault, drop every screen that showed case data, ask to unlock again."""
        if self.user is None:
            return
        self.return_routes = self._current_routes()
        self._locked_by = self.user.login
        for screen in self.screen_stack:  # unsaved work goes to the vault thread before the close
            if isinstance(screen, PgaScreen | PgaModal):
                screen.before_lock()
        self.user = None
        self.permissions = frozenset()
        self.intake_draft = None  # a half-typed intake is the user's, never the next user's
        self._key_order.clear()  # keys typed for the user's screens go with them
        self.vault_thread.close()  # queued after any running call, so nothing uses a closed vault
        self.clear_notifications()  # toasts may name a case
        self._update_subtitle()  # before the screens go, so no header updates while it is removed
        self._pop_to_base()
        self.push_screen(UnlockScreen(notice=notice))

    # shared-screen mode

    def action_toggle_shared(self) -> None:
        self.shared_screen = not self.shared_screen

    def watch_shared_screen(self, shared: bool) -> None:
        self.set_class(shared, "-shared-screen")  # .tcss may enlarge the layout for the room
        self._update_subtitle()

    def _update_subtitle(self) -> None:
        parts = []
        if self.shared_screen:
            parts.append(t("app.shared_on"))
        if self.user is None:
            parts.append(t("app.locked"))
        else:
            parts.append(t("app.user", login=self.user.login, role=label(self.user.role)))
        self.sub_title = "  ·  ".join(parts)

    # language

    def action_switch_language(self) -> None:
        """Switch nl <-> en and rebuild the screens from their routes (forms keep their drafts)."""
        where = self._current_routes()
        i18n.set_language(i18n.other_language())
        translate_bindings(self)
        self.title = t("app.title")
        self._update_subtitle()
        if self.user is None:
            self._pop_to_base()
            self.push_screen(UnlockScreen())
        else:
            self._show_routes(where)

    # help and the command palette

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(getattr(self.screen, "HELP_KEY", "help.none"), self.help_keys(self.screen)))

    def help_keys(self, screen: Screen) -> list[tuple[str, str]]:
        """(key as people name it, what it does) of the screen's keys: the F1 help's list."""
        return [(key_name(b), b.description) for _, b in self._described_bindings(screen)]

    @staticmethod
    def _described_bindings(screen: Screen):
        """(node, binding) for the active bindings that have an id and a description: ours."""
        seen = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if binding.id and binding.description and active.enabled and binding.id not in seen:
                seen.add(binding.id)
                yield active.node, binding

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from palette.system_commands(screen)  # Textual's own, translated (not Screenshot, Quit, Theme, Keys)
        for node, binding in self._described_bindings(screen):
            yield SystemCommand(binding.description, self._command_help(binding),
                                partial(self.run_action, binding.action, node))
        yield SystemCommand(t("cmd.language"), t("cmd.language_help"), self.action_switch_language)
        if isinstance(screen, PgaScreen | PgaModal):
            yield from screen.palette_commands()

    def action_command_palette(self) -> None:
        """Textual's palette, with its own texts in the current language."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(palette.PgaCommandPalette(id="--command-palette"))

    def action_help_quit(self) -> None:
        """Ctrl+C does not quit (it copies): say which key does, in the current language."""
        self.notify(t("palette.how_to_quit"), markup=False)

    def _command_help(self, binding: Binding) -> str:
        key = f"cmd.{binding.id}"
        explained = t(key) + "  " if key in i18n.CATALOGUES[i18n.language()] else ""
        return explained + t("cmd.key", key=key_name(binding))

    # no screenshots: they would put case data on disk unencrypted

    def action_screenshot(self, *args, **kwargs) -> None:
        """Disabled (also reachable as an action string from markup: refuse it here too)."""

    def deliver_screenshot(self, *args, **kwargs) -> None:
        """Disabled."""

    def save_screenshot(self, *args, **kwargs) -> None:
        """Disabled."""


def run_app(vault_path: Path, lang: str = "nl") -> int:
    """What `pgatui open VAULT` and `pgatui demo` run; 0 when the user quits."""
    app = PgaApp(vault_path, lang=lang)
    app.run()
    return app.return_code or 0
