"""The process after intake as services: the joint weighing, the case meeting with invitations and
minutes, interventions, actions, informing, reviews; access per role and destruction of it all."""

from __future__ import annotations

import datetime as dt

import pytest

from people import audit_actions, password_of, plaintext_copy
from process_builders import PARTIES, PARTNER_ORG, draft, make_team, new_case, plan, joint_views, views_for, weigh
from pgatui import clock
from pgatui.domain.models import (Attendance, Conclusion, CriterionView, Dissent, InformingDecision, InterventionEvaluationInput,
                                  InterventionInput, InterventionKind, InterventionStatus, MinutesDraft, Participant,
                                  Phase, Review, WeighingOutcome)
from pgatui.domain.roles import Role
from pgatui.errors import AccessDenied, AuthenticationFailed, DomainError
from pgatui.messages import error_text
from pgatui.services import cases as svc
from pgatui.services import meetings, monitoring, weighing


@pytest.fixture
def team(vault_path):
    sessions = make_team(vault_path)
    yield sessions
    for session in sessions.values():
        session.vault.close()


# --- weighing --------------------------------------------------------------------------------------

def test_full_weighing_moves_the_case_to_the_meeting_with_history(team):
    gea = team["gea"]
    case = new_case(gea)
    weigh(gea, case.id)
    after = svc.read_case(gea, case.id)
    assert after.case.phase is Phase.CASUSOVERLEG
    fields = {(row[0], row[1]) for row in after.history}
    assert {("weighing", "conclusion"), ("weighing", "confirmed.om"), ("case", "phase")} <= fields
    assert "case.phase.casusoverleg:ok" in audit_actions(gea)


def test_an_absent_party_blocks_the_conclusion(team):
    gea = team["gea"]
    case = new_case(gea)
    opened = weighing.open_weighing(gea, case.id)
    for login, role, org in PARTIES[:2]:
        weighing.record_presence(gea, opened.weighing.id, Participant(role=role, name=login, organisation=org))
        weighing.record_view(gea, opened.weighing.id, views_for(role))
    view = weighing.read_weighing(gea, opened.weighing.id)
    assert any("Openbaar Ministerie" in str(issue) for issue in view.issues)
    assert "Not present: Openbaar Ministerie. A weighing needs municipality, police and OM together." in [
        error_text(issue, "en") for issue in view.issues]
    with pytest.raises(DomainError, match="Niet aanwezig: Openbaar Ministerie") as refused:
        weighing.conclude(gea, opened.weighing.id, Conclusion(outcome=WeighingOutcome.OPNEMEN, reasons="x"))
    assert refused.value.code == "weighing.not_ready" and "Niet" not in error_text(refused.value, "en")
    assert svc.read_case(gea, case.id).case.phase is Phase.WEGING


def test_disagreement_is_kept_and_a_missing_confirmation_is_recovered_later(team):
    gea, olga = team["gea"], team["olga"]
    case = new_case(gea)
    opened = weighing.open_weighing(gea, case.id)
    wid = opened.weighing.id
    for login, role, org in PARTIES:
        weighing.record_presence(gea, wid, Participant(role=role, name=login, organisation=org))
        weighing.record_view(gea, wid, views_for(role))
    weighing.record_joint(gea, wid, joint_views(catalogue=opened.catalogue))
    first = opened.catalogue.ids()[0]
    weighing.record_dissent(gea, wid, Dissent(role=Role.OM, criterion_id=first, view=CriterionView.ONBEKEND,
                                              note="OM ziet onvoldoende grond"))
    weighing.conclude(gea, wid, Conclusion(outcome=WeighingOutcome.OPNEMEN, reasons="meerderheid",
                                          disagreement="OM ziet onvoldoende grond"))
    for login, role, _ in PARTIES[:2]:
        weighing.confirm_with_password(gea, wid, login, password_of(role.value))
    assert svc.read_case(gea, case.id).case.phase is Phase.WEGING  # waits for OM
    with pytest.raises(DomainError):
        weighing.conclude(gea, wid, Conclusion(outcome=WeighingOutcome.GEEN_ACTIE, reasons="anders"))
    done = weighing.confirm_as_me(olga, wid)
    assert done.disagreement == "OM ziet onvoldoende grond"
    assert [(d.role, d.note) for d in done.dissents_on(first)] == [(Role.OM, "OM ziet onvoldoende grond")]
    assert {"weighing.joint:ok", "weighing.dissent:ok"} <= set(audit_actions(gea))
    assert svc.read_case(gea, case.id).case.phase is Phase.CASUSOVERLEG


