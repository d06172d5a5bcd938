"""The error catalogue (issue 13, item 5): every code raised anywhere has a Dutch and an English
sentence, English shows no Dutch, and failures render as one line, never a traceback."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from pgatui import errors
from pgatui.domain.models import PersonInput
from pgatui.errors import DomainError, InvalidValue, PgaError, VaultDamaged, WrongLogin, is_code
from pgatui.messages import CATALOGUE, error_text, placeholders, sentence, validation_texts

SRC = Path(__file__).resolve().parents[1] / "src" / "pgatui"
# Keyword arguments and parameters that carry an error code to a raise elsewhere.
CODE_ARGUMENTS = {"closed", "missing", "refusal"}
# Words that show a sentence is Dutch (domain terms that stay Dutch in English are not here).
DUTCH_WORDS = {"de", "het", "een", "niet", "van", "bestaat", "kluis", "moet", "wordt", "deze", "dit", "voor",
               "uw", "geen", "kies", "vul", "bij", "naar", "zijn", "heeft", "alleen", "nog", "wachtwoord",
               "gebruiker", "casus", "weging", "notulen", "bestand", "map", "sleutel", "sleutelring", "en", "op"}


def error_classes() -> set[str]:
    """Names of PgaError and every subclass defined in the source (found by AST, to a fixed point)."""
    names = {"PgaError"}
    trees = [ast.parse(p.read_text(encoding="utf-8")) for p in SRC.rglob("*.py")]
    grown = True
    while grown:
        grown = False
        for tree in trees:
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef) and node.name not in names and any(
                        _name(base) in names for base in node.bases):
                    names.add(node.name)
                    grown = True
    return names


def _name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def module_constants(tree: ast.Module) -> dict[str, str]:
    found = {}
    for node in tree.body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
            found[node.targets[0].id] = node.value.value
    return found


SHARED_CONSTANTS = module_constants(ast.parse((SRC / "errors.py").read_text(encoding="utf-8")))


def codes_used() -> dict[str, list[str]]:
    """{code or offending sentence: [where]} for every error code in the source: the first argument
    of an error class's constructor (a literal, or a module constant), the arguments that carry a
    code to a raise elsewhere, `sentence(...)`, and each error class's default `code`."""
    classes = error_classes()
    used: dict[str, list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {**SHARED_CONSTANTS, **module_constants(tree)}
        where = str(path.relative_to(SRC))

        def note(value: ast.AST | None, line: int) -> None:
            if isinstance(value, ast.Name):
                text = constants.get(value.id)
            elif isinstance(value, ast.Constant) and isinstance(value.value, str):
                text = value.value
            elif isinstance(value, ast.JoinedStr):
                text = ast.unparse(value)  # an f-string sentence: always an offence
            else:
                return  # a variable: its value is a literal noted where it was written
            if text is not None:
                used.setdefault(text, []).append(f"{where}:{line}")

        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                called = _name(node.func)
                if (called in classes or called == "sentence") and node.args:
                    note(node.args[0], node.lineno)
                for keyword in node.keywords:
                    if keyword.arg in CODE_ARGUMENTS:
                        note(keyword.value, node.lineno)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                arguments = node.args.args + node.args.kwonlyargs
                defaults = [None] * (len(node.args.args) - len(node.args.defaults)) + node.args.defaults
                for argument, default in zip(arguments, defaults + node.args.kw_defaults):
                    if argument.arg in CODE_ARGUMENTS:
                        note(default, node.lineno)
            elif isinstance(node, ast.ClassDef) and node.name in classes:
                for statement in node.body:
                    if (isinstance(statement, ast.Assign) and [_name(t) for t in statement.targets] == ["code"]):
                        note(statement.value, statement.lineno)
    return used


def test_the_scan_finds_the_codes_it_must():
    """The scan itself sees literal, constant, keyword and default codes (else the next test is empty)."""
    used = codes_used()
    for code in ("auth.wrong_login", "access.denied", "case.gone", "case.closed", "intervention.unknown",
                 "backup.damaged", "vault.busy_writing", "cli.interrupted", "error.failed"):
        assert code in used, code
    assert len(used) > 150


def test_every_error_code_used_anywhere_has_dutch_and_english():
    problems = [f"{text!r} at {', '.join(where)}" for text, where in codes_used().items()
                if not is_code(text) or text not in CATALOGUE]
    assert problems == []  # a sentence instead of a code, or a code missing from pgatui.messages


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_each_code_is_said_in_both_languages_with_the_same_parameters(code):
    dutch, english = CATALOGUE[code]
    assert dutch.strip() and english.strip()
    assert placeholders(dutch) == placeholders(english)
    assert "\n" not in dutch + english


def _example(code: str) -> PgaError:
    return PgaError(code, **{name: "X1" for name in placeholders(CATALOGUE[code][0])})


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_english_shows_no_dutch_sentence(code):
    shown = error_text(_example(code), "en")
    words = set(re.findall(r"[a-zà-ÿ]+", shown.lower()))
    assert words & DUTCH_WORDS == set(), shown
    dutch = error_text(_example(code), "nl")
    if shown == dutch:  # only parameters and a command's name may read the same in both
        assert len(re.findall(r"[a-z]{3,}", re.sub(r"\{[a-z_]+\}", "", CATALOGUE[code][1]))) <= 2, code


def test_an_error_is_its_dutch_sentence_and_keeps_code_and_parameters():
    exc = DomainError("case.number_unknown", number="PGA-2026-0007")
    assert str(exc) == "Casus PGA-2026-0007 bestaat niet."
    assert error_text(exc, "en") == "Case PGA-2026-0007 does not exist."
    assert (exc.code, exc.params) == ("case.number_unknown", {"number": "PGA-2026-0007"})
    assert "PGA-2026" not in repr(exc)  # parameters may name people; a repr in a log shows the code only
    assert str(WrongLogin()) == "Onbekende gebruiker of onjuist wachtwoord."
    assert isinstance(WrongLogin(), errors.AuthenticationFailed) and WrongLogin.exit_code == 3


def test_an_error_parameter_is_rendered_in_the_same_language():
    inner = DomainError("weighing.absent", roles="om")
    outer = DomainError("weighing.not_ready", problems=[inner, DomainError("weighing.nothing_to_confirm")])
    assert error_text(outer, "en") == ("Not present: om. A weighing needs municipality, police and OM together. "
                                       "There is no conclusion to confirm yet.")
    assert str(outer).startswith("Niet aanwezig: om.")


def test_unknown_code_missing_parameter_and_foreign_exception_fall_back_to_one_generic_line():
    assert error_text(PgaError("nowhere.to_be_found"), "en") == "Something went wrong (error code nowhere.to_be_found)."
    assert error_text(DomainError("case.number_unknown"), "nl") == "Er ging iets mis (foutcode case.number_unknown)."
    secret = ValueError("BSN 111222333 of Jan Jansen\nTraceback (most recent call last)")
    shown = error_text(secret, "nl")
    assert "111222333" not in shown and "Jansen" not in shown and "\n" not in shown
    assert "ValueError" in shown


def test_a_sentence_instead_of_a_code_stays_dutch_and_is_generic_in_english():
    """Code raised before this catalogue (or merged from a branch that still writes sentences)."""
    exc = VaultDamaged("Iets in het Nederlands.")
    assert str(exc) == "Iets in het Nederlands."
    assert error_text(exc, "en") == "The vault is damaged."


def test_validation_texts_speak_the_users_language_per_field():
    with pytest.raises(ValidationError) as caught:
        PersonInput(name="x" * 300, date_of_birth=dt.date(1850, 1, 1), bsn="123456789")
    dutch = validation_texts(caught.value, "nl")
    english = validation_texts(caught.value, "en")
    assert dutch == {"name": "Hier passen maximaal 120 tekens.",
                     "date_of_birth": "Deze geboortedatum is niet aannemelijk.",
                     "bsn": "Dit BSN klopt niet (elfproef)."}
    assert english == {"name": "At most 120 characters fit here.",
                       "date_of_birth": "This date of birth is not plausible.",
                       "bsn": "This BSN is not valid (eleven test)."}
    assert "String should have" not in error_text(caught.value, "en")


def test_validation_of_a_date_that_does_not_exist_asks_for_dd_mm_jjjj():
    with pytest.raises(ValidationError) as caught:
        PersonInput(name="A", date_of_birth="2026-02-31")
    assert validation_texts(caught.value, "nl") == {"date_of_birth": "Vul een bestaande datum in als dd-mm-jjjj."}


def test_invalid_value_is_a_value_error_for_pydantic_and_a_pga_error_for_the_rest():
    assert issubclass(InvalidValue, ValueError) and issubclass(InvalidValue, DomainError)
    assert sentence("validation.string_too_long", "nl", max_length=40) == "Hier passen maximaal 40 tekens."


def test_a_finding_reads_as_its_dutch_sentence_and_says_itself_in_english():
    """Problems of verify and backup checks keep their code: `--lang en` shows no Dutch sentence."""
    from pgatui.messages import Finding, finding_text

    found = Finding("finding.chain_changed", seq=7)
    assert found == "auditketen: gebeurtenis 7 is gewijzigd" and "7" in found  # old callers read a string
    assert finding_text(found, "en") == "audit chain: event 7 was changed"
    nested = Finding("finding.cut_short", last=3, seen=Finding("finding.seen_here"), seen_seq=5, next=4)
    assert "was seen here before" in finding_text(nested, "en") and "hier eerder" in nested
