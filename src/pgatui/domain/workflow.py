"""The phases of a case and the rules for moving between them (DOMAIN.md, the four phases).

One explicit table of allowed moves, each with the precondition it needs. Anything not in the
table is refused with a DomainError that says, in Dutch, why.
"""

from __future__ import annotations

from dataclasses import dataclass

from pgatui.domain.models import MinutesStatus, Phase, Weighing, WeighingOutcome
from pgatui.domain.roles import CORE_PARTNERS
from pgatui.errors import DomainError

P = Phase
ALLOWED: dict[tuple[Phase, Phase], str] = {
    (P.SIGNAAL, P.WEGING): "open_weighing",
    (P.WEGING, P.CASUSOVERLEG): "weighing_included",
    (P.WEGING, P.SIGNAAL): "more_information",
    (P.WEGING, P.AFGESLOTEN): "weighing_not_included",
    (P.CASUSOVERLEG, P.MONITORING): "minutes_final",
    (P.MONITORING, P.CASUSOVERLEG): "review",
    (P.SIGNAAL, P.AFGESLOTEN): "close_with_reason",
    (P.CASUSOVERLEG, P.AFGESLOTEN): "close_with_reason",
    (P.MONITORING, P.AFGESLOTEN): "close_with_reason",
    (P.AFGESLOTEN, P.VERNIETIGD): "retention_expired",
}

CLOSING_OUTCOMES = {WeighingOutcome.GEEN_ACTIE, WeighingOutcome.ZORG_VEILIGHEIDSHUIS, WeighingOutcome.STRAFRECHTELIJK}


@dataclass(frozen=True)
class Facts:
    """What the preconditions look at; the services fill it from the vault."""

    weighing: Weighing | None = None
    minutes_status: MinutesStatus | None = None
    closure_reason: str | None = None
    retention_overdue: bool = False
    hold_active: bool = False


def weighing_complete(weighing: Weighing | None) -> str | None:
    """Why a weighing cannot count as a joint first assessment, or None when it can."""
    if weighing is None or not weighing.concluded or weighing.outcome is None:
        return "Er is nog geen afgeronde weging."
    present = {p.role for p in weighing.participants}
    missing = [r.value for r in CORE_PARTNERS if r not in present]
    if missing:
        return "De weging mist een kernpartner: " + ", ".join(missing) + "."
    unconfirmed = [r.value for r in CORE_PARTNERS if r not in weighing.confirmed_by]
    if unconfirmed:
        return "De conclusie is nog niet bevestigd door: " + ", ".join(unconfirmed) + "."
    return None


def _open_weighing(facts: Facts) -> str | None:
    return None


def _weighing_with(outcomes: set[WeighingOutcome]):
    def check(facts: Facts) -> str | None:
        problem = weighing_complete(facts.weighing)
        if problem:
            return problem
        if facts.weighing.outcome not in outcomes:
            return "De uitkomst van de weging past niet bij deze stap."
        return None

    return check


def _minutes_final(facts: Facts) -> str | None:
    return None if facts.minutes_status is MinutesStatus.DEFINITIEF else "De notulen zijn nog niet definitief."


def _review(facts: Facts) -> str | None:
    return None


def _close_with_reason(facts: Facts) -> str | None:
    return None if (facts.closure_reason or "").strip() else "Afsluiten kan alleen met een reden."


def _retention_expired(facts: Facts) -> str | None:
    if facts.hold_active:
        return "Er rust een bewaarplicht (legal hold) op deze casus; vernietigen is niet toegestaan."
    return None if facts.retention_overdue else "De bewaartermijn is nog niet verstreken."


PRECONDITIONS = {
    "open_weighing": _open_weighing,
    "weighing_included": _weighing_with({WeighingOutcome.OPNEMEN}),
    "more_information": _weighing_with({WeighingOutcome.MEER_INFORMATIE}),
    "weighing_not_included": _weighing_with(CLOSING_OUTCOMES),
    "minutes_final": _minutes_final,
    "review": _review,
    "close_with_reason": _close_with_reason,
    "retention_expired": _retention_expired,
}


def check_transition(current: Phase, target: Phase, facts: Facts) -> None:
    """Raise DomainError unless a case may move from `current` to `target` given `facts`."""
    rule = ALLOWED.get((current, target))
    if rule is None:
        raise DomainError(f"Een casus in fase '{current.value}' kan niet naar '{target.value}'.")
    problem = PRECONDITIONS[rule](facts)
    if problem:
        raise DomainError(problem)


def phase_after_weighing(outcome: WeighingOutcome) -> Phase:
    if outcome is WeighingOutcome.OPNEMEN:
        return Phase.CASUSOVERLEG
    if outcome is WeighingOutcome.MEER_INFORMATIE:
        return Phase.SIGNAAL
    return Phase.AFGESLOTEN


def check_minutes_editable(status: MinutesStatus) -> None:
    """Final minutes are never edited; corrections are dated addenda."""
    if status is MinutesStatus.DEFINITIEF:
        raise DomainError("Definitieve notulen worden niet gewijzigd; voeg een gedateerd addendum toe.")
