"""Failed logins and events that happen while the database is closed.

Failed logins cannot be written into the encrypted database (there is no key), so they wait in
`pending.json` in the vault folder and are chained into the audit log at the next successful
unlock. The file holds login names of existing users (already in the keyring), a hash for any
other name (a password typed into the name field must never be stored), and times: no secret,
no case content.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pgatui import clock
from pgatui.vault.files import exclusive_lock, read_bounded, write_json_atomic

PENDING = "pending.json"
PENDING_LOCK = ".pending.lock"
FREE_ATTEMPTS = 3
MAX_DELAY_SECONDS = 60.0
MAX_PENDING_BYTES = 4 * 1024 * 1024  # a larger pending.json is not read (it counts as empty)


def _load(folder: Path) -> dict:
    try:
        data = json.loads(read_bounded(folder / PENDING, MAX_PENDING_BYTES).decode("utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError, RecursionError):
        return {}


@contextmanager
def _changing(folder: Path) -> Iterator[dict]:
    """Read, let the caller change, write back: under a lock, so two processes that fail a login
    at the same moment both get counted."""
    with exclusive_lock(folder / PENDING_LOCK):
        data = _load(folder)
        before = json.dumps(data, sort_keys=True)
        yield data
        if json.dumps(data, sort_keys=True) != before:
            write_json_atomic(folder / PENDING, data)


def account_key(login: str, vault_id: str, known: bool) -> str:
    """One counter per login however it is typed: ' Anna ' and 'anna' are the same account."""
    login = login.strip().casefold()
    if known:
        return login
    return "onbekend:" + hashlib.sha256(f"{vault_id}|{login}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def delay_after(failures: int) -> float:
    """0 for the first attempts, then 1, 2, 4 … seconds, at most a minute."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(MAX_DELAY_SECONDS, 2.0 ** (failures - FREE_ATTEMPTS))


def wait_needed(folder: Path, account: str) -> float:
    return _wait(_load(folder).get("failures", {}).get(account))


def reserve_attempt(folder: Path, account: str) -> float:
    """Count an attempt under the lock *before* the password work; the seconds to wait, or 0.

    Checking and counting in one locked step is what makes parallel attempts (many processes
    at once) wait their turn: each sees the ones before it. A refused attempt is not counted.
    A correct password then clears the count (`clear_failures`); a wrong one keeps it
    (`attempt_failed`). In a folder that cannot be written (a vault opened read-only) nothing
    can be counted: the check alone is made, as it reads.
    """
    try:
        with _changing(folder) as data:
            failures = data.setdefault("failures", {})
            wait = _wait(failures.get(account))
            if wait > 0:
                return wait
            entry = failures.get(account)
            if not _counter_intact(entry):
                entry = failures[account] = {"count": 0, "last": 0.0}
            entry["count"] += 1
            entry["last"] = clock.utcnow().timestamp()
    except OSError:
        return wait_needed(folder, account)
    return 0.0


def attempt_failed(folder: Path, account: str) -> str:
    """A reserved attempt turned out wrong: the delay runs from now, and the (unsigned: no key is
    open) event waits. Returns the event's id."""
    actor = "onbekend" if account.startswith("onbekend:") else account
    with _changing(folder) as data:
        entry = data.get("failures", {}).get(account)
        if _counter_intact(entry):
            entry["last"] = clock.utcnow().timestamp()
        return _append_event(data, {"actor": actor, "action": "login", "result": "failed"})


def _counter_intact(entry) -> bool:
    return (isinstance(entry, dict) and type(entry.get("count")) is int
            and isinstance(entry.get("last"), int | float) and not isinstance(entry.get("last"), bool))


def _wait(entry) -> float:
    if not isinstance(entry, dict):
        return 0.0
    try:
        elapsed = clock.utcnow().timestamp() - float(entry["last"])
        if elapsed < -MAX_DELAY_SECONDS:  # a 'last' in the future is an edited file, not a failure:
            return 0.0                    # it must not lock the right password out
        wait = delay_after(min(int(entry["count"]), 64)) - elapsed
    except (KeyError, TypeError, ValueError, OverflowError):
        return 0.0
    # An edited 'last' (in the future, infinite) never means more than the longest delay.
    return min(MAX_DELAY_SECONDS, max(0.0, wait)) if math.isfinite(wait) else MAX_DELAY_SECONDS


def record_failure(folder: Path, account: str) -> str:
    """Count the failure and queue its (unsigned: no key is open) event; returns the event's id."""
    actor = "onbekend" if account.startswith("onbekend:") else account
    with _changing(folder) as data:
        entry = data.setdefault("failures", {}).setdefault(account, {"count": 0, "last": 0.0})
        entry["count"] += 1
        entry["last"] = clock.utcnow().timestamp()
        return _append_event(data, {"actor": actor, "action": "login", "result": "failed"})


def queue_event(folder: Path, event: dict, sign=None) -> str:
    """Keep an event for the audit chain until the next unlock (the database is closed now).

    `sign` (entry -> entry) adds the writer's signature: events whose actor had the key open
    are signed, so a forged one is refused at the next unlock. Returns the event's id.
    """
    with _changing(folder) as data:
        return _append_event(data, event, sign)


def new_event_id() -> str:
    """A queued event's id: random, so two processes never queue the same one."""
    return os.urandom(8).hex()


def _append_event(data: dict, event: dict, sign=None) -> str:
    entry = {"at": clock.utcnow().isoformat(timespec="seconds"), "id": new_event_id(), **event}
    data.setdefault("events", []).append(sign(entry) if sign else entry)
    return entry["id"]


def clear_failures(folder: Path, account: str) -> None:
    with _changing(folder) as data:
        data.get("failures", {}).pop(account, None)


def queued_events(folder: Path) -> list[dict]:
    """The queued events, read only (nothing is dropped)."""
    events = _load(folder).get("events", [])
    return [e for e in events if isinstance(e, dict)] if isinstance(events, list) else []


@contextmanager
def pending_events(folder: Path) -> Iterator[list[dict]]:
    """The queued events, for the caller to chain; dropped only when the block succeeds.

    Held under the lock, so two sessions unlocking at once do not chain the same events twice.
    A crash after the caller's commit but before the drop chains them again next time:
    an event twice is better than an event lost.
    """
    with _changing(folder) as data:
        events = [e for e in data.get("events", []) if isinstance(e, dict)]
        yield events
        if events:
            data["events"] = []
