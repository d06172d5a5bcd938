"""Forms: field specs, the widgets for them, reading their values, building the pydantic model,
and Dutch messages beside each field.

    FIELDS = [FieldSpec("reason", t("x.reason"), kind="area", max_length=2000),
              FieldSpec("ends_on", t("x.ends"), kind="date")]
    yield from compose_fields(FIELDS)                  # label, widget #d-reason, error #derr-reason
    values = read_values(screen, FIELDS)               # {"reason": "...", "ends_on": "01-05-2027"}
    data, errors = parse_dates(values, ["ends_on"])    # dates read with kit.formats.parse_date
    hold = build(LegalHold, data, errors)              # the model, or None with errors per field
    show_errors(screen, FIELDS, errors)                # each message beside its own field

`FormIds` names the widgets (`d-`/`derr-` by default, the intake uses `f-`/`err-`). Text fields
refuse text beyond their limit, and a paste that would not fit is refused with a notice: nothing is
cut off silently. `limit_of(Model, "name")` reads a field's max_length from the model.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError
from textual import events
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.suggester import Suggester
from textual.widgets import Checkbox, Input, Select, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from pgatui.messages import error_text
from pgatui.tui.i18n import language, t
from pgatui.tui.kit.formats import DateProblem, date_hint, parse_date
from pgatui.tui.safe import notify_literal, user_cell, user_line

KINDS = ("input", "date", "area", "select", "many", "check", "password")
DEFAULT_LIMIT = 300  # a line nobody needs to exceed; models set their own, smaller or larger
FORM_ERROR = "form"  # where an error that belongs to no one field goes (#derr-form)


@dataclass(frozen=True)
class FieldSpec:
    """One field. kind: input, date, area, select (options: (label, value)), many (a list to tick
    one or more of the options with the space bar: its value a tuple of values), check, password.
    max_length: characters the field takes (None: DEFAULT_LIMIT for lines, none for areas)."""

    name: str
    label: str
    kind: str = "input"
    value: str | bool | tuple[str, ...] = ""
    options: tuple[tuple[str, str], ...] = ()
    max_length: int | None = None
    placeholder: str = ""


@dataclass(frozen=True)
class FormIds:
    """How a form's widgets are named: `#<field><name>` and `#<error><name>`."""

    field: str = "d-"
    error: str = "derr-"


DIALOG_IDS = FormIds()


class FieldsScroll(VerticalScroll, can_focus=False):
    """A scrolling box of form fields that is not a Tab stop itself. A scroll box takes the focus by
    default, after the last field: the keys a typist sends right after that Tab went to the box and
    were lost. Tab now goes round the fields; the field that takes the focus scrolls into view."""


class LimitedInput(Input):
    """An Input that refuses a paste which would not fit, with a notice instead of silence."""

    def _on_paste(self, event: events.Paste) -> None:
        # Textual runs Input._on_paste after this one unless the default is prevented.
        if refused_paste(self, event.text.splitlines()[0] if event.text else "", len(self.value)):
            event.stop()
            event.prevent_default()


class LimitedTextArea(TextArea):
    """A TextArea with a character limit: a paste that would not fit is refused with a notice."""

    def __init__(self, *args, max_length: int | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.max_length = max_length

    async def _on_paste(self, event: events.Paste) -> None:
        if refused_paste(self, event.text, len(self.text)):  # else TextArea._on_paste runs next
            event.stop()
            event.prevent_default()


class PathSuggester(Suggester):
    """Completes the last part of a typed path from its folder's entries (right arrow accepts):
    the path field with completion of every dialog that asks for a file or folder."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        typed = Path(value).expanduser()
        folder, stem = (typed, "") if value.endswith(os.sep) else (typed.parent, typed.name)
        try:
            names = sorted(entry.name for entry in os.scandir(folder) if entry.name.startswith(stem)
                           and not entry.name.startswith("."))
        except OSError:
            return None
        if not names or names[0] == stem:
            return None
        completed = names[0] + (os.sep if (folder / names[0]).is_dir() else "")
        return value + completed[len(stem):]


def focus_at_top(screen, widget) -> None:
    """Focus a form's first field at once, without scrolling: deferred (`widget.focus()`), the
    screen's own first focus came first, and scrolling before the form is laid out (late, on a
    loaded machine) put the form's title out of view. Keys typed the moment it shows land in it."""
    screen.set_focus(widget, scroll_visible=False)


