"""The one-page summary and the "since the last weighing / last meeting" view (issue 14, item 5):
what each role sees, what counts as changed, the per-partner export, and the audit (ids only)."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import exported_text
from people import audit_actions, signal
from process_builders import NAME, PARTNER_ORG, draft, make_team, new_case, plan, weigh
from pgatui import clock
from pgatui.domain.models import (InterventionEvaluationInput, InterventionStatus, LegalHold, PersonInput, Phase,
                                  WeighingOutcome)
from pgatui.errors import AccessDenied, DomainError
from pgatui.services import cases as svc
from pgatui.services import meetings, monitoring
from pgatui.services.summary import DateKind, Since, case_summary, changes_since, export_summary

WEIGHED = dt.date(2026, 1, 5)
MET = dt.date(2026, 1, 12)
LATER = dt.date(2026, 1, 20)


def at(day: dt.date) -> None:
    clock.freeze(dt.datetime.combine(day, dt.time(10), dt.UTC))


@pytest.fixture
def team(vault_path):
    sessions = make_team(vault_path)
    yield sessions
    clock.freeze(None)
    for session in sessions.values():
        session.vault.close()


@pytest.fixture
def followed_case(team):
    """Weighed on WEIGHED, discussed on MET (partner invited, minutes final), then on LATER a second
    signal, the action done and the intervention evaluated."""
    gea = team["gea"]
    at(WEIGHED)
    case = svc.take_in_signal(gea, signal(received_on=WEIGHED), person=_person())
    weigh(gea, case.id)
    at(MET)
    meeting = plan(gea, (case, {PARTNER_ORG}))
    meetings.save_minutes(gea, meeting.id, case.id, draft())
    meetings.finalise_minutes(gea, meeting.id, case.id)
    svc.place_hold(gea, case.id, LegalHold(reason="klacht loopt", owner="Gemeente Test", ends_on=dt.date(2026, 9, 1)))
    return case


def _person():
    return PersonInput(name=NAME, date_of_birth=dt.date(2004, 5, 1))


def _later_events(team, case) -> int:
    gea = team["gea"]
    at(LATER)
    svc.take_in_signal(gea, signal(received_on=LATER, observed_facts="Tweede signaal"), person_id=case.person_id)
    second = next(s for s in svc.read_case(gea, case.id).signals if s.observed_facts == "Tweede signaal")
    process = monitoring.read_process(gea, case.id)
    monitoring.complete_action(gea, process.actions[0].id)
    monitoring.evaluate_intervention(gea, process.interventions[0].id, InterventionEvaluationInput(
        evaluated_on=LATER, status=InterventionStatus.LOPEND, evaluation="Mentor gevonden"))
    return second.id


def test_summary_shows_who_where_phase_weighing_open_work_dates_and_holds(team, followed_case):
    summary = case_summary(team["gea"], followed_case.id)
    assert (summary.case.number, summary.name, summary.municipality, summary.case.director) == \
        (followed_case.number, NAME, "Gemeente Test", "gea")
    assert summary.case.phase is Phase.MONITORING
    assert summary.last_weighing.outcome is WeighingOutcome.OPNEMEN
    assert [i.owner_partner for i in summary.open_interventions] == [PARTNER_ORG]
    assert [a.description for a in summary.open_actions] == ["Mentor zoeken"]
    assert [h.reason for h in summary.holds] == ["klacht loopt"]
    kinds = [kind for _, kind in summary.next_dates]
    assert {DateKind.ACTION, DateKind.EVALUATION, DateKind.REVIEW, DateKind.HOLD} <= set(kinds)
    assert [day for day, _ in summary.next_dates] == sorted(day for day, _ in summary.next_dates)
    assert "case.summary:ok" in audit_actions(team["gea"])


def test_a_partner_sees_only_what_was_shared_with_it(team, followed_case):
    summary = case_summary(team["rob"], followed_case.id)
    assert summary.partner == PARTNER_ORG and summary.last_weighing is None and summary.holds == []
    assert [a.owner_organisation for a in summary.open_actions] == [PARTNER_ORG]
    assert DateKind.HOLD not in {kind for _, kind in summary.next_dates}


def test_changes_since_the_weighing_and_since_the_meeting(team, followed_case):
    second = _later_events(team, followed_case)
    since_weighing = changes_since(team["gea"], followed_case.id, Since.WEIGHING)
    assert since_weighing.since_on == WEIGHED
    assert [s.id for s in since_weighing.new_signals] == [second]
    assert [a.description for a in since_weighing.actions_done] == ["Mentor zoeken"]
    assert [i.evaluation for i in since_weighing.evaluations] == ["Mentor gevonden"]
    fields = {(h.entity, h.field) for h in since_weighing.changed_fields}
    assert ("minutes", "status") in fields and ("hold", "ends_on") in fields  # both after the weighing
    assert ("weighing", "conclusion") not in fields  # the weighing itself is the starting point

    since_meeting = changes_since(team["gea"], followed_case.id, Since.MEETING)
    assert since_meeting.since_on == MET
    assert [s.id for s in since_meeting.new_signals] == [second]
    assert ("minutes", "status") not in {(h.entity, h.field) for h in since_meeting.changed_fields}
    assert "case.changes:ok" in audit_actions(team["gea"])


def test_a_partner_sees_only_its_own_work_done(team, followed_case):
    _later_events(team, followed_case)
    changes = changes_since(team["rob"], followed_case.id, Since.MEETING)
    assert changes.new_signals == [] and changes.changed_fields == []
    assert [a.owner_organisation for a in changes.actions_done] == [PARTNER_ORG]


def test_no_earlier_weighing_or_meeting_counts_everything(team):
    gea = team["gea"]
    at(WEIGHED)
    case = new_case(gea)
    changes = changes_since(gea, case.id, Since.MEETING)
    assert changes.since_on is None and len(changes.new_signals) == 1


def test_the_per_partner_export_holds_only_that_partners_share(team, followed_case, tmp_path):
    gea = team["gea"]
    partner_id = next(o.id for o in gea.vault.list_organisations() if o.name == PARTNER_ORG)
    full = exported_text(export_summary(gea, followed_case.id, tmp_path / "volledig.txt"))
    shared = exported_text(export_summary(gea, followed_case.id, tmp_path / "partner.pdf", organisation_id=partner_id))
    assert "Opnemen in de PGA" in full and "klacht loopt" in full and "Zwaantje" not in full  # initials only
    assert "Mentor zoeken" in shared and PARTNER_ORG in shared
    assert "Laatste weging" not in shared and "klacht loopt" not in shared and "Opnemen in de PGA" not in shared
    assert "12-01-2026" in full or "01-02-2026" in full  # dates as officials write them
    assert audit_actions(gea).count("case.summary_export:ok") == 2


def test_the_per_partner_export_needs_an_invited_partner_and_the_municipality(team, followed_case, tmp_path):
    gea, pim = team["gea"], team["pim"]
    other = next(o.id for o in gea.vault.list_organisations() if o.name == "Politie Test")
    with pytest.raises(DomainError):
        export_summary(gea, followed_case.id, tmp_path / "x.txt", organisation_id=other)
    partner_id = next(o.id for o in gea.vault.list_organisations() if o.name == PARTNER_ORG)
    with pytest.raises(AccessDenied):
        export_summary(pim, followed_case.id, tmp_path / "y.txt", organisation_id=partner_id)
    assert not (tmp_path / "x.txt").exists() and not (tmp_path / "y.txt").exists()
