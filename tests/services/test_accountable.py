"""Issue 11, items 1, 4 and 7 through the real services: no one-party disposal (duplicate and error
need a second core partner), the criminal track beside the PGA decision with the re-integration
task, and dormant open files (close with a reason or justify)."""

from __future__ import annotations

import datetime as dt

import pytest

from people import audit_actions, password_of, user
from process_builders import make_team, new_case, weigh
from pgatui import clock
from pgatui.domain.models import Conclusion, CriminalTrack, Phase, WeighingOutcome
from pgatui.domain.retention import RetentionState
from pgatui.errors import AccessDenied, AuthenticationFailed, DomainError
from pgatui.services import cases as svc
from pgatui.services import disposal, dormancy, retention, weighing
from pgatui.services.session import Session
from pgatui.services.settings import change_settings
from pgatui.vault import cases as cases_repo
from pgatui.vault import process


@pytest.fixture
def team(vault_path):
    sessions = make_team(vault_path)
    yield sessions
    for session in sessions.values():
        session.vault.close()
    clock.freeze(None)


def at(day: dt.date) -> None:
    clock.freeze(dt.datetime.combine(day, dt.time(12), dt.UTC))


# --- item 1: no one-party disposal ---------------------------------------------------------------

def test_every_former_one_party_path_to_afgesloten_is_refused(team):
    gea = team["gea"]
    case = new_case(gea)
    with pytest.raises(DomainError):
        svc.close_case(gea, case.id, "verhuisd")
    weighing.open_weighing(gea, case.id)  # opening a weighing is no way round it
    with pytest.raises(DomainError):
        svc.close_case(gea, case.id, "verhuisd")
    with pytest.raises(DomainError):  # nor is calling a quiet file dormant
        dormancy.close_dormant_case(gea, case.id, "verhuisd")
    with pytest.raises(AccessDenied):  # a disposal without the second confirmation
        disposal.dispose_error(gea, case.id, None)
    assert svc.read_case(gea, case.id).case.phase is Phase.WEGING
    assert "case.dispose.vergissing:refused" in audit_actions(gea)


@pytest.mark.parametrize("second, password, error", [
    ("gea", password_of("gemeente"), AccessDenied),  # the same user
    ("rob", password_of("partner"), AccessDenied),  # a partner is no core partner
    ("pim", "niet-het-wachtwoord", AuthenticationFailed),
])
def test_the_second_confirmation_is_another_core_partner_with_their_own_password(team, second, password, error):
    gea = team["gea"]
    case = new_case(gea)
    with pytest.raises(error):
        disposal.confirm_disposal(gea, case.id, second, password)
    assert audit_actions(gea)[-1] == "disposal.confirm:refused"
    assert svc.read_case(gea, case.id).case.phase is Phase.SIGNAAL


def test_the_file_offers_a_disposal_only_to_a_core_partner_while_the_signal_is_unweighed(team):
    """The case file's allowed actions come from the service, with the case's phase in them."""
    from pgatui.domain.access import Permission

    gea = team["gea"]
    case = new_case(gea)
    assert Permission.CASE_DISPOSE in svc.read_case(gea, case.id).allowed
    assert Permission.CASE_DISPOSE in svc.read_case(team["pim"], case.id).allowed
    weigh(gea, case.id)
    after = svc.read_case(gea, case.id)
    assert after.case.phase is not Phase.SIGNAAL
    assert Permission.CASE_DISPOSE not in after.allowed
    assert Permission.CASE_READ in after.allowed


def test_the_beheerder_cannot_confirm_a_disposal(team, vault_path):
    from helpers import ADMIN, ADMIN_PW

    gea = team["gea"]
    case = new_case(gea)
    with pytest.raises(AccessDenied, match="kernpartner"):
        disposal.confirm_disposal(gea, case.id, ADMIN, ADMIN_PW)
    assert audit_actions(gea)[-1] == "disposal.confirm:refused"


