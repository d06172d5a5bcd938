"""How the records of a case's process read on screen: the case file's tabs and its history.

Not a screen: the case file and the weighing screen both use it (screens never import screens).
"""

from __future__ import annotations

import datetime as dt
import json

from pgatui.domain.enums import WeighingOutcome
from pgatui.tui.i18n import has, t
from pgatui.tui.kit.formats import label, labels, meeting_name, show_date, show_moment


def track_line(weighing) -> str:
    """The criminal track beside the PGA decision, with the expected release where known."""
    if weighing.expected_release_on:
        return t("track.line_release", track=label(weighing.criminal_track),
                 date=show_date(weighing.expected_release_on))
    return t("track.line", track=label(weighing.criminal_track))


def history_line(row: tuple) -> str:
    """One field-level change in words: when, who, what (entity and field labelled, a party named),
    and the values readable: dates as dd-mm-jjjj, codes as labels, a stored record as 'vastgelegd'."""
    entity, field, old, new, actor, at = row
    entity_label = t(f"hist.{entity}") if has(f"hist.{entity}") else entity.replace("_", " ")
    what = f"{entity_label}: {field_label(field)}"
    when = _moment(at)
    if old is None:
        return t("file.history_new", at=when, actor=actor, what=what, new=history_value(new))
    return t("file.history_row", at=when, actor=actor, what=what, old=history_value(old), new=history_value(new))


def field_label(field: str) -> str:
    """'view.politie' -> 'standpunt politie'; unknown fields are made readable, never shown raw."""
    base, _, party = field.partition(".")
    words = t(f"histf.{base}") if has(f"histf.{base}") else base.replace("_", " ")
    return f"{words} {t(f'weighing.role.{party}') if has(f'weighing.role.{party}') else party}".strip()


def history_value(value: str | None) -> str:
    if value is None or value == "":
        return "-"
    if value.startswith(("{", "[")):  # a whole record stored as JSON: say what it was, not its text
        try:
            found = json.loads(value)
        except ValueError:
            return t("hist.recorded")
        outcome = found.get("outcome") if isinstance(found, dict) else None
        return t("hist.recorded_outcome", outcome=_outcome_label(outcome)) if outcome else t("hist.recorded")
    try:
        return show_date(dt.date.fromisoformat(value)) if len(value) == 10 else value
    except ValueError:
        return value.replace("_", " ") if value.isidentifier() else value


def _outcome_label(code: str) -> str:
    """A stored weighing outcome as its label (an unknown code made readable, never raw)."""
    try:
        return label(WeighingOutcome(code))
    except ValueError:
        return code.replace("_", " ")


def _moment(at: str) -> str:
    try:
        return show_moment(dt.datetime.fromisoformat(at))
    except ValueError:
        return at


def phenomenon_line(weighing) -> str:
    """The room's view of the phenomenon (issue 14), or that it was not recorded (also: no weighing)."""
    return t("file.phenomenon", ideologies=labels(weighing.phenomenon) if weighing and weighing.phenomenon
             else t("file.phenomenon_none"))


def weighing_text(weighing, _process=None) -> str:
    present = ", ".join(f"{label(p.role)}: {p.name}" for p in weighing.participants) or "-"
    lines = [t("file.weighing", date=weighing.held_on, version=weighing.catalogue_version,
               outcome=label(weighing.outcome) if weighing.concluded else t("file.weighing_open")),
             t("file.present", who=present), phenomenon_line(weighing)]
    if weighing.concluded:
        lines.append(track_line(weighing))
        lines.append(t("file.reasons", text=weighing.reasons))
        if weighing.disagreement:
            lines.append(t("file.disagreement", text=weighing.disagreement))
        confirmed = ", ".join(f"{c.name} ({label(c.role)})" for c in weighing.confirmations) or "-"
        lines.append(t("file.confirmed", who=confirmed))
    return "\n".join(lines)


def minutes_text(minutes, process=None) -> str:
    held_on = process.meeting_dates.get(minutes.meeting_id) if process is not None else None
    meeting = meeting_name(held_on) if held_on else t("file.meeting_unknown")
    lines = [t("file.minutes", meeting=meeting, status=label(minutes.status))]
    lines += [t("file.shared", by=item.supplied_by, text=item.text) for item in minutes.shared]
    if minutes.decisions:
        lines.append(t("file.decisions", text=minutes.decisions))
    lines += [t("file.goal", text=goal) for goal in minutes.goals]
    lines += [t("file.addendum", date=a.written_on, author=a.author, text=a.text) for a in minutes.addenda]
    return "\n".join(lines)


def intervention_text(item, _process=None) -> str:
    text = t("file.intervention", kind=label(item.kind), owner=item.owner_partner, start=item.starts_on,
             evaluate=item.evaluate_on, status=label(item.status))
    return text + (f"\n{item.evaluation}" if item.evaluation else "")


def action_text(item, _process=None) -> str:
    done = t("file.action_done", date=item.done_on, by=item.done_by) if item.done_on else t("file.action_open")
    return t("file.action", text=item.description, owner=item.owner, organisation=item.owner_organisation,
             due=item.due_on, done=done)


def informing_text(item, _process=None) -> str:
    if item.informed:
        return t("file.informed", date=item.informed_on, by=item.informed_by)
    return t("file.not_informed", reason=item.reason_not_to, date=item.reconsider_on)


def review_text(item, _process=None) -> str:
    return t("file.review", date=item.reviewed_on, needed=t("file.yes") if item.still_needed else t("file.no"),
             reason=item.reason)


# tab id -> (ProcessFile attribute, how one record reads)
PROCESS_TABS = {"weighings": ("weighings", weighing_text), "meetings": ("minutes", minutes_text),
                "interventions": ("interventions", intervention_text), "actions": ("actions", action_text),
                "informing": ("informing", informing_text), "reviews": ("reviews", review_text)}
