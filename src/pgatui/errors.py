"""The one exception hierarchy of pgatui, shared by every layer.

Each error carries the exit code of DESIGN.md's command line contract, so the CLI maps an
exception to an exit code in one place and the TUI can tell a wrong password from a damaged
vault by class, never by message text.

An error is a code and parameters, `DomainError("case.not_on_agenda")` or
`NotFound("case.number_unknown", number="PGA-2026-0007")`; the sentence a user reads comes from
the catalogue `pgatui.messages` (Dutch and English per code), so the TUI in English shows no
Dutch. `str(exc)` is the Dutch sentence (the CLI's language, and what logs and tests read).
Parameters are ids, names, numbers and paths, never a secret or case content (a message may end
up on a shared screen). A parameter may itself be an error (or a list of errors): it is rendered
in the same language.
"""

from __future__ import annotations

import re

CODE_PATTERN = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)+")


def is_code(text: object) -> bool:
    """Whether `text` is an error code (`group.name`), not a sentence."""
    return isinstance(text, str) and CODE_PATTERN.fullmatch(text) is not None


class PgaError(Exception):
    """Base of every expected failure. Exit code 1: the operation failed."""

    exit_code = 1
    code = "error.failed"  # the code of `raise SomeError()` without one

    def __init__(self, code: str | None = None, /, **params: object) -> None:
        if code is not None and not is_code(code):
            # A sentence instead of a code (code not converted yet): kept as the Dutch text, with
            # the class's code for every other language. tests/test_messages.py flags such raises.
            params = {**params, "sentence": code}
            code = None
        self.code = code or type(self).code
        self.params = params
        super().__init__(self.code)

    def __str__(self) -> str:
        from pgatui.messages import error_text

        return error_text(self, "nl")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r})"  # the code only: parameters may name people


class UsageError(PgaError):
    """Bad arguments or input that does not fit the command."""

    exit_code = 2
    code = "usage.invalid"


class AuthenticationFailed(PgaError):
    """The login was refused after the password was checked, or could not be finished."""

    exit_code = 3
    code = "auth.failed"


class WrongLogin(AuthenticationFailed):
    """Wrong password or unknown user (one class and one sentence for both: no user enumeration)."""

    code = "auth.wrong_login"


class PasswordChangeRequired(AuthenticationFailed):
    """The user still has a one-time password and may only change it."""

    code = "auth.password_change_required"


class Throttled(AuthenticationFailed):
    """Too many failed logins: wait `retry_after` seconds before trying again."""

    code = "auth.throttled"

    def __init__(self, code: str | None = None, retry_after: float = 1.0, /, **params: object) -> None:
        retry_after = float(params.pop("retry_after", retry_after))  # by keyword too: Throttled(retry_after=3)
        super().__init__(code, seconds=int(retry_after) + 1, **params)
        self.retry_after = retry_after


class VaultDamaged(PgaError):
    """The database, keyring or audit chain fails its integrity checks."""

    exit_code = 4
    code = "vault.damaged"


class VaultBusy(PgaError):
    """Another process holds the vault (a rotation or restore, or a long write): not damage.

    Nothing was changed; the same action may simply be tried again a little later.
    """

    exit_code = 5
    code = "vault.busy"


BUSY_WRITING = "vault.busy_writing"  # the code of VaultBusy for a write that waited too long


class VaultNotFound(PgaError):
    """There is no vault at the given path."""

    code = "vault.not_found"


class AccessDenied(PgaError):
    """The acting user's role does not allow this action on this object."""

    code = "access.denied"


class DomainError(PgaError):
    """A rule of the PGA process refuses the action (illegal transition, missing precondition)."""

    code = "domain.refused"


class InvalidValue(DomainError, ValueError):
    """A model validator's refusal: a ValueError (so pydantic reports it per field) with a code
    (so `pgatui.messages.validation_texts` shows it in the user's language)."""

    code = "validation.invalid"


class NotFound(PgaError):
    """The named object does not exist (or is not visible to this user)."""

    code = "not_found.object"


class PasswordPolicyError(UsageError):
    """A new password does not meet the password policy."""

    code = "password.policy"
