"""Witnessed audit heads (DESIGN.md): an insider holding the data key and the files rewrites or
rolls back the chain, the keyring or pending.json; the next unlock of a user who saw a later head
is VaultDamaged (exit 4 on the command line) naming the seq where the chain stops matching."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from helpers import ADMIN, ADMIN_PW
from pgatui.errors import AuthenticationFailed, VaultDamaged
from pgatui.vault import audit, change_password, crypto, db, keyring, open_vault, restore_backup, signing

INSIDER, INSIDER_PW = "piet", "partner-wachtzin-lang-1"


@pytest.fixture
def shared(vault_path):
    """The vault with a partner account (the insider); anna has seen the head at the end."""
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        one_time = vault.add_user(INSIDER, "partner", "Partner")
    change_password(vault_path, INSIDER, one_time, INSIDER_PW)
    for _ in range(2):
        with open_vault(vault_path, INSIDER, INSIDER_PW) as vault, vault.transaction():
            vault.audit("case.read", object_id="case:1")
    with open_vault(vault_path, ADMIN, ADMIN_PW):
        pass
    return vault_path


def _insider_key(path) -> bytes:
    """What one ordinary account's password gives: the data key (read without opening the vault)."""
    ring = keyring.load(path)
    return keyring.unlock_slot(ring, keyring.find_slot(ring, INSIDER), INSIDER_PW).data_keys[ring["generation"]]


def _rows(conn) -> list[list]:
    return [list(r) for r in conn.execute(f"SELECT seq, {', '.join(audit.FIELDS)}, hash, signer, signature FROM audit_log ORDER BY seq")]


