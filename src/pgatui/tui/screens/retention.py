"""Retention: the overview of closed cases with their deadlines, legal holds, the destruction
review (select, confirm, progress, done) and the export of the destruction report.

The screens own no rules: states, marks and what may be destroyed come from
pgatui.services.retention, which also authorises and audits every step.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import ValidationError
from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Footer, Input, ProgressBar, Static

from pgatui import clock
from pgatui.domain.access import Permission, allowed
from pgatui.domain.models import LegalHold
from pgatui.domain.retention import RetentionState
from pgatui.errors import AccessDenied
from pgatui.services import retention as svc
from pgatui.tui.base import PgaModal, PgaScreen
from pgatui.tui.kit.formats import date_or_none
from pgatui.tui.i18n import t
from pgatui.tui.routes import route
from pgatui.tui.safe import notify_literal, user_cell, user_line
from pgatui.tui.screens.accountable import DisposalRecordsModal, close_dormant, justify_open
from pgatui.tui.kit.dialogs import ColleagueDialog
from pgatui.tui.widgets import PgaHeader

FILTERS: tuple[RetentionState | None, ...] = (None, RetentionState.OVERDUE, RetentionState.WARNING,
                                               RetentionState.ON_HOLD, RetentionState.RUNNING,
                                               RetentionState.DORMANT, RetentionState.JUSTIFIED)
# How strongly a state is marked: the nearer the deadline, the louder (a 7-day mark shouts).
STATE_STYLE = {RetentionState.OVERDUE: "bold reverse red", RetentionState.ON_HOLD: "bold cyan",
               RetentionState.RUNNING: "", RetentionState.DORMANT: "bold magenta", RetentionState.JUSTIFIED: "italic"}
MARK_STYLE = {7: "bold red", 30: "bold yellow"}

MODAL_CSS = """
HoldModal, QuestionModal, PathModal, ConfirmDestroyModal { align: center middle; }
.ret-box { width: 90%; max-width: 100; height: auto; max-height: 90%; border: thick $primary;
           background: $surface; padding: 1 2; }
