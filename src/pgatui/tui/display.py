"""How records are shown (enum labels, what the shared screen hides) and how typed dates are read."""

from __future__ import annotations

import datetime as dt

from pgatui.domain.models import SEALED
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
    return initials(name) if shared_screen and name != SEALED else name


# Every form reads dates alike: ISO as shown everywhere, and the Dutch day-month-year people type.
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")


def parse_date(text: str) -> dt.date | None:
    """'2026-12-01' or '1-12-2026' (also with / or .); None when empty; ValueError when unreadable."""
    text = text.strip()
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def date_or_none(text: str) -> dt.date | None:
    """parse_date, with None also for text that is not a date (the form then says why)."""
    try:
        return parse_date(text)
    except ValueError:
        return None
