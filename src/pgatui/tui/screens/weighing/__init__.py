"""The joint weighing session (route "weighing"): the screen and its dialogs."""

from pgatui.tui.screens.weighing.dialogs import (OUTCOMES, TRACKS, VIEWS, WeighingConclusionDialog,
                                                 WeighingJointDialog, WeighingPartyDialog, dissent_form, party_name)
from pgatui.tui.screens.weighing.screen import WeighingScreen

__all__ = ["OUTCOMES", "TRACKS", "VIEWS", "WeighingConclusionDialog", "WeighingJointDialog", "WeighingPartyDialog",
           "WeighingScreen", "dissent_form", "party_name"]
