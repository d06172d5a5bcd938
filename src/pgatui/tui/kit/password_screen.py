"""The screen that asks for a password: unlock, the first-login password change and recovery share
it. A status line, a submit button, a busy state while argon2 runs, and the throttling countdown
that keeps the button disabled until it reaches zero."""

from __future__ import annotations

import math

from textual import on
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Button, Input, Static

from pgatui import errors
from pgatui.messages import error_text
from pgatui.tui.base import PgaScreen
from pgatui.tui.kit.forms import FieldsScroll
from pgatui.tui.i18n import language, t
from pgatui.tui.safe import user_line
from pgatui.tui.widgets import PgaFooter, PgaHeader

LOGIN_MAX = 64
COUNTDOWN_TICK = 0.25


def explain(exc: errors.PgaError) -> str:
    """The message the unlock screens show for a failure, in the current language."""
    if isinstance(exc, errors.VaultDamaged):
        return t("unlock.damaged", detail=error_text(exc, language()))
    if isinstance(exc, errors.VaultBusy):
        return t("unlock.vault_busy")
    if isinstance(exc, errors.VaultNotFound):
        return t("unlock.not_found")
    if isinstance(exc, errors.WrongLogin):
        return t("unlock.failed")  # one message for unknown user and wrong password
    # Said only after the right password (disabled account, no key after a rotation) or a
    # policy refusal: the error's own sentence, in the screen's language.
    return error_text(exc, language())


class PasswordScreen(PgaScreen):
    """What unlock and password change share: a status line, a submit button, busy state,
    and the throttling countdown that keeps the button disabled until it reaches zero."""

    def __init__(self, notice: str = "") -> None:
        super().__init__()
        self._notice = notice
        self._countdown: Timer | None = None
        self._wait_until = 0.0
        self._focus_after_busy = None

    SUBMIT_KEY = "unlock.submit"

    def compose(self):
        """Header, one centred box (scrolls on a small terminal), footer. Subclasses give the
        fields; the status line sits right under them, above the button, so a message is seen."""
        yield PgaHeader()
        with FieldsScroll(id="unlock-scroll"), Vertical(id="unlock-box"):
            yield from self.fields()
            yield Static("", id="status")
            yield Button(t(self.SUBMIT_KEY), id="submit", variant="primary", compact=True)
            yield from self.below()
        yield PgaFooter()

    def fields(self):
        raise NotImplementedError

    def below(self):
        return ()

    def status(self, message: str) -> None:
        self.query_one("#status", Static).update(user_line(message))

    @property
    def waiting(self) -> bool:
        return self._countdown is not None

    def set_busy(self, busy: bool) -> None:
        """Disable the form during the argon2 work; afterwards the focus is back where it was
        (disabling a field drops its focus, and typing would then go nowhere)."""
        if busy:
            self._focus_after_busy = self.focused
        for field in self.query(Input):
            field.disabled = busy
        self.query_one("#submit", Button).disabled = busy or self.waiting
        if not busy and self._focus_after_busy is not None and self._focus_after_busy.is_mounted:
            self._focus_after_busy.focus()

    def start_countdown(self, seconds: float) -> None:
        self._wait_until = self.app.monotonic() + seconds
        if self._countdown is None:
            self._countdown = self.set_interval(COUNTDOWN_TICK, self._tick)
        self._tick()

    def _tick(self) -> None:
        remaining = self._wait_until - self.app.monotonic()
        if remaining > 0:
            self.query_one("#submit", Button).disabled = True
            self.status(t("unlock.wait", seconds=math.ceil(remaining)))
            return
        if self._countdown is not None:
            self._countdown.stop()
            self._countdown = None
        self.query_one("#submit", Button).disabled = False
        self.status("")

    def failed(self, exc: errors.PgaError) -> None:
        if isinstance(exc, errors.Throttled):
            self.start_countdown(exc.retry_after)
        else:
            self.status(explain(exc))

    def on_mount(self) -> None:
        self.status(self._notice)
        fields = list(self.query(Input))
        next((f for f in fields if not f.value), fields[0]).focus()  # the first field to fill in

    @on(Input.Submitted)
    def _next_or_submit(self, event: Input.Submitted) -> None:
        """Enter moves to the next field; on the last field it submits."""
        fields = list(self.query(Input))
        index = fields.index(event.input)
        if index + 1 < len(fields):
            fields[index + 1].focus()
        else:
            self.submit()

    @on(Button.Pressed, "#submit")
    def _pressed(self) -> None:
        self.submit()

    def submit(self) -> None:
        raise NotImplementedError

    def values(self, *ids: str) -> list[str]:
        return [self.query_one(f"#{name}", Input).value for name in ids]

    def clear(self, *ids: str) -> None:
        for name in ids:
            self.query_one(f"#{name}", Input).value = ""
