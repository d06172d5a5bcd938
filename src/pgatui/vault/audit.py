"""The audit chain: h_i = HMAC(k_audit, h_{i-1} || canonical(event_i)).

k_audit is random and lives inside the encrypted database, so it survives key rotation and the
chain never needs rewriting. Events hold ids and codes, never content.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import socket
from dataclasses import astuple, dataclass

from pgatui import clock
from pgatui.messages import Finding
from pgatui.vault import crypto

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


# canonical_json's encoding of an event, without building a dict and an encoder per event: the keys
# in sorted order, each string as json escapes it (ensure_ascii=False), None as null. A value of
# another type (never written by pgatui) goes through the general encoder.
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
_SORTED = sorted(range(len(FIELDS)), key=FIELDS.__getitem__)
_TEMPLATE = "{" + ",".join(json.dumps(FIELDS[i]) + ":%s" for i in _SORTED) + "}"
_escape = json.encoder.encode_basestring  # the C escaper json uses for ensure_ascii=False


def canonical_event(values: tuple) -> bytes:
    """canonical_json(dict(zip(FIELDS, values))), byte for byte."""
    try:
        return (_TEMPLATE % tuple([_escape(values[i]) if values[i] is not None else "null"
                                   for i in _SORTED])).encode("utf-8")
    except TypeError:  # not a string
        return _CANONICAL.encode(dict(zip(FIELDS, values))).encode("utf-8")


class Linker:
    """Computes links under one key; the keyed HMAC is set up once and copied per event, so a
    walk over a long chain does not redo the key schedule and the encoder each time."""

    def __init__(self, key: bytes) -> None:
        self._keyed = hmac.new(key, digestmod=hashlib.sha256)

    def __call__(self, previous: str, values: tuple) -> str:
        """The link of the event with `values` (in FIELDS order) after `previous`."""
        mac = self._keyed.copy()
        mac.update(previous.encode("ascii"))
        mac.update(canonical_event(values))
        return mac.hexdigest()


def link(key: bytes, previous: str, event: Event) -> str:
    return Linker(key)(previous, astuple(event))


def head(conn) -> tuple[int, str]:
    row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else (0, GENESIS)


def signed_message(seq: int, digest: str) -> bytes:
    """What an event's signature covers: its place and its link (which covers the event and,
    through the previous link, everything before it)."""
    return f"pgatui audit v1|{seq}|{digest}".encode("ascii")


def append(conn, event: Event, signer=None) -> tuple[int, str]:
    """Append inside the caller's transaction, signed by `signer` (a signing.Signer); returns the new head."""
    seq, previous = head(conn)
    digest = link(_key(conn), previous, event)
    signature = signer.sign(signed_message(seq + 1, digest)) if signer else None
    conn.execute(
        f"INSERT INTO audit_log(seq, {', '.join(FIELDS)}, hash, signer, signature) "
        f"VALUES (?, {', '.join('?' * len(FIELDS))}, ?, ?, ?)",
        (seq + 1, *(getattr(event, f) for f in FIELDS), digest, signer.key_id if signer else None, signature),
    )
    return seq + 1, digest


def hash_at(conn, seq: int) -> str | None:
    if seq == 0:
        return GENESIS
    row = conn.execute("SELECT hash FROM audit_log WHERE seq = ?", (seq,)).fetchone()
    return row[0] if row else None


PENDING_PREFIX = "pending:"
# A queued event that came unsigned (a failed login: no key was open) is chained as
# "pending:u:<id>", so the chain itself shows which queued events nobody's key vouched for.
UNSIGNED_PENDING_PREFIX = "pending:u:"


def pending_object_id(event_id: str, signed: bool) -> str:
    return f"{PENDING_PREFIX if signed else UNSIGNED_PENDING_PREFIX}{event_id}"


def signature_holds(verifier, seq: int, values: tuple, digest: str, kid: str | None, signature: str | None) -> bool:
    """The event is signed by a certified key of its actor (a queued event from pending.json by
    the key of the user who chained it)."""
    owner = verifier.owner(kid)
    if owner is None or not verifier.check(kid, signature, signed_message(seq, digest)):
        return False
    actor, object_id = values[1], values[4]
    return owner[0] == actor or (isinstance(object_id, str) and object_id.startswith(PENDING_PREFIX))


def first_break(conn, verifier, after_seq: int, after_hash: str, signed_from: int) -> int | None:
    """Walk the events after `after_seq` (whose link must be `after_hash`): the first seq whose
    link or signature does not hold, or None. Unlock calls it from the user's last verified
    head (a few events), verify from the start."""
    linked, previous, expected = Linker(_key(conn)), after_hash, after_seq + 1
    query = f"SELECT seq, {', '.join(FIELDS)}, hash, signer, signature FROM audit_log WHERE seq > ? ORDER BY seq"
    for row in conn.execute(query, (after_seq,)):
        seq, values, stored, kid, signature = row[0], row[1:-3], row[-3], row[-2], row[-1]
        if seq != expected or not crypto.mac_equal(stored, linked(previous, values)):
            return expected
        if seq >= signed_from and not signature_holds(verifier, seq, values, stored, kid, signature):
            return seq
        previous, expected = stored, seq + 1
    return None


def chain_problems(conn, mirrored: dict | None, verifier=None, signed_from: int = 1) -> list[Finding]:
    """Recompute every link; compare with the head mirrored in the keyring."""
    linked, previous, expected_seq = Linker(_key(conn)), GENESIS, 1
    wanted = mirrored.get("seq") if mirrored else None
    at_wanted = None  # the link at the mirrored head, once passed
    signatures = ", signer, signature" if verifier is not None else ", NULL, NULL"  # not read when not checked
    for row in conn.execute(f"SELECT seq, {', '.join(FIELDS)}{signatures}, hash FROM audit_log ORDER BY seq"):
        seq, values, stored = row[0], row[1:-3], row[-1]
        if seq != expected_seq:
            return [Finding("finding.chain_missing", seq=expected_seq)]
        if not crypto.mac_equal(stored, linked(previous, values)):
            return [Finding("finding.chain_changed", seq=seq)]
        if verifier is not None and seq >= signed_from and not signature_holds(
                verifier, seq, values, stored, row[-3], row[-2]):
            return [Finding("finding.chain_unsigned", seq=seq, user=values[1])]
        if seq == wanted:
            at_wanted = stored
        previous, expected_seq = stored, seq + 1
    if wanted:
        if at_wanted is None:
            return [Finding("finding.chain_truncated", seq=wanted)]
        if not crypto.mac_equal(at_wanted, mirrored["hash"]):
            return [Finding("finding.chain_head")]
    return []


def mismatch(conn, verifier, signed_from: int, seen_seq: int, what: Finding) -> Finding:
    """Where the chain stops matching a head seen before (`what`: who saw it): a broken link or
    signature if there is one, else how much of the chain is gone or different."""
    broken = first_break(conn, verifier, 0, GENESIS, signed_from)
    if broken is not None:
        return Finding("finding.changed_from", seq=broken)
    last = head(conn)[0]
    if last < seen_seq:
        return Finding("finding.cut_short", last=last, seen=what, seen_seq=seen_seq, next=last + 1)
    return Finding("finding.replaced", seen_seq=seen_seq, seen=what)
