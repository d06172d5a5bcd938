"""Retention services: boundary dates, warning marks from the settings, holds, policy versions,
second confirmation, the destruction report, and 1000 destroyed cases leaving no trace."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from helpers import ADMIN, ADMIN_PW
from people import close_after_pga
from pgatui import clock
from pgatui.domain.models import Ideology, LegalHold, PersonInput, Phase, SignalInput, SourceKind, Urgency
from pgatui.domain.retention import RetentionState, load_policy
from pgatui.errors import AccessDenied, AuthenticationFailed, DomainError
from pgatui.services import cases, retention as svc
from pgatui.services.session import Session
from pgatui.services.settings import change_settings
from pgatui.vault import cases as cases_repo
from pgatui.vault import change_password, open_vault
from pgatui.vault.sealer import municipality_compartment

LEAP_CLOSE = dt.datetime(2020, 2, 29, 10, tzinfo=dt.UTC)  # + 60 months = 28 Feb 2025 (clamped)
DEADLINE = dt.date(2025, 2, 28)


def new_user(vault_path, login, role, organisation) -> Session:
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        one_time = vault.add_user(login, role, organisation)
    change_password(vault_path, login, one_time, password_of(login))
    return Session(open_vault(vault_path, login, password_of(login)))


def password_of(login: str) -> str:
    return f"wachtzin-nummer-{len(login)}-{login[::-1]}x"


@pytest.fixture
def sessions(vault_path):
    opened = {"gea": new_user(vault_path, "gea", "gemeente", "Gemeente Test"),
              "anna": Session(open_vault(vault_path, ADMIN, ADMIN_PW))}
    yield opened
    for session in opened.values():
        session.vault.close()


@pytest.fixture
def gea(sessions):
    return sessions["gea"]


@pytest.fixture(autouse=True)
def thaw():
    yield
    clock.freeze(None)


def at(day: dt.date | dt.datetime) -> None:
    moment = day if isinstance(day, dt.datetime) else dt.datetime.combine(day, dt.time(12), dt.UTC)
    clock.freeze(moment)


def closed_case(session, name="Zwaantje Oudewaterloo", on=LEAP_CLOSE):
    at(on)
    signal = SignalInput(received_on=on.date(), received_by="Gemeente Test", source_kind=SourceKind.ONDERWIJS,
                         observed_facts="Deelt filmpjes", ideology=Ideology.ONDUIDELIJK, urgency=Urgency.NORMAAL)
    case = cases.take_in_signal(session, signal, person=PersonInput(name=name, date_of_birth=dt.date(2001, 1, 1)))
    return close_after_pga(session, case.id)


def state_on(session, day: dt.date):
    at(day)
    (row,) = svc.retention_overview(session)
    return row


def actions(session) -> list[str]:
    return [r[0] for r in session.vault.conn.execute("SELECT action || ':' || result FROM audit_log")]


# --- boundary dates and marks ----------------------------------------------------------------

@pytest.mark.parametrize("day, state, mark, days_left", [
    (DEADLINE - dt.timedelta(days=91), RetentionState.RUNNING, None, 91),
    (DEADLINE - dt.timedelta(days=90), RetentionState.WARNING, 90, 90),
    (DEADLINE - dt.timedelta(days=30), RetentionState.WARNING, 30, 30),
    (DEADLINE - dt.timedelta(days=8), RetentionState.WARNING, 30, 8),
    (DEADLINE - dt.timedelta(days=1), RetentionState.WARNING, 7, 1),
    (DEADLINE, RetentionState.WARNING, 7, 0),  # the deadline day itself is still within the term
    (DEADLINE + dt.timedelta(days=1), RetentionState.OVERDUE, None, -1),
])
def test_leap_day_closure_runs_to_the_end_of_february_and_marks_at_90_30_7(gea, day, state, mark, days_left):
    case = closed_case(gea)
    row = state_on(gea, day)
    assert (row.case_id, row.deadline, row.event_on, row.rule) == (case.id, DEADLINE, LEAP_CLOSE.date(), "casus-afgesloten")
    assert (row.state, row.mark, row.days_left) == (state, mark, days_left)


def test_destruction_only_after_the_deadline_day(gea):
    case = closed_case(gea)
    for day in (DEADLINE - dt.timedelta(days=1), DEADLINE):
        at(day)
        with pytest.raises(DomainError):
            svc.destroy_expired_case(gea, case.id)
        assert svc.destruction_review(gea) == []
    at(DEADLINE + dt.timedelta(days=1))
    assert [r.case_id for r in svc.destruction_review(gea)] == [case.id]
    assert svc.destroy_expired_case(gea, case.id).case == case.number
    assert svc.retention_overview(gea) == []


def test_warning_window_and_marks_come_from_the_settings(sessions, gea):
    closed_case(gea)
    assert state_on(gea, DEADLINE - dt.timedelta(days=100)).state is RetentionState.RUNNING
    change_settings(sessions["anna"], retention_warning_days=120, retention_marks=(60, 14))
    row = state_on(gea, DEADLINE - dt.timedelta(days=100))
    assert (row.state, row.mark) == (RetentionState.WARNING, 120)
    assert state_on(gea, DEADLINE - dt.timedelta(days=10)).mark == 14


def test_overview_is_sorted_by_urgency_and_filterable(gea):
    running = closed_case(gea, "Anna Loopt", on=dt.datetime(2024, 6, 1, tzinfo=dt.UTC))
    overdue = closed_case(gea, "Bert Verlopen", on=dt.datetime(2019, 6, 1, tzinfo=dt.UTC))
    warning = closed_case(gea, "Carla Bijna", on=dt.datetime(2021, 8, 1, tzinfo=dt.UTC))
    held = closed_case(gea, "Dirk Vast", on=dt.datetime(2019, 1, 1, tzinfo=dt.UTC))
    at(dt.date(2026, 6, 1))
    svc.place_hold(gea, held.id, LegalHold(reason="rechtszaak", owner="Gemeente Test", ends_on=dt.date(2027, 1, 1)))
    rows = svc.retention_overview(gea)
    assert [r.case_id for r in rows] == [overdue.id, warning.id, held.id, running.id]
    assert rows[2].hold_ends_on == dt.date(2027, 1, 1)
    assert [r.case_id for r in svc.retention_overview(gea, state=RetentionState.ON_HOLD)] == [held.id]
    assert [r.case_id for r in svc.destruction_review(gea)] == [overdue.id]


def test_the_dashboards_alerts_are_the_overviews_first_rows_without_assessing_every_closed_case(gea):
    """retention_alerts reads per rule only the closed cases whose term ends within the warning
    window, oldest first: the same rows as the overview's first `limit`, overdue or in warning."""
    closings = [dt.datetime(year, month, 1, tzinfo=dt.UTC) for year, month in
                ((2018, 3), (2019, 6), (2019, 1), (2020, 11), (2021, 8), (2021, 9), (2024, 6))]
    closed = [closed_case(gea, f"Persoon {i}", on=on) for i, on in enumerate(closings)]
    at(dt.date(2026, 6, 1))
    svc.place_hold(gea, closed[2].id, LegalHold(reason="rechtszaak", owner="Gemeente Test", ends_on=dt.date(2027, 1, 1)))
    for today in (dt.date(2024, 1, 10), dt.date(2026, 6, 1), dt.date(2026, 8, 20)):
        at(today)
        overview = svc.retention_overview(gea)
        for limit in (1, 2, 3, 20):
            expected = [r for r in overview[:limit] if r.state in svc.ALERT_STATES]
            assert svc.retention_alerts(gea, limit=limit) == expected, (today, limit)
    assert [r.case_id for r in svc.retention_alerts(gea, limit=20)][:2] == [closed[0].id, closed[1].id]
    assessed = []
    original = svc._assessed
    svc._assessed = lambda conn, today, ids=None, scope=None: assessed.append(ids) or original(conn, today, ids, scope)
    try:
        svc.retention_alerts(gea, limit=1)
    finally:
        svc._assessed = original
    assert len(assessed[0]) < len(closed) - 1  # the running ones were never read


