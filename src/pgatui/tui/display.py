"""How records are shown: enum labels, and what the shared screen hides."""

from __future__ import annotations

from pgatui.domain.text import initials
from pgatui.tui.i18n import language


def label(member) -> str:
    """A coded value's label: Dutch from the domain where it has one, else the code made readable."""
    if member is None:
        return "-"
    dutch = getattr(member, "label_nl", None)
    if language() == "nl" and dutch:
        return dutch
    return str(getattr(member, "value", member)).replace("_", " ")


def shown_name(name: str, shared_screen: bool) -> str:
    return initials(name) if shared_screen else name
