"""The register of organisations (issue 11): one record per organisation, with its kind.

Access and invitations refer to an organisation by its id, never by its name, so renaming an
organisation changes no one's access. The vault's municipalities are its organisations of kind
`gemeente`; every case belongs to one of them.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from pgatui.domain.roles import Role
from pgatui.errors import InvalidValue


class OrganisationKind(StrEnum):
    GEMEENTE = "gemeente"
    POLITIE = "politie"
    OM = "om"
    RECLASSERING = "reclassering"
    RAAD_KINDERBESCHERMING = "raad_kinderbescherming"
    JEUGDZORG = "jeugdzorg"
    GGZ = "ggz"
    ONDERWIJS = "onderwijs"
    ZORG_VEILIGHEIDSHUIS = "zorg_veiligheidshuis"
    WONINGCORPORATIE = "woningcorporatie"
    DJI = "dji"
    ADVISEUR = "adviseur"  # e.g. NCTV, Landelijk Steunpunt Extremisme
    OVERIG = "overig"

    @property
    def label_nl(self) -> str:
        return KIND_LABELS_NL[self]


KIND_LABELS_NL: dict[OrganisationKind, str] = {
    OrganisationKind.GEMEENTE: "Gemeente",
    OrganisationKind.POLITIE: "Politie",
    OrganisationKind.OM: "Openbaar Ministerie",
    OrganisationKind.RECLASSERING: "Reclassering",
    OrganisationKind.RAAD_KINDERBESCHERMING: "Raad voor de Kinderbescherming",
    OrganisationKind.JEUGDZORG: "Jeugdzorg",
    OrganisationKind.GGZ: "GGZ",
    OrganisationKind.ONDERWIJS: "Onderwijs",
    OrganisationKind.ZORG_VEILIGHEIDSHUIS: "Zorg- en Veiligheidshuis",
    OrganisationKind.WONINGCORPORATIE: "Woningcorporatie",
    OrganisationKind.DJI: "Dienst Justitiële Inrichtingen",
    OrganisationKind.ADVISEUR: "Adviseur (bijv. NCTV, LSE)",
    OrganisationKind.OVERIG: "Overig",
}

# The kind an account of a core role must belong to.
KIND_OF_ROLE: dict[Role, OrganisationKind] = {
    Role.GEMEENTE: OrganisationKind.GEMEENTE,
    Role.POLITIE: OrganisationKind.POLITIE,
    Role.OM: OrganisationKind.OM,
}

# Name beginnings that tell the kind of an organisation named before the register existed.
_NAME_HINTS: tuple[tuple[str, OrganisationKind], ...] = (
    ("gemeente", OrganisationKind.GEMEENTE), ("politie", OrganisationKind.POLITIE),
    ("openbaar ministerie", OrganisationKind.OM), ("om ", OrganisationKind.OM),
    ("reclassering", OrganisationKind.RECLASSERING), ("raad voor de kinderbescherming", OrganisationKind.RAAD_KINDERBESCHERMING),
    ("jeugdzorg", OrganisationKind.JEUGDZORG), ("ggz", OrganisationKind.GGZ), ("onderwijs", OrganisationKind.ONDERWIJS),
    ("zorg- en veiligheidshuis", OrganisationKind.ZORG_VEILIGHEIDSHUIS), ("woningcorporatie", OrganisationKind.WONINGCORPORATIE),
    ("dji", OrganisationKind.DJI), ("nctv", OrganisationKind.ADVISEUR),
)


class Organisation(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    name: str
    kind: OrganisationKind

    @property
    def is_municipality(self) -> bool:
        return self.kind is OrganisationKind.GEMEENTE


def parse_kind(text: str) -> OrganisationKind:
    """The kind named by `text` (its code); ValueError lists the valid codes."""
    try:
        return OrganisationKind(text.strip().lower())
    except ValueError:
        valid = ", ".join(k.value for k in OrganisationKind)
        raise InvalidValue("organisation.unknown_kind", kind=text, valid=valid) from None


def guess_kind(name: str, role: Role | None = None) -> OrganisationKind:
    """The kind of an organisation known only by name (migrating a vault from before the register):
    the role of its account where that settles it, else the beginning of its name."""
    if role in KIND_OF_ROLE:
        return KIND_OF_ROLE[role]
    lowered = name.strip().lower() + " "
    return next((kind for start, kind in _NAME_HINTS if lowered.startswith(start)), OrganisationKind.OVERIG)


def default_municipalities(role: Role, organisation: Organisation) -> list[int] | None:
    """The municipalities an account sees unless it lists them: a gemeente user its own
    municipality, politie and OM all of the vault (None), everyone else none."""
    if role is Role.GEMEENTE:
        return [organisation.id] if organisation.is_municipality else []
    if role in (Role.POLITIE, Role.OM):
        return None
    return []


def proposed_municipality(address: str, municipalities: list[Organisation], own: list[int]) -> int | None:
    """The municipality an intake proposes: the one whose place name occurs in the person's address
    (the longest name wins: "Gemeente Den Haag" before "Gemeente Haag"), else the user's own first."""
    text = " " + " ".join("".join(c if c.isalnum() else " " for c in address.lower()).split()) + " "
    found = [m for m in municipalities if f" {place_name(m.name).lower()} " in text]
    if found:
        return max(found, key=lambda m: len(m.name)).id
    return own[0] if own else None


def place_name(name: str) -> str:
    """'Gemeente Utrecht' -> 'Utrecht': the part of a municipality's name an address holds."""
    words = name.split()
    rest = words[1:] if words and words[0].lower() == "gemeente" and len(words) > 1 else words
    return " ".join("".join(c if c.isalnum() else " " for c in " ".join(rest)).split())
