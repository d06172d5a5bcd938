"""The only way user-typed text reaches a widget: as literal text, never as markup.

Textual and Rich parse markup in plain strings handed to Static, Label, Button, OptionList,
Select, DataTable cells, Tree labels and notifications: `[@click=app.quit]` would become a live
action and `[/` would crash the app, even after `escape()`. Everything built here is literal
text with control characters (ESC, C1) and bidi overrides removed (DESIGN.md, "Hostile text").

Which helper for which widget:

    Static, Label, Button, Checkbox, TabPane title   user_line(s) / user_text(s)   (Content)
    OptionList                                       user_option(s, id=...)
    RowTable cell (kit.rows: the case list)          user_line(s)                  (Content)
    DataTable cell, Tree label, Select option         user_cell(s)                  (rich Text:
                                                      these widgets treat a str as markup and
                                                      Select's type-to-search needs Text)
    "Label: value" where only the label is ours      labelled(t("..."), value)
    a notification that may hold user text           notify_literal(app, message)
    a widget that only ever shows one user value     UserStatic(value, one_line=True)

A catalogue string formatted with user values is user text too: `user_line(t("home.signed_in",
login=user.login))`, never `Static(t(...))`.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.widgets import Static
from textual.widgets.option_list import Option

from pgatui.domain.text import safe_line, safe_text

ELLIPSIS = "…"


def user_text(text: str | None) -> Content:
    """Multi-line user text (facts, minutes) as literal Content; newlines and tabs survive."""
    return Content(safe_text(text))


def user_line(text: str | None, *, width: int | None = None) -> Content:
    """One-line user text (a name, a label) as literal Content, cut to `width` terminal cells
    (wide characters count double) with an ellipsis."""
    content = Content(safe_line(text))
    if width is not None and content.cell_length > width:
        content = content.truncate(max(0, width), ellipsis=True)
    return content


def user_cell(text: str | None, *, width: int | None = None) -> Text:
    """One-line user text as a rich Text for DataTable cells, Tree labels and Select options."""
    cell = Text(safe_line(text), no_wrap=True, overflow="ellipsis", end="")
    if width is not None and cell.cell_len > width:
        cell.truncate(max(0, width), overflow="ellipsis")
    return cell


def user_option(text: str | None, *, id: str | None = None, disabled: bool = False) -> Option:
    """An OptionList option whose prompt is literal user text."""
    return Option(user_line(text), id=id, disabled=disabled)


def labelled(label: str, value: str | None) -> Content:
    """'Label: value' where only the label is ours; the value is literal user text."""
    return Content(f"{label}: ") + user_line(value)


def notify_literal(app, message: str, *, severity: str = "information", timeout: float | None = None) -> None:
    """A toast whose text is never parsed as markup (error messages may quote user input)."""
    app.notify(safe_line(message), severity=severity, timeout=timeout, markup=False)


class UserStatic(Static):
    """A Static that shows one user value literally, now and after every `show()`."""

    def __init__(self, text: str | None = "", *, one_line: bool = False, **kwargs) -> None:
        self._one_line = one_line
        super().__init__(self._literal(text), markup=False, **kwargs)

    def _literal(self, text: str | None) -> Content:
        return user_line(text) if self._one_line else user_text(text)

    def show(self, text: str | None) -> None:
        self.update(self._literal(text))
