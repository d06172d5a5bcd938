"""Administration (issue 15): users, key rotation, verification and backups.

One function per action of the administration screens. Every action that changes something asks
the administrator's password again (`fresh`): a screen left unlocked at a workstation must not be
enough to add a user or hand out a key. Everything is authorised with `domain.access`, refused
and audited (ids only: `user:<login>`, `backup:<id>`, `generation:<n>`), and runs on the vault
thread; a long action reports progress through a callback the TUI hands to its worker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pgatui import clock
from pgatui.domain.access import Permission
from pgatui.domain.roles import Role, parse_role
from pgatui.messages import Finding
from pgatui.errors import AuthenticationFailed, PgaError, UsageError, WrongLogin
from pgatui.services.session import Session
from pgatui.vault import organisations, users, witness
from pgatui.vault import oversight as repo
from pgatui.vault.backup_check import BackupCheck, check_backup
from pgatui.vault.vault import DEFAULT_SCOPE

WRONG_ADMIN_PASSWORD = "Uw wachtwoord klopt niet; er is niets veranderd."
# progress(stage, fraction): stage "export", "verify" or "swap" (rotation), "copy"/"pack"/"done"
# (backup); fraction from 0.0 to 1.0. Called on the vault thread: the TUI posts it to the screen.
Progress = Callable[[str, float], None] | None
ROTATION_STAGES = {1: ("export", 0.2), 2: ("verify", 0.5), 3: ("swap", 0.7), 4: ("swap", 0.9), 5: ("swap", 1.0)}
BACKUP_STAGES = {1: ("copy", 0.4), 2: ("pack", 0.8), 3: ("done", 1.0)}
ALL_MUNICIPALITIES = object()  # add_user / change_account: politie or OM seeing every municipality


@dataclass(frozen=True)
class UserRow:
    login: str
    role: Role
    organisation: str
    organisation_id: int | None
    municipalities: tuple[str, ...] | None  # names; None: all municipalities of the vault
    last_login: str | None  # ISO time of the last successful login, None: never
    disabled: bool
    must_change_password: bool


@dataclass(frozen=True)
class RotationResult:
    generation: int
    verified: bool
    problems: tuple[str, ...]


@dataclass(frozen=True)
class BackupRow:
    id: int
    path: str
    created_at: str
    generation: int
    size: int
    present: bool  # the file is still where it was written


def fresh(session: Session, permission: Permission, password: str, *, object_id: str | None = None) -> None:
    """Authorise `permission` and check the acting administrator's password again; a wrong
    password is refused and audited like a missing permission (its own throttling applies)."""
    session.authorize(permission, object_id=object_id)
    try:
        session.vault.confirm_colleague(session.user.login, password)
    except AuthenticationFailed as exc:
        session.vault.audit_refusal(permission.value, object_id=object_id)
        raise AuthenticationFailed(str(exc) if str(exc).startswith("Te veel") else WRONG_ADMIN_PASSWORD) from None


# --- users ---------------------------------------------------------------------------------------

def list_users(session: Session) -> list[UserRow]:
    session.authorize(Permission.USER_MANAGE)
    vault = session.vault
    found = vault.list_users()
    with vault.transaction() as conn:
        names = {o.id: o.name for o in organisations.all_organisations(conn)}
        rows = [UserRow(u.login, u.role, u.organisation, u.organisation_id,
                        None if u.municipalities is None else tuple(names.get(m, str(m)) for m in u.municipalities),
                        repo.last_login(conn, u.login), u.disabled, u.must_change_password) for u in found]
        vault.audit("user.list")
    return rows


def add_user(session: Session, admin_password: str, login: str, role: str | Role, organisation_id: int,
             municipalities: list[int] | None | object = None) -> str:
    """A new account; returns its one-time password (shown once). `municipalities`: ids; None
    (or left out) gives the role's default; ALL_MUNICIPALITIES for politie and OM seeing all."""
    fresh(session, Permission.USER_MANAGE, admin_password, object_id=f"user:{login.strip().lower()}")
    scope = {} if municipalities is None else {"municipalities": None if municipalities is ALL_MUNICIPALITIES
                                                 else list(municipalities)}
    return session.vault.add_user(login, role, organisation_id, register=False, **scope)


def disable_user(session: Session, admin_password: str, login: str) -> bool:
    """Refuse the user's logins from now on; True: a key rotation is due (their copy of the key
    still opens old copies of the database until the next rotation)."""
    fresh(session, Permission.USER_MANAGE, admin_password, object_id=f"user:{login.strip().lower()}")
    session.vault.disable_user(login)
    return True


def enable_user(session: Session, admin_password: str, login: str) -> None:
    fresh(session, Permission.USER_MANAGE, admin_password, object_id=f"user:{login.strip().lower()}")
    users.enable_user(session.vault, login)


def reset_password(session: Session, admin_password: str, login: str) -> str:
    """A new one-time password for `login`; returns it (shown once)."""
    fresh(session, Permission.USER_MANAGE, admin_password, object_id=f"user:{login.strip().lower()}")
    return users.reset_password(session.vault, login)


