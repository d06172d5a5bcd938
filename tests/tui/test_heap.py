"""tui.heap: full garbage collections at the user's pauses, and the collector's own settings back after."""

from __future__ import annotations

import gc

import pytest

from pgatui.tui.heap import LATEST_SECONDS, PAUSE_SECONDS, QuietCollector


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def full_collections():
    """The generations the collector collected while the test ran (a full one is generation 2)."""
    seen: list[int] = []

    def note(phase, info):
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(note)
    yield seen
    gc.callbacks.remove(note)


def test_a_full_collection_waits_for_a_pause_or_half_a_minute(full_collections):
    own = gc.get_threshold()
    clock = Clock()
    collector = QuietCollector(clock)
    collector.start()
    try:
        assert gc.get_threshold()[:2] == own[:2] and gc.get_threshold()[2] > 10**6
        assert gc.get_freeze_count() > 0
        gc.collect(1)  # something grew old
        full_collections.clear()
        assert not collector.tick(idle_seconds=0.0)  # typing: not now
        assert 2 not in full_collections
        assert collector.tick(idle_seconds=PAUSE_SECONDS)  # a pause
        assert 2 in full_collections
        assert not collector.tick(idle_seconds=PAUSE_SECONDS)  # nothing grew old since
        gc.collect(1)
        clock.now += LATEST_SECONDS
        assert collector.tick(idle_seconds=0.0)  # typing on for half a minute: anyway
    finally:
        collector.stop()
    assert gc.get_threshold() == own and gc.get_freeze_count() == 0
    collector.stop()  # twice is harmless
    assert gc.get_threshold() == own


def test_collect_runs_a_full_collection_only_while_started(full_collections):
    collector = QuietCollector()
    collector.collect()
    assert 2 not in full_collections  # not started: the collector runs as it would by itself
    collector.start()
    try:
        collector.collect()
        assert 2 in full_collections
    finally:
        collector.stop()


def test_a_closed_screen_is_collected_at_the_next_pause_even_if_nothing_grew_old(full_collections):
    collector = QuietCollector()
    collector.start()
    try:
        collector.collect()
        full_collections.clear()
        collector.screen_closed()
        assert not collector.tick(idle_seconds=0.0)
        assert collector.tick(idle_seconds=PAUSE_SECONDS) and 2 in full_collections
    finally:
        collector.stop()
