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
from pgatui.domain.models import (Addendum, CaseMinutes, Conclusion, Confirmation, MinutesDraft, Participant,
                                  PartyView, Weighing)
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


Precondition = Callable[[Facts], "str | None"]  # None when satisfied, else why not (Dutch)


# --- preconditions ------------------------------------------------------------------------------

def weighing_complete(weighing: Weighing | None) -> str | None:
    """Why a weighing cannot count as a joint assessment by all core partners, or None when it can."""
    if weighing is None or not weighing.concluded:
        return "Er is nog geen afgeronde weging."
    missing = _roles_missing(weighing.present)
    if missing:
        return f"De weging mist een kernpartner: {missing}."
    unconfirmed = _roles_missing(weighing.confirmed_by)
    if unconfirmed:
        return f"De conclusie is nog niet bevestigd door: {unconfirmed}."
    return None


def _roles_missing(roles: frozenset[Role]) -> str:
    return ", ".join(r.value for r in CORE_PARTNERS if r not in roles)


def _always(facts: Facts) -> str | None:
    return None


def _weighing_with(outcomes: frozenset[WeighingOutcome]) -> Precondition:
    def precondition(facts: Facts) -> str | None:
        problem = weighing_complete(facts.weighing)
        if problem is None and facts.weighing.outcome not in outcomes:
            problem = "De uitkomst van de weging past niet bij deze stap."
        return problem

    return precondition


def _minutes_with_plan(facts: Facts) -> str | None:
    if facts.minutes is None or not facts.minutes.is_final:
        return "De notulen zijn nog niet definitief."
    return None if facts.minutes.has_plan else "De notulen bevatten geen plan van aanpak (doelen)."


def _reason_given(facts: Facts) -> str | None:
    return None if (facts.closure_reason or "").strip() else "Afsluiten kan alleen met een reden."


def _either(first: Precondition, second: Precondition) -> Precondition:
    """Satisfied when either is; otherwise the first one's problem explains."""
    def precondition(facts: Facts) -> str | None:
        problem = first(facts)
        if problem is None or second(facts) is None:
            return None
        return problem

    return precondition


def _retention_expired(facts: Facts) -> str | None:
    if facts.hold_active:
        return "Er rust een bewaarplicht (legal hold) op deze casus; vernietigen is niet toegestaan."
    return None if facts.retention_overdue else "De bewaartermijn is nog niet verstreken."


def _dormant_with_reason(facts: Facts) -> str | None:
    """A dormant file may be closed with a reason by the case director (issue 11, item 7)."""
    if not facts.dormant:
        return "Deze casus is niet slapend; afsluiten kan pas na een gezamenlijke weging."
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
# A signal never leaves `signaal` for `afgesloten` on one party's word: only a concluded joint
# weighing closes it, or a confirmed disposal as a duplicate or an error (pgatui.domain.disposal).


def transition_problem(current: Phase, target: Phase, facts: Facts) -> str | None:
    """Why a case may not move from `current` to `target` (Dutch), or None if it may."""
    rule = ALLOWED.get((current, target))
    if rule is None:
        return f"Een casus in fase '{current.label_nl}' kan niet naar '{target.label_nl}'."
    return PRECONDITIONS[rule](facts)


def check_transition(current: Phase, target: Phase, facts: Facts) -> None:
    """Raise DomainError unless a case may move from `current` to `target` given `facts`."""
    problem = transition_problem(current, target, facts)
    if problem:
        raise DomainError(problem)


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
    WeighingOutcome.ZORG_VEILIGHEIDSHUIS: "Na weging: overgedragen aan het Zorg- en Veiligheidshuis.",
    # Stored by older versions only (no longer a PGA outcome): kept readable as closed history.
    WeighingOutcome.STRAFRECHTELIJK: "Na weging: strafrechtelijk onderzoek door het OM.",
}


def closure_reason_for(outcome: WeighingOutcome) -> str:
    """The closure reason a weighing outcome implies; DomainError for outcomes that do not close."""
    try:
        return _CLOSURE_REASONS[outcome]
    except KeyError:
        raise DomainError(f"De uitkomst '{outcome.label_nl}' sluit de casus niet af.") from None


def is_open(phase: Phase) -> bool:
    return phase in OPEN_PHASES


# --- weighing -----------------------------------------------------------------------------------

