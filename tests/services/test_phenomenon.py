"""Issue 14 item 3 and issue 16's gender: a signal names one or more ideologies (sealed, counted
by token), the room records its own view of the phenomenon at the weighing, and the person's
gender is sealed and counted per gender with the same suppression, across municipalities."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from helpers import ADMIN, ADMIN_PW
from people import confirm_keys, signal, user
from process_builders import make_team, weigh
from pgatui import clock
from pgatui.domain.figures import HIDDEN_TEXT, SMALL_TEXT, Period
from pgatui.domain.models import Gender, Ideology, PersonInput, PhenomenonInput
from pgatui.errors import DomainError
from pgatui.services import cases as intake
from pgatui.services import figures as svc
from pgatui.services import weighing
from pgatui.services.session import Session
from pgatui.vault import blind_index, db, open_vault
from pgatui.vault import cases as repo
from pgatui.vault.sealer import sealer_of

TODAY = dt.date(2026, 6, 15)
YEAR = Period(dt.date(2026, 1, 1), TODAY)


@pytest.fixture
def region(vault_path):
    clock.freeze(dt.datetime(2026, 6, 15, 10, 0, tzinfo=dt.UTC))
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        vault.add_organisation("Gemeente Zuid", "gemeente")
    team = make_team(vault_path)
    team["gijs"] = Session(user(vault_path, "gijs", "gemeente", "Gemeente Zuid", "zuidelijke-regie-lang"))
    confirm_keys(*team.values())  # gijs gets the key of Gemeente Zuid from a member made before
    team["path"] = vault_path
    yield team
    clock.freeze(None)
    for session in team.values():
        if isinstance(session, Session):
            session.vault.close()


def take_in(session, number, ideologies=(Ideology.RECHTS,), gender=Gender.ONBEKEND):
    person = PersonInput(name=f"Persoon {number}", date_of_birth=dt.date(2000, 6, 1), gender=gender)
    return intake.take_in_signal(session, signal(ideologies=ideologies, received_on=dt.date(2026, 3, 1)),
                                 person=person)


def test_a_signal_keeps_every_ideology_sealed_and_reads_them_back(region):
    gea = region["gea"]
    case = take_in(gea, 1, (Ideology.ONDUIDELIJK, Ideology.RECHTS), Gender.VROUW)
    stored = gea.vault.conn.execute("SELECT ideology, compartment FROM signals WHERE case_id = ?",
                                    (case.id,)).fetchone()
    assert stored[1] == f"gemeente:{case.municipality_id}" and b"rechts" not in bytes(stored[0])
    person = gea.vault.conn.execute("SELECT gender, gender_token FROM persons WHERE id = ?",
                                    (case.person_id,)).fetchone()
    assert b"vrouw" not in bytes(person[0]) and person[1] is not None
    view = intake.read_case(gea, case.id)
    assert view.signals[0].ideologies == (Ideology.RECHTS, Ideology.ONDUIDELIJK)  # the catalogue's order
    assert view.person.gender is Gender.VROUW
    # no plain code in any count row: tokens only
    rows = [bytes(r[0]) for r in gea.vault.conn.execute("SELECT ideology FROM signal_ideologies")]
    assert len(rows) == 2 and not any(b"rechts" in r or b"onduidelijk" in r for r in rows)


def test_a_signal_with_more_than_one_ideology_counts_in_each_the_total_once(region):
    gea = region["gea"]
    for number in range(5):
        take_in(gea, number, (Ideology.JIHADISTISCH, Ideology.ONDUIDELIJK))
    for number in range(5, 9):
        take_in(gea, number, (Ideology.LINKS,))
    shown = svc.figures(gea, YEAR)
    counts = {code: shown.ideologies.value(code) for code in ("jihadistisch", "onduidelijk", "links_extremistisch")}
    assert counts == {"jihadistisch": 5, "onduidelijk": 5, "links_extremistisch": 4}
    assert shown.ideologies.total.value == 9 == shown.signals.value
    texts = {code: cell.text for code, cell in shown.ideologies.rows}
    # the lone "<5" hides one of the fives too (the smallest neighbour), the other stays
    assert texts["links_extremistisch"] == SMALL_TEXT
    assert sorted((texts["jihadistisch"], texts["onduidelijk"])) == sorted(("5", HIDDEN_TEXT))


def test_gender_figures_suppress_at_4_and_not_5_and_leave_other_municipalities_out(region):
    gea, gijs = region["gea"], region["gijs"]
    for number, gender in enumerate([Gender.VROUW] * 5 + [Gender.MAN] * 4 + [Gender.ANDERS] * 3):
        take_in(gea, number, gender=gender)
    for number in range(2):  # Gemeente Zuid: not counted for a user of Gemeente Test
        take_in(gijs, 100 + number, gender=Gender.ANDERS)
    take_in(gijs, 200)  # no gender given: unknown
    shown = svc.figures(gea, YEAR)
    assert {code: cell.text for code, cell in shown.genders.rows} == {
        "man": SMALL_TEXT, "vrouw": "5", "anders": SMALL_TEXT, "onbekend": "0"}
    assert (shown.genders.value("man"), shown.genders.value("anders"), shown.genders.total.value) == (4, 3, 12)
    south = svc.figures(gijs, YEAR)
    assert (south.genders.value("anders"), south.genders.value("onbekend"), south.genders.value("vrouw")) == (2, 1, 0)
    exported = svc.export_figures(gea, YEAR, None, region["path"].parent / "cijfers.csv")
    rows = {(r[0], r[1]): r[2] for r in csv.reader(exported.read_text(encoding="utf-8").splitlines()) if len(r) == 4}
    assert (rows[("Signalen naar gender", "Vrouw")], rows[("Signalen naar gender", "Man")]) == ("5", SMALL_TEXT)


def test_the_rooms_view_is_recorded_with_the_weighing_and_counted_apart(region):
    gea = region["gea"]
    cases = [take_in(gea, number, (Ideology.JIHADISTISCH,)) for number in range(6)]
    weighed = [weigh(gea, case.id, phenomenon=(Ideology.ONDUIDELIJK, Ideology.RECHTS)) for case in cases[:5]]
    weigh(gea, cases[5].id)  # no view recorded: not counted in the room's table
    stored = weighing.read_weighing(gea, weighed[0]).weighing
    assert stored.phenomenon == (Ideology.RECHTS, Ideology.ONDUIDELIJK)
    shown = svc.figures(gea, YEAR)
    assert shown.room_ideologies.value("rechts_extremistisch") == 5 == shown.room_ideologies.value("onduidelijk")
    assert shown.room_ideologies.value("jihadistisch") == 0 and shown.room_ideologies.total.value == 5
    assert shown.ideologies.value("jihadistisch") == 6  # "by ideology" stays the signals'
    history = gea.vault.conn.execute("SELECT count(*) FROM audit_log WHERE action = 'weighing.phenomenon'")
    assert history.fetchone()[0] == 5


def test_the_rooms_view_cannot_change_after_the_conclusion(region):
    gea = region["gea"]
    case = take_in(gea, 1)
    weighing_id = weigh(gea, case.id, phenomenon=(Ideology.LINKS,))
    with pytest.raises(DomainError):
        weighing.record_phenomenon(gea, weighing_id, PhenomenonInput(ideologies=(Ideology.RECHTS,)))


def test_a_signal_of_before_migration_0025_reads_and_counts(region):
    """A sealed signal with one code and its single token (as before 0025): the migration's SQL
    moves the token into the count rows without any key, and the one code still reads."""
    gea = region["gea"]
    case = take_in(gea, 1, (Ideology.RECHTS, Ideology.LINKS))
    script = dict(db.migrations())[25]
    with gea.vault.transaction() as conn:
        signal_id, compartment = conn.execute("SELECT id, compartment FROM signals WHERE case_id = ?",
                                              (case.id,)).fetchone()
        sealer = sealer_of(conn)
        conn.execute("UPDATE signals SET ideology = ?, ideology_token = ? WHERE id = ?",
                     (sealer.seal(compartment, "signals", "ideology", signal_id, "dierenrechtenextremistisch"),
                      sealer.token(compartment, blind_index.CATEGORY, "ideology:dierenrechtenextremistisch"),
                      signal_id))
        conn.execute("DELETE FROM signal_ideologies")
        conn.execute("UPDATE persons SET gender = NULL, gender_token = NULL")  # a person of before 0026
        for statement in db.split_statements(script):
            if statement.startswith("INSERT"):
                conn.execute(statement)
        assert [s.ideologies for s in repo.signals_of(conn, case.id)] == [(Ideology.DIERENRECHTEN,)]
    shown = svc.figures(gea, YEAR)
    assert shown.ideologies.value("dierenrechtenextremistisch") == 1 and shown.ideologies.value("rechts_extremistisch") == 0
    assert shown.genders.value("onbekend") == 1
    assert intake.read_case(gea, case.id).person.gender is Gender.ONBEKEND


def test_the_summary_shows_the_signals_ideologies_beside_the_rooms_view(region):
    from pgatui.services import summary

    gea = region["gea"]
    case = take_in(gea, 1, (Ideology.LINKS, Ideology.ONDUIDELIJK))
    weigh(gea, case.id, phenomenon=(Ideology.ANTI_INSTITUTIONEEL,))
    shown = summary.case_summary(gea, case.id)
    assert shown.suspected == (Ideology.LINKS, Ideology.ONDUIDELIJK)
    assert shown.last_weighing.phenomenon == (Ideology.ANTI_INSTITUTIONEEL,)
    lines = {s.heading: s.lines for s in summary.summary_document(shown).sections}["Fenomeen"]
    assert lines == ["Vermoed bij de signalen: Links-extremistisch, Gemengd of onduidelijk",
                     "Volgens de weegploeg (laatste weging): Anti-institutioneel extremistisch"]


def test_a_case_moved_to_another_municipality_is_counted_there_after_its_members_take_it_in(region):
    """The count tokens are made under a compartment: a move drops them, and the next session of a
    member of the new municipality (the drop box import) writes them under its key."""
    from pgatui.services import ownership

    gea, gijs = region["gea"], region["gijs"]
    case = take_in(gea, 1, (Ideology.RECHTS, Ideology.ONDUIDELIJK), Gender.VROUW)
    weigh(gea, case.id, phenomenon=(Ideology.LINKS,))
    zuid = gijs.user.municipalities[0]
    ownership.move_to_municipality(gea, case.id, zuid)  # gea holds no key of Zuid: into its drop box
    assert svc.figures(gea, YEAR).ideologies.value("rechts_extremistisch") == 0
    gijs.vault.close()
    region["gijs"] = gijs = Session(open_vault(region["path"], "gijs", "zuidelijke-regie-lang"))  # takes it in
    south = svc.figures(gijs, YEAR)
    assert (south.ideologies.value("rechts_extremistisch"), south.ideologies.value("onduidelijk")) == (1, 1)
    assert south.genders.value("vrouw") == 1 and south.room_ideologies.value("links_extremistisch") == 1
