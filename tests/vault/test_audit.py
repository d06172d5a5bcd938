"""The audit chain: append-only, every link recomputed, the tail guarded by the keyring's head."""

from __future__ import annotations

import dataclasses
import json

import pytest
import sqlcipher3
from hypothesis import given
from hypothesis import strategies as st

from helpers import ADMIN, ADMIN_PW
from pgatui.vault import audit, db, open_vault


def _raw(vault_path):
    """A connection as an attacker holding the data key would have it, outside pgatui."""
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        key = bytes(vault._data_key)  # a copy: close() wipes the vault's own
    return db.connect(vault_path / "data.db", key)


def test_events_hold_the_fields_of_the_design_and_nothing_else():
    assert [f.name for f in dataclasses.fields(audit.Event)] == [
        "at", "actor", "role", "action", "object_id", "result", "workstation", "purpose"]
    event = audit.new_event("anna", "beheerder", "case.read", object_id="case:17", purpose="weging")
    assert event.at.endswith("+00:00") and event.workstation


def test_table_refuses_update_and_delete(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        for statement in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"):
            with pytest.raises(sqlcipher3.DatabaseError), vault.transaction() as conn:
                conn.execute(statement)
        assert vault.verify().ok


def test_audit_belongs_in_a_transaction(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        with pytest.raises(RuntimeError):
            vault.audit("case.read")
        with pytest.raises(ZeroDivisionError), vault.transaction():  # rolled back with the action
            vault.audit("case.read", object_id="case:1")
            1 / 0
        assert vault.conn.execute("SELECT count(*) FROM audit_log WHERE action='case.read'").fetchone()[0] == 0
        vault.audit_refusal("case.read", object_id="case:2")
        row = vault.conn.execute("SELECT actor, role, object_id, result FROM audit_log ORDER BY seq DESC").fetchone()
    assert tuple(row) == (ADMIN, "beheerder", "case:2", "refused")


def test_an_edited_event_is_named(vault_path):
    conn = _raw(vault_path)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET object_id = 'case:99' WHERE seq = 2")
    conn.close()
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        assert vault.verify().problems == ["auditketen: gebeurtenis 2 is gewijzigd"]


def test_a_removed_middle_event_is_named(vault_path):
    conn = _raw(vault_path)
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("DELETE FROM audit_log WHERE seq = 2")
    conn.close()
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        assert vault.verify().problems == ["auditketen: gebeurtenis 2 ontbreekt"]


def test_a_cut_off_tail_is_caught_by_the_mirrored_head(vault_path):
    conn = _raw(vault_path)
    total = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("DELETE FROM audit_log WHERE seq > ?", (total - 3,))
    problems = audit.chain_problems(conn, json.loads((vault_path / "keyring.json").read_text())["audit_head"])
    conn.close()
    assert problems and "ingekort" in problems[0]


def test_a_chain_longer_than_the_mirrored_head_is_fine_but_a_different_head_is_not(vault_path):
    conn = _raw(vault_path)
    mirrored = json.loads((vault_path / "keyring.json").read_text())["audit_head"]
    conn.execute("BEGIN IMMEDIATE")
    audit.append(conn, audit.new_event("anna", "beheerder", "case.read"))  # not yet mirrored
    conn.execute("COMMIT")
    assert audit.chain_problems(conn, mirrored) == []
    forged = dict(mirrored, hash="ab" * 32)
    assert audit.chain_problems(conn, forged) == ["auditketen: komt niet overeen met de kop in de sleutelring"]
    conn.close()


def test_logins_failures_user_changes_and_verify_are_chained(vault_path):
    from pgatui.errors import AuthenticationFailed

    with pytest.raises(AuthenticationFailed):
        open_vault(vault_path, ADMIN, "verkeerd-wachtwoord")
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        vault.add_user("piet", "politie", "Politie")
        vault.disable_user("piet")
        vault.verify()
        rows = [tuple(r) for r in vault.conn.execute("SELECT action, result, object_id FROM audit_log")]
    assert [r[2] for r in rows if r[:2] == ("login", "failed")][0].startswith("pending:")  # its queued id
    for expected in [("vault.create", "ok", None), ("login", "ok", None),
                     ("user.add", "ok", "user:piet"), ("user.disable", "ok", "user:piet"),
                     ("vault.verify", "ok", None), ("logout", "ok", None)]:
        assert expected in rows


@given(st.lists(st.one_of(st.none(), st.text(max_size=20)), min_size=len(audit.FIELDS), max_size=len(audit.FIELDS)))
def test_the_fast_link_is_byte_for_byte_the_canonical_json_one(values):
    """Links of existing vaults must keep verifying: the fast encoding is canonical_json's."""
    from dataclasses import asdict

    from pgatui.vault import crypto
    from pgatui.vault.files import canonical_json

    event = audit.Event(*values)
    assert audit.canonical_event(tuple(values)) == canonical_json(asdict(event))
    assert audit.link(b"k" * 32, audit.GENESIS, event) == crypto.mac(
        b"k" * 32, audit.GENESIS.encode() + canonical_json(asdict(event)))
