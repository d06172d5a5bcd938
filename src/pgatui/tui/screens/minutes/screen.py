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

from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Checkbox, Static, TabbedContent, TabPane

from pgatui.domain.access import Permission
from pgatui.domain.models import AgendaReason, MinutesDraft
from pgatui.services import meetings as svc
from pgatui.services.minutes_export import export_minutes
from pgatui.tui.base import PgaScreen
from pgatui.tui.i18n import t
from pgatui.tui.kit.dialogs import ChoiceDialog, ConfirmDialog, ExportDialog, FormDialog
from pgatui.tui.kit.formats import label, show_date, shown_name
from pgatui.tui.kit.forms import FieldSpec, FieldsScroll, required_text
from pgatui.tui.routes import route
from pgatui.tui.safe import labelled, notify_literal, user_line
from pgatui.tui.screens.minutes.attendance import AttendanceTab
from pgatui.tui.screens.minutes.autosave import Autosave
from pgatui.tui.screens.minutes.form import MinutesForm, MinutesRow, RowGroup
from pgatui.tui.screens.minutes.rendering import minutes_content
from pgatui.tui.widgets import PgaFooter, PgaHeader


@route("meeting")
class MinutesScreen(AttendanceTab, Autosave, PgaScreen):
    HELP_KEY = "mt.minutes_help"
    BINDINGS = [
        # Autosave makes Ctrl+S rarely needed; it, Ctrl+R and F2 are in F1 help and the palette.
        Binding("ctrl+s", "save_now", "key.mt_save", id="mt.save", show=False),
        Binding("ctrl+n", "add_row", "key.mt_add_row", id="mt.add_row"),
        Binding("ctrl+r", "remove_row", "key.mt_remove_row", id="mt.remove_row", show=False),
        Binding("ctrl+f", "finalise", "key.mt_finalise", id="mt.finalise"),
        Binding("ctrl+t", "addendum", "key.mt_addendum", id="mt.addendum"),
        Binding("ctrl+o", "export", "key.mt_export", id="mt.export"),
        Binding("f2", "previous_tab", "key.mt_previous", id="mt.previous", show=False),
        Binding("f3", "next_tab", "key.mt_next", id="mt.next"),
        Binding("escape", "back", "key.back", id="mt.back"),
        # Per agenda item (the case on the open tab): in F1 help and the palette.
        Binding("f5", "case_view('summary')", "key.summary", id="mt.summary", show=False),
        Binding("f6", "case_view('changes')", "key.changes", id="mt.changes", show=False),
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
        yield PgaFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "shared_screen", self._render_heads, init=False)
        self.run_worker(self._load(), exclusive=True, group="meeting-load")

    @property
    def _can_write(self) -> bool:
        return self._may(Permission.MINUTES_WRITE)

    @property
    def _is_chair(self) -> bool:
        return self._may(Permission.MINUTES_FINALISE)

    def _may(self, permission: Permission) -> bool:
        """What the meeting's service said this user may do here (nothing while loading)."""
        return self._view is not None and permission in self._view.allowed

    async def _load(self) -> None:
        view = await self.app.call(svc.read_meeting, self.meeting_id)
        if view is None:
            self.leave()
            return
        self._view = view
        tabs = self.query_one("#mt-tabs", TabbedContent)
        await tabs.add_pane(TabPane(t("mt.attendance"), FieldsScroll(id="att-body"), id="tab-att"))
        for line in view.lines:
            await tabs.add_pane(TabPane(user_line(line.case), FieldsScroll(
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
        """The meeting's head and each case's (a case tab still being added is skipped: the load
        draws the heads again when every tab is there, and Ctrl+G may come before)."""
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
            for head in self.query(f"#head-{line.case_id}").results(Static):
                head.update(Content("\n").join(parts))

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

    # actions

    def _current_case(self) -> int | None:
        active = self.query_one("#mt-tabs", TabbedContent).active
        return int(active[4:]) if active and active.startswith("tab-") and active[4:].isdigit() else None

    def check_action(self, action: str, parameters) -> bool | None:
        if action in ("add_row", "remove_row", "save_now"):  # final minutes change only by addenda
            return self._can_write and not self._current_is_final()
        if action == "export":
            return self._is_chair
        if action in ("finalise", "addendum"):
            if not self._is_chair or self._view is None:
                return False
            line = self._line(self._current_case() or 0)
            final = line is not None and line.minutes is not None and line.minutes.is_final
            return False if line is None else (final if action == "addendum" else not final)
        return True

    def _current_is_final(self) -> bool:
        line = self._line(self._current_case() or 0) if self._view is not None else None
        return line is not None and line.minutes is not None and line.minutes.is_final

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

        text = await self.app.push_screen_wait(FormDialog(
            t("mt.addendum_title"), [FieldSpec("text", t("mt.addendum_text"), "area")], required_text("text"),
            user_line(t("mt.addendum_intro", case=line.case))))
        if text is None:
            return
        if await self.app.call(svc.add_addendum, self.meeting_id, case_id, text) is not None:
            self.app.notify(t("mt.addendum_saved"))
            await self._reload_case(case_id)

    def action_case_view(self, name: str) -> None:
        """The summary or the changes since the last meeting of the case on the open tab."""
        if case_id := self._current_case():
            self.app.go(name, case_id=case_id, **({"since_meeting": True} if name == "changes" else {}))

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
        self.leave()
