"""Issue 17, bullet 7: throttling per normalised login and across processes."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import subprocess
import sys

import pytest

from helpers import ADMIN, ADMIN_PW
from pgatui import clock
from pgatui.errors import AuthenticationFailed, Throttled
from pgatui.vault import open_vault, throttle
from pgatui.vault.files import exclusive_lock

PARALLEL = 24


def test_spellings_of_one_login_share_one_counter(vault_path):
    clock.freeze(clock.utcnow())
    try:
        for spelling in (ADMIN, f" {ADMIN.upper()} ", f"\t{ADMIN.capitalize()}"):
            with pytest.raises(AuthenticationFailed) as failed:
                open_vault(vault_path, spelling, "verkeerd-wachtwoord")
            assert not isinstance(failed.value, Throttled)
        with pytest.raises(Throttled):
            open_vault(vault_path, f"  {ADMIN}", ADMIN_PW)
        clock.freeze(clock.utcnow() + dt.timedelta(seconds=5))
        open_vault(vault_path, ADMIN, ADMIN_PW).close()
    finally:
        clock.freeze(None)


def _waiters_on(lock_file) -> int:
    """How many processes the kernel reports as blocked on the flock of `lock_file`."""
    inode = os.stat(lock_file).st_ino
    with open("/proc/locks") as locks:
        return sum(1 for line in locks if "->" in line and line.split()[6].endswith(f":{inode}"))


@pytest.mark.skipif(not os.path.exists("/proc/locks"), reason="needs Linux /proc/locks")
def test_parallel_wrong_passwords_are_throttled(vault_path):
    lock_file = vault_path / throttle.PENDING_LOCK
    with exclusive_lock(lock_file):  # every attempt queues here; they run the moment it is let go
        attempts = [subprocess.Popen([sys.executable, "-m", "pgatui", "user", "list", str(vault_path), "--as", ADMIN,
                                      "--password-stdin"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True) for _ in range(PARALLEL)]
        for attempt in attempts:
            attempt.stdin.write("verkeerd-wachtwoord\n")
            attempt.stdin.close()
        while _waiters_on(lock_file) < PARALLEL:  # an event reported by the kernel; the wait is a poll interval
            assert all(a.poll() is None for a in attempts), [a.stderr.read() for a in attempts if a.poll() is not None]
            with contextlib.suppress(subprocess.TimeoutExpired):
                attempts[0].wait(timeout=0.05)
    for attempt in attempts:
        attempt.wait(timeout=300)
    errors = [attempt.stderr.read() for attempt in attempts]
    assert all(a.returncode == 3 for a in attempts), errors
    throttled = sum("Te veel mislukte pogingen" in e for e in errors)
    assert throttled >= PARALLEL - 6, errors  # 3 free attempts, then everyone waits its turn
