"""Break glass from the unlock screen: the recovery code gives an account a new one-time password
or makes a new administrator, and replaces itself (`pgatui.services.auth.recover`, as `pgatui recover`).

The argon2 work runs on the vault thread. The code lives only in its Input and the one call.
"""

from __future__ import annotations

import asyncio

from textual.binding import Binding
from textual.content import Content
from textual.widgets import Checkbox, Input, Static

from pgatui import errors
from pgatui.services import auth
from pgatui.tui.i18n import t
from pgatui.tui.safe import user_text
from pgatui.tui.kit.password_screen import LOGIN_MAX, PasswordScreen

CODE_MAX = 64


class RecoveryScreen(PasswordScreen):
    HELP_KEY = "recovery.help"
    SUBMIT_KEY = "recovery.submit"
    BINDINGS = [Binding("escape", "back", "key.back", id="recovery.back")]

    def fields(self):
        yield Static(Content(t("recovery.title")), classes="title")
        yield Static(Content(t("recovery.intro")), classes="hint")
        yield Input(placeholder=t("recovery.code"), password=True, id="code", max_length=CODE_MAX)
        yield Input(placeholder=t("recovery.account"), id="account", max_length=LOGIN_MAX)
        yield Checkbox(t("recovery.new_admin"), id="new-admin", compact=True)

    def action_back(self) -> None:
        self.clear("code", "account")
        self.dismiss()

    def submit(self) -> None:
        if self.waiting or self.query_one("#submit").disabled:
            return
        code, account = self.values("code", "account")
        if not code.strip() or not account.strip():
            self.status(t("recovery.empty"))
            return
        new_admin = self.query_one("#new-admin", Checkbox).value
        self.run_worker(self._recover(code, account.strip(), new_admin), exclusive=True, group="recovery")

    async def _recover(self, code: str, account: str, new_admin: bool) -> None:
        app = self.app
        self.status(t("recovery.busy"))
        self.set_busy(True)
        target = {"new_admin": account} if new_admin else {"reset": account}
        try:
            done = await asyncio.wrap_future(app.vault_thread.run(auth.recover, app.vault_path, code, **target))
        except errors.PgaError as exc:
            self.failed(exc)
        else:
            self.clear("code")
            self.query_one("#status", Static).update(user_text(t(
                "recovery.done", login=done.login, password=done.one_time_password, code=done.recovery_code)))
        finally:
            if self.is_mounted:
                self.set_busy(False)
