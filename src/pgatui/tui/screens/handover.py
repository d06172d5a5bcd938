"""The case directors of open cases, for the beheerder (issue 11): numbers, municipalities and
directors only, never case content. Enter (or O) on a row hands the case over to another gemeente
user of its municipality; the service authorises, audits and tells both directors."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Input, Static

from pgatui.errors import PgaError
from pgatui.services import ownership
from pgatui.tui.base import PgaScreen
from pgatui.tui.i18n import t
from pgatui.tui.routes import route
from pgatui.tui.safe import notify_literal, user_cell
from pgatui.tui.kit.dialogs import ChoiceDialog
from pgatui.tui.widgets import PgaFooter, PgaHeader


COLUMN_WIDTHS = (16, 32, 28)  # case number, municipality, director (logins are short)


@route("directors")
class DirectorsScreen(PgaScreen):
    HELP_KEY = "own.directors_help"
    DEFAULT_CSS = """
    #directors-table { height: 1fr; }
    """
    BINDINGS = [
        Binding("o", "hand_over", "key.own_handover", id="directors.handover"),
        Binding("escape", "back", "key.back", id="directors.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[ownership.DirectedCase] = []

    def compose(self):
        yield PgaHeader()
        with Vertical(id="directors"):
            yield Static(Content(t("own.directors_title")), classes="title")
            yield Input(placeholder=t("own.directors_search"), id="directors-query", max_length=100)
            yield DataTable(id="directors-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="directors-status", classes="hint")
        yield PgaFooter()

    def on_mount(self) -> None:
        table = self.query_one("#directors-table", DataTable)
        for name, width in zip(t("own.directors_columns").split("|"), COLUMN_WIDTHS):
            table.add_column(name, width=width)  # fixed: no re-measuring per load
        self._reload()

    def forget(self) -> None:
        self._rows = []

    def _reload(self) -> None:
        self.run_worker(self._load(self.query_one("#directors-query", Input).value), exclusive=True,
                        group="directors")

    async def _load(self, query: str) -> None:
        rows = await self.app.call(ownership.directed_cases, query)
        if rows is None:
            return
        self._rows = rows
        table = self.query_one("#directors-table", DataTable)
        table.clear()
        for row in rows:
            director = (row.director or "-") + ("" if row.director_active or not row.director else t("own.disabled"))
            table.add_row(user_cell(row.number), user_cell(row.municipality or "-"), user_cell(director),
                          key=str(row.id))
        status = t("own.directors_count", count=len(rows)) if rows else t("own.directors_none")
        self.query_one("#directors-status", Static).update(Content(status))
        if rows:
            table.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._reload()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_hand_over()

    def action_hand_over(self) -> None:
        table = self.query_one("#directors-table", DataTable)
        if table.row_count:
            self.run_worker(self._hand_over(self._rows[table.cursor_row]), exclusive=True, group="handover")

    async def _hand_over(self, case: ownership.DirectedCase) -> None:
        others = [d for d in await self.app.call(ownership.directors_for, case.municipality_id) or []
                  if d != case.director]
        if not others:
            self.app.notify(t("own.none_to_choose"))
            return
        chosen = await self.app.push_screen_wait(ChoiceDialog(t("own.handover_title"), others))
        if chosen is None:
            return
        try:
            await self.app.call_or_raise(ownership.hand_over, case.id, others[chosen])
        except PgaError as exc:  # one line, no secrets or content by contract
            notify_literal(self.app, str(exc), severity="warning")
            return
        notify_literal(self.app, t("own.handed_over", case=case.number, director=others[chosen]))
        await self._load(self.query_one("#directors-query", Input).value)

    def action_back(self) -> None:
        self.forget()
        self.app.pop_screen()
