"""Durable file writes: a crash leaves either the old or the new file, never half of one."""

from __future__ import annotations

import fcntl
import json
import os
import re
import secrets
import shutil
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pgatui.errors import PgaError


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


# Every file pgatui writes outside the database is created by this module: a fresh name nobody
# could plant in advance (random part), O_EXCL | O_NOFOLLOW (a symlink or file already there is
# an error, never followed or overwritten), owner-only, and fsynced with its folder.
_CREATE_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


def unplantable_name(path: Path, purpose: str) -> Path:
    """A hidden sibling of `path` for a temporary file or staging folder: `.NAME.<random>.PURPOSE`."""
    return path.with_name(f".{path.name}.{secrets.token_hex(8)}.{purpose}")


def create_private_file(path: Path) -> int:
    """A new owner-only file (0600) opened for writing; FileExistsError for anything already there."""
    fd = os.open(path, _CREATE_NEW, 0o600)
    os.fchmod(fd, 0o600)  # whatever the umask
    return fd


def make_private_dir(path: Path) -> Path:
    """A new owner-only folder (0700); an existing folder or symlink there is refused, not reused."""
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        raise PgaError("file.folder_exists", path=path) from None
    os.chmod(path, 0o700, follow_symlinks=False)
    return path


def remove_own_dir(path: Path) -> None:
    """Remove a staging folder this process made itself (never one it found)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)


def remove_stale(path: Path, purpose: str, members: tuple[str, ...] = ()) -> None:
    """Remove what an interrupted run of pgatui left beside `path` under `purpose`, and only that.

    Ours is: a name `unplantable_name` makes, owned by this user, not a symlink, and for a
    folder nothing inside but regular files named `members` (or their temporary names).
    Anything else at such a name stays where it is.
    """
    own_name = re.compile(rf"\.{re.escape(path.name)}\.[0-9a-f]{{16}}\.{re.escape(purpose)}")
    for entry in path.parent.iterdir() if path.parent.is_dir() else ():
        if not own_name.fullmatch(entry.name):
            continue
        info = entry.lstat()
        if info.st_uid != os.getuid():
            continue
        if stat.S_ISREG(info.st_mode):
            entry.unlink(missing_ok=True)
        elif stat.S_ISDIR(info.st_mode) and all(_left_by_us(child, members) for child in entry.iterdir()):
            shutil.rmtree(entry, ignore_errors=True)


def _left_by_us(child: Path, members: tuple[str, ...]) -> bool:
    base = re.sub(r"^\.(.*)\.[0-9a-f]{16}\.tmp$", r"\1", child.name)
    base = re.sub(r"-(journal|wal|shm)$", "", base)
    return base in members and stat.S_ISREG(child.lstat().st_mode)


def _write_temp(path: Path, data: bytes) -> Path:
    tmp = unplantable_name(path, "tmp")
    try:
        with open(create_private_file(tmp), "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def write_atomic(path: Path, data: bytes) -> None:
    """tmp + fsync + rename + fsync(dir). Owner-only: the folder may sit on a shared drive."""
    tmp = _write_temp(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def publish_new(tmp: Path, path: Path) -> None:
    """Give the finished file `tmp` its final name `path`, never replacing anything there.

    A hard link fails when `path` exists (also as a symlink); file systems without hard links
    (some network shares) fall back to a rename after a check.
    """
    try:
        os.link(tmp, path, follow_symlinks=False)
    except FileExistsError:
        tmp.unlink(missing_ok=True)
        raise PgaError("file.exists", path=path) from None
    except OSError:
        if os.path.lexists(path):
            tmp.unlink(missing_ok=True)
            raise PgaError("file.exists", path=path) from None
        os.replace(tmp, path)
    else:
        tmp.unlink()
    fsync_dir(path.parent)


def write_new_file(path: Path, data: bytes) -> None:
    """Write a whole new file at `path` (owner-only, durable); an existing file is never touched."""
    publish_new(_write_temp(path, data), path)


class TooLarge(ValueError):
    """A file is larger than pgatui ever writes it: not read further."""


def read_bounded(path: Path, limit: int) -> bytes:
    """At most `limit` bytes of `path`; TooLarge beyond (also for /dev/zero or a pipe)."""
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(f"{path} is groter dan {limit} bytes")
    return data


def canonical_json(value) -> bytes:
    """One byte string per value: what MACs and the audit chain are computed over."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def write_json_atomic(path: Path, value) -> None:
    write_atomic(path, json.dumps(value, indent=1, sort_keys=True).encode("utf-8") + b"\n")


@contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """Serialise a read-modify-write of a small file between processes (blocking flock).

    Each call opens its own file description, so two nested calls on the same path in one
    process would deadlock: every lock file has one owner (see keyring.locked, throttle).
    """
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0), 0o600)
    with open(fd, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
