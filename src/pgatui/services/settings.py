"""Settings of a vault: read them (defaults where none are stored), change them (beheerder).

Settings hold no personal data. A change is audited with the names of the changed settings and
kept per field in settings_history (old and new value, who, when).
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

from pgatui.domain.access import Permission, allowed
from pgatui.domain.settings import Settings
from pgatui.errors import DomainError
from pgatui.services.session import Session
from pgatui.vault import settings_repo as repo


@dataclass(frozen=True)
class SettingChange:
    name: str
    old: str | None  # JSON text, as stored
    new: str
    actor: str
    at: str


def settings_of(conn) -> Settings:
    """The settings in force, read inside a running transaction (for other services)."""
    stored = repo.stored_settings(conn)
    known = {name: value for name, value in stored.items() if name in Settings.model_fields}
    try:
        return Settings(**known)
    except ValidationError:
        # A setting stored by an older or newer pgatui that no longer validates: the defaults
        # are safe (they never shorten a warning or skip a confirmation) and a beheerder can
        # save valid values again.
        return Settings()


def read_settings(session: Session) -> Settings:
    """The vault's settings, for every signed-in user.

    Not audited: settings are no personal data, and the app reads them at every unlock (which
    is audited itself); changes are audited.
    """
    with session.vault.transaction() as conn:
        return settings_of(conn)


def change_settings(session: Session, **changes) -> Settings:
    """Change settings (beheerder only); one audit event naming the settings, history per field."""
    session.authorize(Permission.SETTINGS_CHANGE, object_id="settings")
    unknown = sorted(set(changes) - set(Settings.model_fields))
    if unknown:
        raise DomainError("settings.unknown", names=unknown)
    with session.vault.transaction() as conn:
        current = settings_of(conn)
        new = _validated({**current.model_dump(), **changes})
        changed = [name for name in Settings.model_fields if getattr(new, name) != getattr(current, name)]
        old_values, new_values = current.model_dump(mode="json"), new.model_dump(mode="json")
        for name in changed:
            repo.store_setting(conn, name, old_values[name], new_values[name], session.user.login, session.now())
        if changed:
            session.vault.audit("settings.change", object_id="settings:" + ",".join(changed))
        return new


def _validated(values: dict) -> Settings:
    """Settings from `values`, or DomainError naming the field that is wrong."""
    try:
        return Settings(**values)
    except ValidationError as exc:
        field = ".".join(str(p) for p in exc.errors()[0]["loc"]) or "instellingen"
        raise DomainError("settings.invalid", field=field, problem=exc) from None


def settings_history(session: Session) -> list[SettingChange]:
    """Who changed which setting and when (beheerder, toezicht); reading it is audited."""
    authorize_any(session, (Permission.SETTINGS_CHANGE, Permission.AUDIT_READ), "settings")
    with session.change("settings.history_read", "settings") as conn:
        return [SettingChange(*row) for row in repo.settings_history(conn)]


def authorize_any(session: Session, permissions: tuple[Permission, ...], object_id: str) -> None:
    """Allowed when the role has any of `permissions`; the refusal names the first."""
    if not any(allowed(session.user.role, p) for p in permissions):
        session.authorize(permissions[0], object_id=object_id)  # audits the refusal and raises
