"""Full garbage collections at the user's pauses, not at a random keystroke (issue 18).

CPython's collector walks every object it tracks in a full collection: with the TUI's ~140 000
objects that paused the app for 70-100 ms at random moments, once every few dozen keystrokes,
and such a pause decided the search's p95 at 100 000 persons. So:

- the objects made before any vault content was read (modules, the app, its styles) are frozen
  out of the collector's watch at start (`gc.freeze`): they live as long as the app anyway;
- the full collections the collector would start by itself are left to `tick`, which the app
  calls every second: it collects when the user paused (no key for a second) or, typing on, at
  the latest after half a minute. Young objects are collected as before (generations 0 and 1),
  which is where most garbage, cycles too, goes.

A closed screen (a cycle that may hold decrypted text) is garbage once its timers have stopped,
a moment after the frame that took it away. The app asks for a full collection after that frame
(`collect`), which frees the screens closed before it (50 files opened one after the other take
the memory of one), and `tick` collects at the next pause when a screen closed since the last
collection (`screen_closed`), which frees the last one. Before, both waited for the collector's
next full collection, whenever that came. `stop` gives the collector back its own settings and
the frozen objects.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

PAUSE_SECONDS = 1.0  # no key for this long: the user reads, a collection goes unnoticed
LATEST_SECONDS = 30.0  # typing on without a pause: collect anyway after this long
NOT_BY_ITSELF = 1_000_000_000  # the oldest generation's threshold: never reached


class QuietCollector:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._thresholds: tuple[int, int, int] | None = None  # the collector's own, while started
        self._last_full = clock()
        self._screen_closed = False  # since the last full collection

    def start(self) -> None:
        if self._thresholds is not None:
            return
        self._thresholds = gc.get_threshold()
        gc.freeze()
        young, middle, _oldest = self._thresholds
        gc.set_threshold(young, middle, NOT_BY_ITSELF)
        self._last_full = self._clock()

    def tick(self, idle_seconds: float) -> bool:
        """A full collection now when one is due and the moment suits; whether it ran."""
        if self._thresholds is None or not (self._screen_closed or gc.get_count()[2]):  # nothing to free
            return False
        if idle_seconds < PAUSE_SECONDS and self._clock() - self._last_full < LATEST_SECONDS:
            return False
        self._collect()
        self._screen_closed = False
        return True

    def screen_closed(self) -> None:
        """A screen went: collect at the next pause even when nothing else grew old."""
        self._screen_closed = True

    def _collect(self) -> None:
        gc.collect()
        self._last_full = self._clock()

    def collect(self) -> None:
        """A full collection now: screens closed, and what they showed is garbage in cycles (a
        widget tree) that only a full collection frees; the app calls this after the frame that
        took a screen away."""
        if self._thresholds is not None:  # the last screen closed may not be garbage yet: `tick` still frees it
            self._collect()

    def stop(self) -> None:
        if self._thresholds is None:
            return
        gc.set_threshold(*self._thresholds)
        self._thresholds = None
        gc.unfreeze()
