"""The dialogs of the weighing session: one party's presence and views, and the joint conclusion
(on the kit's dialog look: pgatui.tui.kit.dialogs.KitDialog)."""

from __future__ import annotations

from pydantic import ValidationError
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, RadioButton, RadioSet, Static, TextArea

from pgatui.domain.enums import PGA_OUTCOMES
from pgatui.domain.models import (Conclusion, CriminalTrack, CriterionNote, CriterionView, Participant, PartyView,
                                  WeighingOutcome)
from pgatui.domain.roles import Role
from pgatui.tui.i18n import t
from pgatui.tui.kit.dialogs import KitDialog
from pgatui.tui.kit.formats import DateProblem, date_hint, label, parse_date
from pgatui.tui.kit.forms import LimitedInput, limit_of, problems
from pgatui.tui.safe import user_line

VIEWS = (CriterionView.VAN_TOEPASSING, CriterionView.NIET_VAN_TOEPASSING, CriterionView.ONBEKEND)
OUTCOMES = PGA_OUTCOMES  # criminal proceedings are a track beside the decision, not an outcome
TRACKS = tuple(CriminalTrack)


def party_name(role: Role) -> str:
    return t(f"weighing.role.{role.value}")


class WeighingPartyDialog(KitDialog):
    """One party: who is present, its view per criterion (with the explanation), preference, overall.

    Returns (Participant, PartyView or None) through dismiss, or None when cancelled."""

    HELP_KEY = "weighing.party_help"
    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", id="weighing_party.save"),
    ]

    def __init__(self, role: Role, catalogue, *, name: str = "", organisation: str = "",
                 view: PartyView | None = None) -> None:
        super().__init__()
        self.role = role
        self.catalogue = catalogue
        self._name = name
        self._organisation = organisation
        self._view = view

    def compose(self):
        party = party_name(self.role)
        notes = {n.criterion_id: n for n in self._view.criteria} if self._view else {}
        with VerticalScroll(classes="kit-box wg-dialog"):
            yield Static(Content(t("weighing.party_title", party=party)), classes="title")
            yield Static(Content(t("weighing.party_hint")), classes="hint")
            yield Static(Content(t("weighing.party_name", party=party)), classes="field-label")
            yield LimitedInput(value=self._name, id="wg-name", max_length=limit_of(Participant, "name"))
            yield Static(Content(t("weighing.party_org")), classes="field-label")
            yield LimitedInput(value=self._organisation, id="wg-org", max_length=limit_of(Participant, "organisation"))
            yield Static(Content(t("weighing.party_criteria")), classes="subtitle")
            for index, criterion in enumerate(self.catalogue.criteria):
                note = notes.get(criterion.id)
                with Vertical(classes="wg-criterion"):
                    yield Static(Content(criterion.title).stylize("bold"))
                    yield Static(Content(criterion.explanation), classes="hint")
                    with RadioSet(id=f"wg-view-{index}", classes="wg-views"):
                        for choice in VIEWS:
                            yield RadioButton(Content(label(choice)), value=note is not None and note.view is choice)
                    yield LimitedInput(value=note.note if note else "", placeholder=t("weighing.note"),
                                       id=f"wg-note-{index}", max_length=limit_of(CriterionNote, "note"))
            yield Static(Content(t("weighing.party_preferred")), classes="field-label")
            preferred = self._view.preferred_outcome if self._view else None
            with RadioSet(id="wg-preferred"):
                for outcome in OUTCOMES:
                    yield RadioButton(Content(label(outcome)), value=outcome is preferred)
            yield Static(Content(t("weighing.party_overall", party=party)), classes="field-label")
            yield TextArea(self._view.overall if self._view else "", id="wg-overall", soft_wrap=True, classes="area")
            yield Static("", id="wg-party-error", classes="error")

    def on_mount(self) -> None:
        self.query_one("#wg-org" if self._name else "#wg-name", Input).focus()

    def action_save(self) -> None:
        name = self.query_one("#wg-name", Input).value.strip()
        organisation = self.query_one("#wg-org", Input).value.strip()
        if not name or not organisation:
            self._error(t("weighing.party_required"))
            self.query_one("#wg-org" if name else "#wg-name", Input).focus()
            return
        notes = []
        for index, criterion in enumerate(self.catalogue.criteria):
            chosen = self.query_one(f"#wg-view-{index}", RadioSet).pressed_index
            note = self.query_one(f"#wg-note-{index}", Input).value.strip()
            if chosen >= 0:
                notes.append(CriterionNote(criterion_id=criterion.id, view=VIEWS[chosen], note=note))
        preferred_index = self.query_one("#wg-preferred", RadioSet).pressed_index
        overall = self.query_one("#wg-overall", TextArea).text.strip()
        try:
            participant = Participant(role=self.role, name=name, organisation=organisation)
            view = None
            if notes or overall or preferred_index >= 0:
                view = PartyView(role=self.role, criteria=tuple(notes), overall=overall,
                                 preferred_outcome=OUTCOMES[preferred_index] if preferred_index >= 0 else None)
        except ValidationError as exc:
            self._error(problems(exc))
            return
        self.dismiss((participant, view))

    def _error(self, message: str) -> None:
        self.query_one("#wg-party-error", Static).update(user_line(message))
        self.query_one("#wg-party-error").scroll_visible()


