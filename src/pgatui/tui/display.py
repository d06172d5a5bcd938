"""How records are shown: enum labels, and what the shared screen hides."""

from __future__ import annotations

from pgatui.tui.i18n import language


def label(member) -> str:
    """A coded value's label: Dutch from the domain where it has one, else the code made readable."""
    if member is None:
        return "-"
    dutch = getattr(member, "label_nl", None)
    if language() == "nl" and dutch:
        return dutch
    return str(getattr(member, "value", member)).replace("_", " ")


def initials(name: str) -> str:
    """'Anouk van den Berg' -> 'A.v.d.B.': what a shared screen shows instead of a name."""
    return "".join(part[0] + "." for part in name.split() if part) or "?"


def shown_name(name: str, shared_screen: bool) -> str:
    return initials(name) if shared_screen else name
