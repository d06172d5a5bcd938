"""Case services: intake, search, reading (audited), access per role, holds, destruction."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import ADMIN, ADMIN_PW
from process_builders import weigh
from people import audit_actions, close_after_pga, confirm_keys, plaintext_copy, signal, user  # noqa: F401 (re-exported)
from pgatui import clock
from pgatui.domain.models import LegalHold, PersonInput, Phase
from pgatui.errors import AccessDenied, DomainError
from pgatui.services import cases as svc
from pgatui.services import weighing
from pgatui.services.session import Session
from pgatui.vault import open_vault

NAME = "Zwaantje Oudewaterloo"


@pytest.fixture
def gemeente(vault_path):
    vault = user(vault_path, "gea", "gemeente", "Gemeente Test")
    yield Session(vault)
    vault.close()


@pytest.mark.parametrize("typed", ["{number}", "{year}-{digits}", "{digits}", "{id}", "pga{year}{digits}"])
def test_a_case_is_found_by_its_number_in_every_form_an_official_types(gemeente, typed):
    case = svc.take_in_signal(gemeente, signal(), person=PersonInput(name=NAME, date_of_birth=dt.date(2004, 5, 1)))
    _, year, digits = case.number.split("-")
    query = typed.format(number=case.number, year=year, digits=digits, id=case.id)
    assert [c.id for c, _ in svc.search_cases(gemeente, query)] == [case.id], query


def test_intake_search_and_read_are_audited_without_content(gemeente):
    person = PersonInput(name=NAME, date_of_birth=dt.date(2004, 5, 1), address="Fictiestraat 1")
    case = svc.take_in_signal(gemeente, signal(), person=person)
    assert case.phase is Phase.SIGNAAL and case.number.startswith("PGA-")
    assert [c.id for c, _ in svc.search_cases(gemeente, "zwaan")] == [case.id]
    assert [c.id for c, _ in svc.search_cases(gemeente, "haatzaai klas")] == [case.id]
    assert svc.possible_duplicates(gemeente, NAME.lower(), dt.date(2004, 5, 1))
    again = svc.take_in_signal(gemeente, signal(observed_facts="Tweede melding"), person_id=case.person_id)
    assert again.id == case.id  # an open case collects the person's signals
    file = svc.read_case(gemeente, case.id, purpose="voorbereiding weging")
    assert len(file.signals) == 2 and file.history
    actions = audit_actions(gemeente)
    assert "case.read:ok" in actions and "person.search:ok" in actions
    log = " ".join(str(r) for r in gemeente.vault.conn.execute("SELECT * FROM audit_log"))
    assert "Zwaan" not in log and "haatzaai" not in log


@pytest.mark.parametrize("role, organisation", [("beheerder", "Gemeente Test"), ("toezicht", "FG Test")])
def test_admin_and_auditor_see_no_case_content_and_refusals_are_audited(vault_path, gemeente, role, organisation):
    case = svc.take_in_signal(gemeente, signal(), person=PersonInput(name=NAME, date_of_birth=dt.date(2004, 5, 1)))
    other = Session(user(vault_path, f"x{role}", role, organisation))
    try:
        with pytest.raises(AccessDenied):
            svc.read_case(other, case.id)
        with pytest.raises(AccessDenied):
            svc.search_cases(other, "zwaan")
        assert audit_actions(other).count("case.read:refused") == 1
    finally:
        other.vault.close()


def test_partner_not_invited_sees_nothing_and_police_cannot_close(vault_path, gemeente):
    case = svc.take_in_signal(gemeente, signal(), person=PersonInput(name=NAME, date_of_birth=dt.date(2004, 5, 1)))
    for login, role, org in (("rob", "partner", "Reclassering"), ("pim", "politie", "Politie Test")):
        other = Session(user(vault_path, login, role, org))
        try:
            if role == "partner":
                with pytest.raises(AccessDenied):
                    svc.read_case(other, case.id)
            else:  # a newcomer holds the municipality's key once a member has acted since
                assert svc.read_case(other, case.id).sealed
                confirm_keys(gemeente, other)
                assert svc.read_case(other, case.id).person.name == NAME
                with pytest.raises(AccessDenied):
                    svc.close_case(other, case.id, "klaar")
        finally:
            other.vault.close()


def test_a_signal_is_never_closed_by_one_party_and_closing_needs_a_reason(vault_path, gemeente):
    """Issue 11: the former one-party path (close a signal with a reason) is refused, also after
    opening a weighing; a case taken into the PGA closes with a reason, never without one."""
    case = svc.take_in_signal(gemeente, signal(), person=PersonInput(name=NAME, date_of_birth=dt.date(2004, 5, 1)))
    for reason in ("   ", "geen zorgen meer"):
        with pytest.raises(DomainError, match="Signaal"):
            svc.close_case(gemeente, case.id, reason)
    weighing.open_weighing(gemeente, case.id)
    with pytest.raises(DomainError, match="gezamenlijke weging|afgeronde weging"):
        svc.close_case(gemeente, case.id, "geen zorgen meer")
    assert svc.read_case(gemeente, case.id).case.phase is Phase.WEGING
    assert audit_actions(gemeente).count("case.close:ok") == 0
    others = [user(vault_path, login, role, org) for login, role, org in (("pim", "politie", "Politie Test"),
                                                                          ("olga", "om", "OM Test"))]
    try:
        weigh(gemeente, case.id)  # the joint weighing takes the person in
        with pytest.raises(DomainError):
            svc.close_case(gemeente, case.id, "   ")
        assert svc.close_case(gemeente, case.id, "geen zorgen meer").phase is Phase.AFGESLOTEN
    finally:
        for other in others:
            other.close()


def test_destruction_leaves_nothing_findable_and_holds_block_it(gemeente, tmp_path):
    clock.freeze(dt.datetime(2020, 1, 10, tzinfo=dt.UTC))
    try:
        doomed = svc.take_in_signal(gemeente, signal(), person=PersonInput(name=NAME, date_of_birth=dt.date(2004, 5, 1)))
        held = svc.take_in_signal(gemeente, signal(), person=PersonInput(name="Hendrikje Vasthouder", date_of_birth=dt.date(1990, 1, 1)))
        for case in (doomed, held):
            close_after_pga(gemeente, case.id)
        sealed_name = {case.id: bytes(gemeente.vault.conn.execute(
            "SELECT p.name FROM persons p JOIN cases c ON c.person_id = p.id WHERE c.id = ?", (case.id,)).fetchone()[0])
            for case in (doomed, held)}
        svc.place_hold(gemeente, held.id, LegalHold(reason="klacht loopt", owner="gemeente", ends_on=dt.date(2030, 1, 1)))
        with pytest.raises(DomainError):
            svc.destroy_expired_case(gemeente, doomed.id)  # not yet overdue
        clock.freeze(dt.datetime(2026, 1, 11, tzinfo=dt.UTC))
        states = {row.case: row.state.value for row in svc.retention_overview(gemeente)}
        assert states == {doomed.number: "overdue", held.number: "on_hold"}
        with pytest.raises(DomainError, match="vernietigingsstop"):
            svc.destroy_expired_case(gemeente, held.id)
        svc.destroy_expired_case(gemeente, doomed.id)
    finally:
        clock.freeze(None)
    assert svc.search_cases(gemeente, "zwaan") == []
    record = gemeente.vault.conn.execute("SELECT case_number, rule_id, actor FROM destruction_records").fetchall()
    assert record == [(doomed.number, "casus-afgesloten", "gea")]
    gemeente.vault.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = plaintext_copy(gemeente, tmp_path)
    assert b"Zwaantje" not in raw and b"Oudewaterloo" not in raw and b"Vasthouder" not in raw  # names are sealed
    assert sealed_name[doomed.id] not in raw
    assert sealed_name[held.id] in raw  # the scan itself sees what is left


def test_keyset_paging_and_seed_is_deterministic(vault_path):
    from pgatui.services.seed import seed_vault

    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        assert seed_vault(Session(vault), 120, seed=5) == 120
        # added by the process that seeded: it seals the keys of the compartments it made
        gea = Session(user(vault_path, "pim", "politie", "Politie Test", admin=vault))  # politie sees every municipality
    try:
        names = [row.name for row in svc.case_rows(gea, limit=5)]
        first = svc.list_cases(gea, limit=50)
        second = svc.list_cases(gea, after_id=first[-1].id, limit=50)
        assert len(first) == 50 and second[0].id > first[-1].id
        phases = {c.phase for c in first + second}
        assert len(phases) >= 4
        assert all(c.phase is Phase.MONITORING for c in svc.list_cases(gea, phase=Phase.MONITORING))
    finally:
        gea.vault.close()
    import random

    from pgatui.services.synthetic import fake_person

    rng = random.Random(5)
    from pgatui import clock as c
    assert fake_person(rng, today=c.today()).name == names[0]


def test_the_seed_indexes_and_counts_each_case_as_an_edit_would(vault_path):
    """The seed writes a batch's blind index from the text it drew, and each weighing once,
    whole: the tokens are those a re-index from the sealed rows gives, and each concluded
    weighing's phenomenon is stored and counted."""
    from pgatui.services.seed import seed_vault
    from pgatui.vault import cases as repo
    from pgatui.vault import process

    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        seed_vault(Session(vault), 40, seed=11)
        reader = user(vault_path, "pim", "politie", "Politie Test", admin=vault)  # holds every municipality's key
    try:
        conn = reader.conn

        def packed() -> dict[int, bytes]:
            return {owner: bytes(tokens) for owner, tokens in
                    conn.execute("SELECT owner, tokens FROM blind_index_owners ORDER BY owner")}

        seeded = packed()
        case_ids = [row[0] for row in conn.execute("SELECT id FROM cases ORDER BY id")]
        assert sorted(seeded) == case_ids and all(seeded.values())
        with reader.transaction():
            for case_id in case_ids:
                repo.reindex_case(conn, case_id)
        assert packed() == seeded
        concluded = [w for case_id in case_ids for w in process.weighings_of(conn, case_id) if w.concluded]
        assert concluded and all(w.phenomenon for w in concluded)
        counted = {row[0] for row in conn.execute("SELECT DISTINCT weighing_id FROM weighing_ideologies")}
        assert counted == {w.id for w in concluded}
    finally:
        reader.close()
