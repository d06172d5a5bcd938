"""The access log, who opened a file, and data-subject requests (issue 15)."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import ADMIN, ADMIN_PW
from people import audit_actions, signal, user
from pgatui import clock
from pgatui.domain.models import PersonInput
from pgatui.domain.purposes import LABELS_NL, AccessPurpose
from pgatui.errors import AccessDenied, UsageError
from pgatui.services import access_log as log
from pgatui.services import cases as svc
from pgatui.services import subject_requests as subject
from pgatui.services.session import Session
from pgatui.vault import open_vault

NAME = "Kanariepiet Onvindbaarsma"
FACTS = "Geheimzinnige-feitenregel-over-derden"


@pytest.fixture
def people(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        vault.add_organisation("Politie Test", "politie")
    found = {"gea": Session(user(vault_path, "gea", "gemeente", "Gemeente Test")),
             "gwen": Session(user(vault_path, "gwen", "gemeente", "Gemeente Test", "tweede-regisseur-lang")),
             "pim": Session(user(vault_path, "pim", "politie", "Politie Test")),
             "fg": Session(user(vault_path, "fg", "toezicht", "FG Test")),
             "anna": Session(open_vault(vault_path, ADMIN, ADMIN_PW))}
    yield found
    for session in found.values():
        session.vault.close()


@pytest.fixture
def case(people):
    made = svc.take_in_signal(people["gea"], signal(observed_facts=FACTS),
                              person=PersonInput(name=NAME, date_of_birth=dt.date(2003, 4, 5)))
    svc.read_case(people["pim"], made.id, purpose=AccessPurpose.MEETING.value)
    return made


def test_filters_and_keyset_paging(people, case):
    fg = people["fg"]
    opens = log.read_log(fg, log.LogFilter(object_id=case.number))
    assert opens.events and all(e.object_id == f"case:{case.id}" for e in opens.events)
    assert {e.actor for e in opens.events if e.action == "case.read"} == {"pim"}
    again = log.read_log(fg, log.LogFilter(object_id=str(case.id))).events
    assert again[0].action == "audit.view" and again[0].actor == "fg"  # the view just before is itself logged
    assert again[1:] == opens.events
    assert all(e.actor == "pim" for e in log.read_log(fg, log.LogFilter(actor="PIM")).events)
    first = log.read_log(fg, page=3)
    second = log.read_log(fg, before=first.next_before, page=3)
    assert len(first.events) == 3 and first.next_before == first.events[-1].seq
    assert second.events[0].seq < first.events[-1].seq
    with pytest.raises(AccessDenied):
        log.read_log(people["pim"])  # refused: what a core partner may not see
    assert log.read_log(fg, log.LogFilter(actor="pim", refused_only=True)).events[0].action == "audit.read"
    future = clock.today() + dt.timedelta(days=3)
    assert log.read_log(fg, log.LogFilter(since=future)).events == []
    assert log.read_log(fg, log.LogFilter(until=clock.today(), action="case.read")).events
    with pytest.raises(UsageError):
        log.read_log(fg, log.LogFilter(object_id="naam met spaties"))
    assert "audit.view:ok" in audit_actions(fg)


def test_the_beheerder_reads_the_log_and_its_chain_status(people, case):
    status = log.chain_status(people["anna"], full=True)
    assert status.ok and status.head > 0 and status.checked_from == 0
    assert log.chain_status(people["anna"]).ok
    assert log.read_log(people["anna"]).events


def test_export_holds_ids_only(people, case, tmp_path):
    count = log.export_log(people["fg"], log.LogFilter(object_id=case.number), tmp_path / "log.csv")
    text = (tmp_path / "log.csv").read_text(encoding="utf-8")
    assert count >= 2 and f"case:{case.id}" in text and "pim" in text
    assert NAME.split()[0] not in text and FACTS not in text
    with pytest.raises(UsageError):
        log.export_log(people["fg"], log.LogFilter(), tmp_path / "log.csv")  # never over a file
    assert "audit.export:ok" in audit_actions(people["fg"])


def test_who_opened_the_file_for_the_fg_and_the_director_only(people, case):
    for reader in ("fg", "gea"):
        opens = log.who_opened(people[reader], case.id)
        assert opens.number == case.number and opens.next_before is None
        assert [(o.actor, o.purpose) for o in opens.opens if o.actor == "pim"] == [("pim", LABELS_NL[AccessPurpose.MEETING])]
    for other in ("gwen", "pim", "anna"):
        with pytest.raises(AccessDenied):
            log.who_opened(people[other], case.id)
        assert "audit.case_opens:refused" in audit_actions(people[other])


def test_who_opened_is_paged_newest_first(people, case):
    for _ in range(4):
        svc.read_case(people["gea"], case.id)
    first = log.who_opened(people["fg"], case.id, page=3)
    second = log.who_opened(people["fg"], case.id, before=first.next_before, page=3)
    assert len(first.opens) == 3 and first.next_before == first.opens[-1].seq
    assert [o.actor for o in second.opens] == ["gea", "pim"] and second.next_before is None
    assert [o.seq for o in first.opens + second.opens] == sorted((o.seq for o in first.opens + second.opens), reverse=True)


def _in_monitoring(session, case_id):
    """Past the weighing and the meeting: no longer every core partner's work (set directly: the
    rule is what is tested here, not the process that leads there)."""
    with session.vault.transaction() as conn:
        conn.execute("UPDATE cases SET phase = 'monitoring' WHERE id = ?", (case_id,))


def test_a_purpose_is_asked_outside_ones_own_work(people, case):
    assert not svc.purpose_needed(people["gea"], case.id)  # the director
    assert not svc.purpose_needed(people["gwen"], case.id)  # the weighing is every core partner's task
    _in_monitoring(people["gea"], case.id)
    assert not svc.purpose_needed(people["gea"], case.id)
    assert svc.purpose_needed(people["gwen"], case.id) and svc.purpose_needed(people["pim"], case.id)
    with pytest.raises(AccessDenied):
        svc.purpose_needed(people["anna"], case.id)  # no file for the beheerder, asked or not


def test_the_explanation_of_other_is_kept_beside_the_event_never_in_it(people, case):
    from pgatui.errors import InvalidValue

    _in_monitoring(people["gea"], case.id)
    with pytest.raises(InvalidValue):
        svc.read_case(people["gwen"], case.id, purpose=AccessPurpose.OTHER.value)  # "anders" needs a reason
    svc.read_case(people["gwen"], case.id, purpose="anders", explanation=" Klacht-van-Buurvrouw-Jansen ")
    opened = log.who_opened(people["fg"], case.id).opens[0]
    # The explanation may name people: sealed under the case's municipality (issue 12), so the FG
    # sees that "anders" was given and by whom, the director (a member) reads why.
    assert (opened.actor, opened.purpose, opened.explanation) == ("gwen", "Anders", "afgeschermd")
    by_director = log.who_opened(people["gea"], case.id).opens[0]
    assert (by_director.actor, by_director.explanation) == ("gwen", "Klacht-van-Buurvrouw-Jansen")
    stored = people["fg"].vault.conn.execute("SELECT text FROM access_purpose_texts").fetchone()[0]
    assert b"Buurvrouw" not in bytes(stored)
    log_text = " ".join(str(r) for r in people["fg"].vault.conn.execute("SELECT * FROM audit_log"))
    assert "Buurvrouw" not in log_text and "'anders'" in log_text


def test_a_cancelled_purpose_question_is_audited_and_opens_nothing(people, case):
    svc.decline_open(people["gwen"], case.id)
    assert "case.read:cancelled" in audit_actions(people["gwen"])
    assert "gwen" not in [o.actor for o in log.who_opened(people["fg"], case.id).opens]


def test_subject_request_with_a_withheld_part(people, case, tmp_path):
    director = people["gea"]  # holds the key of the case's compartment (the FG holds none)
    parts = subject.subject_parts(director, case.person_id)
    keys = [p.key for p in parts]
    assert keys[0] == "person" and f"case:{case.id}" in keys and f"log:{case.id}" in keys
    signal_key = next(k for k in keys if k.startswith("signal:"))
    out = subject.export_subject_request(director, case.person_id, tmp_path / "inzage.txt",
                                         {signal_key: subject.WithholdReason.THIRD_PARTY})
    text = out.read_text(encoding="utf-8")
    assert NAME in text and FACTS not in text and "[ingehouden: gegevens van derden]" in text
    assert "pim" in text  # the access log entries about the file are part of it
    log_text = " ".join(str(r) for r in director.vault.conn.execute("SELECT * FROM audit_log"))
    assert NAME not in log_text and f"person:{case.person_id}" in log_text
    assert {"subject.request:ok", "subject.export:ok"} <= set(audit_actions(director))


def test_the_fg_subject_request_says_the_content_is_sealed(people, case, tmp_path):
    fg = people["fg"]
    keys = [p.key for p in subject.subject_parts(fg, case.person_id)]
    assert f"case:{case.id}" in keys and f"sealed:{case.id}" in keys and f"log:{case.id}" in keys
    assert not any(k.startswith("signal:") for k in keys)
    text = subject.export_subject_request(fg, case.person_id, tmp_path / "inzage.txt").read_text(encoding="utf-8")
    assert subject.SEALED_PART in text and NAME not in text and FACTS not in text


def test_subject_request_by_the_director_only(people, case, tmp_path):
    assert subject.subject_parts(people["gea"], case.person_id)
    for other in ("gwen", "pim", "anna"):
        with pytest.raises(AccessDenied):
            subject.subject_parts(people[other], case.person_id)
        assert "subject.request:refused" in audit_actions(people[other])
