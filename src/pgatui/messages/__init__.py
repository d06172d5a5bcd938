"""The catalogue of what pgatui says when something fails: one sentence per error code, in Dutch
and English side by side, and the two functions that render them.

It sits beside `pgatui.errors`, below every layer, and not in `pgatui.tui.strings`: an error's
`str()` is its Dutch sentence (the CLI prints it, tests and the audit-free logs read it), so
every layer that raises must reach the catalogue, and the layers below the TUI may not import
it. The TUI and the CLI both render through `error_text`.

Each module in this package holds `MESSAGES = {code: (dutch, english)}` for one area; they are
merged at import and a code may be defined once. `tests/test_messages.py` checks that every
code raised anywhere in the source is here in both languages.
"""

from __future__ import annotations

import importlib
import pkgutil
from string import Formatter

LANGUAGES = ("nl", "en")
GENERIC = "error.generic"
UNEXPECTED = "error.unexpected"


def _merge() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        part = importlib.import_module(f"{__name__}.{info.name}").MESSAGES
        twice = merged.keys() & part.keys()
        if twice:
            raise RuntimeError(f"message codes defined twice: {sorted(twice)}")
        merged.update(part)
    return merged


CATALOGUE: dict[str, tuple[str, str]] = _merge()


def sentence(code: str, lang: str = "nl", /, **params: object) -> str:
    """The catalogue's sentence for `code` in `lang`, or the generic one naming the code."""
    texts = CATALOGUE.get(code)
    if texts is None:
        return _generic(code, lang)
    try:
        return one_line(texts[_index(lang)].format(**{k: _param(v, lang) for k, v in params.items()}))
    except (KeyError, IndexError, ValueError):  # a parameter missing or malformed: say what we can
        return _generic(code, lang)


class Finding(str):
    """A problem a check found (verify, a backup check, the audit chain): as a string its Dutch
    sentence (logs, the CLI, older callers read it so), with its code and parameters kept so a
    screen says it in the user's language (`finding_text`)."""

    code: str
    params: dict

    def __new__(cls, code: str, /, **params: object) -> "Finding":
        found = super().__new__(cls, sentence(code, "nl", **params))
        found.code, found.params = code, params
        return found


def finding_text(found: str, lang: str = "nl") -> str:
    """A finding in `lang` (a plain string, from before findings had codes, as it is)."""
    return sentence(found.code, lang, **found.params) if isinstance(found, Finding) else one_line(found)


def error_text(exc: BaseException, lang: str = "nl") -> str:
    """One line for a user, in `lang`, for any failure: never a traceback, never a secret.

    A PgaError gives its catalogue sentence; a pydantic ValidationError its field problems; any
    other exception a generic sentence naming its kind only (its text may hold case content).
    """
    from pgatui.errors import PgaError

    if isinstance(exc, PgaError):
        if "sentence" in exc.params and lang == "nl":  # a raise not converted to a code yet
            return one_line(str(exc.params["sentence"]))
        return sentence(exc.code, lang, **exc.params)
    if _is_validation_error(exc):
        return one_line(" ".join(dict.fromkeys(validation_texts(exc, lang).values())))
    return sentence(UNEXPECTED, lang, kind=type(exc).__name__)


def validation_texts(exc, lang: str = "nl") -> dict[str, str]:
    """{field: one sentence in `lang`} for a pydantic ValidationError; the field is the dotted
    location ("name", "decisions.0.text"; "" for a check of the whole model). The first problem
    of a field wins: the user fixes one thing at a time."""
    texts: dict[str, str] = {}
    for problem in exc.errors(include_url=False):
        field = ".".join(str(part) for part in problem.get("loc", ()))
        if field not in texts:
            texts[field] = _validation_sentence(problem, lang)
    return texts


def _validation_sentence(problem: dict, lang: str) -> str:
    from pgatui.errors import PgaError

    kind, ctx = problem.get("type", ""), problem.get("ctx") or {}
    cause = ctx.get("error")
    if isinstance(cause, PgaError):  # a validator's InvalidValue: its own code
        return error_text(cause, lang)
    code = f"validation.{kind}"
    if code not in CATALOGUE:
        code = "validation.invalid"
    return sentence(code, lang, **{k: v for k, v in ctx.items() if k != "error"})


def _is_validation_error(exc: BaseException) -> bool:
    try:
        from pydantic import ValidationError
    except ImportError:  # pragma: no cover - pydantic is a dependency
        return False
    return isinstance(exc, ValidationError)


def _param(value: object, lang: str) -> object:
    """A parameter as text in `lang`: errors rendered, lists joined, labelled enums translated."""
    from pgatui.errors import PgaError

    if isinstance(value, BaseException):
        return error_text(value, lang)
    if isinstance(value, Finding):
        return finding_text(value, lang)
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_param(item, lang) for item in value]
        together = " " if any(isinstance(item, PgaError) for item in value) else ", "
        return together.join(str(item) for item in items)
    label = getattr(value, f"label_{lang}", None)
    if isinstance(label, str):
        return label
    return value


def _generic(code: str, lang: str) -> str:
    return CATALOGUE[GENERIC][_index(lang)].format(code=code)


def _index(lang: str) -> int:
    return LANGUAGES.index(lang) if lang in LANGUAGES else 0


def one_line(text: str) -> str:
    return " ".join(text.split())


def placeholders(text: str) -> frozenset[str]:
    """The names a sentence formats in (the catalogue test checks both languages use the same)."""
    return frozenset(name for _, name, _, _ in Formatter().parse(text) if name)
