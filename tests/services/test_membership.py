"""Compartment membership in use (issue 12 item 2): a newcomer gets the key from a member, a
disabled member's compartment is re-sealed under a new generation at the next member session,
and a case moved by someone without the target's key is taken in by the target's members."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import ADMIN, ADMIN_PW
from people import confirm_keys, signal, user
from pgatui.domain.models import PersonInput
from pgatui.services import cases as svc
from pgatui.services import ownership
from pgatui.services.session import Session
from pgatui.domain.roles import Role
from pgatui.vault import crypto, keyring, open_vault, sealing
from pgatui.vault.users import change_account

NAME = "Zwaantje Oudewaterloo"
A = "gemeente:1"


@pytest.fixture
def team(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        zuid = vault.add_organisation("Gemeente Zuid", "gemeente")
    people = {"gea": Session(user(vault_path, "gea", "gemeente", "Gemeente Test")),
              "gwen": Session(user(vault_path, "gwen", "gemeente", "Gemeente Test", "tweede-regisseur-lang")),
              "gijs": Session(user(vault_path, "gijs", "gemeente", "Gemeente Zuid", "zuidelijke-regie-lang"))}
    yield people, zuid
    for session in people.values():
        session.vault.close()


def take_in(session):
    return svc.take_in_signal(session, signal(), person=PersonInput(name=NAME, date_of_birth=dt.date(2001, 2, 3),
                                                                     bsn="123456782"))


def sealed_values(conn, compartment: str):
    for table, columns in (("persons", ("name", "bsn")), ("signals", ("observed_facts",)), ("history", ("new",))):
        for row_id, *values in conn.execute(f"SELECT id, {', '.join(columns)} FROM {table} WHERE compartment = ?",
                                            (compartment,)):
            yield from ((table, column, row_id, bytes(value)) for column, value in zip(columns, values)
                        if value is not None)


def test_a_newcomer_reads_once_a_member_has_acted(team, vault_path):
    (people, _zuid) = team
    case = take_in(people["gea"])
    people["gina"] = gina = Session(user(vault_path, "gina", "gemeente", "Gemeente Test", "derde-regisseur-lang"))
    sealed = svc.read_case(gina, case.id)  # added after gea's last action: plain columns only
    assert sealed.sealed and sealed.person.name == "afgeschermd" and sealed.signals == []
    assert [row.name for row in svc.case_rows(gina)] == ["afgeschermd"]
    confirm_keys(people["gea"], gina)  # gea's next action seals the key for gina
    assert svc.read_case(gina, case.id).person.name == NAME


def test_disabling_a_member_reseals_the_compartment_at_the_next_member_session(team, vault_path):
    (people, _zuid) = team
    gea, gwen = people["gea"], people["gwen"]
    confirm_keys(gea, gwen)
    case = take_in(gea)
    old_chain = gwen.vault.conn.sealer.chain(A)
    assert list(old_chain.keys) == [1]
    with open_vault(vault_path, ADMIN, ADMIN_PW) as admin:
        admin.disable_user("gwen")
        ring = keyring.load(vault_path)
        assert ring["compartments"][A]["generation"] == 2 and ring["compartments"][A]["retiring"] == [1]
    found = svc.search_cases(gea, "zwaan")  # gea's next action re-seals under generation 2
    assert [c.id for c, _name in found] == [case.id]
    ring = keyring.load(vault_path)
    assert ring["compartments"][A]["retiring"] == [] and "gwen" not in str(ring["compartments"])
    values = list(sealed_values(gea.vault.conn, A))
    assert values and all(sealing.generation_of(blob) == 2 for *_where, blob in values)
    for table, column, row_id, blob in values:
        with pytest.raises(crypto.DecryptionFailed):
            sealing.open_field(old_chain, table, column, row_id, blob)
    assert svc.read_case(gea, case.id).person.name == NAME
    assert [c.id for c, _name in svc.search_cases(gea, "123456782")] == [case.id]  # BSN token under the new key
    actions = [r[0] for r in gea.vault.conn.execute("SELECT action FROM audit_log WHERE object_id = ?",
                                                    (f"compartment:{A}",))]
    assert "compartment.member.remove" in actions and "compartment.reseal" in actions


def test_a_municipality_taken_away_re_keys_its_compartment_like_a_disabling(team, vault_path):
    (people, zuid) = team
    gea, gwen, gijs = people["gea"], people["gwen"], people["gijs"]
    with open_vault(vault_path, ADMIN, ADMIN_PW) as admin:  # gwen works for both municipalities
        change_account(admin, "gwen", role=Role.GEMEENTE, organisation_id=1, municipalities=[1, zuid])
    confirm_keys(gea, gwen, gijs)
    case = take_in(gea)
    assert gwen.vault.conn.sealer.holds(A) and gwen.vault.conn.sealer.holds(f"gemeente:{zuid}")
    old_chain = gwen.vault.conn.sealer.chain(A)
    gwen.vault.close()
    with open_vault(vault_path, ADMIN, ADMIN_PW) as admin:  # Gemeente Test is taken away from gwen
        change_account(admin, "gwen", role=Role.GEMEENTE, organisation_id=zuid, municipalities=[zuid])
    ring = keyring.load(vault_path)
    assert ring["compartments"][A]["generation"] == 2 and ring["compartments"][A]["retiring"] == [1]
    assert A not in keyring.find_slot(ring, "gwen")["compartments"]
    assert f"gemeente:{zuid}" in keyring.find_slot(ring, "gwen")["compartments"]  # what she keeps stays
    assert [c.id for c, _name in svc.search_cases(gea, "zwaan")] == [case.id]  # gea re-seals under generation 2
    assert keyring.load(vault_path)["compartments"][A]["retiring"] == []
    values = list(sealed_values(gea.vault.conn, A))
    assert values and all(sealing.generation_of(blob) == 2 for *_where, blob in values)
    for table, column, row_id, blob in values:  # the key gwen had opens none of it any more
        with pytest.raises(crypto.DecryptionFailed):
            sealing.open_field(old_chain, table, column, row_id, blob)
    actions = [r[0] for r in gea.vault.conn.execute("SELECT action FROM audit_log WHERE object_id = ?",
                                                    (f"compartment:{A}",))]
    assert "compartment.member.remove" in actions and "compartment.reseal" in actions


def test_a_case_moved_without_the_targets_key_is_taken_in_by_its_members(team, vault_path):
    (people, zuid) = team
    gea, gijs = people["gea"], people["gijs"]
    case = take_in(gea)
    ownership.move_to_municipality(gea, case.id, zuid)  # gea holds no key of Zuid: its drop box
    assert svc.search_cases(gea, "zwaan") == []  # gone from A's index at once
    conn = gijs.vault.conn
    assert conn.execute("SELECT count(*) FROM persons WHERE compartment = ? AND match_token IS NULL",
                        (f"gemeente:{zuid}",)).fetchone()[0] == 1
    gijs.vault.close()
    people["gijs"] = gijs = Session(open_vault(vault_path, "gijs", "zuidelijke-regie-lang"))  # the next session
    assert [c.id for c, _name in svc.search_cases(gijs, "oudewater")] == [case.id]
    assert svc.read_case(gijs, case.id).person.name == NAME
    assert not gijs.vault.conn.execute("SELECT 1 FROM persons WHERE compartment = ? AND match_token IS NULL",
                                       (f"gemeente:{zuid}",)).fetchone()


def test_a_moved_case_takes_its_minutes_actions_and_reasons_along(team, vault_path):
    from process_builders import draft, plan
    from pgatui.services import meetings, monitoring
    from pgatui.vault import accountable
    from pgatui.vault import cases as repo

    (people, zuid) = team
    gea = people["gea"]
    case = take_in(gea)
    meeting_id = plan(gea, (case, set())).id
    meetings.save_minutes(gea, meeting_id, case.id, draft(decisions="Besluit dat meeverhuist"))
    meetings.finalise_minutes(gea, meeting_id, case.id)
    with gea.vault.transaction() as conn:  # written as the services write them, on the open case
        repo.update_case(conn, case.id, closure_reason="Reden die meeverhuist")
        accountable.insert_justification(conn, case.id, dt.date(2026, 1, 2), "Stil maar nodig", "gea")
    ownership.move_to_municipality(gea, case.id, zuid)  # gea holds no key of Zuid: its drop box
    target = f"gemeente:{zuid}"
    conn = gea.vault.conn
    for table in ("minutes", "actions", "interventions", "informing", "dormancy_justifications", "history"):
        assert {r[0] for r in conn.execute(f"SELECT compartment FROM {table} WHERE case_id = ?", (case.id,))} == {target}
    people["gijs"].vault.close()
    people["gijs"] = gijs = Session(open_vault(vault_path, "gijs", "zuidelijke-regie-lang"))
    moved = monitoring.read_process(gijs, case.id)
    assert [m.decisions for m in moved.minutes] == ["Besluit dat meeverhuist"]
    assert [a.description for a in moved.actions] == ["Mentor zoeken"]
    assert [i.reason_not_to for i in moved.informing] == ["Lopend onderzoek"]
    assert svc.read_case(gijs, case.id).case.closure_reason == "Reden die meeverhuist"
    with gijs.vault.transaction() as conn:
        assert accountable.justifications_of(conn, case.id)[0][1] == "Stil maar nodig"


def test_many_cases_in_a_drop_box_are_taken_in_at_the_unlock_in_one_pass(team, vault_path):
    from pgatui.vault import cases as repo
    from pgatui.vault.compartments import BULK_HEADER

    (people, zuid) = team
    gea = people["gea"]
    people["gijs"].vault.close()  # Zuid's member is away while the cases move in
    names = ("Teun Knotwilg", "Hendrikje Vasthouder", NAME)
    for name in names:
        case = svc.take_in_signal(gea, signal(), person=PersonInput(name=name, date_of_birth=dt.date(2001, 2, 3)))
        ownership.move_to_municipality(gea, case.id, zuid)
    boxes = gea.vault.conn.execute("SELECT name FROM persons WHERE compartment = ?", (f"gemeente:{zuid}",)).fetchall()
    assert len({bytes(b[0])[:BULK_HEADER] for b in boxes}) == 1  # gea's session: one transfer key for all three
    people["gijs"] = gijs = Session(open_vault(vault_path, "gijs", "zuidelijke-regie-lang"))
    conn = gijs.vault.conn
    assert not conn.execute("SELECT 1 FROM persons WHERE compartment = ? AND match_token IS NULL",
                            (f"gemeente:{zuid}",)).fetchone()  # the unlock took all three in
    assert not gijs.vault._imports_pending
    assert [sealing.generation_of(b[0]) for b in conn.execute("SELECT name FROM persons WHERE compartment = ?",
                                                               (f"gemeente:{zuid}",))] == [1, 1, 1]
    assert len(svc.search_cases(gijs, "knotwilg")) == 1 and len(svc.case_rows(gijs)) == 3
    seen = []
    with gijs.vault.transaction() as conn:  # nothing left: the progress is not called
        assert repo.import_drop_boxes(conn, f"gemeente:{zuid}", progress=lambda d, t: seen.append((d, t))) == 0
    assert seen == []


def test_taking_in_reports_progress_per_chunk(team, vault_path, monkeypatch):
    from pgatui.vault import cases as repo
    from pgatui.vault import vault as vault_module

    (people, zuid) = team
    gea = people["gea"]
    people["gijs"].vault.close()
    for name in ("Teun Knotwilg", "Hendrikje Vasthouder", NAME):
        case = svc.take_in_signal(gea, signal(), person=PersonInput(name=name, date_of_birth=dt.date(2001, 2, 3)))
        ownership.move_to_municipality(gea, case.id, zuid)
    monkeypatch.setattr(repo, "IMPORT_CHUNK", 2)
    monkeypatch.setattr(vault_module.OpenVault, "_import_moved_in", lambda self: None)  # the test takes them in
    people["gijs"] = gijs = Session(open_vault(vault_path, "gijs", "zuidelijke-regie-lang"))
    seen = []
    with gijs.vault.transaction() as conn:
        assert repo.import_drop_boxes(conn, f"gemeente:{zuid}", progress=lambda d, t: seen.append((d, t))) == 3
    assert seen == [(2, 3), (3, 3)]
    assert len(svc.search_cases(gijs, "vasthouder")) == 1
