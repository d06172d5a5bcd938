"""Backups: one tar file holding an encrypted copy of data.db, the keyring, and a manifest.

The copy is made with the vault open (sqlcipher_export inside one read transaction) under the
current data key, and the backup carries the keyring of that moment: the passwords valid when
it was made open it, also after later key rotations. The manifest holds SHA-256 hashes, and a
restore also runs SQLCipher's page-HMAC check, so a damaged backup is refused.
"""

from __future__ import annotations

import json
import os
import shutil
import tarfile
from pathlib import Path

from pgatui import clock
from pgatui.domain.roles import Role
from pgatui.errors import AccessDenied, PgaError, VaultBusy, VaultDamaged, VaultNotFound
from pgatui.vault import crypto, db, keyring
from pgatui.vault.faults import crash_point
from pgatui.vault.files import (
    create_private_file, fsync_dir, make_private_dir, publish_new, remove_own_dir, remove_stale, unplantable_name,
    write_new_file,
)
from pgatui.vault.lock import VaultLock

MEMBERS = ("manifest.json", "keyring.json", "data.db")
SMALL_MEMBERS = {"manifest.json": 64 * 1024, "keyring.json": keyring.MAX_BYTES}
DAMAGED = "backup.damaged"


def make_backup(vault, dest: Path, progress=None) -> Path:
    report = progress or (lambda done, total: None)
    if dest.exists():
        raise PgaError("file.exists", path=dest)
    remove_stale(dest, "maken", MEMBERS)  # what an interrupted backup to this name left behind
    remove_stale(dest, "deel")
    staging = make_private_dir(unplantable_name(dest, "maken"))
    partial = unplantable_name(dest, "deel")
    try:
        # The keyring first, the database snapshot after: the snapshot then holds every audit
        # event up to the head the copied keyring mirrors (never fewer, which would read as a
        # truncated chain). No rotation can run in between: it needs the exclusive lock.
        with keyring.locked(vault.path):
            _write_live_keyring(vault, staging)
        db.export_copy(vault.conn, staging / "data.db", vault._data_key)
        report(1, 3)
        crash_point("backup-after-export")
        _write_manifest(vault, staging)
        _pack(staging, partial)
        report(2, 3)
        crash_point("backup-before-rename")
        publish_new(partial, dest)  # never over a file (or symlink) that appeared meanwhile
    finally:
        remove_own_dir(staging)
        partial.unlink(missing_ok=True)
    crash_point("backup-after-rename")
    with vault.transaction():
        vault.audit("backup.create", object_id=f"generation:{vault.generation}")
    report(3, 3)
    return dest


def _write_live_keyring(vault, staging: Path) -> None:
    """The keyring as it is now, without the slots of disabled users: a backup made after a
    disabling does not open for that user, whatever password they still know."""
    ring = keyring.load(vault.path)
    keyring.verify_mac(ring, vault._data_key)
    keyring.save(staging, keyring.live_copy(ring), vault._data_key)


def _write_manifest(vault, staging: Path) -> None:
    manifest = {
        "format": 1, "vault_id": vault.vault_id, "generation": vault.generation,
        "created": clock.utcnow().isoformat(timespec="seconds"),
        "sha256": {name: crypto.sha256_file(staging / name) for name in ("keyring.json", "data.db")},
    }
    write_new_file(staging / "manifest.json", json.dumps(manifest, indent=1).encode("utf-8"))


def _pack(staging: Path, partial: Path) -> None:
    with open(create_private_file(partial), "wb") as handle:
        with tarfile.open(fileobj=handle, mode="w") as tar:
            for name in MEMBERS:
                tar.add(staging / name, arcname=name, recursive=False, filter=_anonymous)
        handle.flush()
        os.fsync(handle.fileno())


def _anonymous(member: tarfile.TarInfo) -> tarfile.TarInfo:
    """Members say nothing about who made the backup, and unpack owner-only anywhere."""
    member.uid = member.gid = 0
    member.uname = member.gname = ""
    member.mode = 0o600
    return member


