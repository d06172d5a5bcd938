"""The one exception hierarchy of pgatui, shared by every layer.

Each error carries the exit code of DESIGN.md's command line contract, so the CLI maps an
exception to an exit code in one place and the TUI can tell a wrong password from a damaged
vault without string matching. Messages are short, one line, and never hold a secret or case
content (they may end up on a shared screen).
"""

from __future__ import annotations


class PgaError(Exception):
    """Base of every expected failure. Exit code 1: the operation failed."""

    exit_code = 1


class UsageError(PgaError):
    """Bad arguments or input that does not fit the command."""

    exit_code = 2


class AuthenticationFailed(PgaError):
    """Wrong password or unknown user (one message for both: no user enumeration)."""

    exit_code = 3


class PasswordChangeRequired(AuthenticationFailed):
    """The user still has a one-time password and may only change it."""


class Throttled(AuthenticationFailed):
    """Too many failed logins: wait `retry_after` seconds before trying again."""

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class VaultDamaged(PgaError):
    """The database, keyring or audit chain fails its integrity checks."""

    exit_code = 4


class VaultBusy(PgaError):
    """Another process holds the vault (a rotation or restore, or a long write): not damage.

    Nothing was changed; the same action may simply be tried again a little later.
    """

    exit_code = 5


BUSY_WRITING = "Kluis bezet: een ander proces schrijft nu in de kluis. Probeer het over enkele seconden opnieuw."


class VaultNotFound(PgaError):
    """There is no vault at the given path."""


class AccessDenied(PgaError):
    """The acting user's role does not allow this action on this object."""


class DomainError(PgaError):
    """A rule of the PGA process refuses the action (illegal transition, missing precondition)."""


class NotFound(PgaError):
    """The named object does not exist (or is not visible to this user)."""


class PasswordPolicyError(UsageError):
    """A new password does not meet the password policy."""
