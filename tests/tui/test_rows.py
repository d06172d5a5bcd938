"""RowTable (pgatui.tui.kit.rows): the case list's table that draws only its visible lines."""

from __future__ import annotations

from textual.app import App

from pgatui.tui.kit.rows import RowTable
from pgatui.tui.safe import user_line
from pilot import settle, visible_text, wait_for

HOSTILE = "[@click=app.quit]Kwaad[/] [b]vet[/b] \x1b[31mrood \u202eom"
COLUMNS = [("Nummer", 6), ("Naam", 12)]


class TableApp(App):
    def __init__(self, rows) -> None:
        super().__init__()
        self.rows = rows
        self.selected: list[str | None] = []

    def compose(self):
        yield RowTable(id="cases")

    def on_mount(self) -> None:
        table = self.query_one(RowTable)
        table.set_columns(COLUMNS)
        table.set_rows(self.rows)
        table.focus()

    def on_row_table_row_selected(self, event: RowTable.RowSelected) -> None:
        self.selected.append(event.row_key)


def numbered(count: int):
    return [(str(n), (str(n), f"persoon {n}")) for n in range(count)]


def table_lines(app) -> list[str]:
    return visible_text(app).splitlines()


async def test_user_text_is_shown_literally_never_as_markup():
    app = TableApp([("1", (user_line("7"), user_line(HOSTILE))), ("2", ("8", "[red]geen opmaak[/red]"))])
    async with app.run_test(size=(40, 8)) as pilot:
        await settle(pilot)
        shown = visible_text(app)
        assert "[@click=app…" in shown  # cut to the column's width, brackets and all
        assert "[red]geen o…" in shown  # a str cell is never read as markup either
        assert "\x1b" not in shown and "\u202e" not in shown
        table = app.query_one(RowTable)
        assert str(table.get_row_at(0)[1]).startswith("[@click=app.quit]Kwaad[/]")
        await pilot.click(RowTable, offset=(3, 1))  # the cursor row: selects it, runs no action
        assert app.selected == ["1"] and app.is_running


async def test_header_and_columns_keep_their_widths():
    app = TableApp([("1", ("12345678", "Anna")), ("2", ("3", "Wilhelmina van Oranje-Nassau"))])
    async with app.run_test(size=(40, 8)) as pilot:
        await settle(pilot)
        header, first, second = table_lines(app)[:3]
        assert header.startswith(" Nummer  Naam ")
        assert first.startswith(" 12345…  Anna          ")
        assert second.startswith(" 3       Wilhelmina … ")


async def test_keys_move_the_cursor_page_by_page_and_enter_selects_its_row():
    app = TableApp(numbered(100))
    async with app.run_test(size=(40, 11)) as pilot:  # a header and ten rows
        table = app.query_one(RowTable)
        await pilot.press("down", "down", "up")
        assert table.cursor_row == 1
        await pilot.press("pagedown")
        assert table.cursor_row == 11 and table.scroll_offset.y == 2  # the cursor row stays in view
        await pilot.press("end")
        assert table.cursor_row == 99 and table.scroll_offset.y == 90
        await settle(pilot)
        assert table_lines(app)[-1].startswith(" 99")
        await pilot.press("pageup", "enter")
        assert table.cursor_row == 89
        await wait_for(pilot, lambda: app.selected == ["89"])
        await pilot.press("home", "up")
        assert table.cursor_row == 0 and table.scroll_offset.y == 0


async def test_a_click_moves_the_cursor_and_a_second_click_selects():
    app = TableApp(numbered(5))
    async with app.run_test(size=(40, 8)) as pilot:
        table = app.query_one(RowTable)
        await pilot.click(RowTable, offset=(3, 3))  # the header is line 0: row 2
        assert table.cursor_row == 2 and app.selected == []
        await pilot.click(RowTable, offset=(3, 3))
        await wait_for(pilot, lambda: app.selected == ["2"])
        await pilot.click(RowTable, offset=(3, 0))  # the header selects nothing
        assert table.cursor_row == 2 and app.selected == ["2"]


async def test_new_rows_replace_the_old_and_the_cursor_stays_within_them():
    app = TableApp(numbered(30))
    async with app.run_test(size=(40, 11)) as pilot:
        table = app.query_one(RowTable)
        await pilot.press("end")
        table.set_rows([("a", ("1", "Anna")), ("b", ("2", "Bert"))])
        await settle(pilot)
        assert table.row_count == 2 and table.cursor_row == 1 and table.key_at(1) == "b"
        lines = table_lines(app)
        assert lines[1].startswith(" 1       Anna") and lines[2].startswith(" 2       Bert")
        assert not any("persoon" in line for line in lines)  # no line of the old rows left drawn
        table.clear()
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert table.row_count == 0 and app.selected == []


async def test_a_table_wider_than_the_terminal_scrolls_sideways_header_and_all():
    app = TableApp([("1", ("12345", "Wilhelmina"))])
    async with app.run_test(size=(12, 6)) as pilot:  # 22 cells of columns in 12 (less the scrollbar)
        await settle(pilot)
        assert table_lines(app)[0].startswith(" Nummer")
        await pilot.press("right", "right", "right")
        await settle(pilot)
        header, row = table_lines(app)[:2]
        assert app.query_one(RowTable).scroll_offset.x == 3
        assert header.startswith("mmer  Naam") and row.startswith("345   Wilh")
        await pilot.press("left", "left", "left")
        await settle(pilot)
        assert table_lines(app)[0].startswith(" Nummer")