def _rewrite_chain(path, change) -> None:
    """As an insider would: drop the triggers, change the rows, renumber and re-MAC every link
    (the audit key is in the database), mirror the new head in the keyring and re-MAC it.
    Signatures stay as they were: nobody but their owner can make them."""
    key = _insider_key(path)
    conn = db.connect(path / "data.db", key)
    rows = change(_rows(conn))
    audit_key, previous = audit._key(conn), audit.GENESIS
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("DELETE FROM audit_log")
    for seq, row in enumerate(rows, start=1):
        previous = audit.link(audit_key, previous, audit.Event(*row[1:9]))
        conn.execute("INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (seq, *row[1:9], previous, row[10], row[11]))
    conn.execute("COMMIT")
    conn.close()
    ring = keyring.load(path)
    ring["audit_head"] = {"seq": len(rows), "hash": previous}
    keyring.save(path, ring, key)


def _damaged_at(path, seq: int, login=ADMIN, password=ADMIN_PW) -> str:
    with pytest.raises(VaultDamaged) as caught:
        open_vault(path, login, password)
    assert f"gebeurtenis {seq}" in str(caught.value), str(caught.value)
    return str(caught.value)


def _first_seq(path, action: str, actor: str) -> int:
    with open_vault(path, ADMIN, ADMIN_PW) as vault:
        return vault.conn.execute("SELECT min(seq) FROM audit_log WHERE action = ? AND actor = ?",
                                  (action, actor)).fetchone()[0]


def test_every_event_is_signed_by_its_actor_and_verify_checks_it(shared):
    with open_vault(shared, ADMIN, ADMIN_PW) as vault:
        rows = vault.conn.execute("SELECT actor, signer, signature, object_id FROM audit_log").fetchall()
        assert vault.verify().ok
    assert all(signature for _, _, signature, _ in rows)
    assert all(signer.split(":")[0] == actor for actor, signer, _, object_id in rows
               if not (object_id or "").startswith("pending:"))


def test_a_deleted_event_rechained_by_the_insider_is_named(shared):
    victim = _first_seq(shared, "case.read", INSIDER)
    _rewrite_chain(shared, lambda rows: [r for r in rows if r[0] != victim])
    _damaged_at(shared, victim)


def test_an_edited_event_rechained_by_the_insider_is_named(shared):
    victim = _first_seq(shared, "case.read", INSIDER)

    def edit(rows):
        for row in rows:
            if row[0] == victim:
                row[5] = "case:2"  # object_id
        return rows
    _rewrite_chain(shared, edit)
    _damaged_at(shared, victim)


def test_reordered_events_rechained_by_the_insider_are_named(shared):
    victim = _first_seq(shared, "case.read", INSIDER)

    def swap(rows):
        index = next(i for i, r in enumerate(rows) if r[0] == victim)
        rows[index], rows[index + 1] = rows[index + 1], rows[index]
        return rows
    _rewrite_chain(shared, swap)
    _damaged_at(shared, victim)


def test_verify_on_the_command_line_names_the_seq_with_exit_4(shared):
    victim = _first_seq(shared, "case.read", INSIDER)
    _rewrite_chain(shared, lambda rows: [r for r in rows if r[0] != victim])
    result = subprocess.run([sys.executable, "-m", "pgatui", "verify", str(shared), "--as", ADMIN, "--password-stdin"],
                            input=ADMIN_PW + "\n", capture_output=True, text=True, timeout=60)
    assert result.returncode == 4
    assert f"gebeurtenis {victim}" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_an_unsigned_event_appended_with_the_data_key_is_caught(shared):
    key = _insider_key(shared)
    conn = db.connect(shared / "data.db", key)
    conn.execute("BEGIN IMMEDIATE")
    seq, _ = audit.append(conn, audit.new_event(ADMIN, "beheerder", "user.add", object_id="user:x"))
    conn.execute("COMMIT")
    conn.close()
    _damaged_at(shared, seq)


def _snapshot(path, names, into):
    into.mkdir()
    for name in names:
        if (path / name).exists():
            shutil.copy2(path / name, into / name)


def _put_back(snapshot, path, names):
    for name in names:
        (path / name).unlink(missing_ok=True)
        if (snapshot / name).exists():
            shutil.copy2(snapshot / name, path / name)


DB_FILES = ("data.db", "data.db-wal", "data.db-shm")


def _work_after_snapshot(path):
    with open_vault(path, INSIDER, INSIDER_PW) as vault, vault.transaction():
        vault.audit("case.read", object_id="case:7")
    with open_vault(path, ADMIN, ADMIN_PW):  # anna sees the later head
        pass


def _chain_length(folder, data_key) -> int:
    conn = db.connect(folder / "data.db", data_key)
    try:
        return audit.head(conn)[0]
    finally:
        conn.close()


def test_data_db_rolled_back_alone(shared, tmp_path):
    _snapshot(shared, DB_FILES, tmp_path / "oud")
    length = _chain_length(tmp_path / "oud", _insider_key(shared))
    _work_after_snapshot(shared)
    _put_back(tmp_path / "oud", shared, DB_FILES)
    assert "teruggezet" in _damaged_at(shared, length + 1)


def test_keyring_rolled_back_alone_revives_no_old_password(shared, tmp_path):
    _snapshot(shared, ["keyring.json"], tmp_path / "oud")  # piet's slot with the old password
    change_password(shared, INSIDER, INSIDER_PW, "nieuwe-partner-wachtzin-2")
    with open_vault(shared, INSIDER, "nieuwe-partner-wachtzin-2"):  # piet has logged in since
        pass
    _put_back(tmp_path / "oud", shared, ["keyring.json"])
    assert "teruggezet" in _damaged_at(shared, _last_login(shared, INSIDER), INSIDER, INSIDER_PW)


def _last_login(path, login) -> int:
    conn = db.connect(path / "data.db", _insider_key(path))
    try:
        return conn.execute("SELECT max(seq) FROM audit_log WHERE actor = ? AND action = 'login' AND result = 'ok'",
                            (login,)).fetchone()[0]
    finally:
        conn.close()


def test_keyring_rolled_back_alone_does_not_re_enable_a_disabled_user(shared, tmp_path):
    _snapshot(shared, ["keyring.json"], tmp_path / "oud")
    with open_vault(shared, ADMIN, ADMIN_PW) as vault:
        vault.disable_user(INSIDER)
    with pytest.raises(AuthenticationFailed):
        open_vault(shared, INSIDER, INSIDER_PW)
    disabled_at = _first_seq(shared, "user.disable", ADMIN)
    _put_back(tmp_path / "oud", shared, ["keyring.json"])
    assert "uitgeschakeld" in _damaged_at(shared, disabled_at, INSIDER, INSIDER_PW)


def test_data_db_and_keyring_rolled_back_together(shared, tmp_path):
    names = ("keyring.json", *DB_FILES)
    _snapshot(shared, names, tmp_path / "oud")
    length = _chain_length(tmp_path / "oud", _insider_key(shared))
    _work_after_snapshot(shared)
    _put_back(tmp_path / "oud", shared, names)
    _damaged_at(shared, length + 1)  # this OS user's witness file saw the later head


def test_the_whole_folder_rolled_back(shared, tmp_path):
    shutil.copytree(shared, tmp_path / "oud")
    length = _chain_length(tmp_path / "oud", _insider_key(shared))
    _work_after_snapshot(shared)
    shutil.rmtree(shared)
    shutil.copytree(tmp_path / "oud", shared)
    _damaged_at(shared, length + 1)
    _damaged_at(shared, length + 1, INSIDER, INSIDER_PW)  # every user of this workstation


def test_the_witness_file_is_owner_only_and_outside_the_vault(shared, own_state_dir):
    files = [p for p in own_state_dir.rglob("*.json")]
    assert len(files) == 1 and files[0].stat().st_mode & 0o777 == 0o600
    state = json.loads(files[0].read_text())
    assert state["head"]["seq"] == _chain_length(shared, _insider_key(shared))
    assert set(state) <= {"vault_id", "head", "root", "signed_from", "pending"}


def _pending(path) -> dict:
    return json.loads((path / "pending.json").read_text())


def test_a_forged_pending_event_is_refused_and_never_chained(shared):
    (shared / "pending.json").write_text(json.dumps(
        {"events": [{"at": "2026-01-01T00:00:00+00:00", "id": "00aa", "actor": ADMIN, "action": "user.add", "result": "ok"}]}))
    assert "pending.json" in str(pytest.raises(VaultDamaged, open_vault, shared, ADMIN, ADMIN_PW).value)


def test_a_pending_event_with_an_edited_signature_body_is_refused(shared):
    change_password(shared, INSIDER, INSIDER_PW, "nieuwe-partner-wachtzin-2")
    data = _pending(shared)
    data["events"][0]["actor"] = ADMIN  # someone else's password change, signed by piet
    (shared / "pending.json").write_text(json.dumps(data))
    with pytest.raises(VaultDamaged):
        open_vault(shared, ADMIN, ADMIN_PW)


def test_signed_and_failed_login_entries_are_chained(shared):
    change_password(shared, INSIDER, INSIDER_PW, "nieuwe-partner-wachtzin-2")
    with pytest.raises(AuthenticationFailed):
        open_vault(shared, ADMIN, "fout-wachtwoord")
    with open_vault(shared, ADMIN, ADMIN_PW) as vault:
        found = {tuple(r) for r in vault.conn.execute(
            "SELECT actor, action, result FROM audit_log WHERE object_id LIKE 'pending:%'")}
        assert vault.verify().ok
    assert {(INSIDER, "password.change", "ok"), (ADMIN, "login", "failed")} <= found


def test_a_deleted_pending_file_does_not_drop_failed_logins_unseen(shared):
    with pytest.raises(AuthenticationFailed):
        open_vault(shared, ADMIN, "fout-wachtwoord")
    (shared / "pending.json").unlink()
    assert "pending.json" in str(pytest.raises(VaultDamaged, open_vault, shared, ADMIN, ADMIN_PW).value)


def test_a_future_last_failure_does_not_lock_out_the_right_password(shared):
    (shared / "pending.json").write_text(json.dumps(
        {"failures": {ADMIN: {"count": 40, "last": 4102444800.0}}, "events": []}))  # the year 2100
    with open_vault(shared, ADMIN, ADMIN_PW) as vault:
        assert vault.user.login == ADMIN


def _tamper_keyring(path, change) -> None:
    key = _insider_key(path)
    ring = keyring.load(path)
    change(ring)
    keyring.save(path, ring, key)


def test_a_role_raised_with_the_data_key_is_refused(shared):
    _tamper_keyring(shared, lambda ring: keyring.find_slot(ring, INSIDER).update(role="beheerder"))
    assert "gecertificeerd" in str(pytest.raises(VaultDamaged, open_vault, shared, INSIDER, INSIDER_PW).value)


def test_a_replaced_root_key_is_refused_by_users_who_pinned_the_old_one(shared, own_state_dir):
    def new_root_certifying_everyone(ring):
        root = keyring.new_root(ring)
        for slot in ring["slots"]:
            keyring.equip_slot(ring, slot, root)
    _tamper_keyring(shared, new_root_certifying_everyone)
    shutil.rmtree(own_state_dir)  # another workstation: the users' own sealed witnesses pin the root
    for login, password in ((ADMIN, ADMIN_PW), (INSIDER, INSIDER_PW)):
        assert "hoofdsleutel" in str(pytest.raises(VaultDamaged, open_vault, shared, login, password).value)


def test_a_disabled_user_cannot_open_a_backup_made_after_the_disabling(shared, tmp_path):
    with open_vault(shared, ADMIN, ADMIN_PW) as vault:
        vault.disable_user(INSIDER)
        vault.backup(tmp_path / "b.pgabackup")
    restore_backup(tmp_path / "b.pgabackup", tmp_path / "r.pgavault", ADMIN, ADMIN_PW)
    assert [s["login"] for s in keyring.load(tmp_path / "r.pgavault")["slots"]] == [ADMIN, keyring.RECOVERY_LOGIN]
    with pytest.raises(AuthenticationFailed):
        open_vault(tmp_path / "r.pgavault", INSIDER, INSIDER_PW)


def test_a_restore_is_a_rollback_the_users_accept(shared, tmp_path):
    with open_vault(shared, ADMIN, ADMIN_PW) as vault:
        vault.backup(tmp_path / "b.pgabackup")
    _work_after_snapshot(shared)
    restore_backup(tmp_path / "b.pgabackup", shared, ADMIN, ADMIN_PW, replace=True)
    for login, password in ((ADMIN, ADMIN_PW), (INSIDER, INSIDER_PW)):
        with open_vault(shared, login, password) as vault:
            assert vault.verify().ok


def test_signing_keys_are_sealed_and_certified(shared):
    ring = keyring.load(shared)
    slot = keyring.find_slot(ring, INSIDER)
    assert "root_key" not in slot and "root_key" in keyring.find_slot(ring, ADMIN)
    unlocked = keyring.unlock_slot(ring, slot, INSIDER_PW)
    signer = keyring.open_signing(ring, slot, unlocked.private_key, crypto.unb64(ring["root_public"]))
    assert signer.key_id == signing.key_id(INSIDER, crypto.unb64(slot["signing"]["public"]))


def test_a_vault_from_before_signing_is_upgraded_by_its_first_beheerder(tmp_path, monkeypatch):
    from pgatui.vault import create_vault, vault as vault_module

    monkeypatch.setattr(vault_module, "_equip_new_vault", lambda ring, login: None)  # as before this change
    create_vault(tmp_path / "oud.pgavault", ADMIN, ADMIN_PW)
    monkeypatch.undo()
    path = tmp_path / "oud.pgavault"
    assert "root_public" not in keyring.load(path)
    with open_vault(path, ADMIN, ADMIN_PW) as vault:
        one_time = vault.add_user(INSIDER, "partner", "Partner")
        unsigned = vault.conn.execute("SELECT count(*) FROM audit_log WHERE signature IS NULL").fetchone()[0]
        assert vault.verify().ok
    ring = keyring.load(path)
    assert unsigned == 1 and ring["signed_from"] == 2  # only vault.create; the upgrading login is signed
    assert all("signing" in s for s in ring["slots"])
    change_password(path, INSIDER, one_time, INSIDER_PW)
    with open_vault(path, INSIDER, INSIDER_PW) as vault:
        assert vault.verify().ok
    # The insider strips the signature of the first signed event, hoping it reads as 'from before'.
    conn = db.connect(path / "data.db", _insider_key(path))
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET signature = NULL, signer = NULL WHERE seq = 2")
    conn.commit()
    conn.close()
    with open_vault(path, ADMIN, ADMIN_PW) as vault:
        assert vault.verify().problems == ["auditketen: gebeurtenis 2 is niet ondertekend door de sleutel van anna"]


def test_an_older_slot_from_before_a_password_change_is_refused_even_without_a_later_login(shared, tmp_path):
    _snapshot(shared, ["keyring.json"], tmp_path / "oud")
    change_password(shared, INSIDER, INSIDER_PW, "nieuwe-partner-wachtzin-2")
    with open_vault(shared, ADMIN, ADMIN_PW):  # the change is chained by someone else's unlock
        pass
    _put_back(tmp_path / "oud", shared, ["keyring.json"])
    assert "wachtwoordwijziging" in str(pytest.raises(VaultDamaged, open_vault, shared, INSIDER, INSIDER_PW).value)


def test_an_older_slot_is_refused_while_the_change_still_waits_in_pending(shared, tmp_path):
    _snapshot(shared, ["keyring.json"], tmp_path / "oud")
    change_password(shared, INSIDER, INSIDER_PW, "nieuwe-partner-wachtzin-2")
    _put_back(tmp_path / "oud", shared, ["keyring.json"])
    assert "wachtwoordwijziging" in str(pytest.raises(VaultDamaged, open_vault, shared, INSIDER, INSIDER_PW).value)


def test_password_changes_and_logins_keep_opening(shared):
    for number in range(2):
        old, new = (INSIDER_PW, "tussen-wachtzin-lang-3") if number == 0 else ("tussen-wachtzin-lang-3", INSIDER_PW)
        change_password(shared, INSIDER, old, new)
        with open_vault(shared, INSIDER, new) as vault:
            assert vault.verify().ok
    with open_vault(shared, ADMIN, ADMIN_PW) as vault:
        assert vault.verify().ok


def test_a_login_in_a_read_only_folder_is_not_later_read_as_a_rolled_back_keyring(shared, make_read_only):
    import subprocess as run

    with open_vault(shared, ADMIN, ADMIN_PW):  # keeps data.db-wal and -shm in place
        make_read_only(shared)  # data.db takes the login; keyring.json cannot be rewritten
        with open_vault(shared, INSIDER, INSIDER_PW) as vault:
            unsaved = vault.conn.execute("SELECT count(*) FROM audit_log WHERE action = 'witness.unsaved'").fetchone()[0]
            assert unsaved == 1
    run.run(["chattr", "-i", str(shared)], capture_output=True)
    shared.chmod(0o700)
    with open_vault(shared, INSIDER, INSIDER_PW) as vault:
        assert vault.verify().ok
