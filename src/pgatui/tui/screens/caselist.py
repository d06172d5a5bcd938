"""Case list (keyset-paged from SQL, by number or by what falls due first, filtered by phase and
owner) and search-as-you-type (FTS5)."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from pgatui.domain.models import Phase
from pgatui.services import cases as svc
from pgatui.tui.base import PgaScreen
from pgatui.tui.widgets import PgaFooter, PgaHeader
from pgatui.tui.routes import route
from pgatui.tui.kit.formats import label, show_date, shown_name
from pgatui.tui.kit.rows import RowTable
from pgatui.tui.i18n import t
from pgatui.tui.safe import user_line

PAGE = 50
DEBOUNCE_SECONDS = 0.25
# Columns of a fixed width (number, phase, name, director, opened, due; the phase fits its longest
# label, the name what the terminal leaves, within bounds): a page or a search never measures its
# text nor lays the screen out again (issue 18). Longer text ends in an ellipsis. A number has 15 characters from case 100 000 on.
NUMBER_WIDTH, DIRECTOR_WIDTH, DATE_WIDTH = 15, 14, 10
NAME_WIDTHS = range(18, 31)
CELL_PADDING, SCROLLBAR = 2, 2


@route("cases")
class CaseListScreen(PgaScreen):
    HELP_KEY = "list.help"
    KEPT = True  # opened many times a day with '/': built once a session, started afresh each time
    BINDINGS = [
        Binding("escape", "back", "key.back", id="list.back"),
        Binding("ctrl+n", "next_page", "key.next_page", id="list.next"),
        Binding("ctrl+b", "first_page", "key.first_page", id="list.first", show=False),
        Binding("f2", "next_phase", "key.list_phase", id="list.phase"),
        Binding("f3", "toggle_mine", "key.list_mine", id="list.mine"),
        Binding("f4", "toggle_due", "key.list_due", id="list.due"),
    ]

    # The page line keeps its one line when a search blanks it: its update then needs no layout pass.
    DEFAULT_CSS = """
    CaseListScreen #page { height: 1; }
    """

    # The phase filter cycles through: every phase, then each open or closed phase.
    PHASES: tuple[Phase | None, ...] = (None, *(p for p in Phase if p is not Phase.VERNIETIGD))

    def __init__(self) -> None:
        super().__init__()
        self._pages: list[tuple[str, int] | None] = [None]  # keyset: where each page starts
        self._last_key: tuple[str, int] | None = None
        self._debounce = None
        self._phase: Phase | None = None
        self._mine = False
        self._by_due = False
        self._listed_query: str | None = None  # the search the table's rows answer (None: none yet)
        self._to_table_when_listed = False
        self._open_first_when_listed = False  # Enter pressed twice before the results came
        self._chosen_before_listed: int | None = None  # a case chosen in an older list: opened if found again
        # The search whose results an Enter already took the cursor to: an Enter for it that was on
        # its way to the search field meanwhile is the second Enter, and opens the first result.
        self._entered_for: str | None = None
        self._shown: list[tuple] | None = None  # the rows the table holds (a reload with the same keeps them)
        self._shown_masked = False  # whether their names were shown as initials (the shared screen)
        self._page_line_shown = ""
        self._columns_for: tuple[int, ...] = ()  # the column widths set, for the terminal's width then

    def compose(self):
        yield PgaHeader()
        with Vertical():
            yield Input(placeholder=t("list.search"), id="query", max_length=200)
            yield Static("", id="page", classes="hint")
            yield RowTable(id="cases")
        yield PgaFooter()

    def on_mount(self) -> None:
        self._set_columns()
        self.query_one("#query", Input).focus()
        self.watch(self.app, "shared_screen", self._mask_names, init=False)
        self._load_page()

    def on_resize(self) -> None:
        """The name column takes what a wider or narrower terminal leaves (within bounds)."""
        if self._column_widths() != self._columns_for:
            self._set_columns()

    def _set_columns(self) -> None:
        self._columns_for = self._column_widths()
        headers = t("list.columns").split("|")
        self.query_one("#cases", RowTable).set_columns(
            [(header, max(width, len(header))) for header, width in zip(headers, self._columns_for, strict=True)])

    def reopened(self) -> None:
        """'/' again: an empty search on the first page of every case by number, as a new list
        would show; the rows stay when the vault gives the same ones (no redraw of the table)."""
        if self._debounce is not None:
            self._debounce.stop()
        query = self.query_one("#query", Input)
        with query.prevent(Input.Changed):
            query.value = ""
        self._phase, self._mine, self._by_due = None, False, False
        self._to_table_when_listed, self._open_first_when_listed, self._chosen_before_listed = False, False, None
        self._listed_query = self._entered_for = None
        table = self.query_one("#cases", RowTable)
        table.move_cursor(row=0, animate=False)
        table.scroll_home(animate=False)
        query.focus()
        self._search_or_list()

    def _column_widths(self) -> tuple[int, ...]:
        phase = max(len(label(p)) for p in Phase)
        others = NUMBER_WIDTH + phase + DIRECTOR_WIDTH + 2 * DATE_WIDTH + 6 * CELL_PADDING + SCROLLBAR
        name = min(max(self.app.size.width - others, NAME_WIDTHS.start), NAME_WIDTHS.stop - 1)
        return NUMBER_WIDTH, phase, name, DIRECTOR_WIDTH, DATE_WIDTH, DATE_WIDTH

    def on_input_changed(self, event: Input.Changed) -> None:
        # typing on: no Enter was pressed for this search yet
        self._to_table_when_listed, self._open_first_when_listed, self._chosen_before_listed = False, False, None
        self._entered_for = None
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE_SECONDS, self._search_or_list)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter goes to the results of what was typed: at once when they are listed, else the
        search runs now and the cursor follows when its rows are in (never to an older list)."""
        if self._listed_query == self._query():
            if self._entered_for == self._listed_query and self._shown:
                # The second Enter of a burst, handed to this field before the first's results came
                # and took the focus to them: it means the first result, as it would in the table.
                self.app.go("file", case_id=self._shown[0][0])
                return
            self._entered_for = self._listed_query
            self._to_results()
            return
        if self._to_table_when_listed:  # a second Enter: the typist wants the first result opened
            self._open_first_when_listed = True
            return
        self._to_table_when_listed = True
        self._search_now()

    def _search_now(self) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        self._search_or_list()

    def _query(self) -> str:
        return self.query_one("#query", Input).value.strip()

    def _search_or_list(self) -> None:
        self._pages, self._last_key = [None], None
        self._load_page()

    def _load_page(self) -> None:
        self.run_worker(self._load(self._query()), exclusive=True, group="list")

    async def _load(self, query: str) -> None:
        if query:
            found = await self.app.call(svc.search_cases, query, limit=PAGE)
            rows = [svc.CaseRow(case, name, None) for case, name in (found or [])]
        else:
            rows = await self.app.call(svc.case_rows, phase=self._phase, mine=self._mine, by_due=self._by_due,
                                       after=self._pages[-1], limit=PAGE) or []
        self._fill(rows)
        self._listed_query = query
        self._show_page_line("" if query else self._page_line())
        if self._to_table_when_listed and query == self._query():
            self._follow_enter(rows)

    def _show_page_line(self, line: str) -> None:
        if line != self._page_line_shown:  # only when it changed, and in its fixed line: no layout pass
            self._page_line_shown = line
            self.query_one("#page", Static).update(Content(line), layout=False)

    def _follow_enter(self, rows: list[svc.CaseRow]) -> None:
        """The results of an Enter typed before they came: the cursor goes to them; a second Enter
        opens the first, a case chosen in the older list opens when the search found it too."""
        ids = [row.case.id for row in rows]
        chosen = self._chosen_before_listed if self._chosen_before_listed in ids else None
        if chosen is None and self._open_first_when_listed and ids:
            chosen = ids[0]
        self._to_table_when_listed, self._open_first_when_listed, self._chosen_before_listed = False, False, None
        self._entered_for = self._listed_query
        self._to_results()
        if chosen is not None:
            self.app.go("file", case_id=chosen)

    def _to_results(self) -> None:
        """The focus moves to the results now, not after the keys already on their way (as
        `focus()` would): the Enter typed next is meant for them and opens the row."""
        self.set_focus(self.query_one("#cases", RowTable))

    def _page_line(self) -> str:
        phase = label(self._phase) if self._phase else t("list.all_phases")
        return t("list.page_of", page=len(self._pages), phase=phase,
                 owner=t("list.mine") if self._mine else t("list.everyone"),
                 order=t("list.by_due") if self._by_due else t("list.by_number"))

    def _fill(self, rows: list[svc.CaseRow]) -> None:
        if rows:
            self._last_key = rows[-1].key
        self._show([(row.case.id, row.case.number, row.case.phase, row.name, row.case.director, row.case.opened_on,
                     row.due_on) for row in rows])

    def _show(self, rows: list[tuple]) -> None:
        """The rows (id, number, phase, name, director, opened, due), names as initials on the shared
        screen; the table stays as it is drawn when nothing of it changed (a list opened again)."""
        shared = self.app.shared_screen
        if rows == self._shown and shared == self._shown_masked:
            return
        self._shown, self._shown_masked = rows, shared
        self.query_one("#cases", RowTable).set_rows(
            [(str(row[0]), self._cells(row, shared)) for row in rows] or [(None, (t("list.empty"),))])

    def _mask_names(self, _shared: bool) -> None:
        """The room switched the shared screen on or off: the names change at once."""
        if self._shown is not None:
            self._show(self._shown)

    @staticmethod
    def _cells(row: tuple, shared: bool) -> tuple:
        _id, number, phase, name, director, opened_on, due_on = row
        return (user_line(number), label(phase), user_line(shown_name(name, shared)), user_line(director or "-"),
                show_date(opened_on), show_date(due_on) if due_on else "")

    def on_row_table_row_selected(self, event: RowTable.RowSelected) -> None:
        if event.row_key is None:  # the line that says the list is empty
            return
        # Rows of an earlier search while a new one is typed: search now, open the row if it matches.
        # (No search typed any more: every case matches, so the row chosen is opened as it is.)
        if self._query() and self._listed_query != self._query():
            self._to_table_when_listed, self._chosen_before_listed = True, int(event.row_key)
            self._search_now()
            return
        self.app.go("file", case_id=int(event.row_key))

    def action_next_page(self) -> None:
        if self._last_key and self._last_key != self._pages[-1]:
            self._pages.append(self._last_key)
            self._load_page()

    def action_first_page(self) -> None:
        self._search_or_list()

    def action_next_phase(self) -> None:
        self._phase = self.PHASES[(self.PHASES.index(self._phase) + 1) % len(self.PHASES)]
        self._search_or_list()

    def action_toggle_mine(self) -> None:
        self._mine = not self._mine
        self._search_or_list()

    def action_toggle_due(self) -> None:
        self._by_due = not self._by_due
        self._search_or_list()

    def forget(self) -> None:
        self._last_key = None
        self._shown = None
        if self.is_mounted:
            self.query_one("#cases", RowTable).clear()  # the names go with the screen's rows

    def action_back(self) -> None:
        self.leave()