def test_a_duplicate_moves_its_signals_keeps_history_on_both_and_leaves_proof_for_the_fg(team, vault_path):
    gea, pim = team["gea"], team["pim"]
    original = new_case(gea, "Zwaantje Oudewaterloo")
    duplicate = new_case(gea, "Zwaantje Oude Waterloo")  # typed in again as another person
    confirmation = disposal.confirm_disposal(gea, duplicate.id, "pim", password_of("politie"))
    with pytest.raises(AccessDenied):  # a confirmation counts for its own case only
        disposal.dispose_error(gea, original.id, confirmation)
    record = disposal.dispose_duplicate(gea, duplicate.id, original.number, confirmation)
    assert (record.case_number, record.other_number, record.actor, record.confirmed_by) == (
        duplicate.number, original.number, "gea", "pim")
    kept, emptied = svc.read_case(gea, original.id), svc.read_case(gea, duplicate.id)
    assert len(kept.signals) == 2 and emptied.signals == []
    assert emptied.case.phase is Phase.AFGESLOTEN and original.number in emptied.case.closure_reason
    for file in (kept, emptied):
        assert any(row[0] == "signal" and row[1] == "case_id" for row in file.history)
    # The signal text is now found under the original only (the emptied case keeps its name).
    assert {c.id for c, _ in svc.search_cases(gea, "haatzaai")} == {original.id}
    fg = Session(user(vault_path, "fien", "toezicht", "FG Test"))
    try:
        (seen,) = disposal.disposal_records(fg)
        assert seen == record
        with pytest.raises(AccessDenied):
            svc.read_case(fg, duplicate.id)
    finally:
        fg.vault.close()
    assert "case.dispose.duplicaat:ok" in audit_actions(gea) and "disposal.confirm:ok" in audit_actions(gea)
    with pytest.raises(DomainError):  # a closed case receives no duplicate's signals
        third = new_case(gea, "Iemand Anders")
        disposal.dispose_duplicate(gea, third.id, duplicate.number,
                                   disposal.confirm_disposal(gea, third.id, "olga", password_of("om")))


def test_an_error_closes_a_signal_and_a_weighed_case_is_not_disposable(team):
    gea = team["gea"]
    wrong, weighed = new_case(gea, "Abuis Ingevoerd"), new_case(gea, "Wel Gewogen")
    record = disposal.dispose_error(gea, wrong.id, disposal.confirm_disposal(gea, wrong.id, "olga", password_of("om")))
    assert record.kind.value == "vergissing" and record.other_number is None
    assert svc.read_case(gea, wrong.id).case.phase is Phase.AFGESLOTEN
    weigh(gea, weighed.id)
    with pytest.raises(DomainError, match="niet gewogen"):
        disposal.dispose_error(gea, weighed.id, disposal.confirm_disposal(gea, weighed.id, "pim",
                                                                          password_of("politie")))


# --- item 4: the criminal track runs alongside ---------------------------------------------------

def test_strafrechtelijk_onderzoek_is_no_longer_a_pga_outcome():
    with pytest.raises(ValueError, match="strafrechtelijk traject"):
        Conclusion(outcome=WeighingOutcome.STRAFRECHTELIJK, reasons="oud")
    with pytest.raises(ValueError, match="detentie"):
        Conclusion(outcome=WeighingOutcome.OPNEMEN, reasons="r", criminal_track=CriminalTrack.ONDERZOEK,
                   expected_release_on=dt.date(2027, 1, 1))


