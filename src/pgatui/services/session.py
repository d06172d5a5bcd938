"""A Session: an open vault plus the acting user; authorisation and audit in one place."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pgatui import clock
from pgatui.domain.access import Permission, allowed, in_municipality_scope, possible, scope_of
from pgatui.domain.roles import Role
from pgatui.errors import AccessDenied

DENIED = "access.denied"


class Session:
    def __init__(self, vault) -> None:
        self.vault = vault
        self.user = vault.user

    @property
    def scope(self) -> tuple[int, ...] | None:
        """The municipalities whose cases this user may see (None: all); lists filter on it in SQL."""
        return scope_of(self.user.role, self.user.municipalities)

    def authorize(self, permission: Permission, *, object_id: str | None = None,
                  invited: frozenset | None = None, party=None, owner_organisation: str | None = None) -> None:
        """Refuse (and audit the refusal) unless the user's role allows `permission` here, and, for
        a case or weighing named by `object_id`, unless the case is of one of the user's municipalities.

        A partner is matched by organisation id: `invited` holds the ids of the organisations
        invited to the case; `owner_organisation` (a name from the record) is looked up in the register.
        """
        if not self.permits(permission, object_id=object_id, invited=invited, party=party,
                            owner_organisation=owner_organisation):
            self.vault.audit_refusal(permission.value, object_id=object_id)
            raise AccessDenied(DENIED)

    def permits(self, permission: Permission, *, object_id: str | None = None, invited: frozenset | None = None,
                party=None, owner_organisation: str | None = None) -> bool:
        """Whether `authorize` would pass (nothing audited: no action was tried)."""
        return (self._role_allows(permission, invited, party, owner_organisation)
                and self._in_scope(object_id))

    def permitted_on(self, object_id: str, *, invited: frozenset | None = None) -> frozenset[Permission]:
        """Every action this user may take on the case or weighing `object_id`: what a screen offers
        (a party-scoped action counts as the user's own party's)."""
        if not self._in_scope(object_id):
            return frozenset()
        return frozenset(p for p in possible(self.user.role)
                         if self._role_allows(p, invited, self.user.role, None))

    def _role_allows(self, permission: Permission, invited, party, owner_organisation) -> bool:
        partner = self.user.role is Role.PARTNER
        organisation = self.user.organisation_id if partner else self.user.organisation
        owner = self._organisation_id(owner_organisation) if partner and owner_organisation else owner_organisation
        return allowed(self.user.role, permission, organisation=organisation, invited_organisations=invited,
                       party=party, owner_organisation=owner)

    def _in_scope(self, object_id: str | None) -> bool:
        return in_municipality_scope(self.user.role, self.scope, *self._case_municipality(object_id))

    def own_invitation(self) -> frozenset[int]:
        """A partner's own organisation, as the invitation set of its list and read checks."""
        return frozenset({self.user.organisation_id}) if self.user.organisation_id is not None else frozenset()

    def _case_municipality(self, object_id: str | None) -> tuple[bool, int | None]:
        """(whether `object_id` names an existing case or weighing, the municipality of that case)."""
        kind, _, number = (object_id or "").partition(":")
        if kind not in ("case", "weighing") or not number.isdigit():
            return False, None
        table = "cases WHERE id = ?" if kind == "case" else "cases WHERE id = (SELECT case_id FROM weighings WHERE id = ?)"
        row = self.vault.conn.execute(f"SELECT municipality_id FROM {table}", (int(number),)).fetchone()
        return (row is not None), (row[0] if row else None)

    def _organisation_id(self, name: str) -> int | None:
        row = self.vault.conn.execute("SELECT id FROM organisations WHERE lower(name) = lower(?)", (name,)).fetchone()
        return row[0] if row else None

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
