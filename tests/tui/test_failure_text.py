"""The kit's one place where errors become words speaks the screen's language (issue 13, item 5)."""

from __future__ import annotations

import datetime as dt

import pytest

from pgatui.domain.models import PersonInput
from pgatui.errors import AccessDenied, VaultDamaged
from pgatui.tui import i18n
from pgatui.tui.kit import calls
from pgatui.tui.kit.forms import validation_messages


@pytest.fixture(autouse=True)
def dutch_again():
    i18n.set_language("nl")
    yield
    i18n.set_language("nl")  # the language is process-wide; leave it as found


def test_failure_text_in_dutch_and_english():
    assert calls.failure_text(VaultDamaged("keyring.missing")).startswith("De sleutelring (keyring.json) ontbreekt")
    assert calls.failure_text(AccessDenied()) == "U heeft geen toegang tot deze handeling."
    i18n.set_language("en")
    assert calls.failure_text(VaultDamaged("keyring.missing")).startswith("The keyring (keyring.json) is missing")
    assert calls.failure_text(AccessDenied()) == "You have no access to this action."
    assert calls.failure_text(KeyError("BSN 111222333")) == "Something went wrong (KeyError). Nothing unfinished was saved."


def test_a_models_own_check_beside_its_field_in_english():
    i18n.set_language("en")
    with pytest.raises(Exception) as caught:
        PersonInput(name="A", date_of_birth=dt.date(2000, 1, 1), bsn="123456789")
    assert validation_messages(caught.value)["bsn"] == "This BSN is not valid (eleven test)."
