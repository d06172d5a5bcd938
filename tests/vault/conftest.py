"""Vault test fixtures: a folder made read-only for real (chmod, or chattr +i when root)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


@pytest.fixture
def make_read_only() -> Iterator[Callable[[Path], None]]:
    """Call it with a folder to make it read-only; undone at teardown.

    Root ignores permission bits, so as root the folder gets the immutable attribute instead
    (no entry can be created, renamed or removed in it; existing files stay writable, exactly
    like a read-only folder). Skips where neither works.
    """
    done: list[Path] = []

    def apply(folder: Path) -> None:
        if os.geteuid() != 0:
            folder.chmod(0o500)
        elif subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
            pytest.skip("cannot make a folder read-only here (root without chattr)")
        done.append(folder)

    yield apply
    for folder in done:
        if os.geteuid() != 0:
            folder.chmod(0o700)
        else:
            subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
