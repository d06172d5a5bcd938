"""Small widgets every screen uses."""

from __future__ import annotations

from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.events import Mount
from textual.widgets import Footer, Header
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
