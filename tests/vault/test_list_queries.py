"""Issue 18: the case list's pages seek in an index; they never scan the table from its start
(a keyset page deep in the list, or a phase by due date, would grow with the vault)."""

from __future__ import annotations

import pytest

from helpers import ADMIN, ADMIN_PW
from pgatui.domain.models import Phase
from pgatui.vault import cases as repo
from pgatui.vault import open_vault


def plans_of(conn, page) -> list[str]:
    """The query plan of every statement `page(conn)` runs (traced with its values filled in)."""
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        page(conn)
    finally:
        conn.set_trace_callback(None)
    return [" / ".join(row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + sql)) for sql in statements]


@pytest.mark.parametrize("phase, after", [
    (None, ("2026-03-01", 40)),  # a later page by due date
    (Phase.WEGING, None),  # a phase by due date: its first page
    (Phase.WEGING, ("2026-03-01", 40)),  # and a later one
])
def test_pages_by_due_date_seek_in_an_index(vault_path, phase, after):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        [plan] = plans_of(vault.conn, lambda conn: repo.page_case_rows(conn, phase=phase, owner=None, by_due=True,
                                                                        after=after, limit=50))
    cases = plan.split(" / ")[0]
    assert cases.startswith("SEARCH c USING INDEX") and "TEMP B-TREE" not in plan, plan  # no sort of it all
    if after is not None:
        assert ">?" in cases, plan  # the keyset is a range in the index, not a filter after a scan
