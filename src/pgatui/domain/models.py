"""The PGA records as pydantic models, validated at the boundary.

Enum values are stable storage codes (Dutch); labels for screens live in the TUI catalogue.
No enum has a default where the choice matters: the suspected ideology in particular must be
chosen every time (the 2024 letter: non-jihadist signals are under-recognised).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from pgatui.domain.bsn import is_valid_bsn
from pgatui.domain.roles import Role


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Phase(StrEnum):
    SIGNAAL = "signaal"
    WEGING = "weging"
    CASUSOVERLEG = "casusoverleg"
    MONITORING = "monitoring"
    AFGESLOTEN = "afgesloten"
    VERNIETIGD = "vernietigd"


class SourceKind(StrEnum):
    ONDERWIJS = "professional_onderwijs"
    JEUGDWERK = "professional_jeugdwerk"
    WIJKAGENT = "wijkagent"
    SOCIAAL_DOMEIN = "sociaal_domein"
    LEERPLICHT = "leerplicht"
    WONEN = "woninginspectie"
    FAMILIE = "familie"
    BURGER = "burger"
    GEMEENTE = "gemeentelijke_afdeling"
    POLITIE = "politie"
    AIVD = "aivd_ambtsbericht"
    TIPLIJN = "anonieme_tiplijn"
    OVERIG = "overig"


class Ideology(StrEnum):
    JIHADISTISCH = "jihadistisch"
    RECHTS = "rechts_extremistisch"
    LINKS = "links_extremistisch"
    ANTI_INSTITUTIONEEL = "anti_institutioneel"
    DIERENRECHTEN = "dierenrechtenextremistisch"
    OVERIG = "overig"
    ONDUIDELIJK = "onduidelijk"


class Urgency(StrEnum):
    LAAG = "laag"
    NORMAAL = "normaal"
    HOOG = "hoog"


class SpecialCategory(StrEnum):
    RELIGIE = "religie"
    GEZONDHEID = "gezondheid"
    STRAFRECHTELIJK = "strafrechtelijk"
    POLITIEK = "politieke_opvatting"
    ETNICITEIT = "etniciteit"


class WeighingOutcome(StrEnum):
    OPNEMEN = "opnemen_pga"
    GEEN_ACTIE = "geen_actie"
    MEER_INFORMATIE = "meer_informatie"
    ZORG_VEILIGHEIDSHUIS = "zorg_veiligheidshuis"
    STRAFRECHTELIJK = "strafrechtelijk_onderzoek"


class CriterionView(StrEnum):
    VAN_TOEPASSING = "van_toepassing"
    NIET_VAN_TOEPASSING = "niet_van_toepassing"
    ONBEKEND = "onbekend"


class InterventionKind(StrEnum):
    GESPREK = "gesprek"
    MENTORING = "mentoring"
    ZORG = "zorg"
    HUISVESTING = "huisvesting"
    WERK = "werk"
    SCHOOL = "school"
    EXIT = "exitprogramma"
    FAMILIE_LSE = "familieondersteuning_lse"
    BESTUURLIJK = "bestuurlijke_maatregel"
    STRAFRECHTELIJK = "strafrechtelijk"
    OVERIG = "overig"


class InterventionStatus(StrEnum):
    GEPLAND = "gepland"
    LOPEND = "lopend"
    GEEVALUEERD = "geevalueerd"
    GESTOPT = "gestopt"


class MinutesStatus(StrEnum):
    CONCEPT = "concept"
    DEFINITIEF = "definitief"


class PersonInput(Record):
    name: str = Field(min_length=1, max_length=200)
    date_of_birth: dt.date
    address: str = Field(default="", max_length=300)
    phone: str = Field(default="", max_length=40)
    bsn: str | None = None

    @field_validator("bsn")
    @classmethod
    def _elfproef(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        value = value.replace(" ", "").replace(".", "")
        if not is_valid_bsn(value):
            raise ValueError("Dit BSN klopt niet (elfproef).")
        return value

    @field_validator("date_of_birth")
    @classmethod
    def _plausible_birth(cls, value: dt.date) -> dt.date:
        if value.year < 1900:
            raise ValueError("Deze geboortedatum is niet aannemelijk.")
        return value


class Person(PersonInput):
    id: int


class SignalInput(Record):
    received_on: dt.date
    received_by: str = Field(min_length=1, max_length=120, description="organisation that received it")
    source_kind: SourceKind
    observed_facts: str = Field(min_length=1, max_length=20000)
    interpretation: str = Field(default="", max_length=20000)
    ideology: Ideology
    urgency: Urgency
    special_categories: frozenset[SpecialCategory] = frozenset()


class Signal(SignalInput):
    id: int
    case_id: int


class Case(Record):
    id: int
    number: str
    phase: Phase
    person_id: int
    owner: str
    opened_on: dt.date
    last_substantive_on: dt.date
    closed_on: dt.date | None = None
    closure_reason: str | None = None
    follow_up_deadline: dt.date | None = None
    next_review_on: dt.date | None = None


class Participant(Record):
    role: Role
    name: str = Field(min_length=1, max_length=120)
    organisation: str = Field(min_length=1, max_length=120)


class CriterionNote(Record):
    criterion_id: str
    view: CriterionView
    note: str = Field(default="", max_length=5000)


class PartyView(Record):
    role: Role
    criteria: tuple[CriterionNote, ...] = ()
    overall: str = Field(default="", max_length=10000)


class Weighing(Record):
    id: int
    case_id: int
    held_on: dt.date
    catalogue_version: str
    participants: tuple[Participant, ...] = ()
    views: tuple[PartyView, ...] = ()
    outcome: WeighingOutcome | None = None
    reasons: str = ""
    follow_up_deadline: dt.date | None = None
    confirmed_by: frozenset[Role] = frozenset()
    disagreement: str = ""
    concluded: bool = False


class Conclusion(Record):
    outcome: WeighingOutcome
    reasons: str = Field(min_length=1, max_length=10000)
    follow_up_deadline: dt.date | None = None
    disagreement: str = Field(default="", max_length=10000)

    @model_validator(mode="after")
    def _deadline_for_more_information(self) -> "Conclusion":
        if self.outcome is WeighingOutcome.MEER_INFORMATIE and self.follow_up_deadline is None:
            raise ValueError("Bij 'meer informatie nodig' hoort een termijn.")
        return self


class Attendance(Record):
    name: str = Field(min_length=1, max_length=120)
    organisation: str = Field(min_length=1, max_length=120)
    role: str = Field(default="", max_length=80)
    present: bool = True


class RiskAssessment(Record):
    instrument: str = Field(min_length=1, max_length=40, description="e.g. VERA-2R, IR46; referenced, never computed")
    assessed_on: dt.date
    outcome: str = Field(min_length=1, max_length=2000)


class SharedInformation(Record):
    supplied_by: str = Field(min_length=1, max_length=120)
    legal_basis: str = Field(min_length=1, max_length=300)
    text: str = Field(min_length=1, max_length=20000)


class InterventionInput(Record):
    kind: InterventionKind
    owner_partner: str = Field(min_length=1, max_length=120)
    starts_on: dt.date
    evaluate_on: dt.date
    description: str = Field(default="", max_length=5000)

    @model_validator(mode="after")
    def _evaluation_after_start(self) -> "InterventionInput":
        if self.evaluate_on < self.starts_on:
            raise ValueError("De evaluatiedatum ligt vóór de start.")
        return self


class Intervention(InterventionInput):
    id: int
    case_id: int
    status: InterventionStatus = InterventionStatus.GEPLAND
    evaluation: str = ""


class ActionItemInput(Record):
    description: str = Field(min_length=1, max_length=2000)
    owner: str = Field(min_length=1, max_length=120)
    due_on: dt.date


class ActionItem(ActionItemInput):
    id: int
    case_id: int
    done_on: dt.date | None = None


class Addendum(Record):
    written_on: dt.date
    author: str
    text: str = Field(min_length=1, max_length=20000)


class CaseMinutes(Record):
    """The minutes of one case item of a meeting."""

    meeting_id: int
    case_id: int
    status: MinutesStatus = MinutesStatus.CONCEPT
    shared: tuple[SharedInformation, ...] = ()
    risk: tuple[RiskAssessment, ...] = ()
    decisions: str = ""
    goals: tuple[str, ...] = ()
    next_review_on: dt.date | None = None
    addenda: tuple[Addendum, ...] = ()


class Meeting(Record):
    id: int
    held_on: dt.date
    chair: str
    attendance: tuple[Attendance, ...] = ()
    agenda: tuple[int, ...] = ()  # case ids
    invited: dict[int, frozenset[str]] = Field(default_factory=dict)  # case id -> partner organisations


class InformingDecision(Record):
    informed_on: dt.date | None = None
    informed_by: str | None = None
    reason_not_to: str | None = None
    reconsider_on: dt.date | None = None

    @model_validator(mode="after")
    def _one_of_two(self) -> "InformingDecision":
        informed = self.informed_on is not None and bool(self.informed_by)
        postponed = bool(self.reason_not_to) and self.reconsider_on is not None
        if informed == postponed:
            raise ValueError("Leg vast: óf wanneer en door wie de persoon is geïnformeerd, "
                             "óf waarom niet en wanneer dat opnieuw wordt bekeken.")
        return self


class LegalHold(Record):
    reason: str = Field(min_length=1, max_length=2000)
    owner: str = Field(min_length=1, max_length=120)
    ends_on: dt.date
    lifted_on: dt.date | None = None

    def active_on(self, day: dt.date) -> bool:
        return self.lifted_on is None and day <= self.ends_on


class Review(Record):
    reviewed_on: dt.date
    still_needed: bool
    reason: str = Field(min_length=1, max_length=5000)


class DestructionRecord(Record):
    """Proof of destruction: never personal data."""

    case_number: str
    rule_id: str
    destroyed_on: dt.date
    actor: str


class HistoryEntry(Record):
    entity: str
    entity_id: int
    field: str
    old: str | None
    new: str | None
    actor: str
    at: dt.datetime
