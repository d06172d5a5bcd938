"""User administration (administrators): add, list and disable accounts. The vault checks the
role, keeps the keyring and audits each change; the CLI reaches it only through here."""

from __future__ import annotations

from pgatui.services.session import Session


def add_user(session: Session, login: str, role: str, organisation: str | int, **scope) -> str:
    """A new account with a one-time password (returned: shown once). `scope` may name
    `municipalities` (ids or names; None: all, for politie and OM); without it the role's default.
    The organisation must be in the register (it is not added on the fly)."""
    return session.vault.add_user(login, role, organisation, register=False, **scope)


def list_users(session: Session) -> list:
    """Every account (UserInfo), with the register to name their municipalities."""
    return session.vault.list_users()


def disable_user(session: Session, login: str) -> None:
    """Disable `login` (not oneself); a key rotation afterwards makes old key copies worthless."""
    session.vault.disable_user(login)
