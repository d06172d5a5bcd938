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
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
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
    walk = _Walk(wanted=mirrored.get("seq") if mirrored else None)
    # Signatures are checked event by event anyway (far dearer than a link); without them the
    # links are checked in batches.
    problem = _walk_batches(conn, walk) if verifier is None else _walk_rows(conn, walk, verifier, signed_from)
    if problem is not None:
        return [problem]
    if walk.wanted:
        if walk.at_wanted is None:
            return [Finding("finding.chain_truncated", seq=walk.wanted)]
        if not crypto.mac_equal(walk.at_wanted, mirrored["hash"]):
            return [Finding("finding.chain_head")]
    return []


@dataclass
class _Walk:
    """Where a walk along the chain stands: the link it continues from, the seq it expects next,
    and the link at the mirrored head (`wanted`) once passed."""
    previous: str = GENESIS
    expected: int = 1
    wanted: object = None
    at_wanted: str | None = None

    def passed(self, seq: int, stored: str) -> None:
        if seq == self.wanted:
            self.at_wanted = stored
        self.previous, self.expected = stored, seq + 1

    def passed_batch(self, first: int, stored: list[bytes]) -> None:
        seqs = range(first, first + len(stored))
        if self.wanted is not None and self.wanted in seqs:  # `in` and index() compare with ==, as passed() does
            self.at_wanted = stored[seqs.index(self.wanted)].decode()
        self.previous, self.expected = stored[-1].decode(), seqs[-1] + 1


def _walk_rows(conn, walk: _Walk, verifier=None, signed_from: int = 1, upto: int | None = None) -> Finding | None:
    """The reference walk, one event at a time from where `walk` stands (to seq `upto`): the first
    missing, changed or unsigned event, or None."""
    linked = Linker(_key(conn))
    signatures = ", signer, signature" if verifier is not None else ", NULL, NULL"  # not read when not checked
    start = walk.expected if walk.expected > 1 else -(1 << 63)  # from the start: rows before seq 1 too
    query = f"SELECT seq, {', '.join(FIELDS)}{signatures}, hash FROM audit_log WHERE seq >= ? AND seq <= ? ORDER BY seq"
    for row in conn.execute(query, (start, (1 << 63) - 1 if upto is None else upto)):
        seq, values, stored = row[0], row[1:-3], row[-1]
        if seq != walk.expected:
            return Finding("finding.chain_missing", seq=walk.expected)
        if not crypto.mac_equal(stored, linked(walk.previous, values)):
            return Finding("finding.chain_changed", seq=seq)
        if verifier is not None and seq >= signed_from and not signature_holds(
                verifier, seq, values, stored, row[-3], row[-2]):
            return Finding("finding.chain_unsigned", seq=seq, user=values[1])
        walk.passed(seq, stored)
    return None


# Verify without signatures, in batches. Per event, Python's calls (a row of ten objects, the
# encoding, hmac's copy/update/hexdigest) cost far more than SHA-256 itself; so SQLite hands over
# each column of a batch as one string (group_concat), and the links of the batch are computed
# with map() over C functions only, in a second thread while SQLite (which releases the GIL)
# reads the next batch. Anything the fast encoding might get different from canonical_event
# sends the batch to the reference walk, which names the exact seq.

_BATCH = 16_384  # events per statement: ~4 MB of text; few hand-overs between the two threads
_SEP, _NULL = b"\x1f", b"\x1e"  # between values in a column; a NULL of a nullable field
_NULLABLE = ("object_id", "purpose")
_BY_KEY = tuple(sorted(FIELDS))  # canonical_json's key order
# What json escapes (with ensure_ascii=False), besides the two marks, which are counted instead.
_JSON_ESCAPED = bytes(range(0x1E)) + b'"\\'


def _batch_query() -> str:
    """One row per batch of seqs (?1, ?2]: count, first and last seq, NULLs of the nullable fields,
    values that are not text (a blob or number; canonical_event does not treat them as strings),
    then each field and the hash as one string.

    The marks are literals: with a bound separator, group_concat allocates at every event once the
    connection's lookaside memory is taken (by its cached statements), ten times slower."""
    sep, null = f"'{_SEP.decode()}'", f"'{_NULL.decode()}'"
    # A NULL in a NOT NULL field is skipped by group_concat: that column then comes out short.
    column = {f: f"ifnull({f}, {null})" if f in _NULLABLE else f for f in FIELDS}
    not_text = " OR ".join(f"NOT ({f} >= '' AND {f} < X'')" for f in (*FIELDS, "hash"))  # text sorts between the two
    return (f"SELECT count(*), min(seq), max(seq), {' + '.join(f'count(*) - count({f})' for f in _NULLABLE)}, "
            f"count(*) FILTER (WHERE {not_text}), "
            + ", ".join(f"CAST(group_concat({column[f]}, {sep}) AS BLOB)" for f in _BY_KEY)
            + f", CAST(group_concat(hash, {sep}) AS BLOB) FROM audit_log WHERE seq > ?1 AND seq <= ?2")


_BATCH_QUERY = _batch_query()


