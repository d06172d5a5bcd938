"""The shipped catalogue and policy files validate; settings have their documented defaults."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from pgatui.assets import asset_path
from pgatui.domain.criteria import CatalogueFile, catalogue_versions, load_catalogue
from pgatui.domain.retention import RecordKind, RetentionEvent, load_policy
from pgatui.domain.settings import DEFAULT_SETTINGS, Language, Settings
from pgatui.errors import DomainError


def test_catalogue_in_force_has_8_to_12_explained_criteria():
    catalogue = load_catalogue()
    assert catalogue.version in catalogue_versions()
    assert 8 <= len(catalogue.criteria) <= 12
    assert all(c.title and len(c.explanation) > 20 for c in catalogue.criteria)
    assert "checklist" in catalogue.note and catalogue.source


def test_catalogue_covers_the_themes_of_domain_md():
    ids = set(load_catalogue().ids())
    assert {"ideologisch-motief", "geweld-of-wetsovertreding", "ondermijning-rechtsorde", "samenhang-signalen",
            "netwerk", "sociale-binding", "zelfredzaamheid", "voorbereidingshandelingen", "online-gedrag",
            "kwetsbaarheid"} <= ids


def test_catalogue_versions_are_looked_up_by_name():
    current = load_catalogue()
    assert load_catalogue(current.version) == current
    with pytest.raises(DomainError, match="onbekend"):
        load_catalogue("1999-1")
    with pytest.raises(DomainError, match="netwerk-x"):
        current.criterion("netwerk-x")
    assert current.criterion("netwerk").title


def test_catalogue_file_validation():
    raw = json.loads(asset_path("criteria-catalogue.json").read_text(encoding="utf-8"))
    version = raw["versions"][0]
    duplicate = {**version, "criteria": version["criteria"] + version["criteria"][:1]}
    for bad, match in (({**raw, "current": "nope"}, "not in the file"),
                       ({**raw, "versions": [version, version]}, "unique"),
                       ({**raw, "versions": [duplicate]}, "unique")):
        with pytest.raises(ValidationError, match=match):
            CatalogueFile.model_validate(bad)


def test_shipped_policy_defaults_to_five_years_after_the_last_substantive_event():
    policy = load_policy()
    catch_all = [r for r in policy.rules if r.outcomes is None and r.record_kind is RecordKind.CASUS]
    assert len(catch_all) == 1
    assert (catch_all[0].keep_months, catch_all[0].after) == (60, RetentionEvent.LAST_SUBSTANTIVE)


def test_every_record_kind_has_one_rule_in_the_shipped_policy():
    """Signals never taken in, dormant open files, audit events and destruction records (issue 11)."""
    kinds = [r.record_kind for r in load_policy().rules]
    assert sorted(kinds) == sorted(RecordKind)
    dormant = next(r for r in load_policy().rules if r.record_kind is RecordKind.OPEN_DOSSIER)
    assert (dormant.keep_months, dormant.after) == (24, RetentionEvent.LAST_SUBSTANTIVE)


def test_every_rule_has_its_source_and_says_the_law_is_not_settled():
    for rule in load_policy().rules:
        assert "niet vastgesteld" in rule.source.lower()
        assert rule.settled is False
    case_rules = [r for r in load_policy().rules if r.record_kind in (RecordKind.CASUS, RecordKind.SIGNAAL)]
    assert all("2017" in r.source for r in case_rules)


def test_settings_defaults():
    assert DEFAULT_SETTINGS == Settings()
    assert (DEFAULT_SETTINGS.auto_lock_minutes, DEFAULT_SETTINGS.retention_warning_days,
            DEFAULT_SETTINGS.retention_marks, DEFAULT_SETTINGS.review_interval_months,
            DEFAULT_SETTINGS.unfinalised_minutes_warning_days, DEFAULT_SETTINGS.destruction_second_confirmation,
            DEFAULT_SETTINGS.shared_screen_default, DEFAULT_SETTINGS.language) == (5, 90, (30, 7), 12, 14, False,
                                                                                False, Language.NL)
    assert Settings.model_validate_json(DEFAULT_SETTINGS.model_dump_json()) == DEFAULT_SETTINGS


@pytest.mark.parametrize("bad", [dict(auto_lock_minutes=0), dict(retention_marks=(120,)),
                                 dict(retention_marks=(7, 7)), dict(language="fr"), dict(unknown=1)])
def test_settings_validation(bad):
    with pytest.raises(ValidationError):
        Settings(**bad)
