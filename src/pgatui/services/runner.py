"""One thread owns the vault connection; everyone else hands it work.

sqlcipher3 refuses a connection from another thread than the one that made it, and Textual
workers run on many threads. So the TUI opens the vault and calls every service through a
`VaultThread`: a single-worker executor that keeps the open vault. Futures come back; the TUI
awaits them with asyncio.wrap_future, so the screen never freezes on argon2 or SQL.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any


class VaultThread:
    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pgatui-vault")
        self._vault = None

    @property
    def is_open(self) -> bool:
        return self._vault is not None

    def open(self, opener: Callable[[], Any]) -> Future:
        """Run `opener()` (e.g. open_vault(...)) on the vault thread and keep what it returns."""

        def run():
            self._close_current()
            self._vault = opener()
            return self._vault

        return self._executor.submit(run)

    def call(self, function: Callable[..., Any], *args, **kwargs) -> Future:
        """Run `function(vault, *args, **kwargs)` on the vault thread."""

        def run():
            if self._vault is None:
                raise RuntimeError("the vault is locked")
            return function(self._vault, *args, **kwargs)

        return self._executor.submit(run)

    def run(self, function: Callable[..., Any], *args, **kwargs) -> Future:
        """Run work that needs no open vault (e.g. a password change) on the same thread."""
        return self._executor.submit(function, *args, **kwargs)

    def close(self) -> Future:
        """Close the vault (connection closed, key dropped); the thread stays for a new unlock."""
        return self._executor.submit(self._close_current)

    def _close_current(self) -> None:
        vault, self._vault = self._vault, None
        if vault is not None:
            vault.close()

    def shutdown(self) -> None:
        self.close().result()
        self._executor.shutdown(wait=True)
