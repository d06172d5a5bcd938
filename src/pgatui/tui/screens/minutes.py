"""Running a case meeting: attendance, and per case on the agenda the minutes.

Typing minutes live must be fast and never lose text. Every edit marks the case's minutes dirty;
they are saved as a draft inside the vault (services.meetings.save_minutes) 1.5 seconds after the
last key, when the focus leaves a field, when the user leaves the screen, and just before a lock
(the save is handed to the vault thread before the vault closes). A part that is not complete
yet (an intervention without an owner, a date that cannot be read) is left out of the saved
draft and says so in red next to it, until it is complete.

The chair (gemeente) finalises the minutes of a case after a confirmation; from then on they are
shown read-only and corrected only by dated addenda. Exports: the whole meeting, or per partner
organisation only the cases it was invited to (services.minutes_export).

Nothing here keeps decrypted text after a lock: `forget()` drops the view and the forms go with
the screen.
"""

from __future__ import annotations

import asyncio
import datetime as dt

from pydantic import BaseModel, ValidationError
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Checkbox, Footer, Input, Select, Static, TabbedContent, TabPane, TextArea

from pgatui import clock
from pgatui.domain.models import (ActionItemInput, AgendaReason, Attendance, CaseMinutes, InformingDecision,
                                  InterventionInput, InterventionKind, MinutesDraft, RiskAssessment,
                                  SharedInformation)
from pgatui.domain.roles import CORE_PARTNERS, Role
from pgatui.errors import PgaError
from pgatui.services import meetings as svc
from pgatui.services.minutes_export import export_minutes
from pgatui.services.runner import VaultLocked
from pgatui.services.session import Session
from pgatui.tui.base import PgaScreen
from pgatui.tui.kit.formats import label, parse_date, shown_name
from pgatui.tui.i18n import t
from pgatui.tui.routes import route
from pgatui.tui.safe import labelled, notify_literal, user_cell, user_line, user_text
from pgatui.tui.kit.dialogs import ChoiceDialog, ConfirmDialog, ExportDialog, FormDialog
from pgatui.tui.kit.forms import FieldSpec
from pgatui.tui.kit.formats import show_date
from pgatui.tui.widgets import PgaHeader

AUTOSAVE_SECONDS = 1.5

# The repeating parts of the minutes: the model of one row and its fields, line by line.
# Field kinds: text, org (text with organisation suggestions), date, area, kind (intervention kind).
GROUPS: dict[str, tuple[type[BaseModel], list[list[tuple[str, str]]]]] = {
    "shared": (SharedInformation, [[("supplied_by", "org"), ("legal_basis", "text")], [("text", "area")]]),
    "risk": (RiskAssessment, [[("instrument", "text"), ("assessed_on", "date"), ("outcome", "text")]]),
    "interventions": (InterventionInput, [[("kind", "kind"), ("owner_partner", "org"), ("starts_on", "date"),
                                           ("evaluate_on", "date")], [("description", "text")]]),
    "actions": (ActionItemInput, [[("description", "text")],
                                  [("owner", "text"), ("owner_organisation", "org"), ("due_on", "date")]]),
}
INFORMING = (("informed_on", "date"), ("informed_by", "text"), ("reason_not_to", "text"), ("reconsider_on", "date"))


def _problem(exc: ValidationError, names: dict[str, str]) -> str:
    """The first problem of a validation error, in the catalogue's words where it is a field's."""
    problem = exc.errors()[0]
    field = str(problem["loc"][0]) if problem.get("loc") else ""
    if problem.get("type") in ("missing", "string_too_short", "enum", "too_short") and field in names:
        return t("mt.required_field", field=names[field])
    if "date" in problem.get("type", "") and field in names:
        return t("mt.bad_date_field", field=names[field])
    return problem.get("msg", "").removeprefix("Value error, ")


