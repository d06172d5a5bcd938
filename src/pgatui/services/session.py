"""A Session: an open vault plus the acting user; authorisation and audit in one place."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pgatui import clock
from pgatui.domain.access import Permission, allowed
from pgatui.errors import AccessDenied


class Session:
    def __init__(self, vault) -> None:
        self.vault = vault
        self.user = vault.user

    def authorize(self, permission: Permission, *, object_id: str | None = None,
                  invited: frozenset[str] | None = None, party=None, owner_organisation: str | None = None) -> None:
        """Refuse (and audit the refusal) unless the user's role allows `permission` here."""
        if not allowed(self.user.role, permission, organisation=self.user.organisation, invited_organisations=invited,
                       party=party, owner_organisation=owner_organisation):
            self.vault.audit_refusal(permission.value, object_id=object_id)
            raise AccessDenied("U heeft geen toegang tot deze handeling.")

    @contextmanager
    def change(self, action: str, object_id: str | None = None) -> Iterator:
        """One transaction for the action, with its audit event written inside it."""
        with self.vault.transaction() as conn:
            yield conn
            self.vault.audit(action, object_id=object_id)

    def now(self):
        return clock.utcnow()

    def today(self):
        return clock.today()
