"""Textual's own palette and system texts in the app's language (issue 14, item 7).

Textual writes its command palette, its built-in commands and a few notices in English
("Search for commands…", "No matches found", "Keys", "Maximize", "Do you want to quit?"). The app
replaces each through the hooks Textual offers: `PgaApp.get_system_commands` yields these instead
of Textual's, `PgaApp.action_command_palette` opens `PgaCommandPalette`, `PgaApp.action_help_quit`
says how to quit. Textual's Theme, Quit, Keys and Screenshot commands are not offered: Screenshot
writes the screen (case data) unencrypted to disk, Quit is the app's own (it closes the vault
first), Theme would let a shared screen drift from the tested theme, and F1 is the keys' help.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.align import Align
from rich.text import Text
from textual.app import SystemCommand
from textual.command import CommandList, CommandPalette
from textual.screen import Screen
from textual.widgets.option_list import Option

from pgatui.tui.i18n import t

# The English texts of the pinned Textual that a Dutch screen must never show (the walk over
# every route in tests/tui/test_words.py looks for them).
TEXTUAL_ENGLISH = ("Search for commands", "No matches found", "Search for themes", "Quit the application",
                   "Change the current theme", "Show help for the focused widget", "Hide the keys",
                   "Maximize", "Minimize", "Screenshot", "Do you want to quit", "to quit the app",
                   "Open the command palette", "Copy selected text", "Paste text from the clipboard",
                   "^p palette")


def system_commands(screen: Screen) -> Iterable[SystemCommand]:
    """Textual's own commands that the app keeps, in the current language."""
    if screen.maximized is not None:
        yield SystemCommand(t("palette.minimize"), t("palette.minimize_help"), screen.action_minimize)
    elif screen.focused is not None and screen.focused.allow_maximize:
        yield SystemCommand(t("palette.maximize"), t("palette.maximize_help"), screen.action_maximize)


class PgaCommandPalette(CommandPalette):
    """Textual's command palette with its placeholder and its 'no matches' line translated."""

    def __init__(self, **kwargs) -> None:
        super().__init__(placeholder=t("palette.placeholder"), **kwargs)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """As Textual's (pinned 8.x), with the line in the current language."""
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(t("palette.no_matches"), style="not bold")), disabled=True,
                           id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
