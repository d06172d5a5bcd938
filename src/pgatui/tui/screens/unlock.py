"""Unlock: user name and masked password; argon2 runs on the vault thread, never on the UI."""

from __future__ import annotations

import asyncio
import math
import time

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Input, Static

from pgatui import errors
from pgatui.tui.base import PgaScreen
from pgatui.tui.i18n import t
from pgatui.tui.safe import user_line
from pgatui.vault import change_password, demo_accounts, open_vault


class UnlockScreen(PgaScreen):
    HELP_KEY = "unlock.help"
    BINDINGS = [Binding("escape", "clear", "key.back", id="unlock.clear")]

    def __init__(self) -> None:
        super().__init__()
        self._countdown = None
        self._wait_until = 0.0

    def compose(self):
        app = self.app
        with Vertical(id="unlock-box"):
            yield Static(Content(t("unlock.title")), classes="title")
            yield Static(user_line(t("unlock.vault", path=app.vault_path.name)), classes="hint")  # the folder name only: the room need not see the directory layout
            yield Input(placeholder=t("unlock.login"), id="login", max_length=64)
            yield Input(placeholder=t("unlock.password"), password=True, id="password", max_length=256)
            yield Static("", id="status")
            accounts = demo_accounts(app.vault_path)
            if accounts:
                rows = [t("unlock.demo_row", login=login, password=password, role=role) for login, password, role in accounts]
                yield Static(Content(t("unlock.demo_title") + "\n" + "\n".join(rows)), id="demo-accounts")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#login", Input).focus()

    def status(self, message: str) -> None:
        self.query_one("#status", Static).update(user_line(message))

    def action_clear(self) -> None:
        self.query_one("#password", Input).value = ""
        self.status("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "login":
            self.query_one("#password", Input).focus()
            return
        login = self.query_one("#login", Input).value.strip()
        password = self.query_one("#password", Input).value
        if not login or not password:
            self.status(t("unlock.empty"))
            return
        if self._countdown is not None:
            return
        self.run_worker(self._unlock(login, password), exclusive=True, group="unlock")

    async def _unlock(self, login: str, password: str) -> None:
        app = self.app
        self.status(t("unlock.busy"))
        self.query_one("#password", Input).disabled = True
        try:
            vault = await asyncio.wrap_future(
                app.vault_thread.open(lambda: open_vault(app.vault_path, login, password)))
        except errors.PasswordChangeRequired:
            self.app.push_screen(PasswordChangeScreen(login, password))
        except errors.Throttled as exc:
            self._start_countdown(exc.retry_after)
        except errors.VaultDamaged as exc:
            self.status(t("unlock.damaged", detail=str(exc)))
        except errors.PgaError as exc:
            self.status(str(exc))
        else:
            self.query_one("#password", Input).value = ""
            app.unlocked(vault)
        finally:
            self.query_one("#password", Input).disabled = False
            password = ""

    def _start_countdown(self, seconds: float) -> None:
        self._wait_until = time.monotonic() + seconds
        self._tick()
        self._countdown = self.set_interval(0.5, self._tick)

    def _tick(self) -> None:
        remaining = self._wait_until - time.monotonic()
        if remaining <= 0:
            if self._countdown is not None:
                self._countdown.stop()
            self._countdown = None
            self.status("")
            return
        self.status(t("unlock.wait", seconds=math.ceil(remaining)))


class PasswordChangeScreen(PgaScreen):
    """First login: choose a new password; the one-time password is the one just typed."""

    HELP_KEY = "passwd.help"
    BINDINGS = [Binding("escape", "back", "key.back", id="passwd.back")]

    def __init__(self, login: str, current: str) -> None:
        super().__init__()
        self._login = login
        self._current = current

    def compose(self):
        with Vertical(id="unlock-box"):
            yield Static(Content(t("passwd.title")), classes="title")
            yield Static(Content(t("passwd.intro")), classes="hint")
            yield Input(placeholder=t("passwd.new"), password=True, id="new", max_length=256)
            yield Input(placeholder=t("passwd.repeat"), password=True, id="repeat", max_length=256)
            yield Static("", id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#new", Input).focus()

    def action_back(self) -> None:
        self._current = ""
        self.app.pop_screen()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "new":
            self.query_one("#repeat", Input).focus()
            return
        new, repeat = self.query_one("#new", Input).value, self.query_one("#repeat", Input).value
        if new != repeat:
            self.query_one("#status", Static).update(Content(t("passwd.mismatch")))
            return
        self.run_worker(self._change(new), exclusive=True, group="passwd")

    async def _change(self, new: str) -> None:
        app, login, current = self.app, self._login, self._current
        try:
            await asyncio.wrap_future(app.vault_thread.run(change_password, app.vault_path, login, current, new))
            vault = await asyncio.wrap_future(app.vault_thread.open(lambda: open_vault(app.vault_path, login, new)))
        except errors.PgaError as exc:
            self.query_one("#status", Static).update(user_line(str(exc)))
            return
        self._current = ""
        app.notify(t("passwd.done"))
        app.unlocked(vault)
