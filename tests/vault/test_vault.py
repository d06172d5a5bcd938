"""Creating, unlocking, users, recovery, the demo vault, and the canary."""

from __future__ import annotations

import hashlib
import json

import pytest

from helpers import ADMIN, ADMIN_PW, CANARY
from pgatui.errors import (AccessDenied, AuthenticationFailed, PasswordChangeRequired, PasswordPolicyError,
                           PgaError, UsageError, VaultNotFound)
from pgatui.vault import (change_password, create_vault, demo_accounts, open_vault, open_with_recovery,
                          restore_backup)


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_create_makes_the_folder_of_the_design(tmp_path):
    path = tmp_path / "nieuw.pgavault"
    code = create_vault(path, ADMIN, ADMIN_PW, "Gemeente Test")
    assert len(code.split("-")) == 8
    assert {"data.db", "keyring.json"} <= {p.name for p in path.iterdir()}
    assert (path.stat().st_mode & 0o077) == 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging left
    ring = json.loads((path / "keyring.json").read_text())
    assert ring["generation"] == 1 and ring["demo"] is False and ring["audit_head"]["seq"] == 1


def test_create_refuses_weak_password_bad_login_and_existing_folder(tmp_path, vault_path):
    with pytest.raises(PasswordPolicyError):
        create_vault(tmp_path / "x", ADMIN, "kort", "Gemeente")
    with pytest.raises(PasswordPolicyError):
        create_vault(tmp_path / "x", ADMIN, "anna-heeft-een-wachtwoord", "Gemeente")
    with pytest.raises(UsageError):
        create_vault(tmp_path / "x", "Anna Smit!", ADMIN_PW, "Gemeente")
    with pytest.raises(PgaError):
        create_vault(vault_path, ADMIN, ADMIN_PW, "Gemeente")
    assert not (tmp_path / "x").exists()


def test_open_checks_password_and_user_with_one_message(vault_path, tmp_path):
    with pytest.raises(AuthenticationFailed) as wrong:
        open_vault(vault_path, ADMIN, "verkeerd-wachtwoord")
    with pytest.raises(AuthenticationFailed) as unknown:
        open_vault(vault_path, "niemand", "verkeerd-wachtwoord")
    assert str(wrong.value) == str(unknown.value)
    with pytest.raises(AuthenticationFailed):
        open_vault(vault_path, "herstelcode", "verkeerd-wachtwoord")  # not a login name
    with pytest.raises(VaultNotFound):
        open_vault(tmp_path / "bestaat-niet", ADMIN, ADMIN_PW)
    (tmp_path / "leeg").mkdir()
    with pytest.raises(VaultNotFound):
        open_vault(tmp_path / "leeg", ADMIN, ADMIN_PW)


