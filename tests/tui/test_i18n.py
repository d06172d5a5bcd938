"""One catalogue, two languages: the same keys and placeholders, every used key present, every
screen with its own help and every binding with an id and a translated description."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import pgatui.tui
from pgatui.tui import i18n
from pgatui.tui.app import PgaApp
from pgatui.tui.base import CATALOGUE_PREFIX, PgaModal, PgaScreen
from pgatui.tui.kit.password_screen import PasswordScreen

TUI = Path(pgatui.tui.__file__).parent


@pytest.fixture(autouse=True)
def dutch_again():
    yield
    i18n.set_language("nl")


def test_both_languages_have_the_same_keys():
    assert set(i18n.NL) == set(i18n.EN)


@pytest.mark.parametrize("key", sorted(i18n.NL))
def test_both_languages_have_the_same_placeholders(key):
    assert i18n.placeholders(i18n.NL[key]) == i18n.placeholders(i18n.EN[key])


def test_domain_words_stay_dutch_in_english():
    english = " ".join(i18n.EN.values())
    assert "BSN" in english and "PGA" in english


def _literal_keys_used_in_the_tui() -> set[str]:
    keys = set()
    for path in TUI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "t" and node.args \
                    and isinstance(node.args[0], ast.Constant):
                keys.add(node.args[0].value)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and node.value.startswith(CATALOGUE_PREFIX) and node.value != CATALOGUE_PREFIX:
                keys.add(node.value)  # binding descriptions
    return keys


def test_every_key_the_tui_uses_exists():
    used = _literal_keys_used_in_the_tui()
    assert used and used <= set(i18n.NL), sorted(used - set(i18n.NL))


def test_language_choice():
    i18n.set_language("en")
    assert i18n.t("unlock.title") == "Unlock vault" and i18n.other_language() == "nl"
    assert i18n.t("unlock.wait", seconds=3).endswith("3 more seconds.")
    with pytest.raises(ValueError):
        i18n.set_language("de")
    with pytest.raises(KeyError):
        i18n.t("bestaat.niet")


def _screen_classes():
    import pgatui.tui.app  # noqa: F401 - imports every screen

    seen, todo = [], [PgaScreen, PgaModal]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub is not PasswordScreen and not sub.__name__.startswith("_"):
                seen.append(sub)
    return seen


@pytest.mark.parametrize("screen", _screen_classes(), ids=lambda c: c.__name__)
def test_every_screen_has_its_own_help_and_described_bindings(screen):
    assert screen.HELP_KEY != "help.none" and screen.HELP_KEY in i18n.NL and screen.HELP_KEY in i18n.EN
    for binding in screen.BINDINGS:
        assert binding.id and binding.description.startswith(CATALOGUE_PREFIX), binding


def test_app_bindings_have_ids_and_descriptions():
    for binding in PgaApp.BINDINGS:
        assert binding.id and binding.description.startswith(CATALOGUE_PREFIX)


def _coded_values():
    from pgatui.domain.enums import CodeEnum
    from pgatui.domain.organisations import OrganisationKind

    return [member for kind in (*CodeEnum.__subclasses__(), OrganisationKind) for member in kind]


def test_every_coded_value_has_its_own_label_in_both_languages():
    from pgatui.domain.enums import CriminalTrack, DisposalKind, InterventionKind, SpecialCategory
    from pgatui.tui.kit.formats import label

    for member in _coded_values():
        assert label(member) == member.label_nl, member  # Dutch: the domain's own label
    assert label(SpecialCategory.STRAFRECHTELIJK) != label(InterventionKind.STRAFRECHTELIJK)  # same code, own label
    i18n.set_language("en")
    assert (label(CriminalTrack.DETENTIE), label(DisposalKind.DUPLICAAT)) == ("Detention", "Duplicate of another case")
    dutch_codes = [m for m in _coded_values() if label(m) in (m.value, m.value.replace("_", " "))
                   and m.value not in ("monitoring", "mentoring", "school")]
    assert dutch_codes == []
