"""The audit chain: h_i = HMAC(k_audit, h_{i-1} || canonical(event_i)).

k_audit is random and lives inside the encrypted database, so it survives key rotation and the
chain never needs rewriting. Events hold ids and codes, never content.
"""

from __future__ import annotations

import os
import socket
from dataclasses import asdict, dataclass

from pgatui import clock
from pgatui.vault import crypto
from pgatui.vault.files import canonical_json

GENESIS = "0" * 64
FIELDS = ("at", "actor", "role", "action", "object_id", "result", "workstation", "purpose")


@dataclass(frozen=True)
class Event:
    at: str
    actor: str
    role: str
    action: str
    object_id: str | None
    result: str
    workstation: str
    purpose: str | None


def workstation() -> str:
    return socket.gethostname()[:64]


def new_event(actor: str, role: str, action: str, *, object_id: str | None = None,
              result: str = "ok", purpose: str | None = None, at: str | None = None) -> Event:
    return Event(at or clock.utcnow().isoformat(timespec="seconds"), actor, role, action,
                 object_id, result, workstation(), purpose)


def ensure_key(conn) -> None:
    conn.execute("INSERT OR IGNORE INTO vault_meta(name, value) VALUES ('audit_key', ?)", (os.urandom(32),))


def _key(conn) -> bytes:
    return bytes(conn.execute("SELECT value FROM vault_meta WHERE name = 'audit_key'").fetchone()[0])


def link(key: bytes, previous: str, event: Event) -> str:
    return crypto.mac(key, previous.encode("ascii") + canonical_json(asdict(event)))


def head(conn) -> tuple[int, str]:
    row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else (0, GENESIS)


def append(conn, event: Event) -> tuple[int, str]:
    """Append inside the caller's transaction; returns the new head."""
    seq, previous = head(conn)
    digest = link(_key(conn), previous, event)
    conn.execute(
        f"INSERT INTO audit_log(seq, {', '.join(FIELDS)}, hash) VALUES (?, {', '.join('?' * len(FIELDS))}, ?)",
        (seq + 1, *(getattr(event, f) for f in FIELDS), digest),
    )
    return seq + 1, digest


def chain_problems(conn, mirrored: dict | None) -> list[str]:
    """Recompute every link; compare with the head mirrored in the keyring."""
    key, previous, expected_seq = _key(conn), GENESIS, 1
    hashes: dict[int, str] = {}
    for row in conn.execute(f"SELECT seq, {', '.join(FIELDS)}, hash FROM audit_log ORDER BY seq"):
        seq, values, stored = row[0], row[1:-1], row[-1]
        if seq != expected_seq:
            return [f"auditketen: gebeurtenis {expected_seq} ontbreekt"]
        if not crypto.mac_equal(stored, link(key, previous, Event(*values))):
            return [f"auditketen: gebeurtenis {seq} is gewijzigd"]
        hashes[seq], previous, expected_seq = stored, stored, seq + 1
    if mirrored and mirrored.get("seq"):
        if mirrored["seq"] not in hashes:
            return [f"auditketen: ingekort (de sleutelring kent gebeurtenis {mirrored['seq']}, de database niet)"]
        if not crypto.mac_equal(hashes[mirrored["seq"]], mirrored["hash"]):
            return ["auditketen: komt niet overeen met de kop in de sleutelring"]
    return []
