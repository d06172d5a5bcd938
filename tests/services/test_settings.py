"""Settings: defaults until changed, beheerder only, audited with field history, validated."""

from __future__ import annotations

import pytest

from helpers import ADMIN, ADMIN_PW
from pgatui.domain.settings import DEFAULT_SETTINGS, Language
from pgatui.errors import AccessDenied, DomainError
from pgatui.services.session import Session
from pgatui.services.settings import change_settings, read_settings, settings_history
from pgatui.vault import change_password, open_vault


@pytest.fixture
def anna(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        yield Session(vault)


def other(vault_path, login, role):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        one_time = vault.add_user(login, role, "Organisatie Test")
    change_password(vault_path, login, one_time, "een-ander-lang-wachtwoord")
    return Session(open_vault(vault_path, login, "een-ander-lang-wachtwoord"))


def actions(session):
    return [r[0] for r in session.vault.conn.execute("SELECT action || ':' || result || ':' || "
                                                     "coalesce(object_id, '') FROM audit_log")]


def test_defaults_until_a_beheerder_changes_them(anna):
    assert read_settings(anna) == DEFAULT_SETTINGS
    new = change_settings(anna, auto_lock_minutes=10, language="en", destruction_second_confirmation=True)
    assert (new.auto_lock_minutes, new.language, new.destruction_second_confirmation) == (10, Language.EN, True)
    assert read_settings(anna) == new
    assert "settings.change:ok:settings:auto_lock_minutes,destruction_second_confirmation,language" in actions(anna)
    history = {h.name: (h.old, h.new, h.actor) for h in settings_history(anna)}
    assert history == {"auto_lock_minutes": ("5", "10", ADMIN), "language": ('"nl"', '"en"', ADMIN),
                       "destruction_second_confirmation": ("false", "true", ADMIN)}


def test_settings_survive_closing_the_vault(vault_path, anna):
    change_settings(anna, retention_marks=(45, 10))
    anna.vault.close()
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        assert read_settings(Session(vault)).retention_marks == (45, 10)


def test_the_legal_bases_for_the_weighing_are_a_list_the_beheerder_keeps(vault_path, anna):
    assert "Convenant Zorg- en Veiligheidshuis" in read_settings(anna).legal_bases
    change_settings(anna, legal_bases=("Wpg art. 20", " Convenant regio West "))
    anna.vault.close()
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        assert read_settings(Session(vault)).legal_bases == ("Wpg art. 20", "Convenant regio West")
        with pytest.raises(DomainError):
            change_settings(Session(vault), legal_bases=("",))  # an empty basis says nothing


def test_an_unchanged_value_writes_no_history(anna):
    change_settings(anna, auto_lock_minutes=DEFAULT_SETTINGS.auto_lock_minutes)
    assert settings_history(anna) == [] and not any(a.startswith("settings.change") for a in actions(anna))


@pytest.mark.parametrize("changes, words", [
    ({"auto_lock_minutes": 0}, "auto_lock_minutes"),
    ({"retention_warning_days": 20}, "Markeringen"),  # the marks 30 and 7 must lie inside
    ({"colour": "rood"}, "Onbekende instelling"),
])
def test_invalid_settings_are_refused_in_dutch(anna, changes, words):
    with pytest.raises(DomainError, match=words):
        change_settings(anna, **changes)
    assert read_settings(anna) == DEFAULT_SETTINGS


@pytest.mark.parametrize("role", ["gemeente", "toezicht"])
def test_only_beheerder_changes_settings_and_refusals_are_audited(vault_path, role):
    session = other(vault_path, "xander", role)
    try:
        assert read_settings(session) == DEFAULT_SETTINGS
        with pytest.raises(AccessDenied):
            change_settings(session, auto_lock_minutes=30)
        assert "settings.change:refused:settings" in actions(session)
        if role == "toezicht":
            assert settings_history(session) == []  # the auditor reads the history
        else:
            with pytest.raises(AccessDenied):
                settings_history(session)
    finally:
        session.vault.close()
