"""`verify --checkpoint` and what a restore says about the accounts a backup still knows."""

from __future__ import annotations

import json
import shutil

from cliutil import as_admin, one_line_error
from helpers import ADMIN, ADMIN_PW
from pgatui.vault import audit, keyring, open_vault


def test_a_checkpoint_is_written_once_then_checked(vault_path, tmp_path):
    point = tmp_path / "controlepunt.json"
    written = as_admin("verify", vault_path, "--checkpoint", point)
    assert written.returncode == 0, written.stderr
    body = json.loads(point.read_text())
    assert "controlepunt geschreven" in written.stdout and body["vault_id"] and body["signature"]
    assert body["signer"].startswith(f"{ADMIN}:") and point.stat().st_mode & 0o777 == 0o600
    checked = as_admin("verify", vault_path, "--checkpoint", point)
    assert checked.returncode == 0 and f"controlepunt klopt: gebeurtenis {body['seq']}" in checked.stdout
    assert json.loads(point.read_text()) == body  # never overwritten


def test_a_forged_checkpoint_is_refused(vault_path, tmp_path):
    point = tmp_path / "controlepunt.json"
    assert as_admin("verify", vault_path, "--checkpoint", point).returncode == 0
    body = json.loads(point.read_text())
    point.write_text(json.dumps(dict(body, seq=body["seq"] - 1)))
    result = as_admin("verify", vault_path, "--checkpoint", point)
    assert result.returncode == 4 and "niet ondertekend" in one_line_error(result)


def test_a_folder_rolled_back_behind_the_checkpoint_is_exit_4_with_the_seq(vault_path, tmp_path):
    """The FG's checkpoint catches even a rollback of the whole folder read on a workstation
    that keeps no witness of this vault."""
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        length = audit.head(vault.conn)[0]
    shutil.copytree(vault_path, tmp_path / "oud")
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        vault.add_user("piet", "partner", "Partner")
    point = tmp_path / "controlepunt.json"
    assert as_admin("verify", vault_path, "--checkpoint", point).returncode == 0
    shutil.rmtree(vault_path)
    shutil.copytree(tmp_path / "oud", vault_path)
    result = as_admin("verify", vault_path, "--checkpoint", point, env={"XDG_STATE_HOME": str(tmp_path / "elders")})
    assert result.returncode == 4
    seen = json.loads(point.read_text())["seq"]
    assert seen > length and "controlepunt" in one_line_error(result)
    assert f"al gebeurtenis {seen}" in result.stderr


def test_restore_lists_the_accounts_the_backup_still_knows(vault_path, tmp_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        vault.add_user("piet", "partner", "Partner")
        vault.add_user("gea", "gemeente", "Gemeente")
        vault.disable_user("piet")
    dest = tmp_path / "b.pgabackup"
    assert as_admin("backup", vault_path, dest).returncode == 0
    result = as_admin("restore", dest, tmp_path / "r.pgavault")
    assert result.returncode == 0, result.stderr
    accounts = [line.split("\t")[1:] for line in result.stdout.splitlines() if line.startswith("account\t")]
    assert accounts == [[ADMIN, "beheerder"], [keyring.RECOVERY_LOGIN, "beheerder"], ["gea", "gemeente"]]
