"""The printable record of a weighing: per party presence, views per criterion with notes, overall
views, the conclusion, reasons, disagreement and confirmations with times; shared-screen-safe by
default; written only through the audited export."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import exported_text
from people import audit_actions, password_of, user
from pgatui import clock
from pgatui.domain.criteria import load_catalogue
from pgatui.domain.models import (Conclusion, CriterionNote, CriterionView, Participant, PartyView, PersonInput,
                                  SignalInput, SourceKind, Ideology, Urgency, WeighingOutcome)
from pgatui.domain.roles import Role
from pgatui.errors import AccessDenied, UsageError
from pgatui.services import cases as svc
from pgatui.services import weighing
from pgatui.services.exporting import CONFIDENTIAL, ExportFormat, render
from pgatui.services.session import Session
from pgatui.services.weighing_record import export_weighing_record, weighing_record

NAME, BSN, ADDRESS, DOB = "Zwaantje Oudewaterloo", "111222333", "Fictiestraat 9", dt.date(2004, 5, 1)
PARTIES = (("gea", Role.GEMEENTE, "Gemeente Test"), ("pim", Role.POLITIE, "Politie Test"), ("olga", Role.OM, "OM Test"))


@pytest.fixture
def team(vault_path):
    sessions = {login: Session(user(vault_path, login, role.value, org)) for login, role, org in PARTIES}
    sessions["rob"] = Session(user(vault_path, "rob", "partner", "Reclassering Test"))
    sessions["toon"] = Session(user(vault_path, "toon", "toezicht", "FG Test"))
    clock.freeze(dt.datetime(2026, 11, 24, 10, 30, tzinfo=dt.UTC))
    yield sessions
    clock.freeze(None)
    for session in sessions.values():
        session.vault.close()


def weighed(gea, *, confirm=("gea", "pim", "olga"), disagreement="OM ziet onvoldoende grond [b]x[/b]"):
    case = svc.take_in_signal(gea, SignalInput(
        received_on=dt.date(2026, 11, 1), received_by="Gemeente Test", source_kind=SourceKind.ONDERWIJS,
        observed_facts="Plakt stickers van een verboden groep", interpretation="Lijkt geronseld te worden",
        ideology=Ideology.RECHTS, urgency=Urgency.HOOG),
        person=PersonInput(name=NAME, date_of_birth=DOB, address=ADDRESS, bsn=BSN, phone="0612345678"))
    wid = weighing.open_weighing(gea, case.id).weighing.id
    ids = load_catalogue().ids()
    for login, role, org in PARTIES:
        weighing.record_presence(gea, wid, Participant(role=role, name=f"{login} de Tester", organisation=org))
        view = CriterionView.NIET_VAN_TOEPASSING if role is Role.OM else CriterionView.VAN_TOEPASSING
        notes = tuple(CriterionNote(criterion_id=c, view=view, note=f"noot {role.value} {i}") for i, c in enumerate(ids))
        weighing.record_view(gea, wid, PartyView(role=role, criteria=notes, overall=f"algemeen {role.value}",
                                                 preferred_outcome=WeighingOutcome.OPNEMEN))
    weighing.conclude(gea, wid, Conclusion(outcome=WeighingOutcome.OPNEMEN, reasons="samenhang van de signalen",
                                           disagreement=disagreement))
    for login in confirm:
        role = next(r for name, r, _ in PARTIES if name == login)
        weighing.confirm_with_password(gea, wid, login, password_of(role.value))
    return case, wid


def text_of(document) -> str:
    return render(document, ExportFormat.TEXT).decode("utf-8")


def test_the_record_holds_every_party_its_views_the_conclusion_and_confirmations(team):
    gea = team["gea"]
    case, wid = weighed(gea)
    text = text_of(weighing_record(gea, wid))
    assert case.number in text and "Z.O." in text
    for secret in (NAME, BSN, ADDRESS, DOB.isoformat(), "0612345678"):
        assert secret not in text
    assert "Waargenomen feiten: Plakt stickers van een verboden groep" in text
    assert "Duiding: Lijkt geronseld te worden" in text
    for party in ("Gemeente: gea de Tester (Gemeente Test)", "Politie: pim de Tester (Politie Test)",
                  "OM: olga de Tester (OM Test)"):
        assert party in text
    first = load_catalogue().criteria[0].title
    tables = {s.heading: s.table for s in weighing_record(gea, wid).sections}
    assert (first, "Van toepassing", "noot gemeente 0") in tables["Standpunt Gemeente"]
    assert (first, "Niet van toepassing", "noot om 0") in tables["Standpunt OM"]
    assert "noot gemeente 0" in text and "noot om 0" in text
    assert "Algemeen standpunt: algemeen politie" in text and "Voorkeur voor de uitkomst: Opnemen in de PGA" in text
    assert "Uitkomst: Opnemen in de PGA" in text and "Redenen: samenhang van de signalen" in text
    assert "OM ziet onvoldoende grond [b]x[/b]" in text  # literal, never hidden
    assert "OM: bevestigd door olga op 2026-11-24 10:30 UTC" in text
    assert "Status: afgerond" in text and "Fase van de casus nu: Casusoverleg" in text


def test_a_record_before_all_confirmations_says_so(team):
    gea = team["gea"]
    _, wid = weighed(gea, confirm=("gea",), disagreement="")
    text = text_of(weighing_record(gea, wid))
    assert "Politie: nog niet bevestigd" in text and "Status: nog niet afgerond." in text
    assert "Geen verschil van inzicht vastgelegd." in text


def test_the_identifying_form_adds_name_and_date_of_birth_but_never_bsn_or_address(team):
    gea = team["gea"]
    _, wid = weighed(gea)
    text = text_of(weighing_record(gea, wid, identifying=True))
    assert NAME in text and DOB.isoformat() in text
    assert BSN not in text and ADDRESS not in text


def test_export_is_written_once_confidential_and_audited(team, tmp_path):
    gea = team["gea"]
    _, wid = weighed(gea)
    for suffix in ("txt", "md", "pdf"):
        target = export_weighing_record(gea, wid, tmp_path / f"weging.{suffix}")
        text = exported_text(target)
        assert target.stat().st_mode & 0o077 == 0
        assert BSN not in text and NAME not in text
        assert text.startswith(CONFIDENTIAL) if suffix == "txt" else "VERTROUWELIJK" in text
    with pytest.raises(UsageError):
        export_weighing_record(gea, wid, tmp_path / "weging.txt")
    assert audit_actions(gea).count("weighing.export:ok") == 3


def test_only_core_partners_get_the_record(team, tmp_path):
    gea = team["gea"]
    _, wid = weighed(gea)
    for outsider in ("rob", "toon"):
        with pytest.raises(AccessDenied):
            export_weighing_record(team[outsider], wid, tmp_path / f"{outsider}.txt")
        assert not (tmp_path / f"{outsider}.txt").exists()