def test_a_wrong_password_or_a_partner_cannot_confirm(team):
    gea = team["gea"]
    case = new_case(gea)
    wid = weigh(gea, case.id, confirm=False)
    with pytest.raises(AuthenticationFailed):
        weighing.confirm_with_password(gea, wid, "pim", "niet-het-wachtwoord")
    with pytest.raises(AccessDenied):
        weighing.confirm_with_password(gea, wid, "rob", password_of("partner"))
    with pytest.raises(AccessDenied):
        weighing.record_view(team["rob"], wid, views_for(Role.POLITIE))
    assert "weighing.confirm:refused" in audit_actions(gea)
    assert "weighing.record_view:refused" in audit_actions(team["rob"])


@pytest.mark.parametrize("outcome, phase", [
    (WeighingOutcome.GEEN_ACTIE, Phase.AFGESLOTEN),
    (WeighingOutcome.ZORG_VEILIGHEIDSHUIS, Phase.AFGESLOTEN),
    (WeighingOutcome.MEER_INFORMATIE, Phase.SIGNAAL),
])
def test_each_outcome_has_its_follow_up(team, outcome, phase):
    gea = team["gea"]
    case = new_case(gea)
    deadline = gea.today() + dt.timedelta(days=30) if outcome is WeighingOutcome.MEER_INFORMATIE else None
    weigh(gea, case.id, outcome, deadline=deadline)
    after = svc.read_case(gea, case.id).case
    assert after.phase is phase
    if phase is Phase.AFGESLOTEN:
        assert after.closed_on == gea.today() and after.closure_reason
    else:
        assert after.follow_up_deadline == deadline
        tasks = svc.dashboard(gea).tasks
        assert ("follow_up_due", case.id) in {(t.kind, t.case_id) for t in tasks}
        again = weighing.open_weighing(gea, case.id)  # new information: a second weighing
        assert again.weighing.id != after.id and len(again.earlier) == 1


# --- meeting and minutes ---------------------------------------------------------------------------

def test_partner_sees_only_invited_cases_and_only_final_minutes(team):
    gea, rob = team["gea"], team["rob"]
    shared_case, other_case = new_case(gea), new_case(gea, "Hendrikje Vasthouder")
    for case in (shared_case, other_case):
        weigh(gea, case.id)
    meeting = plan(gea, (shared_case, {PARTNER_ORG}), (other_case, set()))
    meetings.save_minutes(gea, meeting.id, shared_case.id, draft())
    assert [c.id for c in svc.list_cases(rob)] == [shared_case.id]
    assert [line.case_id for line in meetings.read_meeting(rob, meeting.id).lines] == [shared_case.id]
    assert meetings.minutes_of_case(rob, shared_case.id) == []  # a draft stays with the core partners
    with pytest.raises(AccessDenied):
        svc.read_case(rob, other_case.id)
    meetings.finalise_minutes(gea, meeting.id, shared_case.id)
    seen = monitoring.read_process(rob, shared_case.id)
    assert [m.decisions for m in seen.minutes] == ["Opnemen in de PGA"]
    assert seen.weighings == [] and seen.informing == []
    restricted = svc.read_case(rob, shared_case.id)
    assert restricted.restricted and restricted.signals == [] and restricted.person.bsn is None
    assert "case.read:refused" in audit_actions(rob)