@dataclass(frozen=True)
class _Batch:
    upto: int  # the batch holds the events with seq up to this, after the batch before
    count: int
    first: int | None
    last: int | None
    nulls: int | None
    not_text: int | None
    columns: tuple  # bytes (or None) per field in _BY_KEY order
    hashes: bytes | None
    previous: bytes  # the link stored before the batch, as read


def _read_batch(conn, after: int, previous: bytes) -> _Batch:
    row = conn.execute(_BATCH_QUERY, (after, after + _BATCH)).fetchone()
    count, first, last, nulls, not_text, *columns, hashes = row
    return _Batch(after + _BATCH, count, first, last, nulls, not_text, tuple(columns), hashes, previous)


_SHA256 = type(hashlib.sha256())


class _Links:
    """HMAC-SHA256 under one key of many messages, C calls only: HMAC(k, m) = H(opad || H(ipad || m))
    (RFC 2104) with hashlib's one-shot sha256, cheaper than copying a keyed hmac per event."""

    def __init__(self, key: bytes) -> None:
        block = (key if len(key) <= 64 else hashlib.sha256(key).digest()).ljust(64, b"\0")
        self._opad = bytes(b ^ 0x5C for b in block)
        # The inner message of an event as a template: ipad ('%' escaped), previous link, the event.
        self._inner = (bytes(b ^ 0x36 for b in block).replace(b"%", b"%%") + b"%s{"
                       + b",".join(b'"%s":%%s' % f.encode() for f in _BY_KEY) + b"}")

    def hexdigests(self, previous: list[bytes], tokens: list[list[bytes]]) -> list[str]:
        """The links of the events whose json values (per field, in _BY_KEY order) are `tokens`."""
        inner = map(hashlib.sha256, map(self._inner.__mod__, zip(previous, *tokens)))
        outer = map(hashlib.sha256, map(self._opad.__add__, map(_SHA256.digest, inner)))
        return list(map(_SHA256.hexdigest, outer))


def _tokens(column: bytes) -> list[bytes]:
    """The json of each value of a column (values that json leaves as they are): quoted, NULL as null."""
    return (b'"' + column.replace(_SEP, b'"\x1f"') + b'"').replace(b'"\x1e"', b"null").split(_SEP)


def _encodes_plainly(batch: _Batch) -> bool:
    """Every value is text that json writes between quotes unchanged (so the batch's encoding is
    canonical_event's), and no value holds a mark (so the columns split back into the values).
    (Bytes that are not UTF-8 need no check: no canonical encoding holds them, so no link holds.)"""
    if batch.not_text or batch.hashes is None or None in batch.columns:
        return False
    values = b"".join(batch.columns)
    return (len(values.translate(None, _JSON_ESCAPED)) == len(values) and values.count(_NULL) == batch.nulls
            and all(c.count(_SEP) == batch.count - 1 for c in (*batch.columns, batch.hashes)))


def _holding_links(links: _Links, batch: _Batch) -> list[bytes] | None:
    """The stored links of the batch if each equals its recomputation from the link stored before
    it, else None. (Given the stored links, the links of a batch do not depend on any other.)"""
    if not batch.count or not _encodes_plainly(batch):
        return None
    stored = batch.hashes.split(_SEP)
    computed = links.hexdigests([batch.previous, *stored[:-1]], [_tokens(c) for c in batch.columns])
    # Equal as joined strings is equal link by link: no computed link holds the separator.
    return stored if "\x1f".join(computed).encode() == batch.hashes else None


def _walk_batches(conn, walk: _Walk) -> Finding | None:
    """The chain without signatures: batches read in one thread, their links checked in another;
    a batch that does not pass in full is walked event by event."""
    with _snapshot(conn):
        low, high = conn.execute("SELECT min(seq), max(seq) FROM audit_log").fetchone()
        if low is None or low < 1:  # rows before seq 1: the reference walk names what is missing
            return None if low is None else _walk_rows(conn, walk)
        links, previous, pending = _Links(_key(conn)), walk.previous.encode(), None
        with ThreadPoolExecutor(max_workers=1) as pool:
            for after in range(0, high, _BATCH):
                batch = _read_batch(conn, after, previous)
                checked = pool.submit(_holding_links, links, batch)  # while the next batch is read
                if pending is not None and (problem := _settle(conn, walk, *pending)) is not None:
                    return problem
                pending = (batch, checked)
                if batch.count and batch.hashes is not None:
                    previous = batch.hashes.rpartition(_SEP)[2]  # the next batch links from it
            return _settle(conn, walk, *pending)


def _settle(conn, walk: _Walk, batch: _Batch, checked) -> Finding | None:
    """Take a checked batch into the walk, in order: as a whole if it passed and continues the walk
    exactly, else event by event."""
    if not batch.count:
        return None  # a gap of a whole batch: the next batch does not start where the walk expects
    stored = checked.result()
    if (stored is not None and batch.first == walk.expected and batch.last == batch.first + batch.count - 1
            and batch.previous == walk.previous.encode()):
        walk.passed_batch(batch.first, stored)
        return None
    return _walk_rows(conn, walk, upto=batch.upto)


@contextmanager
def _snapshot(conn):
    """One read transaction over all batches, as the reference walk's single SELECT had."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        conn.execute("ROLLBACK")  # nothing was written


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
