"""The PGA records as pydantic models, validated at the boundary.

`...Input` models are what a service takes from a screen or the CLI; the plain models are what
services return (an input plus its ids and derived state). Every model is frozen and refuses
unknown fields, so a typo in a field name fails loudly instead of vanishing.

The enums live in `pgatui.domain.enums` and are re-exported here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from pgatui.domain.bsn import normalise_bsn
from pgatui.domain.criteria import Catalogue
from pgatui.domain.enums import (CLOSING_OUTCOMES, OPEN_PHASES, AgendaReason, CodeEnum, CriminalTrack, CriterionView,
                                 Gender, Ideology, InterventionKind, InterventionStatus, MinutesStatus, Phase, SourceKind,
                                 SpecialCategory, Urgency, WeighingOutcome)
from pgatui.domain.roles import CORE_PARTNERS, Role
from pgatui.errors import InvalidValue

__all__ = [  # the enums, re-exported for callers that import everything from models
    "AgendaReason", "CLOSING_OUTCOMES", "CodeEnum", "CriminalTrack", "CriterionView", "Gender", "Ideology", "InterventionKind",
    "InterventionStatus", "MinutesStatus", "OPEN_PHASES", "Phase", "SourceKind", "SpecialCategory", "Urgency",
    "WeighingOutcome",
]


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


def _distinct_ideologies(values: tuple[Ideology, ...]) -> tuple[Ideology, ...]:
    """No ideology twice; kept in the catalogue's order, so equal sets read and compare alike."""
    _unique(values, "validation.duplicate_ideology")
    return tuple(sorted(values, key=list(Ideology).index))


def _some_ideology(values: tuple[Ideology, ...]) -> tuple[Ideology, ...]:
    if not values:
        raise InvalidValue("validation.ideology_required")
    return values


# The phenomenon as suspected or assessed: one or more ideologies, "gemengd of onduidelijk"
# (Ideology.ONDUIDELIJK) beside named ones if the room sees it so (the 2024 letter: non-jihadist
# signals are under-recognised, so a set is never filled in by default).
IdeologySet = Annotated[tuple[Ideology, ...], AfterValidator(_distinct_ideologies)]
Ideologies = Annotated[IdeologySet, AfterValidator(_some_ideology)]


def _core_partner(role: Role) -> Role:
    if role not in CORE_PARTNERS:
        raise InvalidValue("weighing.core_partners_only")
    return role


def _unique(values: Iterable, code: str) -> None:
    """InvalidValue(`code`, value=...) for the first value that occurs twice."""
    seen: set = set()
    for value in values:
        if value in seen:
            raise InvalidValue(code, value=value)
        seen.add(value)


Name = Annotated[str, Field(min_length=1, max_length=120)]
Line = Annotated[str, Field(max_length=300)]
Text = Annotated[str, Field(max_length=20000)]
RequiredText = Annotated[str, Field(min_length=1, max_length=20000)]
CoreRole = Annotated[Role, AfterValidator(_core_partner)]
CaseNumber = Annotated[str, Field(pattern=r"^PGA-\d{4}-\d{5,}$")]
Id = Annotated[int, Field(ge=1)]


# --- person and signal -------------------------------------------------------------------------

class PersonInput(Record):
    """The person concerned. Address may be unknown at intake (an AIVD ambtsbericht is sparse)."""

    name: Name
    date_of_birth: dt.date
    address: Line = ""
    phone: str = Field(default="", max_length=40)
    bsn: str | None = None
    gender: Gender = Gender.ONBEKEND  # optional at intake; persons stored before it read as unknown

    @field_validator("gender", mode="before")
    @classmethod
    def _unknown_when_missing(cls, value: object) -> object:
        return Gender.ONBEKEND if value is None or value == "" else value

    @field_validator("bsn", mode="before")
    @classmethod
    def _elfproef(cls, value: object) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        bsn = normalise_bsn(str(value))
        if bsn is None:
            raise InvalidValue("validation.bsn_checksum")
        return bsn

    @field_validator("date_of_birth")
    @classmethod
    def _plausible_birth(cls, value: dt.date) -> dt.date:
        if value.year < 1900:
            raise InvalidValue("validation.birth_date_implausible")
        return value


