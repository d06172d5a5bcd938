"""Issue 17, bullet 1: password work (argon2) never runs while the write lock is held."""

from __future__ import annotations

import pytest

from helpers import ADMIN, ADMIN_PW
from pgatui.errors import VaultBusy
from pgatui.vault import crypto, open_vault


def test_add_user_derives_the_password_key_before_taking_the_write_lock(vault_path, monkeypatch):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        seen = []
        original = crypto.password_key

        def watching(*args, **kwargs):
            seen.append(vault.conn.in_transaction)
            return original(*args, **kwargs)

        monkeypatch.setattr(crypto, "password_key", watching)
        vault.add_user("gijs", "gemeente", "Gemeente Test")
    assert seen == [False]


def test_a_transaction_blocked_by_another_writer_is_busy_not_damage(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as holder, open_vault(vault_path, ADMIN, ADMIN_PW) as second:
        second.conn.execute("PRAGMA busy_timeout = 50")  # keep the test short; the CLI waits 5 s
        holder.conn.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(VaultBusy, match="(?i)kluis bezet"), second.transaction():
                pass
        finally:
            holder.conn.execute("ROLLBACK")
