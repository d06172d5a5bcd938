"""Figures of the store: encrypted against plain SQLite, rotation against a bare export, size,
the audit chain's verification speed."""

from __future__ import annotations

import os
import statistics
import tempfile
from pathlib import Path

import sqlcipher3

from benchmarks.measure import Figure, seconds
from pgatui.domain.models import Phase
from pgatui.vault import audit, db
from pgatui.vault import cases as repo

RATIO_BUDGET = 1.3
ROTATION_BUDGET = 1.5
BYTES_PER_PERSON_BUDGET = 2048
CHAIN_EVENTS_PER_SECOND_BUDGET = 200_000


def _queries(persons: int):
    """The repository calls behind the everyday screens, run alike on either connection."""
    middle = max(1, persons // 2)
    return {
        "case list, first page": lambda c: repo.page_case_rows(c, phase=None, owner=None, by_due=False, after=None, limit=50),
        "case list, page in the middle": lambda c: repo.page_case_rows(c, phase=None, owner=None, by_due=False,
                                                                       after=("", middle), limit=50),
        "case list, by due date": lambda c: repo.page_case_rows(c, phase=None, owner=None, by_due=True, after=None, limit=50),
        "case list, phase weging by due date": lambda c: repo.page_case_rows(c, phase=Phase.WEGING, owner=None,
                                                                             by_due=True, after=None, limit=50),
        "full scan, signals": lambda c: c.execute("SELECT count(*), max(length(observed_facts)) FROM signals").fetchone(),
        "full scan, weighings": lambda c: c.execute("SELECT count(*), max(length(data)) FROM weighings").fetchone(),
    }


def plain_copy(vault, folder: Path) -> Path:
    """A plaintext copy of data.db (the benchmark's own synthetic data) to compare against."""
    target = folder / "plain.db"
    vault.conn.execute(f"ATTACH DATABASE '{target}' AS plain KEY ''")
    vault.conn.execute("SELECT sqlcipher_export('plain')")
    vault.conn.execute("DETACH DATABASE plain")
    return target


def _plain_connection(path: Path):
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    for pragma in ("temp_store = MEMORY", "foreign_keys = ON", "journal_mode = WAL"):
        conn.execute(f"PRAGMA {pragma}")
    return conn


# A query of about a millisecond is timed over this many calls a sample: one call's time is the
# scheduler's on a shared machine (the same page query measured 0.7-1.9x in one sitting).
CALLS_PER_SAMPLE_BELOW_10_MS = 20


def paired_ratio(encrypted, plain, runs: int) -> float:
    """The median of `runs` ratios, each of an encrypted and a plain sample taken one right after
    the other (a change in the machine's load falls on both), after a warm-up of each."""
    calls = CALLS_PER_SAMPLE_BELOW_10_MS if seconds(encrypted) < 0.01 else 1
    plain()

    def sample(query) -> float:
        return seconds(lambda: [query() for _ in range(calls)])

    return statistics.median(sample(encrypted) / sample(plain) for _ in range(runs))


def encryption_ratio(vault, persons: int, runs: int) -> Figure:
    with tempfile.TemporaryDirectory() as scratch:
        plain = _plain_connection(plain_copy(vault, Path(scratch)))
        ratios = {name: paired_ratio(lambda: query(vault.conn), lambda: query(plain), runs)
                  for name, query in _queries(persons).items()}
        plain.close()
    worst = max(ratios, key=ratios.get)
    return Figure("encrypted / plain SQLite, same queries (worst)", ratios[worst], RATIO_BUDGET, "x",
                  note=f"worst: {worst}; median of queries {sorted(ratios.values())[len(ratios) // 2]:.2f}×")


def bare_export_seconds(vault) -> float:
    """What a rotation cannot beat: sqlcipher_export of the same data.db into a new key."""
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / "export.db"
        key = os.urandom(32).hex()

        def export() -> None:
            vault.conn.execute(f"ATTACH DATABASE '{target}' AS fresh KEY \"x'{key}'\"")
            vault.conn.execute("SELECT sqlcipher_export('fresh')")
            vault.conn.execute("DETACH DATABASE fresh")

        return seconds(export)


def rotation_ratio(admin) -> Figure:
    bare = bare_export_seconds(admin)
    rotation = seconds(admin.rotate_key)
    return Figure("key rotation / a bare sqlcipher_export", rotation / bare, ROTATION_BUDGET, "x",
                  note=f"rotation {rotation:.1f} s, export {bare:.1f} s")


def size_per_person(path: Path, persons: int) -> Figure:
    total = sum(f.stat().st_size for f in path.iterdir() if f.name.startswith(db.DATA_DB))
    return Figure("vault size per person", total / persons, BYTES_PER_PERSON_BUDGET, "B",
                  note=f"data.db {total / 1e6:.0f} MB")


def chain_speed(vault) -> list[Figure]:
    """The audit chain as `pgatui verify` walks it (every event's signature checked), and its
    links alone (how a vault from before signing is verified)."""
    events = vault.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    signed = seconds(lambda: vault.chain_problems())
    links = seconds(lambda: audit.chain_problems(vault.conn, None))
    return [Figure(name, events / took, CHAIN_EVENTS_PER_SECOND_BUDGET, "events/s", higher_is_better=True,
                   note=f"{events:,} events in {took:.1f} s")
            for name, took in (("verify, audit chain (signatures, as pgatui verify)", signed),
                               ("verify, links only (a vault from before signing)", links))]