# Shown where a value sealed for a compartment the account holds no key of would be.
SEALED = "afgeschermd"


class Person(PersonInput):
    id: Id
    # Read by an account without the key of the person's compartment: only the id is real, the
    # name is the placeholder "afgeschermd" (vault/sealer.py) and the date of birth None.
    sealed: bool = False


class SignalInput(Record):
    """A signal as taken in: facts kept apart from their interpretation (DOMAIN.md, phase 1)."""

    received_on: dt.date
    received_by: Name = Field(description="organisation that received the signal")
    source_kind: SourceKind
    observed_facts: RequiredText
    interpretation: Text = ""
    ideologies: Ideologies  # one or more, no default, ever
    urgency: Urgency
    special_categories: frozenset[SpecialCategory] = frozenset()

    @model_validator(mode="before")
    @classmethod
    def _one_ideology_as_set(cls, data: object) -> object:
        """`ideology=` (one, as before issue 14) is read as a set of one: callers and data of
        before keep working."""
        if isinstance(data, dict) and "ideology" in data:
            data = dict(data)
            one = data.pop("ideology")
            data.setdefault("ideologies", () if one is None else (one,))
        return data


class Signal(SignalInput):
    id: Id
    case_id: Id


# --- case ----------------------------------------------------------------------------------------

class Case(Record):
    id: Id
    number: CaseNumber
    phase: Phase
    person_id: Id
    owner: Name
    opened_on: dt.date
    last_substantive_on: dt.date  # last discussion, weighing or closure: retention runs from it
    closed_on: dt.date | None = None
    closure_reason: str | None = None
    follow_up_deadline: dt.date | None = None  # set by "meer informatie nodig"
    next_review_on: dt.date | None = None
    municipality_id: int | None = None  # the municipality (register id) the case belongs to
    director: str | None = None  # login of the case director (procesregisseur), a gemeente user of it

    @model_validator(mode="after")
    def _closed_cases_have_date_and_reason(self) -> Case:
        if self.phase is Phase.AFGESLOTEN and (self.closed_on is None or not self.closure_reason):
            raise InvalidValue("validation.closed_case_needs_reason")
        if self.phase in OPEN_PHASES and self.closed_on is not None:
            raise InvalidValue("validation.open_case_no_close_date")
        return self

    @property
    def is_open(self) -> bool:
        return self.phase in OPEN_PHASES


class CloseInput(Record):
    reason: RequiredText


# --- weighing ------------------------------------------------------------------------------------

class Participant(Record):
    """A core partner present at the weighing: who, for which organisation, and the information
    basis: what it brought (a short description, no copies of police systems) and the legal
    basis on which it shared it (from the vault's list, or the party's own words for 'anders')."""

    role: CoreRole
    name: Name
    organisation: Name
    brought: Line = ""
    legal_basis: Line = ""


class CriterionNote(Record):
    criterion_id: str = Field(pattern=r"^[a-z0-9-]+$")
    view: CriterionView
    note: Text = ""


class JointView(Record):
    """The room's one view on a criterion (issue 14: one joint view, not one per party)."""

    criterion_id: str = Field(pattern=r"^[a-z0-9-]+$")
    view: CriterionView
    note: Text = ""


class Dissent(Record):
    """A present party that does not share the joint view on a criterion: its own view and why."""

    role: CoreRole
    criterion_id: str = Field(pattern=r"^[a-z0-9-]+$")
    view: CriterionView
    note: RequiredText


class PartyView(Record):
    """One core partner's preference and overall view. Weighings from before the joint views
    (issue 14) also hold its view per criterion; those still read."""

    role: CoreRole
    criteria: tuple[CriterionNote, ...] = ()
    preferred_outcome: WeighingOutcome | None = None
    overall: Text = ""

    @model_validator(mode="after")
    def _one_note_per_criterion(self) -> PartyView:
        _unique((c.criterion_id for c in self.criteria), "validation.duplicate_criterion")
        return self

    def criterion_ids(self) -> frozenset[str]:
        return frozenset(c.criterion_id for c in self.criteria)


