"""Verify without signatures checks the audit chain in batches (audit._walk_batches): the findings
must be exactly those of the event-by-event walk it replaced, whatever the table holds."""

from __future__ import annotations

from unittest import mock

import pytest
import sqlcipher3
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pgatui.messages import Finding
from pgatui.vault import audit, crypto

# Without types and NOT NULL (as a table edited around pgatui could be): any value can be stored.
_TABLE = f"CREATE TABLE audit_log (seq INTEGER PRIMARY KEY, {', '.join(audit.FIELDS)}, hash, signer, signature)"


def _chain(events: list[tuple]) -> sqlcipher3.Connection:
    conn = sqlcipher3.connect(":memory:", isolation_level=None)
    conn.execute("CREATE TABLE vault_meta (name TEXT PRIMARY KEY, value BLOB NOT NULL)")
    conn.execute(_TABLE)
    audit.ensure_key(conn)
    for values in events:
        audit.append(conn, audit.Event(*values))
    return conn


def _reference(conn, mirrored):
    """chain_problems as it was before the batches, verbatim (without a verifier)."""
    linked, previous, expected_seq = audit.Linker(audit._key(conn)), audit.GENESIS, 1
    wanted = mirrored.get("seq") if mirrored else None
    at_wanted = None
    for row in conn.execute(f"SELECT seq, {', '.join(audit.FIELDS)}, NULL, NULL, hash FROM audit_log ORDER BY seq"):
        seq, values, stored = row[0], row[1:-3], row[-1]
        if seq != expected_seq:
            return [Finding("finding.chain_missing", seq=expected_seq)]
        if not crypto.mac_equal(stored, linked(previous, values)):
            return [Finding("finding.chain_changed", seq=seq)]
        if seq == wanted:
            at_wanted = stored
        previous, expected_seq = stored, seq + 1
    if wanted:
        if at_wanted is None:
            return [Finding("finding.chain_truncated", seq=wanted)]
        if not crypto.mac_equal(at_wanted, mirrored["hash"]):
            return [Finding("finding.chain_head")]
    return []


def _outcome(check, conn, mirrored):
    try:
        return [(f.code, f.params) for f in check(conn, mirrored)]
    except Exception as exc:  # the old walk fails on some edited tables (a blob value); the new must alike
        return type(exc).__name__


# Plain events (a batch of them passes as a whole), with now and then a value the fast encoding
# must leave to the event-by-event walk: what json escapes, the two marks, None where pgatui never
# writes one. "None", "null", "" and non-ASCII text are plain.
_PLAIN = st.sampled_from(["case:17", "anna", "ok", "beheerder", "2026-01-01T00:00:00+00:00", "", "None", "null",
                          "jörg", "€ \u2028\U0001F600\x7f"])
_ODD = st.one_of(st.sampled_from(["\x1e", "\x1f", '"', "\\", "a\x1fb", "\x1e\x1f", "\n"]), st.none(),
                 st.text(alphabet=st.sampled_from('ab:"\\\x00\x1e\x1f\n\t\x7f é€\u2028\U0001F600'), max_size=5))
_EVENT = st.tuples(*[st.one_of(_PLAIN, st.none()) if f in audit._NULLABLE else _PLAIN for f in audit.FIELDS])
_STORED = st.one_of(_PLAIN, _ODD, st.binary(max_size=3), st.integers(-2, 2), st.just(b"case:17"), st.just(17))


@st.composite
def _events(draw) -> list[tuple]:
    events = [list(e) for e in draw(st.lists(_EVENT, max_size=12))]
    for _ in range(draw(st.integers(0, 2)) if events else 0):
        event = draw(st.sampled_from(events))
        event[draw(st.integers(0, len(audit.FIELDS) - 1))] = draw(_ODD)
    return [tuple(e) for e in events]


@st.composite
def _edit(draw, events: int):
    """One change to the table, as somebody holding the data key could make it."""
    seq = draw(st.integers(-1, events + 3))
    kind = draw(st.sampled_from(["delete", "set", "blob", "hash", "insert"]))
    if kind == "delete":
        return ("DELETE FROM audit_log WHERE seq = ?", (seq,))
    if kind in ("set", "blob"):
        field = draw(st.sampled_from(audit.FIELDS))
        if kind == "blob":  # the same bytes, as a blob
            return (f"UPDATE audit_log SET {field} = CAST({field} AS BLOB) WHERE seq = ?", (seq,))
        return (f"UPDATE audit_log SET {field} = ? WHERE seq = ?", (draw(_STORED), seq))
    if kind == "hash":
        return ("UPDATE audit_log SET hash = ? WHERE seq = ?", (draw(st.one_of(_STORED, st.just("ab" * 32))), seq))
    row = (seq, *draw(_EVENT), draw(st.one_of(st.just("ab" * 32), _STORED)))
    columns = ", ".join(audit.FIELDS)
    return (f"INSERT OR IGNORE INTO audit_log(seq, {columns}, hash) VALUES ({', '.join('?' * 10)})", row)