.ret-box Input { margin-bottom: 1; }
"""


def state_cell(state: RetentionState, mark: int | None) -> Text:
    """The state in words, marked by urgency (our own catalogue text, no user text)."""
    words = t(f"ret.state.{state.value}")
    if mark is not None:
        return Text(t("ret.mark", state=words, days=mark), style=MARK_STYLE.get(mark, "yellow"))
    return Text(words, style=STATE_STYLE.get(state, ""))


def date_cell(day: dt.date | None) -> Text:
    return Text(day.isoformat() if day else "-")


def columns(table: DataTable, key: str) -> None:
    for name in t(key).split("|"):
        table.add_column(name, key=name)




@route("retention")
class RetentionScreen(PgaScreen):
    HELP_KEY = "ret.help"
    BINDINGS = [
        Binding("f", "filter", "key.ret_filter", id="ret.filter"),
        Binding("h", "hold", "key.ret_hold", id="ret.hold"),
        Binding("l", "lift", "key.ret_lift", id="ret.lift"),
        Binding("v", "review", "key.ret_review", id="ret.review"),
        Binding("e", "export", "key.ret_export", id="ret.export"),
        Binding("p", "policy", "key.ret_policy", id="ret.policy"),
        Binding("s", "close_dormant", "key.ret_close_dormant", id="ret.close_dormant"),
        Binding("j", "justify", "key.ret_justify", id="ret.justify"),
        Binding("g", "disposals", "key.ret_disposals", id="ret.disposals"),
        Binding("r", "refresh", "key.refresh", id="ret.refresh"),
        Binding("escape", "back", "key.back", id="ret.back"),
    ]

    def __init__(self, state_filter: int = 0) -> None:
        super().__init__()
        self.state_filter = state_filter % len(FILTERS)  # an index: route params are ints
        self._rows: list[svc.RetentionRow] = []
        self._away = False  # on another full screen (review, policy) that may change the picture

    def compose(self):
        yield PgaHeader()
        with Vertical(id="retention"):
            yield Static(Content(t("ret.title")), classes="title")
            yield Static("", id="ret-filter")
            yield DataTable(id="ret-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="ret-status")
        yield Footer()

    def route_params(self) -> dict[str, int | bool]:
        return {"state_filter": self.state_filter}

    def forget(self) -> None:
        self._rows = []

    def on_mount(self) -> None:
        columns(self.query_one("#ret-table", DataTable), "ret.columns")
        self.action_refresh()

    def on_screen_resume(self) -> None:
        if self._away:  # back from the destruction review: show what is left (forms reload themselves)
            self._away = False
            self.action_refresh()

    def action_refresh(self) -> None:
        self.run_worker(self._load(), exclusive=True, group="retention")

    async def _load(self) -> None:
        try:
            rows = await self.app.call_or_raise(svc.retention_overview)
        except AccessDenied:
            self._status(t("ret.denied"))
            return
        self._rows = rows
        self._show()

    def _show(self) -> None:
        wanted = FILTERS[self.state_filter]
        shown = [r for r in self._rows if wanted is None or r.state is wanted]
        counts = {s.value: sum(r.state is s for r in self._rows) for s in FILTERS if s is not None}
        state = t(f"ret.state.{wanted.value}") if wanted else t("ret.filter.all")
        counts_line = t("ret.counts", **counts) + " · " + t("ret.counts_open", **counts)
        self.query_one("#ret-filter", Static).update(Content(t("ret.filter", state=state, counts=counts_line)))
        table = self.query_one("#ret-table", DataTable)
        current = self._selected(quiet=True)
        table.clear()
        for row in shown:
            table.add_row(user_cell(row.case), state_cell(row.state, row.mark), date_cell(row.deadline),
                          Text("-" if row.days_left is None else str(row.days_left)), user_cell(row.rule or "-"),
                          date_cell(row.event_on), date_cell(row.hold_ends_on), key=str(row.case_id))
        self._status("" if shown else t("ret.empty"))
        if current is not None and str(current.case_id) in table.rows:  # the cursor stays on its case
            table.move_cursor(row=table.get_row_index(str(current.case_id)))
        table.focus()

    def _status(self, text: str) -> None:
        self.query_one("#ret-status", Static).update(Content(text))

    def _selected(self, *, quiet: bool = False) -> svc.RetentionRow | None:
        table = self.query_one("#ret-table", DataTable)
        if not table.row_count:
            if not quiet:
                notify_literal(self.app, t("ret.no_row"), severity="warning")
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((r for r in self._rows if str(r.case_id) == key), None)

    def action_filter(self) -> None:
        self.state_filter = (self.state_filter + 1) % len(FILTERS)
        self._show()

    # legal holds

    def _may_manage_holds(self) -> bool:
        if allowed(self.app.user.role, Permission.HOLD_MANAGE):
            return True
        notify_literal(self.app, t("ret.hold_denied"), severity="warning")
        return False

    def action_hold(self) -> None:
        row = self._selected()
        if row is None or not self._may_manage_holds():
            return

        def placed(hold: LegalHold | None) -> None:
            if hold is not None:
                self.run_worker(self._place(row, hold), group="hold")

        self.app.push_screen(HoldModal(row.case, self.app.user.organisation), placed)

    async def _place(self, row: svc.RetentionRow, hold: LegalHold) -> None:
        if await self._changed(svc.place_hold, row.case_id, hold):
            notify_literal(self.app, t("ret.hold_placed", case=row.case, date=hold.ends_on))

    async def _changed(self, service, *args) -> bool:
        """Run a change (a refusal becomes a notice in app.call), then show the new picture."""
        done = await self.app.call(service, *args) is not None
        await self._load()
        return done

    def action_lift(self) -> None:
        row = self._selected()
        if row is None or not self._may_manage_holds():
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_worker(self._lift(row), group="hold")

        self.app.push_screen(QuestionModal(t("ret.lift_question", case=row.case)), answered)

    async def _lift(self, row: svc.RetentionRow) -> None:
        if await self._changed(svc.lift_hold, row.case_id):
            notify_literal(self.app, t("ret.hold_lifted", case=row.case))

    # dormant open files (issue 11): close with a reason or keep open with a justification

    def _dormant_row(self) -> svc.RetentionRow | None:
        if not allowed(self.app.user.role, Permission.CASE_CLOSE):
            notify_literal(self.app, t("dorm.denied"), severity="warning")
            return None
        row = self._selected()
        if row is not None and row.state is not RetentionState.DORMANT:
            notify_literal(self.app, t("dorm.not_dormant"), severity="warning")
            return None
        return row

    def action_close_dormant(self) -> None:
        row = self._dormant_row()
        if row is not None:
            self.run_worker(self._after(close_dormant(self, row)), exclusive=True, group="dormant")

    def action_justify(self) -> None:
        row = self._dormant_row()
        if row is not None:
            self.run_worker(self._after(justify_open(self, row)), exclusive=True, group="dormant")

    async def _after(self, change) -> None:
        if await change:
            await self._load()

    def action_disposals(self) -> None:
        self.app.push_screen(DisposalRecordsModal())

    # destruction and the report

    def action_review(self) -> None:
        self._away = True
        self.app.go("destruction")

    def action_export(self) -> None:
        export_report(self)

    def action_policy(self) -> None:
        self.app.go("policy")

    def action_back(self) -> None:
        self.forget()
        self.app.pop_screen()


def export_report(screen) -> None:
    """Ask for a file (with the warning that it is unencrypted) and write the destruction report."""
    default = Path.home() / f"vernietigingsrapport-{clock.today().isoformat()}.csv"

    async def write(path: str) -> None:
        count = await screen.app.call(svc.export_destruction_report, path)
        if count is not None:
            notify_literal(screen.app, t("ret.exported", count=count, path=path))

    def chosen(path: str | None) -> None:
        if path:
            screen.run_worker(write(path), group="export")

    screen.app.push_screen(PathModal("ret.export_title", "ret.export_path", str(default), warning="ret.export_warning",
                                     help_key="ret.export_help"), chosen)


class _RetentionModal(PgaModal):
    DEFAULT_CSS = MODAL_CSS
    BINDINGS = [
        # Not a priority binding: it then waits behind the characters typed before it.
        Binding("ctrl+s", "confirm", "key.ret_confirm", id="ret.modal_confirm"),
        Binding("escape", "cancel", "key.ret_cancel", id="ret.modal_cancel"),
    ]

    def action_cancel(self) -> None:
        self.dismiss(None)


class HoldModal(_RetentionModal):
    """Reason, owner and end date of a legal hold; dismissed with a valid LegalHold or None."""

    HELP_KEY = "ret.hold_help"

    def __init__(self, case: str, organisation: str) -> None:
        super().__init__()
        self._case, self._organisation = case, organisation

    def compose(self):
        with VerticalScroll(classes="ret-box"):
            yield Static(user_line(t("ret.hold_title", case=self._case)), classes="title")
            for name, key, value in (("reason", "ret.hold_reason", ""), ("owner", "ret.hold_owner", self._organisation),
                                     ("ends_on", "ret.hold_ends", (clock.today() + dt.timedelta(days=365)).isoformat())):
                yield Static(Content(t(key)), classes="field-label")
                yield Input(value, id=f"hold-{name}", max_length=300)
                yield Static("", id=f"err-{name}", classes="error")

    def on_mount(self) -> None:
        self.query_one("#hold-reason", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_confirm()

    def action_confirm(self) -> None:
        values = {n: self.query_one(f"#hold-{n}", Input).value.strip() for n in ("reason", "owner", "ends_on")}
        errors = {n: t("ret.required") for n, v in values.items() if not v}
        if values["ends_on"] and date_or_none(values["ends_on"]) is None:
            errors["ends_on"] = t("ret.bad_date")
        hold = None
        if not errors:
            try:
                hold = LegalHold(reason=values["reason"], owner=values["owner"], ends_on=date_or_none(values["ends_on"]))
            except ValidationError as exc:
                for problem in exc.errors():
                    errors.setdefault(str(problem["loc"][0]), problem.get("msg", "").removeprefix("Value error, "))
        for name in values:
            self.query_one(f"#err-{name}", Static).update(user_line(errors.get(name, "")))
        if hold is not None:
            self.dismiss(hold)


class QuestionModal(_RetentionModal):
    """A yes/no question; Enter (or Ctrl+S) says yes."""

    HELP_KEY = "ret.question_help"
    BINDINGS = [Binding("enter", "confirm", "key.ret_confirm", id="ret.question_yes")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self._question = question

    def compose(self):
        with Vertical(classes="ret-box"):
            yield Static(user_line(self._question))
            yield Static(Content(t("ret.question_help")), classes="hint")

    def action_confirm(self) -> None:
        self.dismiss(True)


class PathModal(_RetentionModal):
    """Ask for a file path (the report to write, the policy to load); dismissed with it or None."""

    HELP_KEY = "ret.export_help"

    def __init__(self, title_key: str, label_key: str, value: str = "", *, warning: str | None = None,
                 help_key: str = "ret.export_help") -> None:
        super().__init__()
        self._keys = (title_key, label_key, warning)
        self._value = value
        self.HELP_KEY = help_key  # F1 explains the purpose this dialog was opened for

    def compose(self):
        title_key, label_key, warning = self._keys
        with Vertical(classes="ret-box"):
            yield Static(Content(t(title_key)), classes="title")
            if warning:
                yield Static(Content(t(warning)), classes="warning")
            yield Static(Content(t(label_key)), classes="field-label")
            yield Input(self._value, id="path", max_length=1000)

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_confirm()

    def action_confirm(self) -> None:
        path = self.query_one("#path", Input).value.strip()
        if path:
            self.dismiss(path)


@route("destruction")
class DestructionScreen(PgaScreen):
    """Review list → confirm (a second person when the setting asks) → progress → done."""

    HELP_KEY = "ret.destroy_help"
    BINDINGS = [
        Binding("space", "toggle", "key.ret_toggle", id="destroy.toggle"),
        Binding("a", "toggle_all", "key.ret_toggle_all", id="destroy.toggle_all"),
        Binding("d", "destroy", "key.ret_destroy", id="destroy.run"),
        Binding("e", "export", "key.ret_export", id="destroy.export"),
        Binding("escape", "back", "key.back", id="destroy.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[svc.RetentionRow] = []
        self._chosen: set[int] = set()
        self._busy = False

    def compose(self):
        yield PgaHeader()
        with Vertical(id="destruction"):
            yield Static(Content(t("ret.destroy_title")), classes="title")
            yield DataTable(id="destroy-table", cursor_type="row", zebra_stripes=True)
            yield ProgressBar(id="destroy-progress", show_eta=False)
            yield Static("", id="destroy-status")
        yield Footer()

    def forget(self) -> None:
        self._rows, self._chosen = [], set()

    def on_mount(self) -> None:
        columns(self.query_one("#destroy-table", DataTable), "ret.destroy_columns")
        self.query_one("#destroy-progress", ProgressBar).display = False
        self.run_worker(self._load(), exclusive=True, group="destruction")

    async def _load(self) -> None:
        try:
            self._rows = await self.app.call_or_raise(svc.destruction_review)
        except AccessDenied:
            self._status(t("ret.destroy_denied"))
            return
        self._chosen = {r.case_id for r in self._rows}  # the review starts from all overdue cases
        table = self.query_one("#destroy-table", DataTable)
        table.clear()
        for row in self._rows:
            table.add_row(self._mark(row.case_id), user_cell(row.case), date_cell(row.deadline),
                          user_cell(row.rule or "-"), date_cell(row.event_on), key=str(row.case_id))
        self._count()
        table.focus()

    def _mark(self, case_id: int) -> Text:
        return Text("[x]" if case_id in self._chosen else "[ ]")

    def _count(self) -> None:
        if not self._rows:
            self._status(t("ret.destroy_none"))
        else:
            self._status(t("ret.destroy_selected", selected=len(self._chosen), total=len(self._rows)))

    def _status(self, text: str) -> None:
        self.query_one("#destroy-status", Static).update(user_line(text))

    def action_toggle(self) -> None:
        table = self.query_one("#destroy-table", DataTable)
        if self._busy or not table.row_count:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        self._chosen ^= {int(key.value)}
        table.update_cell(key, table.ordered_columns[0].key, self._mark(int(key.value)))
        self._count()

    def action_toggle_all(self) -> None:
        if self._busy:
            return
        everything = {r.case_id for r in self._rows}
        self._chosen = set() if self._chosen == everything else everything
        table = self.query_one("#destroy-table", DataTable)
        for row in self._rows:
            table.update_cell(str(row.case_id), table.ordered_columns[0].key, self._mark(row.case_id))
        self._count()

    def action_destroy(self) -> None:
        if self._busy:
            return
        if not self._chosen:
            notify_literal(self.app, t("ret.destroy_nothing"), severity="warning")
            return
        self.run_worker(self._ask_and_destroy(), exclusive=True, group="destroy")

    async def _ask_and_destroy(self) -> None:
        second = await self.app.call(svc.second_confirmation_required)
        if second is None:
            return
        if not await self.app.push_screen_wait(ConfirmDestroyModal(len(self._chosen))):
            return
        confirmation = None
        if second:  # the shared colleague dialog: the password goes straight to the service
            answer = await self.app.push_screen_wait(ColleagueDialog(t("ret.confirm_second")))
            confirmation = await self.app.call(svc.confirm_destruction, *answer) if answer else None
            if confirmation is None:
                return
        await self._destroy(confirmation)

    async def _destroy(self, confirmation) -> None:
        ids = [r.case_id for r in self._rows if r.case_id in self._chosen]  # in review order
        bar = self.query_one("#destroy-progress", ProgressBar)
        bar.display, self._busy = True, True
        bar.update(total=len(ids), progress=0)

        def progress(done: int, total: int) -> None:  # runs on the vault thread
            self.app.call_from_thread(self._progress, done, total)

        try:
            result = await self.app.call(svc.destroy_cases, ids, confirmation=confirmation, progress=progress)
        finally:
            self._busy = False
        await self._load()
        if result is not None:
            lines = [t("ret.destroy_done", destroyed=len(result.destroyed), skipped=len(result.skipped))]
            lines += [t("ret.destroy_skipped", case_id=case_id, reason=reason) for case_id, reason in result.skipped]
            self._status("\n".join(lines))

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#destroy-progress", ProgressBar).update(total=total, progress=done)
        self._status(t("ret.destroy_busy", done=done, total=total))

    def action_export(self) -> None:
        export_report(self)

    def action_back(self) -> None:
        if not self._busy:
            self.forget()
            self.app.pop_screen()


class ConfirmDestroyModal(_RetentionModal):
    """Type the confirmation word: destruction cannot be undone. Dismissed with True or None."""

    HELP_KEY = "ret.confirm_help"

    def __init__(self, count: int) -> None:
        super().__init__()
        self._count = count

    def compose(self):
        with VerticalScroll(classes="ret-box"):
            yield Static(Content(t("ret.confirm_title")), classes="title")
            yield Static(Content(t("ret.confirm_text", count=self._count)), classes="warning")
            yield Static(Content(t("ret.confirm_type", word=t("ret.confirm_word"))), classes="field-label")
            yield Input(id="confirm-word", max_length=40)
            yield Static("", id="confirm-error", classes="error")

    def on_mount(self) -> None:
        self.query_one("#confirm-word", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_confirm()

    def action_confirm(self) -> None:
        word = t("ret.confirm_word")
        if self.query_one("#confirm-word", Input).value.strip() == word:
            self.dismiss(True)
        else:
            self.query_one("#confirm-error", Static).update(Content(t("ret.confirm_mismatch", word=word)))