class Confirmation(Record):
    """A party confirms the joint conclusion (with its own password, checked by the service)."""

    role: CoreRole
    name: Name
    confirmed_at: dt.datetime


class WeighingOpenInput(Record):
    held_on: dt.date
    catalogue_version: str = Field(min_length=1, max_length=40)
    # The full text of the criteria used, so the weighing reads the same for ever; None in
    # weighings stored before the vault kept catalogues (they find their version in the vault).
    catalogue: Catalogue | None = None
    participants: tuple[Participant, ...] = ()

    @model_validator(mode="after")
    def _one_participant_per_party(self) -> WeighingOpenInput:
        _unique((p.role.value for p in self.participants), "validation.duplicate_party")
        if self.catalogue is not None and self.catalogue.version != self.catalogue_version:
            raise InvalidValue("validation.catalogue_version_mismatch")
        return self


class PhenomenonInput(Record):
    """The room's view of the phenomenon at the weighing: one or more ideologies."""

    ideologies: Ideologies


class Conclusion(Record):
    """The joint conclusion of a weighing, as entered (confirmations follow per party)."""

    outcome: WeighingOutcome
    reasons: RequiredText
    follow_up_deadline: dt.date | None = None
    disagreement: Text = ""  # recorded, never hidden
    criminal_track: CriminalTrack = CriminalTrack.GEEN  # runs alongside the PGA decision
    expected_release_on: dt.date | None = None  # detention only, where known

    @model_validator(mode="after")
    def _deadline_only_for_more_information(self) -> Conclusion:
        if self.outcome is WeighingOutcome.STRAFRECHTELIJK:
            raise InvalidValue("validation.criminal_investigation_not_outcome")
        _check_deadline(self.outcome, self.follow_up_deadline)
        _check_release(self.criminal_track, self.expected_release_on)
        return self


def _check_release(track: CriminalTrack, release_on: dt.date | None) -> None:
    if release_on is not None and track is not CriminalTrack.DETENTIE:
        raise InvalidValue("validation.release_date_detention_only")


def _check_deadline(outcome: WeighingOutcome | None, deadline: dt.date | None) -> None:
    if outcome is WeighingOutcome.MEER_INFORMATIE and deadline is None:
        raise InvalidValue("validation.more_information_needs_term")
    if outcome is not WeighingOutcome.MEER_INFORMATIE and deadline is not None:
        raise InvalidValue("validation.term_only_more_information")


class Weighing(WeighingOpenInput):
    id: Id
    case_id: Id
    views: tuple[PartyView, ...] = ()
    joint: tuple[JointView, ...] = ()
    dissents: tuple[Dissent, ...] = ()
    concluded: bool = False
    outcome: WeighingOutcome | None = None
    reasons: Text = ""
    follow_up_deadline: dt.date | None = None
    disagreement: Text = ""
    confirmations: tuple[Confirmation, ...] = ()
    # Weighings stored before the criminal track existed read as "none".
    criminal_track: CriminalTrack = CriminalTrack.GEEN
    expected_release_on: dt.date | None = None
    # The room's view of the phenomenon (issue 14): may differ from the signals'; empty until
    # recorded (and in weighings stored before it existed).
    phenomenon: IdeologySet = ()

    @model_validator(mode="after")
    def _consistent(self) -> Weighing:
        _unique((v.role.value for v in self.views), "validation.duplicate_view")
        _unique((j.criterion_id for j in self.joint), "validation.duplicate_criterion")
        _unique(((d.role.value, d.criterion_id) for d in self.dissents), "validation.duplicate_dissent")
        _unique((c.role.value for c in self.confirmations), "validation.duplicate_confirmation")
        if not self.concluded:
            if self.outcome is not None or self.confirmations:
                raise InvalidValue("validation.open_weighing_no_outcome")
            return self
        if self.outcome is None or not self.reasons:
            raise InvalidValue("validation.concluded_weighing_needs_outcome")
        _check_deadline(self.outcome, self.follow_up_deadline)
        _check_release(self.criminal_track, self.expected_release_on)
        if not self.confirmed_by <= self.present:
            raise InvalidValue("validation.only_present_confirm")
        return self

    @property
    def present(self) -> frozenset[Role]:
        return frozenset(p.role for p in self.participants)

    @property
    def confirmed_by(self) -> frozenset[Role]:
        return frozenset(c.role for c in self.confirmations)

    def view_of(self, role: Role) -> PartyView | None:
        return next((v for v in self.views if v.role is role), None)

    def joint_on(self, criterion_id: str) -> JointView | None:
        return next((j for j in self.joint if j.criterion_id == criterion_id), None)

    def dissents_on(self, criterion_id: str) -> list[Dissent]:
        return [d for d in self.dissents if d.criterion_id == criterion_id]

    @property
    def per_party(self) -> bool:
        """Begun before the joint views: parties answered per criterion (kept and shown, also when
        the room went on with joint views)."""
        return any(v.criteria for v in self.views)