@st.composite
def _case(draw):
    events = draw(_events())
    edits = draw(st.lists(_edit(len(events)), max_size=2))
    batch = draw(st.integers(1, 5))
    mirrored = draw(st.one_of(st.none(), st.fixed_dictionaries(
        {"seq": st.one_of(st.integers(0, len(events) + 2), st.just(True), st.just(2.0), st.just("2")),
         "hash": st.one_of(st.just("ab" * 32), st.just(None))})))
    return events, edits, batch, mirrored


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_case())
def test_the_batches_find_what_the_event_by_event_walk_found(case):
    events, edits, batch, mirrored = case
    conn = _chain(events)
    if mirrored and mirrored["hash"] is None:  # the true head at that seq, when there is one
        mirrored["hash"] = audit.hash_at(conn, mirrored["seq"]) if isinstance(mirrored["seq"], int) else None
        mirrored["hash"] = mirrored["hash"] or "cd" * 32
    for statement, params in edits:
        conn.execute(statement, params)
    with mock.patch.object(audit, "_BATCH", batch):
        assert _outcome(audit.chain_problems, conn, mirrored) == _outcome(_reference, conn, mirrored)
    conn.close()


def _plain_events(count: int) -> list[tuple]:
    return [("2026-01-01T00:00:00+00:00", "anna" if i % 3 else "jörg", "beheerder", "case.read",
             None if i % 5 == 0 else f"case:{i}", "ok", "werkplek-1", None if i % 2 else "weging")
            for i in range(count)]


def test_plain_events_pass_in_batches_without_the_event_by_event_walk():
    conn = _chain(_plain_events(50))
    with mock.patch.object(audit, "_BATCH", 8), mock.patch.object(audit, "_walk_rows", side_effect=AssertionError):
        assert audit.chain_problems(conn, {"seq": 50, "hash": audit.hash_at(conn, 50)}) == []


@pytest.mark.parametrize("statement, params, expected", [
    ("UPDATE audit_log SET object_id = 'case:99' WHERE seq = ?", (21,), ("finding.chain_changed", {"seq": 21})),
    ("UPDATE audit_log SET purpose = 'weging \"x\"' WHERE seq = ?", (34,), ("finding.chain_changed", {"seq": 34})),
    ("DELETE FROM audit_log WHERE seq = ?", (17,), ("finding.chain_missing", {"seq": 17})),  # first of a batch
    ("DELETE FROM audit_log WHERE seq BETWEEN 9 AND ?", (30,), ("finding.chain_missing", {"seq": 9})),  # over batches
    ("DELETE FROM audit_log WHERE seq > ?", (44,), ("finding.chain_truncated", {"seq": 50})),
    ("UPDATE audit_log SET hash = upper(hash) WHERE seq = ?", (50,), ("finding.chain_changed", {"seq": 50})),
])
def test_an_edit_in_a_later_batch_is_named_at_its_seq(statement, params, expected):
    conn = _chain(_plain_events(50))
    mirrored = {"seq": 50, "hash": audit.hash_at(conn, 50)}
    conn.execute(statement, params)
    with mock.patch.object(audit, "_BATCH", 8):
        assert [(f.code, f.params) for f in audit.chain_problems(conn, mirrored)] == [expected]


def test_events_json_escapes_still_verify():
    events = _plain_events(20)
    events[12] = (*events[12][:7], 'anders: "spoed"\nzie notitie\x1f')
    conn = _chain(events)
    with mock.patch.object(audit, "_BATCH", 4):
        assert audit.chain_problems(conn, None) == []


# Edits after which the fast encoding, without its checks, would still find the stored link.
@pytest.mark.parametrize("statement", [
    "UPDATE audit_log SET object_id = char(30) WHERE seq = 6",  # NULL: the null mark itself
    "UPDATE audit_log SET purpose = 'a\\\"b' WHERE seq = 3",  # a"b, stored as a\"b: json of a"b without escaping
    "UPDATE audit_log SET actor = CAST(actor AS BLOB) WHERE seq = 7",  # the same bytes as a blob
    "UPDATE audit_log SET actor = 17 WHERE seq = 7",  # "17" as a number (json: 17)
    "UPDATE audit_log SET hash = CAST(hash AS BLOB) WHERE seq = 9",
    "UPDATE audit_log SET object_id = 'None' WHERE seq = 6",
    "UPDATE audit_log SET purpose = 'null' WHERE seq = 5",
    "UPDATE audit_log SET object_id = 'case:6' || char(31) || 'x' WHERE seq = 7",
    "UPDATE audit_log SET actor = CAST(X'FF' AS TEXT) WHERE seq = 7",  # not UTF-8: the old walk cannot read it
])
def test_an_edit_the_fast_encoding_could_mistake_is_found_as_before(statement):
    events = _plain_events(12)
    events[2] = (*events[2][:7], 'a"b')
    events[6] = (events[6][0], "17", *events[6][2:])
    conn = _chain(events)
    before = _outcome(audit.chain_problems, conn, None)
    conn.execute(statement)
    with mock.patch.object(audit, "_BATCH", 4):
        assert before == [] and _outcome(audit.chain_problems, conn, None) == _outcome(_reference, conn, None) != []
