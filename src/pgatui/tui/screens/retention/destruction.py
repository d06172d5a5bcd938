"""The destruction review: select (nothing is selected at first, nor after a run), confirm with
the typed word (and a second person when the setting asks), progress, done."""

from __future__ import annotations


from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, ProgressBar, Static

from pgatui.services import retention as svc
from pgatui.tui.base import PgaScreen
from pgatui.tui.i18n import t
from pgatui.tui.routes import route
from pgatui.tui.safe import notify_literal, user_cell, user_line
from pgatui.tui.kit.dialogs import ColleagueDialog
from pgatui.tui.widgets import PgaFooter, PgaHeader

from pgatui.tui.screens.retention.common import columns, date_cell, destroy_dialog, export_report, say_refused


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
        yield PgaFooter()

    def forget(self) -> None:
        self._rows, self._chosen = [], set()

    def on_mount(self) -> None:
        columns(self.query_one("#destroy-table", DataTable), "ret.destroy_columns")
        self.query_one("#destroy-progress", ProgressBar).display = False
        self.run_worker(self._load(), exclusive=True, group="destruction")

    async def _load(self) -> None:
        outcome = await self.app.attempt(svc.destruction_review, quiet=True)
        if not outcome.ok:
            say_refused(self, outcome, t("ret.destroy_denied"))
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