def check_weighing_editable(weighing: Weighing) -> None:
    if weighing.concluded:
        raise DomainError("Deze weging is afgerond en wordt niet meer gewijzigd.")


def add_participant(weighing: Weighing, participant: Participant) -> Weighing:
    """Record a core partner as present (replacing who attends for that party)."""
    check_weighing_editable(weighing)
    others = tuple(p for p in weighing.participants if p.role is not participant.role)
    return _replace(weighing, participants=(*others, participant))


def record_view(weighing: Weighing, view: PartyView, catalogue: Catalogue) -> Weighing:
    """Record (or replace) one party's view; a party speaks only when present."""
    check_weighing_editable(weighing)
    _check_catalogue(weighing, catalogue)
    if view.role not in weighing.present:
        raise DomainError(f"Partij '{view.role.value}' is niet als aanwezig vastgelegd.")
    unknown = sorted(view.criterion_ids() - set(catalogue.ids()))
    if unknown:
        raise DomainError(f"Onbekende criteria voor catalogus {catalogue.version}: {', '.join(unknown)}.")
    others = tuple(v for v in weighing.views if v.role is not view.role)
    return _replace(weighing, views=(*others, view))


def conclusion_problems(weighing: Weighing, catalogue: Catalogue) -> list[str]:
    """Everything that still blocks a joint conclusion (shown to the room), empty when none."""
    problems = []
    absent = _roles_missing(weighing.present)
    if absent:
        problems.append(f"Niet aanwezig: {absent}. Een weging vraagt gemeente, politie en OM samen.")
    for role in sorted(weighing.present, key=CORE_PARTNERS.index):
        view = weighing.view_of(role)
        missing = [c for c in catalogue.ids() if view is None or c not in view.criterion_ids()]
        if missing:
            problems.append(f"{role.value} heeft nog geen standpunt over: {', '.join(missing)}.")
    return problems


def conclude(weighing: Weighing, conclusion: Conclusion, catalogue: Catalogue) -> Weighing:
    """The weighing with its joint conclusion; each party then confirms it (see `confirm`)."""
    check_weighing_editable(weighing)
    _check_catalogue(weighing, catalogue)
    problems = conclusion_problems(weighing, catalogue)
    if problems:
        raise DomainError(" ".join(problems))
    return _replace(weighing, concluded=True, **_fields(conclusion))


def confirm(weighing: Weighing, confirmation: Confirmation) -> Weighing:
    """Add one present party's confirmation of the conclusion (also later, to recover a missing one)."""
    if not weighing.concluded:
        raise DomainError("Er is nog geen conclusie om te bevestigen.")
    if confirmation.role not in weighing.present:
        raise DomainError(f"Partij '{confirmation.role.value}' was niet aanwezig bij de weging.")
    if confirmation.role in weighing.confirmed_by:
        raise DomainError(f"Partij '{confirmation.role.value}' heeft al bevestigd.")
    return _replace(weighing, confirmations=(*weighing.confirmations, confirmation))


def _check_catalogue(weighing: Weighing, catalogue: Catalogue) -> None:
    if catalogue.version != weighing.catalogue_version:
        raise DomainError(f"Deze weging gebruikt catalogus {weighing.catalogue_version}, niet {catalogue.version}.")


# --- minutes ------------------------------------------------------------------------------------

def check_minutes_editable(minutes: CaseMinutes | MinutesStatus) -> None:
    """Final minutes are never edited; corrections are dated addenda."""
    status = minutes.status if isinstance(minutes, CaseMinutes) else minutes
    if status is MinutesStatus.DEFINITIEF:
        raise DomainError("Definitieve notulen worden niet gewijzigd; voeg een gedateerd addendum toe.")


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
        raise DomainError("Een concept wordt gewijzigd; een addendum hoort bij definitieve notulen.")
    if addendum.written_on < minutes.finalised_on:
        raise DomainError("Een addendum kan niet gedateerd zijn vóór de definitieve notulen.")
    return _replace(minutes, addenda=(*minutes.addenda, addendum))


def _fields(model) -> dict:
    """A model's fields as they are (nested models kept, not dumped to dicts)."""
    return {name: getattr(model, name) for name in type(model).model_fields}


def _replace(model, **changes):
    """A validated copy: model_copy(update=...) would skip validation, so rebuild instead."""
    return type(model).model_validate({**_fields(model), **changes})
