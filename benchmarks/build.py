"""Building the benchmark vault the way the demo is built: `pgatui init`, then in one process the
accounts (politie reader, gemeente director, toezicht) and the seed (`services.seed.seed_vault`,
what `pgatui seed` runs), then audit events in bulk.

The accounts come before the seed, in the seed's process: that process then holds the key of
every municipality's compartment (it made them for the members-to-be) and seals every case
directly. Seeded by a separate `pgatui seed` after the accounts, the beheerder holds no key and
writes every case into the drop box of its compartment; the members' sessions then take those in
100 a step (docs/COMPARTMENTS.md), and the first thousand actions of the reader would measure
that import, not the screens.
"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ADMIN, ADMIN_PW = "bench", "meetlat-wachtzin-7"
READER, READER_PW = "agent", "politie-bench-zin-3"
DIRECTOR, DIRECTOR_PW = "regie", "gemeente-bench-zin-5"
SUPERVISOR, SUPERVISOR_PW = "fg", "toezicht-bench-zin-9"
ORGANISATION = "Gemeente Benchdorp"
POLICE = "Politie Eenheid Bench"
SUPERVISION = "FG Benchdorp"
PGATUI = [sys.executable, "-m", "pgatui"]
# (login, password, role, organisation): the reader of the screen figures sees every
# municipality; the director (the seeded municipality) and toezicht read the figures screen.
ACCOUNTS = ((READER, READER_PW, "politie", POLICE), (DIRECTOR, DIRECTOR_PW, "gemeente", ORGANISATION),
            (SUPERVISOR, SUPERVISOR_PW, "toezicht", SUPERVISION))


@dataclass(frozen=True)
class BuiltVault:
    path: Path
    persons: int
    seed_seconds: float  # the seeding itself (seed_vault), without start, argon2 and opening


def pgatui(*args: str, stdin: str = "") -> str:
    """Run a pgatui command; its standard output, or SystemExit with its one-line error."""
    done = subprocess.run([*PGATUI, *args], input=stdin, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"pgatui {' '.join(args[:2])} mislukte ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


def build(folder: Path, persons: int) -> BuiltVault:
    """A vault with `persons` synthetic persons (every phase, two municipalities) and its accounts."""
    from pgatui.services.seed import seed_vault
    from pgatui.services.session import Session
    from pgatui.vault import change_password, open_vault

    vault = folder / "bench.pgavault"
    pgatui("init", str(vault), "--admin", ADMIN, "--organisation", ORGANISATION, "--password-stdin",
           stdin=ADMIN_PW + "\n")
    with open_vault(vault, ADMIN, ADMIN_PW) as admin:
        admin.add_organisation(POLICE, "politie")
        admin.add_organisation(SUPERVISION, "overig")
        for login, password, role, organisation in ACCOUNTS:
            change_password(vault, login, admin.add_user(login, role, organisation), password)
        seed_seconds = _seconds(lambda: seed_vault(Session(admin), persons))
    return BuiltVault(vault, persons, seed_seconds)


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
