"""The attendance tab of a meeting: who is there, added with name, organisation and role, marked
absent with the space bar; every change is saved at once."""

from __future__ import annotations

import dataclasses

from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Static

from pgatui.domain.models import Attendance
from pgatui.services import meetings as svc
from pgatui.tui.i18n import t
from pgatui.tui.safe import user_line


class AttendanceTab:
    """Mixed into MinutesScreen: the attendance part (uses self._view, self.meeting_id)."""

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
        self._view = dataclasses.replace(self._view, meeting=meeting)
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
