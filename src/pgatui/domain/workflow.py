"""The phases of a case and the rules for moving between them (DOMAIN.md, the four phases).

One explicit table of allowed moves, each naming the precondition it needs; anything not in the
table is refused with a DomainError that says, in Dutch, why. The weighing and minutes helpers
below are pure: they take a record and return the changed record (or refuse), and the services
persist the result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from pgatui.domain.criteria import Catalogue
from pgatui.domain.enums import CLOSING_OUTCOMES, OPEN_PHASES, MinutesStatus, Phase, WeighingOutcome
from pgatui.domain.models import (Addendum, CaseMinutes, Conclusion, Confirmation, Dissent, JointView, MinutesDraft,
                                  Participant, PartyView, PhenomenonInput, Weighing)
from pgatui.domain.roles import CORE_PARTNERS, Role
from pgatui.errors import DomainError


@dataclass(frozen=True)
class Facts:
    """What the preconditions look at; the services fill it from the vault."""

    weighing: Weighing | None = None  # the latest weighing of the case
    minutes: CaseMinutes | None = None  # the latest minutes of the case
    closure_reason: str | None = None
    retention_overdue: bool = False  # from retention.assess(...).state is OVERDUE
    hold_active: bool = False
    dormant: bool = False  # no substantive event for the policy's dormancy term (retention.dormancy)


Precondition = Callable[[Facts], "DomainError | None"]  # None when satisfied, else why not


# --- preconditions ------------------------------------------------------------------------------

def weighing_complete(weighing: Weighing | None) -> DomainError | None:
    """Why a weighing cannot count as a joint assessment by all core partners, or None when it can."""
    if weighing is None or not weighing.concluded:
        return DomainError("workflow.no_concluded_weighing")
    missing = _roles_missing(weighing.present)
    if missing:
        return DomainError("workflow.weighing_missing_partner", roles=missing)
    unconfirmed = _roles_missing(weighing.confirmed_by)
    if unconfirmed:
        return DomainError("workflow.not_confirmed_by", roles=unconfirmed)
    return None


def _roles_missing(roles: frozenset[Role]) -> tuple[Role, ...]:
    """The core partners not in `roles`: the messages name them by their labels, never by code."""
    return tuple(r for r in CORE_PARTNERS if r not in roles)


def _always(facts: Facts) -> DomainError | None:
    return None


def _weighing_with(outcomes: frozenset[WeighingOutcome]) -> Precondition:
    def precondition(facts: Facts) -> DomainError | None:
        problem = weighing_complete(facts.weighing)
        if problem is None and facts.weighing.outcome not in outcomes:
            problem = DomainError("workflow.outcome_does_not_fit")
        return problem

    return precondition


def _minutes_with_plan(facts: Facts) -> DomainError | None:
    if facts.minutes is None or not facts.minutes.is_final:
        return DomainError("workflow.minutes_not_final")
    return None if facts.minutes.has_plan else DomainError("workflow.minutes_without_plan")


def _reason_given(facts: Facts) -> DomainError | None:
    return None if (facts.closure_reason or "").strip() else DomainError("workflow.close_needs_reason")


def _either(first: Precondition, second: Precondition) -> Precondition:
    """Satisfied when either is; otherwise the first one's problem explains."""
    def precondition(facts: Facts) -> DomainError | None:
        problem = first(facts)
        if problem is None or second(facts) is None:
            return None
        return problem

    return precondition


def _retention_expired(facts: Facts) -> DomainError | None:
    if facts.hold_active:
        return DomainError("workflow.hold_blocks_destruction")
    return None if facts.retention_overdue else DomainError("workflow.retention_running")


def _dormant_with_reason(facts: Facts) -> DomainError | None:
    """A dormant file may be closed with a reason by the case director (issue 11, item 7)."""
    if not facts.dormant:
        return DomainError("workflow.not_dormant")
    return _reason_given(facts)


PRECONDITIONS: dict[str, Precondition] = {
    "open_weighing": _always,
    "weighing_included": _weighing_with(frozenset({WeighingOutcome.OPNEMEN})),
    "more_information": _weighing_with(frozenset({WeighingOutcome.MEER_INFORMATIE})),
    # Not included after a joint weighing; without one only a dormant file closes (with a reason).
    # A reason alone would let one party dispose of a signal by opening a weighing and closing it.
    "weighing_not_included_or_dormant": _either(_weighing_with(CLOSING_OUTCOMES), _dormant_with_reason),
    "minutes_final_with_plan": _minutes_with_plan,
    "review": _always,
    "close_with_reason": _reason_given,
    "retention_expired": _retention_expired,
}

