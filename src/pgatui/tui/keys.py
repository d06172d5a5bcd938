"""Typed keys reach the widget that has the focus when it is their turn, never an earlier one.

Textual hands every key from the terminal to the focused widget's message queue at once. A key
that moves the focus (Tab, or Enter that submits a field) only does so when it has travelled up
to the app, where bindings run; by then the keys typed after it sit in the old field's queue, so
"name, Tab, birth date" typed quickly puts the birth date into the name field.

`KeyOrder` holds each key until the one before it has been handled all the way: behind every key
handed out it sends a `KeyBarrier` message to the same widget; it bubbles up behind the key, and
when it reaches the app the key's bindings have run. Messages those bindings post (an Input's
Submitted, whose handler moves the focus) are waited for with a second round, and a screen that
was pushed or popped meanwhile gets a round of its own, so a key typed right after "open a form"
lands in the form. One mechanism for every screen, form and dialog: no priority Tab bindings.

A barrier can only fail to return when its widget was removed, or when the key's handler waits for
a screen of its own (a dialog awaited in the handler: the keys are for the dialog). The safety timer
therefore releases the next key only in those two cases; a barrier that is merely slow (a loaded
machine, a long save) is waited for, so no load can send a key to a field that lost the focus.
"""

from __future__ import annotations

from collections import deque

from textual import events
from textual.message import Message

ROUNDS = 2  # the key itself, then what its bindings posted
MAX_EXTRA_ROUNDS = 4  # a screen change adds rounds, but never without end
CHECK_BARRIER_SECONDS = 0.5  # how often a barrier still out is checked for being lost


class KeyBarrier(Message):
    """Follows a handed-out key up the DOM; at the app it says the key has been handled."""

    def __init__(self, token: int, rounds_left: int, screen) -> None:
        super().__init__()
        self.token = token
        self.rounds_left = rounds_left
        self.screen = screen


class KeyOrder:
    """The queue of keys waiting for the previous key to be handled (one per app)."""

    def __init__(self, app) -> None:
        self._app = app
        self._held: deque[events.Key] = deque()
        self._token = 0
        self._waiting = False
        self._target = None
        self._extra_rounds = 0

    @property
    def waiting(self) -> bool:
        return self._waiting

    def hold(self, event: events.Key) -> bool:
        """Queue `event` when an earlier key is still on its way; True when it was queued."""
        if self._waiting and not self._target_alive() and self._front_screen_built():
            self._waiting = False  # its barrier went with the widget: nothing is on its way any more
        if self._waiting or self._held:
            self._held.append(event)
            return True
        return False

    def follow(self) -> None:
        """A key was just handed out: send a barrier behind it."""
        self._extra_rounds = 0
        self._send(ROUNDS)

    def returned(self, barrier: KeyBarrier) -> events.Key | None:
        """A barrier reached the app: the next held key to hand out, if its turn has come."""
        if barrier.token != self._token or not self._waiting:
            return None  # stale: released already
        if not self._app.screen_stack:  # the app is closing: nothing is left to type into
            self._waiting = False
            return None
        screen_changed = barrier.screen is not self._app.screen
        if barrier.rounds_left > 1 or (screen_changed and self._extra_rounds < MAX_EXTRA_ROUNDS):
            if barrier.rounds_left <= 1:
                self._extra_rounds += 1
            self._send(max(1, barrier.rounds_left - 1))
            return None
        self._waiting = False
        return self._held.popleft() if self._held else None

    def release_lost(self, token: int) -> events.Key | None:
        """The check of barrier `token` is due: hand out the next key if the barrier cannot return."""
        if token != self._token or not self._waiting:
            return None
        if self._barrier_can_return() or not self._front_screen_built():
            self._arm_check(token)
            return None
        self._waiting = False
        return self._held.popleft() if self._held else None

    def clear(self) -> None:
        """Forget held keys (the app locks: nothing typed for the old screens may reach the new)."""
        self._held.clear()
        self._waiting = False
        self._token += 1

    def _send(self, rounds: int) -> None:
        app = self._app
        self._token += 1
        self._target = app.focused or app.screen
        self._waiting = self._target.post_message(KeyBarrier(self._token, rounds, app.screen))
        if self._waiting:
            self._arm_check(self._token)

    def _arm_check(self, token: int) -> None:
        self._app.set_timer(CHECK_BARRIER_SECONDS, lambda: self._app.release_lost_barrier(token))

    def _barrier_can_return(self) -> bool:
        """The barrier's widget is alive on the screen in front: its queue will reach the barrier."""
        if not self._target_alive():
            return False
        target = self._target
        screen = target if target in self._app.screen_stack else target.screen
        return screen is self._app.screen

    def _front_screen_built(self) -> bool:
        """The screen in front has been built, its first focus set: a key handed out now reaches
        its field. (A key that opened a screen leaves its barrier behind, on the screen below; the
        next key waits for the new screen, however long a loaded machine takes to build it.)"""
        return self._app.screen.is_mounted

    def _target_alive(self) -> bool:
        target, app = self._target, self._app
        if target is None:
            return False
        if target in app.screen_stack:
            return True
        return target.is_attached and target.screen in app.screen_stack
