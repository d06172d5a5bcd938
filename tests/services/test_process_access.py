"""Every process service refuses every role that may not use it, and audits each refusal."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import ADMIN, ADMIN_PW
from people import user
from process_builders import PARTNER_ORG, draft, make_team, new_case, plan, views_for, weigh
from pgatui.domain.models import (AgendaItem, AgendaReason, Conclusion, InformingDecision,
                                  InterventionEvaluationInput, InterventionStatus, MeetingInput, MinutesDraft,
                                  Participant, Review, WeighingOutcome)
from pgatui.domain.roles import Role
from pgatui.errors import AccessDenied
from pgatui.services import cases as svc
from pgatui.services import meetings, monitoring, weighing
from pgatui.services.session import Session
from pgatui.vault import open_vault

CORE = {"gea", "pim", "olga"}
GEMEENTE = {"gea"}
EVERYONE = ("gea", "pim", "olga", "rob", "vera", "tom", ADMIN)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """One vault: a monitored case (partner rob's organisation invited and owning an intervention and
    an action) and a case in its weighing. `vera` is a partner who was never invited."""
    from pgatui.vault import crypto, create_vault

    crypto.use_kdf_for_new_slots(crypto.FAST_KDF_FOR_TESTS)
    path = tmp_path_factory.mktemp("access") / "regio.pgavault"
    create_vault(path, ADMIN, ADMIN_PW, "Gemeente Test")
    team = make_team(path)
    team["vera"] = Session(user(path, "vera", "partner", "Veilig Thuis Test"))
    team["tom"] = Session(user(path, "tom", "toezicht", "FG Test"))
    team[ADMIN] = Session(open_vault(path, ADMIN, ADMIN_PW))
    gea = team["gea"]
    monitored = new_case(gea)
    weigh(gea, monitored.id)
    meeting = plan(gea, (monitored, {PARTNER_ORG}))
    meetings.save_minutes(gea, meeting.id, monitored.id, draft())
    meetings.finalise_minutes(gea, meeting.id, monitored.id)
    in_weighing = new_case(gea, "Hendrikje Vasthouder")
    opened = weighing.open_weighing(gea, in_weighing.id)
    fresh = new_case(gea, "Wouter Nieuwkomer")
    process = monitoring.read_process(gea, monitored.id)
    ids = dict(monitored=monitored.id, meeting=meeting.id, weighing=opened.weighing.id, fresh=fresh.id,
               intervention=process.interventions[0].id, action=process.actions[0].id)
    yield team, ids
    for session in team.values():
        session.vault.close()
    crypto.use_kdf_for_new_slots(crypto.STRONG_KDF)


CALLS = {
    "open_weighing": (CORE, lambda s, i: weighing.open_weighing(s, i["fresh"])),
    "record_presence": (CORE, lambda s, i: weighing.record_presence(
        s, i["weighing"], Participant(role=Role.OM, name="x", organisation="OM"))),
    "record_view": (CORE, lambda s, i: weighing.record_view(s, i["weighing"], views_for(Role.OM))),
    "conclude": (CORE, lambda s, i: weighing.conclude(
        s, i["weighing"], Conclusion(outcome=WeighingOutcome.GEEN_ACTIE, reasons="x"))),
    "next_on_agenda": (CORE, lambda s, i: weighing.next_on_agenda(s, i["fresh"])),
    "confirm_as_me": (CORE, lambda s, i: weighing.confirm_as_me(s, i["weighing"])),
    "plan_meeting": (GEMEENTE, lambda s, i: meetings.plan_meeting(s, MeetingInput(held_on=dt.date(2026, 12, 1),
                                                                                  chair="gea"))),
    "add_to_agenda": (GEMEENTE, lambda s, i: meetings.add_to_agenda(
        s, i["meeting"], AgendaItem(case_id=i["fresh"], reason=AgendaReason.NIEUW))),
    "agenda_candidates": (GEMEENTE, lambda s, i: meetings.agenda_candidates(s)),
    "read_meeting": (CORE | {"rob"}, lambda s, i: meetings.read_meeting(s, i["meeting"])),
    "record_attendance": (CORE, lambda s, i: meetings.record_attendance(s, i["meeting"], ())),
    "save_minutes": (CORE, lambda s, i: meetings.save_minutes(s, i["meeting"], i["monitored"], MinutesDraft())),
    "finalise_minutes": (GEMEENTE, lambda s, i: meetings.finalise_minutes(s, i["meeting"], i["monitored"])),
    "add_addendum": (GEMEENTE, lambda s, i: meetings.add_addendum(s, i["meeting"], i["monitored"], "x")),
    "minutes_of_case": (CORE | {"rob"}, lambda s, i: meetings.minutes_of_case(s, i["monitored"])),
    "stale_draft_minutes": (GEMEENTE, lambda s, i: meetings.stale_draft_minutes(s)),
    "read_process": (CORE | {"rob"}, lambda s, i: monitoring.read_process(s, i["monitored"])),
    "evaluate_intervention": (CORE | {"rob"}, lambda s, i: monitoring.evaluate_intervention(
        s, i["intervention"], InterventionEvaluationInput(evaluated_on=dt.date(2026, 4, 1),
                                                          status=InterventionStatus.LOPEND, evaluation="x"))),
    "complete_action": (CORE | {"rob"}, lambda s, i: monitoring.complete_action(s, i["action"])),
    "record_informing": (GEMEENTE, lambda s, i: monitoring.record_informing(
        s, i["monitored"], InformingDecision(informed_on=dt.date(2026, 1, 1), informed_by="gea"))),
    "record_review": (GEMEENTE, lambda s, i: monitoring.record_review(
        s, i["monitored"], Review(reviewed_on=dt.date(2026, 1, 1), still_needed=True, reason="x"))),
    "read_case": (CORE | {"rob"}, lambda s, i: svc.read_case(s, i["monitored"])),
}


def refusals(session) -> int:
    return session.vault.conn.execute("SELECT count(*) FROM audit_log WHERE result = 'refused' AND actor = ?",
                                      (session.user.login,)).fetchone()[0]


@pytest.mark.parametrize("name", sorted(CALLS))
def test_every_role_that_may_not_is_refused_and_the_refusal_audited(world, name):
    team, ids = world
    allowed, call = CALLS[name]
    for login in EVERYONE:
        if login in allowed:
            continue
        session = team[login]
        before = refusals(session)
        with pytest.raises(AccessDenied):
            call(session, ids)
        assert refusals(session) == before + 1, f"{name} by {login}: refusal not audited"