def _unpack(backup: Path, staging: Path) -> dict:
    """Extract exactly the expected regular files and check their hashes; the manifest."""
    try:
        with tarfile.open(backup, "r:") as tar:  # never compressed: no decompression bomb
            members = {}
            for member in tar:  # read no further than the three members a backup has
                if member.name not in MEMBERS or member.name in members:
                    raise VaultDamaged(DAMAGED)
                members[member.name] = member
            if set(members) != set(MEMBERS) or not all(m.isfile() for m in members.values()):
                raise VaultDamaged(DAMAGED)
            if any(members[name].size > limit for name, limit in SMALL_MEMBERS.items()):
                raise VaultDamaged(DAMAGED)  # no manifest or keyring is ever this large
            for name in MEMBERS:
                with tar.extractfile(members[name]) as source, open(create_private_file(staging / name), "wb") as out:
                    shutil.copyfileobj(source, out)
        manifest = json.loads((staging / "manifest.json").read_text(encoding="utf-8"))
        if set(manifest["sha256"]) != {"keyring.json", "data.db"}:  # hashes of exactly the packed files
            raise VaultDamaged(DAMAGED)
        for name, digest in manifest["sha256"].items():
            if crypto.sha256_file(staging / name) != digest:
                raise VaultDamaged(DAMAGED)
    except (tarfile.TarError, OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise VaultDamaged(DAMAGED) from exc
    return manifest


def restore_backup(backup, vault_path, login: str, password: str, *, replace: bool = False) -> Path:
    """Restore `backup` as the vault at `vault_path`.

    A restore is a rollback the administrator asks for: the signed 'backup.restore' event tells
    every user who witnessed a later head that the older chain is expected (see
    OpenVault._restored_since), and this OS user's witness file starts again from it.

    An existing vault is never overwritten silently: without `replace` the restore is refused;
    with it the old folder is kept beside the new one as `<name>.vervangen-<time>`.
    """
    from pgatui.vault.vault import STAGED_FILES, open_vault

    backup, target = Path(backup), Path(vault_path)
    if not backup.is_file():
        raise VaultNotFound("backup.not_found", path=backup)
    if target.exists() and not replace:
        raise PgaError("backup.target_exists", path=target)
    remove_stale(target, "herstellen", STAGED_FILES)  # what a killed restore to this name left behind
    staging = make_private_dir(unplantable_name(target, "herstellen"))
    try:
        _unpack(backup, staging)
        (staging / "manifest.json").unlink()
        with open_vault(staging, login, password, restoring=True) as restored:
            if restored.user.role is not Role.BEHEERDER:
                raise AccessDenied("access.admin_only_restore")
            report = restored.verify()
            if not report.ok:
                raise VaultDamaged("backup.damaged_problems", problems="; ".join(report.problems))
            with restored.transaction():
                restored.audit("backup.restore")
            restored.accept_restored_chain()
        _move_into_place(staging, target)
    finally:
        remove_own_dir(staging)
    return target


def backup_accounts(vault_path) -> list[tuple[str, str]]:
    """(login, role) of every slot a restored vault still has: who can open it (the recovery
    code included). A backup carries only the slots that were live when it was made."""
    return [(slot["login"], slot["role"]) for slot in keyring.load(Path(vault_path))["slots"]]


def _move_into_place(staging: Path, target: Path) -> None:
    if target.exists():
        lock = VaultLock(target)
        try:
            lock.exclusive()  # VaultBusy while anyone has the old vault open
            stamp = clock.utcnow().strftime("%Y%m%d%H%M%S")
            os.replace(target, target.with_name(f"{target.name}.vervangen-{stamp}"))
        finally:
            lock.release()
    os.replace(staging, target)
    fsync_dir(target.parent)


__all__ = ["make_backup", "restore_backup", "VaultBusy"]
