"""The hostile-text corpus through every helper of pgatui.tui.safe and into every widget kind
that shows user text: literal, no control characters, no crash, no action run."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.app import App
from textual.containers import VerticalScroll
from textual.widgets import Button, Checkbox, DataTable, Label, OptionList, Select, Static, Tree

from hostile import FORBIDDEN, IDS, TEXTS, literal
from pgatui.tui.safe import UserStatic, labelled, notify_literal, user_cell, user_line, user_option, user_text
from pilot import LARGE, SMALL, visible_text, wait_for


def clean(shown: str) -> None:
    assert not any(ch in shown for ch in FORBIDDEN), repr(shown[:80])


@pytest.mark.parametrize("text", TEXTS, ids=IDS)
def test_helpers_give_literal_text(text):
    assert user_line(text).plain == literal(text)
    assert user_cell(text).plain == literal(text)
    assert str(user_option(text).prompt) == literal(text)
    assert labelled("Naam", text).plain == "Naam: " + literal(text)
    assert "\n" not in user_line(text).plain
    for shown in (user_text(text).plain, user_line(text).plain, user_cell(text).plain):
        clean(shown)


@pytest.mark.parametrize("text", TEXTS, ids=IDS)
def test_width_counts_terminal_cells(text):
    cut = user_line(text, width=12)
    assert cut.cell_length <= 12 and user_cell(text, width=12).cell_len <= 12
    if user_line(text).cell_length > 12:
        assert cut.plain.endswith("…")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_is_literal_and_clean(text):
    line = user_line(text).plain
    clean(line)
    assert line == literal(text)


class WidgetsApp(App):
    """Every widget kind that shows user text, fed through the helpers."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.quit_requested = False

    def action_quit(self) -> None:  # a live [@click=app.quit] would land here
        self.quit_requested = True

    def compose(self):
        text = self.text
        with VerticalScroll():
            yield Static(user_line(text), id="static")
            yield Static(user_text(text), id="static-multi")
            yield Label(user_line(text), id="label")
            yield UserStatic(text, one_line=True, id="user-static")
            yield Static(labelled("Naam", text), id="labelled")
            yield Button(user_line(text), id="button")
            yield Checkbox(user_line(text), id="checkbox")
            yield OptionList(user_option(text, id="a"), id="options")
            yield Select([(user_cell(text), 1)], value=1, id="select")
            yield DataTable(id="table")
            yield Tree(user_cell(text), id="tree")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Naam", "Adres")
        table.add_row(user_cell(text := self.text), user_cell(text))
        self.query_one(Tree).root.add_leaf(user_cell(text))
        notify_literal(self, text or "leeg")


def _visible_start(text: str) -> str:
    """A piece of the literal that any widget at least 30 cells wide shows on one line."""
    return literal(text).strip()[:20].strip()


# The whole corpus at 80x24; the large terminal with the strings whose layout could differ.
WIDGET_CASES = [pytest.param(text, SMALL, id=f"{name}-80x24") for name, text in zip(IDS, TEXTS)] + [
    pytest.param(text, LARGE, id=f"{name}-160x48") for name, text in zip(IDS, TEXTS)
    if name in {"click-action", "very-long", "emoji-wide", "osc8-hyperlink"}]


@pytest.mark.parametrize(("text", "size"), WIDGET_CASES)
async def test_widgets_show_hostile_text_literally(text, size):
    """(A plain-string Static in this app does run the action on click: the check is live.)"""
    app = WidgetsApp(text)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for widget_id in ("static", "label", "user-static", "button", "checkbox", "options", "select",
                          "table", "tree"):
            widget = app.query_one(f"#{widget_id}")
            widget.scroll_visible(animate=False)  # done after the next refresh: waited for, not assumed
            await wait_for(pilot, lambda widget=widget: app.screen.region.contains(*widget.region.offset),
                           what=f"#{widget_id} scrolled into view")
            shown = visible_text(app)
            clean(shown)
            if _visible_start(text) and "\n" not in _visible_start(text):
                assert _visible_start(text) in shown, (widget_id, shown)
            await pilot.click(f"#{widget_id}")  # clicking a live [@click=...] would run it
        await pilot.press("enter", "space", "tab", "enter")
        await pilot.pause()
        assert app.is_running and not app.quit_requested and app.return_code is None
