"""Retention: the overview of closed cases with their deadlines, legal holds, the destruction
review (select, confirm, progress, done) and the export of the destruction report.

The screens own no rules: states, marks and what may be destroyed come from
pgatui.services.retention, which also authorises and audits every step.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Footer, ProgressBar, Static

from pgatui import clock
from pgatui.domain.access import Permission
from pgatui.domain.models import LegalHold
from pgatui.domain.retention import RetentionState
from pgatui.errors import AccessDenied
from pgatui.services import retention as svc
from pgatui.tui.base import PgaScreen
from pgatui.tui.i18n import t
from pgatui.tui.routes import route
from pgatui.tui.safe import notify_literal, user_cell, user_line
from pgatui.tui.accountable import DisposalRecordsModal, close_dormant, justify_open
from pgatui.tui.kit.dialogs import ColleagueDialog, ConfirmDialog, FormDialog, PathDialog
from pgatui.tui.kit.forms import FieldSpec, FormIds, build, limit_of, parse_dates
from pgatui.tui.kit.formats import show_date
from pgatui.tui.widgets import PgaHeader

FILTERS: tuple[RetentionState | None, ...] = (None, RetentionState.OVERDUE, RetentionState.WARNING,
                                               RetentionState.ON_HOLD, RetentionState.RUNNING,
                                               RetentionState.DORMANT, RetentionState.JUSTIFIED)
# How strongly a state is marked: the nearer the deadline, the louder (a 7-day mark shouts).
STATE_STYLE = {RetentionState.OVERDUE: "bold reverse red", RetentionState.ON_HOLD: "bold cyan",
               RetentionState.RUNNING: "", RetentionState.DORMANT: "bold magenta", RetentionState.JUSTIFIED: "italic"}
MARK_STYLE = {7: "bold red", 30: "bold yellow"}



def state_cell(state: RetentionState, mark: int | None) -> Text:
    """The state in words, marked by urgency (our own catalogue text, no user text)."""
    words = t(f"ret.state.{state.value}")
    if mark is not None:
        return Text(t("ret.mark", state=words, days=mark), style=MARK_STYLE.get(mark, "yellow"))
    return Text(words, style=STATE_STYLE.get(state, ""))


def date_cell(day: dt.date | None) -> Text:
    return Text(show_date(day))


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
        outcome = await self.app.attempt(svc.retention_overview, quiet=True)
        if not outcome.ok:
            self._refused(outcome, t("ret.denied"))
            return
        self._rows = outcome.value
        self._show()

    def _refused(self, outcome, denied: str) -> None:
        """A refusal is said on the screen itself; anything else goes to the app's notice."""
        if isinstance(outcome.error, AccessDenied):
            self._status(denied)
        else:
            self.app.report(outcome)

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

    screen.app.push_screen(PathDialog(t("ret.export_title"), t("ret.export_path"), str(default),
                                      warning=t("ret.export_warning"), help_key="ret.export_help"), chosen)


HOLD_FIELDS = ("reason", "owner", "ends_on")


def hold_dialog(case: str, organisation: str) -> FormDialog:
    """Reason, owner and end date of a legal hold; dismissed with a valid LegalHold or None."""
    fields = [FieldSpec("reason", t("ret.hold_reason"), max_length=limit_of(LegalHold, "reason")),
              FieldSpec("owner", t("ret.hold_owner"), value=organisation, max_length=limit_of(LegalHold, "owner")),
              FieldSpec("ends_on", t("ret.hold_ends"), "date", show_date(clock.today() + dt.timedelta(days=365)))]

    def check(values: dict) -> tuple[LegalHold | None, dict[str, str]]:
        data, errors = parse_dates(values, ["ends_on"])
        return build(LegalHold, data, errors, only=HOLD_FIELDS), errors

    return FormDialog(t("ret.hold_title", case=case), fields, check, ids=FormIds("hold-", "err-"),
                      help_key="ret.hold_help")


def destroy_dialog(count: int) -> FormDialog:
    """Type the confirmation word: destruction cannot be undone. Dismissed with True or None."""
    word = t("ret.confirm_word")

    def check(values: dict) -> tuple[bool, dict[str, str]]:
        typed = str(values["word"]).strip() == word
        return typed, {} if typed else {"word": t("ret.confirm_mismatch", word=word)}

    return FormDialog(t("ret.confirm_title"), [FieldSpec("word", t("ret.confirm_type", word=word), max_length=40)],
                      check, intro=t("ret.confirm_text", count=count), ids=FormIds("confirm-", "confirm-error-"),
                      help_key="ret.confirm_help")


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
        outcome = await self.app.attempt(svc.destruction_review, quiet=True)
        if not outcome.ok:
            RetentionScreen._refused(self, outcome, t("ret.destroy_denied"))
            return
        self._rows = outcome.value
        self._chosen = set()  # nothing is chosen for destruction until the user chooses it, also after a run
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
        if not await self.app.push_screen_wait(destroy_dialog(len(self._chosen))):
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
            self.leave()
