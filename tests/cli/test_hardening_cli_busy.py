"""Issue 17, bullet 1: a busy vault is exit 5 'kluis bezet' with a retry hint, never 'damaged'."""

from __future__ import annotations

from cliutil import as_admin, one_line_error
from helpers import ADMIN, ADMIN_PW
from pgatui.vault import open_vault
from pgatui.vault.lock import VaultLock


def test_a_writer_holding_the_database_makes_a_second_command_exit_5(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as holder:
        holder.conn.execute("BEGIN IMMEDIATE")  # the write lock, held past the busy timeout
        try:
            second = as_admin("user", "list", vault_path)
        finally:
            holder.conn.execute("ROLLBACK")
    line = one_line_error(second)
    assert second.returncode == 5, second.stderr
    assert "kluis bezet" in line.lower() and "opnieuw" in line and "beschadigd" not in line
    assert as_admin("verify", vault_path).returncode == 0  # nothing was damaged


def test_the_exclusive_vault_lock_is_busy_with_a_retry_hint(vault_path):
    lock = VaultLock(vault_path)
    lock.exclusive()  # what a rotation or restore holds
    try:
        second = as_admin("user", "list", vault_path)
    finally:
        lock.release()
    line = one_line_error(second)
    assert second.returncode == 5 and "kluis bezet" in line.lower() and "opnieuw" in line
