"""Retention: the overview of closed cases with their deadlines, legal holds, the destruction
review (select, confirm, progress, done) and the export of the destruction report.

The screens own no rules: states, marks and what may be destroyed come from
pgatui.services.retention, which also authorises and audits every step.
"""

from __future__ import annotations


from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Static

from pgatui.domain.access import Permission
from pgatui.domain.models import LegalHold
from pgatui.domain.retention import RetentionState
from pgatui.services import retention as svc
from pgatui.tui.base import PgaScreen
from pgatui.tui.i18n import t
from pgatui.tui.routes import route
from pgatui.tui.safe import notify_literal, user_cell
from pgatui.tui.accountable import DisposalRecordsModal, close_dormant, justify_open
from pgatui.tui.kit.dialogs import ConfirmDialog
from pgatui.tui.widgets import PgaFooter, PgaHeader

from pgatui.tui.screens.retention.common import (FILTERS, columns, date_cell, export_report, hold_dialog,
                                              state_cell, say_refused)


@route("retention")
class RetentionScreen(PgaScreen):
    HELP_KEY = "ret.help"
    BINDINGS = [
        Binding("f", "filter", "key.ret_filter", id="ret.filter"),
        Binding("h", "hold", "key.ret_hold", id="ret.hold"),
        Binding("l", "lift", "key.ret_lift", id="ret.lift", show=False),
        Binding("v", "review", "key.ret_review", id="ret.review"),
        Binding("e", "export", "key.ret_export", id="ret.export", show=False),
        Binding("p", "policy", "key.ret_policy", id="ret.policy", show=False),
        Binding("s", "close_dormant", "key.ret_close_dormant", id="ret.close_dormant", show=False),
        Binding("j", "justify", "key.ret_justify", id="ret.justify", show=False),
        Binding("g", "disposals", "key.ret_disposals", id="ret.disposals", show=False),
        Binding("r", "refresh", "key.refresh", id="ret.refresh", show=False),
        Binding("escape", "back", "key.back", id="ret.back"),
    ]

    def __init__(self, state_filter: int = 0, case_id: int = 0) -> None:
        super().__init__()
        self.state_filter = state_filter % len(FILTERS)  # an index: route params are ints
        self.case_id = case_id  # a task for one case (a dormant file) shows that case only; 0: every case
        self._rows: list[svc.RetentionRow] = []
        self._away = False  # on another full screen (review, policy) that may change the picture

    def compose(self):
        yield PgaHeader()
        with Vertical(id="retention"):
            yield Static(Content(t("ret.title")), classes="title")
            yield Static("", id="ret-filter")
            yield DataTable(id="ret-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="ret-status")
        yield PgaFooter()

    def route_params(self) -> dict[str, int | bool]:
        return {"state_filter": self.state_filter, "case_id": self.case_id}

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
        outcome = await self.app.attempt(svc.retention_overview, quiet=True)
        if not outcome.ok:
            say_refused(self, outcome, t("ret.denied"))
            return
        self._rows = outcome.value
        self._show()

    def _show(self) -> None:
        wanted = FILTERS[self.state_filter]
        shown = [r for r in self._rows if (wanted is None or r.state is wanted)
                 and (not self.case_id or r.case_id == self.case_id)]
        counts = {s.value: sum(r.state is s for r in self._rows) for s in FILTERS if s is not None}
        state = t(f"ret.state.{wanted.value}") if wanted else t("ret.filter.all")
        if self.case_id:
            state = t("ret.filter.case", case=next((r.case for r in self._rows if r.case_id == self.case_id), "-"))
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
        if self.case_id:  # from one case's task: F shows every case again first
            self.case_id = 0
        else:
            self.state_filter = (self.state_filter + 1) % len(FILTERS)
        self._show()

    # legal holds

    def _may_manage_holds(self) -> bool:
        if self.allows(Permission.HOLD_MANAGE):
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

        self.app.push_screen(hold_dialog(row.case, self.app.user.organisation), placed)

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

        self.app.push_screen(ConfirmDialog(t("ret.lift_question", case=row.case)), answered)

    async def _lift(self, row: svc.RetentionRow) -> None:
        if await self._changed(svc.lift_hold, row.case_id):
            notify_literal(self.app, t("ret.hold_lifted", case=row.case))

    # dormant open files (issue 11): close with a reason or keep open with a justification

    def _dormant_row(self) -> svc.RetentionRow | None:
        if not self.allows(Permission.CASE_CLOSE):
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
        self.leave()


