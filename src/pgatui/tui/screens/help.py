"""F1: the help text of the screen underneath, and its keys."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from pgatui.tui.base import PgaModal
from pgatui.tui.i18n import t


class HelpScreen(PgaModal):
    HELP_KEY = "help.about"
    BINDINGS = [
        Binding("escape", "dismiss", "key.back", id="help.close"),
        Binding("f1", "dismiss", "key.back", show=False, id="help.close_f1"),
    ]

    def __init__(self, help_key: str, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self._help_key = help_key
        self._keys = keys

    def compose(self):
        with VerticalScroll(id="help-box"):
            yield Static(Content(t("help.title")), classes="title")
            yield Static(Content(t(self._help_key)))
            yield Static(Content(t("help.keys")), classes="subtitle")
            width = max((len(key) for key, _ in self._keys), default=0) + 2
            lines = [f"{key:<{width}}{description}" for key, description in self._keys]
            yield Static(Content("\n".join(lines)))
            yield Static(Content(t("help.close")), classes="hint")

    def action_dismiss(self, result=None) -> None:
        self.dismiss(result)
