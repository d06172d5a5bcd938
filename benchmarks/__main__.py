"""pgatui's figures against their budgets (issue 18): `python -m benchmarks [--persons N] [--runs R]`.

Builds a vault with the seed of `pgatui seed` (every phase, several municipalities) and an audit chain of
--audit-events events, measures each figure (median of --runs), and prints figure, budget,
measured, PASS or FAIL; exits 1 on any FAIL. `--scaling` repeats the list, search, file and
unlock figures at 10 000, 100 000 and 300 000 persons. Ratios are measured side by side in one run.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks import store
from benchmarks.build import ADMIN, ADMIN_PW, add_audit_events, build
from benchmarks.measure import Figure, header, median_seconds
from pgatui.vault import crypto, open_vault

SEED_BUDGET_PER_100K = 120.0
SCALING_SIZES = (10_000, 100_000, 300_000)


def _argon2_seconds(runs: int) -> float:
    params = crypto.STRONG_KDF
    return median_seconds(lambda: crypto.password_key("meetlat", b"\0" * 16, params), runs, warmup=0)


def _apart(module: str, *args: object) -> list[Figure]:
    """The figures a benchmark module prints as JSON lines, run in a process of its own."""
    done = subprocess.run([sys.executable, "-m", module, *map(str, args)], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{module} failed: {done.stderr.strip().splitlines()[-1:]}")
    return [Figure(**json.loads(line)) for line in done.stdout.splitlines() if line.startswith("{")]


def measure(folder: Path, persons: int, runs: int, audit_events: int, heavy: int) -> list[Figure]:
    built = build(folder, persons)
    figures = [Figure(f"seed {persons:,} persons", built.seed_seconds, SEED_BUDGET_PER_100K * persons / 100_000, "s")]
    with open_vault(built.path, ADMIN, ADMIN_PW) as admin:
        add_audit_events(admin, audit_events)
        figures.append(store.encryption_ratio(admin, persons, runs))
        figures += store.chain_speed(admin)
    figures.append(store.size_per_person(built.path, persons))
    figures += _apart("benchmarks.screens", built.path, _argon2_seconds(runs), runs, heavy)
    figures += _apart("benchmarks.figures", built.path, runs)  # issue 16: the figures screen within 1 s
    with open_vault(built.path, ADMIN, ADMIN_PW) as admin:
        figures.append(store.rotation_ratio(admin))
    return figures


def _print(title: str, figures: list[Figure]) -> None:
    print(f"\n{title}\n{header()}")
    for figure in figures:
        print(figure.row())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5, help="measurements per figure (the median is shown)")
    parser.add_argument("--audit-events", type=int, default=1_000_000)
    parser.add_argument("--heavy", type=int, default=50, help="pages and files opened before the RSS figure")
    parser.add_argument("--scaling", action="store_true", help="also at 10 000, 100 000 and 300 000 persons")
    args = parser.parse_args(argv)
    failed = False
    sizes = SCALING_SIZES if args.scaling else (args.persons,)
    for persons in sizes:
        with tempfile.TemporaryDirectory(prefix="pgatui-bench-") as scratch:
            figures = measure(Path(scratch), persons, args.runs, args.audit_events, args.heavy)
        _print(f"pgatui at {persons:,} persons ({args.runs} runs a figure)", figures)
        failed |= not all(f.passed for f in figures)
    print("\nresult:", "FAIL" if failed else "PASS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
