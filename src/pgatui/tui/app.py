"""The pgatui Textual application: unlock, auto-lock, help, palette, shared-screen mode."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from pathlib import Path

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from pgatui.errors import PgaError
from pgatui.services.runner import VaultThread
from pgatui.tui import i18n
from pgatui.tui.base import translate_bindings
from pgatui.tui.i18n import t
from pgatui.tui.screens.help import HelpScreen
from pgatui.tui.screens.caselist import CaseListScreen
from pgatui.tui.screens.dashboard import DashboardScreen
from pgatui.tui.screens.intake import IntakeScreen
from pgatui.tui.screens.unlock import UnlockScreen

DEFAULT_AUTO_LOCK_SECONDS = 5 * 60
ROUTES: dict[str, type[Screen]] = {"home": DashboardScreen, "cases": CaseListScreen, "intake": IntakeScreen}


class PgaApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "pgatui"
    BINDINGS = [
        Binding("f1", "help", "key.help", id="app.help"),
        Binding("ctrl+l", "lock", "key.lock", id="app.lock"),
        Binding("ctrl+g", "toggle_shared", "key.shared", id="app.shared"),
        Binding("ctrl+q", "quit", "key.quit", id="app.quit"),
    ]
    # (binding id, catalogue key of the palette help) for the app's own palette commands
    PALETTE = (("app.lock", "cmd.lock"), ("app.shared", "cmd.shared"), ("app.help", "cmd.help"),
               ("app.quit", "cmd.quit"))

    shared_screen: reactive[bool] = reactive(False)

    def __init__(self, vault_path: Path, *, lang: str = "nl", auto_lock_seconds: float = DEFAULT_AUTO_LOCK_SECONDS,
                 shared_screen: bool = False) -> None:
        i18n.set_language(lang)
        super().__init__()
        translate_bindings(self)
        self.vault_path = Path(vault_path)
        self.vault_thread = VaultThread()
        self.user = None
        self.auto_lock_seconds = auto_lock_seconds
        self.return_route = "home"
        self.intake_draft: dict[str, str] | None = None  # unsaved form input, memory only
        self._last_activity = time.monotonic()
        self.set_reactive(PgaApp.shared_screen, shared_screen)

    # life cycle

    def on_mount(self) -> None:
        self.title = t("app.title")
        self._update_subtitle()
        self.push_screen(UnlockScreen())
        self.set_interval(1.0, self._check_idle)

    def on_unmount(self) -> None:
        self.vault_thread.shutdown()

    def unlocked(self, vault) -> None:
        """Called by the unlock screens with the open vault (kept on the vault thread)."""
        self.user = vault.user
        self._last_activity = time.monotonic()
        self._update_subtitle()
        self.switch_screen(DashboardScreen())
        if self.return_route != "home" and self.return_route in ROUTES:
            self.push_screen(ROUTES[self.return_route]())

    async def call(self, service, *args, **kwargs):
        """Run a service on the vault thread; None (and a notice) when it refuses or fails."""
        from pgatui.services.session import Session

        future = self.vault_thread.call(lambda vault: service(Session(vault), *args, **kwargs))
        try:
            return await asyncio.wrap_future(future)
        except PgaError as exc:
            self.notify(str(exc), severity="warning")
        except RuntimeError:  # locked meanwhile
            pass
        except Exception as exc:  # noqa: BLE001 - never a traceback on a shared screen
            self.notify(t("error.generic", kind=type(exc).__name__), severity="error")
        return None

    # locking

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self._last_activity = time.monotonic()
        await super().on_event(event)

    def _check_idle(self) -> None:
        if self.user is not None and time.monotonic() - self._last_activity >= self.auto_lock_seconds:
            self.action_lock()

    def action_lock(self) -> None:
        """Close the vault, drop every screen that showed case data, ask to unlock again."""
        if self.user is None:
            return
        route = getattr(self.screen, "ROUTE", None)
        self.return_route = route or self.return_route
        self.user = None
        self.vault_thread.close()
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(UnlockScreen())
        self._update_subtitle()

    # shared-screen mode

    def action_toggle_shared(self) -> None:
        self.shared_screen = not self.shared_screen

    def watch_shared_screen(self, _: bool) -> None:
        self._update_subtitle()

    def _update_subtitle(self) -> None:
        parts = []
        if self.shared_screen:
            parts.append(t("app.shared_on"))
        if self.user is None:
            parts.append(t("app.locked"))
        self.sub_title = "  ·  ".join(parts)

    # help and the command palette

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        keys = [(b.key, b.description) for _, b, *_ in self._visible_bindings()]
        self.push_screen(HelpScreen(getattr(self.screen, "HELP_KEY", "home.help"), keys))

    def _visible_bindings(self):
        seen = set()
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if binding.id and binding.description and binding.id not in seen:  # ours, translated
                seen.add(binding.id)
                yield key, binding

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's Screenshot command writes the screen unencrypted to disk: never offered.
        for command in super().get_system_commands(screen):
            if command.title not in ("Screenshot", "Theme"):
                yield command
        by_id = {b.id: b for bindings in self._bindings.key_to_bindings.values() for b in bindings}
        for binding_id, help_key in self.PALETTE:
            binding = by_id[binding_id]
            yield SystemCommand(binding.description, t(help_key), getattr(self, f"action_{binding.action}"))

    def action_screenshot(self, *args, **kwargs) -> None:
        """Disabled: a screenshot would put case data on disk unencrypted."""


def run_app(vault_path: Path, lang: str = "nl") -> int:
    PgaApp(vault_path, lang=lang).run()
    return 0
