"""Key rotation: export, verify, swap; never PRAGMA rekey (DESIGN.md, "The vault").

Every step leaves a vault that opens with exactly one generation:
1. the new data key is sealed for every enabled slot and the keyring says `rotation: {from, to}`;
2. data.db is exported under the new key to data.db.new and verified;
3. data.db.new replaces data.db atomically;
4. the keyring drops the old generation.
`recover_if_interrupted` looks at which key opens data.db after a crash and finishes (3 done)
or rolls back (3 not done). A failure before 3 (read-only folder, disk full, a copy that does
not verify) is rolled back at once and reported as one line; the vault keeps the old key.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
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
    for name in (NEW_DB, NEW_DB + "-wal", NEW_DB + "-shm"):
        (folder / name).unlink(missing_ok=True)


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
                raise AuthenticationFailed("rotation.cannot_finish")
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
            raise PgaError("rotation.running")
        old, new = ring["generation"], ring["generation"] + 1
        for slot in ring["slots"]:
            if slot["disabled"]:
                slot["sealed"] = {}
            else:
                keyring.seal_for(ring, slot, new, new_key)
        ring["rotation"] = {"from": old, "to": new}
        keyring.save(vault.path, ring, vault._data_key)
    return old, new


def fingerprint(conn) -> tuple[int, dict[str, int]]:
    """user_version and the row count of every table (FTS shadow tables included): what the
    copy must match before it may replace data.db."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")]
    return version, {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def verify_copy(path: Path, key: bytes, expected: tuple[int, dict[str, int]]) -> None:
    """The copy opens with the new key, passes one integrity pass (`db.copy_problems`), and
    holds the same schema version and row counts as the original. The pass and the counts run
    side by side, each on a connection of its own."""
    try:
        problems, found = side_by_side(lambda: _with_connection(path, key, db.copy_problems),
                                       lambda: _with_connection(path, key, fingerprint))
        sound = not problems and found == expected
    except db.DatabaseError:  # a page the check let pass but the count could not read
        sound = False
    if not sound:
        raise VaultDamaged("rotation.copy_damaged")


def _with_connection(path: Path, key: bytes, read: Callable):
    conn = db.connect(path, key)
    try:
        return read(conn)
    finally:
        conn.close()


def side_by_side(here: Callable, beside: Callable) -> tuple:
    """Run `here` in this thread (a connection works only in the thread that made it) and
    `beside` in another; both results, or the first error. SQLite lets go of Python's lock while
    it reads and writes, so two passes over a database use two cores: a rotation reads every
    page of two files."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pgatui-rotation") as pool:
        running = pool.submit(beside)
        try:
            result = here()
        except BaseException:
            running.exception()  # waited for: nothing reads the files after the caller cleans up
            raise
        return result, running.result()


Prepare = Callable[[Path, bytes], tuple] | None


def rotate(vault, progress=None, *, prepare: Prepare = None, locked: bool = False) -> None:
    """Export, verify, swap under the exclusive lock; VaultBusy while other sessions are open.

    `prepare(copy, key)` changes the exported copy before it is verified (the compartment
    migration seals it) and returns the copy's fingerprint as it committed it; `locked`: the
    caller holds the exclusive lock already."""
    report = progress or (lambda done, total: None)
    if locked:
        _rotate(vault, report, prepare)
        return
    vault._lock.exclusive()
    try:
        _rotate(vault, report, prepare)
    finally:
        vault._lock.shared()


def _rotate(vault, report, prepare: Prepare) -> None:
    with vault.transaction():
        vault.audit("key.rotate", result="started")
    new_key = crypto.random_key()
    generations = None
    try:
        generations = _seal_new_generation(vault, new_key)
        report(1, STEPS)
        crash_point("rotate-after-keyring-add")
        _export_and_verify(vault, new_key, prepare)
        report(2, STEPS)
        crash_point("rotate-after-verify")
        _swap(vault)  # its last act is the atomic os.replace: the point of no return
    except (OSError, PgaError, db.DatabaseError) as exc:
        _abandon(vault, generations)
        raise _refusal(exc) from None
    old, new = generations
    _fsync_folder_quietly(vault.path)
    report(3, STEPS)
    crash_point("rotate-after-swap")
    _finish_after_swap(vault, old, new, new_key)
    report(4, STEPS)
    crash_point("rotate-after-finish")
    with vault.transaction():
        vault.audit("key.rotate", object_id=f"generation:{new}")
    vault.mirror_audit_head()
    report(5, STEPS)


def _refusal(exc: BaseException) -> PgaError:
    """The one line the user sees when a rotation stopped before the swap: nothing changed."""
    if isinstance(exc, PgaError):
        return exc
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
    return PgaError("rotation.aborted", reason=reason)


def _export_and_verify(vault, new_key: bytes, prepare: Prepare = None) -> None:
    conn = vault.conn
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    # The original's row counts are read on a second connection while the vault's exports: both
    # read the same data, since nobody else writes (we hold the exclusive lock).
    original = vault.path / db.DATA_DB
    _exported, expected = side_by_side(lambda: db.export_copy(conn, vault.path / NEW_DB, new_key),
                                       lambda: _with_connection(original, vault._data_key, fingerprint))
    crash_point("rotate-after-export")
    if prepare is not None:
        expected = prepare(vault.path / NEW_DB, new_key)
    verify_copy(vault.path / NEW_DB, new_key, expected)


def _abandon(vault, generations: tuple[int, int] | None) -> None:
    """A rotation that failed before the swap (disk full, read-only folder): take the new
    generation back out and reopen with the old key. Best effort: if the keyring cannot be
    written either, the next open rolls back, because data.db still opens with the old key only.
    """
    try:
        remove_leftovers(vault.path)
        if generations is not None:
            old, new = generations
            with keyring.locked(vault.path):
                ring = keyring.load(vault.path)
                if ring.get("rotation") == {"from": old, "to": new}:
                    _roll_back(ring, new)
                    keyring.save(vault.path, ring, vault._data_key)
                    vault._ring = ring
    except OSError:
        pass
    if vault._conn is None:
        vault._conn = db.connect(vault.path / db.DATA_DB, vault._data_key)
    try:
        with vault.transaction():
            vault.audit("key.rotate", result="failed")
    except (OSError, db.DatabaseError):
        pass


def _swap(vault) -> None:
    """Step 3: close, drop the old WAL, replace data.db by the verified copy.

    The WAL was checkpointed (TRUNCATE) and the last connection closes cleanly, so the old
    -wal/-shm hold nothing data.db lacks; removing them first means no WAL written under the
    old key can ever be replayed onto (or sit beside) the new file.
    """
    vault._conn.close()
    vault._conn = None
    for leftover in ("data.db-wal", "data.db-shm"):
        (vault.path / leftover).unlink(missing_ok=True)
    crash_point("rotate-after-wal-removed")
    os.replace(vault.path / NEW_DB, vault.path / db.DATA_DB)


def _fsync_folder_quietly(folder: Path) -> None:
    """After the swap nothing may roll back any more; a failed folder fsync only means the
    rename may not survive a power cut, and then the next open rolls back consistently."""
    try:
        fsync_dir(folder)
    except OSError:
        pass


def _finish_after_swap(vault, old: int, new: int, new_key: bytes) -> None:
    """Step 4: data.db is under the new key; drop the old generation from the keyring.

    If the keyring cannot be written now, the vault is still sound: the keyring says a
    rotation is under way and the next open finishes it (data.db opens with the new key).
    """
    try:
        with keyring.locked(vault.path):
            ring = keyring.load(vault.path)
            keyring.verify_mac(ring, vault._data_key)
            _finish(ring, old, new)
            keyring.save(vault.path, ring, new_key)
    except OSError:
        crypto.wipe(vault._data_key)
        vault._data_key = bytearray()
        raise PgaError("rotation.keyring_not_updated") from None
    crypto.wipe(vault._data_key)
    vault._data_key, vault._ring = bytearray(new_key), ring
    vault._conn = db.connect(vault.path / db.DATA_DB, new_key)
