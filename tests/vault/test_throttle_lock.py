"""Failed-login throttling (pending.json) and the vault lock."""

from __future__ import annotations

import datetime as dt
import json
import threading

import pytest

from helpers import ADMIN, ADMIN_PW
from pgatui import clock
from pgatui.errors import AuthenticationFailed, Throttled, VaultBusy
from pgatui.vault import open_vault, throttle
from pgatui.vault.lock import VaultLock


def test_delay_grows_and_is_capped():
    assert [throttle.delay_after(n) for n in range(10)] == [0, 0, 0, 1, 2, 4, 8, 16, 32, 60]
    assert throttle.delay_after(1000) == 60


def test_failed_logins_are_throttled_and_chained_at_the_next_unlock(vault_path):
    start = clock.utcnow()
    clock.freeze(start)
    try:
        for _ in range(3):
            with pytest.raises(AuthenticationFailed):
                open_vault(vault_path, ADMIN, "verkeerd-wachtwoord")
        with pytest.raises(Throttled) as throttled:
            open_vault(vault_path, ADMIN, ADMIN_PW)  # even the right password waits
        assert throttled.value.retry_after == 1
        clock.freeze(start + dt.timedelta(seconds=throttled.value.retry_after + 1))
        with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
            failed = vault.conn.execute(
                "SELECT count(*) FROM audit_log WHERE action='login' AND result='failed'").fetchone()[0]
        assert failed == 3
        pending = json.loads((vault_path / throttle.PENDING).read_text())
        assert pending["events"] == [] and ADMIN not in pending.get("failures", {})
    finally:
        clock.freeze(None)


def test_unknown_names_are_throttled_too_but_never_stored(vault_path):
    typed = "Wachtwoord-In-Het-Naamveld-77"  # a password typed into the name field by mistake
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            open_vault(vault_path, typed, "Fout-Geheim-Wachtwoord-91")
    with pytest.raises(Throttled):
        open_vault(vault_path, typed, "Fout-Geheim-Wachtwoord-91")
    for path in vault_path.iterdir():
        if path.is_file():
            assert typed.encode() not in path.read_bytes() and b"Fout-Geheim-Wachtwoord-91" not in path.read_bytes()


def test_concurrent_failures_are_all_counted(tmp_path):
    def fail_five():
        for _ in range(5):
            throttle.record_failure(tmp_path, "anna")

    threads = [threading.Thread(target=fail_five) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    data = json.loads((tmp_path / throttle.PENDING).read_text())
    assert data["failures"]["anna"]["count"] == 30 and len(data["events"]) == 30


def test_shared_sessions_coexist_and_exclusive_is_refused_without_losing_the_shared_lock(tmp_path):
    first, second, third = VaultLock(tmp_path), VaultLock(tmp_path), VaultLock(tmp_path)
    try:
        first.shared()
        second.shared()
        with pytest.raises(VaultBusy):
            second.exclusive()
        assert second.held == "shared"
        first.release()
        with pytest.raises(VaultBusy):
            third.exclusive()  # second still holds its shared lock
        second.release()
        third.exclusive()
        with pytest.raises(VaultBusy):
            VaultLock(tmp_path).shared()
    finally:
        for lock in (first, second, third):
            lock.release()
