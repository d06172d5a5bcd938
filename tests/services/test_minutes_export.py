"""Export of final minutes: per partner only the cases it was invited to; drafts refused; audited."""

from __future__ import annotations

import pytest

from helpers import exported_text
from people import audit_actions, register_organisation
from pgatui.domain.models import Attendance, MinutesDraft
from pgatui.errors import AccessDenied, DomainError
from pgatui.services import meetings
from pgatui.services.exporting import CONFIDENTIAL
from pgatui.services.minutes_export import export_minutes
from test_process import PARTNER_ORG, draft, new_case, plan, team, weigh  # noqa: F401 - team is a fixture

OTHER_ORG = "Raad voor de Kinderbescherming Test"


@pytest.fixture
def meeting(team, vault_path):
    """Three cases: one for the partner, one for another organisation, one for the core partners only."""
    register_organisation(vault_path, OTHER_ORG, "raad_kinderbescherming")
    gea = team["gea"]
    cases = [new_case(gea, name) for name in ("Zwaantje Oudewaterloo", "Hendrikje Vasthouder", "Teun Knotwilg")]
    for case in cases:
        weigh(gea, case.id)
    held = plan(gea, (cases[0], {PARTNER_ORG}), (cases[1], {OTHER_ORG}), (cases[2], set()))
    meetings.record_attendance(gea, held.id, (Attendance(name="gea", organisation="Gemeente Test", role="voorzitter"),
                                              Attendance(name="rob", organisation=PARTNER_ORG, role="reclassering")))
    meetings.save_minutes(gea, held.id, cases[0].id, draft(decisions="Besluit voor Zwaantje"))
    meetings.save_minutes(gea, held.id, cases[1].id, MinutesDraft(decisions="Besluit voor Hendrikje"))
    meetings.save_minutes(gea, held.id, cases[2].id, MinutesDraft(decisions="Besluit alleen kernpartners"))
    return held, cases


def finalise_all(gea, held, cases):
    for case in cases:
        meetings.finalise_minutes(gea, held.id, case.id)


def test_the_partner_export_holds_only_its_own_cases(team, meeting, tmp_path):
    gea = team["gea"]
    held, cases = meeting
    finalise_all(gea, held, cases)
    meetings.add_addendum(gea, held.id, cases[0].id, "Correctie: mentor via wijkteam")
    target = export_minutes(gea, held.id, tmp_path / "reclassering.txt", organisation=PARTNER_ORG)
    text = target.read_text(encoding="utf-8")
    assert text.startswith(CONFIDENTIAL) and text.rstrip().endswith(CONFIDENTIAL)
    numbers = [c.number for c in cases]
    assert numbers[0] in text and "Zwaantje Oudewaterloo" in text and "Besluit voor Zwaantje" in text
    assert "Gedeeld door politie" in text and "Wpg art. 19" in text and "Mentor zoeken" in text
    assert "Correctie: mentor via wijkteam" in text
    for other in (numbers[1], numbers[2], "Hendrikje", "Teun", "Besluit voor Hendrikje", "kernpartners"):
        assert other not in text
    assert "minutes.export:ok" in audit_actions(gea)
    events = gea.vault.conn.execute("SELECT object_id FROM audit_log WHERE action = 'minutes.export'").fetchall()
    assert events == [(f"meeting:{held.id}/organisation:{PARTNER_ORG}",)]


def test_the_pdf_per_partner_and_the_full_export(team, meeting, tmp_path):
    gea = team["gea"]
    held, cases = meeting
    finalise_all(gea, held, cases)
    path = export_minutes(gea, held.id, tmp_path / "raad.pdf", organisation=OTHER_ORG)
    assert path.read_bytes().startswith(b"%PDF-")
    pdf = exported_text(path)
    assert "VERTROUWELIJK" in pdf and cases[1].number in pdf and "Besluit voor Hendrikje" in pdf
    assert cases[0].number not in pdf and cases[2].number not in pdf and "Zwaantje" not in pdf
    full = export_minutes(gea, held.id, tmp_path / "alles.md", organisation=None).read_text(encoding="utf-8")
    assert all(c.number.replace("-", "\\-") in full for c in cases)


def test_drafts_and_uninvited_organisations_are_refused(team, meeting, tmp_path):
    gea = team["gea"]
    held, cases = meeting
    meetings.finalise_minutes(gea, held.id, cases[1].id)
    with pytest.raises(DomainError, match="definitief"):
        export_minutes(gea, held.id, tmp_path / "concept.txt", organisation=PARTNER_ORG)
    with pytest.raises(DomainError, match="definitief"):
        export_minutes(gea, held.id, tmp_path / "concept.txt", organisation=None)
    with pytest.raises(DomainError, match="uitgenodigd"):
        export_minutes(gea, held.id, tmp_path / "vreemd.txt", organisation="Onbekende Stichting")
    assert export_minutes(gea, held.id, tmp_path / "raad.txt", organisation=OTHER_ORG).exists()
    assert not (tmp_path / "concept.txt").exists()


def test_only_the_municipality_exports(team, meeting, tmp_path):
    held, cases = meeting
    finalise_all(team["gea"], held, cases)
    for login in ("pim", "rob"):
        with pytest.raises(AccessDenied):
            export_minutes(team[login], held.id, tmp_path / f"{login}.txt", organisation=PARTNER_ORG)
    assert not list(tmp_path.glob("*.txt"))