P = Phase
ALLOWED: dict[tuple[Phase, Phase], str] = {
    (P.SIGNAAL, P.WEGING): "open_weighing",
    (P.WEGING, P.CASUSOVERLEG): "weighing_included",
    (P.WEGING, P.SIGNAAL): "more_information",
    (P.WEGING, P.AFGESLOTEN): "weighing_not_included_or_dormant",
    (P.CASUSOVERLEG, P.MONITORING): "minutes_final_with_plan",
    (P.MONITORING, P.CASUSOVERLEG): "review",
    (P.CASUSOVERLEG, P.AFGESLOTEN): "close_with_reason",
    (P.MONITORING, P.AFGESLOTEN): "close_with_reason",
    (P.AFGESLOTEN, P.VERNIETIGD): "retention_expired",
}  # nothing leaves vernietigd
# Where a core partner may close the file with a reason alone: after the joint weighing took it in.
CLOSABLE_WITH_REASON = frozenset(current for (current, target), guard in ALLOWED.items()
                                 if target is P.AFGESLOTEN and guard == "close_with_reason")
# A signal never leaves `signaal` for `afgesloten` on one party's word: only a concluded joint
# weighing closes it, or a confirmed disposal as a duplicate or an error (pgatui.domain.disposal).


def transition_problem(current: Phase, target: Phase, facts: Facts) -> DomainError | None:
    """Why a case may not move from `current` to `target` (the error to raise), or None if it may."""
    rule = ALLOWED.get((current, target))
    if rule is None:
        return DomainError("workflow.no_transition", current=current, target=target)
    return PRECONDITIONS[rule](facts)


def check_transition(current: Phase, target: Phase, facts: Facts) -> None:
    """Raise DomainError unless a case may move from `current` to `target` given `facts`."""
    problem = transition_problem(current, target, facts)
    if problem:
        raise problem


def possible_targets(current: Phase, facts: Facts) -> list[Phase]:
    """The phases the case may move to now (for menus: offer only what will succeed)."""
    return [target for (source, target) in ALLOWED if source is current
            and transition_problem(current, target, facts) is None]


def phase_after_weighing(outcome: WeighingOutcome) -> Phase:
    if outcome is WeighingOutcome.OPNEMEN:
        return Phase.CASUSOVERLEG
    if outcome is WeighingOutcome.MEER_INFORMATIE:
        return Phase.SIGNAAL
    return Phase.AFGESLOTEN


_CLOSURE_REASONS = {
    WeighingOutcome.GEEN_ACTIE: "Na weging: geen actie nodig.",
    WeighingOutcome.ZORG_VEILIGHEIDSHUIS: "Na weging: doorgeleid naar de reguliere aanpak (ZVH).",
    # Stored by older versions only (no longer a PGA outcome): kept readable as closed history.
    WeighingOutcome.STRAFRECHTELIJK: "Na weging: strafrechtelijk onderzoek door het OM.",
}


def closure_reason_for(outcome: WeighingOutcome) -> str:
    """The closure reason a weighing outcome implies; DomainError for outcomes that do not close."""
    try:
        return _CLOSURE_REASONS[outcome]
    except KeyError:
        raise DomainError("workflow.outcome_does_not_close", outcome=outcome) from None


def is_open(phase: Phase) -> bool:
    return phase in OPEN_PHASES


# --- weighing -----------------------------------------------------------------------------------

def check_weighing_editable(weighing: Weighing) -> None:
    if weighing.concluded:
        raise DomainError("weighing.concluded")


def add_participant(weighing: Weighing, participant: Participant) -> Weighing:
    """Record a core partner as present (replacing who attends for that party)."""
    check_weighing_editable(weighing)
    others = tuple(p for p in weighing.participants if p.role is not participant.role)
    return _replace(weighing, participants=(*others, participant))


def record_view(weighing: Weighing, view: PartyView, catalogue: Catalogue) -> Weighing:
    """Record (or replace) one party's preference and overall view; a party speaks only when present."""
    check_weighing_editable(weighing)
    _check_catalogue(weighing, catalogue)
    _check_present(weighing, view.role)
    _check_known(view.criterion_ids(), catalogue)
    others = tuple(v for v in weighing.views if v.role is not view.role)
    return _replace(weighing, views=(*others, view))


def record_joint(weighing: Weighing, views: tuple[JointView, ...], catalogue: Catalogue) -> Weighing:
    """Record the room's joint views (replacing earlier ones on the same criteria)."""
    check_weighing_editable(weighing)
    _check_catalogue(weighing, catalogue)
    _check_known({v.criterion_id for v in views}, catalogue)
    renewed = {v.criterion_id for v in views}
    kept = tuple(j for j in weighing.joint if j.criterion_id not in renewed)
    return _replace(weighing, joint=(*kept, *views))


def record_phenomenon(weighing: Weighing, phenomenon: PhenomenonInput) -> Weighing:
    """The room's view of the phenomenon (replacing an earlier one): it may differ from the signals'."""
    check_weighing_editable(weighing)
    return _replace(weighing, phenomenon=phenomenon.ideologies)