def test_finalised_minutes_refuse_edits_and_take_dated_addenda(team):
    gea, pim = team["gea"], team["pim"]
    case = new_case(gea)
    weigh(gea, case.id)
    meeting = plan(gea, (case, {PARTNER_ORG}))
    meetings.record_attendance(gea, meeting.id, (Attendance(name="gea", organisation="Gemeente Test",
                                                            role="voorzitter"),))
    meetings.save_minutes(pim, meeting.id, case.id, draft())
    with pytest.raises(AccessDenied):
        meetings.finalise_minutes(pim, meeting.id, case.id)  # the chair (gemeente) finalises
    final = meetings.finalise_minutes(gea, meeting.id, case.id)
    assert final.is_final
    with pytest.raises(DomainError, match="addendum"):
        meetings.save_minutes(gea, meeting.id, case.id, draft(decisions="achteraf anders"))
    amended = meetings.add_addendum(gea, meeting.id, case.id, "Correctie: mentor via wijkteam")
    assert amended.addenda[0].written_on == gea.today() and amended.decisions == "Opnemen in de PGA"
    after = svc.read_case(gea, case.id).case
    assert after.phase is Phase.MONITORING and after.next_review_on is not None
    process = monitoring.read_process(gea, case.id)
    assert len(process.interventions) == 1 and len(process.actions) == 1 and len(process.informing) == 1


def test_minutes_without_a_plan_keep_the_case_in_the_meeting_phase(team):
    gea = team["gea"]
    case = new_case(gea)
    weigh(gea, case.id)
    meeting = plan(gea, (case, set()))
    meetings.save_minutes(gea, meeting.id, case.id, MinutesDraft(decisions="Volgende keer verder"))
    meetings.finalise_minutes(gea, meeting.id, case.id)
    assert svc.read_case(gea, case.id).case.phase is Phase.CASUSOVERLEG


def test_a_case_not_on_the_agenda_gets_no_minutes(team):
    gea = team["gea"]
    case, stranger = new_case(gea), new_case(gea, "Hendrikje Vasthouder")
    weigh(gea, case.id)
    meeting = plan(gea, (case, set()))
    with pytest.raises(DomainError, match="agenda"):
        meetings.save_minutes(gea, meeting.id, stranger.id, draft())


def test_agenda_candidates_list_new_cases_and_reviews(team):
    gea = team["gea"]
    case = new_case(gea)
    weigh(gea, case.id)
    assert [(c.case.id, c.reason) for c in meetings.agenda_candidates(gea)] == [(case.id, "nieuw")]
    with pytest.raises(AccessDenied):
        meetings.agenda_candidates(team["pim"])


# --- monitoring ------------------------------------------------------------------------------------

@pytest.fixture
def monitored(team):
    gea = team["gea"]
    case = new_case(gea)
    weigh(gea, case.id)
    meeting = plan(gea, (case, {PARTNER_ORG}))
    meetings.save_minutes(gea, meeting.id, case.id, draft())
    meetings.finalise_minutes(gea, meeting.id, case.id)
    return case


def test_the_owner_partner_completes_its_action_and_evaluates_its_intervention(team, monitored):
    rob, gea = team["rob"], team["gea"]
    board = svc.dashboard(rob)
    assert [t.kind for t in board.tasks] == ["action_due", "intervention_due"]
    action = monitoring.read_process(rob, monitored.id).actions[0]
    done = monitoring.complete_action(rob, action.id)
    assert done.done_by == "rob"
    with pytest.raises(DomainError):
        monitoring.complete_action(rob, action.id)
    intervention = monitoring.read_process(rob, monitored.id).interventions[0]
    evaluated = monitoring.evaluate_intervention(rob, intervention.id, InterventionEvaluationInput(
        evaluated_on=dt.date(2026, 4, 2), status=InterventionStatus.GEEVALUEERD, evaluation="Loopt goed"))
    assert evaluated.status is InterventionStatus.GEEVALUEERD
    other = monitoring.add_intervention(gea, monitored.id, InterventionInput(
        kind=InterventionKind.ZORG, owner_partner="GGZ Test", starts_on=dt.date(2026, 1, 1),
        evaluate_on=dt.date(2026, 6, 1)))
    with pytest.raises(AccessDenied):  # not the partner's own intervention
        monitoring.evaluate_intervention(rob, other.id, InterventionEvaluationInput(
            evaluated_on=dt.date(2026, 6, 1), status=InterventionStatus.GESTOPT, evaluation="x"))
    assert "intervention.manage:refused" in audit_actions(rob)


