"""Building the benchmark vault the way an administrator would: `pgatui init`, `user add`, `passwd`
and `seed` as subprocesses (passwords on standard input), then audit events in bulk."""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ADMIN, ADMIN_PW = "bench", "meetlat-wachtzin-7"
READER, READER_PW = "agent", "politie-bench-zin-3"
ORGANISATION = "Gemeente Benchdorp"
POLICE = "Politie Eenheid Bench"
PGATUI = [sys.executable, "-m", "pgatui"]


@dataclass(frozen=True)
class BuiltVault:
    path: Path
    persons: int
    seed_seconds: float  # the seeding itself: the command's time beyond starting and unlocking
    start_seconds: float  # what any command as the administrator costs (start, argon2, open)


def pgatui(*args: str, stdin: str = "") -> str:
    """Run a pgatui command; its standard output, or SystemExit with its one-line error."""
    done = subprocess.run([*PGATUI, *args], input=stdin, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"pgatui {' '.join(args[:2])} mislukte ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


def build(folder: Path, persons: int) -> BuiltVault:
    """A vault with `persons` synthetic persons (every phase) and a politie account that sees every municipality."""
    vault = folder / "bench.pgavault"
    pgatui("init", str(vault), "--admin", ADMIN, "--organisation", ORGANISATION, "--password-stdin",
           stdin=ADMIN_PW + "\n")
    pgatui("organisation", "add", str(vault), "--as", ADMIN, "--name", POLICE, "--kind", "politie", "--password-stdin",
           stdin=ADMIN_PW + "\n")
    one_time = pgatui("user", "add", str(vault), "--as", ADMIN, "--name", READER, "--role", "politie",
                      "--organisation", POLICE, "--password-stdin", stdin=ADMIN_PW + "\n").strip().splitlines()[-1]
    pgatui("passwd", str(vault), "--as", READER, "--password-stdin", stdin=f"{one_time}\n{READER_PW}\n")
    # The budget is for seeding (2 minutes per 100 000): the fixed cost of a command (Python start,
    # strong argon2, opening) is measured apart, so a small run is not judged by it.
    start_seconds = _seconds(lambda: pgatui("organisation", "list", str(vault), "--as", ADMIN, "--password-stdin",
                                            stdin=ADMIN_PW + "\n"))
    seed_seconds = _seconds(lambda: pgatui("seed", str(vault), "--as", ADMIN, "--persons", str(persons),
                                           "--password-stdin", stdin=ADMIN_PW + "\n"))
    return BuiltVault(vault, persons, max(0.0, seed_seconds - start_seconds), start_seconds)


def _seconds(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def add_audit_events(vault, total: int, batch: int = 20_000) -> None:
    """Grow the audit chain to at least `total` events, as years of daily use would (reads of files)."""
    present = vault.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    while present < total:
        size = min(batch, total - present)
        with vault.transaction():
            for number in range(size):
                vault.audit("case.read", object_id=f"case:{1 + (present + number) % 1000}", purpose="benchmark")
        present += size
