"""Issue 17, bullet 6: no core file with keys in it, and keys wiped when the vault closes."""

from __future__ import annotations

import fcntl
import os
import pty
import resource
import select
import signal
import subprocess
import sys
import termios

import pytest

from helpers import ADMIN, ADMIN_PW
from pgatui.vault import open_vault


def _unlimited_core_and_own_terminal() -> None:
    """In the child: what `ulimit -c unlimited` in a terminal gives, and the pty as its terminal."""
    _, hard = resource.getrlimit(resource.RLIMIT_CORE)
    resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))  # as high as this environment allows
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def _read_until(fd: int, marker: bytes) -> bytes:
    seen = b""
    while marker not in seen:
        ready, _, _ = select.select([fd], [], [], 120)
        assert ready, f"no {marker!r} from pgatui: {seen!r}"
        seen += os.read(fd, 1024)
    return seen


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="core limits and prctl are Linux")
def test_a_crashing_pgatui_leaves_no_core_file(vault_path, tmp_path):
    work = tmp_path / "werkmap"
    work.mkdir()
    primary, secondary = pty.openpty()
    child = subprocess.Popen([sys.executable, "-m", "pgatui", "verify", str(vault_path), "--as", ADMIN],
                             stdin=secondary, stdout=secondary, stderr=secondary, cwd=work,
                             preexec_fn=_unlimited_core_and_own_terminal)
    os.close(secondary)
    try:
        _read_until(primary, b"Wachtwoord")  # running, asking for the password: hardened by now
        with open(f"/proc/{child.pid}/limits") as limits:
            core = next(line for line in limits if line.startswith("Max core file size")).split()
        assert core[4:6] == ["0", "0"]  # soft and hard: nothing can raise it again
        os.kill(child.pid, signal.SIGSEGV)
        assert child.wait(timeout=120) == -signal.SIGSEGV
    finally:
        if child.poll() is None:
            child.kill()
        os.close(primary)
    assert not [p.name for p in work.iterdir()], "a core file was written"
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith("core")]


def test_closing_the_vault_wipes_the_data_key_in_place(vault_path):
    vault = open_vault(vault_path, ADMIN, ADMIN_PW)
    key = vault._data_key
    assert len(key) == 32 and any(key)
    vault.close()
    assert isinstance(key, bytearray) and not any(key)


def test_sqlcipher_wipes_its_memory(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        assert vault.conn.execute("PRAGMA cipher_memory_security").fetchone()[0] in (1, "1")
