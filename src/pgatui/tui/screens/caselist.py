"""Case list (keyset-paged from SQL) and search-as-you-type (FTS5)."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Footer, Input, Static

from pgatui.services import cases as svc
from pgatui.tui.base import PgaScreen
from pgatui.tui.widgets import PgaHeader
from pgatui.tui.routes import route
from pgatui.tui.display import label, shown_name
from pgatui.tui.i18n import t
from pgatui.tui.safe import user_cell

PAGE = 50
DEBOUNCE_SECONDS = 0.25


@route("cases")
class CaseListScreen(PgaScreen):
    HELP_KEY = "list.help"
    BINDINGS = [
        Binding("escape", "back", "key.back", id="list.back"),
        Binding("ctrl+n", "next_page", "key.next_page", id="list.next"),
        Binding("ctrl+b", "first_page", "key.first_page", id="list.first"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._pages: list[int] = [0]  # keyset: the last id before each page
        self._last_id = 0
        self._debounce = None

    def compose(self):
        yield PgaHeader()
        with Vertical():
            yield Input(placeholder=t("list.search"), id="query", max_length=200)
            yield Static("", id="page", classes="hint")
            yield DataTable(id="cases", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#cases", DataTable)
        table.add_columns(*t("list.columns").split("|"))
        self.query_one("#query", Input).focus()
        self._load_page()

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE_SECONDS, self._search_or_list)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#cases", DataTable).focus()

    def _search_or_list(self) -> None:
        self._pages, self._last_id = [0], 0
        self._load_page()

    def _load_page(self) -> None:
        self.run_worker(self._load(self.query_one("#query", Input).value.strip()), exclusive=True, group="list")

    async def _load(self, query: str) -> None:
        if query:
            found = await self.app.call(svc.search_cases, query, limit=PAGE)
            rows = [(case, name) for case, name in (found or [])]
        else:
            page = await self.app.call(svc.list_cases, after_id=self._pages[-1], limit=PAGE)
            rows = [(case, None) for case in (page or [])]
        self._fill(rows)
        self.query_one("#page", Static).update(Content(t("list.page", page=len(self._pages)) if not query else ""))

    def _fill(self, rows) -> None:
        table = self.query_one("#cases", DataTable)
        table.clear()
        for case, name in rows:
            shown = shown_name(name, self.app.shared_screen) if name else ""
            table.add_row(user_cell(case.number), label(case.phase), user_cell(shown), user_cell(case.owner),
                          str(case.opened_on), key=str(case.id))
            self._last_id = case.id
        if not rows:
            table.add_row(t("list.empty"), "", "", "", "")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value and event.row_key.value.isdigit():
            self.app.go("file", case_id=int(event.row_key.value))

    def action_next_page(self) -> None:
        if self._last_id and self._last_id != self._pages[-1]:
            self._pages.append(self._last_id)
            self._load_page()

    def action_first_page(self) -> None:
        self._pages = [0]
        self._load_page()

    def action_back(self) -> None:
        self.app.pop_screen()
