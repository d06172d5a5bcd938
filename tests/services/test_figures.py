"""Issue 16: the figures of a vault built through the services with known counts, every figure
compared; suppression at 4 and 5; municipalities the user may not see left out; toezicht sees
the process figures only; reading and exporting audited; the CSV read back."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from helpers import ADMIN, ADMIN_PW
from people import signal, user
from process_builders import PARTIES, make_team, plan, views_for, weigh
from pgatui import clock
from pgatui.domain.figures import HIDDEN_TEXT, SMALL_TEXT, Period
from pgatui.domain.models import Ideology, LegalHold, Participant, PersonInput, SourceKind
from pgatui.errors import AccessDenied
from pgatui.services import cases as intake
from pgatui.services import figures as svc
from pgatui.services import weighing
from pgatui.services.exporting import CONFIDENTIAL
from pgatui.services.session import Session
from pgatui.vault import open_vault

TODAY = dt.date(2026, 6, 15)
YEAR = Period(dt.date(2026, 1, 1), TODAY)
# Gemeente Test: 15 signals about 15 persons (source, ideology, received on, year of birth).
SIGNALS = ([(SourceKind.ONDERWIJS, Ideology.RECHTS, dt.date(2026, 1, 10), 2010)] * 6
           + [(SourceKind.WIJKAGENT, Ideology.JIHADISTISCH, dt.date(2026, 2, 10), 2000)] * 5
           + [(SourceKind.FAMILIE, Ideology.LINKS, dt.date(2026, 3, 10), 1980)] * 4)


@pytest.fixture
def region(vault_path):
    clock.freeze(dt.datetime(2026, 6, 15, 10, 0, tzinfo=dt.UTC))
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        zuid = vault.add_organisation("Gemeente Zuid", "gemeente")
    team = make_team(vault_path)
    team["gijs"] = Session(user(vault_path, "gijs", "gemeente", "Gemeente Zuid", "zuidelijke-regie-lang"))
    team["fg"] = Session(user(vault_path, "fg", "toezicht", "FG Test"))
    team["zuid"] = zuid
    yield team
    clock.freeze(None)
    for session in team.values():
        if isinstance(session, Session):
            session.vault.close()


def take_in(session, number, source, ideology, received_on, born, **where):
    person = PersonInput(name=f"Persoon {number}", date_of_birth=dt.date(born, 6, 1))
    return intake.take_in_signal(session, signal(source_kind=source, ideology=ideology, received_on=received_on),
                                 person=person, **where)


@pytest.fixture
def counted(region):
    """The cases of Gemeente Test (through gea) and three of Gemeente Zuid (through gijs)."""
    gea = region["gea"]
    cases = [take_in(gea, i, *row) for i, row in enumerate(SIGNALS)]
    for i in range(3):
        take_in(region["gijs"], 100 + i, SourceKind.BURGER, Ideology.OVERIG, dt.date(2026, 4, 1), 1990)
    # Five first weighings: four with all three core partners (taken in), one still open without OM
    # (a weighing concludes only with all three present).
    for case in cases[:4]:
        weigh(gea, case.id)
    opened = weighing.open_weighing(gea, cases[4].id)
    for login, role, organisation in PARTIES[:2]:
        weighing.record_presence(gea, opened.weighing.id, Participant(role=role, name=login, organisation=organisation))
        weighing.record_view(gea, opened.weighing.id, views_for(role))
    plan(gea, *[(case, ()) for case in cases[:4]])  # a meeting held today: the four taken in
    return region, cases


def texts(group):
    return {code: cell.text for code, cell in group.rows}


def test_every_figure_of_a_known_vault(counted):
    region, cases = counted
    shown = svc.figures(region["gea"], YEAR)
    assert shown.signals.text == "15" and not shown.process_only
    # sources: 6, 5 and 4; the 4 is "<5", so the 5 is hidden too (else 15 - 6 - 4 gives it back)
    sources = texts(shown.sources)
    assert (sources["professional_onderwijs"], sources["wijkagent"], sources["familie"]) == ("6", HIDDEN_TEXT,
                                                                                             SMALL_TEXT)
    assert sources["burger"] == "0"  # Zuid's signals are not counted for a user of Gemeente Test
    assert shown.sources.total.text == "15"
    assert (shown.ideologies.value("rechts_extremistisch"), shown.ideologies.value("jihadistisch"),
            shown.ideologies.value("links_extremistisch"), shown.ideologies.value("overig")) == (6, 5, 4, 0)
    assert {code: shown.months.value(code) for code in ("2026-01", "2026-02", "2026-03", "2026-04")} == {
        "2026-01": 6, "2026-02": 5, "2026-03": 4, "2026-04": 0}
    # ages at the signal: born June 2010 -> 15 in January 2026; 2000 -> 25; 1980 -> 45
    assert {code: shown.ages.value(code) for code in ("12-17", "23-29", "40+", "0-11")} == {
        "12-17": 6, "23-29": 5, "40+": 4, "0-11": 0}
    assert shown.outcomes.value("opnemen_pga") == 4 and shown.outcomes.value("geen_actie") == 0
    assert texts(shown.outcomes)["opnemen_pga"] == SMALL_TEXT
    path = {step.step: step.count.value for step in shown.path}
    assert path == {"opened": 15, "weighed": 4, "included": 4, "discussed": 4, "closed": 0}
    assert [s.of_first for s in shown.path] == ["100%", "-", "-", "-", "0%"]
    assert (shown.first_weighings.value, shown.complete_weighings.value) == (5, 4)
    assert shown.complete_weighings.text == SMALL_TEXT and shown.complete_share == "-"
    # signal to first weighing: 156 days (January), 125 (February); the first five cases
    assert (shown.to_weighing.cases.text, shown.to_weighing.median, shown.to_weighing.p90) == ("5", 156, 156)
    assert shown.to_meeting.cases.text == SMALL_TEXT and shown.to_meeting.median is None
    assert shown.open_phases.value("signaal") == 10 and shown.open_phases.value("casusoverleg") == 4
    assert shown.dormant.value == 0 and shown.destroyed.value == 0 and shown.destruction_due.value == 0
    assert dict(shown.municipalities) == {region["gea"].user.municipalities[0]: "Gemeente Test"}


def test_the_period_bounds_are_inclusive(counted):
    region, _ = counted
    february = svc.figures(region["gea"], Period(dt.date(2026, 2, 10), dt.date(2026, 3, 9)))
    assert february.signals.text == "5" and texts(february.sources)["wijkagent"] == "5"


def test_a_municipality_the_user_may_not_see_is_refused_and_audited(counted):
    region, _ = counted
    gea = region["gea"]
    with pytest.raises(AccessDenied):
        svc.figures(gea, YEAR, region["zuid"])
    refused = gea.vault.conn.execute("SELECT object_id FROM audit_log WHERE action = 'figures.read' "
                                     "AND result = 'refused'").fetchall()
    assert refused == [(f"organisation:{region['zuid']}",)]


def test_toezicht_sees_the_process_figures_of_every_municipality(counted):
    region, _ = counted
    shown = svc.figures(region["fg"], YEAR)
    assert shown.process_only
    assert (shown.signals, shown.sources, shown.ideologies, shown.ages, shown.months, shown.outcomes) == (None,) * 6
    assert shown.path[0].count.value == 18  # both municipalities
    assert {name for _, name in shown.municipalities} == {"Gemeente Test", "Gemeente Zuid"}
    only_zuid = svc.figures(region["fg"], YEAR, region["zuid"])
    assert only_zuid.path[0].count.text == SMALL_TEXT and only_zuid.open_phases.value("signaal") == 3


def test_politie_has_no_figures(counted):
    region, _ = counted
    with pytest.raises(AccessDenied):
        svc.figures(region["pim"], YEAR)


def test_reading_is_audited_with_the_period_and_municipality_only(counted):
    region, _ = counted
    gea = region["gea"]
    own = gea.user.municipalities[0]
    svc.figures(gea, YEAR, own)
    events = gea.vault.conn.execute("SELECT object_id FROM audit_log WHERE action = 'figures.read' "
                                    "AND result = 'ok'").fetchall()
    assert events == [(f"figures:2026-01-01/2026-06-15/{own}",)]


def test_the_csv_export_carries_the_same_suppression_and_the_confidentiality_line(counted, tmp_path):
    region, _ = counted
    target = svc.export_figures(region["gea"], YEAR, None, tmp_path / "cijfers.csv")
    rows = list(csv.reader(target.read_text(encoding="utf-8").splitlines()))
    assert rows[0] == [CONFIDENTIAL] and rows[-1] == [CONFIDENTIAL]
    by_label = {(r[0], r[1]): r[2] for r in rows if len(r) == 4}
    assert by_label[("Signalen naar bron", "Professional: onderwijs")] == "6"
    assert by_label[("Signalen naar bron", "Wijkagent")] == HIDDEN_TEXT
    assert by_label[("Signalen naar bron", "Familie of vrienden")] == SMALL_TEXT
    assert by_label[("Het pad (casussen geopend in de periode)", "Signalen (nieuwe casussen)")] == "15"
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    exported = region["gea"].vault.conn.execute("SELECT count(*) FROM audit_log WHERE action = 'figures.export'")
    assert exported.fetchone()[0] == 1


def test_the_pdf_report_has_the_figures(counted, tmp_path):
    from pypdf import PdfReader

    region, _ = counted
    target = svc.export_figures(region["fg"], YEAR, None, tmp_path / "cijfers.pdf")
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "VERTROUWELIJK" in text and "Het pad" in text and "Signalen naar bron" not in text


def test_weighings_stored_before_the_core_flag_get_it_when_figures_are_read(counted):
    region, _ = counted
    gea = region["gea"]
    with gea.vault.transaction() as conn:
        conn.execute("UPDATE weighings SET core_complete = NULL")
    assert svc.figures(gea, YEAR).complete_weighings.value == 4
    assert gea.vault.conn.execute("SELECT count(*) FROM weighings WHERE core_complete IS NULL").fetchone()[0] == 0


def test_dormant_files_and_destructions_due_agree_with_the_retention_overview(counted):
    """Counted in SQL against a cut-off date; the retention screens assess case by case."""
    from people import close_after_pga
    from pgatui.domain.retention import RetentionState
    from pgatui.services import retention

    region, cases = counted
    gea = region["gea"]
    for case in cases[5:11]:  # closed now; the others stay open and go quiet
        close_after_pga(gea, case.id)
    retention.place_hold(gea, cases[5].id, LegalHold(reason="klacht", owner="gemeente", ends_on=dt.date(2040, 1, 1)))
    due = {}
    for years in (1, 3, 8, 13, 21):
        clock.freeze(dt.datetime(2026 + years, 6, 16, 10, 0, tzinfo=dt.UTC))
        shown = svc.figures(gea, YEAR)
        overview = retention.retention_overview(gea)
        assert shown.dormant.value == sum(r.state is RetentionState.DORMANT for r in overview), years
        assert shown.destruction_due.value == len(retention.destruction_review(gea)), years
        due[years] = shown.destruction_due.value
    assert due[1] == 0 and due[21] == 6 and shown.dormant.value == 9  # the hold ended in 2040
    assert 5 in due.values()  # while the hold held, one case was not due


def test_ages_are_counted_by_token_without_opening_a_date_of_birth(counted, monkeypatch):
    """Issue 16 item 4: the age bands come from the signals' age tokens (migration 0027), so the
    figures cost no decryption per signal at 100 000 persons."""
    from pgatui.vault.sealer import Sealer

    region, _ = counted
    opened = []
    original = Sealer.open
    monkeypatch.setattr(Sealer, "open", lambda self, compartment, table, column, row_id, stored: (
        opened.append((table, column)), original(self, compartment, table, column, row_id, stored))[1])
    shown = svc.figures(region["gea"], YEAR)
    assert ("persons", "date_of_birth") not in opened
    assert (shown.ages.value("12-17"), shown.ages.value("23-29"), shown.ages.value("40+")) == (6, 5, 4)


def test_signals_sealed_before_the_age_token_get_it_at_a_members_next_action(counted):
    """A vault from before migration 0027: the sealed signals have no age token and are not
    counted by age; the next transaction of a member fills them in (audited, ids only)."""
    region, _ = counted
    gea = region["gea"]
    with gea.vault.transaction() as conn:
        conn.execute("UPDATE signals SET age_token = NULL")
    gea.vault._imports_pending = True  # as an unlock finds them; here the session is already open
    assert svc.figures(gea, YEAR).ages.value("12-17") == 6  # its transaction filled them in first
    missing = gea.vault.conn.execute("SELECT count(*) FROM signals WHERE age_token IS NULL AND compartment = ?",
                                     (f"gemeente:{gea.user.municipalities[0]}",)).fetchone()[0]
    assert missing == 0
    events = gea.vault.conn.execute("SELECT object_id FROM audit_log WHERE action = 'compartment.age_tokens'")
    assert [row[0] for row in events] == [f"compartment:gemeente:{gea.user.municipalities[0]}"]


def test_without_its_age_token_a_sealed_signal_is_not_counted_by_age(counted):
    region, cases = counted
    gea = region["gea"]
    with gea.vault.transaction() as conn:
        conn.execute("UPDATE signals SET age_token = NULL WHERE case_id = ?", (cases[0].id,))
    from pgatui.vault import figures as repo

    scope = tuple(gea.user.municipalities)
    assert repo.age_counts(gea.vault.conn, YEAR.start, YEAR.end, scope)["12-17"] == 5


@pytest.mark.parametrize("event", ["closure", "last_event"])
def test_the_closed_cases_past_their_term_are_sought_in_the_order_of_their_date(region, event):
    """The dashboard's oldest retention deadlines and the figures' count read the closed cases in
    the order of the date their term runs from (migration 0031), not every closed case sorted: the
    index holds the query's own expression, so the plan seeks a range of it."""
    from pgatui.vault import figures as repo

    conn = region["gea"].vault.conn
    base, params = repo._closed_past("geen_actie", event, dt.date(2021, 6, 15), dt.date(2026, 6, 15), (1,))
    plan = " ".join(row[3] for row in conn.execute(
        f"EXPLAIN QUERY PLAN SELECT c.id {base} ORDER BY {repo._event_date(event)}, c.number LIMIT 5", params))
    assert "(last_outcome=? AND <expr><?)" in plan and "TEMP B-TREE" not in plan
