"""Checking a backup without restoring it (issue 15).

The tar is unpacked into a private staging folder next to the backup, its hashes checked
(`backup._unpack`), and, when the password opens the backup's own keyring, the copied database is
opened read-only under the key of its generation: SQLCipher's page HMACs, integrity_check, the
keyring MAC and the audit chain with its signatures. Nothing is written into the backup or the
live vault, and no witness is touched: the copy is checked, never unlocked as a vault.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pgatui.messages import Finding
from pgatui.errors import PgaError, VaultDamaged, VaultNotFound
from pgatui.vault import audit, crypto, db, keyring
from pgatui.vault.backup import _unpack
from pgatui.vault.files import make_private_dir, remove_own_dir, unplantable_name


@dataclass
class BackupCheck:
    vault_id: str = ""
    generation: int = 0
    created: str = ""
    contents_checked: bool = False  # False: only the structure and hashes (the password did not open it)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_backup(backup: Path, login: str, password: str) -> BackupCheck:
    """Structure and hashes always; the database and chain when `password` opens `login`'s slot
    in the backup's keyring (the password valid when the backup was made)."""
    backup = Path(backup)
    if not backup.is_file():
        raise VaultNotFound("backup.not_found", path=backup)
    staging = make_private_dir(unplantable_name(backup, "controle"))
    try:
        manifest = _unpack(backup, staging)
        found = BackupCheck(str(manifest.get("vault_id", "")), int(manifest.get("generation", 0)),
                            str(manifest.get("created", "")))
        ring = keyring.load(staging)
        key = _data_key(ring, login, password, found.generation)
        if key is not None:
            found.contents_checked = True
            found.problems += _content_problems(staging, ring, key)
        return found
    except (OSError, ValueError, TypeError, json.JSONDecodeError) as exc:
        raise VaultDamaged("backup.damaged") from exc
    finally:
        remove_own_dir(staging)


def _data_key(ring: dict, login: str, password: str, generation: int) -> bytes | None:
    slot = keyring.find_slot(ring, login)
    if slot is None or slot["kind"] != "user":
        return None
    try:
        return keyring.unlock_slot(ring, slot, password).data_keys.get(generation)
    except crypto.DecryptionFailed:
        return None


def _content_problems(staging: Path, ring: dict, key: bytes) -> list[Finding]:
    try:
        keyring.verify_mac(ring, key)
    except VaultDamaged as exc:
        return [Finding("finding.failure", error=exc)]
    conn = db.connect(staging / db.DATA_DB, key)
    try:
        problems = db.integrity_problems(conn)
        root = keyring.root_public(ring)
        verifier = keyring.verifier(ring, root) if root is not None else None
        problems += audit.chain_problems(conn, ring.get("audit_head"), verifier, int(ring.get("signed_from", 1)))
        return problems
    except (db.DatabaseError, PgaError) as exc:
        return [Finding("finding.database_unreadable", kind=type(exc).__name__)]
    finally:
        conn.close()