class WeighingConclusionDialog(KitDialog):
    """The joint conclusion as entered: returns a Conclusion through dismiss, or None."""

    HELP_KEY = "weighing.conclusion_help"
    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", id="weighing_conclusion.save"),
    ]

    def compose(self):
        with VerticalScroll(classes="kit-box wg-dialog"):
            yield Static(Content(t("weighing.conclusion_title")), classes="title")
            yield Static(Content(t("weighing.conclusion_hint")), classes="hint")
            yield Static(Content(t("weighing.conclusion_outcome")), classes="field-label")
            with RadioSet(id="wg-outcome"):
                for outcome in OUTCOMES:
                    yield RadioButton(Content(label(outcome)))
            yield Static(Content(t("weighing.conclusion_deadline")), classes="field-label")
            yield LimitedInput(id="wg-deadline", placeholder=date_hint(), disabled=True, max_length=10)
            yield Static(Content(t("weighing.conclusion_reasons")), classes="field-label")
            yield TextArea(id="wg-reasons", soft_wrap=True, classes="area")
            yield Static(Content(t("weighing.conclusion_disagreement")), classes="field-label")
            yield TextArea(id="wg-disagreement", soft_wrap=True, classes="area")
            # After the PGA decision: a separate question (the PGA runs alongside it).
            yield Static(Content(t("track.title")), classes="field-label")
            with RadioSet(id="wg-track"):
                for track in TRACKS:
                    yield RadioButton(Content(label(track)), value=track is CriminalTrack.GEEN)
            yield Static(Content(t("track.release")), classes="field-label")
            yield LimitedInput(id="wg-release", placeholder=date_hint(), disabled=True, max_length=10)
            yield Static("", id="wg-conclusion-error", classes="error")

    def on_mount(self) -> None:
        self.query_one("#wg-outcome", RadioSet).focus()

    def _outcome(self) -> WeighingOutcome | None:
        index = self.query_one("#wg-outcome", RadioSet).pressed_index
        return OUTCOMES[index] if index >= 0 else None

    def _track(self) -> CriminalTrack:
        index = self.query_one("#wg-track", RadioSet).pressed_index
        return TRACKS[index] if index >= 0 else CriminalTrack.GEEN

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        for field, enabled in (("#wg-deadline", self._outcome() is WeighingOutcome.MEER_INFORMATIE),
                               ("#wg-release", self._track() is CriminalTrack.DETENTIE)):
            widget = self.query_one(field, Input)
            widget.disabled = not enabled
            if widget.disabled:
                widget.value = ""

    def action_save(self) -> None:
        outcome = self._outcome()
        if outcome is None:
            self._error(t("weighing.conclusion_choose"))
            return
        try:
            deadline = parse_date(self.query_one("#wg-deadline", Input).value)
            release = parse_date(self.query_one("#wg-release", Input).value)
        except DateProblem as problem:
            self._error(str(problem))
            return
        try:
            conclusion = Conclusion(outcome=outcome, reasons=self.query_one("#wg-reasons", TextArea).text.strip(),
                                    follow_up_deadline=deadline,
                                    disagreement=self.query_one("#wg-disagreement", TextArea).text.strip(),
                                    criminal_track=self._track(), expected_release_on=release)
        except ValidationError as exc:
            self._error(problems(exc, {"reasons": t("weighing.conclusion_reasons")}))
            return
        self.dismiss(conclusion)

    def _error(self, message: str) -> None:
        self.query_one("#wg-conclusion-error", Static).update(user_line(message))
        self.query_one("#wg-conclusion-error").scroll_visible()
