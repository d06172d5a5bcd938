"""Looking after a vault as a whole: make one, verify it (with a signed checkpoint), back it up,
restore a backup, rotate the data key. The vault layer does the work and audits it; the CLI
reaches it only through here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pgatui.domain.access import Permission
from pgatui.services.session import Session
from pgatui.vault import backup as _backup
from pgatui.vault import vault as _vault

Progress = Callable[[int, int], None] | None


def create_vault(path, admin_login: str, admin_password: str, organisation: str = "Gemeente") -> str:
    """A new vault with one administrator; returns the recovery code (shown once, never stored)."""
    return _vault.create_vault(path, admin_login, admin_password, organisation)


@dataclass(frozen=True)
class Verification:
    report: object                     # the vault's VerifyReport: .ok, .checked, .problems
    checkpoint: tuple[str, dict] | None  # ("written" | "checked", the checkpoint) when asked and ok


def verify(session: Session, checkpoint_file=None) -> Verification:
    """Check database, keyring and audit chain; with `checkpoint_file`, write a signed checkpoint
    there (a new file) or check the chain against the one that is there, if the vault is in order."""
    report = session.vault.verify()
    point = session.vault.checkpoint(checkpoint_file) if report.ok and checkpoint_file else None
    return Verification(report, point)


def backup(session: Session, dest, progress: Progress = None) -> Path:
    """An encrypted, self-checking backup at `dest` (a new file); administrators only."""
    return session.vault.backup(dest, progress=progress)


def rotate_key(session: Session, progress: Progress = None) -> int:
    """A new data key (administrators); returns the key generation now in use."""
    session.vault.rotate_key(progress=progress)
    return session.vault.generation


def migrate_compartments(session: Session, progress: Progress = None):
    """Seal a vault's rows of before the compartments into them (administrators); returns how
    many cases were sealed, how many stay plain (a municipality without members) and the key
    generation now in use (vault/compartment_migration.py)."""
    session.authorize(Permission.KEY_ROTATE)
    return session.vault.migrate_compartments(progress=progress)


def restore(backup_file, vault_path, login: str, password: str, *, replace: bool = False
            ) -> tuple[Path, list[tuple[str, str]]]:
    """Restore `backup_file` to `vault_path` as an administrator of the backup; returns the new
    vault's folder and (login, role) of the accounts the backup knows."""
    target = _backup.restore_backup(backup_file, vault_path, login, password, replace=replace)
    return target, _backup.backup_accounts(target)
