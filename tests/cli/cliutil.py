"""Running pgatui as a user would: a subprocess, passwords on stdin (tests/cli is on sys.path)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers import ADMIN, ADMIN_PW

# `python -m pgatui` with the tests' cheap argon2 parameters for new slots (see its docstring)
PGATUI_WITH_CHEAP_KDF = [sys.executable, str(Path(__file__).with_name("cheap_pgatui.py"))]


def pgatui(*args, stdin: str = "", env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([*PGATUI_WITH_CHEAP_KDF, *map(str, args)], input=stdin,
                          capture_output=True, text=True, timeout=300, env=full_env)


def as_admin(*args, **kw) -> subprocess.CompletedProcess:
    return pgatui(*args, "--as", ADMIN, "--password-stdin", stdin=ADMIN_PW + "\n", **kw)


def one_line_error(result) -> str:
    """The contract: a failure is exactly one line on stderr, never a traceback."""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def flip_byte(path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x5A
    path.write_bytes(bytes(data))
