"""Existing vaults migrate (issue 12 item 1): rows written before migration 0018 are plain
(compartment NULL) and search cannot find them; the beheerder's migration seals them into their
case's municipality compartment in one export-verify-swap, after which name search finds them
again and no page of the file holds their text in plain."""

from __future__ import annotations

import pytest

from helpers import ADMIN, ADMIN_PW
from people import confirm_keys, password_of, user
from plain_vault import CANARIES, vault_before_compartments, write_plain_case
from sqlcipher_pages import decrypted_pages
from pgatui.services import cases as svc
from pgatui.services import maintenance, monitoring
from pgatui.services.session import Session
from pgatui.vault import db, open_vault
from pgatui.vault.compartment_migration import plain_cases


@pytest.fixture
def old_vault(vault_path):
    return vault_path, vault_before_compartments(vault_path)


def _migrate_as_admin(path):
    reports = []
    with open_vault(path, ADMIN, ADMIN_PW) as vault:
        result = maintenance.migrate_compartments(Session(vault), progress=lambda d, t: reports.append((d, t)))
        data_key = bytes(vault._data_key)
    return result, reports, data_key


def _found_by_name(path, login="gea") -> set[int]:
    with open_vault(path, login, password_of("gemeente")) as vault:
        session = Session(vault)
        return {case.id for case, _ in svc.search_cases(session, "oudkanarie")}


def _assert_no_plain_canary(path, data_key: bytes) -> None:
    pages = decrypted_pages(path / db.DATA_DB, data_key).lower()
    files = b"".join(f.read_bytes() for f in path.iterdir() if f.is_file() and f.name != db.DATA_DB).lower()
    for canary in CANARIES:
        assert canary not in pages and canary not in files, canary


def test_before_the_migration_the_old_cases_are_plain_and_not_found_by_name(old_vault):
    path, cases = old_vault
    with open_vault(path, ADMIN, ADMIN_PW) as vault:
        assert [case_id for case_id, _ in plain_cases(vault.conn)] == cases
        data_key = bytes(vault._data_key)
    assert _found_by_name(path) == set()  # the full-text index is gone, the blind index lacks them
    assert b"oudkanariea" in decrypted_pages(path / db.DATA_DB, data_key).lower()  # the scan can fail


def test_migration_by_the_beheerder_first_seals_and_indexes_directly(old_vault):
    path, cases = old_vault
    result, reports, data_key = _migrate_as_admin(path)
    assert (result.sealed, result.left_plain, result.generation) == (3, 0, 2)
    assert reports[-1][0] == reports[-1][1] and [d for d, _ in reports] == sorted(d for d, _ in reports)
    _assert_no_plain_canary(path, data_key)
    with open_vault(path, ADMIN, ADMIN_PW) as vault:
        assert plain_cases(vault.conn) == []
        assert vault.conn.execute("SELECT count(*) FROM blind_index_owners").fetchone()[0] == 3
    assert _found_by_name(path) == set(cases)
    with open_vault(path, "gea", password_of("gemeente")) as vault:  # every column opens to what was written
        session = Session(vault)
        case_file = svc.read_case(session, cases[0])
        assert case_file.person.name == "Oudkanariea Oudvogela" and case_file.person.address == "Oudwega 1"
        assert case_file.signals[0].observed_facts == "Oudfeita op school"
        assert case_file.holds[0].reason == "Oudstopredena"
        assert case_file.case.closure_reason == "Oudsluitredena"
        process = monitoring.read_process(session, cases[0])
        assert [v.overall for w in process.weighings for v in w.views] == ["Oudweginga"]
        assert [a.description for a in process.actions] == ["Oudactiea doen"]
        unsealed = vault.conn.execute("SELECT count(*) FROM weighings WHERE compartment IS NULL "
                                    "OR typeof(data) != 'blob'").fetchone()[0]
        assert unsealed == 0


def test_migration_after_a_member_made_the_compartment_goes_through_its_drop_box(old_vault):
    path, cases = old_vault
    gea = open_vault(path, "gea", password_of("gemeente"))  # the upgrade's first member unlock makes it
    gea.close()
    result, _, data_key = _migrate_as_admin(path)
    assert (result.sealed, result.left_plain) == (3, 0)
    _assert_no_plain_canary(path, data_key)
    assert _found_by_name(path) == set(cases)  # gea's unlock took the drop boxes in and indexed them
    with open_vault(path, "gea", password_of("gemeente")) as vault:
        session = Session(vault)
        assert svc.read_case(session, cases[1]).case.closure_reason == "Oudsluitredenb"
        assert [a.description for a in monitoring.read_process(session, cases[1]).actions] == ["Oudactieb doen"]


def test_cases_of_a_municipality_without_members_stay_plain_and_are_counted(old_vault):
    path, cases = old_vault
    with open_vault(path, ADMIN, ADMIN_PW) as vault:
        zuid = vault.add_organisation("Gemeente Zuid", "gemeente")
        with vault.transaction() as conn:
            lonely = write_plain_case(conn, zuid, "z")
    result, _, _ = _migrate_as_admin(path)
    assert (result.sealed, result.left_plain) == (3, 1)
    with open_vault(path, ADMIN, ADMIN_PW) as vault:
        assert plain_cases(vault.conn) == [(lonely, zuid)]
    gijs = Session(user(path, "gijs", "gemeente", "Gemeente Zuid", "zuidelijke-regie-lang"))
    confirm_keys(gijs)
    gijs.vault.close()
    again, _, _ = _migrate_as_admin(path)  # a member now: the second run seals it
    assert (again.sealed, again.left_plain) == (1, 0)


def test_only_the_beheerder_migrates(old_vault):
    path, _ = old_vault
    from pgatui.errors import AccessDenied

    with open_vault(path, "gea", password_of("gemeente")) as vault, pytest.raises(AccessDenied):
        maintenance.migrate_compartments(Session(vault))
