"""Retention: the overview of closed cases (route "retention") and the destruction review
(route "destruction"); the screens own no rules, pgatui.services.retention does."""

from pgatui.tui.screens.retention.common import FILTERS, export_report
from pgatui.tui.screens.retention.destruction import DestructionScreen
from pgatui.tui.screens.retention.overview import RetentionScreen

__all__ = ["FILTERS", "DestructionScreen", "RetentionScreen", "export_report"]
