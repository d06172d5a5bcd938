"""Signing in and the accounts' own keys: unlock (which opens a session), password change and
break-glass recovery. The TUI and the CLI reach the vault's authentication only through here.

The argon2 work happens in the vault layer; these functions add no I/O of their own, so the TUI
can run them on its vault thread as before. Every outcome is audited by the vault: a login and a
password change as events, a failed login as a pending event (no key is open yet).
"""

from __future__ import annotations

from pathlib import Path

from pgatui.vault import vault as _vault
from pgatui.vault.recovery import Recovery
from pgatui.vault.recovery import recover as _recover

__all__ = ["Recovery", "change_password", "demo_accounts", "recover", "require_vault", "unlock"]


def require_vault(path) -> Path:
    """The vault folder at `path`: VaultNotFound (exit 1) or VaultDamaged (exit 4) before any
    password is asked, so nobody types a password for a vault that is not there."""
    return _vault.find_vault(path)


def unlock(path, login: str, password: str):
    """Open the vault as `login` (the open vault the TUI keeps on its vault thread).

    Raises WrongLogin (unknown user or wrong password, one error for both), Throttled (with
    `retry_after`), PasswordChangeRequired (a one-time password: change it first), another
    AuthenticationFailed (disabled account, no current key), VaultNotFound, VaultDamaged, VaultBusy.
    """
    return _vault.open_vault(path, login, password)


def change_password(path, login: str, current: str, new: str) -> None:
    """Replace `login`'s password (also a one-time one). Only the keyring changes; data.db stays
    closed and the event waits, signed, in pending.json until the next unlock chains it.
    PasswordPolicyError for a weak or unchanged new password; WrongLogin for a wrong current one."""
    _vault.change_password(path, login, current, new)


def recover(path, code: str, *, reset: str | None = None, new_admin: str | None = None,
            organisation: str | None = None) -> Recovery:
    """Break glass with the recovery code: a new one-time password for `reset`, or a new
    administrator `new_admin`; the code is renewed (the old one stops working). Audited."""
    return _recover(path, code, reset=reset, new_admin=new_admin, organisation=organisation)


def demo_accounts(path) -> list[tuple[str, str, str]]:
    """(login, password, role) of a demo vault's synthetic accounts, readable before unlock; [] otherwise."""
    return _vault.demo_accounts(path)