# --- holds -------------------------------------------------------------------------------------

def test_holds_block_destruction_until_lifted_or_ended(gea):
    case = closed_case(gea, on=dt.datetime(2019, 1, 1, tzinfo=dt.UTC))
    at(dt.date(2026, 1, 1))
    svc.place_hold(gea, case.id, LegalHold(reason="klacht [/] loopt", owner="Gemeente Test", ends_on=dt.date(2026, 6, 30)))
    (hold,) = svc.hold_list(gea)
    assert (hold.case, hold.ends_on, hold.reason, hold.placed_by) == (case.number, dt.date(2026, 6, 30), "klacht [/] loopt", "gea")
    result = svc.destroy_cases(gea, [case.id])
    assert result.destroyed == [] and "vernietigingsstop" in result.skipped[0][1]
    at(dt.date(2026, 7, 1))  # the hold has ended: it no longer protects the case
    assert state_on(gea, dt.date(2026, 7, 1)).state is RetentionState.OVERDUE
    at(dt.date(2026, 3, 1))
    svc.lift_hold(gea, case.id)
    with pytest.raises(DomainError):
        svc.lift_hold(gea, case.id)
    assert svc.hold_list(gea) == []
    assert svc.destroy_cases(gea, [case.id]).destroyed == [case.number]
    assert {"hold.place:ok", "hold.lift:ok", "hold.list:ok", "case.destroy:ok"} <= set(actions(gea))


