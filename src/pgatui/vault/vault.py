"""Creating, unlocking and keeping a vault: the folder of DESIGN.md, "The vault"."""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pgatui import clock
from pgatui.domain.passwords import generate_one_time_password, generate_recovery_code, password_problem
from pgatui.domain.roles import Role, parse_role
from pgatui.domain.text import safe_line
from pgatui.messages import Finding
from pgatui.errors import (
    AccessDenied, AuthenticationFailed, PasswordChangeRequired, PasswordPolicyError, PgaError,
    Throttled, UsageError, VaultBusy, VaultDamaged, VaultNotFound, WrongLogin,
)
from pgatui.vault import (audit, cases, compartments, crypto, db, keyring, membership, organisations, signing, throttle,
                          witness)
from pgatui.vault.sealer import Sealer, sealer_of
from pgatui.vault import criteria as criteria_repo
from pgatui.vault.files import canonical_json, fsync_dir, make_private_dir, remove_stale, unplantable_name
from pgatui.vault.lock import LOCK_FILE as VAULT_LOCK_FILE
from pgatui.vault.lock import VaultLock

LOGIN_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{1,31}")
DEMO_ACCOUNTS = "demo-accounts.json"
# What a vault folder holds while pgatui builds or restores it (recognised when it was left behind).
STAGED_FILES = (VAULT_LOCK_FILE, keyring.LOCK_FILE, throttle.PENDING_LOCK, throttle.PENDING, keyring.KEYRING,
                "data.db", "manifest.json")
DEFAULT_SCOPE = object()  # add_user: the municipalities the role sees by default
AGE_TOKEN_BATCH = 500  # signals given their age token per step (~0.25 ms each: a step stays short)

Progress = Callable[[int, int], None] | None


@dataclass(frozen=True)
class UserInfo:
    login: str
    role: Role
    organisation: str
    disabled: bool = False
    must_change_password: bool = False
    organisation_id: int | None = None  # in the register of organisations
    municipalities: tuple[int, ...] | None = ()  # the municipalities it sees; None: all (politie, OM)

    def sees_municipality(self, municipality_id: int | None) -> bool:
        return self.municipalities is None or municipality_id in self.municipalities


@dataclass
class VerifyReport:
    problems: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _user_of(slot: dict) -> UserInfo:
    seen = slot.get("municipalities", [])
    return UserInfo(slot["login"], Role(slot["role"]), slot["organisation"], slot["disabled"],
                    slot["must_change_password"], slot.get("organisation_id"),
                    None if seen is None else tuple(seen))


def _check_login(login: str) -> str:
    login = login.strip().lower()
    if not LOGIN_PATTERN.fullmatch(login) or login == keyring.RECOVERY_LOGIN:
        raise UsageError("user.login_format")
    return login


def _check_password(password: str, login: str) -> None:
    problem = password_problem(password, login=login)
    if problem:
        raise problem


def _check_organisation(organisation: str) -> str:
    organisation = safe_line(organisation).strip()
    if not 1 <= len(organisation) <= 80:
        raise UsageError("organisation.name_length")
    return organisation


def find_vault(path) -> Path:
    """The vault folder at `path`; VaultNotFound when there is none.

    A folder with data.db but without its keyring is a damaged vault (exit 4), not a missing one.
    """
    folder = Path(path)
    if (folder / keyring.KEYRING).is_file():
        return folder
    if (folder / db.DATA_DB).exists():
        raise VaultDamaged("keyring.missing")
    raise VaultNotFound("vault.not_found_in", folder=folder)


# --- creating --------------------------------------------------------------------------------

def create_vault(path, admin_login: str, admin_password: str, organisation: str = "Gemeente",
                 *, demo: bool = False) -> str:
    """Make a new vault folder; returns the one-time recovery code (show it once)."""
    target = Path(path)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise PgaError("vault.folder_exists", path=target)
    login = _check_login(admin_login)
    _check_password(admin_password, login)
    organisation = _check_organisation(organisation)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(target, "aanmaken", STAGED_FILES)  # what a killed init to this name left behind
    staging = make_private_dir(unplantable_name(target, "aanmaken"))
    for lock_file in (VAULT_LOCK_FILE, keyring.LOCK_FILE, throttle.PENDING_LOCK):
        (staging / lock_file).touch(0o600)  # present from the start: a vault opens in a folder made read-only
    data_key, recovery_code = crypto.random_key(), generate_recovery_code()
    ring = {"format": 1, "vault_id": str(uuid.uuid4()), "demo": demo, "generation": 1,
            "rotation": None, "audit_head": {"seq": 0, "hash": audit.GENESIS}, "slots": []}
    ring["slots"].append(keyring.new_slot(ring, login, admin_password, kind="user", role=Role.BEHEERDER.value,
                                          organisation=organisation, must_change_password=False, data_keys={1: data_key}))
    ring["slots"].append(keyring.new_slot(ring, keyring.RECOVERY_LOGIN, recovery_code, kind="recovery",
                                          role=Role.BEHEERDER.value, organisation=organisation,
                                          must_change_password=False, data_keys={1: data_key}))
    admin_signer = _equip_new_vault(ring, login)
    conn = db.connect(staging / db.DATA_DB, data_key, create=True)
    try:
        db.migrate(conn)
        conn.execute("BEGIN IMMEDIATE")
        audit.ensure_key(conn)
        organisations.migrate_existing(conn, ring["slots"])  # the register starts with the beheerder's organisation
        criteria_repo.adopt_shipped(conn, clock.utcnow())  # the shipped criteria are the new vault's default
        seq, digest = audit.append(conn, audit.new_event(login, Role.BEHEERDER.value, "vault.create"), admin_signer)
        conn.execute("COMMIT")
    finally:
        conn.close()
    ring["audit_head"] = {"seq": seq, "hash": digest}
    keyring.save(staging, ring, data_key)
    if target.is_dir():
        target.rmdir()
    os.replace(staging, target)
    fsync_dir(target.parent)
    return recovery_code


def _equip_new_vault(ring: dict, admin_login: str) -> signing.Signer:
    """A root key sealed to the administrator and the recovery slot, a certified signing key for
    both; every event from the first one on is signed."""
    root = keyring.new_root(ring)
    ring["signed_from"] = 1
    signers = {}
    for slot in ring["slots"]:
        keyring.grant_root(ring, slot, root)
        signers[slot["login"]] = signing.Signer.of(slot["login"], keyring.equip_slot(ring, slot, root))
    return signers[admin_login]


