"""The benchmark suite runs end to end on a small vault (no timing is asserted: these machines are
shared and noisy; the figures are for `python -m benchmarks` at full size)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PERSONS = 200  # every phase and both municipalities are seeded at any size; 1 000 cost 2-3x the CPU
FIGURES = (f"seed {PERSONS:,} persons", "encrypted / plain SQLite", "verify, audit chain", "vault size per person",
           "unlock to dashboard", "case list first page", "search keystroke", "case file open", "RSS after",
           "key rotation / a bare sqlcipher_export", "figures screen, key to drawn", "figures, whole history")

# `python -m benchmarks ARGS` with the tests' cheap argon2 parameters for the slots it makes: the
# accounts of the vault it builds, and so every unlock of its screen figures (13 strong hashes, a
# third of the run's CPU, for figures no test reads). The argon2 figure itself stays the strong one.
WITH_CHEAP_SLOTS = """
import runpy, sys
from pgatui.vault import crypto
crypto.use_kdf_for_new_slots(crypto.FAST_KDF_FOR_TESTS)
sys.argv[0] = "benchmarks"
runpy.run_module("benchmarks", run_name="__main__", alter_sys=True)
"""


@pytest.mark.slow
def test_benchmarks_print_every_figure_with_a_verdict():
    arguments = ["--persons", str(PERSONS), "--runs", "1", "--audit-events", "300", "--heavy", "2"]
    done = subprocess.run([sys.executable, "-c", WITH_CHEAP_SLOTS, *arguments], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode in (0, 1), done.stderr  # 1 means a budget failed, not that the run broke
    rows = [line for line in done.stdout.splitlines() if line.endswith(("PASS", "FAIL")) or " PASS " in line
            or " FAIL " in line]
    for figure in FIGURES:
        assert any(row.startswith(figure) for row in rows), (figure, done.stdout)
    assert done.stdout.strip().splitlines()[-1] in ("result: PASS", "result: FAIL")