def test_hold_end_date_in_the_past_is_refused(gea):
    case = closed_case(gea)
    with pytest.raises(DomainError):
        svc.place_hold(gea, case.id, LegalHold(reason="x", owner="y", ends_on=dt.date(2019, 1, 1)))


def test_auditor_sees_holds_without_their_reason_and_may_not_place_them(vault_path, gea):
    case = closed_case(gea)
    svc.place_hold(gea, case.id, LegalHold(reason="geheime reden", owner="Gemeente Test", ends_on=dt.date(2030, 1, 1)))
    fg = new_user(vault_path, "fg", "toezicht", "FG Test")
    try:
        (hold,) = svc.hold_list(fg)
        assert hold.reason is None and hold.ends_on == dt.date(2030, 1, 1)
        with pytest.raises(AccessDenied):
            svc.place_hold(fg, case.id, LegalHold(reason="x", owner="y", ends_on=dt.date(2030, 1, 1)))
        with pytest.raises(AccessDenied):
            svc.destroy_cases(fg, [case.id])
        with pytest.raises(AccessDenied):
            svc.second_confirmation_required(fg)
        assert {"hold.manage:refused", "case.destroy:refused"} <= set(actions(fg))
    finally:
        fg.vault.close()


# --- the policy --------------------------------------------------------------------------------

def shorter_policy(version="2027-1", months=24) -> str:
    policy = json.loads(load_policy().model_dump_json())
    policy["version"] = version
    for rule in policy["rules"]:
        rule["keep_months"] = months
        rule["source"] = "Regionaal convenant 2027, artikel 9: twee jaar."
    return json.dumps(policy)


