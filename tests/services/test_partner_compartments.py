"""Partner compartments (issue 12 item 1, docs/COMPARTMENTS.md): a partner organisation holds no
key of a municipality; what was shared with it (the name of a case it was invited to, the final
minutes of the meetings it was invited to, the interventions and actions it owns) is re-sealed
under `partner:<organisation id>`, so it reads that as it did before the compartments, and
nothing of the cases it was not invited to."""

from __future__ import annotations

import pytest

from helpers import ADMIN, ADMIN_PW
from people import confirm_keys, password_of, user
import datetime as dt

from process_builders import NAME, PARTNER_ORG, draft, make_team, new_case, plan
from pgatui.domain.models import SEALED, InterventionEvaluationInput, InterventionStatus
from pgatui.services import cases as svc
from pgatui.services import meetings, monitoring
from pgatui.services.session import Session
from pgatui.vault import open_vault


@pytest.fixture
def team(vault_path):
    sessions = make_team(vault_path)
    yield sessions
    for session in sessions.values():
        session.vault.close()


def test_an_invited_partner_reads_the_shared_name_and_nothing_of_other_cases(team):
    gea, rob = team["gea"], team["rob"]
    shared, other = new_case(gea), new_case(gea, name="Geheime Anderpersoon")
    meeting_id = plan(gea, (shared, {PARTNER_ORG}), (other, set())).id
    file = svc.read_case(rob, shared.id)
    assert file.person.name == NAME and not file.sealed and file.signals == [] and file.person.bsn is None
    assert [(r.case.id, r.name) for r in svc.case_rows(rob)] == [(shared.id, NAME)]
    assert [(line.case_id, line.name) for line in meetings.read_meeting(rob, meeting_id).lines] == [(shared.id, NAME)]
    copies = gea.vault.conn.execute("SELECT compartment, case_id, field FROM shared_copies").fetchall()
    assert copies == [(f"partner:{rob.user.organisation_id}", shared.id, "name")]
    stored = gea.vault.conn.execute("SELECT value FROM shared_copies").fetchone()[0]
    assert NAME.encode() not in stored and b"Zwaantje" not in stored  # sealed, not a plain copy


def test_an_invitation_before_the_partner_had_users_is_shared_at_a_member_s_next_action(vault_path):
    gea = Session(user(vault_path, "gea", "gemeente", "Gemeente Test"))
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        vault.add_organisation(PARTNER_ORG, "reclassering")
    case = new_case(gea)
    plan(gea, (case, {PARTNER_ORG}))
    assert gea.vault.conn.execute("SELECT count(*) FROM shared_copies").fetchone()[0] == 0  # no compartment yet
    rob = Session(user(vault_path, "rob", "partner", PARTNER_ORG))
    assert svc.read_case(rob, case.id).person.name == SEALED  # not shared yet: never another's plain name
    confirm_keys(gea, rob)  # gea's next action sees the new compartment and writes the copy
    assert svc.read_case(rob, case.id).person.name == NAME
    for session in (gea, rob):
        session.vault.close()


def test_a_partner_colleague_disabled_re_keys_the_partner_compartment_and_the_copy_still_opens(team, vault_path):
    gea, rob = team["gea"], team["rob"]
    ruud = Session(user(vault_path, "ruud", "partner", PARTNER_ORG, "tweede-reclassering-lang"))
    confirm_keys(rob, ruud)
    case = new_case(gea)
    plan(gea, (case, {PARTNER_ORG}))
    ruud.vault.close()
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        vault.disable_user("ruud")
    rob.vault.close()
    with open_vault(vault_path, "rob", password_of("partner")) as vault:  # the unlock re-seals the copy
        assert svc.read_case(Session(vault), case.id).person.name == NAME
        ring = vault._ring["compartments"][f"partner:{vault.user.organisation_id}"]
        assert ring["generation"] == 2 and not ring.get("retiring")


def test_a_partner_reads_final_minutes_and_its_own_work_through_its_copies_and_evaluates(team):
    gea, rob = team["gea"], team["rob"]
    case, other = new_case(gea), new_case(gea, name="Geheime Anderpersoon")
    meeting_id = plan(gea, (case, {PARTNER_ORG}), (other, set())).id
    for item in (case, other):
        meetings.save_minutes(gea, meeting_id, item.id, draft(decisions=f"Besluit over {item.id}"))
    assert monitoring.read_process(rob, case.id).minutes == []  # a draft stays with the core partners
    for item in (case, other):
        meetings.finalise_minutes(gea, meeting_id, item.id)
    shared = monitoring.read_process(rob, case.id)
    assert [m.decisions for m in shared.minutes] == [f"Besluit over {case.id}"]
    assert [a.description for a in shared.actions] == ["Mentor zoeken"]
    (intervention,) = shared.interventions
    fields = {r[0] for r in gea.vault.conn.execute("SELECT field FROM shared_copies WHERE case_id = ?", (case.id,))}
    assert {f.split(".")[0] for f in fields} == {"name", "minutes", "interventions", "actions"}
    assert not gea.vault.conn.execute("SELECT 1 FROM shared_copies WHERE case_id = ?", (other.id,)).fetchone()
    raw = b"".join(bytes(r[0]) for r in gea.vault.conn.execute(
        "SELECT data FROM minutes UNION ALL SELECT description FROM actions UNION ALL SELECT value FROM shared_copies"))
    assert b"Besluit over" not in raw and b"Mentor zoeken" not in raw  # sealed, never a plain copy
    monitoring.evaluate_intervention(rob, intervention.id, InterventionEvaluationInput(
        evaluated_on=dt.date(2026, 4, 1), status=InterventionStatus.GEEVALUEERD, evaluation="Mentor helpt goed"))
    assert [i.evaluation for i in monitoring.read_process(rob, case.id).interventions] == ["Mentor helpt goed"]
    assert [i.evaluation for i in monitoring.read_process(gea, case.id).interventions] == ["Mentor helpt goed"]
