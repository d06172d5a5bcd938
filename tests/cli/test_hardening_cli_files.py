"""Issue 17, bullet 2: no symlink or staging-folder traps; owner-only files; anonymous backups."""

from __future__ import annotations

import stat
import tarfile

from cliutil import as_admin, pgatui
from helpers import ADMIN


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_backup_ignores_symlinks_and_folders_planted_at_its_old_staging_names(vault_path, tmp_path):
    victim = tmp_path / "slachtoffer.txt"
    victim.write_text("niet overschrijven")
    dest = tmp_path / "kopie.pgabackup"
    (tmp_path / f".{dest.name}.deel").symlink_to(victim)
    planted = tmp_path / f".{dest.name}.maken"
    planted.mkdir()
    (planted / "van-iemand-anders").write_text("blijft")
    result = as_admin("backup", vault_path, dest)
    assert result.returncode == 0, result.stderr
    assert victim.read_text() == "niet overschrijven" and _mode(victim) != 0o600
    assert (planted / "van-iemand-anders").read_text() == "blijft"
    assert _mode(dest) == 0o600
    with tarfile.open(dest) as tar:
        for member in tar.getmembers():
            assert (member.uid, member.gid, member.uname, member.gname) == (0, 0, "", ""), member.name
            assert stat.S_IMODE(member.mode) == 0o600, member.name
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(f".{dest.name}.")]
    assert sorted(leftovers) == sorted([f".{dest.name}.deel", f".{dest.name}.maken"])  # only what was planted


def test_backup_never_overwrites_a_symlink_at_the_destination(vault_path, tmp_path):
    victim = tmp_path / "slachtoffer.txt"
    victim.write_text("niet overschrijven")
    dest = tmp_path / "kopie.pgabackup"
    dest.symlink_to(victim)
    result = as_admin("backup", vault_path, dest)
    assert result.returncode == 1 and victim.read_text() == "niet overschrijven"


def test_init_and_restore_leave_staging_folders_they_did_not_make(tmp_path, vault_path):
    target = tmp_path / "nieuw.pgavault"
    for suffix in ("aanmaken", "herstellen"):
        planted = tmp_path / f".{target.name}.{suffix}"
        planted.mkdir()
        (planted / "van-iemand-anders").write_text("blijft")
    made = pgatui("init", target, "--admin", "bea", "--password-stdin", stdin="beheerder-wachtzin\n")
    assert made.returncode == 0, made.stderr
    assert _mode(target) == 0o700
    for name in ("data.db", "keyring.json"):
        assert _mode(target / name) == 0o600, name
    backup = tmp_path / "b.pgabackup"
    assert as_admin("backup", vault_path, backup).returncode == 0
    restored = pgatui("restore", backup, tmp_path / "terug.pgavault", "--as", ADMIN, "--password-stdin",
                      stdin="een-lang-wachtwoord\n")
    assert restored.returncode == 0, restored.stderr
    assert _mode(tmp_path / "terug.pgavault" / "data.db") == 0o600
    for suffix in ("aanmaken", "herstellen"):
        assert (tmp_path / f".{target.name}.{suffix}" / "van-iemand-anders").read_text() == "blijft"
