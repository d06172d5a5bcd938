"""The TUI kit (pgatui.tui.kit): formats, forms, dialogs and the one way to call a service."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import BaseModel, Field
from textual import events
from textual.app import App
from textual.widgets import Input, SelectionList

from pgatui.errors import AccessDenied, VaultDamaged
from pgatui.tui import i18n
from pgatui.tui.kit import calls, formats, forms
from pgatui.tui.kit.dialogs import FormDialog
from pgatui.tui.kit.forms import FieldSpec
from pilot import notices, settle, wait_for


@pytest.fixture(autouse=True)
def dutch():
    i18n.set_language("nl")
    yield
    i18n.set_language("nl")


# formats

def test_one_date_format_on_screen_and_in_typing():
    assert formats.show_date(dt.date(2026, 3, 12)) == "12-03-2026"
    assert formats.show_date(None) == "-"
    assert formats.parse_date("12-03-2026") == dt.date(2026, 3, 12)
    assert formats.parse_date("1/2/2027") == dt.date(2027, 2, 1)
    assert formats.parse_date("2026-03-12") == dt.date(2026, 3, 12)  # pasted from another system
    assert formats.parse_date("  ") is None
    assert formats.date_hint() == "dd-mm-jjjj"


def test_a_date_that_does_not_exist_is_named():
    with pytest.raises(formats.DateProblem, match="31-02-2026 bestaat niet"):
        formats.parse_date("31-02-2026")
    with pytest.raises(formats.DateProblem, match="dd-mm-jjjj"):
        formats.parse_date("morgen")


def test_meetings_are_named_by_their_date_and_durations_read_well():
    assert formats.meeting_name(dt.date(2026, 3, 12)) == "Casusoverleg 12-03-2026"
    assert formats.show_duration(300) == "5 min"
    assert formats.show_duration(4800) == "1 u 20 min"
    assert formats.show_days(1) == "1 dag"


# forms

class Hold(BaseModel):
    reason: str = Field(min_length=1, max_length=120)
    ends_on: dt.date


def test_build_gives_dutch_messages_per_field():
    errors: dict[str, str] = {}
    assert forms.build(Hold, {"reason": "x" * 300, "ends_on": None}, errors) is None
    assert errors == {"reason": "Te lang: maximaal 120 tekens.", "ends_on": "Dit veld is verplicht."}


def test_an_unreadable_date_is_reported_and_the_model_not_built():
    data, errors = forms.parse_dates({"reason": "ok", "ends_on": "31-02-2026"}, ["ends_on"])
    assert forms.build(Hold, data, errors) is None
    assert errors == {"ends_on": "31-02-2026 bestaat niet."}
    data, errors = forms.parse_dates({"reason": "ok", "ends_on": "01-05-2027"}, ["ends_on"])
    assert forms.build(Hold, data, errors) == Hold(reason="ok", ends_on=dt.date(2027, 5, 1))
    assert errors == {}


def test_limit_of_reads_the_model():
    assert forms.limit_of(Hold, "reason") == 120
    assert forms.limit_of(Hold, "ends_on") is None


class FormApp(App):
    def __init__(self, specs, check):
        super().__init__()
        self.specs, self.check = specs, check
        self.answer = "open"

    def on_mount(self):
        self.push_screen(FormDialog("Titel", self.specs, self.check), lambda answer: setattr(self, "answer", answer))


def hold_check(values):
    data, errors = forms.parse_dates(values, ["ends_on"])
    return forms.build(Hold, data, errors), errors


async def test_form_dialog_shows_errors_beside_fields_and_clears_corrected_ones():
    specs = [FieldSpec("reason", "Reden", max_length=120), FieldSpec("ends_on", "Einddatum", kind="date")]
    app = FormApp(specs, hold_check)
    async with app.run_test() as pilot:
        await wait_for(pilot, lambda: app.screen.query_one("#d-reason", Input).has_focus)
        app.screen.query_one("#d-ends_on", Input).value = "31-02-2026"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "bestaat niet" in str(app.screen.query_one("#derr-ends_on").render()))
        assert "verplicht" in str(app.screen.query_one("#derr-reason").render())
        app.screen.query_one("#d-reason", Input).value = "Onderzoek"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "bestaat niet" in str(app.screen.query_one("#derr-ends_on").render()))
        assert str(app.screen.query_one("#derr-reason").render()) == ""  # the corrected field lost its error
        app.screen.query_one("#d-ends_on", Input).value = "01-05-2027"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.answer != "open")
        assert app.answer == Hold(reason="Onderzoek", ends_on=dt.date(2027, 5, 1))


async def test_a_key_typed_after_tab_from_the_last_field_lands_in_a_field():
    """The form's scroll box is no Tab stop: Tab from the last field comes round to the first, and
    the key typed at once lands there (it went to the box, and was lost)."""
    specs = [FieldSpec("reason", "Reden", max_length=120), FieldSpec("ends_on", "Einddatum", kind="date")]
    app = FormApp(specs, hold_check)
    async with app.run_test() as pilot:
        await wait_for(pilot, lambda: app.screen.query_one("#d-reason", Input).has_focus)
        await pilot.press("tab", "tab", "x")
        assert app.screen.query_one("#d-reason", Input).value == "x"


async def test_a_many_field_is_ticked_with_the_keyboard_and_read_in_the_lists_order():
    """kind "many": a SelectionList; space ticks the highlighted option, the value is the ticked
    values in the options' order (not the order ticked), and saved values come back ticked."""
    options = (("Eén", "een"), ("Twee", "twee"), ("Drie", "drie"))
    app = FormApp([FieldSpec("picked", "Kies", kind="many", options=options, value=("twee",))],
                  lambda values: (values["picked"], {}))
    async with app.run_test() as pilot:
        chooser = app.screen.query_one("#d-picked", SelectionList)
        await wait_for(pilot, lambda: chooser.has_focus)
        assert forms.read_values(app.screen, ["picked"]) == {"picked": ["twee"]}
        forms.fill_values(app.screen, {"picked": ["drie"]})
        assert chooser.selected == ["drie"]
        await pilot.press("space", "ctrl+s")  # the first option, highlighted on focus
        await wait_for(pilot, lambda: app.answer != "open")
    assert app.answer == ["een", "drie"]