def _build(model: type[BaseModel], raw: dict[str, str], kinds: dict[str, str]) -> BaseModel:
    """`model` from the raw strings of a row; ValueError (with a message) when that cannot be done."""
    names = {name: t(f"mt.f.{name}") for name in raw}
    data: dict = {}
    for name, value in raw.items():
        if kinds.get(name) == "date":
            try:
                data[name] = parse_date(value)
            except ValueError:
                raise ValueError(t("mt.bad_date_field", field=names[name])) from None
            if data[name] is None:
                data.pop(name)
        elif value.strip() or name not in ("kind",):
            data[name] = value
    try:
        return model(**data)
    except ValidationError as exc:
        raise ValueError(_problem(exc, names)) from None


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return show_date(value)
    return str(getattr(value, "value", value))


# --- the widgets of the minutes form --------------------------------------------------------------

class MinutesRow(Vertical):
    """One row of a repeating part (a shared item, an intervention, ...), edited in place."""

    def __init__(self, group: str, values: dict[str, str], organisations: list[str]) -> None:
        super().__init__(classes="mt-row")
        self.group = group
        self._values = values
        self._organisations = organisations

    def compose(self):
        _, lines = GROUPS[self.group]
        for line in lines:
            with Horizontal(classes="mt-line"):
                for name, kind in line:
                    with Vertical(classes=f"mt-cell mt-cell-{kind}"):
                        yield Static(Content(t(f"mt.f.{name}")), classes="mt-cell-label")
                        yield _field_widget(name, kind, self._values.get(name, ""), self._organisations)
        yield Static("", classes="error mt-row-error")

    def raw(self) -> dict[str, str]:
        return {name: _read(self.query_one(f".v-{name}")) for line in GROUPS[self.group][1] for name, _ in line}

    def kinds(self) -> dict[str, str]:
        return {name: kind for line in GROUPS[self.group][1] for name, kind in line}

    def show_error(self, message: str) -> None:
        self.query_one(".mt-row-error", Static).update(user_line(message and t("mt.not_saved", problem=message)))


def _field_widget(name: str, kind: str, value: str, organisations: list[str]) -> Widget:
    classes = f"v-{name} mt-value"
    if kind == "area":
        return TextArea(value, classes=f"{classes} mt-area", compact=True)
    if kind == "kind":
        options = [(user_cell(label(k)), k.value) for k in InterventionKind]
        return Select(options, value=value or Select.NULL, prompt=t("kit.choose"), classes=classes, compact=True)
    # No suggester (type-ahead) here: with fast typing in a real terminal it replaced typed text.
    placeholder = t("mt.date_placeholder") if kind == "date" else ""
    return Input(value, placeholder=placeholder, classes=classes, compact=True, select_on_focus=False)


def _read(widget: Widget) -> str:
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Select):
        return widget.value if isinstance(widget.value, str) else ""
    return widget.value


class RowGroup(Vertical):
    """A repeating part of the minutes: a heading and its rows (Ctrl+N adds one, Ctrl+R removes one)."""

    def __init__(self, group: str, rows: list[dict[str, str]], organisations: list[str]) -> None:
        super().__init__(classes=f"mt-group mt-group-{group}")
        self.group = group
        self._initial = rows
        self._organisations = organisations

    def compose(self):
        yield Static(Content(t(f"mt.group.{self.group}")), classes="subtitle")
        yield Static(Content(t("mt.group_hint")), classes="hint")
        has_org = any(kind == "org" for line in GROUPS[self.group][1] for _, kind in line)
        if has_org and self._organisations:
            yield Static(user_line(t("mt.known_orgs", organisations=", ".join(self._organisations))), classes="hint")
        for values in self._initial or [{}]:  # an empty row to type in: it is skipped while empty
            yield MinutesRow(self.group, values, self._organisations)

    def rows(self) -> list[MinutesRow]:
        return list(self.query(MinutesRow))

    async def add_row(self) -> MinutesRow:
        row = MinutesRow(self.group, {}, self._organisations)
        await self.mount(row)
        row.query(".mt-value").first().focus()
        row.scroll_visible()
        return row


