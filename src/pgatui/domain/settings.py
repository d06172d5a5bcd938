"""Settings of a vault, with their defaults. Pure: the services store and load them.

Where DOMAIN.md says a fact is not settled (review interval, second confirmation of
destruction), it is a setting here rather than a constant in the rules.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from pgatui.errors import InvalidValue


class Language(StrEnum):
    NL = "nl"
    EN = "en"


# The legal bases a party may name for the information it brought to a weighing (issue 14): the
# region keeps its own list in the settings; the weighing dialog adds "anders" (own words).
DEFAULT_LEGAL_BASES = (
    "Wpg art. 20 (politiegegevens aan een samenwerkingsverband)",
    "Wjsg art. 39f (strafvorderlijke en justitiële gegevens, OM)",
    "AVG art. 6 lid 1 onder e (publieke taak van de gemeente)",
    "Convenant Zorg- en Veiligheidshuis",
)
LegalBasis = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    auto_lock_minutes: int = Field(default=5, ge=1, le=240)
    retention_warning_days: int = Field(default=90, ge=1, le=3650)
    retention_marks: tuple[int, ...] = (30, 7)  # stronger marking as the deadline nears
    review_interval_months: int = Field(default=12, ge=1, le=120)  # proposed in parliament: yearly
    unfinalised_minutes_warning_days: int = Field(default=14, ge=1, le=365)
    # A passed deadline shows to the case director at once, and after this many days also to
    # every gemeente user of the case's municipality (issue 11: nothing falls out of sight).
    overdue_escalation_days: int = Field(default=14, ge=0, le=365)
    destruction_second_confirmation: bool = False  # a second gemeente user confirms destruction
    reintegration_lead_weeks: int = Field(default=8, ge=1, le=104)  # task before a release from detention
    shared_screen_default: bool = False  # the weighing session switches it on regardless
    legal_bases: tuple[LegalBasis, ...] = Field(default=DEFAULT_LEGAL_BASES, max_length=20)
    language: Language = Language.NL

    @model_validator(mode="after")
    def _marks_inside_the_window(self) -> Settings:
        if any(m < 0 or m >= self.retention_warning_days for m in self.retention_marks):
            raise InvalidValue("validation.marks_inside_window")
        if len(set(self.retention_marks)) != len(self.retention_marks):
            raise InvalidValue("validation.marks_unique")
        return self


DEFAULT_SETTINGS = Settings()
