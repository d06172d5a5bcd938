"""Making user-typed text safe to show: see DESIGN.md, "Hostile text".

Stripping happens at display time (and for one-line fields at input), never by rewriting what
was stored: the record keeps exactly what was typed.
"""

from __future__ import annotations

import datetime as dt
import re

# C0 controls except tab and newline, DEL, C1 controls, and the Unicode bidi embeddings,
# overrides and isolates that can make text read differently from what is stored.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def safe_text(text: str | None) -> str:
    """`text` without control characters or bidi overrides; tabs and newlines survive."""
    return _UNSAFE.sub("", text or "")


def safe_line(text: str | None) -> str:
    """`text` for a one-line display (table cell, label): newlines and tabs become spaces."""
    return _UNSAFE_ONE_LINE.sub("", (text or "").replace("\n", " ").replace("\t", " "))


def initials(name: str) -> str:
    """'Anouk van den Berg' -> 'A.v.d.B.': what a shared screen and a safe export show of a name."""
    return "".join(part[0] + "." for part in name.split() if part) or "?"


def day(date: dt.date | None) -> str:
    """A date as officials write it, dd-mm-jjjj ("-" for none): records and exports."""
    return date.strftime("%d-%m-%Y") if date else "-"


def moment(at: dt.datetime) -> str:
    """A point in time as people read it in records: minutes, in UTC, with the zone named."""
    return at.astimezone(dt.UTC).strftime("%d-%m-%Y %H:%M UTC")
