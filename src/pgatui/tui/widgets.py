"""Small widgets every screen uses."""

from __future__ import annotations

from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.events import Mount
from textual.widgets import Footer, Header
from textual.widgets._footer import FooterKey
from textual.widgets._header import HeaderTitle


class PgaHeader(Header):
    """Textual's Header, safe while its screen is being removed.

    Locking pops every screen and changes the app's sub-title in one go; Textual's Header then
    may run its title watcher after its children are gone and raise NoMatches (it only catches
    NoScreen), which would end the app in the middle of a lock.
    """

    def _on_mount(self, event: Mount) -> None:
        event.prevent_default()  # replaces Header._on_mount (same watchers, one more guard)

        async def set_title() -> None:
            try:
                self.query_one(HeaderTitle).update(self.format_title())
            except (NoScreen, NoMatches):
                pass

        self.watch(self.app, "title", set_title)
        self.watch(self.app, "sub_title", set_title)
        self.watch(self.screen, "title", set_title)
        self.watch(self.screen, "sub_title", set_title)


class PgaFooter(Footer):
    """The footer every screen uses: compact, without the palette entry (F1 and Ctrl+P list every
    key), so a screen's own keys fit at 80 columns."""

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
        self._composed_keys: tuple | None = None

    def _shown_keys(self) -> tuple:
        """What the footer shows: each shown key with its text and whether it is enabled."""
        return tuple((binding.key, binding.action, binding.description, enabled, tooltip)
                     for _, binding, enabled, tooltip in self.screen.active_bindings.values() if binding.show)

    def compose(self):
        if self._bindings_ready:
            self._composed_keys = self._shown_keys()
        for widget in super().compose():
            if isinstance(widget, FooterKey):  # compact from the start: no second styling of each key at mount
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen) -> None:
        """Recompose only when the keys shown changed: a focus move or a screen coming back on top
        signals every time, and rebuilding the keys restyles them all (issue 18)."""
        if self._composed_keys is not None and self.is_attached and screen is self.screen \
                and self._shown_keys() == self._composed_keys:
            return
        super().bindings_changed(screen)