def test_new_user_must_change_one_time_password_and_change_leaves_data_untouched(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        one_time = vault.add_user("piet", "politie", "Politie Test")
    with pytest.raises(PasswordChangeRequired):
        open_vault(vault_path, "piet", one_time)
    with open_vault(vault_path, "piet", one_time, password_change_only=True) as vault:
        assert vault.user.must_change_password
    before = {name: sha(vault_path / name) for name in ("data.db",)}
    with pytest.raises(PasswordPolicyError):
        change_password(vault_path, "piet", one_time, "kort")
    with pytest.raises(AuthenticationFailed):
        change_password(vault_path, "piet", "niet-het-oude-wachtwoord", "nieuwe-zin-voor-p")
    change_password(vault_path, "piet", one_time, "nieuwe-zin-voor-p")
    assert {name: sha(vault_path / name) for name in ("data.db",)} == before
    with pytest.raises(AuthenticationFailed):
        open_vault(vault_path, "piet", one_time)
    with open_vault(vault_path, "piet", "nieuwe-zin-voor-p") as vault:
        assert vault.user.role.value == "politie" and not vault.user.must_change_password
        events = [tuple(r) for r in vault.conn.execute("SELECT action, result FROM audit_log WHERE actor='piet'")]
    assert events == [("login", "ok"), ("logout", "ok"), ("login", "failed"), ("password.change", "ok"),
                      ("login", "failed"), ("login", "ok")]


def test_only_administrators_manage_users(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        one_time = vault.add_user("gea", "gemeente", "Gemeente Test")
        with pytest.raises(UsageError):
            vault.add_user("gea", "om", "OM")  # exists
        with pytest.raises(UsageError):
            vault.disable_user(ADMIN)  # not yourself
    change_password(vault_path, "gea", one_time, "gemeente-wachtzin-1")
    with open_vault(vault_path, "gea", "gemeente-wachtzin-1") as vault:
        with pytest.raises(AccessDenied):
            vault.add_user("x1", "om", "OM")
        with pytest.raises(AccessDenied):
            vault.disable_user(ADMIN)
        assert [u.login for u in vault.list_users()] == [ADMIN, "gea"]
        refused = vault.conn.execute("SELECT count(*) FROM audit_log WHERE result='refused'").fetchone()[0]
    assert refused == 2


def test_list_users_sees_changes_made_by_another_session(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as reader:
        with open_vault(vault_path, ADMIN, ADMIN_PW) as writer:
            writer.add_user("nieuw", "partner", "Reclassering")
            writer.disable_user("nieuw")
        users = {u.login: u for u in reader.list_users()}
    assert users["nieuw"].disabled and users["nieuw"].must_change_password


def test_disabled_user_gets_a_clear_refusal_only_with_the_right_password(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        one_time = vault.add_user("olaf", "om", "OM Test")
        vault.disable_user("olaf")
    with pytest.raises(AuthenticationFailed) as refused:
        open_vault(vault_path, "olaf", one_time, password_change_only=True)
    assert "uitgeschakeld" in str(refused.value)
    with pytest.raises(AuthenticationFailed) as wrong:
        open_vault(vault_path, "olaf", "verkeerd-wachtwoord")
    assert "uitgeschakeld" not in str(wrong.value)


def test_recovery_code_opens_the_vault_as_a_break_glass_administrator(tmp_path):
    code = create_vault(tmp_path / "r.pgavault", ADMIN, ADMIN_PW, "Gemeente")
    with open_with_recovery(tmp_path / "r.pgavault", code.lower().replace("-", " ")) as vault:
        assert vault.user.login == "herstelcode" and vault.user.role.value == "beheerder"
        vault.add_user("nood", "beheerder", "Gemeente")
        actors = {r[0] for r in vault.conn.execute("SELECT actor FROM audit_log WHERE action='user.add'")}
        assert actors == {"herstelcode"}
        assert "herstelcode" not in [u.login for u in vault.list_users()]
    with pytest.raises(AuthenticationFailed):
        open_with_recovery(tmp_path / "r.pgavault", "AAAA-" * 7 + "AAAA")


def test_canary_never_in_plaintext_on_disk(vault_path, tmp_path):
    marker = CANARY.encode()
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        with vault.transaction() as conn:
            conn.execute("INSERT INTO canary(text) VALUES (?)", (CANARY,))
            conn.execute("DELETE FROM canary WHERE id < 10")  # freed pages: secure_delete
        files = [p for p in vault_path.iterdir() if p.is_file()]  # WAL present while open
        assert any(p.name.endswith("-wal") for p in files)
        assert not [p.name for p in files if marker in p.read_bytes()]
        vault.backup(tmp_path / "b.pgabackup")
        vault.rotate_key()
        assert not [p.name for p in vault_path.iterdir() if p.is_file() and marker in p.read_bytes()]
    restore_backup(tmp_path / "b.pgabackup", tmp_path / "r.pgavault", ADMIN, ADMIN_PW)
    everything = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(everything) > 8
    assert not [str(p) for p in everything if marker in p.read_bytes()]


def test_demo_accounts_only_for_demo_vaults(vault_path, tmp_path):
    from pgatui.services.demo import ensure_demo_vault

    assert demo_accounts(vault_path) == []
    assert demo_accounts(tmp_path / "bestaat-niet") == []
    demo = ensure_demo_vault(tmp_path / "demo.pgavault")
    assert ensure_demo_vault(demo) == demo  # made once
    accounts = demo_accounts(demo)
    assert {role for _, _, role in accounts} == {"beheerder", "gemeente", "politie", "om", "partner", "toezicht"}
    for login, password, role in accounts:
        with open_vault(demo, login, password) as vault:
            assert vault.user.role.value == role and vault.is_demo
    assert_demo_shows_the_accountable_process(demo, dict((login, password) for login, password, _ in accounts))


def assert_demo_shows_the_accountable_process(demo, passwords):
    """Issue 11: the demo has two municipalities with cases, a handover, a criminal track with a
    release date (its task on the director's dashboard), a dormant file and an overdue deadline."""
    from pgatui.domain.retention import RetentionState
    from pgatui.services import cases as svc
    from pgatui.services.retention import retention_overview
    from pgatui.services.session import Session

    with open_vault(demo, "gemeente", passwords["gemeente"]) as vault:
        session = Session(vault)
        conn = vault.conn
        assert conn.execute("SELECT count(DISTINCT municipality_id) FROM cases").fetchone()[0] >= 2
        assert conn.execute("SELECT count(*) FROM audit_log WHERE action = 'case.handover' AND result = 'ok'"
                            ).fetchone()[0] >= 1
        assert conn.execute("SELECT count(*) FROM criminal_tracks t JOIN cases c ON c.id = t.case_id WHERE "
                            "t.track = 'detentie' AND t.expected_release_on IS NOT NULL AND c.phase != 'afgesloten'"
                            ).fetchone()[0] >= 1
        board = svc.dashboard(session)
        assert board.overdue and "reintegration_due" in {t.kind for t in board.tasks}
        assert any(row.state is RetentionState.DORMANT for row in retention_overview(session))
    with open_vault(demo, "regisseur", passwords["regisseur"]) as vault:
        assert "handover_out" in {n.kind for n in svc.dashboard(Session(vault)).notices}