def _pins(ring: dict) -> dict:
    """What every witness pins besides the head: the root key and where signing began."""
    return {"root": ring.get("root_public"), "signed_from": int(ring.get("signed_from", 1))}


def _pending_message(vault_id: str, entry: dict) -> bytes:
    body = {k: v for k, v in entry.items() if k != "sig"}
    return b"pgatui pending v1|" + vault_id.encode() + b"|" + canonical_json(body)


def _pending_signer(ring: dict, slot: dict, unlocked: keyring.UnlockedSlot):
    """A function that signs a pending.json entry with the slot's key (None in an unsigned vault)."""
    root = keyring.root_public(ring)
    if root is None:
        return None
    signer = keyring.open_signing(ring, slot, unlocked.private_key, root)

    def sign(entry: dict) -> dict:
        entry = dict(entry, key=signer.key_id)
        return dict(entry, sig=signer.sign(_pending_message(ring["vault_id"], entry)))
    return sign


# --- unlocking -------------------------------------------------------------------------------

def _authenticate(folder: Path, ring: dict, login: str, secret: str, *, kind: str = "user"):
    """The slot and its opened keys, or AuthenticationFailed / Throttled (and the failure queued)."""
    slot = keyring.find_slot(ring, login)
    if slot is not None and slot["kind"] != kind:
        slot = None
    account = throttle.account_key(login, ring["vault_id"], slot is not None)
    wait = throttle.reserve_attempt(folder, account)  # counted under a lock before the password work
    if wait > 0:
        raise Throttled(retry_after=wait)
    if slot is None:
        keyring.burn_password_time(ring, secret)
        _record_failure(folder, ring, account)
        raise WrongLogin()
    try:
        unlocked = keyring.unlock_slot(ring, slot, secret)
    except crypto.DecryptionFailed:
        _record_failure(folder, ring, account)
        raise WrongLogin() from None
    if slot["disabled"]:
        throttle.queue_event(folder, {"actor": slot["login"], "action": "login", "result": "disabled"},
                             _pending_signer(ring, slot, unlocked))
        raise AuthenticationFailed("auth.account_disabled")
    throttle.clear_failures(folder, account)
    return slot, unlocked


def _record_failure(folder: Path, ring: dict, account: str) -> None:
    """A failed login waits unsigned in pending.json (no key is open); this OS user's witness
    file remembers its id, so a pending.json deleted before the next unlock does not go unseen."""
    event_id = throttle.attempt_failed(folder, account)
    witness.remember_pending(ring["vault_id"], event_id, ring["audit_head"]["seq"])


def _current_key(ring: dict, unlocked: keyring.UnlockedSlot) -> bytes:
    key = unlocked.data_keys.get(ring["generation"])
    if key is None:
        raise AuthenticationFailed("auth.no_current_key")
    return key


def open_vault(path, login: str, password: str, *, password_change_only: bool = False,
               restoring: bool = False) -> "OpenVault":
    folder = find_vault(path)
    lock = VaultLock(folder)
    try:
        _take_shared(lock, folder)
        ring = keyring.load(folder)
        slot, unlocked = _authenticate(folder, ring, login, password)
        if slot["must_change_password"] and not password_change_only:
            raise PasswordChangeRequired()
        return OpenVault._open(folder, ring, slot, unlocked, lock, restoring=restoring)
    except BaseException:
        lock.release()
        raise




def _take_shared(lock: VaultLock, folder: Path) -> None:
    """The shared lock; busy during a key rotation says so (the keyring marks a rotation under way)."""
    try:
        lock.shared()
    except VaultBusy:
        try:
            rotating = bool(keyring.load(folder).get("rotation"))
        except (OSError, PgaError):
            rotating = False
        if rotating:
            raise VaultBusy("vault.busy_rotating") from None
        raise


def open_with_recovery(path, code: str) -> "OpenVault":
    """Break-glass access with the recovery code printed by `init` (audited as 'herstelcode')."""
    folder = find_vault(path)
    lock = VaultLock(folder)
    try:
        lock.shared()
        ring = keyring.load(folder)
        normalised = "-".join(code.upper().replace(" ", "").replace("-", "")[i:i + 4] for i in range(0, 32, 4))
        slot, unlocked = _authenticate(folder, ring, keyring.RECOVERY_LOGIN, normalised, kind="recovery")
        return OpenVault._open(folder, ring, slot, unlocked, lock)
    except BaseException:
        lock.release()
        raise


def change_password(path, login: str, old: str, new: str) -> None:
    """Re-encrypt one user's private key under a new password. data.db is not touched at all."""
    folder = find_vault(path)
    lock = VaultLock(folder)
    try:
        lock.shared()
        with keyring.locked(folder):
            ring = keyring.load(folder)
            slot, unlocked = _authenticate(folder, ring, login, old)
            data_key = _current_key(ring, unlocked)
            keyring.verify_mac(ring, data_key)
            _check_password(new, slot["login"])
            if new == old:
                raise PasswordPolicyError("password.same_as_current")
            keyring.set_password(ring, slot, unlocked.private_key, new)
            slot["must_change_password"] = False
            _count_password_change(ring, slot, unlocked.private_key)
            keyring.save(folder, ring, data_key)
        # The database stays closed (and byte-for-byte unchanged): the event waits in pending.json.
        event_id = throttle.queue_event(folder, {"actor": slot["login"], "action": "password.change", "result": "ok"},
                                        _pending_signer(ring, slot, unlocked))
        witness.remember_pending(ring["vault_id"], event_id, ring["audit_head"]["seq"])
    finally:
        lock.release()


def _count_password_change(ring: dict, slot: dict, private_key: bytes) -> None:
    """The slot's witness counts its own password changes: a copy of the slot from before a
    change then counts fewer than the signed password.change events (see _check_slot_is_current)."""
    if "root_public" not in ring:
        return
    seen = keyring.read_witness(ring, slot, private_key) or {"seq": 0, "hash": audit.GENESIS, **_pins(ring)}
    seen["password_changes"] = int(seen.get("password_changes", 0)) + 1
    keyring.write_witness(ring, slot, private_key, seen)


