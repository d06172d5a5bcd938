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
from pathlib import Path

from pgatui import clock
from pgatui.vault.files import write_json_atomic

PENDING = "pending.json"
FREE_ATTEMPTS = 3
MAX_DELAY_SECONDS = 60.0


def _load(folder: Path) -> dict:
    try:
        data = json.loads((folder / PENDING).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _save(folder: Path, data: dict) -> None:
    write_json_atomic(folder / PENDING, data)


def account_key(login: str, vault_id: str, known: bool) -> str:
    if known:
        return login.lower()
    return "onbekend:" + hashlib.sha256(f"{vault_id}|{login}".encode()).hexdigest()[:16]


def delay_after(failures: int) -> float:
    """0 for the first attempts, then 1, 2, 4 … seconds, at most a minute."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(MAX_DELAY_SECONDS, 2.0 ** (failures - FREE_ATTEMPTS))


def wait_needed(folder: Path, account: str) -> float:
    entry = _load(folder).get("failures", {}).get(account)
    if not entry:
        return 0.0
    elapsed = clock.utcnow().timestamp() - entry["last"]
    return max(0.0, delay_after(entry["count"]) - elapsed)


def record_failure(folder: Path, account: str) -> None:
    data = _load(folder)
    failures = data.setdefault("failures", {})
    entry = failures.setdefault(account, {"count": 0, "last": 0.0})
    entry["count"] += 1
    entry["last"] = clock.utcnow().timestamp()
    queue_event(folder, data, {"actor": account if not account.startswith("onbekend:") else "onbekend",
                               "action": "login", "result": "failed"})


def queue_event(folder: Path, data: dict | None, event: dict) -> None:
    data = data if data is not None else _load(folder)
    event = {"at": clock.utcnow().isoformat(timespec="seconds"), **event}
    data.setdefault("events", []).append(event)
    _save(folder, data)


def clear_failures(folder: Path, account: str) -> None:
    data = _load(folder)
    if data.get("failures", {}).pop(account, None) is not None:
        _save(folder, data)


def take_events(folder: Path) -> list[dict]:
    """The queued events; the caller chains them and then calls `drop_events(n)`."""
    return list(_load(folder).get("events", []))


def drop_events(folder: Path, count: int) -> None:
    data = _load(folder)
    data["events"] = data.get("events", [])[count:]
    _save(folder, data)