class MinutesForm(Vertical):
    """The editable minutes of one case item."""

    def __init__(self, case_id: int, minutes: CaseMinutes | None, organisations: list[str]) -> None:
        super().__init__(classes="mt-form")
        self.case_id = case_id
        self._minutes = minutes or MinutesDraft()
        self._organisations = organisations

    def compose(self):
        m = self._minutes
        yield RowGroup("shared", [_dump(s, "shared") for s in m.shared], self._organisations)
        yield RowGroup("risk", [_dump(r, "risk") for r in m.risk], self._organisations)
        yield Static(Content(t("mt.decisions")), classes="subtitle")
        yield TextArea(m.decisions, classes="x-decisions mt-text")
        yield Static(Content(t("mt.goals")), classes="subtitle")
        yield Static(Content(t("mt.goals_hint")), classes="hint")
        yield TextArea("\n".join(m.goals), classes="x-goals mt-text")
        yield Static("", classes="error x-err-goals")
        yield RowGroup("interventions", [_dump(i, "interventions") for i in m.interventions], self._organisations)
        yield RowGroup("actions", [_dump(a, "actions") for a in m.actions], self._organisations)
        yield Static(Content(t("mt.informing")), classes="subtitle")
        yield Static(Content(t("mt.informing_hint")), classes="hint")
        informing = m.informing
        with Horizontal(classes="mt-line"):
            for name, kind in INFORMING:
                with Vertical(classes=f"mt-cell mt-cell-{kind}"):
                    yield Static(Content(t(f"mt.f.{name}")), classes="mt-cell-label")
                    yield _field_widget(f"inf-{name}", kind, _as_text(getattr(informing, name, None)), [])
        yield Static("", classes="error x-err-informing")
        yield Static(Content(t("mt.next_review")), classes="subtitle")
        yield Input(_as_text(m.next_review_on), placeholder=t("mt.date_placeholder"), classes="x-next_review",
                    compact=True, select_on_focus=False)
        yield Static("", classes="error x-err-next_review")

    def draft(self) -> tuple[MinutesDraft, dict[str, str]]:
        """The draft of what is typed now, leaving out what is not complete, with those problems."""
        errors: dict[str, str] = {}
        parts: dict = {}
        for group in self.query(RowGroup):
            model, _ = GROUPS[group.group]
            built = []
            for index, row in enumerate(group.rows()):
                raw = row.raw()
                if not any(v.strip() for v in raw.values()):
                    continue
                try:
                    built.append(_build(model, raw, row.kinds()))
                except ValueError as exc:
                    errors[f"{group.group}:{index}"] = str(exc)
            parts[group.group] = tuple(built)
        parts["decisions"] = self.query_one(".x-decisions", TextArea).text.strip()
        goals = tuple(line.strip() for line in self.query_one(".x-goals", TextArea).text.splitlines() if line.strip())
        if any(len(goal) > 2000 for goal in goals):
            errors["goals"] = t("mt.goal_too_long")
            goals = tuple(goal for goal in goals if len(goal) <= 2000)
        parts["goals"] = goals
        raw = {name: self.query_one(f".v-inf-{name}", Input).value for name, _ in INFORMING}
        if any(v.strip() for v in raw.values()):
            try:
                parts["informing"] = _build(InformingDecision, raw, dict(INFORMING))
            except ValueError as exc:
                errors["informing"] = str(exc)
        try:
            parts["next_review_on"] = parse_date(self.query_one(".x-next_review", Input).value)
        except ValueError:
            errors["next_review"] = t("mt.bad_date_field", field=t("mt.next_review"))
        try:
            return MinutesDraft(**parts), errors
        except ValidationError as exc:  # e.g. decisions longer than the model allows
            errors["decisions"] = _problem(exc, {})
            parts.pop("decisions")
            return MinutesDraft(**parts), errors

    def show_errors(self, errors: dict[str, str]) -> None:
        for group in self.query(RowGroup):
            for index, row in enumerate(group.rows()):
                row.show_error(errors.get(f"{group.group}:{index}", ""))
        for name in ("goals", "informing", "next_review"):
            message = errors.get(name, "")
            self.query_one(f".x-err-{name}", Static).update(user_line(message and t("mt.not_saved", problem=message)))


