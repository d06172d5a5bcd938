"""Key rotation: export, verify, swap; never PRAGMA rekey (DESIGN.md, "The vault").

Every step leaves a vault that opens with exactly one generation:
1. the new data key is sealed for every enabled slot and the keyring says `rotation: {from, to}`;
2. data.db is exported under the new key to data.db.new and verified;
3. data.db.new replaces data.db atomically;
4. the keyring drops the old generation.
`recover_if_interrupted` looks at which key opens data.db after a crash and finishes (3 done)
or rolls back (3 not done).
"""

from __future__ import annotations

import os
from pathlib import Path

from pgatui.errors import AuthenticationFailed, PgaError, VaultDamaged
from pgatui.vault import crypto, db, keyring
from pgatui.vault.faults import crash_point
from pgatui.vault.files import fsync_dir

NEW_DB = "data.db.new"
STEPS = 5


def _finish(ring: dict, old: int, new: int) -> None:
    ring["generation"] = new
    ring["rotation"] = None
    for slot in ring["slots"]:
        slot["sealed"].pop(str(old), None)


def _roll_back(ring: dict, new: int) -> None:
    ring["rotation"] = None
    for slot in ring["slots"]:
        slot["sealed"].pop(str(new), None)


def remove_leftovers(folder: Path) -> None:
    (folder / NEW_DB).unlink(missing_ok=True)


def recover_if_interrupted(folder: Path, ring: dict, unlocked: keyring.UnlockedSlot, lock) -> dict:
    """After a crash mid-rotation: finish it if data.db already has the new key, else roll back."""
    if not ring.get("rotation"):
        return ring
    lock.exclusive()
    try:
        with keyring.locked(folder):
            ring = keyring.load(folder)
            if not ring.get("rotation"):
                return ring
            old, new = ring["rotation"]["from"], ring["rotation"]["to"]
            old_key, new_key = unlocked.data_keys.get(old), unlocked.data_keys.get(new)
            if old_key is None:
                raise AuthenticationFailed("Dit account kan een onderbroken sleutelwissel niet afronden.")
            keyring.verify_mac(ring, old_key)
            if new_key is not None and db.opens_with(folder / db.DATA_DB, new_key):
                _finish(ring, old, new)
                keyring.save(folder, ring, new_key)
            else:
                _roll_back(ring, new)
                keyring.save(folder, ring, old_key)
            remove_leftovers(folder)
            return ring
    finally:
        lock.shared()


def _seal_new_generation(vault, new_key: bytes) -> tuple[int, int]:
    """Step 1: every enabled slot gets the new key; disabled slots lose every key they had."""
    with keyring.locked(vault.path):
        ring = keyring.load(vault.path)
        keyring.verify_mac(ring, vault._data_key)
        if ring.get("rotation"):
            raise PgaError("Er loopt al een sleutelwissel.")
        old, new = ring["generation"], ring["generation"] + 1
        for slot in ring["slots"]:
            if slot["disabled"]:
                slot["sealed"] = {}
            else:
                keyring.seal_for(ring, slot, new, new_key)
        ring["rotation"] = {"from": old, "to": new}
        keyring.save(vault.path, ring, vault._data_key)
    return old, new


def verify_copy(path: Path, key: bytes, *, expected_version: int, expected_events: int) -> None:
    conn = db.connect(path, key)
    try:
        problems = db.integrity_problems(conn)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        events = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    finally:
        conn.close()
    if problems or version != expected_version or events != expected_events:
        raise VaultDamaged("De nieuwe kopie van de database klopt niet; de sleutelwissel is afgebroken.")


def rotate(vault, progress=None) -> None:
    report = progress or (lambda done, total: None)
    vault._lock.exclusive()
    try:
        with vault.transaction():
            vault.audit("key.rotate", result="started")
        new_key = crypto.random_key()
        old, new = _seal_new_generation(vault, new_key)
        report(1, STEPS)
        crash_point("rotate-after-keyring-add")
        try:
            _export_and_verify(vault, new_key)
        except BaseException:
            _abandon(vault, new)
            raise
        report(3, STEPS)
        crash_point("rotate-after-verify")
        _swap(vault)
        crash_point("rotate-after-swap")
        with keyring.locked(vault.path):
            ring = keyring.load(vault.path)
            keyring.verify_mac(ring, vault._data_key)
            _finish(ring, old, new)
            keyring.save(vault.path, ring, new_key)
        report(4, STEPS)
        crash_point("rotate-after-finish")
        vault._data_key, vault._ring = new_key, ring
        vault._conn = db.connect(vault.path / db.DATA_DB, new_key)
        with vault.transaction():
            vault.audit("key.rotate", object_id=f"generation:{new}")
        vault.mirror_audit_head()
        report(5, STEPS)
    finally:
        vault._lock.shared()


def _export_and_verify(vault, new_key: bytes) -> None:
    conn = vault.conn
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    events = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    db.export_copy(conn, vault.path / NEW_DB, new_key)
    crash_point("rotate-after-export")
    verify_copy(vault.path / NEW_DB, new_key, expected_version=version, expected_events=events)


def _abandon(vault, new: int) -> None:
    """A failed export (disk full, read-only folder): take the new generation back out."""
    try:
        remove_leftovers(vault.path)
        with keyring.locked(vault.path):
            ring = keyring.load(vault.path)
            _roll_back(ring, new)
            keyring.save(vault.path, ring, vault._data_key)
    except OSError:
        pass  # the next open rolls back: data.db still opens with the old key only


def _swap(vault) -> None:
    """Step 3: close, replace data.db by the verified copy, drop the old WAL, fsync the folder."""
    vault._conn.close()
    vault._conn = None
    for leftover in ("data.db-wal", "data.db-shm"):
        (vault.path / leftover).unlink(missing_ok=True)
    os.replace(vault.path / NEW_DB, vault.path / db.DATA_DB)
    fsync_dir(vault.path)
