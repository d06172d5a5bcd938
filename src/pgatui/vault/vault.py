"""Creating, unlocking and keeping a vault: the folder of DESIGN.md, "The vault"."""

from __future__ import annotations

import json
import os
import re
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pgatui.domain.passwords import generate_one_time_password, generate_recovery_code, password_problem
from pgatui.domain.roles import Role, parse_role
from pgatui.domain.text import safe_line
from pgatui.errors import (
    AccessDenied, AuthenticationFailed, PasswordChangeRequired, PasswordPolicyError, PgaError,
    Throttled, UsageError, VaultDamaged, VaultNotFound,
)
from pgatui.vault import audit, cases, crypto, db, keyring, organisations, throttle
from pgatui.vault.files import fsync_dir
from pgatui.vault.lock import LOCK_FILE as VAULT_LOCK_FILE
from pgatui.vault.lock import VaultLock

WRONG_LOGIN = "Onbekende gebruiker of onjuist wachtwoord."
LOGIN_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{1,31}")
DEMO_ACCOUNTS = "demo-accounts.json"
DEFAULT_SCOPE = object()  # add_user: the municipalities the role sees by default

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
        raise UsageError("Een gebruikersnaam is 2 tot 32 tekens: kleine letters, cijfers, punt, streepje of liggend streepje.")
    return login


def _check_password(password: str, login: str) -> None:
    problem = password_problem(password, login=login)
    if problem:
        raise PasswordPolicyError(problem)


def _check_organisation(organisation: str) -> str:
    organisation = safe_line(organisation).strip()
    if not 1 <= len(organisation) <= 80:
        raise UsageError("De organisatie is 1 tot 80 tekens.")
    return organisation


def find_vault(path) -> Path:
    """The vault folder at `path`; VaultNotFound when there is none.

    A folder with data.db but without its keyring is a damaged vault (exit 4), not a missing one.
    """
    folder = Path(path)
    if (folder / keyring.KEYRING).is_file():
        return folder
    if (folder / db.DATA_DB).exists():
        raise VaultDamaged("De sleutelring (keyring.json) ontbreekt; de kluis kan niet worden geopend.")
    raise VaultNotFound(f"Geen kluis gevonden in {folder}.")


# --- creating --------------------------------------------------------------------------------

def create_vault(path, admin_login: str, admin_password: str, organisation: str = "Gemeente",
                 *, demo: bool = False) -> str:
    """Make a new vault folder; returns the one-time recovery code (show it once)."""
    target = Path(path)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise PgaError(f"{target} bestaat al; kies een nieuwe map.")
    login = _check_login(admin_login)
    _check_password(admin_password, login)
    organisation = _check_organisation(organisation)
    staging = target.with_name(f".{target.name}.aanmaken")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(mode=0o700, parents=True)
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
    conn = db.connect(staging / db.DATA_DB, data_key, create=True)
    try:
        db.migrate(conn)
        conn.execute("BEGIN IMMEDIATE")
        audit.ensure_key(conn)
        organisations.migrate_existing(conn, ring["slots"])  # the register starts with the beheerder's organisation
        seq, digest = audit.append(conn, audit.new_event(login, Role.BEHEERDER.value, "vault.create"))
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


# --- unlocking -------------------------------------------------------------------------------

def _authenticate(folder: Path, ring: dict, login: str, secret: str, *, kind: str = "user"):
    """The slot and its opened keys, or AuthenticationFailed / Throttled (and the failure queued)."""
    slot = keyring.find_slot(ring, login)
    if slot is not None and slot["kind"] != kind:
        slot = None
    account = throttle.account_key(login, ring["vault_id"], slot is not None)
    wait = throttle.wait_needed(folder, account)
    if wait > 0:
        raise Throttled(f"Te veel mislukte pogingen; probeer het over {int(wait) + 1} seconden opnieuw.", wait)
    if slot is None:
        keyring.burn_password_time(ring, secret)
        throttle.record_failure(folder, account)
        raise AuthenticationFailed(WRONG_LOGIN)
    try:
        unlocked = keyring.unlock_slot(ring, slot, secret)
    except crypto.DecryptionFailed:
        throttle.record_failure(folder, account)
        raise AuthenticationFailed(WRONG_LOGIN) from None
    if slot["disabled"]:
        throttle.queue_event(folder, {"actor": slot["login"], "action": "login", "result": "disabled"})
        raise AuthenticationFailed("Dit account is uitgeschakeld.")
    throttle.clear_failures(folder, account)
    return slot, unlocked


