"""The printable record of a weighing: per party presence and information basis, the joint view per
criterion by kind with the dissents, each party's preference and overall view, the conclusion,
reasons, disagreement and confirmations with times; a weighing from before the joint views still
reads with its views per party; shared-screen-safe by default; written only through the audited export."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from helpers import exported_text
from people import audit_actions, password_of, user
from pgatui import clock
from pgatui.domain.criteria import load_catalogue
from pgatui.domain.models import (Conclusion, CriterionNote, CriterionView, Dissent, JointView, Participant, PartyView,
                                  PersonInput, PhenomenonInput, SignalInput, SourceKind, Ideology, Urgency,
                                  WeighingOutcome)
from pgatui.domain.roles import Role
from pgatui.errors import AccessDenied, UsageError
from pgatui.services import cases as svc
from pgatui.services import weighing
from pgatui.services.exporting import CONFIDENTIAL, ExportFormat, render
from pgatui.services.session import Session
from pgatui.services.weighing_record import export_weighing_record, weighing_record
from pgatui.vault import process

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
        weighing.record_presence(gea, wid, Participant(role=role, name=f"{login} de Tester", organisation=org,
                                                       brought=f"inbreng {role.value}", legal_basis=f"grond {role.value}"))
        weighing.record_view(gea, wid, PartyView(role=role, overall=f"algemeen {role.value}",
                                                 preferred_outcome=WeighingOutcome.OPNEMEN))
    weighing.record_joint(gea, wid, tuple(JointView(criterion_id=c, view=CriterionView.VAN_TOEPASSING,
                                                    note=f"noot {i}") for i, c in enumerate(ids)))
    weighing.record_dissent(gea, wid, Dissent(role=Role.OM, criterion_id=ids[0], view=CriterionView.NIET_VAN_TOEPASSING,
                                              note="OM ziet geen ideologie"))
    weighing.record_phenomenon(gea, wid, PhenomenonInput(ideologies=(Ideology.ONDUIDELIJK, Ideology.JIHADISTISCH)))
    weighing.conclude(gea, wid, Conclusion(outcome=WeighingOutcome.OPNEMEN, reasons="samenhang van de signalen",
                                           disagreement=disagreement))
    for login in confirm:
        role = next(r for name, r, _ in PARTIES if name == login)
        weighing.confirm_with_password(gea, wid, login, password_of(role.value))
    return case, wid


def text_of(document) -> str:
    return render(document, ExportFormat.TEXT).decode("utf-8")


def test_the_record_holds_every_party_the_joint_views_the_conclusion_and_confirmations(team):
    gea = team["gea"]
    case, wid = weighed(gea)
    text = text_of(weighing_record(gea, wid))
    assert case.number in text and "Z.O." in text
    for secret in (NAME, BSN, ADDRESS, DOB.isoformat(), DOB.strftime("%d-%m-%Y"), "0612345678"):
        assert secret not in text
    assert "Waargenomen feiten: Plakt stickers van een verboden groep" in text
    assert "Duiding: Lijkt geronseld te worden" in text
    for party in ("Gemeente: gea de Tester (Gemeente Test)", "Politie: pim de Tester (Politie Test)",
                  "OM: olga de Tester (OM Test)"):
        assert party in text
    catalogue = load_catalogue()
    first = catalogue.criteria[0].title
    sections = {s.heading: s for s in weighing_record(gea, wid).sections}
    assert (first, "Van toepassing", "noot 0") in sections["Gezamenlijk oordeel — Risicofactoren"].table
    protective = sections["Gezamenlijk oordeel — Beschermende factoren"].table
    assert [row[0] for row in protective[1:]] == ["Sociale binding en beschermende factoren", "Zelfredzaamheid"]
    assert ("Noodzaak en subsidiariteit", "Van toepassing", "noot 10") in \
        sections["Gezamenlijk oordeel — Noodzaak en subsidiariteit"].table
    assert f"Afwijkende mening van OM over {first}: Niet van toepassing. OM ziet geen ideologie" in text
    assert ("Politie", "inbreng politie", "grond politie") in sections["Informatiebasis"].table
    assert not sections["Standpunt OM"].table  # no per-party views in a joint weighing
    assert "Algemeen standpunt: algemeen politie" in text and "Voorkeur voor de uitkomst: Opnemen in de PGA" in text
    assert "Uitkomst: Opnemen in de PGA" in text and "Redenen: samenhang van de signalen" in text
    assert "OM ziet onvoldoende grond [b]x[/b]" in text  # literal, never hidden
    assert "OM: bevestigd door olga op 24-11-2026 10:30 UTC" in text
    assert "Datum van de weging: 24-11-2026" in text and "Signaal van 01-11-2026" in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)  # officials write dd-mm-jjjj
    assert "Vermoed bij de signalen: Rechts-extremistisch" in text
    assert "Volgens de weegploeg: Jihadistisch, Gemengd of onduidelijk" in text
    assert "Status: afgerond" in text and "Fase van de casus nu: Casusoverleg" in text


def test_a_weighing_from_before_the_joint_views_reads_with_each_partys_views(team):
    gea = team["gea"]
    _, wid = weighed(gea)
    ids = load_catalogue().ids()
    with gea.vault.transaction() as conn:  # as stored before issue 14: views per party, no joint view
        stored = process.get_weighing(conn, wid)
        views = tuple(view.model_copy(update={"criteria": tuple(
            CriterionNote(criterion_id=c, view=CriterionView.ONBEKEND, note=f"oud {view.role.value}") for c in ids)})
            for view in stored.views)
        process.save_weighing(conn, stored.model_copy(update={"views": views, "joint": (), "dissents": ()}))
    sections = {s.heading: s for s in weighing_record(gea, wid).sections}
    first = load_catalogue().criteria[0].title
    assert (first, "Onbekend", "oud om") in sections["Standpunt OM"].table
    assert not any(heading.startswith("Gezamenlijk oordeel —") for heading in sections)


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
    assert NAME in text and DOB.strftime("%d-%m-%Y") in text
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
        for part in ("Informatiebasis", "inbreng politie", "Beschermende factoren", "Noodzaak en subsidiariteit",
                     "OM ziet geen ideologie"):  # kinds, joint view, dissent and basis in every format
            assert part in " ".join(text.split()), (suffix, part)
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
