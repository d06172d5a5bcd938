"""The per-operating-system-user witness, outside the vault folder.

Each user's slot already carries the audit head that user last saw, but a copy of the whole
vault folder rolls those back together with the chain. This small file in the OS user's own
state directory (platformdirs, mode 0600, written atomically) keeps the same witness per vault
id: the highest head any session of this OS user has verified, the pinned root key, and the ids
of the events this OS user queued in pending.json (failed logins carry no signature: their
disappearance is caught here, by the OS user who made them).

It holds ids, sequence numbers and hashes: no secret, no case content.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from platformdirs import user_state_dir

from pgatui.vault.files import exclusive_lock, write_json_atomic


def state_dir() -> Path:
    return Path(user_state_dir("pgatui")) / "witness"


def _file(vault_id: str) -> Path:
    # The vault id comes from keyring.json, which anyone may edit: never a path component as-is.
    return state_dir() / (hashlib.sha256(vault_id.encode()).hexdigest()[:32] + ".json")


def load(vault_id: str) -> dict:
    try:
        data = json.loads(_file(vault_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("vault_id") == vault_id else {}


def head_of(state: dict) -> dict | None:
    head = state.get("head")
    if isinstance(head, dict) and type(head.get("seq")) is int and isinstance(head.get("hash"), str):
        return head
    return None


def _change(vault_id: str, change: Callable[[dict], None]) -> None:
    """Read, change, write back (only if changed), under a lock between this OS user's processes.

    Best effort: a home folder that cannot be written must not stop the vault from opening
    (then only the witnesses in the keyring guard this session).
    """
    folder = state_dir()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        with exclusive_lock(folder / ".lock"):
            state = load(vault_id)
            before = json.dumps(state, sort_keys=True)
            state["vault_id"] = vault_id
            change(state)
            if json.dumps(state, sort_keys=True) != before:
                write_json_atomic(_file(vault_id), state)
    except OSError:
        pass


def remember_head(vault_id: str, head: dict, pins: dict) -> None:
    """Move the witnessed head forward (never back) and keep the pinned root key."""
    def change(state: dict) -> None:
        state.update(pins)
        known = head_of(state)
        if known is None or head["seq"] >= known["seq"]:
            state["head"] = head

    _change(vault_id, change)


def remember_pending(vault_id: str, event_id: str, mirrored_seq: int) -> None:
    def change(state: dict) -> None:
        if not isinstance(state.get("pending"), dict):
            state["pending"] = {}
        state["pending"][event_id] = mirrored_seq

    _change(vault_id, change)


def forget_pending(vault_id: str, event_ids) -> None:
    def change(state: dict) -> None:
        for event_id in event_ids:
            if isinstance(state.get("pending"), dict):
                state["pending"].pop(event_id, None)

    _change(vault_id, change)


def rebase(vault_id: str, head: dict, pins: dict) -> None:
    """After an administrator's restore: the restored chain is the one to witness from now on."""
    _change(vault_id, lambda state: state.update(pins, head=head, pending={}))


def put_back(vault_id: str, state: dict) -> None:
    """Set this OS user's state for `vault_id` back to `state` (from `load`). Restoring a backup
    into a NEW folder opens a copy with the same vault id; the live vault's witness must stay
    the live chain's, or its next unlock would read as a rollback."""
    def replace(current: dict) -> None:
        current.clear()
        current.update(state, vault_id=vault_id)

    _change(vault_id, replace)