def test_a_new_policy_recomputes_every_deadline_and_is_versioned(sessions, gea):
    anna = sessions["anna"]
    closed_case(gea)
    assert state_on(gea, dt.date(2023, 1, 1)).state is RetentionState.RUNNING
    assert svc.read_policy(anna).installed_by is None  # the shipped policy
    svc.change_policy(anna, shorter_policy())
    row = state_on(gea, dt.date(2023, 1, 1))
    assert (row.deadline, row.state, row.policy_version) == (dt.date(2022, 2, 28), RetentionState.OVERDUE, "2027-1")
    view = svc.read_policy(gea)
    assert view.policy.version == "2027-1" and view.installed_by == ADMIN
    assert "artikel 9" in view.policy.rules[0].source and [v for v, *_ in view.history] == ["2027-1"]
    with pytest.raises(DomainError, match="bestaat al"):
        svc.change_policy(anna, shorter_policy())
    with pytest.raises(DomainError, match="ongeldig"):
        svc.change_policy(anna, "{niet json")
    with pytest.raises(DomainError, match="ongeldig"):
        svc.change_policy(anna, shorter_policy(version="2027-2", months=0))
    with pytest.raises(AccessDenied):
        svc.change_policy(gea, shorter_policy(version="2027-3"))
    assert "policy.change:ok" in actions(anna) and "policy.change:refused" in actions(gea)
    with pytest.raises(Exception):  # versions are never rewritten, not even with SQL
        with anna.vault.transaction() as conn:
            conn.execute("UPDATE retention_policies SET body = '{}'")


# --- second confirmation -----------------------------------------------------------------------

def test_second_confirmation_by_another_gemeente_user(vault_path, sessions, gea):
    case = closed_case(gea, on=dt.datetime(2019, 1, 1, tzinfo=dt.UTC))
    change_settings(sessions["anna"], destruction_second_confirmation=True)
    hans = new_user(vault_path, "hans", "gemeente", "Gemeente Test")
    pim = new_user(vault_path, "pim", "politie", "Politie Test")
    hans.vault.close(), pim.vault.close()
    at(dt.date(2026, 1, 1))
    with pytest.raises(DomainError, match="tweede"):
        svc.destroy_expired_case(gea, case.id)
    assert "tweede" in svc.destroy_cases(gea, [case.id]).skipped[0][1]
    with pytest.raises(AccessDenied, match="andere gebruiker"):
        svc.confirm_destruction(gea, "gea", password_of("gea"))
    with pytest.raises(AccessDenied, match="gemeente"):
        svc.confirm_destruction(gea, "pim", password_of("pim"))
    with pytest.raises(AuthenticationFailed):
        svc.confirm_destruction(gea, "hans", "verkeerd wachtwoord")
    confirmation = svc.confirm_destruction(gea, "HANS ", password_of("hans"))
    assert svc.destroy_cases(gea, [case.id], confirmation=confirmation).destroyed == [case.number]
    (record,) = svc.destruction_records(gea)
    assert (record.actor, record.confirmed_by, record.rule_id) == ("gea", "hans", "casus-afgesloten")
    assert actions(gea).count("destruction.confirm:refused") == 3 and "destruction.confirm:ok" in actions(gea)
    log = json.dumps(list(gea.vault.conn.execute("SELECT * FROM audit_log")))
    assert "verkeerd" not in log and password_of("hans") not in log


# --- the destruction report --------------------------------------------------------------------

def test_destruction_report_as_csv_and_text_without_personal_data(gea, tmp_path):
    doomed = [closed_case(gea, f"Persoon{i} Geheimnaam", on=dt.datetime(2019, 1, 1 + i, tzinfo=dt.UTC)) for i in range(3)]
    at(dt.date(2026, 1, 1))
    progress = []
    result = svc.destroy_cases(gea, [c.id for c in doomed], progress=lambda done, total: progress.append((done, total)))
    assert progress == [(1, 3), (2, 3), (3, 3)] and len(result.destroyed) == 3
    assert svc.export_destruction_report(gea, tmp_path / "rapport.csv") == 3
    assert svc.export_destruction_report(gea, tmp_path / "rapport.txt") == 3
    csv_text, plain = (tmp_path / "rapport.csv").read_text(), (tmp_path / "rapport.txt").read_text()
    assert csv_text.splitlines()[0] == "casus,regel,termijn tot,vernietigd op,door,bevestigd door,beleid"
    assert all(c.number in csv_text and c.number in plain for c in doomed)
    assert "2026-01-01" in plain and "gea" in plain and "Geheimnaam" not in csv_text + plain
    assert oct((tmp_path / "rapport.csv").stat().st_mode & 0o777) == "0o600"
    with pytest.raises(DomainError, match="bestaat al"):
        svc.export_destruction_report(gea, tmp_path / "rapport.csv")
    assert actions(gea).count("destruction.report_export:ok") == 2


