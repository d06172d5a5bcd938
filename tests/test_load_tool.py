"""tools/load.py: the command runs the asked number of times under load, and its failure is passed on."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

LOAD = Path(__file__).resolve().parents[1] / "tools" / "load.py"


def load(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(LOAD), *args], capture_output=True, text=True, timeout=120)


def test_each_run_is_timed_and_the_first_failure_is_the_exit_status():
    done = load("--burners", "1", "--repeat", "2", "--", sys.executable, "-c", "import sys; sys.exit(3)")
    assert done.returncode == 3
    runs = [line for line in done.stderr.splitlines() if line.startswith("load.py: run ")]
    assert [line.split(":")[1].strip() for line in runs] == ["run 1/2 under 1 burners", "run 2/2 under 1 burners"]


def test_a_passing_command_passes_and_no_command_is_a_usage_error():
    assert load("--burners", "1", "--", sys.executable, "-c", "pass").returncode == 0
    assert load("--burners", "1").returncode == 2
