"""The first screen after unlocking (the dashboard grows here)."""

from __future__ import annotations

from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Header, Static

from pgatui.tui.base import PgaScreen
from pgatui.tui.i18n import t
from pgatui.tui.safe import user_line


class HomeScreen(PgaScreen):
    HELP_KEY = "home.help"
    ROUTE = "home"

    def compose(self):
        user = self.app.user
        yield Header()
        with Vertical(id="home"):
            yield Static(Content(t("home.title")), classes="title")
            signed_in = t("home.signed_in", login=user.login, role=user.role.value, organisation=user.organisation)
            yield Static(user_line(signed_in), id="signed-in")
            yield Static(Content(t("home.placeholder")), classes="hint")
        yield Footer()
