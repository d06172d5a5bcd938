"""Who holds the vault: a shared lock per open session, an exclusive one for rotation/restore."""

from __future__ import annotations

import fcntl
from pathlib import Path

from pgatui.errors import VaultBusy

LOCK_FILE = ".vault.lock"
BUSY = "De kluis is in gebruik door een ander proces (bijvoorbeeld een sleutelwissel of herstel). Probeer het later opnieuw."


class VaultLock:
    def __init__(self, folder: Path) -> None:
        self._handle = open(folder / LOCK_FILE, "a+")

    def shared(self) -> None:
        self._take(fcntl.LOCK_SH)

    def exclusive(self) -> None:
        """Only when no other process has the vault open; VaultBusy otherwise."""
        self._take(fcntl.LOCK_EX)

    def _take(self, mode: int) -> None:
        try:
            fcntl.flock(self._handle, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            raise VaultBusy(BUSY) from None

    def release(self) -> None:
        if not self._handle.closed:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
