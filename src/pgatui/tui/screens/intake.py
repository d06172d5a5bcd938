"""Signal intake: a new signal for a new or an existing person.

Validation is the domain's (pydantic): each error is shown under its own field. The draft stays
in memory only (app.intake_draft) when the user leaves the form, and is dropped on save.
"""

from __future__ import annotations


from textual.binding import Binding
from textual.content import Content
from textual.widgets import Checkbox, Input, Select, SelectionList, Static, TextArea

from pgatui import clock
from pgatui.domain.models import Gender, Ideology, PersonInput, SignalInput, SourceKind, Urgency
from pgatui.services import cases as svc
from pgatui.services import ownership
from pgatui.tui.base import PgaScreen
from pgatui.tui.widgets import PgaFooter, PgaHeader
from pgatui.tui.routes import route
from pgatui.tui.kit.formats import date_or_none, label, show_date
from pgatui.tui.kit.forms import (FieldSpec, FieldsScroll, FormIds, build, clear_error_of, compose_fields, fill_values,
                                  first_with_error, limit_of, parse_dates, read_values, show_errors)
from pgatui.tui.i18n import t
from pgatui.tui.safe import user_cell, user_line

IDS = FormIds("f-", "err-")
SELECTS = {"source_kind": ("intake.source", SourceKind), "urgency": ("intake.urgency", Urgency)}


def _options(enum) -> tuple[tuple[str, str], ...]:
    return tuple((label(m), m.value) for m in enum)


def person_fields() -> list[FieldSpec]:
    return [FieldSpec("name", t("intake.name"), max_length=limit_of(PersonInput, "name")),
            FieldSpec("date_of_birth", t("intake.dob"), "date"),
            FieldSpec("address", t("intake.address"), max_length=limit_of(PersonInput, "address")),
            FieldSpec("phone", t("intake.phone"), max_length=limit_of(PersonInput, "phone")),
            FieldSpec("bsn", t("intake.bsn"), max_length=20),
            FieldSpec("gender", t("intake.gender"), "select", Gender.ONBEKEND.value, options=_options(Gender))]


def signal_fields() -> list[FieldSpec]:
    lines = [FieldSpec("received_on", t("intake.received_on"), "date", show_date(clock.today())),
             FieldSpec("received_by", t("intake.received_by"), max_length=limit_of(SignalInput, "received_by"))]
    source, urgency = (FieldSpec(name, t(key), "select", options=_options(enum)) for name, (key, enum) in SELECTS.items())
    # One or more, ticked with the space bar; none is ticked beforehand (never a default ideology).
    ideologies = FieldSpec("ideologies", t("intake.ideology"), "many", options=_options(Ideology))
    choices = [source, ideologies, urgency]
    areas = [FieldSpec("observed_facts", t("intake.facts"), "area", max_length=limit_of(SignalInput, "observed_facts")),
             FieldSpec("interpretation", t("intake.interpretation"), "area",
                       max_length=limit_of(SignalInput, "interpretation"))]
    return lines + choices + areas


