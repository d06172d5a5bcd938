"""The demo vault is made once per test process (with the tests' cheap argon2 parameters) and
copied for each end-to-end test: made with the production parameters it costs about 30 s of CPU
(eight accounts), which the tests spent once each (the two of `test_admin_tui` made their own in a
subprocess: 32 core-seconds and 80-110 s each on a loaded machine). The scripts still start the
program as `pgatui demo DIR` (the README's path) or `pgatui DIR` on the copy."""

from __future__ import annotations

import pytest

from helpers import cheap_kdf, copy_vault


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    from pgatui.services.demo import ensure_demo_vault

    with cheap_kdf():
        return ensure_demo_vault(tmp_path_factory.mktemp("demo-template") / "demo.pgavault")


@pytest.fixture
def demo_vault(demo_template, tmp_path):
    """This test's own copy of the demo vault, as `pgatui demo DIR` would have made it."""
    return copy_vault(demo_template, tmp_path / "demo.pgavault")


def pytest_collection_modifyitems(items):
    """Every test here drives the real program in a terminal: marked `terminal`, so `./dev test`
    runs them one at a time, in a process of their own beside the parallel part (several programs
    typed at in tmux at once only compete for the cores). Each step waits for what it expects on
    the screen, never for a time: a busy machine makes them slower, not red (issue 13, item 8)."""
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.terminal)
