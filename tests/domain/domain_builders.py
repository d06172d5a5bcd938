"""Small builders for domain tests: valid records with as little noise as possible."""

from __future__ import annotations

import datetime as dt

from pgatui.domain.criteria import Catalogue, load_catalogue
from pgatui.domain.models import (CaseMinutes, Conclusion, Confirmation, CriterionNote, CriterionView, JointView,
                                  Participant, PartyView, Weighing, WeighingOutcome)
from pgatui.domain.roles import CORE_PARTNERS, Role
from pgatui.domain.workflow import confirm, finalise_minutes

D = dt.date
AT = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.timezone.utc)
ORGANISATION = {Role.GEMEENTE: "Gemeente Demodorp", Role.POLITIE: "Politie Eenheid West", Role.OM: "OM Arrondissement West"}
DEADLINE = {WeighingOutcome.MEER_INFORMATIE: D(2026, 4, 1)}


def catalogue() -> Catalogue:
    return load_catalogue()


def participant(role: Role) -> Participant:
    return Participant(role=role, name=f"Lid {role.value}", organisation=ORGANISATION[role])


def view(role: Role, cat: Catalogue | None = None, opinion: CriterionView = CriterionView.ONBEKEND) -> PartyView:
    """A party's view per criterion, as weighings from before the joint views (issue 14) held it."""
    cat = cat or catalogue()
    return PartyView(role=role, criteria=tuple(CriterionNote(criterion_id=c, view=opinion) for c in cat.ids()))


def joint(cat: Catalogue | None = None, opinion: CriterionView = CriterionView.ONBEKEND) -> tuple[JointView, ...]:
    cat = cat or catalogue()
    return tuple(JointView(criterion_id=c, view=opinion) for c in cat.ids())


def open_weighing(present=CORE_PARTNERS, with_views=True) -> Weighing:
    """An open weighing with `present` parties and (with_views) the room's joint view on every criterion."""
    cat = catalogue()
    return Weighing(id=1, case_id=1, held_on=D(2026, 3, 2), catalogue_version=cat.version, catalogue=cat,
                    participants=tuple(participant(r) for r in present),
                    joint=joint(cat) if with_views else ())


def conclusion(outcome: WeighingOutcome) -> Conclusion:
    return Conclusion(outcome=outcome, reasons="Samen gewogen.", follow_up_deadline=DEADLINE.get(outcome))


def confirmation(role: Role) -> Confirmation:
    return Confirmation(role=role, name=f"Lid {role.value}", confirmed_at=AT)


def concluded_weighing(outcome: WeighingOutcome, present=CORE_PARTNERS, confirmed=CORE_PARTNERS) -> Weighing:
    """Built directly (not through `conclude`), so tests can make weighings the workflow would refuse."""
    # The stored fields directly: an older weighing may carry an outcome a new Conclusion refuses.
    stored = dict(outcome=outcome, reasons="Samen gewogen.", follow_up_deadline=DEADLINE.get(outcome))
    weighing = Weighing.model_validate({**dict(open_weighing(present)), "concluded": True, **stored})
    for role in confirmed:
        weighing = confirm(weighing, confirmation(role))
    return weighing


def draft_minutes(goals=("Rens maakt zijn opleiding af.",)) -> CaseMinutes:
    return CaseMinutes(meeting_id=1, case_id=1, goals=goals, decisions="Plan van aanpak vastgesteld.")


def final_minutes(goals=("Rens maakt zijn opleiding af.",)) -> CaseMinutes:
    return finalise_minutes(draft_minutes(goals), on=D(2026, 3, 10), by="voorzitter")
