"""Final (and partner-visible) minutes as read-only text."""

from __future__ import annotations

from textual.content import Content

from pgatui.domain.models import CaseMinutes
from pgatui.tui.i18n import t
from pgatui.tui.kit.formats import label, show_date
from pgatui.tui.safe import user_line, user_text


def minutes_content(minutes: CaseMinutes | None) -> Content:
    """Final (or, for reading, draft) minutes as literal text."""
    if minutes is None:
        return Content(t("mt.no_minutes"))
    out: list[Content] = []

    def head(key: str) -> None:
        out.append(Content("\n" + t(key)).stylize("bold"))

    def item(text: str) -> None:
        out.append(Content("  • ") + user_text(text))

    status = t("mt.final_on", date=show_date(minutes.finalised_on), by=minutes.finalised_by) if minutes.is_final \
        else t("mt.draft")
    out.append(user_line(status))
    head("mt.group.shared")
    for s in minutes.shared:
        item(t("mt.shared_line", by=s.supplied_by, basis=s.legal_basis, text=s.text))
    head("mt.group.risk")
    for r in minutes.risk:
        item(t("mt.risk_line", instrument=r.instrument, date=show_date(r.assessed_on), outcome=r.outcome))
    head("mt.decisions")
    out.append(user_text(minutes.decisions or "-"))
    head("mt.goals")
    for goal in minutes.goals:
        item(goal)
    head("mt.group.interventions")
    for i in minutes.interventions:
        item(t("mt.intervention_line", kind=label(i.kind), owner=i.owner_partner, start=show_date(i.starts_on),
               evaluate=show_date(i.evaluate_on), text=i.description or ""))
    head("mt.group.actions")
    for a in minutes.actions:
        item(t("mt.action_line", text=a.description, owner=a.owner, organisation=a.owner_organisation,
               due=show_date(a.due_on)))
    head("mt.informing")
    informing = minutes.informing
    if informing is None:
        out.append(Content("-"))
    elif informing.informed:
        out.append(user_line(t("mt.informed_line", date=show_date(informing.informed_on), by=informing.informed_by)))
    else:
        out.append(user_line(t("mt.postponed_line", reason=informing.reason_not_to,
                               date=show_date(informing.reconsider_on))))
    head("mt.next_review")
    out.append(Content(show_date(minutes.next_review_on)))
    if minutes.addenda:
        head("mt.addenda")
        for addendum in minutes.addenda:
            item(t("mt.addendum_line", date=show_date(addendum.written_on), author=addendum.author,
                   text=addendum.text))
    return Content("\n").join(out)
