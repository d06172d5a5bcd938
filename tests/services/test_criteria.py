"""The weighing criteria adopted in the vault (issue 14, item 1): the shipped default, adoption
from a file or an edit (reason, date, audited, refused for who may not), and weighings that read
the same for ever, whatever is adopted or shipped later."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from helpers import ADMIN, ADMIN_PW
from people import audit_actions, password_of
from process_builders import make_team, new_case, weigh
from pgatui import clock
from pgatui.domain import criteria as domain_criteria
from pgatui.domain.criteria import CatalogueFile, Criterion, CriterionKind, load_catalogue, shipped_catalogues
from pgatui.errors import AccessDenied, DomainError, InvalidValue
from pgatui.services import criteria
from pgatui.services.exporting import ExportFormat, render
from pgatui.services.session import Session
from pgatui.services.weighing_record import weighing_record
from pgatui.vault import open_vault, process

ADOPTED_ON = dt.date(2026, 12, 1)


@pytest.fixture
def team(vault_path):
    clock.freeze(dt.datetime(2026, 11, 24, 10, 30, tzinfo=dt.UTC))
    sessions = make_team(vault_path)
    yield sessions
    clock.freeze(None)
    for session in sessions.values():
        session.vault.close()


def regional_catalogue(version: str = "regio-2027") -> dict:
    shipped = load_catalogue().model_dump(mode="json")
    shipped["criteria"][0]["title"] = "Ideologisch motief (regionale formulering)"
    return {**shipped, "version": version}


def record_text(session, weighing_id: int) -> str:
    return render(weighing_record(session, weighing_id), ExportFormat.TEXT).decode("utf-8")


def test_a_new_vault_has_adopted_the_shipped_catalogues_with_the_current_one_in_force(team):
    view = criteria.read_criteria(team["gea"])
    assert view.catalogue == load_catalogue()
    assert [a.version for a in view.adoptions] == [c.version for c in reversed(shipped_catalogues())]
    assert {a.adopted_by for a in view.adoptions} == {"pgatui"}


def test_the_default_catalogue_has_risk_and_protective_kinds_and_a_necessity_criterion():
    catalogue = load_catalogue()
    assert {c.id for c in catalogue.of_kind(CriterionKind.BESCHERMEND)} == {"sociale-binding", "zelfredzaamheid"}
    necessity = catalogue.of_kind(CriterionKind.NOODZAAK)
    assert len(necessity) == 1 and "Zorg- en Veiligheidshuis" in necessity[0].explanation


def test_a_gemeente_user_adopts_a_file_with_reason_and_date_audited_by_id_only(team, tmp_path):
    gea = team["gea"]
    path = tmp_path / "regio.json"
    path.write_text(json.dumps(regional_catalogue()), encoding="utf-8")
    adopted = criteria.adopt_catalogue_file(gea, path, reason="Vastgesteld in het regionaal overleg",
                                            adopted_on=ADOPTED_ON)
    view = criteria.read_criteria(team["pim"])
    assert view.catalogue == adopted and adopted.adopted == ADOPTED_ON
    newest = view.adoptions[0]
    assert (newest.version, newest.reason, newest.adopted_by) == ("regio-2027", "Vastgesteld in het regionaal overleg",
                                                                  "gea")
    events = gea.vault.conn.execute("SELECT object_id FROM audit_log WHERE action = 'criteria.adopt'").fetchall()
    assert len(events) == 1 and events[0][0].startswith("catalogue:")
    with pytest.raises(DomainError, match="al vastgesteld"):
        criteria.adopt_catalogue_file(gea, path, reason="nogmaals", adopted_on=ADOPTED_ON)


def test_police_may_not_adopt_and_the_refusal_is_audited(team, tmp_path):
    with pytest.raises(AccessDenied):
        criteria.adopt_catalogue(team["pim"], load_catalogue().model_copy(update={"version": "x"}), reason="r",
                                 adopted_on=ADOPTED_ON)
    assert "criteria.adopt:refused" in audit_actions(team["pim"])


def test_the_beheerder_adopts_too_and_a_reason_is_required(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        beheerder = Session(vault)
        with pytest.raises(InvalidValue, match="reden"):
            criteria.adopt_catalogue(beheerder, load_catalogue().model_copy(update={"version": "b-1"}), reason="  ",
                                     adopted_on=ADOPTED_ON)
        criteria.adopt_catalogue(beheerder, load_catalogue().model_copy(update={"version": "b-1"}), reason="regio",
                                 adopted_on=ADOPTED_ON)
        assert criteria.read_criteria(beheerder).catalogue.version == "b-1"


@pytest.mark.parametrize("content, message", [
    ("{niet json", "geen geldige JSON"),
    (json.dumps({**regional_catalogue(), "criteria": []}), "veld criteria"),
])
def test_a_file_that_is_no_catalogue_is_refused_in_one_line(team, tmp_path, content, message):
    path = tmp_path / "fout.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DomainError, match=message):
        criteria.adopt_catalogue_file(team["gea"], path, reason="r", adopted_on=ADOPTED_ON)


def test_an_edit_in_the_form_changes_or_adds_one_criterion_as_a_new_version(team):
    gea = team["gea"]
    extra = Criterion(id="schoolverzuim", title="Schoolverzuim", explanation="Mist de persoon school?",
                      kind=CriterionKind.RISICO)
    added = criteria.adopt_edited(gea, extra, replaces=None, version="regio-2", reason="regio", adopted_on=ADOPTED_ON)
    assert added.ids()[-1] == "schoolverzuim" and len(added.criteria) == len(load_catalogue().criteria) + 1
    changed = criteria.adopt_edited(gea, extra.model_copy(update={"title": "Verzuim"}), replaces="schoolverzuim",
                                    version="regio-3", reason="regio", adopted_on=ADOPTED_ON)
    assert changed.criterion("schoolverzuim").title == "Verzuim" and len(changed.criteria) == len(added.criteria)
    with pytest.raises(DomainError, match="ongeldig"):
        criteria.adopt_edited(gea, extra, replaces=None, version="regio-4", reason="r", adopted_on=ADOPTED_ON)


def test_weighings_under_version_1_read_identically_after_version_2_and_without_version_1_shipped(team, tmp_path,
                                                                                                  monkeypatch):
    gea = team["gea"]
    version_1 = load_catalogue()
    stored_whole = weigh(gea, new_case(gea, "Anna de Eerste").id)
    # A weighing stored before weighings kept their criteria: it finds its version in the vault.
    only_version = weigh(gea, new_case(gea, "Bert de Tweede").id)
    with gea.vault.transaction() as conn:
        old_style = process.get_weighing(conn, only_version)
        process.save_weighing(conn, old_style.model_copy(update={"catalogue": None}))
    before = {wid: record_text(gea, wid) for wid in (stored_whole, only_version)}
    assert version_1.criteria[0].title in before[stored_whole]

    path = tmp_path / "v2.json"
    path.write_text(json.dumps(regional_catalogue("2027-1")), encoding="utf-8")
    criteria.adopt_catalogue_file(gea, path, reason="nieuwe regio-afspraken", adopted_on=ADOPTED_ON)
    version_2 = load_catalogue().model_copy(update={"version": "2099-1"})
    without_1 = CatalogueFile(current="2099-1", versions=(version_2,))
    monkeypatch.setattr(domain_criteria, "load_catalogue_file", lambda name=None: without_1)
    with pytest.raises(DomainError):
        load_catalogue(version_1.version)  # version 1 is gone from the shipped file

    assert {wid: record_text(gea, wid) for wid in (stored_whole, only_version)} == before
    new_weighing = weigh(gea, new_case(gea, "Cor de Derde").id)
    assert "regionale formulering" in record_text(gea, new_weighing)


def test_a_vault_from_before_the_catalogues_adopts_the_shipped_ones_when_opened(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault, vault.transaction() as conn:
        conn.execute("DELETE FROM criteria_catalogues")
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        view = criteria.read_criteria(Session(vault))
        assert view.catalogue == load_catalogue() and len(view.adoptions) == len(shipped_catalogues())