def test_detention_keeps_the_case_open_and_raises_the_reintegration_task_before_release(team):
    gea = team["gea"]
    at(dt.date(2026, 1, 5))
    case = new_case(gea)
    release = dt.date(2026, 9, 1)
    weigh(gea, case.id, criminal_track=CriminalTrack.DETENTIE, expected_release_on=release)
    after = svc.read_case(gea, case.id)
    assert after.case.phase is Phase.CASUSOVERLEG  # the PGA runs alongside the criminal proceedings
    assert any(row[1] == "criminal_track" for row in after.history)
    tasks = lambda: {(t.kind, t.case_id) for t in svc.dashboard(gea).tasks}  # noqa: E731
    at(release - dt.timedelta(weeks=8, days=1))
    assert ("reintegration_due", case.id) not in tasks()
    at(release - dt.timedelta(weeks=8))
    assert ("reintegration_due", case.id) in tasks()
    (stored,) = [w for w in svc_weighings(gea, case.id)]
    assert (stored.criminal_track, stored.expected_release_on) == (CriminalTrack.DETENTIE, release)


def svc_weighings(session, case_id):
    from pgatui.services import monitoring

    return monitoring.read_process(session, case_id).weighings


def test_the_lead_time_is_a_vault_setting(team, vault_path):
    from helpers import ADMIN, ADMIN_PW
    from pgatui.vault import open_vault

    gea = team["gea"]
    at(dt.date(2026, 1, 5))
    case = new_case(gea)
    weigh(gea, case.id, criminal_track=CriminalTrack.DETENTIE, expected_release_on=dt.date(2026, 9, 1))
    with open_vault(vault_path, ADMIN, ADMIN_PW) as admin:
        change_settings(Session(admin), reintegration_lead_weeks=20)
    at(dt.date(2026, 9, 1) - dt.timedelta(weeks=20))
    assert ("reintegration_due", case.id) in {(t.kind, t.case_id) for t in svc.dashboard(gea).tasks}
    assert ("reintegration_due", case.id) not in {(t.kind, t.case_id) for t in svc.dashboard(team["pim"]).tasks}


def test_an_old_strafrechtelijk_weighing_still_reads_as_closed_history(team):
    gea = team["gea"]
    case = new_case(gea)
    weighing_id = weigh(gea, case.id, WeighingOutcome.GEEN_ACTIE)
    with gea.vault.transaction() as conn:  # as an older pgatui stored it (plain text JSON, no compartment)
        data = process.get_weighing(conn, weighing_id).model_dump_json()
        old = data.replace('"geen_actie"', '"strafrechtelijk_onderzoek"').replace(
            ',"criminal_track":"geen","expected_release_on":null', "")
        conn.execute("UPDATE weighings SET data = ?, compartment = NULL, outcome = 'strafrechtelijk_onderzoek' "
                     "WHERE id = ?", (old, weighing_id))
        cases_repo.update_case(conn, case.id, last_outcome="strafrechtelijk_onderzoek")
    read = weighing.read_weighing(gea, weighing_id).weighing
    assert read.outcome is WeighingOutcome.STRAFRECHTELIJK and read.criminal_track is CriminalTrack.GEEN
    assert svc.read_case(gea, case.id).case.phase is Phase.AFGESLOTEN
    at(dt.date.today() + dt.timedelta(days=1))
    (row,) = [r for r in retention.retention_overview(gea) if r.case_id == case.id]
    assert row.rule == "signaal-geen-opname"


# --- item 7: dormant open files ------------------------------------------------------------------

def test_a_dormant_file_shows_to_its_director_and_the_fg_and_closes_with_a_reason(team, vault_path):
    gea, pim = team["gea"], team["pim"]
    at(dt.date(2024, 1, 10))
    signal_only, taken_in = new_case(gea, "Stil Signaal"), new_case(gea, "Stil Dossier")
    weigh(gea, taken_in.id)
    at(dt.date(2026, 1, 11))  # 24 months and a day later
    states = {r.case_id: r.state for r in retention.retention_overview(gea)}
    assert states == {signal_only.id: RetentionState.DORMANT, taken_in.id: RetentionState.DORMANT}
    assert {("dormant", signal_only.id), ("dormant", taken_in.id)} <= {(t.kind, t.case_id)
                                                                       for t in svc.dashboard(gea).tasks}
    assert "dormant" not in {t.kind for t in svc.dashboard(pim).tasks}  # pim is not their director
    fg = Session(user(vault_path, "fien", "toezicht", "FG Test"))
    try:
        assert {("dormant", taken_in.id)} <= {(t.kind, t.case_id) for t in svc.dashboard(fg).tasks}
        with pytest.raises(AccessDenied):
            dormancy.close_dormant_case(fg, taken_in.id, "niets meer gehoord")
    finally:
        fg.vault.close()
    with pytest.raises(DomainError):  # a signal needs a weighing, dormant or not
        dormancy.close_dormant_case(gea, signal_only.id, "niets meer gehoord")
    with pytest.raises(DomainError):
        dormancy.close_dormant_case(gea, taken_in.id, "  ")
    closed = dormancy.close_dormant_case(gea, taken_in.id, "niets meer gehoord")
    assert closed.phase is Phase.AFGESLOTEN and closed.closure_reason == "niets meer gehoord"
    assert "case.close_dormant:ok" in audit_actions(gea)