async def test_a_paste_over_the_limit_is_refused_with_a_message():
    app = FormApp([FieldSpec("reason", "Reden", max_length=120)], hold_check)
    async with app.run_test() as pilot:
        field = app.screen.query_one("#d-reason", Input)
        await wait_for(pilot, lambda: field.has_focus)
        field.post_message(events.Paste("x" * 5000))
        await wait_for(pilot, lambda: "maximaal 120" in notices(app))
        assert field.value == ""
        field.post_message(events.Paste("kort"))
        await wait_for(pilot, lambda: field.value == "kort")


# calls

def test_outcome_tells_refusal_failure_and_a_value_of_none_apart():
    nothing = calls.Outcome.done(None)
    assert nothing.ok and nothing.value is None and nothing.text == ""
    refused = calls.Outcome.from_error(AccessDenied("Geen toegang."))
    assert refused.refused and not refused.ok and refused.text == "Geen toegang."
    damaged = calls.Outcome.from_error(VaultDamaged("Kapot."))
    assert damaged.failed and damaged.damaged
    surprise = calls.Outcome.from_error(KeyError("x"))
    assert surprise.failed and "KeyError" in surprise.text
    assert calls.failure_text(AccessDenied("Geen toegang.")) == "Geen toegang."


class ReportApp(App):
    def __init__(self):
        super().__init__()
        self.reported = []

    def report(self, outcome):
        self.reported.append(outcome)


async def test_guarded_work_reports_instead_of_ending_the_app():
    app = ReportApp()

    async def broken():
        raise RuntimeError("stuk")

    async with app.run_test() as pilot:
        app.run_worker(calls.guarded(app, broken()), exit_on_error=False)
        await settle_plain(pilot)
        assert app.is_running
        assert [type(o.error) for o in app.reported] == [RuntimeError]


async def settle_plain(pilot):
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0)  # noqa: - one round of messages, no time


_ = settle
