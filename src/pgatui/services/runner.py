"""One thread owns the vault connection; everyone else hands it work.

sqlcipher3 refuses a connection from another thread than the one that made it, and Textual
workers run on many threads. So the TUI opens the vault and calls every service through a
`VaultThread`: a single-worker executor that keeps the open vault. Futures come back; the TUI
awaits them with `asyncio.wrap_future`, so the screen never freezes on argon2 or SQL.

Work runs in the order it was handed in, so `close()` after a `call()` closes the vault only
when that call is done, and a call handed in after `close()` finds the vault locked.
No Textual here: the runner is tested without a terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


class VaultLocked(RuntimeError):
    """A call reached the vault thread while no vault was open (locked, or never unlocked)."""


class VaultThread:
    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pgatui-vault")
        self._vault: Any = None

    @property
    def is_open(self) -> bool:
        return self._vault is not None

    def open(self, opener: Callable[[], T]) -> Future[T]:
        """Run `opener()` (e.g. `lambda: open_vault(...)`) on the vault thread and keep its result.

        A vault that was still open is closed first, so there is never more than one.
        When the opener raises, no vault is kept and the future carries the error.
        """

        def run() -> T:
            self._close_current()
            self._vault = opener()
            return self._vault

        return self._executor.submit(run)

    def call(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        """Run `function(vault, *args, **kwargs)` on the vault thread; VaultLocked if none is open."""

        def run() -> T:
            if self._vault is None:
                raise VaultLocked("the vault is locked")
            return function(self._vault, *args, **kwargs)

        return self._executor.submit(run)

    def run(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        """Run work that needs no open vault (a password change on the keyring) on the same thread,
        so it never races an open or a close."""
        return self._executor.submit(function, *args, **kwargs)

    def close(self) -> Future[None]:
        """Close the vault (connection closed, keys dropped) and forget it; the thread stays for
        the next unlock. Closing a closed runner is harmless."""
        return self._executor.submit(self._close_current)

    def _close_current(self) -> None:
        # Drop our reference before closing, so even a failing close leaves nothing behind.
        vault, self._vault = self._vault, None
        if vault is not None:
            vault.close()

    def shutdown(self) -> None:
        """Close the vault and stop the thread (when the app exits); later calls raise RuntimeError."""
        try:
            self.close().result()
        except RuntimeError:  # already shut down
            pass
        finally:
            self._executor.shutdown(wait=True)
