"""`pgatui retention`, `pgatui policy` and `pgatui destruction-report` as a user runs them."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from cliutil import as_admin, one_line_error, pgatui
from helpers import ADMIN, ADMIN_PW
from pgatui import clock
from pgatui.domain.models import Phase, PersonInput
from pgatui.domain.retention import load_policy
from pgatui.services import retention
from pgatui.services.session import Session
from pgatui.vault import accountable
from pgatui.vault import cases as cases_repo
from pgatui.vault import change_password, open_vault

pytestmark = pytest.mark.slow
GEA_PW = "gemeente-wachtzin-cli"


@pytest.fixture
def vault_with_cases(vault_path):
    """gea (gemeente), two closed cases: one closed in 2015 (overdue), one closed last month."""
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        one_time = vault.add_user("gea", "gemeente", "Gemeente Test")
        with vault.transaction() as conn:
            for name, closed in (("Oud Geval", dt.date(2015, 3, 1)), ("Nieuw Geval", clock.today() - dt.timedelta(days=30))):
                person = cases_repo.insert_person(conn, PersonInput(name=name, date_of_birth=dt.date(1999, 1, 1)))
                case_id = cases_repo.insert_case(conn, person, "gea", closed)
                cases_repo.update_case(conn, case_id, phase=Phase.AFGESLOTEN.value, closed_on=closed.isoformat(),
                                       closure_reason="afgerond", last_substantive_on=closed.isoformat(),
                                       last_outcome="opnemen_pga")
    change_password(vault_path, "gea", one_time, GEA_PW)
    return vault_path


def as_gea(*args):
    return pgatui(*args, "--as", "gea", "--password-stdin", stdin=GEA_PW + "\n")


def test_retention_json_has_one_object_per_case_with_iso_dates(vault_with_cases):
    result = as_gea("retention", vault_with_cases, "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["state"] for r in rows] == ["overdue", "running"]
    assert rows[0]["deadline"] == "2020-03-01" and rows[0]["rule"] == "casus-afgesloten"
    assert dt.date.fromisoformat(rows[1]["deadline"])
    overdue = as_gea("retention", vault_with_cases, "--state", "overdue")
    assert overdue.returncode == 0 and len(overdue.stdout.splitlines()) == 1
    assert overdue.stdout.split("\t")[1:3] == ["overdue", "2020-03-01"]


def test_policy_view_and_load_by_beheerder_only(vault_with_cases, tmp_path):
    shown = as_gea("policy", vault_with_cases)
    assert shown.returncode == 0 and "Bewaarbeleid 2026-2" in shown.stdout and "bron: Modelconvenant" in shown.stdout
    new = json.loads(load_policy().model_dump_json())
    new["version"] = "2030-1"
    new["rules"][1]["keep_months"] = 1200
    (tmp_path / "beleid.json").write_text(json.dumps(new))
    refused = as_gea("policy", vault_with_cases, "--load", tmp_path / "beleid.json")
    assert refused.returncode == 1 and "geen toegang" in one_line_error(refused)
    loaded = as_admin("policy", vault_with_cases, "--load", tmp_path / "beleid.json")
    assert loaded.returncode == 0, loaded.stderr
    rows = json.loads(as_gea("retention", vault_with_cases, "--json").stdout)
    assert {r["state"] for r in rows} == {"running"}  # the deadlines were recomputed
    missing = as_admin("policy", vault_with_cases, "--load", tmp_path / "weg.json")
    assert missing.returncode == 1 and "bestaat niet" in one_line_error(missing)


def test_destruction_report_to_a_new_file(vault_with_cases, tmp_path):
    with open_vault(vault_with_cases, "gea", GEA_PW) as vault:
        session = Session(vault)
        retention.destroy_cases(session, [r.case_id for r in retention.destruction_review(session)])
    out = tmp_path / "rapport.csv"
    result = as_gea("destruction-report", vault_with_cases, "--out", out)
    assert result.returncode == 0, result.stderr
    lines = out.read_text().splitlines()
    assert len(lines) == 2 and lines[1].startswith("PGA-2015-") and "Oud Geval" not in out.read_text()
    again = as_gea("destruction-report", vault_with_cases, "--out", out)
    assert again.returncode == 1 and "bestaat al" in one_line_error(again)


@pytest.fixture
def vault_with_quiet_files(vault_with_cases):
    """Two open files without a substantive event for three years; one has a recent justification."""
    today = clock.today()
    with open_vault(vault_with_cases, ADMIN, ADMIN_PW) as vault, vault.transaction() as conn:
        for name in ("Stil Dossier", "Verantwoord Dossier"):
            person = cases_repo.insert_person(conn, PersonInput(name=name, date_of_birth=dt.date(1999, 1, 1)))
            case_id = cases_repo.insert_case(conn, person, "gea", today - dt.timedelta(days=3 * 365))
            cases_repo.update_case(conn, case_id, phase=Phase.MONITORING.value)
        accountable.insert_justification(conn, case_id, today - dt.timedelta(days=10), "rechtszaak loopt", "gea")
    return vault_with_cases


def test_retention_json_shows_dormant_and_justified_open_files(vault_with_quiet_files):
    result = as_gea("retention", vault_with_quiet_files, "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert sorted(r["state"] for r in rows) == ["dormant", "justified", "overdue", "running"]
    justified = next(r for r in rows if r["state"] == "justified")
    assert justified["rule"] == "open-dossier-slapend" and "rechtszaak" not in result.stdout
    dormant = as_gea("retention", vault_with_quiet_files, "--state", "dormant")
    assert dormant.returncode == 0 and len(dormant.stdout.splitlines()) == 1


def test_the_cli_has_no_way_to_close_a_case(vault_with_cases):
    """No one-party disposal (issue 11): closing is a process step of the TUI services, not a command."""
    for command in ("close", "dispose", "case"):
        result = as_gea(command, vault_with_cases)
        assert result.returncode == 2, (command, result.stderr)
