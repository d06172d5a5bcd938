"""The one source of 'now' for services and the TUI, so tests and snapshots can freeze time.

Domain functions never read the clock: they take `today`/`now` as arguments.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

_frozen: Callable[[], dt.datetime] | None = None


def utcnow() -> dt.datetime:
    """The current time, timezone-aware UTC."""
    return _frozen() if _frozen else dt.datetime.now(dt.UTC)


def today() -> dt.date:
    """Today's date in the local (Dutch) calendar; Europe/Amsterdam without tzdata is local time."""
    if _frozen:
        return _frozen().date()
    return dt.date.today()


def freeze(moment: dt.datetime | None) -> None:
    """Freeze the clock at `moment` (UTC); None unfreezes. For tests and demos only."""
    global _frozen
    _frozen = (lambda: moment) if moment is not None else None
