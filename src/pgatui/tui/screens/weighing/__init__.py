"""The joint weighing session (route "weighing"): the screen and its two dialogs."""

from pgatui.tui.screens.weighing.dialogs import (OUTCOMES, TRACKS, VIEWS, WeighingConclusionDialog,
                                                 WeighingPartyDialog, party_name)
from pgatui.tui.screens.weighing.screen import WeighingScreen

__all__ = ["OUTCOMES", "TRACKS", "VIEWS", "WeighingConclusionDialog", "WeighingPartyDialog", "WeighingScreen",
           "party_name"]
