"""Vault figures: argon2, unlock, open, seed, search, keyset pages, dashboard, rotation. Prints numbers; run it, compare ratios.

    .venv/bin/python benchmarks/bench_vault.py [PERSONS]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from pgatui.domain.models import Phase
from pgatui.services import cases as svc
from pgatui.services import monitoring
from pgatui.services.seed import seed_vault
from pgatui.services.session import Session
from pgatui.vault import create_vault, crypto, db, open_vault


def timed(label: str, action):
    start = time.perf_counter()
    result = action()
    print(f"{label:<36} {time.perf_counter() - start:8.3f} s")
    return result


def _open_db(folder: Path, data_key: bytes) -> None:
    conn = db.connect(folder / db.DATA_DB, data_key)
    db.migrate(conn)
    conn.close()


def main(persons: int) -> None:
    folder = Path(tempfile.mkdtemp()) / "bench.pgavault"
    timed("create (strong argon2)", lambda: create_vault(folder, "bench", "meetlat-wachtzin-7", "Bench"))
    params = crypto.STRONG_KDF
    timed(f"argon2id alone (t={params.time_cost}, {params.memory_kib // 1024} MiB)",
          lambda: crypto.password_key("meetlat-wachtzin-7", b"\0" * 16, params))
    vault = timed("unlock (strong argon2)", lambda: open_vault(folder, "bench", "meetlat-wachtzin-7"))
    data_key = vault._data_key
    timed("open data.db alone (key, pragmas, migrate)", lambda: _open_db(folder, data_key))
    timed(f"seed {persons} persons", lambda: seed_vault(Session(vault), persons))
    one_time = vault.add_user("gea", "gemeente", "Bench")
    vault.close()
    from pgatui.vault import change_password

    change_password(folder, "gea", one_time, "gemeente-bench-zin")
    gea = Session(open_vault(folder, "gea", "gemeente-bench-zin"))
    timed("search 'jan' (prefix, 50 hits)", lambda: svc.search_cases(gea, "jan"))
    last = timed("first page of 50 cases", lambda: svc.list_cases(gea, limit=50))[-1].id
    timed("page 50 cases deep in the list", lambda: svc.list_cases(gea, after_id=persons - 100, limit=50))
    timed("read one case file", lambda: svc.read_case(gea, last))
    page = timed("case list: first page by due date", lambda: svc.case_rows(gea, by_due=True, limit=50))
    timed("case list: second page by due date", lambda: svc.case_rows(gea, by_due=True, after=page[-1].key, limit=50))
    timed("case list: weging, by due date", lambda: svc.case_rows(gea, phase=Phase.WEGING, by_due=True, limit=50))
    timed("dashboard (tasks of a gemeente user)", lambda: svc.dashboard(gea))
    timed("read the process of a case", lambda: monitoring.read_process(gea, last))
    gea.vault.close()
    admin = open_vault(folder, "bench", "meetlat-wachtzin-7")
    timed("rotate key (export, verify, swap)", lambda: admin.rotate_key())
    timed("verify (integrity + chain)", lambda: admin.verify())
    admin.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000)
