"""The one way a screen calls a service, and the one text for what went wrong.

    outcome = await self.app.attempt(svc.record_review, case_id, review)
    if outcome.ok: ...                 # outcome.value: what the service returned (None is fine)
    # a refusal or failure was shown already as a one-line notice by the app (quiet=True: not)

    found = await self.app.call(svc.read_case, 17)   # reading services: the value, or None after
                                                     # the notice (only where None means failure)

Outcomes: `Outcome.done(value)`, a refusal (`AccessDenied`, `DomainError`, `NotFound`,
`UsageError`, `AuthenticationFailed`: the request was refused, nothing changed), or a failure
(`VaultDamaged`, `VaultBusy` after its retries, `VaultNotFound`, anything unexpected). A call
cut short by a lock is `cancelled` and shows nothing. Screens' workers are guarded (see
`guarded`): an exception that escapes a worker becomes the same notice, never a traceback.
"""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pgatui.errors import (AccessDenied, AuthenticationFailed, DomainError, NotFound, UsageError,
                           VaultDamaged)
from pgatui.messages import error_text
from pgatui.tui.i18n import language

T = TypeVar("T")

REFUSALS = (AccessDenied, DomainError, NotFound, UsageError, AuthenticationFailed)


def failure_text(exc: BaseException) -> str:
    """The one-line text shown for a refusal or failure, in the screen's language. The one place
    errors become words: the error-code catalogue (`pgatui.messages`; never a traceback)."""
    return error_text(exc, language())


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What a service call came to: exactly one of done (value), refused, failed or cancelled."""

    value: T | None = None
    error: BaseException | None = None
    cancelled: bool = False

    @classmethod
    def done(cls, value: T) -> Outcome[T]:
        return cls(value=value)

    @classmethod
    def from_error(cls, exc: BaseException) -> Outcome[Any]:
        return cls(error=exc)

    @property
    def ok(self) -> bool:
        return self.error is None and not self.cancelled

    @property
    def refused(self) -> bool:
        return isinstance(self.error, REFUSALS)

    @property
    def failed(self) -> bool:
        return self.error is not None and not self.refused

    @property
    def damaged(self) -> bool:
        return isinstance(self.error, VaultDamaged)

    @property
    def text(self) -> str:
        """The notice for a refusal or failure ('' when it went well or was cancelled)."""
        return failure_text(self.error) if self.error is not None else ""


async def guarded(app, work: Awaitable[T]) -> T | None:
    """Await `work`; an exception it raises goes to the app's one handler (a notice, or the
    damaged-vault screen) instead of ending the app. PgaScreen.run_worker wraps every worker."""
    try:
        return await work
    except Exception as exc:  # noqa: BLE001 - never a traceback on a (shared) screen
        app.report(Outcome.from_error(exc))
        return None
