"""What every pgatui screen shares: translated bindings, F1 help, a route, palette commands,
and a hook to forget decrypted data when the app locks.

A new screen:

    @route("meeting")                           # pgatui.tui.routes: app.go("meeting", meeting_id=3)
    class MeetingScreen(PgaScreen):
        HELP_KEY = "meeting.help"               # catalogue key of the F1 text (required)
        BINDINGS = [Binding("ctrl+s", "save", "key.save", id="meeting.save")]   # description:
                                                # a catalogue key; every binding needs an id
        def __init__(self, meeting_id: int): ...
        def route_params(self): return {"meeting_id": self.meeting_id}
        def forget(self): self._minutes = None  # drop decrypted data on lock
        async def load(self):
            minutes = await self.app.call(svc.read_minutes, self.meeting_id)   # None on failure
        async def save(self):
            if (await self.app.attempt(svc.save_minutes, ...)).ok:             # pgatui.tui.kit.calls
                self.app.data_changed()                                         # others reload()
        def check_action(self, action, parameters):
            return self.allows(Permission.MINUTES_WRITE)                       # never a role check

Dialogs, forms and formats: pgatui.tui.kit (docs/ARCHITECTURE.md, "The TUI kit").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from pgatui.tui.i18n import t
from pgatui.tui.kit.calls import guarded
from pgatui.tui.routes import Route

CATALOGUE_PREFIX = "key."

def translate_bindings(node: DOMNode) -> None:
    """Binding descriptions hold catalogue keys ('key.help'); show them in the current language.

    Textual copies the class bindings into each node (`_bindings`) at construction (the app adds
    its command palette key there too). The first call keeps that untranslated copy, so a node
    can be translated again after a language switch.
    """
    table = node._bindings.key_to_bindings
    untranslated = node.__dict__.setdefault("_pga_untranslated_bindings", {k: list(v) for k, v in table.items()})
    for key, bindings in untranslated.items():
        table[key] = [replace(b, description=t(b.description)) if b.description.startswith(CATALOGUE_PREFIX) else b
                      for b in bindings]


def _outside(node, closing) -> bool:
    """Whether `node` (what registered a watcher) is `closing` or inside it, or no longer in the app."""
    while node is not None:
        if node is closing:
            return True
        if isinstance(node, App):
            return False
        node = getattr(node, "_parent", None)
    return True


def drop_app_watchers(closing) -> None:
    """Forget the watchers that `closing` and its widgets set on the app (`self.watch(self.app, ...)`).

    Textual prunes a watcher of a closed node only when the watched value changes, and the app's
    title or shared-screen flag rarely does: until then the closed screen, its widgets and the
    decrypted data it showed stay reachable from the app (issue 18: RSS grew with every file opened).
    """
    for watchers in getattr(closing.app, "__watchers", {}).values():
        watchers[:] = [(node, callback) for node, callback in watchers if not _outside(node, closing)]


# The events of a screen being built, shown and hidden: a screen the lock removes before it was
# built gets none of them (Textual's own teardown still reaches it).
_BUILT_SCREEN_EVENTS = (events.Compose, events.Mount, events.Resize, events.Show, events.ScreenResume,
                        events.ScreenSuspend)


class _PgaScreenMixin:
    HELP_KEY: ClassVar[str] = "help.none"
    ROUTE: ClassVar[str | None] = None  # set by @route
    # Built once a session and kept while it lasts: a screen opened many times a day, such as the
    # case list and the case file. Its `reopened(**params)` starts it afresh (for the route's
    # parameters: the next case); `closed()` empties it when it is popped; a lock drops it.
    KEPT: ClassVar[bool] = False

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, _BUILT_SCREEN_EVENTS) and self._opened_for_nobody():
            return  # locked between being opened and being built: the lock removes it unbuilt
        await super().on_event(event)

    def _opened_for_nobody(self) -> bool:
        """A screen of a signed-in user (one with a route) whose user is gone: a lock came between
        `app.go` and its building (an auto-lock, a damaged vault found by another screen's call).
        Built, it would read the user who is gone, or its widgets that the lock took away."""
        return self.ROUTE is not None and getattr(self.app, "user", True) is None

    def _setup(self) -> None:
        translate_bindings(self)
        self._is_open = True  # a kept screen: shown since it was built or reopened, not closed yet
        self._closed_styled: tuple | None = None  # what styled it when it closed (a kept screen)

    def route_params(self) -> dict[str, int | bool]:
        """The ids this screen needs to be rebuilt after a lock (never the data it shows)."""
        return {}

    @property
    def route(self) -> Route | None:
        return Route(self.ROUTE, self.route_params()) if self.ROUTE else None

    def palette_commands(self) -> Iterable[SystemCommand]:
        """Extra command palette entries for this screen (its bindings are listed already)."""
        return ()

    def _on_unmount(self) -> None:
        drop_app_watchers(self)
        closed = getattr(self.app, "screen_closed", None)  # PgaApp's; a dialog may be tried in a bare App
        if closed is not None:
            closed()

    def reopened(self, **params: int | bool) -> None:
        """A screen kept for the session (KEPT = True, built once) is opened again, for the route's
        `params`: start afresh, as a new screen would, with what is in the vault now."""

    def closed(self) -> None:
        """A kept screen was popped (it stays installed for the next opening): drop what it showed,
        in attributes and widgets, as a screen that is removed would."""

    def _reopen(self, **params: int | bool) -> None:
        self._close()  # popped and opened again at once: its suspend may not have come yet
        self._is_open = True
        # It loads in `reopened`: the data changes made while it was closed must not load it twice.
        self._seen_changes = getattr(self.app, "changes", 0)
        self.reopened(**params)

    def _close(self) -> None:
        if self._is_open:
            self._is_open = False
            self._closed_styled = self._styled_by()
            self.closed()

    def _styled_by(self) -> tuple:
        """What the app's stylesheet applies to every screen, beside the screen's own widgets."""
        return self.app.theme, frozenset(self.app.classes), self.app.size

    def _on_screen_suspend(self, event) -> None:
        if self.KEPT and self.is_attached and self not in self.app.screen_stack:
            self._close()

    def before_lock(self) -> None:
        """Hand unsaved work (a draft typed into a form) to the vault thread, synchronously: the
        app calls this on every screen just before it closes the vault, and the thread runs work
        in order, so what is handed in here is saved before the vault closes."""

    def forget(self) -> None:
        """Drop decrypted data held in attributes; called on lock before the screen is removed."""

    def leave(self) -> None:
        """Close this screen if it is the one on top: a worker that ends after a lock, or under a
        dialog, must never close another screen."""
        if self.is_attached and self.app.screen is self:
            self.app.pop_screen()

    def reload(self) -> None:
        """Load again what this screen shows. Called when the screen comes back on top after a
        service call changed data (`app.data_changed()`), so no screen shows stale counts."""

    def _on_screen_resume(self, event) -> None:
        if not self.__dict__.get("_resumed"):
            # Pushed just now: every widget was styled as it mounted, so Textual's restyle of
            # the whole screen on this first resume is work done twice (issue 18: each '/' and
            # each file opened paid it). A screen that comes back on top is restyled as before.
            self._resumed = True
            event.refresh_styles = False
        elif self._closed_styled is not None:
            # A kept screen reopened: its widgets kept their styles, and restyling the whole screen
            # took as long as drawing it; only a theme, app class (shared screen) or size changed
            # meanwhile restyles it.
            event.refresh_styles = self._closed_styled != self._styled_by()
            self._closed_styled = None
        changes = getattr(self.app, "changes", 0)
        seen = self.__dict__.setdefault("_seen_changes", changes)
        if seen != changes:
            self._seen_changes = changes
            self.reload()

    def run_worker(self, work, *args, exit_on_error: bool = False, **kwargs):
        """Textual's run_worker, guarded: an exception in the work becomes the app's one notice
        (pgatui.tui.kit.calls.guarded) and never ends the app."""
        if hasattr(work, "__await__"):
            work = guarded(self.app, work)
        return super().run_worker(work, *args, exit_on_error=exit_on_error, **kwargs)

    def allows(self, permission) -> bool:
        """Whether the signed-in user may do `permission` (a pgatui.domain.access.Permission), as
        the services said at unlock (`services.permissions.allowed_actions`, held in
        `app.permissions`). Screens use it in check_action; they never look at roles."""
        return permission in getattr(self.app, "permissions", frozenset())


class PgaScreen(_PgaScreenMixin, Screen):
    """A full screen with a help text (catalogue key) and translated key descriptions."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._setup()


class PgaModal(_PgaScreenMixin, ModalScreen):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._setup()