def demo_accounts(path) -> list[tuple[str, str, str]]:
    """(login, password, role) of a demo vault, readable before unlocking; [] for a real vault."""
    folder = Path(path)
    try:
        if not keyring.load(folder).get("demo"):
            return []
        return [tuple(row) for row in json.loads((folder / DEMO_ACCOUNTS).read_text(encoding="utf-8"))]
    except (OSError, ValueError, VaultDamaged):
        return []


# --- an open vault ---------------------------------------------------------------------------

class OpenVault:
    """An unlocked vault: the connection (owned by the opening thread), the user, the keys."""

    def __init__(self, folder: Path, ring: dict, slot: dict, data_key: bytes, conn, lock: VaultLock) -> None:
        self.path = folder
        self._ring = ring
        self._slot_login = slot["login"]
        self.user = _user_of(slot)
        self._data_key = bytearray(data_key)  # wiped in place by close()
        self._conn = conn
        self._lock = lock
        # Witnessed audit (set by _open_signing_keys; all None in a vault from before signing).
        self._own_private: bytes | None = None  # the slot's X25519 key: writes this user's witness
        self._signer: signing.Signer | None = None
        self._root_private: bytes | None = None  # beheerder and recovery only
        self._verifier: signing.Verifier | None = None
        self._seen: dict | None = None  # this user's witness as found at unlock
        # Compartment keys this process holds: the user's own, and any it created (vault/membership.py).
        self._known_chains: dict = {}
        self._ring_stamp: tuple | None = None  # keyring.json as last read for the compartments
        self._refreshing = False
        self._imports_pending = False  # drop-box cases left to take in (see _import_moved_in)

    @classmethod
    def _open(cls, folder: Path, ring: dict, slot: dict, unlocked: keyring.UnlockedSlot, lock: VaultLock,
              *, restoring: bool = False) -> "OpenVault":
        from pgatui.vault import rotation

        ring = rotation.recover_if_interrupted(folder, ring, unlocked, lock)
        data_key = _current_key(ring, unlocked)
        keyring.verify_mac(ring, data_key)
        rotation.remove_leftovers(folder)
        conn = db.connect(folder / db.DATA_DB, data_key)
        try:
            db.migrate(conn)
            vault = cls(folder, ring, slot, data_key, conn, lock)
            vault._migrate_to_register()  # before the witness checks: it writes no audit event
            vault._adopt_shipped_criteria()  # likewise
            vault._open_signing_keys(slot, unlocked)
            vault._check_witnesses(restoring=restoring)
            vault._chain_pending_events(restoring=restoring)
            vault._witness_login()
            vault._unlock_compartments(unlocked)
        except db.DatabaseError as exc:
            conn.close()
            raise db.busy_or_damaged(exc) from None
        except BaseException:
            conn.close()
            raise
        return vault

    # connection and transactions

    @property
    def conn(self):
        if self._conn is None:
            raise PgaError("vault.locked")
        return self._conn

    @property
    def is_demo(self) -> bool:
        return bool(self._ring.get("demo"))

    @property
    def generation(self) -> int:
        return int(self._ring["generation"])

    @property
    def vault_id(self) -> str:
        return self._ring["vault_id"]

    @contextmanager
    def transaction(self) -> Iterator:
        conn = self.conn
        self._refresh_compartments()
        try:
            conn.execute("BEGIN IMMEDIATE")
        except db.DatabaseError as exc:
            if db.is_busy(exc):  # another writer for longer than busy_timeout: not damage
                raise db.busy_or_damaged(exc) from None
            raise
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:  # also when COMMIT itself failed (busy, disk full)
                conn.execute("ROLLBACK")
            if db.is_busy(exc):
                raise db.busy_or_damaged(exc) from None
            raise

    def audit(self, action: str, *, object_id: str | None = None, result: str = "ok",
              purpose: str | None = None) -> int:
        """Append an audit event, signed with this user's key, inside the running transaction;
        its sequence number (what a record kept beside the event refers to)."""
        if not self.conn.in_transaction:
            raise RuntimeError("audit() belongs inside vault.transaction()")
        seq, _hash = audit.append(self.conn, audit.new_event(self.user.login, self.user.role.value, action,
                                                object_id=object_id, result=result, purpose=purpose),
                     self._signer)
        return seq

    def audit_refusal(self, action: str, *, object_id: str | None = None, purpose: str | None = None) -> None:
        with self.transaction():
            self.audit(action, object_id=object_id, result="refused", purpose=purpose)

    def _chain_pending_events(self, *, restoring: bool = False) -> None:
        """Failed logins and password changes waited in pending.json; chain them, then 'login'.

        In a signed vault every entry must be signed by its actor's certified key, except a
        failed login (no key was open): that one is chained under the id it was queued with, so
        the OS user who queued it can find it back. A forged entry stops the unlock (never
        chained silently); an entry this OS user queued that is neither in pending.json nor in
        the chain means pending.json was deleted or cut (not asked while restoring a backup:
        what was queued in the vault being replaced is not expected in the backup).
        """
        with throttle.pending_events(self.path) as events, self.transaction() as conn:
            if self._signer is not None:
                for queued in events:
                    self._check_pending_entry(queued)
                if not restoring:
                    self._check_no_pending_lost(events)
            for queued in events:
                actor = str(queued.get("actor", "onbekend"))
                slot = keyring.find_slot(self._ring, actor)
                role = slot["role"] if slot else "-"
                at = queued.get("at") if isinstance(queued.get("at"), str) else None
                queued_id = queued.get("id")
                object_id = audit.pending_object_id(queued_id, "sig" in queued) if isinstance(queued_id, str) else None
                audit.append(conn, audit.new_event(actor, role, str(queued.get("action", "?")), object_id=object_id,
                                                   result=str(queued.get("result", "?")), at=at), self._signer)
            self.audit("login")
        witness.forget_pending(self.vault_id, [e["id"] for e in events if isinstance(e.get("id"), str)])

    def _check_pending_entry(self, entry: dict) -> None:
        if "sig" not in entry:
            if entry.get("action") == "login" and entry.get("result") == "failed" and isinstance(entry.get("id"), str):
                return
            raise VaultDamaged("pending.unsigned", action=safe_line(str(entry.get("action")))[:40])
        kid, owner = entry.get("key"), self._verifier.owner(entry.get("key"))
        if (owner is None or owner[0] != entry.get("actor")
                or not self._verifier.check(kid, str(entry["sig"]), _pending_message(self.vault_id, entry))):
            raise VaultDamaged("pending.bad_signature")

    def _check_no_pending_lost(self, events: list[dict]) -> None:
        present = {e.get("id") for e in events}
        queued_here = witness.load(self.vault_id).get("pending")
        if not isinstance(queued_here, dict):
            return
        lost = [event_id for event_id, since in queued_here.items()
                if event_id not in present and not self._chained(event_id, since)]
        if lost:
            raise VaultDamaged("pending.lost", count=len(lost))

    def _chained(self, event_id, since) -> bool:
        since = since if type(since) is int else 0
        row = self.conn.execute("SELECT 1 FROM audit_log WHERE action IN ('login', 'password.change') "
                                "AND object_id IN (?, ?) AND seq > ?",
                                (audit.pending_object_id(event_id, True), audit.pending_object_id(event_id, False),
                                 since)).fetchone()
        return row is not None

    # compartments (docs/COMPARTMENTS.md)

    def _unlock_compartments(self, unlocked: keyring.UnlockedSlot) -> None:
        """Open the user's compartment keys, then do the pending membership work a holder of
        them can do (seal the key for colleagues added since), and give the keys to the connection."""
        self._own_private = unlocked.private_key
        self._open_compartments()

    def _open_compartments(self) -> None:
        slot = keyring.find_slot(self._ring, self._slot_login)
        self._known_chains = {**self._known_chains, **compartments.unlock_compartments(
            self._ring, slot, self._own_private).chains}
        self._refreshing = True
        try:
            self._sync_compartments()
        except OSError:  # a read-only folder: the newcomers get their keys at a later unlock
            pass
        finally:
            self._refreshing = False
        self._ring_stamp = self._keyring_stamp()
        self._give_keys()
        self._import_moved_in()
        self._share_pending()
        self._finish_rekeys()

    def _finish_rekeys(self) -> None:
        """A compartment of this user has a retiring generation (a member was disabled or left):
        re-seal its values under the current one in one transaction, then drop the old
        generations from the keyring (after the COMMIT: a crash in between re-runs the re-seal,
        which finds nothing left to do). Then the beheerder's key rotation (export-verify-swap)
        leaves no page with an old value in the file."""
        for compartment in self.conn.sealer.held():
            retiring = compartments.retiring_generations(self._ring, compartment)
            chain = self.conn.sealer.chain(compartment)
            if not retiring or any(chain.generation(g) is None for g in retiring):
                continue
            self._refreshing = True
            try:
                with self.transaction() as conn:
                    cases.reseal_compartment(conn, compartment)
                    self.audit("compartment.reseal", object_id=f"compartment:{compartment}")
                self._update_ring(lambda ring: compartments.finish_rekey(ring, compartment)
                                  if compartments.retiring_generations(ring, compartment) == retiring else None)
            except (OSError, db.DatabaseError):  # a read-only folder: the next member unlock does it
                pass
            finally:
                self._refreshing = False

    def _import_moved_in(self) -> None:
        """Cases written into a compartment of this user by someone without its key (a seed, a
        move, the migration) wait in its drop box: re-seal them as ordinary fields and index
        them, all in one pass and one transaction (`cases.import_drop_boxes`: one X25519 open per
        writer thanks to the bulk drop box, one statement per table per 500 cases). Signals sealed
        before migration 0027 get their age tokens AGE_TOKEN_BATCH at a time. A read-only folder
        or a busy database: again before the next transaction."""
        held = self.conn.sealer.held()
        pending = [c for c in held if cases.has_drop_boxes(self.conn, c)]
        unaged = [c for c in held if cases.lacks_age_tokens(self.conn, c)]  # sealed before migration 0027
        self._imports_pending = bool(pending or unaged)
        if not self._imports_pending:
            return
        self._refreshing = True
        try:
            with self.transaction() as conn:
                for compartment in pending:
                    cases.import_drop_boxes(conn, compartment)
                    self.audit("compartment.import", object_id=f"compartment:{compartment}")
                for compartment in unaged:
                    cases.fill_age_tokens(conn, compartment, AGE_TOKEN_BATCH)
                    self.audit("compartment.age_tokens", object_id=f"compartment:{compartment}")
            self._imports_pending = bool(unaged)  # the next step looks again (more may be left)
        except (OSError, db.DatabaseError):
            pass
        finally:
            self._refreshing = False

    def _share_pending(self) -> None:
        """Partner copies owed by this user's compartments (an invitation made before the partner
        organisation had users: its compartment is newer than the invitation). A read-only
        folder or a busy database: a later unlock."""
        if not cases.pending_shares(self.conn):
            return
        self._refreshing = True
        try:
            with self.transaction() as conn:
                cases.share_pending(conn)
                self.audit("compartment.share")
        except (OSError, db.DatabaseError):
            pass
        finally:
            self._refreshing = False

    def _keyring_stamp(self) -> tuple | None:
        try:
            found = (self.path / keyring.KEYRING).stat()
        except OSError:
            return None
        return (found.st_ino, found.st_mtime_ns, found.st_size)

    def _refresh_compartments(self) -> None:
        """Another session changed the keyring (a colleague added, a key sealed for this user):
        open what is new for this user and seal this user's keys for newcomers, before the
        next transaction. One stat per transaction when nothing changed. A keyring that does
        not check out is left to the next unlock, which refuses it."""
        if self._refreshing or self._ring_stamp is None:  # None: the unlock has not opened the keys yet
            return
        if self._keyring_stamp() == self._ring_stamp:
            if self._imports_pending:
                self._import_moved_in()
            return
        try:
            ring = keyring.load(self.path)
            keyring.verify_mac(ring, self._data_key)
            self._ring = ring
            self._open_compartments()
        except PgaError:
            self._ring_stamp = self._keyring_stamp()

    def _municipality_ids(self) -> list[int]:
        return [r[0] for r in self.conn.execute("SELECT id FROM organisations WHERE kind = 'gemeente'")]

    def _sync_compartments(self) -> None:
        """Bring the keyring in line with who should hold which compartment (a dry run first:
        most unlocks change nothing and write nothing)."""
        ids = self._municipality_ids()
        if not membership.sync(keyring.mutable_copy(self._ring), ids, dict(self._known_chains)):
            return
        with self.transaction():
            self._update_ring(lambda ring: self._audit_all(membership.sync(ring, ids, self._known_chains)))

    def _audit_all(self, changes: list[tuple[str, str]]) -> None:
        for action, object_id in changes:
            self.audit(action, object_id=object_id)

    @contextmanager
    def writing_synthetic(self) -> Iterator[list[int]]:
        """For the beheerder's seed (synthetic data only): every municipality has a compartment
        (made here for the members-to-be when missing), and the keys this process made are on
        the connection for the duration only: it seals and indexes directly into those, and
        into the others' drop boxes (their members take the cases in at their next session)."""
        self._require_admin("seed")
        ids = self._municipality_ids()
        with self.transaction():
            self._update_ring(lambda ring: self._audit_all(membership.ensure(ring, ids, self._known_chains)))
        made_here = {f"gemeente:{m}" for m in ids} & set(self._known_chains)
        self.conn.sealer = Sealer(compartments.CompartmentKeys({c: self._known_chains[c] for c in made_here}),
                                  self._ring.get("compartments", {}))
        db.set_page_cache(self.conn, db.BULK_PAGE_CACHE_KIB)
        try:
            yield ids
        finally:
            db.set_page_cache(self.conn, db.PAGE_CACHE_KIB)
            self._give_keys()

    def _give_keys(self) -> None:
        if self._conn is None:
            return
        held = membership.held_by(self._ring, self._slot_login, self._known_chains)
        self.conn.sealer = Sealer(compartments.CompartmentKeys(held), self._ring.get("compartments", {}),
                                  bulk=sealer_of(self.conn).bulk)

    # witnessed heads (DESIGN.md, "Witnessed audit heads")

    def _open_signing_keys(self, slot: dict, unlocked: keyring.UnlockedSlot) -> None:
        """Open this user's signing key (certificate checked against the root key) and, for a
        beheerder, the root key. A vault from before signing is upgraded by its first beheerder."""
        slot = keyring.find_slot(self._ring, self._slot_login)  # as the ring is after rotation recovery
        root = keyring.root_public(self._ring)
        pinned = witness.load(self.vault_id).get("root")
        if root is None and pinned:
            raise VaultDamaged("keyring.root_missing")
        if root is None:
            if slot["role"] != Role.BEHEERDER.value:
                return
            self._upgrade_to_signed(unlocked)
            slot, root = keyring.find_slot(self._ring, self._slot_login), keyring.root_public(self._ring)
        self._own_private = unlocked.private_key
        self._seen = keyring.read_witness(self._ring, slot, unlocked.private_key)
        pins = _pins(self._ring)
        for pinned in (self._seen, witness.load(self.vault_id)):
            if pinned and any(pinned.get(k) is not None and pinned.get(k) != v for k, v in pins.items()):
                raise VaultDamaged("keyring.root_replaced")
        self._signer = keyring.open_signing(self._ring, slot, unlocked.private_key, root)
        self._root_private = keyring.open_root(self._ring, slot, unlocked.private_key, root)
        self._verifier = keyring.verifier(self._ring, root)

    def _upgrade_to_signed(self, unlocked: keyring.UnlockedSlot) -> None:
        """A vault made before signed events: make the root key, certify every slot's signing
        key (sealed to each slot's public key: no password needed), sign from the next event on."""
        def upgrade(ring: dict) -> None:
            if "root_public" in ring:
                return
            root = keyring.new_root(ring)
            ring["signed_from"] = audit.head(self.conn)[0] + 1
            for slot in ring["slots"]:
                if slot["role"] == Role.BEHEERDER.value:
                    keyring.grant_root(ring, slot, root)
                keyring.equip_slot(ring, slot, root)
        self._update_ring(upgrade)

    def _check_witnesses(self, *, restoring: bool) -> None:
        """The chain must still hold the head this user saw (sealed in the slot) and the head
        this OS user saw (state file), at the same seq with the same hash; events after the
        later of the two must link and carry their actors' signatures; the slot must not be
        older than this user's own last login, nor enabled after a disabling in the chain
        (unless a later 'user.enable' in the chain re-enabled it)."""
        if self._signer is None:
            return
        own, pins = self._seen, _pins(self._ring)
        state = {} if restoring else witness.load(self.vault_id)
        start = (0, audit.GENESIS)
        for head in sorted(filter(None, (own, witness.head_of(state))), key=lambda h: h["seq"]):
            stored = audit.hash_at(self.conn, head["seq"])
            if stored is not None and crypto.mac_equal(stored, head["hash"]):
                start = (head["seq"], stored)
            elif not self._restored_since(head):
                raise self._damage_at(head)
        if start[0] == 0:  # nobody here saw this chain yet: trust the mirrored head, as before
            mirrored = self._ring["audit_head"]
            stored = audit.hash_at(self.conn, mirrored["seq"])
            if stored is not None and crypto.mac_equal(stored, mirrored["hash"]):
                start = (mirrored["seq"], stored)
        broken = audit.first_break(self.conn, self._verifier, *start, pins["signed_from"])
        if broken is not None:
            raise VaultDamaged("audit.changed_from", seq=broken)
        self._check_slot_is_current(own)

    def _damage_at(self, head: dict) -> VaultDamaged:
        detail = audit.mismatch(self.conn, self._verifier, _pins(self._ring)["signed_from"], head["seq"],
                                Finding("finding.seen_here"))
        return VaultDamaged("audit.rolled_back", detail=detail)

    def _restored_since(self, head: dict) -> bool:
        """A beheerder restored a backup after this head was seen: the older chain is expected."""
        row = self.conn.execute(
            f"SELECT seq, {', '.join(audit.FIELDS)}, hash, signer, signature FROM audit_log "
            "WHERE action = 'backup.restore' ORDER BY seq DESC LIMIT 1").fetchone()
        if row is None or not isinstance(head.get("at"), str):
            return False
        seq, values, digest, kid, signature = row[0], tuple(row[1:-3]), row[-3], row[-2], row[-1]
        owner = self._verifier.owner(kid)
        return (owner is not None and owner[1] == Role.BEHEERDER.value and values[0] >= head["at"]
                and audit.signature_holds(self._verifier, seq, values, digest, kid, signature))

    def _check_slot_is_current(self, own: dict | None) -> None:
        """An older copy of keyring.json: an enabled slot of a user the chain has disabled, a slot
        from before this user's own last login, or from before their last password change (an
        old password revived)."""
        login, seen = self.user.login, own["seq"] if own else 0
        # A user re-enabled by a beheerder (a later signed 'user.enable') is current again.
        disabled, enabled = self.conn.execute(
            "SELECT max(CASE WHEN action = 'user.disable' THEN seq END), max(CASE WHEN action = 'user.enable' THEN seq END) "
            "FROM audit_log WHERE action IN ('user.disable', 'user.enable') AND object_id = ?",
            (f"user:{login}",)).fetchone()
        if disabled is not None and (enabled is None or enabled < disabled):
            raise VaultDamaged("keyring.reverted_disabled", login=login, seq=disabled)
        later_login = self.conn.execute(
            "SELECT max(seq) FROM audit_log WHERE actor = ? AND action = 'login' AND result = 'ok' AND seq > ?",
            (login, seen)).fetchone()[0]
        if later_login is not None and not self._witness_unsaved_after(login, later_login):
            raise VaultDamaged("keyring.reverted_login", login=login, seq=later_login)
        if self._signed_password_changes(login) > int((own or {}).get("password_changes", 0)):
            raise VaultDamaged("keyring.reverted_password", login=login)

    def _witness_unsaved_after(self, login: str, seq: int) -> bool:
        return self.conn.execute("SELECT 1 FROM audit_log WHERE actor = ? AND action = 'witness.unsaved' AND seq > ?",
                                 (login, seq)).fetchone() is not None

    def _signed_password_changes(self, login: str) -> int:
        """How many signed password changes of `login` the chain and pending.json hold (each once:
        a queued event chained twice after a crash keeps its id)."""
        chained = {row[0] for row in self.conn.execute(
            "SELECT DISTINCT object_id FROM audit_log WHERE action = 'password.change' AND actor = ? "
            "AND object_id LIKE 'pending:%' AND object_id NOT LIKE 'pending:u:%'", (login,))}
        waiting = {audit.pending_object_id(e["id"], True) for e in throttle.queued_events(self.path)
                   if e.get("action") == "password.change" and e.get("actor") == login
                   and "sig" in e and isinstance(e.get("id"), str)}
        return len(chained | waiting)

    def _witness_login(self) -> None:
        """Seal the head just verified (with this login in it) into the slot and the state file.
        A folder that cannot be written leaves a signed 'witness.unsaved' event instead, so the
        next unlock does not read the older slot as a rolled-back keyring."""
        if self._signer is None:
            return
        try:
            self.mirror_audit_head()
        except OSError:
            with self.transaction():
                self.audit("witness.unsaved")

    def accept_restored_chain(self) -> None:
        """After a restore (its event is in the chain): witness this chain from here on."""
        if self._signer is not None:
            seq, digest = audit.head(self.conn)
            witness.rebase(self.vault_id, {"seq": seq, "hash": digest, "at": audit.new_event("", "", "").at},
                           _pins(self._ring))

    def replace_slot_keys(self, ring: dict, slot: dict, fresh: dict, private_key: bytes) -> None:
        """Give `slot` the new key fields `fresh` (break glass) and, in a signed vault, what hangs on
        its key pair: the old signing key retired (its past events keep verifying), a new certified
        signing key, the root key for a beheerder or the recovery slot, and a witness of the chain
        as mirrored now, so the slot's next unlock is not read as a rolled-back keyring."""
        signed = "root_public" in ring
        if signed and self._root_private is None:
            raise AccessDenied("access.no_root_key")
        if signed:
            keyring.retire_signer(ring, slot)
        for stale in ("signing", "root_key", "witness"):
            slot.pop(stale, None)
        slot.update(fresh)
        if not signed:
            return
        keyring.equip_slot(ring, slot, self._root_private)
        if slot["role"] == Role.BEHEERDER.value or slot["kind"] == "recovery":
            keyring.grant_root(ring, slot, self._root_private)
        head = ring["audit_head"]
        keyring.write_witness(ring, slot, private_key, {
            "seq": head["seq"], "hash": head["hash"], "at": audit.new_event("", "", "").at, **_pins(ring),
            "password_changes": self._signed_password_changes(slot["login"])})

    def _own_witness(self, ring: dict, seq: int, digest: str) -> dict | None:
        if self._own_private is None or "root_public" not in ring:
            return None
        slot = keyring.find_slot(ring, self._slot_login)
        before = keyring.read_witness(ring, slot, self._own_private) or {}
        head = {"seq": seq, "hash": digest, "at": audit.new_event("", "", "").at, **_pins(ring),
                "password_changes": int(before.get("password_changes", 0))}
        keyring.write_witness(ring, slot, self._own_private, head)
        return head

    def _migrate_to_register(self) -> None:
        """A vault from before the organisation register (0007): fill it, and the slots' ids."""
        if not organisations.needs_migration(self.conn, self._ring["slots"]):
            return
        with self.transaction() as conn:
            ring = keyring.mutable_copy(self._ring)
            organisations.migrate_existing(conn, ring["slots"])
            try:
                self._update_ring(lambda on_disk: organisations.migrate_existing(conn, on_disk["slots"]))
            except OSError:  # a read-only folder: the ids hold for this session, the next open retries
                self._ring = ring
        self.user = _user_of(keyring.find_slot(self._ring, self._slot_login))

    def _adopt_shipped_criteria(self) -> None:
        """A vault from before 0019 adopts the shipped criteria catalogues once."""
        if criteria_repo.needs_shipped(self.conn):
            with self.transaction() as conn:
                criteria_repo.adopt_shipped(conn, clock.utcnow())

    # the keyring

    def _update_ring(self, change: Callable[[dict], None]) -> None:
        """Change the keyring on disk (MAC checked first) and mirror the audit head.

        Inside a transaction the head stays as it was: the events of this transaction are not
        committed yet, and a head pointing past the committed chain would read as truncation.
        The write happens before COMMIT, so a failed keyring write also takes the event back.
        """
        with keyring.locked(self.path):
            ring = keyring.load(self.path)
            keyring.verify_mac(ring, self._data_key)
            change(ring)
            seen = None
            if not self.conn.in_transaction:
                seq, digest = audit.head(self.conn)
                ring["audit_head"] = {"seq": seq, "hash": digest}
                seen = self._own_witness(ring, seq, digest)
            keyring.save(self.path, ring, self._data_key)
            self._ring = ring
            if self._ring_stamp is not None:  # this session's own write: nothing new to open
                self._ring_stamp = self._keyring_stamp()
        if seen is not None:
            witness.remember_head(self.vault_id, {k: seen[k] for k in ("seq", "hash", "at")}, _pins(ring))

    def compact(self) -> None:
        """Rewrite the whole database (VACUUM) and empty the write-ahead log.

        secure_delete zeroes deleted rows, but an index b-tree keeps old keys as dividers in
        interior pages (a destroyed case's blind-index tokens, say). After a destruction,
        rewriting every page leaves nothing of the case. Runs outside a transaction; seconds
        for a very large vault.
        """
        self.conn.execute("VACUUM")
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def confirm_colleague(self, login: str, password: str) -> UserInfo:
        """Check another user's password at this workstation (a party confirming a weighing, a
        second person confirming destruction) without opening a session for them.

        Same throttling and failure queue as unlocking; the caller audits what was confirmed.
        The keys the check opens are dropped at once.
        """
        ring = keyring.load(self.path)
        slot, _unlocked = _authenticate(self.path, ring, login.strip().lower(), password)
        return _user_of(slot)

    def _require_admin(self, action: str) -> None:
        if self.user.role is not Role.BEHEERDER:
            self.audit_refusal(action)
            raise AccessDenied("access.admin_only")

    # users

    def list_users(self) -> list[UserInfo]:
        """The users as the keyring on disk says now (another session may have added one)."""
        ring = keyring.load(self.path)
        keyring.verify_mac(ring, self._data_key)
        self._ring = ring
        return [_user_of(s) for s in ring["slots"] if s["kind"] == "user"]

    def add_user(self, login: str, role: str | Role, organisation: str | int, *,
                 municipalities: list[str | int] | None | object = DEFAULT_SCOPE, register: bool = True) -> str:
        """Add a user of `organisation` (its register id or name); returns their one-time password
        (shown once, changed at first login).

        `municipalities` lists what a gemeente, politie or OM account sees (ids or names of the
        register's municipalities; None: all, for politie and OM); left out, the default of the role.
        With `register` an organisation not yet in the register is added (kind from the role or
        the name); the CLI passes False, so an unknown name is a clear error there.
        """
        self._require_admin("user.add")
        login = _check_login(login)
        role = role if isinstance(role, Role) else parse_role(role)
        password = generate_one_time_password()
        # argon2 runs here, before the write lock: a slow KDF must not hold up other sessions.
        # The generation cannot change meanwhile: a rotation needs the exclusive vault lock.
        slot = keyring.new_slot(self._ring, login, password, kind="user", role=role.value, organisation=str(organisation),
                                must_change_password=True, data_keys={self.generation: self._data_key})

        def add(ring: dict) -> None:
            if keyring.find_slot(ring, login):
                raise UsageError("user.exists", login=login)
            slot.update(organisation=found.name, organisation_id=found.id, municipalities=seen)
            self._certify_new_slot(ring, slot)
            ring["slots"].append(slot)
            self._audit_all(membership.sync(ring, self._municipality_ids(), self._known_chains))

        with self.transaction() as conn:
            found = self._organisation(conn, organisation, role, register)
            seen = self._municipalities(conn, role, found, municipalities)
            self.audit("user.add", object_id=f"user:{login}")
            self._update_ring(add)
        return password

    def _certify_new_slot(self, ring: dict, slot: dict) -> None:
        """A signing key certified with the root key (which only beheerders hold); a new
        beheerder gets the root key too."""
        if "root_public" not in ring:
            return
        if self._root_private is None:
            raise AccessDenied("access.no_root_key_add_user")
        keyring.equip_slot(ring, slot, self._root_private)
        if slot["role"] == Role.BEHEERDER.value:
            keyring.grant_root(ring, slot, self._root_private)

    @staticmethod
    def _organisation(conn, organisation: str | int, role: Role, register: bool):
        """The register entry a new account belongs to; a core role needs an organisation of its kind."""
        from pgatui.domain.organisations import KIND_OF_ROLE, guess_kind

        if isinstance(organisation, int):
            found = organisations.get(conn, organisation)
        else:
            name = _check_organisation(organisation)
            found = organisations.by_name(conn, name)
            if found is None and register:
                found = organisations.ensure(conn, name, guess_kind(name, role))
        if found is None:
            raise UsageError("organisation.unknown_add_first", organisation=repr(organisation))
        wanted = KIND_OF_ROLE.get(role)
        if not register and wanted is not None and found.kind is not wanted:
            raise UsageError("user.role_kind_mismatch", role=role.value, kind=wanted.value)
        return found

    @staticmethod
    def _municipalities(conn, role: Role, organisation, chosen) -> list[int] | None:
        from pgatui.domain.organisations import default_municipalities

        if chosen is DEFAULT_SCOPE:
            return default_municipalities(role, organisation)
        if chosen is None:
            if role not in (Role.POLITIE, Role.OM):
                raise UsageError("user.all_municipalities_role")
            return None
        if role not in (Role.GEMEENTE, Role.POLITIE, Role.OM):
            raise UsageError("user.municipalities_role")
        ids = []
        for item in chosen:
            found = organisations.get(conn, item) if isinstance(item, int) else organisations.by_name(conn, str(item))
            if found is None or not found.is_municipality:
                raise UsageError("organisation.not_a_municipality", item=repr(item))
            ids.append(found.id)
        return sorted(set(ids))

    # the register of organisations

    def list_organisations(self) -> list:
        """Every organisation of the register (no case content: any user may read it)."""
        with self.transaction() as conn:
            self.audit("organisation.list")
            return organisations.all_organisations(conn)

    def add_organisation(self, name: str, kind) -> int:
        from pgatui.domain.organisations import parse_kind

        self._require_admin("organisation.add")
        name = _check_organisation(name)
        kind = parse_kind(kind) if isinstance(kind, str) else kind
        with self.transaction() as conn:
            if organisations.by_name(conn, name):
                raise UsageError("organisation.exists", name=name)
            new_id = organisations.insert(conn, name, kind)
            self.audit("organisation.add", object_id=f"organisation:{new_id}")
            self._update_ring(lambda ring: self._audit_all(
                membership.sync(ring, self._municipality_ids(), self._known_chains)))
        return new_id

    def rename_organisation(self, organisation: str | int, new_name: str) -> None:
        """A new name; access goes by id, so no one gains or loses anything. The accounts of the
        organisation carry the new name too."""
        self._require_admin("organisation.rename")
        new_name = _check_organisation(new_name)
        with self.transaction() as conn:
            found = (organisations.get(conn, organisation) if isinstance(organisation, int)
                     else organisations.by_name(conn, organisation))
            if found is None:
                raise UsageError("organisation.unknown", organisation=repr(organisation))
            other = organisations.by_name(conn, new_name)
            if other is not None and other.id != found.id:
                raise UsageError("organisation.exists", name=new_name)
            organisations.rename(conn, found.id, new_name)
            self.audit("organisation.rename", object_id=f"organisation:{found.id}")

            def follow(ring: dict) -> None:
                for slot in ring["slots"]:
                    if slot.get("organisation_id") == found.id:
                        slot["organisation"] = new_name

            self._update_ring(follow)
        self.user = _user_of(keyring.find_slot(self._ring, self._slot_login))

    def disable_user(self, login: str) -> None:
        """Refuse further logins now; the next key rotation also takes away their sealed keys."""
        self._require_admin("user.disable")
        login = login.strip().lower()
        if login == self.user.login:
            raise UsageError("user.disable_self")

        def disable(ring: dict) -> None:
            slot = keyring.find_slot(ring, login)
            if slot is None or slot["kind"] != "user":
                raise UsageError("user.unknown", login=login)
            slot["disabled"] = True
            # Its compartments get a new generation for the remaining members (public keys
            # suffice); their next session re-seals the values under it (_finish_rekeys).
            for compartment in compartments.remove_from_all(ring, login):
                self.audit("compartment.member.remove", object_id=f"compartment:{compartment}")

        with self.transaction():
            self.audit("user.disable", object_id=f"user:{login}")
            self._update_ring(disable)

    def change_password(self, old: str, new: str) -> None:
        change_password(self.path, self.user.login, old, new)
        self.user = _user_of(keyring.find_slot(keyring.load(self.path), self._slot_login))
        self._ring = keyring.load(self.path)

    # maintenance

    def rotate_key(self, progress: Progress = None) -> None:
        from pgatui.vault import rotation

        self._require_admin("key.rotate")
        rotation.rotate(self, progress)

    def migrate_compartments(self, progress: Progress = None):
        """Seal the rows of before migration 0018 into their municipality's compartment (one
        export-verify-swap: vault/compartment_migration.py); a MigrationResult."""
        from pgatui.vault import compartment_migration

        return compartment_migration.migrate(self, progress)

    def backup(self, dest, progress: Progress = None) -> Path:
        from pgatui.vault import backup

        self._require_admin("backup.create")
        return backup.make_backup(self, Path(dest), progress)

    def chain_problems(self, ring: dict | None = None) -> list[Finding]:
        """The audit chain as `verify` walks it: every link, and every signature from the ring's
        `signed_from` on (links only in a vault from before signing). `ring`: as loaded from disk
        (verify), else this session's."""
        ring = self._ring if ring is None else ring
        return audit.chain_problems(self.conn, ring.get("audit_head"), self._verifier, _pins(ring)["signed_from"])

    def verify(self) -> VerifyReport:
        report = VerifyReport()
        report.problems += db.integrity_problems(self.conn)
        report.checked.append(Finding("verify.checked_database"))
        try:
            ring = keyring.load(self.path)
            keyring.verify_mac(ring, self._data_key)
        except VaultDamaged as exc:
            report.problems.append(Finding("finding.failure", error=exc))
            ring = self._ring
        report.checked.append(Finding("verify.checked_keyring"))
        try:
            report.problems += self.chain_problems(ring)
        except db.DatabaseError as exc:
            report.problems.append(Finding("finding.chain_unreadable", kind=type(exc).__name__))
        report.checked.append(Finding("verify.checked_links" if self._verifier is None else "verify.checked_signed"))
        try:
            with self.transaction():
                self.audit("vault.verify", result="ok" if report.ok else "problems")
        except db.DatabaseError:
            if report.ok:  # a sound database that cannot take an event is itself a finding
                raise
        return report

    def checkpoint(self, path) -> tuple[str, dict]:
        """Write a signed checkpoint of the chain to `path` if there is none, else check the one
        there; ("written"|"checked", checkpoint). Audited either way (refused when it fails)."""
        from pgatui.vault import checkpoint

        path = Path(path)
        action = "checkpoint.check" if path.exists() else "checkpoint.write"
        try:
            body = checkpoint.check(self, path) if action == "checkpoint.check" else checkpoint.write(self, path)
        except PgaError:
            with self.transaction():
                self.audit(action, result="problems")
            raise
        with self.transaction():
            self.audit(action, object_id=f"audit:{body['seq']}")
        return ("checked" if action == "checkpoint.check" else "written"), body

    def mirror_audit_head(self) -> None:
        self._update_ring(lambda ring: None)

    def close(self) -> None:
        """Mirror the audit head, close the connection, forget the key, release the lock."""
        try:
            if self._conn is not None:
                with self.transaction():
                    self.audit("logout")
                self.mirror_audit_head()
        except (OSError, PgaError, db.DatabaseError):
            # Closing must always let go of the key and the lock. A head that could not be
            # mirrored (read-only folder) only leaves the keyring behind the chain, which
            # verify accepts: the mirrored head is still a point of the chain.
            pass
        finally:
            if self._conn is not None:
                self._conn.close()
            self._conn = None
            crypto.wipe(self._data_key)
            self._data_key = bytearray()
            self._own_private = self._signer = self._root_private = None
            self._known_chains = {}
            self._lock.release()

    def __enter__(self) -> "OpenVault":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