def change_account(session: Session, admin_password: str, login: str, *, role: str | Role, organisation_id: int,
                   municipalities: list[int] | None | object = None) -> bool:
    """Role, organisation and municipalities at once (the screen shows all three); `municipalities`
    as for add_user (None: the role's default, ALL_MUNICIPALITIES: all, for politie and OM)."""
    role = role if isinstance(role, Role) else parse_role(role)
    fresh(session, Permission.USER_MANAGE, admin_password, object_id=f"user:{login.strip().lower()}")
    vault = session.vault
    organisation = vault._organisation(vault.conn, organisation_id, role, register=False)
    chosen = DEFAULT_SCOPE if municipalities is None else (None if municipalities is ALL_MUNICIPALITIES
                                                           else list(municipalities))
    seen = vault._municipalities(vault.conn, role, organisation, chosen)
    users.change_account(vault, login, role=role, organisation_id=organisation.id, municipalities=seen)
    return True


def list_organisations(session: Session) -> list:
    """The register (names and kinds, no case content): what the user form offers."""
    session.authorize(Permission.USER_MANAGE)
    return session.vault.list_organisations()


# --- key rotation and verification ---------------------------------------------------------------

def rotate_key(session: Session, admin_password: str, progress: Progress = None) -> RotationResult:
    """Export, verify, swap (vault.rotation) with progress per stage; then verify the vault.
    VaultBusy ("Kluis bezet: sleutelrotatie") while another session has the vault open."""
    fresh(session, Permission.KEY_ROTATE, admin_password)
    report = progress or (lambda stage, fraction: None)
    report("export", 0.0)
    session.vault.rotate_key(progress=lambda done, total: report(*ROTATION_STAGES.get(done, ("swap", done / total))))
    checked = session.vault.verify()
    return RotationResult(session.vault.generation, checked.ok, tuple(checked.problems))


def verify_vault(session: Session, progress: Progress = None) -> RotationResult:
    """Database, keyring and audit chain (read-only; audited as vault.verify)."""
    session.authorize(Permission.KEY_ROTATE)
    report = progress or (lambda stage, fraction: None)
    report("verify", 0.0)
    checked = session.vault.verify()
    report("verify", 1.0)
    return RotationResult(session.vault.generation, checked.ok, tuple(checked.problems))


# --- backups -------------------------------------------------------------------------------------

def make_backup(session: Session, admin_password: str, dest: str | Path, progress: Progress = None) -> BackupRow:
    """A backup to a new file `dest`, entered in the register of this vault's backups."""
    fresh(session, Permission.BACKUP_MAKE, admin_password)
    target = Path(dest).expanduser()
    if not target.parent.is_dir():
        raise UsageError("export.no_folder")
    report = progress or (lambda stage, fraction: None)
    vault = session.vault
    written = vault.backup(target, progress=lambda done, total: report(*BACKUP_STAGES.get(done, ("copy", done / total))))
    created = clock.utcnow().isoformat(timespec="seconds")
    size = written.stat().st_size
    with vault.transaction() as conn:
        new_id = repo.add_backup(conn, str(written.resolve()), created, vault.generation, size, session.user.login)
        vault.audit("backup.register", object_id=f"backup:{new_id}")
    return BackupRow(new_id, str(written.resolve()), created, vault.generation, size, True)


def list_backups(session: Session) -> list[BackupRow]:
    session.authorize(Permission.BACKUP_MAKE)
    with session.vault.transaction() as conn:
        rows = repo.backups(conn)
        session.vault.audit("backup.list")
    return [BackupRow(*row, Path(row[1]).is_file()) for row in rows]


def verify_backup(session: Session, admin_password: str, path: str | Path) -> BackupCheck:
    """Check a backup without restoring it: structure and hashes, and with the password valid
    when it was made, the database, keyring and audit chain inside it. Audited (`backup:<id>`
    when it is in the register)."""
    fresh(session, Permission.BACKUP_MAKE, admin_password)
    target = Path(path).expanduser()
    try:
        found = check_backup(target, session.user.login, admin_password)
    except PgaError:
        _audit_backup(session, "backup.verify", target, "problems")
        raise
    if found.vault_id and found.vault_id != session.vault.vault_id:
        found.problems.append(Finding("finding.other_vault"))
    _audit_backup(session, "backup.verify", target, "ok" if found.ok else "problems")
    return found


def restore_backup(session: Session, admin_password: str, path: str | Path, target: str | Path,
                   backup_password: str | None = None) -> list[tuple[str, str]]:
    """Restore a backup into a NEW folder (never over a vault); returns (login, role) of the
    accounts the restored vault knows. `backup_password`: the administrator's password as it was
    when the backup was made, if it changed since."""
    from pgatui.vault.backup import backup_accounts
    from pgatui.vault.backup import restore_backup as restore

    fresh(session, Permission.BACKUP_MAKE, admin_password)
    source, folder = Path(path).expanduser(), Path(target).expanduser()
    if folder.exists():
        raise UsageError("restore.target_exists", path=folder)
    live_witness = witness.load(session.vault.vault_id)
    try:
        restore(source, folder, session.user.login, backup_password or admin_password)
    except WrongLogin:
        # The password (or this account) in the backup's keyring is not today's: the screen asks
        # for the password as it was when the backup was made, and tries again with it.
        _audit_backup(session, "backup.restore_copy", source, "failed")
        raise AuthenticationFailed("backup.old_password_needed", login=session.user.login) from None
    except PgaError:
        _audit_backup(session, "backup.restore_copy", source, "failed")
        raise
    finally:
        witness.put_back(session.vault.vault_id, live_witness)  # the copy shares the vault id
    _audit_backup(session, "backup.restore_copy", source, "ok")
    return backup_accounts(folder)


def _audit_backup(session: Session, action: str, path: Path, result: str) -> None:
    with session.vault.transaction() as conn:
        found = repo.backup_id(conn, str(path.resolve()))
        session.vault.audit(action, object_id=f"backup:{found}" if found else None, result=result)
