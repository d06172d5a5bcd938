"""The case list: keyset pages by number or by due date, phase and owner filters, no gaps or repeats."""

from __future__ import annotations

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
