"""The criteria catalogue: versioned, each criterion with a short explanation.

A weighing records the catalogue version it used, so later edits of the catalogue never change
what an earlier weighing meant.
"""

from __future__ import annotations

import json
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field

from pgatui.assets import asset_path


class Criterion(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    title: str = Field(min_length=1)
    explanation: str = Field(min_length=1)


class Catalogue(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    version: str
    adopted: str
    note: str
    criteria: tuple[Criterion, ...] = Field(min_length=1)

    def ids(self) -> list[str]:
        return [c.id for c in self.criteria]


@lru_cache(maxsize=4)
def load_catalogue(name: str = "criteria-catalogue.json") -> Catalogue:
    catalogue = Catalogue.model_validate(json.loads(asset_path(name).read_text(encoding="utf-8")))
    if len(set(catalogue.ids())) != len(catalogue.criteria):
        raise ValueError("criteria ids must be unique")
    return catalogue
