"""The case list: keyset pages by number or by due date, phase and owner filters, no gaps or repeats."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import ADMIN, ADMIN_PW
from people import user
from pgatui.domain.models import Phase
from pgatui.services import cases as svc
from pgatui.services.seed import seed_vault
from pgatui.services.session import Session
from pgatui.vault import open_vault


@pytest.fixture
def seeded(vault_path):
    # Politie sees every municipality of the vault; the seed spreads the cases over several.
    session = Session(user(vault_path, "pim", "politie", "Politie Test", "politie-wachtzin-lang"))
    session.vault.close()
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        seed_vault(Session(vault), 400, seed=3)
    session = Session(open_vault(vault_path, "pim", "politie-wachtzin-lang"))
    yield session
    session.vault.close()


@pytest.fixture
def director(vault_path):
    """A gemeente user of the vault's own municipality, there before the seed: it directs its cases."""
    session = Session(user(vault_path, "gemeente", "gemeente", "Gemeente Test", "regie-wachtzin-lang"))
    session.vault.close()
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        seed_vault(Session(vault), 400, seed=3)
    session = Session(open_vault(vault_path, "gemeente", "regie-wachtzin-lang"))
    yield session
    session.vault.close()


def all_pages(session, **filters) -> list[svc.CaseRow]:
    rows, after = [], None
    while True:
        page = svc.case_rows(session, after=after, limit=37, **filters)
        if not page:
            return rows
        rows += page
        after = page[-1].key


def test_pages_by_due_date_cover_every_case_once_soonest_first(seeded):
    by_due = all_pages(seeded, by_due=True)
    by_number = all_pages(seeded)
    assert len(by_due) == len(by_number) == 400
    assert sorted(r.case.id for r in by_due) == [r.case.id for r in by_number]
    keys = [r.key for r in by_due]
    assert keys == sorted(keys) and by_due[0].due_on is not None and by_due[-1].due_on is None


def test_phase_and_owner_filters(seeded):
    weighing = all_pages(seeded, phase=Phase.WEGING)
    assert weighing and {r.case.phase for r in weighing} == {Phase.WEGING}
    assert len({r.case.municipality_id for r in all_pages(seeded)}) == 2  # spread over the municipalities


def test_mine_is_what_i_direct_and_a_gemeente_user_sees_only_its_municipality(director):
    own = director.user.municipalities
    every = all_pages(director)
    assert every and {r.case.municipality_id for r in every} == set(own)
    mine = all_pages(director, mine=True, by_due=True)
    assert mine and {r.case.director for r in mine} == {"gemeente"}
    assert all(r.name for r in mine)


def test_the_passed_deadlines_walked_per_kind_are_those_of_sorting_them_all(director):
    """The dashboard's passed deadlines walk each kind's index and stop at `limit`: the same rows in
    the same order as reading every kind's passed deadlines and sorting them all."""
    from pgatui.vault import cases as repo

    conn, today = director.vault.conn, director.today()
    every_kind = "\nUNION ALL\n".join(repo.DEADLINE_PARTS.values())
    where, params = repo.in_scope(director.scope, alias="d")
    checked_kinds = set()
    for escalate_before in (today - dt.timedelta(days=14), today - dt.timedelta(days=3650)):
        sorted_all = [(kind, case, number, due, item, bool(escalated)) for kind, case, number, due, item, escalated
                      in conn.execute(
            f"SELECT d.kind, d.case_id, d.number, d.due_on, d.item_id, coalesce(d.director, '') != ? "
            f"FROM ({every_kind}) d WHERE d.due_on < ? AND (d.director = ? OR (d.due_on < ? AND {where})) "
            "ORDER BY d.due_on, d.case_id, d.kind, coalesce(d.item_id, 0)",
            ("gemeente", today.isoformat(), "gemeente", escalate_before.isoformat(), *params))]
        checked_kinds |= {row[0] for row in sorted_all}
        for limit in (1, 5, 20, 10_000):
            assert repo.overdue_deadlines(conn, today=today, director="gemeente", escalate_before=escalate_before,
                                          scope=director.scope, limit=limit) == sorted_all[:limit], limit
    assert len(checked_kinds) >= 3, checked_kinds  # the seed has passed deadlines of several kinds
