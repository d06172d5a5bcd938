"""Unlock and first-login password change.

The argon2 work (`pgatui.services.auth`: unlock, change_password) runs on the vault thread, awaited from a worker,
so the screen keeps drawing (and counting down) while a password is checked. Passwords live
only in the Input widgets and the one call that needs them.
"""

from __future__ import annotations

import asyncio

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Button, Input, Static

from pgatui import errors
from pgatui.domain.passwords import MAX_LENGTH, password_problem
from pgatui.tui.kit.password_screen import LOGIN_MAX, PasswordScreen
from pgatui.messages import error_text
from pgatui.services import auth
from pgatui.tui.i18n import language, t
from pgatui.tui.safe import user_line, user_text

class UnlockScreen(PasswordScreen):
    HELP_KEY = "unlock.help"
    BINDINGS = [Binding("escape", "clear", "key.clear", id="unlock.clear")]

    def fields(self):
        yield Static(Content(t("unlock.title")), classes="title")
        # The folder name only: the room need not see the directory layout.
        yield Static(user_line(t("unlock.vault", path=self.app.vault_path.name)), classes="hint")
        yield Input(placeholder=t("unlock.login"), id="login", max_length=LOGIN_MAX)
        yield Input(placeholder=t("unlock.password"), password=True, id="password", max_length=MAX_LENGTH)

    def below(self):
        """The break-glass link; only a demo vault has its accounts on screen (synthetic, printed anyway)."""
        yield Button(t("recovery.link"), id="recovery", compact=True)
        accounts = auth.demo_accounts(self.app.vault_path)
        if accounts:
            rows = [t("unlock.demo_row", login=login, password=password, role=role)
                    for login, password, role in accounts]
            box = Static(user_text("\n".join(rows)), id="demo-accounts")
            box.border_title = t("unlock.demo_title")
            yield box

    @on(Button.Pressed, "#recovery")
    def _recovery(self) -> None:
        self.app.open_recovery()

    def action_clear(self) -> None:
        self.clear("password")
        self.status("")
        self.query_one("#password", Input).focus()

    def submit(self) -> None:
        if self.waiting or self.query_one("#submit", Button).disabled:
            return
        login, password = self.values("login", "password")
        login = login.strip()
        if not login or not password:
            self.status(t("unlock.empty"))
            return
        self.run_worker(self._unlock(login, password), exclusive=True, group="unlock")

    async def _unlock(self, login: str, password: str) -> None:
        app = self.app
        self.status(t("unlock.busy"))
        self.set_busy(True)
        try:
            vault = await asyncio.wrap_future(app.vault_thread.open(lambda: auth.unlock(app.vault_path, login, password)))
        except errors.PasswordChangeRequired:
            self.status("")
            app.push_screen(PasswordChangeScreen(login, current=password))
        except errors.PgaError as exc:
            self.failed(exc)
        else:
            self.clear("password")
            app.unlocked(vault)
        finally:
            if self.is_mounted:
                self.set_busy(False)


class PasswordChangeScreen(PasswordScreen):
    """First login: the one-time password (filled in from the unlock screen), a new one twice."""

    HELP_KEY = "passwd.help"
    SUBMIT_KEY = "passwd.submit"
    BINDINGS = [Binding("escape", "back", "key.back", id="passwd.back")]

    def __init__(self, login: str, current: str = "") -> None:
        super().__init__()
        self._login = login
        self._prefill = current

    def fields(self):
        yield Static(Content(t("passwd.title")), classes="title")
        yield Static(Content(t("passwd.intro")), classes="hint")
        yield Input(self._prefill, placeholder=t("passwd.current"), password=True, id="current", max_length=MAX_LENGTH)
        self._prefill = ""  # the widget holds it now, nothing else
        yield Input(placeholder=t("passwd.new"), password=True, id="new", max_length=MAX_LENGTH)
        yield Input(placeholder=t("passwd.repeat"), password=True, id="repeat", max_length=MAX_LENGTH)

    def action_back(self) -> None:
        self.clear("current", "new", "repeat")
        self.dismiss()

    def submit(self) -> None:
        if self.waiting or self.query_one("#submit", Button).disabled:
            return
        current, new, repeat = self.values("current", "new", "repeat")
        problem = self._problem(current, new, repeat)
        if problem:
            self.status(problem)
            return
        self.run_worker(self._change(current, new), exclusive=True, group="passwd")

    def _problem(self, current: str, new: str, repeat: str) -> str | None:
        if not current or not new:
            return t("unlock.empty")
        if new != repeat:
            return t("passwd.mismatch")
        problem = password_problem(new, login=self._login)
        return error_text(problem, language()) if problem else None

    async def _change(self, current: str, new: str) -> None:
        app, login = self.app, self._login
        self.status(t("passwd.busy"))
        self.set_busy(True)
        try:
            # The keyring alone changes (data.db stays closed), then a normal unlock.
            await asyncio.wrap_future(app.vault_thread.run(auth.change_password, app.vault_path, login, current, new))
            vault = await asyncio.wrap_future(app.vault_thread.open(lambda: auth.unlock(app.vault_path, login, new)))
        except errors.PgaError as exc:
            self.failed(exc)
        else:
            self.clear("current", "new", "repeat")
            app.notify(t("passwd.done"))
            app.unlocked(vault)
        finally:
            if self.is_mounted:
                self.set_busy(False)