def test_a_justification_keeps_a_dormant_file_open_and_restarts_the_clock(team):
    gea = team["gea"]
    at(dt.date(2024, 1, 10))
    case = new_case(gea)
    at(dt.date(2025, 6, 1))
    with pytest.raises(DomainError, match="niet slapend"):
        dormancy.justify_open_case(gea, case.id, "wachten op de rechtszaak")
    at(dt.date(2026, 2, 1))
    with pytest.raises(DomainError):
        dormancy.justify_open_case(gea, case.id, "   ")
    justified = dormancy.justify_open_case(gea, case.id, "wachten op de rechtszaak")
    assert justified.justified_on == dt.date(2026, 2, 1)
    (row,) = retention.retention_overview(gea)
    assert (row.state, row.deadline) == (RetentionState.JUSTIFIED, dt.date(2028, 2, 1))
    assert "dormant" not in {t.kind for t in svc.dashboard(gea).tasks}
    assert any(r[0] == "dormancy" for r in svc.read_case(gea, case.id).history)
    assert [j.reason for j in dormancy.justifications(gea, case.id)] == ["wachten op de rechtszaak"]
    at(dt.date(2028, 2, 2))
    (row,) = retention.retention_overview(gea)
    assert row.state is RetentionState.DORMANT
    assert "case.justify_open:ok" in audit_actions(gea)


def test_the_first_dormant_files_are_the_longest_quiet_also_when_some_were_justified(team):
    """The dashboard's dormant files come from two seeks (the never justified ones in the order of
    their last event, the justified ones apart): the same files in the same order as sorting every
    quiet open file by the later of its last event and its last justification."""
    from pgatui.vault import accountable

    gea = team["gea"]
    made = []
    for year, month in [(2019, 3), (2019, 5), (2020, 1), (2020, 2), (2021, 7), (2022, 1)]:
        at(dt.date(year, month, 1))
        made.append(new_case(gea).id)
    at(dt.date(2022, 6, 1))
    dormancy.justify_open_case(gea, made[0], "wachten op de rechtszaak")
    at(dt.date(2023, 1, 1))
    dormancy.justify_open_case(gea, made[2], "wachten op de rechtszaak")
    conn = gea.vault.conn

    def quiet_since(facts):
        return max(facts["last_substantive_on"], facts["justified_on"] or "")

    for quiet_until in (dt.date(2019, 12, 31), dt.date(2022, 12, 31), dt.date(2025, 1, 1)):
        every = sorted((facts for facts in accountable.quiet_open_cases(conn, quiet_until)
                        if quiet_since(facts) <= quiet_until.isoformat()),
                       key=lambda facts: (quiet_since(facts), facts["id"]))
        for limit in (1, 2, 3, 10):
            assert accountable.first_dormant_cases(conn, quiet_until, limit) == every[:limit], (quiet_until, limit)
    assert [facts["id"] for facts in accountable.first_dormant_cases(conn, dt.date(2025, 1, 1), 10)] == [
        made[1], made[3], made[4], made[5], made[0], made[2]]
