"""Issue 11: every case belongs to a municipality and has a case director; gemeente users see only
their municipalities, politie and OM those of their account; handover and moves with history and
notices; a new signal joins the open case; passed deadlines escalate; find by number and BSN; the
planner's candidates page without a cap."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import ADMIN, ADMIN_PW
from people import confirm_keys, signal, user
from process_builders import PARTIES, weigh
from pgatui import clock
from pgatui.domain.models import PersonInput, Urgency, WeighingOutcome
from pgatui.errors import AccessDenied, DomainError, NotFound
from pgatui.services import cases as svc
from pgatui.services import meetings, ownership
from pgatui.services.session import Session
from pgatui.vault import open_vault

BSN = "111222333"


@pytest.fixture
def region(vault_path):
    """Gemeente Test (gea, gwen) and Gemeente Zuid (gijs); politie pim (all) and pia (Zuid only); om olga."""
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        zuid = vault.add_organisation("Gemeente Zuid", "gemeente")
        vault.add_organisation("Politie Test", "politie")
    people = {login: Session(user(vault_path, login, role.value, org)) for login, role, org in PARTIES}
    people["gwen"] = Session(user(vault_path, "gwen", "gemeente", "Gemeente Test", "tweede-regisseur-lang"))
    people["gijs"] = Session(user(vault_path, "gijs", "gemeente", "Gemeente Zuid", "zuidelijke-regie-lang"))
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        one_time = vault.add_user("pia", "politie", "Politie Test", municipalities=[zuid])
    from pgatui.vault import change_password
    change_password(vault_path, "pia", one_time, "politie-zuid-lang-x")
    people["pia"] = Session(open_vault(vault_path, "pia", "politie-zuid-lang-x"))
    confirm_keys(*people.values())
    people["zuid"] = zuid
    yield people
    clock.freeze(None)
    for session in people.values():
        if isinstance(session, Session):
            session.vault.close()


def take_in(session, name, *, address="", bsn=None, urgency=Urgency.NORMAAL, **where):
    person = PersonInput(name=name, date_of_birth=dt.date(2001, 2, 3), address=address, bsn=bsn)
    return svc.take_in_signal(session, signal(urgency=urgency), person=person, **where)


def refusals(session, action):
    return session.vault.conn.execute("SELECT object_id FROM audit_log WHERE action = ? AND result = 'refused'",
                                      (action,)).fetchall()


def test_intake_sets_municipality_and_director_and_other_municipalities_see_nothing(region):
    gea, gijs, pim, pia = region["gea"], region["gijs"], region["pim"], region["pia"]
    own = take_in(gea, "Zwaantje Oudewaterloo", bsn=BSN)
    assert own.municipality_id == gea.user.municipalities[0] and own.director == "gea"
    # politie types a signal in; the address names Zuid: the case goes there, to its gemeente user
    south = take_in(pim, "Hendrikje Vasthouder", address="Kerkstraat 4, 1234 AB Zuid")
    assert south.municipality_id == region["zuid"] and south.director == "gijs" and south.owner == "pim"

    with pytest.raises(AccessDenied):
        svc.read_case(gijs, own.id)
    assert refusals(gijs, "case.read") == [(f"case:{own.id}",)]
    assert [c.id for c in svc.list_cases(gijs)] == [south.id]
    assert [r.case.id for r in svc.case_rows(gijs, by_due=True)] == [south.id]
    for query in ("Zwaantje", own.number, str(own.id), BSN):
        assert svc.search_cases(gijs, query) == [], query
        assert [c.id for c, _ in svc.search_cases(gea, query)] == [own.id], query
    assert svc.dashboard(gijs).counts == {"signaal": 1}
    assert {c.id for c in svc.list_cases(pim)} == {own.id, south.id}  # politie: every municipality
    assert [c.id for c in svc.list_cases(pia)] == [south.id]  # ... unless its account lists them
    with pytest.raises(AccessDenied):
        svc.read_case(pia, own.id)
    with pytest.raises(DomainError):  # a gemeente user opens cases only in its own municipality
        take_in(gea, "Teun Knotwilg", municipality_id=region["zuid"])


def test_the_weighing_task_goes_to_every_core_partner_of_the_municipality_not_the_typist(region):
    gea, gwen, gijs, pim = region["gea"], region["gwen"], region["gijs"], region["pim"]
    case = take_in(pim, "Zwaantje Oudewaterloo")  # no address: the vault's first municipality that pim sees
    for session in (gea, gwen, pim, region["olga"]):
        assert ("weighing_due", case.id) in {(t.kind, t.case_id) for t in svc.dashboard(session).tasks}
    assert not any(t.case_id == case.id for t in svc.dashboard(gijs).tasks)


def test_handover_and_move_keep_history_and_tell_both_directors(region, vault_path):
    gea, gwen, gijs = region["gea"], region["gwen"], region["gijs"]
    case = take_in(gea, "Zwaantje Oudewaterloo")
    with pytest.raises(AccessDenied):
        ownership.hand_over(gijs, case.id, "gijs")
    with pytest.raises(DomainError):  # the new director must work for the case's municipality
        ownership.hand_over(gea, case.id, "gijs")
    ownership.hand_over(gea, case.id, "gwen")
    assert svc.read_case(gwen, case.id).case.director == "gwen"
    assert [(n.kind, n.case_id) for n in svc.dashboard(gwen).notices] == [("handover_in", case.id)]
    assert [(n.kind, n.case_id) for n in svc.dashboard(gea).notices] == [("handover_out", case.id)]
    ownership.dismiss_notice(gwen, svc.dashboard(gwen).notices[0].id)
    assert svc.dashboard(gwen).notices == []
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:  # the beheerder may hand over (no content shown)
        ownership.hand_over(Session(vault), case.id, "gea")
    ownership.move_to_municipality(gea, case.id, region["zuid"])
    moved = svc.read_case(gijs, case.id)
    assert (moved.case.municipality_id, moved.case.director) == (region["zuid"], "gijs")
    changes = {(row[1], row[3], row[4]) for row in moved.history if row[0] == "case"}
    assert {("director", "gwen", "gea"), ("director", "gea", ADMIN), ("director", "gijs", "gea"),
            ("municipality_id", str(region["zuid"]), "gea")} <= changes
    with pytest.raises(AccessDenied):
        svc.read_case(gea, case.id)
    actions = [r[0] for r in gea.vault.conn.execute("SELECT action || ':' || result FROM audit_log")]
    assert {"case.handover:ok", "case.handover:refused", "case.municipality:ok"} <= set(actions)


def test_the_beheerder_hands_over_by_number_from_a_list_without_content(region, vault_path):
    gea, gijs, pim = region["gea"], region["gijs"], region["pim"]
    case = take_in(gea, "Zwaantje Oudewaterloo", bsn=BSN)
    south = take_in(gijs, "Hendrikje Vasthouder")
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        beheerder = Session(vault)
        listed = {c.number: c for c in ownership.directed_cases(beheerder)}
        assert set(listed) == {case.number, south.number}
        row = listed[case.number]
        assert (row.municipality_id, row.director, row.director_active) == (case.municipality_id, "gea", True)
        assert "Zwaantje" not in repr(listed)  # numbers, municipalities and logins only
        for query in (case.number, str(case.id), "gea", "test"):  # number, its digits, director, municipality
            assert [c.id for c in ownership.directed_cases(beheerder, query)] == [case.id], query
        assert ownership.directed_cases(beheerder, BSN) == []  # no search by content
        with pytest.raises(DomainError):  # only a gemeente user of the case's municipality
            ownership.hand_over_number(beheerder, case.number, "gijs")
        before = ownership.hand_over_number(beheerder, case.number.removeprefix("PGA-"), "gwen")
        assert before.director == "gea"
        with pytest.raises(NotFound):
            ownership.hand_over_number(beheerder, "PGA-2026-99999", "gwen")
        actions = [r[0] for r in vault.conn.execute("SELECT action || ':' || result FROM audit_log")]
    assert svc.read_case(gea, case.id).case.director == "gwen"
    assert ("handover_in", case.id) in {(n.kind, n.case_id) for n in svc.dashboard(region["gwen"]).notices}
    assert ("handover_out", case.id) in {(n.kind, n.case_id) for n in svc.dashboard(gea).notices}
    assert {"case.directors:ok", "case.handover:ok"} <= set(actions)
    assert [c.id for c in ownership.directed_cases(gijs)] == [south.id]  # a gemeente user: its own
    with pytest.raises(AccessDenied):
        ownership.directed_cases(pim)  # politie hands nothing over
    assert refusals(pim, "case.handover") == [(None,)]


def test_a_new_signal_joins_the_open_case_tells_the_director_and_reaches_the_agenda(region):
    gea, pim = region["gea"], region["pim"]
    case = take_in(gea, "Zwaantje Oudewaterloo")
    weigh(gea, case.id)
    [candidate] = meetings.agenda_candidates(gea)
    assert candidate.reason.value == "nieuw" and candidate.name == "Zwaantje Oudewaterloo"  # opened per row
    meetings.plan_meeting(gea, meetings.MeetingInput(held_on=gea.today(), chair="gea", agenda=(
        meetings.AgendaItem(case_id=case.id, reason=candidate.reason),)))
    assert [c.reason.value for c in meetings.agenda_candidates(gea)] == ["nieuw"]  # until its minutes
    [person] = svc.possible_duplicates(pim, "Zwaantje Oudewaterloo", dt.date(2001, 2, 3))
    assert svc.open_case_of_person(pim, person.id).id == case.id
    again = svc.take_in_signal(pim, signal(), person_id=person.id)
    assert again.id == case.id and len(svc.read_case(gea, case.id).signals) == 2
    assert ("new_signal", case.id) in {(n.kind, n.case_id) for n in svc.dashboard(gea).notices}
    assert [(c.case.id, c.reason.value) for c in meetings.agenda_candidates(gea)] == [(case.id, "nieuw_signaal")]


def test_passed_deadlines_show_to_the_director_then_to_the_whole_municipality(region):
    gea, gwen, gijs = region["gea"], region["gwen"], region["gijs"]
    case = take_in(gea, "Zwaantje Oudewaterloo")
    weigh(gea, case.id, WeighingOutcome.MEER_INFORMATIE, deadline=gea.today() + dt.timedelta(days=3))
    later = dt.datetime.combine(gea.today() + dt.timedelta(days=10), dt.time(9), tzinfo=dt.UTC)
    clock.freeze(later)
    [overdue] = svc.dashboard(gea).overdue
    assert (overdue.kind, overdue.case_id, overdue.days, overdue.escalated) == ("follow_up", case.id, 7, False)
    assert svc.dashboard(gwen).overdue == []  # within the grace period: the director only
    clock.freeze(later + dt.timedelta(days=8))  # 15 days overdue, grace 14
    [escalated] = svc.dashboard(gwen).overdue
    assert (escalated.case_id, escalated.days, escalated.escalated) == (case.id, 15, True)
    assert svc.dashboard(gijs).overdue == []  # another municipality never


def test_planner_lists_every_candidate_in_pages_urgent_first_and_searchable(region):
    gea = region["gea"]
    cases = [take_in(gea, f"Persoon Nummer{i:02d}", urgency=Urgency.ACUUT if i == 7 else Urgency.NORMAAL)
             for i in range(12)]
    for case in cases:
        weigh(gea, case.id)
    pages, after = [], ""
    while page := meetings.agenda_candidates(gea, after=after, limit=5):
        pages.append(page)
        after = page[-1].key
    found = [c.case.id for page in pages for c in page]
    assert sorted(found) == sorted(c.id for c in cases) and len(found) == len(set(found)) == 12
    assert found[0] == cases[7].id  # urgent first
    assert [c.case.id for c in meetings.agenda_candidates(gea, query="Nummer03")] == [cases[3].id]
    assert [c.case.id for c in meetings.agenda_candidates(gea, query=cases[5].number)] == [cases[5].id]
    assert meetings.agenda_candidates(region["gijs"]) == []