@route("intake")
class IntakeScreen(PgaScreen):
    HELP_KEY = "intake.help"
    AUTO_FOCUS = ""  # on_mount focuses the name field (the screen's own choice scrolled the form down)
    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", id="intake.save"),
        Binding("escape", "back", "key.back", id="intake.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._saved = False
        self._existing_person: int | None = None
        self._duplicate_timer = None

    def compose(self):
        self._person, self._signal = person_fields(), signal_fields()
        yield PgaHeader()
        with FieldsScroll(id="intake"):
            yield Static(Content(t("intake.title")), classes="title")
            yield Static(Content(t("intake.person")), classes="subtitle")
            yield from compose_fields(self._person, IDS)
            yield Static("", id="duplicate", classes="warning")
            yield Checkbox(t("intake.use_existing"), id="use-existing", disabled=True)
            yield Static(Content(t("own.municipality")), classes="field-label")
            yield Select([], prompt=t("intake.choose"), id="f-municipality")
            yield Static(Content(t("own.director")), classes="field-label")
            yield Select([], prompt=t("own.no_director"), id="f-director")
            yield Static(Content(t("intake.signal")), classes="subtitle")
            yield from compose_fields(self._signal, IDS)
            yield Static("", id="status")
        yield PgaFooter()

    @property
    def _fields(self) -> list[FieldSpec]:
        return [*self._person, *self._signal]

    def on_mount(self) -> None:
        self.query_one("#f-received_by", Input).value = self.app.user.organisation  # opened only when signed in
        fill_values(self, getattr(self.app, "intake_draft", None) or {}, IDS)
        # At once (Widget.focus() is deferred); not scrolled: before the form is laid out, scrolling the
        # field into view put it in the middle and the title out of view.
        self.set_focus(self.query_one("#f-name", Input), scroll_visible=False)
        self.run_worker(self._load_municipalities(), exclusive=True, group="municipalities")

    # municipality and case director

    async def _load_municipalities(self) -> None:
        found = await self.app.call(ownership.intake_municipalities)
        if not found:
            return
        choice = self.query_one("#f-municipality", Select)
        choice.set_options([(user_cell(m.name), str(m.id)) for m in found])
        await self._propose()

    async def _propose(self) -> None:
        """Propose the municipality from the address (the user may choose another)."""
        proposed = await self.app.call(ownership.propose_municipality, self.query_one("#f-address", Input).value)
        if proposed is not None:
            self.query_one("#f-municipality", Select).value = str(proposed)

    async def _load_directors(self, municipality_id: int) -> None:
        directors = await self.app.call(ownership.directors_for, municipality_id) or []
        default = await self.app.call(ownership.default_director, municipality_id)
        choice = self.query_one("#f-director", Select)
        choice.set_options([(user_cell(login), login) for login in directors])
        if default:
            choice.value = default

    # the draft (memory only)

    def _values(self) -> dict[str, str]:
        return read_values(self, self._fields, IDS)

    def _keep_draft(self) -> None:
        """Every edit updates the in-memory draft, so leaving or locking never loses input."""
        if not self._saved and self.is_mounted:
            self.app.intake_draft = self._values()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._keep_draft()
        clear_error_of(self, event.text_area, IDS)

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        self._keep_draft()
        clear_error_of(self, event.selection_list, IDS)

    def on_select_changed(self, event: Select.Changed) -> None:
        self._keep_draft()
        clear_error_of(self, event.select, IDS)
        if event.select.id == "f-municipality" and isinstance(event.value, str):
            self.run_worker(self._load_directors(int(event.value)), exclusive=True, group="directors")

    # duplicate hint

    def on_input_changed(self, event: Input.Changed) -> None:
        self._keep_draft()
        clear_error_of(self, event.input, IDS)  # a corrected field loses its old message at once
        if event.input.id == "f-address":
            self.run_worker(self._propose(), exclusive=True, group="propose")
        if event.input.id in ("f-name", "f-date_of_birth"):
            if self._duplicate_timer is not None:
                self._duplicate_timer.stop()  # ask once the user pauses, not per keystroke
            self._duplicate_timer = self.set_timer(
                0.3, lambda: self.run_worker(self._check_duplicates(), exclusive=True, group="duplicates"))

    async def _check_duplicates(self) -> None:
        name = self.query_one("#f-name", Input).value.strip()
        born = date_or_none(self.query_one("#f-date_of_birth", Input).value)
        found = await self.app.call(svc.possible_duplicates, name, born) if name and born else []
        checkbox = self.query_one("#use-existing", Checkbox)
        self._existing_person = found[0].id if found else None
        checkbox.disabled = not found
        if not found:
            checkbox.value = False
        hint = t("intake.duplicate", cases=len(found)) if found else ""
        open_case = await self.app.call(svc.open_case_of_person, found[0].id) if found else None
        if open_case is not None:  # the signal joins that case: offer it straight away
            hint = t("own.joins_case", case=open_case.number)
            checkbox.value = True
        self.query_one("#duplicate", Static).update(user_line(hint))

    # saving

    def action_save(self) -> None:
        self.run_worker(self._save(), exclusive=True, group="save")

    async def _save(self) -> None:
        values, errors = parse_dates(self._values(), ["date_of_birth", "received_on"])
        use_existing = self.query_one("#use-existing", Checkbox).value and self._existing_person
        person = None if use_existing else build(PersonInput, _person_data(values), errors)
        signal = build(SignalInput, _signal_data(values), errors)
        show_errors(self, self._fields, errors, IDS)
        if errors:
            self.query_one("#status", Static).update(Content(t("intake.invalid")))
            if first := first_with_error(self._fields, errors):
                self.query_one(f"#f-{first}").focus()
            self.app.notify(t("intake.invalid"), severity="warning")
            return
        kwargs = {"person_id": self._existing_person} if use_existing else {"person": person}
        kwargs |= self._ownership()
        case = await self.app.call(svc.take_in_signal, signal, **kwargs)
        if case is None:
            return
        self.app.data_changed()  # the dashboard's counts and lists are stale now
        self._saved = True
        self.app.intake_draft = None
        self.app.notify(t("intake.saved", case=case.number))
        self.leave()

    def _ownership(self) -> dict:
        """The chosen municipality and director (a signal that joins an open case keeps the case's own)."""
        municipality = self.query_one("#f-municipality", Select).value
        director = self.query_one("#f-director", Select).value
        chosen = {}
        if isinstance(municipality, str):
            chosen["municipality_id"] = int(municipality)
        if isinstance(director, str):
            chosen["director"] = director
        return chosen

    def action_back(self) -> None:
        self.leave()




def _person_data(values: dict) -> dict:
    return {"name": values["name"], "date_of_birth": values["date_of_birth"], "address": values["address"],
            "phone": values["phone"], "bsn": values["bsn"] or None, "gender": values["gender"] or None}


def _signal_data(values: dict) -> dict:
    data = {n: values[n] for n in ("received_on", "received_by", "observed_facts", "interpretation", "ideologies")}
    for name in SELECTS:
        data[name] = values[name] or None
    return data
