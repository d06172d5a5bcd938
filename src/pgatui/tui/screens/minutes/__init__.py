"""Running a case meeting (route "meeting"): the screen, the minutes form, attendance, the
read-only rendering of final minutes, and autosave, each in its own module."""

from pgatui.tui.screens.minutes.form import MinutesForm, MinutesRow, RowGroup
from pgatui.tui.screens.minutes.rendering import minutes_content
from pgatui.tui.screens.minutes.screen import MinutesScreen

__all__ = ["MinutesForm", "MinutesRow", "MinutesScreen", "RowGroup", "minutes_content"]