def refused_paste(widget, text: str, current: int) -> bool:
    """True (after a notice) when pasting `text` would take the widget past its limit."""
    limit = getattr(widget, "max_length", None)
    if not limit or current + len(text) <= limit:
        return False
    notify_literal(widget.app, t("kit.paste_too_long", length=len(text), limit=limit), severity="warning")
    return True


def limit_of(model: type[BaseModel], name: str) -> int | None:
    """The max_length pydantic enforces on `model.name` (None when it has none)."""
    for rule in model.model_fields[name].metadata:
        if (limit := getattr(rule, "max_length", None)) is not None:
            return limit
    return None


def field_widget(spec: FieldSpec, ids: FormIds = DIALOG_IDS):
    """The input widget for one spec (without label or error line)."""
    wid = f"{ids.field}{spec.name}"
    if spec.kind == "area":
        return LimitedTextArea(str(spec.value), id=wid, soft_wrap=True, classes="kit-area", max_length=spec.max_length)
    if spec.kind == "select":
        options = [(user_cell(text), value) for text, value in spec.options]
        return Select(options, value=spec.value or Select.NULL, prompt=t("kit.choose"), id=wid)
    if spec.kind == "many":
        chosen = set(spec.value or ())
        return SelectionList[str](*[Selection(user_cell(text), value, value in chosen) for text, value in spec.options],
                                  id=wid, classes="kit-many")
    if spec.kind == "check":
        return Checkbox(user_line(spec.label), bool(spec.value), id=wid)  # a label may be user text (a name)
    placeholder = spec.placeholder or (date_hint() if spec.kind == "date" else "")
    return LimitedInput(str(spec.value), placeholder=placeholder, id=wid, password=spec.kind == "password",
                        max_length=spec.max_length or DEFAULT_LIMIT)


def compose_fields(specs: Iterable[FieldSpec], ids: FormIds = DIALOG_IDS):
    """Label, widget and (empty) error line of each field, in order."""
    for spec in specs:
        if spec.kind != "check":
            label = f"{spec.label} ({date_hint()})" if spec.kind == "date" and date_hint() not in spec.label else spec.label
            yield Static(Content(label), classes="field-label")
        yield field_widget(spec, ids)
        yield Static("", id=f"{ids.error}{spec.name}", classes="error")


def read_value(widget) -> str | bool | list[str]:
    """What a form widget holds: text, the chosen value ('' for none), the ticked values (in the
    list's order) or a checkbox's bool."""
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, SelectionList):
        ticked = set(widget.selected)
        return [widget.get_option_at_index(i).value for i in range(widget.option_count)
                if widget.get_option_at_index(i).value in ticked]
    if isinstance(widget, Select):
        return widget.value if isinstance(widget.value, str) else ""
    return widget.value


def read_values(node: DOMNode, specs: Iterable[FieldSpec | str], ids: FormIds = DIALOG_IDS) -> dict[str, str | bool]:
    """{name: value} of the named fields below `node`."""
    names = [s.name if isinstance(s, FieldSpec) else s for s in specs]
    return {name: read_value(node.query_one(f"#{ids.field}{name}")) for name in names}


def fill_values(node: DOMNode, values: Mapping[str, str | bool], ids: FormIds = DIALOG_IDS) -> None:
    """Put saved values (a draft) back into the fields."""
    for name, value in values.items():
        widget = node.query_one(f"#{ids.field}{name}")
        if isinstance(widget, TextArea):
            widget.text = str(value)
        elif isinstance(widget, Select):
            if value:
                widget.value = value
        elif isinstance(widget, SelectionList):
            widget.deselect_all()
            for ticked in value or ():
                widget.select(ticked)
        else:
            widget.value = value


def show_errors(node: DOMNode, specs: Iterable[FieldSpec | str], errors: Mapping[str, str],
                ids: FormIds = DIALOG_IDS) -> None:
    """Each field's message beside it ('' clears the old one, e.g. after a corrected BSN)."""
    for spec in specs:
        name = spec.name if isinstance(spec, FieldSpec) else spec
        node.query_one(f"#{ids.error}{name}", Static).update(user_line(errors.get(name, "")))


