"""Suite-wide fixtures: no test may reach the network."""

from __future__ import annotations

import os
import socket
import tempfile

import pytest


MEMORY_FOLDER = "/dev/shm"
MEMORY_FOLDER_FREE_BYTES = 4 << 30  # a container's small /dev/shm (Docker: 64 MB) is not used


def _temporary_files_in_memory() -> None:
    """Test vaults go to a memory file system where one is large enough: every vault commit
    fsyncs (synchronous = FULL), which costs 3-10 ms on a disk and nothing in memory; the suite's
    service tests run about 3x faster. The code under test is the same; a power cut, the one
    thing fsync guards against, is not something a test can stage anyway."""
    if os.environ.get("TMPDIR") or not os.path.isdir(MEMORY_FOLDER) or not os.access(MEMORY_FOLDER, os.W_OK):
        return
    folder = os.statvfs(MEMORY_FOLDER)
    if folder.f_bavail * folder.f_frsize >= MEMORY_FOLDER_FREE_BYTES:
        os.environ["TMPDIR"] = MEMORY_FOLDER  # inherited by xdist workers and every subprocess
        tempfile.tempdir = None  # forget a temporary folder chosen before


IDLE_STEP_SECONDS = 0.005


def _shorter_idle_steps() -> None:
    """Pilot, after every key and click, waits until the app is idle: it sleeps in steps of 20 ms
    until a step used next to no CPU time. Most of a TUI test's wall time was these sleeps
    (tests/tui/test_safe.py: 41 of 68 s, while a core stood still). Steps of 5 ms make the same
    check (one step without work) in a quarter of the time. The tests still wait for what they
    need by events (tests/tui/pilot.py: settle, wait_for), never for this heuristic alone."""
    from textual import _wait

    _wait.SLEEP_GRANULARITY = IDLE_STEP_SECONDS
    _wait.SLEEP_IDLE = IDLE_STEP_SECONDS / 20  # the same share of the step as Textual's own


def _css_parsed_once_per_process() -> None:
    """Each App parses its stylesheet and every widget's default CSS again (a Stylesheet caches
    only its own parses): 0.2-0.3 s of each of the suite's several hundred app starts, the same
    text with the same theme each time. The parsed rules are shared between the apps of one test
    process, keyed by everything the parse reads (the text, where from, its place, the theme's
    variables). The program itself starts one app and is not changed."""
    from textual.css.stylesheet import Stylesheet

    parse_once = Stylesheet._parse_rules
    parsed: dict = {}

    def parse_shared(self, css, read_from, is_default_rules=False, tie_breaker=0, scope=""):
        key = (css, read_from, is_default_rules, tie_breaker, scope, tuple(sorted(self._variables.items())))
        if key not in parsed:
            parsed[key] = parse_once(self, css, read_from, is_default_rules, tie_breaker, scope)
        return parsed[key]

    Stylesheet._parse_rules = parse_shared


def pytest_configure(config):
    """Module-scoped fixtures open vaults before any function fixture runs: their per-OS-user
    witness files (platformdirs' user state dir) go to a temporary folder too, never the home
    of whoever runs the suite."""
    _temporary_files_in_memory()
    _shorter_idle_steps()
    _css_parsed_once_per_process()
    os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="pgatui-test-state-")


class _NoNetwork(socket.socket):
    def connect(self, address):  # noqa: D401 - refuse every outward connection
        if self.family == socket.AF_UNIX:
            return super().connect(address)
        raise OSError("tests may not use the network")

    def connect_ex(self, address):
        if self.family == socket.AF_UNIX:
            return super().connect_ex(address)
        raise OSError("tests may not use the network")


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    monkeypatch.setattr(socket, "socket", _NoNetwork)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: (_ for _ in ()).throw(OSError("tests may not use the network")))


@pytest.fixture(autouse=True)
def own_state_dir(tmp_path_factory, monkeypatch):
    """The per-OS-user witness files (platformdirs' user state dir) go to a fresh folder per
    test, also for the subprocesses a test starts: never the real home of whoever runs the suite."""
    state = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    return state


@pytest.fixture(autouse=True)
def fast_kdf():
    """New slots use cheap argon2 parameters in tests (stored per slot, so unlocking is cheap too)."""
    from pgatui.vault import crypto

    crypto.use_kdf_for_new_slots(crypto.FAST_KDF_FOR_TESTS)
    yield
    crypto.use_kdf_for_new_slots(crypto.STRONG_KDF)


@pytest.fixture(scope="session")
def vault_template(tmp_path_factory):
    """The vault of `vault_path`, made once per test process: making it (keyring, every migration,
    the canary rows) cost 0.2-0.3 core-seconds, and several hundred tests start from it."""
    from helpers import ADMIN, ADMIN_PW, CANARY, cheap_kdf
    from pgatui.vault import create_vault, open_vault

    path = tmp_path_factory.mktemp("vault-template") / "regio.pgavault"
    with cheap_kdf():
        create_vault(path, ADMIN, ADMIN_PW, "Gemeente Test")
    with open_vault(path, ADMIN, ADMIN_PW) as vault, vault.transaction() as conn:
        conn.execute("CREATE TABLE canary(id INTEGER PRIMARY KEY, text TEXT)")
        conn.executemany("INSERT INTO canary(text) VALUES (?)", [(f"{CANARY}-{i}",) for i in range(200)])
    return path


@pytest.fixture
def vault_path(vault_template, tmp_path):
    """A fresh vault with 200 canary rows, administrator anna: this test's own copy of the template
    (no witness of it exists yet in the test's own state folder, as for a vault made elsewhere)."""
    from helpers import copy_vault

    return copy_vault(vault_template, tmp_path / "regio.pgavault")


@pytest.fixture(autouse=True)
def notices_kept(monkeypatch):
    """Every notice an app shows is kept on the app (`pilot.notices`): a toast leaves the screen by
    the wall clock, so on a loaded machine it may be gone before a test looks for it."""
    from textual.app import App

    notify = App.notify

    def keep(self, message, *args, **kwargs):
        self.__dict__.setdefault("shown_notices", []).append(str(message))
        return notify(self, message, *args, **kwargs)

    monkeypatch.setattr(App, "notify", keep)