# --- meeting and minutes -------------------------------------------------------------------------

class Attendance(Record):
    name: Name
    organisation: Name
    role: str = Field(default="", max_length=80, description="function in the meeting, e.g. voorzitter")
    present: bool = True


class AgendaItem(Record):
    """One case on a meeting's agenda; only the partner organisations invited here see the case."""

    case_id: Id
    reason: AgendaReason
    invited: frozenset[str] = frozenset()  # partner organisations, invited for this case only


class MeetingInput(Record):
    held_on: dt.date
    chair: Name  # a gemeente user: the municipality runs the meeting (access enforces it)
    agenda: tuple[AgendaItem, ...] = ()

    @model_validator(mode="after")
    def _each_case_once(self) -> MeetingInput:
        _unique((item.case_id for item in self.agenda), "validation.duplicate_agenda_case")
        return self


class Meeting(MeetingInput):
    id: Id
    attendance: tuple[Attendance, ...] = ()

    def invited_to(self, case_id: int) -> frozenset[str]:
        """Partner organisations invited to the agenda item of `case_id` (empty if not on the agenda)."""
        return next((item.invited for item in self.agenda if item.case_id == case_id), frozenset())

    def attended_by(self, organisation: str) -> bool:
        return any(a.present and a.organisation == organisation for a in self.attendance)


class RiskAssessment(Record):
    """A reference to a structured risk assessment: stored, never computed here."""

    instrument: str = Field(min_length=1, max_length=40, description="e.g. VERA-2R, IR46")
    assessed_on: dt.date
    outcome: str = Field(min_length=1, max_length=2000)


class SharedInformation(Record):
    """An item of information shared in the meeting, with who supplied it and on what legal basis."""

    supplied_by: Name
    legal_basis: Line = Field(min_length=1)
    text: RequiredText
    special_categories: frozenset[SpecialCategory] = frozenset()


class InterventionInput(Record):
    kind: InterventionKind
    owner_partner: Name  # the organisation that carries it out
    starts_on: dt.date
    evaluate_on: dt.date
    description: str = Field(default="", max_length=5000)

    @model_validator(mode="after")
    def _evaluation_after_start(self) -> InterventionInput:
        if self.evaluate_on < self.starts_on:
            raise InvalidValue("validation.evaluation_before_start")
        return self


class InterventionEvaluationInput(Record):
    evaluated_on: dt.date
    status: InterventionStatus
    evaluation: RequiredText


class Intervention(InterventionInput):
    id: Id
    case_id: Id
    status: InterventionStatus = InterventionStatus.GEPLAND
    evaluated_on: dt.date | None = None
    evaluation: Text = ""

    @model_validator(mode="after")
    def _evaluated_has_text(self) -> Intervention:
        if self.status is InterventionStatus.GEEVALUEERD and not (self.evaluation and self.evaluated_on):
            raise InvalidValue("validation.evaluated_needs_evaluation")
        return self


class ActionItemInput(Record):
    description: str = Field(min_length=1, max_length=2000)
    owner: Name  # the person (login or name) who carries it out
    owner_organisation: Name
    due_on: dt.date


class ActionItem(ActionItemInput):
    id: Id
    case_id: Id
    done_on: dt.date | None = None
    done_by: str | None = None


