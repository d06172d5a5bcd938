"""Dialogs several screens share: choosing where an export goes, and a colleague's password.

Both return their answer through `dismiss` (use `await self.app.push_screen_wait(...)` from a
worker, or `push_screen(dialog, callback)`): None when the user cancels.
"""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from pgatui.tui.base import PgaModal
from pgatui.tui.i18n import t


class ExportDialog(PgaModal):
    """Ask for the file an export goes to; warns that it leaves the vault unencrypted."""

    HELP_KEY = "export.help"
    BINDINGS = [Binding("escape", "cancel", "key.back", id="export.cancel")]

    def __init__(self, suggested_name: str) -> None:
        super().__init__()
        self._suggested = suggested_name

    def compose(self):
        with Vertical(classes="dialog"):
            yield Static(Content(t("export.title")), classes="title")
            yield Static(Content(t("export.warning")), classes="warning")
            yield Static(Content(t("export.path")), classes="field-label")
            yield Input(value=str(Path.home() / self._suggested), id="export-path")
            yield Static(Content(t("export.hint")), classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if value:
            self.dismiss(Path(value).expanduser())

    def action_cancel(self) -> None:
        self.dismiss(None)


class ColleagueDialog(PgaModal):
    """A colleague types their own user name and password (a party confirming a weighing, a second
    person confirming destruction). The password never leaves memory: it goes to the service."""

    HELP_KEY = "colleague.help"
    BINDINGS = [Binding("escape", "cancel", "key.back", id="colleague.cancel")]

    def __init__(self, question: str, login: str = "") -> None:
        super().__init__()
        self._question = question
        self._login = login

    def compose(self):
        with Vertical(classes="dialog"):
            yield Static(Content(t("colleague.title")), classes="title")
            yield Static(Content(self._question))
            yield Static(Content(t("unlock.login")), classes="field-label")
            yield Input(value=self._login, id="colleague-login")
            yield Static(Content(t("unlock.password")), classes="field-label")
            yield Input(password=True, id="colleague-password")

    def on_mount(self) -> None:
        self.query_one("#colleague-password" if self._login else "#colleague-login", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        login = self.query_one("#colleague-login", Input).value.strip()
        password = self.query_one("#colleague-password", Input).value
        if event.input.id == "colleague-login":
            self.query_one("#colleague-password", Input).focus()
        elif login and password:
            self.dismiss((login, password))

    def action_cancel(self) -> None:
        self.dismiss(None)