def _dump(record: BaseModel, group: str) -> dict[str, str]:
    return {name: _as_text(getattr(record, name)) for line in GROUPS[group][1] for name, _ in line}


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


# --- the screen -----------------------------------------------------------------------------------

@route("meeting")
class MinutesScreen(PgaScreen):
    HELP_KEY = "mt.minutes_help"
    BINDINGS = [
        Binding("ctrl+s", "save_now", "key.mt_save", id="mt.save"),
        Binding("ctrl+n", "add_row", "key.mt_add_row", id="mt.add_row"),
        Binding("ctrl+r", "remove_row", "key.mt_remove_row", id="mt.remove_row"),
        Binding("ctrl+f", "finalise", "key.mt_finalise", id="mt.finalise"),
        Binding("ctrl+t", "addendum", "key.mt_addendum", id="mt.addendum"),
        Binding("ctrl+o", "export", "key.mt_export", id="mt.export"),
        Binding("f2", "previous_tab", "key.mt_previous", id="mt.previous"),
        Binding("f3", "next_tab", "key.mt_next", id="mt.next"),
        Binding("escape", "back", "key.back", id="mt.back"),
    ]

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self._view: svc.MeetingView | None = None
        self._forms: dict[int, MinutesForm] = {}
        self._saved: dict[int, MinutesDraft] = {}
        self._dirty: set[int] = set()
        self._timer = None
        self._save_lock = asyncio.Lock()
        self._leaving = False

    def route_params(self) -> dict[str, int | bool]:
        return {"meeting_id": self.meeting_id}

    def forget(self) -> None:
        self._view = None
        self._saved = {}
        self._dirty = set()

    # layout and loading

    def compose(self):
        yield PgaHeader()
        yield Static("", id="mt-head")
        yield TabbedContent(id="mt-tabs")
        yield Static("", id="mt-state")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "shared_screen", self._render_heads, init=False)
        self.run_worker(self._load(), exclusive=True, group="meeting-load")

    @property
    def _can_write(self) -> bool:
        return self.app.user is not None and self.app.user.role in CORE_PARTNERS

    @property
    def _is_chair(self) -> bool:
        return self.app.user is not None and self.app.user.role is Role.GEMEENTE

    async def _load(self) -> None:
        view = await self.app.call(svc.read_meeting, self.meeting_id)
        if view is None:
            self.app.pop_screen()
            return
        self._view = view
        tabs = self.query_one("#mt-tabs", TabbedContent)
        await tabs.add_pane(TabPane(t("mt.attendance"), VerticalScroll(id="att-body"), id="tab-att"))
        for line in view.lines:
            await tabs.add_pane(TabPane(user_line(line.case), VerticalScroll(
                Static("", classes="mt-case-head", id=f"head-{line.case_id}"),
                Vertical(id=f"case-{line.case_id}", classes="mt-case"), id=f"body-{line.case_id}"),
                id=f"tab-{line.case_id}"))
        await self._render_attendance()
        for line in view.lines:
            await self._render_case(line)
        self._render_heads()
        # A new meeting starts with the attendance; a meeting under way with its first case.
        if view.lines and (view.meeting.attendance or not self._can_write):
            tabs.active = f"tab-{view.lines[0].case_id}"
        else:
            tabs.active = "tab-att"
        self.call_after_refresh(self._focus_pane, t("mt.state_loaded"))  # once the pane is shown
        self.refresh_bindings()

    def _focus_pane(self, state: str = "", tries: int = 3) -> None:
        """Put the cursor in the first field of the active tab, ready to type; then show `state`
        (so "loaded" appears only once typing lands in a field)."""
        tabs = self.query_one("#mt-tabs", TabbedContent)
        if tabs.active == "tab-att":
            found = self.query("#att-name")
        else:
            case_id = self._current_case()
            found = self.query(f"#case-{case_id} .mt-value") if case_id else []
        if found:
            target = found.first()
            self.set_focus(target)  # at once: Widget.focus() is deferred and would land after typed keys
            if self.focused is not target and tries > 0:  # the pane is not shown yet
                self.call_after_refresh(self._focus_pane, state, tries - 1)
                return
            target.scroll_visible(animate=False)
        if state:
            self._set_state(state)

    def _line(self, case_id: int) -> svc.AgendaLine | None:
        if self._view is None:
            return None
        return next((line for line in self._view.lines if line.case_id == case_id), None)

    def _organisations(self) -> list[str]:
        """Organisations to name in the hints: invited partners, those present, and mine."""
        found: set[str] = set()
        if self._view is not None:
            for line in self._view.lines:
                found |= set(line.invited)
            found |= {a.organisation for a in self._view.meeting.attendance}
        if self.app.user is not None:
            found.add(self.app.user.organisation)
        return sorted(found)

    def _render_heads(self, *_) -> None:
        if self._view is None:
            return
        meeting = self._view.meeting
        self.query_one("#mt-head", Static).update(user_line(t("mt.head", date=show_date(meeting.held_on),
                                                                chair=meeting.chair, cases=len(self._view.lines))))
        for line in self._view.lines:
            status = t("mt.status_final") if line.minutes and line.minutes.is_final else t("mt.status_draft")
            parts = [
                labelled(t("mt.case"), line.case) + Content("   ")
                + labelled(t("mt.person"), shown_name(line.name, self.app.shared_screen)),
                labelled(t("mt.reason"), label(AgendaReason(line.reason))) + Content("   ")
                + labelled(t("mt.invited"), ", ".join(sorted(line.invited)) or t("mt.invited_none")),
                labelled(t("mt.status"), status),
            ]
            self.query_one(f"#head-{line.case_id}", Static).update(Content("\n").join(parts))

    async def _render_case(self, line: svc.AgendaLine) -> None:
        box = self.query_one(f"#case-{line.case_id}", Vertical)
        await box.remove_children()
        self._forms.pop(line.case_id, None)
        final = line.minutes is not None and line.minutes.is_final
        if self._can_write and not final:
            form = MinutesForm(line.case_id, line.minutes, self._organisations())
            self._forms[line.case_id] = form
            await box.mount(form)
            draft, errors = form.draft()
            self._saved[line.case_id] = draft
            form.show_errors(errors)
        else:
            if line.minutes is None and not self._can_write:
                text = Content(t("mt.not_final_yet"))
            else:
                text = minutes_content(line.minutes)
            await box.mount(Static(text, classes="mt-read"))

    # attendance

    async def _render_attendance(self) -> None:
        body = self.query_one("#att-body", VerticalScroll)
        await body.remove_children()
        meeting = self._view.meeting
        widgets: list[Widget] = [Static(Content(t("mt.attendance_title")), classes="subtitle")]
        if self._can_write:
            widgets.append(Static(Content(t("mt.attendance_hint")), classes="hint"))
            for index, person in enumerate(meeting.attendance):
                widgets.append(Checkbox(self._attendee(person), person.present, id=f"att-{index}",
                                        classes="mt-attendee"))
            widgets.append(Horizontal(
                Input(placeholder=t("mt.att_name"), id="att-name", classes="mt-att-input", max_length=120,
                      select_on_focus=False),
                Input(placeholder=t("mt.att_org"), id="att-org", classes="mt-att-input", max_length=120,
                      select_on_focus=False),
                Input(placeholder=t("mt.att_role"), id="att-role", classes="mt-att-input", max_length=80,
                      select_on_focus=False),
                id="att-add"))
            widgets.append(Static("", id="att-error", classes="error"))
        else:
            for person in meeting.attendance:
                mark = t("mt.present") if person.present else t("mt.absent")
                widgets.append(Static(Content(f"{mark}  ") + self._attendee(person)))
        if not meeting.attendance:
            widgets.append(Static(Content(t("mt.attendance_none")), classes="hint"))
        invited = [f"{line.case}: {', '.join(sorted(line.invited))}" for line in self._view.lines if line.invited]
        if invited:
            widgets.append(Static(Content(t("mt.invited_per_case")), classes="subtitle"))
            widgets += [Static(user_line(text)) for text in invited]
        await body.mount_all(widgets)

    @staticmethod
    def _attendee(person: Attendance) -> Content:
        text = f"{person.name} — {person.organisation}" + (f" — {person.role}" if person.role else "")
        return user_line(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id in ("att-name", "att-org", "att-role"):
            event.stop()
            self.run_worker(self._add_attendee(), group="attendance")
        elif isinstance(event.input, Input):
            event.stop()
            self.focus_next()

    async def _add_attendee(self) -> None:
        values = {name: self.query_one(f"#att-{name}", Input).value for name in ("name", "org", "role")}
        error = self.query_one("#att-error", Static)
        if not values["name"].strip() or not values["org"].strip():
            error.update(Content(t("mt.att_required")))
            return
        person = Attendance(name=values["name"], organisation=values["org"], role=values["role"], present=True)
        if await self._save_attendance(self._view.meeting.attendance + (person,)):
            error.update("")
            await self._render_attendance()
            self.query_one("#att-name", Input).focus()

    async def _save_attendance(self, attendance: tuple[Attendance, ...]) -> bool:
        meeting = await self.app.call(svc.record_attendance, self.meeting_id, attendance)
        if meeting is None or self._view is None:
            return False
        self._view = svc.MeetingView(meeting, self._view.lines)
        self._set_state(t("mt.attendance_saved"))
        return True

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        box_id = event.checkbox.id or ""
        if not box_id.startswith("att-") or self._view is None:
            return
        index = int(box_id[4:])
        attendance = list(self._view.meeting.attendance)
        if index < len(attendance) and attendance[index].present != event.value:
            attendance[index] = attendance[index].model_copy(update={"present": event.value})
            self.run_worker(self._save_attendance(tuple(attendance)), group="attendance")

    # typing and autosave

    def _form_of(self, widget: Widget | None) -> MinutesForm | None:
        while widget is not None and not isinstance(widget, MinutesForm):
            widget = widget.parent if isinstance(widget.parent, Widget) else None
        return widget

    def _changed(self, widget: Widget) -> None:
        form = self._form_of(widget)
        if form is None or self._view is None:
            return
        self._dirty.add(form.case_id)
        self._set_state(t("mt.state_typing"))
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(AUTOSAVE_SECONDS, self._autosave)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._changed(event.input)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._changed(event.text_area)

    def on_select_changed(self, event: Select.Changed) -> None:
        self._changed(event.select)

    def on_descendant_blur(self, event) -> None:
        if self._dirty and not self._leaving:
            self._autosave()

    def _autosave(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._dirty:
            self.run_worker(self._save_dirty(), group="autosave")

    async def _save_dirty(self) -> bool:
        """Save every dirty draft; True when everything typed is in the vault."""
        complete = True
        async with self._save_lock:
            for case_id in sorted(self._dirty):
                complete = await self._save_case(case_id) and complete
        return complete

    async def _save_case(self, case_id: int) -> bool:
        form = self._forms.get(case_id)
        self._dirty.discard(case_id)
        if form is None or not form.is_mounted:
            return True
        draft, errors = form.draft()
        form.show_errors(errors)
        if draft != self._saved.get(case_id):
            try:
                await self.app.call_or_raise(svc.save_minutes, self.meeting_id, case_id, draft)
            except VaultLocked:
                return False
            except PgaError as exc:
                self._dirty.add(case_id)
                notify_literal(self.app, str(exc), severity="warning")
                self._set_state(t("mt.state_failed"))
                return False
            self._saved[case_id] = draft
        stamp = clock.utcnow().astimezone().strftime("%H:%M:%S")
        self._set_state(t("mt.state_partly", time=stamp) if errors else t("mt.state_saved", time=stamp))
        return not errors

    def before_lock(self) -> None:
        """Hand unsaved drafts to the vault thread now (synchronously): the app calls this just
        before it closes the vault, and the thread runs work in order."""
        for case_id in sorted(self._dirty):
            form = self._forms.get(case_id)
            if form is None or not form.is_mounted:
                continue
            draft, _ = form.draft()
            if draft != self._saved.get(case_id):
                meeting_id = self.meeting_id
                try:
                    self.app.vault_thread.call(
                        lambda vault, c=case_id, d=draft: svc.save_minutes(Session(vault), meeting_id, c, d))
                except RuntimeError:  # the thread is gone (the app is exiting)
                    pass
        self._dirty = set()

    def on_unmount(self) -> None:
        if self._dirty and self.app.user is not None:
            self.before_lock()

    def _set_state(self, text: str) -> None:
        if self.is_mounted:
            self.query_one("#mt-state", Static).update(Content(text))

    # actions

    def _current_case(self) -> int | None:
        active = self.query_one("#mt-tabs", TabbedContent).active
        return int(active[4:]) if active and active.startswith("tab-") and active[4:].isdigit() else None

    def check_action(self, action: str, parameters) -> bool | None:
        if action in ("add_row", "remove_row", "save_now"):
            return self._can_write
        if action == "export":
            return self._is_chair
        if action in ("finalise", "addendum"):
            if not self._is_chair or self._view is None:
                return False
            line = self._line(self._current_case() or 0)
            final = line is not None and line.minutes is not None and line.minutes.is_final
            return None if line is None else (final if action == "addendum" else not final)
        return True

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()

    def action_next_tab(self) -> None:
        self._step_tab(1)

    def action_previous_tab(self) -> None:
        self._step_tab(-1)

    def _step_tab(self, step: int) -> None:
        tabs = self.query_one("#mt-tabs", TabbedContent)
        panes = [pane.id for pane in tabs.query(TabPane)]
        if panes and tabs.active in panes:
            self.set_focus(None)  # a focused field in the old tab would pull the old tab back
            tabs.active = panes[(panes.index(tabs.active) + step) % len(panes)]
            self.call_after_refresh(self._focus_pane)  # once the pane is shown

    def action_save_now(self) -> None:
        self._autosave()

    async def action_add_row(self) -> None:
        group = self._group_of(self.focused)
        if group is None:
            case_id = self._current_case()
            form = self._forms.get(case_id or 0)
            if form is None:
                self.app.notify(t("mt.add_row_where"), severity="warning")
                return
            group = form.query(RowGroup).first()
        await group.add_row()

    @staticmethod
    def _group_of(widget: Widget | None) -> RowGroup | None:
        while widget is not None and not isinstance(widget, RowGroup):
            widget = widget.parent if isinstance(widget.parent, Widget) else None
        return widget

    async def action_remove_row(self) -> None:
        focused = self.focused
        if isinstance(focused, Checkbox) and (focused.id or "").startswith("att-") and self._view is not None:
            index = int(focused.id[4:])
            attendance = list(self._view.meeting.attendance)
            if index < len(attendance):
                del attendance[index]
                if await self._save_attendance(tuple(attendance)):
                    await self._render_attendance()
            return
        row = focused
        while row is not None and not isinstance(row, MinutesRow):
            row = row.parent if isinstance(row.parent, Widget) else None
        if row is None:
            self.app.notify(t("mt.remove_row_where"), severity="warning")
            return
        form = self._form_of(row)
        group = self._group_of(row)
        await row.remove()
        if group is not None and not group.rows():
            await group.add_row()
        if form is not None:
            self._dirty.add(form.case_id)
            self._autosave()

    def action_finalise(self) -> None:
        self.run_worker(self._finalise(), exclusive=True, group="finalise")

    async def _finalise(self) -> None:
        case_id = self._current_case()
        line = self._line(case_id or 0)
        if line is None:
            return
        self._dirty.add(case_id)
        if not await self._save_dirty():
            self.app.notify(t("mt.fix_first"), severity="warning")
            return
        question = user_line(t("mt.finalise_question", case=line.case))
        if not await self.app.push_screen_wait(ConfirmDialog(question + Content("\n\n" + t("mt.finalise_explain")))):
            return
        final = await self.app.call(svc.finalise_minutes, self.meeting_id, case_id)
        if final is None:
            return
        notify_literal(self.app, t("mt.finalised", case=line.case))
        await self._reload_case(case_id)

    async def _reload_case(self, case_id: int) -> None:
        view = await self.app.call(svc.read_meeting, self.meeting_id)
        if view is None:
            return
        self._view = view
        line = self._line(case_id)
        if line is not None:
            await self._render_case(line)
            self.query_one(f"#body-{case_id}", VerticalScroll).scroll_home(animate=False)
        self._render_heads()
        self.refresh_bindings()

    def action_addendum(self) -> None:
        self.run_worker(self._addendum(), exclusive=True, group="addendum")

    async def _addendum(self) -> None:
        case_id = self._current_case()
        line = self._line(case_id or 0)
        if line is None:
            return

        def check(values: dict) -> tuple[object, dict[str, str]]:
            text = values["text"].strip()
            return (text, {}) if text else (None, {"text": t("mt.required")})

        text = await self.app.push_screen_wait(FormDialog(
            t("mt.addendum_title"), [FieldSpec("text", t("mt.addendum_text"), "area")], check,
            user_line(t("mt.addendum_intro", case=line.case))))
        if text is None:
            return
        if await self.app.call(svc.add_addendum, self.meeting_id, case_id, text) is not None:
            self.app.notify(t("mt.addendum_saved"))
            await self._reload_case(case_id)

    def action_export(self) -> None:
        self.run_worker(self._export(), exclusive=True, group="export")

    async def _export(self) -> None:
        if self._view is None:
            return
        organisations = sorted({org for line in self._view.lines for org in line.invited})
        choices = [t("mt.export_full")] + [t("mt.export_for", organisation=org) for org in organisations]
        chosen = await self.app.push_screen_wait(ChoiceDialog(t("mt.export_title"), choices))
        if chosen is None:
            return
        organisation = organisations[chosen - 1] if chosen else None
        slug = "".join(c if c.isalnum() else "-" for c in (organisation or "volledig").lower()).strip("-")
        name = f"notulen-{self._view.meeting.held_on.isoformat()}-{slug}.pdf"
        path = await self.app.push_screen_wait(ExportDialog(name))
        if path is None:
            return
        written = await self.app.call(export_minutes, self.meeting_id, path, organisation=organisation)
        if written is not None:
            notify_literal(self.app, t("export.done", path=str(written)), timeout=10)

    def action_back(self) -> None:
        self.run_worker(self._leave(), exclusive=True, group="leave")

    async def _leave(self) -> None:
        self._leaving = True
        self._dirty |= set(self._forms)  # also reports a part that is still incomplete
        if not await self._save_dirty():
            self._leaving = False
            if not await self.app.push_screen_wait(ConfirmDialog(Content(t("mt.leave_incomplete")))):
                return
        self.forget()
        self.app.pop_screen()