class InformingDecision(Record):
    """Whether the person is told they are in the PGA: exactly one of informed / postponed."""

    informed_on: dt.date | None = None
    informed_by: str | None = None
    reason_not_to: str | None = None
    reconsider_on: dt.date | None = None

    @model_validator(mode="after")
    def _one_of_two(self) -> InformingDecision:
        informed = self.informed_on is not None and bool(self.informed_by)
        postponed = bool(self.reason_not_to) and self.reconsider_on is not None
        partly = any((self.informed_on, self.informed_by)) and any((self.reason_not_to, self.reconsider_on))
        if informed == postponed or partly:
            raise InvalidValue("validation.informing_either")
        return self

    @property
    def informed(self) -> bool:
        return self.informed_on is not None


class MinutesDraft(Record):
    """The content of one case item's minutes, as typed during the meeting."""

    shared: tuple[SharedInformation, ...] = ()
    risk: tuple[RiskAssessment, ...] = ()
    decisions: Text = ""
    goals: tuple[Annotated[str, Field(min_length=1, max_length=2000)], ...] = ()  # positively phrased
    interventions: tuple[InterventionInput, ...] = ()
    actions: tuple[ActionItemInput, ...] = ()
    informing: InformingDecision | None = None
    next_review_on: dt.date | None = None

    @property
    def has_plan(self) -> bool:
        """A plan of approach needs at least one goal (interventions may follow)."""
        return bool(self.goals)


class Addendum(Record):
    written_on: dt.date
    author: Name
    text: RequiredText


class CaseMinutes(MinutesDraft):
    """The minutes of one case item of a meeting. Final minutes change only by addenda."""

    meeting_id: Id
    case_id: Id
    status: MinutesStatus = MinutesStatus.CONCEPT
    finalised_on: dt.date | None = None
    finalised_by: str | None = None
    addenda: tuple[Addendum, ...] = ()

    @model_validator(mode="after")
    def _final_is_signed_and_only_final_has_addenda(self) -> CaseMinutes:
        final = self.status is MinutesStatus.DEFINITIEF
        if final != (self.finalised_on is not None and bool(self.finalised_by)):
            raise InvalidValue("validation.final_minutes_date_chair")
        if self.addenda and not final:
            raise InvalidValue("validation.draft_no_addendum")
        if final and any(a.written_on < self.finalised_on for a in self.addenda):
            raise InvalidValue("validation.addendum_before_final")
        return self

    @property
    def is_final(self) -> bool:
        return self.status is MinutesStatus.DEFINITIEF


# --- holds, reviews, destruction, history --------------------------------------------------------

class LegalHold(Record):
    """A documented exception: keep the file past its term (complaint, court case)."""

    reason: str = Field(min_length=1, max_length=2000)
    owner: Name
    ends_on: dt.date
    placed_on: dt.date | None = None
    lifted_on: dt.date | None = None
    lifted_by: str | None = None

    @model_validator(mode="after")
    def _lifted_by_needs_date(self) -> LegalHold:
        if self.lifted_by and self.lifted_on is None:
            raise InvalidValue("validation.lifted_hold_needs_date")
        return self

    def active_on(self, day: dt.date) -> bool:
        """In force on `day`: not lifted (by then) and the end date not passed (it is inclusive)."""
        lifted = self.lifted_on is not None and self.lifted_on <= day
        return not lifted and day <= self.ends_on


class Review(Record):
    """A periodic review: does the person still need to be discussed, and why."""

    reviewed_on: dt.date
    still_needed: bool
    reason: str = Field(min_length=1, max_length=5000)


class DestructionRecord(Record):
    """Proof of destruction. Structurally unable to hold personal data: codes and a login only."""

    case_number: CaseNumber
    rule_id: str = Field(pattern=r"^[a-z0-9-]+$")
    destroyed_on: dt.date
    actor: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._@-]+$")


class HistoryEntry(Record):
    """One field-level change: old and new value, who, when (Primero's per-record history)."""

    entity: str
    entity_id: int
    field: str
    old: str | None
    new: str | None
    actor: str
    at: dt.datetime
