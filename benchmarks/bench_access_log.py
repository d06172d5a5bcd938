"""The access log viewer at a million events (issue 15): first page and each filter < 150 ms.

`python -m benchmarks.bench_access_log [--events 1000000] [--runs 5]` builds a throwaway vault,
appends `--events` audit events of years of use (200 users, 20 000 cases, logins, reads,
refusals), then measures `services.access_log.read_log` (the query and its own audit event)
for the first page, each filter and a later page, median of --runs. Prints the table of
`benchmarks.measure` and exits 1 on any FAIL.

The filler events are linked into the chain but not signed (they have many actors and the
benchmark holds one key): the vault is thrown away afterwards and never unlocked again.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.measure import Figure, header, median_seconds
from pgatui.services.access_log import LogFilter, read_log
from pgatui.services.session import Session
from pgatui.vault import audit, create_vault, open_vault

ADMIN, ADMIN_PW = "bench", "meetlat-wachtzin-7"
BUDGET = 0.150
START = dt.datetime(2021, 1, 1, 7, 0)
ACTIONS = (["case.read"] * 70 + ["login"] * 8 + ["logout"] * 8 + ["signal.create"] * 4 + ["case.list"] * 6
           + ["weighing.open"] * 2 + ["audit.view"] * 2)


def fill(vault, total: int, batch: int = 50_000, seed: int = 2026) -> None:
    """Append `total` events in batches (one transaction each), in time order."""
    chance = random.Random(seed)
    conn, step = vault.conn, dt.timedelta(seconds=150)
    moment, written = START, 0
    while written < total:
        with vault.transaction():
            for _ in range(min(batch, total - written)):
                moment += step
                action = chance.choice(ACTIONS)
                actor = f"user{chance.randrange(200):03d}"
                object_id = f"case:{chance.randrange(1, 20_001)}" if action in ("case.read", "signal.create",
                                                                                "weighing.open") else None
                result = "refused" if chance.random() < 0.005 else "ok"
                audit.append(conn, audit.new_event(actor, "gemeente", action, object_id=object_id, result=result,
                                                   purpose="overleg" if action == "case.read" else None,
                                                   at=moment.isoformat(timespec="seconds")))
        written += min(batch, total - written)


def figures(session: Session, runs: int) -> list[Figure]:
    day = (START + dt.timedelta(days=700)).date()
    filters = {
        "first page, no filter": LogFilter(),
        "filter: user": LogFilter(actor="user042"),
        "filter: action (login)": LogFilter(action="login"),
        "filter: case number": LogFilter(object_id="PGA-2026-04711"),
        "filter: refused only": LogFilter(refused_only=True),
        "filter: one day": LogFilter(since=day, until=day),
        "filter: user + refused": LogFilter(actor="user042", refused_only=True),
        "filter: action + refused": LogFilter(action="case.read", refused_only=True),
        "filter: user + action": LogFilter(actor="user042", action="login"),
        "filter: case + one year": LogFilter(object_id="case:4711", since=day, until=day + dt.timedelta(days=365)),
        "filter: rare action (audit.export, none)": LogFilter(action="audit.export"),
    }
    found = [Figure(f"access log {name}", median_seconds(lambda f=wanted: read_log(session, f), runs), BUDGET, "s")
             for name, wanted in filters.items()]
    middle = read_log(session, LogFilter(), before=500_000).next_before
    found.append(Figure("access log later page (keyset)", median_seconds(
        lambda: read_log(session, LogFilter(), before=middle), runs), BUDGET, "s"))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_access_log")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pgatui-bench-log-") as folder:
        path = Path(folder) / "log.pgavault"
        create_vault(path, ADMIN, ADMIN_PW, "Gemeente Benchdorp")
        with open_vault(path, ADMIN, ADMIN_PW) as vault:
            start = time.perf_counter()
            fill(vault, args.events)
            print(f"{args.events:,} audit events appended in {time.perf_counter() - start:.0f} s", file=sys.stderr)
            results = figures(Session(vault), args.runs)
    print(header())
    for figure in results:
        print(figure.row())
    passed = all(f.passed for f in results)
    print(f"result: {'PASS' if passed else 'FAIL'}")
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
