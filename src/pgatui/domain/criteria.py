"""The criteria catalogue: versioned, each criterion with a short explanation and its kind.

The shipped file is the default: a vault adopts its versions when it is made (or migrated), and
a gemeente user or the beheerder adopts newer ones in the vault (services.criteria). A weighing
stores the full text of the catalogue it used, so a later adoption or a change of the shipped
file never changes what an earlier weighing meant. The room records one joint view per criterion;
nothing here scores them or counts them (the minister: not a checklist).
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field, model_validator

from pgatui.assets import asset_path
from pgatui.domain.enums import CriterionKind
from pgatui.errors import DomainError

CATALOGUE_FILE = "criteria-catalogue.json"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Criterion(_Frozen):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    title: str = Field(min_length=1, max_length=120)
    explanation: str = Field(min_length=1, max_length=2000)
    # Catalogues from before the kinds read as risk factors (they were all on one scale).
    kind: CriterionKind = CriterionKind.RISICO


class Catalogue(_Frozen):
    version: str = Field(min_length=1, max_length=40)
    adopted: dt.date
    source: str = Field(min_length=1)
    note: str = Field(min_length=1)
    criteria: tuple[Criterion, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Catalogue:
        if len(set(self.ids())) != len(self.criteria):
            raise ValueError(f"criteria ids must be unique in catalogue {self.version}")
        return self

    def ids(self) -> list[str]:
        return [c.id for c in self.criteria]

    def of_kind(self, kind: CriterionKind) -> list[Criterion]:
        return [c for c in self.criteria if c.kind is kind]

    def titles(self, ids) -> list[str]:
        """The titles of `ids`, in catalogue order (what a person reads instead of codes)."""
        wanted = set(ids)
        return [c.title for c in self.criteria if c.id in wanted]

    def criterion(self, criterion_id: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise DomainError("criteria.unknown_criterion", criterion=criterion_id, version=self.version)


class CatalogueFile(_Frozen):
    current: str
    versions: tuple[Catalogue, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _current_exists_and_versions_unique(self) -> CatalogueFile:
        names = [c.version for c in self.versions]
        if len(set(names)) != len(names):
            raise ValueError("catalogue versions must be unique")
        if self.current not in names:
            raise ValueError(f"current catalogue version {self.current} is not in the file")
        return self


@lru_cache(maxsize=4)
def load_catalogue_file(name: str = CATALOGUE_FILE) -> CatalogueFile:
    return CatalogueFile.model_validate(json.loads(asset_path(name).read_text(encoding="utf-8")))


def load_catalogue(version: str | None = None, *, name: str = CATALOGUE_FILE) -> Catalogue:
    """The catalogue in force (version None) or the named version a weighing recorded."""
    catalogue_file = load_catalogue_file(name)
    wanted = version or catalogue_file.current
    for catalogue in catalogue_file.versions:
        if catalogue.version == wanted:
            return catalogue
    raise DomainError("criteria.unknown_version", version=wanted)


def catalogue_versions(*, name: str = CATALOGUE_FILE) -> list[str]:
    return [c.version for c in load_catalogue_file(name).versions]


def shipped_catalogues(*, name: str = CATALOGUE_FILE) -> list[Catalogue]:
    """Every version in the shipped file, the one in force last (the order a new vault adopts them)."""
    catalogue_file = load_catalogue_file(name)
    current = load_catalogue(name=name)
    return [c for c in catalogue_file.versions if c.version != current.version] + [current]


def parse_catalogue(text: str) -> Catalogue:
    """One catalogue version from JSON text (a file a user adopts); ValueError when it is not one."""
    return Catalogue.model_validate(json.loads(text))
