"""RowTable: a table of fixed-width columns that draws only its visible lines, each row as one
prepared line.

Textual's DataTable renders every visible cell through Rich after each change (clearing or adding
a row drops its render caches), and lays the screen out again when its height follows the rows:
at 100 000 persons that took ~100 ms of every search keystroke in the case list (issue 18). Here a
row is one Content line, joined once when the rows are set; a visible line becomes a Strip on its
first draw and stays cached until the rows, the width or the line's style change; moving the
cursor redraws two lines; the table's size never depends on its rows (no layout pass per fill).

Cells are Content or str and are never parsed as markup: pass user text through
`pgatui.tui.safe.user_line`, which also strips control characters.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

CELL_PADDING = 1  # cells are apart by a space on either side, as in a DataTable
HEADER_LINES = 1

Cell = Content | str


class RowTable(ScrollView, can_focus=True):
    """Rows of cells under a header; a row cursor; Enter (or a click on the cursor row) selects."""

    BINDINGS = [
        Binding("enter", "select_cursor", "Select", show=False),
        Binding("up", "cursor_up", "Cursor up", show=False),
        Binding("down", "cursor_down", "Cursor down", show=False),
        Binding("left", "scroll_left", "Scroll left", show=False),  # a table wider than the terminal
        Binding("right", "scroll_right", "Scroll right", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,ctrl+home", "first_row", "Top", show=False),
        Binding("end,ctrl+end", "last_row", "Bottom", show=False),
    ]
    COMPONENT_CLASSES = {"row-table--header", "row-table--cursor", "row-table--even-row", "row-table--odd-row"}
    DEFAULT_CSS = """
    RowTable {
        background: $surface;
        color: $foreground;
        height: 1fr;
        overflow-y: scroll;  /* always there: a scrollbar that comes and goes would lay the screen out */
        &:focus {
            background-tint: $foreground 5%;
            & > .row-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .row-table--header { background-tint: $foreground 5%; }
        }
        &:dark > .row-table--even-row { background: $surface-darken-1 40%; }
        & > .row-table--header { text-style: bold; background: $panel; color: $foreground; }
        &:ansi > .row-table--header { background: ansi_bright_blue; color: ansi_default; }
        & > .row-table--even-row { background: $surface-lighten-1 50%; }
        & > .row-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    cursor_row: reactive[int] = reactive(0, repaint=False, always_update=True)

    class RowSelected(Message):
        """Enter on a row, or a click on the cursor row: `row_key` is the key it was added with."""

        def __init__(self, table: RowTable, cursor_row: int, row_key: str | None) -> None:
            super().__init__()
            self.table, self.cursor_row, self.row_key = table, cursor_row, row_key

        @property
        def control(self) -> RowTable:
            return self.table

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._widths: list[int] = []
        self._header: Content = Content("")
        self._cells: list[tuple[Content, ...]] = []
        self._keys: list[str | None] = []
        self._lines: list[Content | None] = []  # each row's cells joined into one line, when first drawn
        # (row or -1 for the header, style, width, sideways offset) -> the drawn line; only the rows held
        self._strips: dict[tuple, Strip] = {}

    # --- content -------------------------------------------------------------------------

    def set_columns(self, columns: Sequence[tuple[str, int]]) -> None:
        """The headers and their widths in cells (longer text ends in an ellipsis)."""
        self._widths = [max(width, 1) for _, width in columns]
        self._header = self._line([Content(header) for header, _ in columns])
        self._lines = [None] * len(self._cells)  # joined at the old widths
        self._strips.clear()
        self.virtual_size = self._content_size()  # the columns change the width: a layout pass
        self.refresh()

    def set_rows(self, rows: Sequence[tuple[str | None, Sequence[Cell]]]) -> None:
        """Replace every row: (key, cells). The cursor stays on its row number (within the rows)."""
        self._cells = [tuple(_content(cell) for cell in cells) for _, cells in rows]
        self._keys = [key for key, _ in rows]
        self._lines = [None] * len(self._cells)
        self._strips.clear()
        self._rows_changed()
        self.cursor_row = min(self.cursor_row, max(self.row_count - 1, 0))
        self.refresh()

    def clear(self) -> None:
        self.set_rows([])

    @property
    def row_count(self) -> int:
        return len(self._cells)

    def get_row_at(self, row_index: int) -> tuple[Content, ...]:
        return self._cells[row_index]

    def key_at(self, row_index: int) -> str | None:
        return self._keys[row_index]

    def _line(self, cells: Sequence[Content]) -> Content:
        """The cells, each cut or padded to its column's width, apart by the padding."""
        parts = [cell.truncate(width, ellipsis=True, pad=True) for cell, width in zip(cells, self._widths)]
        pad = " " * CELL_PADDING
        if not any(part.spans for part in parts):  # plain text (most rows): one string, no spans to shift
            text = pad + (pad + pad).join(part.plain for part in parts) + pad
            return Content(text, cell_length=sum(part.cell_length for part in parts) + 2 * CELL_PADDING * len(parts),
                           strip_control_codes=False)
        return Content("").join(Content(pad) + part + Content(pad) for part in parts)

    def _row_line(self, row: int) -> Content:
        if (line := self._lines[row]) is None:
            line = self._lines[row] = self._line(self._cells[row])
        return line

    def _content_size(self) -> Size:
        return Size(sum(self._widths) + 2 * CELL_PADDING * len(self._widths), self.row_count + HEADER_LINES)

    def _rows_changed(self) -> None:
        """The new height goes to the scrollbar only: the table's own size does not follow its rows,
        so no layout pass of the screen (which cost ~25 ms at every search whose row count changed)."""
        size = self._content_size()
        if size != self.virtual_size:
            self.set_reactive(RowTable.virtual_size, size)
            self._scroll_update(size)

    # --- drawing ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y < HEADER_LINES:
            return self._strip(-1, ("row-table--header",), width)
        row = y - HEADER_LINES + self.scroll_offset.y
        if not 0 <= row < self.row_count:
            return Strip.blank(width, self.get_visual_style().rich_style)
        stripe = "row-table--even-row" if row % 2 == 0 else "row-table--odd-row"
        classes = (stripe, "row-table--cursor") if row == self.cursor_row else (stripe,)
        return self._strip(row, classes, width)

    def _strip(self, row: int, classes: tuple[str, ...], width: int) -> Strip:
        """Row `row` (-1: the header) drawn in the style of `classes`, cropped to the view."""
        style = self.get_visual_style(*classes)
        key = (row, style, width, self.scroll_offset.x)
        if (strip := self._strips.get(key)) is None:
            line = self._header if row < 0 else self._row_line(row)
            segments = line.render_segments(style)
            strip = Strip(segments, line.cell_length).crop_extend(self.scroll_offset.x, self.scroll_offset.x + width,
                                                                  style.rich_style)
            self._strips[key] = strip
        return strip

    def notify_style_update(self) -> None:
        self._strips.clear()
        super().notify_style_update()

    def _refresh_row(self, row: int) -> None:
        y = row - self.scroll_offset.y + HEADER_LINES
        self.refresh(Region(0, y, self.size.width, 1))

    # --- cursor ----------------------------------------------------------------------------

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        self._scroll_cursor_into_view()

    def validate_cursor_row(self, row: int) -> int:
        return min(max(row, 0), max(self.row_count - 1, 0))

    def move_cursor(self, *, row: int, animate: bool = False) -> None:
        self.cursor_row = row

    def _scroll_cursor_into_view(self) -> None:
        visible = self._page()
        top = self.scroll_offset.y
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + visible:
            self.scroll_to(y=self.cursor_row - visible + 1, animate=False, immediate=True)

    def _page(self) -> int:
        return max(self.scrollable_content_region.height - HEADER_LINES, 1)

    def action_cursor_up(self) -> None:
        self.cursor_row -= 1

    def action_cursor_down(self) -> None:
        self.cursor_row += 1

    def action_page_up(self) -> None:
        self.cursor_row -= self._page()

    def action_page_down(self) -> None:
        self.cursor_row += self._page()

    def action_first_row(self) -> None:
        self.cursor_row = 0

    def action_last_row(self) -> None:
        self.cursor_row = self.row_count - 1

    def action_select_cursor(self) -> None:
        if self.row_count:
            self.post_message(self.RowSelected(self, self.cursor_row, self._keys[self.cursor_row]))

    def on_click(self, event) -> None:
        """A click moves the cursor to the row; a click on the cursor row selects it."""
        row = event.y - HEADER_LINES + self.scroll_offset.y
        if event.y < HEADER_LINES or not 0 <= row < self.row_count:
            return
        if row == self.cursor_row:
            self.action_select_cursor()
        else:
            self.cursor_row = row


def _content(cell: Cell) -> Content:
    """A cell as Content: a str is shown as it is (Content never reads markup), on one line."""
    return (cell if isinstance(cell, Content) else Content(cell)).first_line