def _current_key(ring: dict, unlocked: keyring.UnlockedSlot) -> bytes:
    key = unlocked.data_keys.get(ring["generation"])
    if key is None:
        raise AuthenticationFailed("Dit account heeft geen toegang meer tot de huidige sleutel van de kluis.")
    return key


def open_vault(path, login: str, password: str, *, password_change_only: bool = False) -> "OpenVault":
    folder = find_vault(path)
    lock = VaultLock(folder)
    try:
        lock.shared()
        ring = keyring.load(folder)
        slot, unlocked = _authenticate(folder, ring, login, password)
        if slot["must_change_password"] and not password_change_only:
            raise PasswordChangeRequired("U moet eerst uw eenmalige wachtwoord wijzigen.")
        return OpenVault._open(folder, ring, slot, unlocked, lock)
    except BaseException:
        lock.release()
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
                raise PasswordPolicyError("Het nieuwe wachtwoord moet anders zijn dan het huidige.")
            keyring.set_password(ring, slot, unlocked.private_key, new)
            slot["must_change_password"] = False
            keyring.save(folder, ring, data_key)
        # The database stays closed (and byte-for-byte unchanged): the event waits in pending.json.
        throttle.queue_event(folder, {"actor": slot["login"], "action": "password.change", "result": "ok"})
    finally:
        lock.release()


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
        self._data_key = data_key
        self._conn = conn
        self._lock = lock

    @classmethod
    def _open(cls, folder: Path, ring: dict, slot: dict, unlocked: keyring.UnlockedSlot, lock: VaultLock) -> "OpenVault":
        from pgatui.vault import rotation

        ring = rotation.recover_if_interrupted(folder, ring, unlocked, lock)
        data_key = _current_key(ring, unlocked)
        keyring.verify_mac(ring, data_key)
        rotation.remove_leftovers(folder)
        conn = db.connect(folder / db.DATA_DB, data_key)
        try:
            db.migrate(conn)
            vault = cls(folder, ring, slot, data_key, conn, lock)
            vault._migrate_to_register()
            vault._chain_pending_events()
        except db.DatabaseError as exc:
            conn.close()
            raise VaultDamaged(f"Het gegevensbestand (data.db) is beschadigd: {exc}.") from exc
        except BaseException:
            conn.close()
            raise
        return vault

    # connection and transactions

    @property
    def conn(self):
        if self._conn is None:
            raise PgaError("De kluis is vergrendeld.")
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
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # also when COMMIT itself failed (busy, disk full)
                conn.execute("ROLLBACK")
            raise

    def audit(self, action: str, *, object_id: str | None = None, result: str = "ok",
              purpose: str | None = None) -> None:
        """Append an audit event inside the running transaction."""
        if not self.conn.in_transaction:
            raise RuntimeError("audit() belongs inside vault.transaction()")
        audit.append(self.conn, audit.new_event(self.user.login, self.user.role.value, action,
                                                object_id=object_id, result=result, purpose=purpose))

    def audit_refusal(self, action: str, *, object_id: str | None = None, purpose: str | None = None) -> None:
        with self.transaction():
            self.audit(action, object_id=object_id, result="refused", purpose=purpose)

    def _chain_pending_events(self) -> None:
        """Failed logins and password changes waited in pending.json; chain them, then 'login'."""
        with throttle.pending_events(self.path) as events, self.transaction() as conn:
            for queued in events:
                actor = str(queued.get("actor", "onbekend"))
                slot = keyring.find_slot(self._ring, actor)
                role = slot["role"] if slot else "-"
                at = queued.get("at") if isinstance(queued.get("at"), str) else None
                audit.append(conn, audit.new_event(actor, role, str(queued.get("action", "?")),
                                                   result=str(queued.get("result", "?")), at=at))
            self.audit("login")

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
            if not self.conn.in_transaction:
                seq, digest = audit.head(self.conn)
                ring["audit_head"] = {"seq": seq, "hash": digest}
            keyring.save(self.path, ring, self._data_key)
            self._ring = ring

    def compact(self) -> None:
        """Rebuild the full-text index, rewrite the whole database (VACUUM), empty the write-ahead log.

        secure_delete zeroes deleted rows, but two kinds of copies survive it: FTS5 keeps the
        first term of every leaf page of a segment in its %_idx table while any of the segment
        lives on (a destroyed person's name as a page separator), and an index b-tree keeps old
        keys as dividers in interior pages (a date of birth). After a destruction, merging the
        index into one new segment and rewriting every page leaves nothing of the person.
        Runs outside a transaction; seconds for a very large vault.
        """
        with self.transaction() as conn:
            cases.optimize_search_index(conn)
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
            raise AccessDenied("Alleen een beheerder mag dit doen.")

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

        def add(ring: dict) -> None:
            if keyring.find_slot(ring, login):
                raise UsageError(f"De gebruiker {login} bestaat al.")
            slot = keyring.new_slot(
                ring, login, password, kind="user", role=role.value, organisation=found.name,
                must_change_password=True, data_keys={ring["generation"]: self._data_key})
            slot.update(organisation_id=found.id, municipalities=seen)
            ring["slots"].append(slot)

        with self.transaction() as conn:
            found = self._organisation(conn, organisation, role, register)
            seen = self._municipalities(conn, role, found, municipalities)
            self.audit("user.add", object_id=f"user:{login}")
            self._update_ring(add)
        return password

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
            raise UsageError(f"Onbekende organisatie {organisation!r}; voeg haar eerst toe met 'pgatui organisation add'.")
        wanted = KIND_OF_ROLE.get(role)
        if not register and wanted is not None and found.kind is not wanted:
            raise UsageError(f"Een account met rol {role.value} hoort bij een organisatie van soort {wanted.value}.")
        return found

    @staticmethod
    def _municipalities(conn, role: Role, organisation, chosen) -> list[int] | None:
        from pgatui.domain.organisations import default_municipalities

        if chosen is DEFAULT_SCOPE:
            return default_municipalities(role, organisation)
        if chosen is None:
            if role not in (Role.POLITIE, Role.OM):
                raise UsageError("Alleen politie en OM zien alle gemeenten van de kluis.")
            return None
        if role not in (Role.GEMEENTE, Role.POLITIE, Role.OM):
            raise UsageError("Alleen gemeente, politie en OM hebben gemeenten.")
        ids = []
        for item in chosen:
            found = organisations.get(conn, item) if isinstance(item, int) else organisations.by_name(conn, str(item))
            if found is None or not found.is_municipality:
                raise UsageError(f"{item!r} is geen gemeente in het register van deze kluis.")
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
                raise UsageError(f"De organisatie {name} bestaat al.")
            new_id = organisations.insert(conn, name, kind)
            self.audit("organisation.add", object_id=f"organisation:{new_id}")
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
                raise UsageError(f"Onbekende organisatie {organisation!r}.")
            other = organisations.by_name(conn, new_name)
            if other is not None and other.id != found.id:
                raise UsageError(f"De organisatie {new_name} bestaat al.")
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
            raise UsageError("U kunt uw eigen account niet uitschakelen.")

        def disable(ring: dict) -> None:
            slot = keyring.find_slot(ring, login)
            if slot is None or slot["kind"] != "user":
                raise UsageError(f"De gebruiker {login} bestaat niet.")
            slot["disabled"] = True

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

    def backup(self, dest, progress: Progress = None) -> Path:
        from pgatui.vault import backup

        self._require_admin("backup.create")
        return backup.make_backup(self, Path(dest), progress)

    def verify(self) -> VerifyReport:
        report = VerifyReport()
        report.problems += db.integrity_problems(self.conn)
        report.checked.append("database (cipher_integrity_check, integrity_check)")
        try:
            ring = keyring.load(self.path)
            keyring.verify_mac(ring, self._data_key)
        except VaultDamaged as exc:
            report.problems.append(str(exc))
            ring = self._ring
        report.checked.append("sleutelring (controlecode)")
        try:
            report.problems += audit.chain_problems(self.conn, ring.get("audit_head"))
        except db.DatabaseError as exc:
            report.problems.append(f"auditketen: onleesbaar ({exc})")
        report.checked.append("auditketen")
        try:
            with self.transaction():
                self.audit("vault.verify", result="ok" if report.ok else "problems")
        except db.DatabaseError:
            if report.ok:  # a sound database that cannot take an event is itself a finding
                raise
        return report

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
            self._data_key = b""
            self._lock.release()

    def __enter__(self) -> "OpenVault":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