def record_dissent(weighing: Weighing, dissent: Dissent, catalogue: Catalogue) -> Weighing:
    """A present party's dissent from the joint view on one criterion (replacing its earlier one)."""
    check_weighing_editable(weighing)
    _check_catalogue(weighing, catalogue)
    _check_present(weighing, dissent.role)
    _check_known({dissent.criterion_id}, catalogue)
    if weighing.joint_on(dissent.criterion_id) is None:
        raise DomainError("weighing.dissent_without_joint_view",
                          criterion=catalogue.criterion(dissent.criterion_id).title)
    others = tuple(d for d in weighing.dissents
                   if (d.role, d.criterion_id) != (dissent.role, dissent.criterion_id))
    return _replace(weighing, dissents=(*others, dissent))


def _check_present(weighing: Weighing, role: Role) -> None:
    if role not in weighing.present:
        raise DomainError("weighing.party_not_present", party=role.value)


def _check_known(criterion_ids, catalogue: Catalogue) -> None:
    unknown = sorted(set(criterion_ids) - set(catalogue.ids()))
    if unknown:
        raise DomainError("weighing.unknown_criteria", version=catalogue.version, criteria=unknown)


def conclusion_issues(weighing: Weighing, catalogue: Catalogue) -> list[DomainError]:
    """Everything that still blocks a joint conclusion (shown to the room), empty when none:
    all three core partners present and the joint view on every criterion (the reasons and the
    confirmations follow in `conclude` and `confirm`)."""
    problems = []
    absent = _roles_missing(weighing.present)
    if absent:
        problems.append(DomainError("weighing.absent", roles=absent))
    missing = [c.title for c in catalogue.criteria if weighing.joint_on(c.id) is None]
    if missing:
        problems.append(DomainError("weighing.no_joint_view_on", criteria="; ".join(missing)))
    return problems


def conclusion_problems(weighing: Weighing, catalogue: Catalogue) -> list[str]:
    """`conclusion_issues` as Dutch sentences (the weighing screen's list until it renders codes)."""
    return [str(problem) for problem in conclusion_issues(weighing, catalogue)]


def conclude(weighing: Weighing, conclusion: Conclusion, catalogue: Catalogue) -> Weighing:
    """The weighing with its joint conclusion; each party then confirms it (see `confirm`)."""
    check_weighing_editable(weighing)
    _check_catalogue(weighing, catalogue)
    problems = conclusion_issues(weighing, catalogue)
    if problems:
        raise DomainError("weighing.not_ready", problems=problems)
    return _replace(weighing, concluded=True, **_fields(conclusion))


def confirm(weighing: Weighing, confirmation: Confirmation) -> Weighing:
    """Add one present party's confirmation of the conclusion (also later, to recover a missing one)."""
    if not weighing.concluded:
        raise DomainError("weighing.nothing_to_confirm")
    if confirmation.role not in weighing.present:
        raise DomainError("weighing.confirmer_absent", party=confirmation.role.value)
    if confirmation.role in weighing.confirmed_by:
        raise DomainError("weighing.already_confirmed", party=confirmation.role.value)
    return _replace(weighing, confirmations=(*weighing.confirmations, confirmation))


def _check_catalogue(weighing: Weighing, catalogue: Catalogue) -> None:
    if catalogue.version != weighing.catalogue_version:
        raise DomainError("weighing.other_catalogue", used=weighing.catalogue_version, given=catalogue.version)


# --- minutes ------------------------------------------------------------------------------------

def check_minutes_editable(minutes: CaseMinutes | MinutesStatus) -> None:
    """Final minutes are never edited; corrections are dated addenda."""
    status = minutes.status if isinstance(minutes, CaseMinutes) else minutes
    if status is MinutesStatus.DEFINITIEF:
        raise DomainError("minutes.final_unchanged")


def edit_minutes(minutes: CaseMinutes, draft: MinutesDraft) -> CaseMinutes:
    """The draft minutes with new content (autosave); refused once final."""
    check_minutes_editable(minutes)
    return _replace(minutes, **_fields(draft))


def finalise_minutes(minutes: CaseMinutes, *, on: dt.date, by: str) -> CaseMinutes:
    """The chair finalises: from now on only addenda."""
    check_minutes_editable(minutes)
    return _replace(minutes, status=MinutesStatus.DEFINITIEF, finalised_on=on, finalised_by=by)


def add_addendum(minutes: CaseMinutes, addendum: Addendum) -> CaseMinutes:
    """A dated correction of final minutes (a draft is simply edited instead)."""
    if not minutes.is_final:
        raise DomainError("minutes.addendum_on_draft")
    if addendum.written_on < minutes.finalised_on:
        raise DomainError("minutes.addendum_before_final")
    return _replace(minutes, addenda=(*minutes.addenda, addendum))


def _fields(model) -> dict:
    """A model's fields as they are (nested models kept, not dumped to dicts)."""
    return {name: getattr(model, name) for name in type(model).model_fields}


def _replace(model, **changes):
    """A validated copy: model_copy(update=...) would skip validation, so rebuild instead."""
    return type(model).model_validate({**_fields(model), **changes})
