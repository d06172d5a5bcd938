"""The roles of DESIGN.md's command line contract."""

from __future__ import annotations

from enum import StrEnum

from pgatui.errors import InvalidValue


class Role(StrEnum):
    BEHEERDER = "beheerder"  # administrator: users, keys, backups; no case content
    GEMEENTE = "gemeente"  # municipal case director
    POLITIE = "politie"
    OM = "om"  # openbaar ministerie, the public prosecutor
    PARTNER = "partner"  # chain partner, invited per case
    TOEZICHT = "toezicht"  # privacy officer / auditor: audit log and retention reports only

    @property
    def label_nl(self) -> str:
        return ROLE_LABELS_NL[self]

    @property
    def label_en(self) -> str:
        """For messages in English (pgatui.messages translates a parameter by its `label_<lang>`)."""
        return ROLE_LABELS_EN[self]


CORE_PARTNERS: tuple[Role, ...] = (Role.GEMEENTE, Role.POLITIE, Role.OM)

ROLE_LABELS_NL: dict[Role, str] = {
    Role.BEHEERDER: "Beheerder",
    Role.GEMEENTE: "Gemeente",
    Role.POLITIE: "Politie",
    Role.OM: "Openbaar Ministerie",
    Role.PARTNER: "Ketenpartner",
    Role.TOEZICHT: "Functionaris gegevensbescherming",
}
ROLE_LABELS_EN: dict[Role, str] = {
    Role.BEHEERDER: "Administrator",
    Role.GEMEENTE: "Gemeente",
    Role.POLITIE: "Politie",
    Role.OM: "Openbaar Ministerie",
    Role.PARTNER: "Chain partner",
    Role.TOEZICHT: "Data protection officer",
}


def parse_role(text: str) -> Role:
    """The Role named by `text`; ValueError lists the valid names."""
    try:
        return Role(text.strip().lower())
    except ValueError:
        valid = ", ".join(r.value for r in Role)
        raise InvalidValue("role.unknown", role=text, valid=valid) from None
