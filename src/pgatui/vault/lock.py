"""Who holds the vault: a shared lock per open session, an exclusive one for rotation/restore."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from pgatui.errors import VaultBusy

LOCK_FILE = ".vault.lock"
BUSY = "vault.busy"


class VaultLock:
    """flock on `.vault.lock`: released by the kernel when the process dies, so kill -9 never
    leaves a stale lock behind."""

    def __init__(self, folder: Path) -> None:
        fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        self._handle = open(fd, "a+")  # noqa: SIM115 - lives as long as the session
        self._mode = fcntl.LOCK_UN

    def shared(self) -> None:
        self._take(fcntl.LOCK_SH)

    def exclusive(self) -> None:
        """Only when no other process has the vault open; VaultBusy otherwise.

        Linux converts a flock by dropping the old lock first, so a refused upgrade would leave
        this session holding nothing: then take the shared lock back before reporting busy.
        """
        held = self._mode
        try:
            self._take(fcntl.LOCK_EX)
        except VaultBusy:
            if held == fcntl.LOCK_SH:
                self._take(fcntl.LOCK_SH)
            raise

    @property
    def held(self) -> str:
        return {fcntl.LOCK_SH: "shared", fcntl.LOCK_EX: "exclusive"}.get(self._mode, "none")

    def _take(self, mode: int) -> None:
        try:
            fcntl.flock(self._handle, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            self._mode = fcntl.LOCK_UN
            raise VaultBusy(BUSY) from None
        self._mode = mode

    def release(self) -> None:
        if not self._handle.closed:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
        self._mode = fcntl.LOCK_UN
