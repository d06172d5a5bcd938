"""The only way user-typed text reaches a widget: as plain Content, never as markup.

Textual and Rich parse markup in plain strings handed to Static, Label, Button, OptionList,
DataTable cells and Tree labels: `[@click=app.quit]` would become a live action and `[/` would
crash the app. Content built here is literal text, with control characters and bidi overrides
removed (DESIGN.md, "Hostile text").
"""

from __future__ import annotations

from textual.content import Content

from pgatui.domain.text import safe_line, safe_text


def user_text(text: str | None) -> Content:
    """Multi-line user text (facts, minutes) as literal Content."""
    return Content(safe_text(text))


def user_line(text: str | None, *, width: int | None = None) -> Content:
    """One-line user text (a name, a table cell) as literal Content, cut to `width` with an ellipsis."""
    line = safe_line(text)
    if width is not None and len(line) > width:
        line = line[: max(0, width - 1)] + "…"
    return Content(line)


def labelled(label: str, value: str | None) -> Content:
    """'Label: value' where only the label is ours; the value is literal user text."""
    return Content(f"{label}: ") + user_line(value)