# --- 1000 cases leave no trace -----------------------------------------------------------------

def decrypted_pages(session) -> bytes:
    """Every page of data.db decrypted with the data key: live rows, free pages and slack alike.

    SQLCipher 4 defaults: 4096-byte pages, AES-256-CBC, 80 reserved bytes at the end of each
    page (16-byte IV, then the HMAC); page 1 starts with the 16-byte salt.
    """
    session.vault.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert (session.vault.path / "data.db-wal").stat().st_size == 0
    raw, size, reserve = (session.vault.path / "data.db").read_bytes(), 4096, 80
    key, pages = session.vault._data_key, []
    for number in range(len(raw) // size):
        page = raw[number * size:(number + 1) * size]
        start = 16 if number == 0 else 0
        decryptor = Cipher(algorithms.AES(key), modes.CBC(page[size - reserve:size - reserve + 16])).decryptor()
        pages.append(decryptor.update(page[start:size - reserve]) + decryptor.finalize())
    assert pages[0][:2] == b"\x10\x00"  # the page size in the header: the decryption is right
    return b"".join(pages).lower()


def bulk_closed_cases(session, count: int) -> list[int]:
    """`count` closed cases written straight into the vault (the intake path is not under test)."""
    ids = []
    municipality = session.user.municipalities[0]
    with session.vault.transaction() as conn:
        for i in range(count):
            person_id = cases_repo.insert_person(conn, PersonInput(name=f"Spoorloos{i:04d} Wegwezen{i:04d}",
                                                                   date_of_birth=dt.date(2000, 1, 1)),
                                                 municipality_compartment(municipality))
            case_id = cases_repo.insert_case(conn, person_id, "gea", dt.date(2018, 1, 1),
                                             municipality_id=municipality, director="gea")
            cases_repo.update_case(conn, case_id, phase=Phase.AFGESLOTEN.value, closed_on="2018-02-01",
                                   closure_reason="afgerond", last_substantive_on="2018-02-01")
            cases_repo.reindex_case(conn, case_id)
            ids.append(case_id)
    return ids


def sealed_names(conn, case_ids) -> list[bytes]:
    return [bytes(conn.execute("SELECT p.name FROM persons p JOIN cases c ON c.person_id = p.id WHERE c.id = ?",
                               (case_id,)).fetchone()[0]) for case_id in case_ids]


def test_destroying_1000_cases_leaves_no_name_in_any_page_or_the_search_index(gea):
    kept = closed_case(gea, "Hendrikje Vasthouder", on=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    ids = bulk_closed_cases(gea, 1000)
    conn = gea.vault.conn
    doomed_names = sealed_names(conn, ids[::37])
    at(dt.date(2026, 1, 1))
    result = svc.destroy_cases(gea, [r.case_id for r in svc.destruction_review(gea)])
    assert len(result.destroyed) == 1000 and result.skipped == []
    assert conn.execute("SELECT count(*) FROM destruction_records").fetchone()[0] == 1000
    assert cases.search_cases(gea, "spoorloos") == [] and cases.search_cases(gea, "wegwezen0001") == []
    assert [c.id for c, _name in cases.search_cases(gea, "vasthouder")] == [kept.id]
    # the blind index keeps the live case only: no token of a destroyed case is left
    assert {r[0] for r in conn.execute("SELECT DISTINCT owner FROM blind_index")} == {kept.id}
    assert {r[0] for r in conn.execute("SELECT owner FROM blind_index_owners")} == {kept.id}
    raw = decrypted_pages(gea)
    assert b"vasthouder" not in raw and b"spoorloos" not in raw and b"wegwezen" not in raw  # sealed, also live
    assert sealed_names(conn, [kept.id])[0].lower() in raw  # the scan itself sees live values
    assert not any(name.lower() in raw for name in doomed_names)
    assert [r.case_id for r in svc.retention_overview(gea)] == [kept.id] and ids