def clear_error_of(node: DOMNode, widget, ids: FormIds = DIALOG_IDS) -> None:
    """The user changed a field: its old message goes (a corrected BSN no longer says it is wrong)."""
    name = (widget.id or "").removeprefix(ids.field)
    if widget.id and widget.id.startswith(ids.field):
        for error in node.query(f"#{ids.error}{name}"):
            error.update("")


def first_with_error(specs: Iterable[FieldSpec | str], errors: Mapping[str, str]) -> str | None:
    return next((n for n in (s.name if isinstance(s, FieldSpec) else s for s in specs) if n in errors), None)


def parse_dates(values: Mapping[str, str | bool], names: Iterable[str],
                errors: dict[str, str] | None = None) -> tuple[dict, dict[str, str]]:
    """A copy of `values` with the named date fields read (None when empty), and the errors."""
    errors = {} if errors is None else errors
    data = dict(values)
    for name in names:
        try:
            data[name] = parse_date(str(values.get(name, "")))
        except DateProblem as problem:
            errors.setdefault(name, str(problem))
    return data, errors


def model_check(model: type[BaseModel], *, dates: Iterable[str] = (), required: Iterable[str] = ()):
    """A FormDialog check that builds `model` from the form: `dates` read with parse_date, the
    `required` fields not empty (also where the model allows empty), every other rule the model's."""
    dates, required = tuple(dates), tuple(required)

    def check(values: Mapping) -> tuple[BaseModel | None, dict[str, str]]:
        data, errors = parse_dates(values, dates)
        for name in required:
            if not str(values.get(name, "")).strip():
                errors.setdefault(name, t("kit.required"))
        return build(model, data, errors), errors

    return check


def required_text(name: str):
    """A FormDialog check for one text that must not be empty; its result is the text, trimmed."""
    def check(values: Mapping) -> tuple[str | None, dict[str, str]]:
        text = str(values.get(name, "")).strip()
        return (text, {}) if text else (None, {name: t("kit.required")})

    return check


def build(model: type[BaseModel], data: Mapping, errors: dict[str, str] | None = None, *,
          only: Iterable[str] | None = None):
    """`model(**data)`, or None with each field's problem (in Dutch) added to `errors`.

    A field that already has an error (an unreadable date) keeps it and the model is not built.
    `only`: limit the data handed in to these names.
    """
    errors = {} if errors is None else errors
    if only is not None:
        data = {name: data[name] for name in only if name in data}
    try:
        built = model(**data)
    except ValidationError as exc:
        errors.update({k: v for k, v in validation_messages(exc).items() if k not in errors})
        return None
    return None if any(name in errors for name in data) else built


def validation_messages(exc: ValidationError) -> dict[str, str]:
    """{field: one Dutch sentence} for a pydantic error (the first problem per field)."""
    found: dict[str, str] = {}
    for problem in exc.errors():
        field = str(problem["loc"][0]) if problem["loc"] else FORM_ERROR
        found.setdefault(field, _message(problem))
    return found


def problems(exc: ValidationError, names: Mapping[str, str] | None = None) -> str:
    """All of a model's problems on one line ('Reden: Dit veld is verplicht.; ...'), for a dialog
    whose fields are not one widget each; `names` gives a field its label."""
    names = names or {}
    return "; ".join(f"{names[field]}: {message}" if field in names else message
                     for field, message in validation_messages(exc).items())


def _message(problem: dict) -> str:
    kind = problem.get("type", "")
    limit = problem.get("ctx") or {}
    value = problem.get("input")
    if kind == "missing" or (isinstance(value, str | None) and not value):
        return t("kit.required")
    if kind in ("string_too_long", "too_long"):
        return t("kit.too_long", limit=limit.get("max_length", "?"))
    if kind in ("string_too_short", "too_short"):
        minimum = limit.get("min_length", 1)
        return t("kit.required") if minimum <= 1 else t("kit.too_short", limit=minimum)
    if kind in ("enum", "literal_error"):
        return t("kit.choose_one")
    if kind.startswith("date") or kind.startswith("datetime"):
        return t("kit.date_unreadable")
    if kind in ("int_parsing", "int_type"):
        return t("kit.not_a_number")
    if kind == "value_error":  # the model's own check (InvalidValue): its code, in the screen's language
        return error_text(limit["error"], language()) if "error" in limit else t("kit.invalid")
    return t("kit.invalid")