def test_informing_and_review_are_recorded_and_show_when_due(team, monitored):
    gea = team["gea"]
    clock.freeze(dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    try:
        kinds = {t.kind for t in svc.dashboard(gea).tasks if t.case_id == monitored.id}
        assert {"informing_due", "review_due", "intervention_due"} <= kinds
        monitoring.record_informing(gea, monitored.id, InformingDecision(informed_on=dt.date(2030, 1, 1),
                                                                        informed_by="gea"))
        monitoring.record_review(gea, monitored.id, Review(reviewed_on=dt.date(2030, 1, 1), still_needed=True,
                                                           reason="Doelen nog niet bereikt"))
        kinds = {t.kind for t in svc.dashboard(gea).tasks if t.case_id == monitored.id}
        assert "informing_due" not in kinds and "review_due" not in kinds
        assert svc.read_case(gea, monitored.id).case.next_review_on == dt.date(2031, 1, 1)
    finally:
        clock.freeze(None)
    with pytest.raises(AccessDenied):
        monitoring.record_review(team["pim"], monitored.id, Review(reviewed_on=dt.date(2030, 1, 1),
                                                                   still_needed=False, reason="x"))


def test_stale_drafts_show_for_the_chair(team):
    gea = team["gea"]
    case = new_case(gea)
    weigh(gea, case.id)
    meeting = plan(gea, (case, set()))
    meetings.save_minutes(gea, meeting.id, case.id, draft())
    clock.freeze(dt.datetime.combine(gea.today() + dt.timedelta(days=15), dt.time(9), tzinfo=dt.UTC))
    try:
        assert [row[1] for row in meetings.stale_draft_minutes(gea)] == [case.id]
        assert "minutes_due" in {t.kind for t in svc.dashboard(gea).tasks}
    finally:
        clock.freeze(None)


def test_destruction_removes_the_whole_process(team, monitored, tmp_path):
    gea = team["gea"]
    svc.close_case(gea, monitored.id, "doelen bereikt")
    clock.freeze(dt.datetime(2040, 1, 1, tzinfo=dt.UTC))
    try:
        svc.destroy_expired_case(gea, monitored.id)
    finally:
        clock.freeze(None)
    conn = gea.vault.conn
    for table in ("weighings", "minutes", "agenda_items", "invitations", "interventions", "actions", "informing",
                  "reviews", "history"):
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = plaintext_copy(gea, tmp_path)
    for trace in (b"Zwaantje", b"Oudewaterloo", b"Mentor zoeken", b"Gedeeld door politie", b"stabiele dagbesteding"):
        assert trace not in raw


def test_ids_and_case_numbers_are_never_reused_after_destruction(team):
    gea = team["gea"]
    first = new_case(gea)
    weigh(gea, first.id, WeighingOutcome.GEEN_ACTIE)
    old_weighing = gea.vault.conn.execute("SELECT max(id) FROM weighings").fetchone()[0]
    clock.freeze(dt.datetime(2045, 1, 1, tzinfo=dt.UTC))
    try:
        svc.destroy_expired_case(gea, first.id)
    finally:
        clock.freeze(None)
    second = new_case(gea)
    weigh(gea, second.id)
    assert second.id > first.id and second.number != first.number
    assert gea.vault.conn.execute("SELECT max(id) FROM weighings").fetchone()[0] > old_weighing


def test_review_interval_and_stale_minutes_follow_the_vault_settings(team, monitored, vault_path):
    from helpers import ADMIN, ADMIN_PW
    from pgatui.services.session import Session
    from pgatui.services.settings import change_settings
    from pgatui.vault import open_vault

    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        change_settings(Session(vault), review_interval_months=6, unfinalised_minutes_warning_days=1)
    gea = team["gea"]
    monitoring.record_review(gea, monitored.id, Review(reviewed_on=dt.date(2030, 1, 31), still_needed=True,
                                                       reason="Nog in beeld"))
    assert svc.read_case(gea, monitored.id).case.next_review_on == dt.date(2030, 7, 31)
    case = new_case(gea, "Hendrikje Vasthouder")
    weigh(gea, case.id)
    meeting = plan(gea, (case, set()))
    meetings.save_minutes(gea, meeting.id, case.id, draft())
    clock.freeze(dt.datetime.combine(gea.today() + dt.timedelta(days=2), dt.time(9), tzinfo=dt.UTC))
    try:
        assert [row[1] for row in meetings.stale_draft_minutes(gea)] == [case.id]
    finally:
        clock.freeze(None)
