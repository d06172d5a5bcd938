"""The dialogs of the weighing session: one party's presence, information basis and view, the
room's joint view per criterion, a party's dissent (a kit form), and the joint conclusion (on the
kit's dialog look: pgatui.tui.kit.dialogs.KitDialog)."""

from __future__ import annotations

from pydantic import ValidationError
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, RadioButton, RadioSet, Static, TextArea

from pgatui.domain.enums import PGA_OUTCOMES, CriterionKind
from pgatui.domain.models import (Conclusion, CriminalTrack, CriterionView, Dissent, Ideology, JointView, Participant,
                                  PartyView, PhenomenonInput, WeighingOutcome)
from pgatui.domain.roles import Role
from pgatui.tui.i18n import t
from pgatui.tui.kit.dialogs import FormDialog, KitDialog
from pgatui.tui.kit.formats import DateProblem, date_hint, label, parse_date
from pgatui.tui.kit.forms import (FieldSpec, FieldsScroll, LimitedInput, focus_at_top, limit_of, model_check,
                                  problems)
from pgatui.tui.safe import user_line

VIEWS = (CriterionView.VAN_TOEPASSING, CriterionView.NIET_VAN_TOEPASSING, CriterionView.ONBEKEND)
OUTCOMES = PGA_OUTCOMES  # criminal proceedings are a track beside the decision, not an outcome
TRACKS = tuple(CriminalTrack)


def party_name(role: Role) -> str:
    return t(f"weighing.role.{role.value}")


class WeighingPartyDialog(KitDialog):
    """One party: who is present, what it brings and on which legal basis (the vault's list, or
    'anders' in its own words), its preferred outcome and overall view.

    Returns (Participant, PartyView or None) through dismiss, or None when cancelled."""

    HELP_KEY = "weighing.party_help"
    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", id="weighing_party.save"),
    ]

    def __init__(self, role: Role, legal_bases: tuple[str, ...] = (), *, name: str = "", organisation: str = "",
                 participant: Participant | None = None, view: PartyView | None = None) -> None:
        super().__init__()
        self.role = role
        self._name = name
        self._organisation = organisation
        self._participant = participant
        self._view = view
        recorded = participant.legal_basis if participant else ""
        # A basis recorded in own words (or since removed from the list) shows under 'anders'.
        self._bases = tuple(legal_bases)
        self._other = recorded if recorded and recorded not in self._bases else ""
        self._chosen = self._bases.index(recorded) if recorded in self._bases else len(self._bases) if recorded else -1

    def compose(self):
        party = party_name(self.role)
        with FieldsScroll(classes="kit-box wg-dialog"):
            yield Static(Content(t("weighing.party_title", party=party)), classes="title")
            yield Static(Content(t("weighing.party_hint")), classes="hint")
            yield Static(Content(t("weighing.party_name", party=party)), classes="field-label")
            yield LimitedInput(value=self._name, id="wg-name", max_length=limit_of(Participant, "name"))
            yield Static(Content(t("weighing.party_org")), classes="field-label")
            yield LimitedInput(value=self._organisation, id="wg-org", max_length=limit_of(Participant, "organisation"))
            yield Static(Content(t("weighing.party_brought", party=party)), classes="field-label")
            yield LimitedInput(value=self._participant.brought if self._participant else "", id="wg-brought",
                               max_length=limit_of(Participant, "brought"))
            yield Static(Content(t("weighing.party_basis", party=party)), classes="field-label")
            with RadioSet(id="wg-basis"):
                for index, basis in enumerate((*self._bases, t("weighing.basis_other"))):
                    yield RadioButton(user_line(basis), value=index == self._chosen)
            yield Static(Content(t("weighing.basis_other_text")), classes="field-label")
            yield LimitedInput(value=self._other, id="wg-basis-other", max_length=limit_of(Participant, "legal_basis"))
            yield Static(Content(t("weighing.party_preferred")), classes="field-label")
            preferred = self._view.preferred_outcome if self._view else None
            with RadioSet(id="wg-preferred"):
                for outcome in OUTCOMES:
                    yield RadioButton(Content(label(outcome)), value=outcome is preferred)
            yield Static(Content(t("weighing.party_overall", party=party)), classes="field-label")
            yield TextArea(self._view.overall if self._view else "", id="wg-overall", soft_wrap=True, classes="area")
            yield Static("", id="wg-party-error", classes="error")

    def on_mount(self) -> None:
        focus_at_top(self, self.query_one("#wg-org" if self._name else "#wg-name", Input))

    def _legal_basis(self) -> str | None:
        """The chosen basis ('' for none), or None when 'anders' was chosen without words."""
        chosen = self.query_one("#wg-basis", RadioSet).pressed_index
        other = self.query_one("#wg-basis-other", Input).value.strip()
        if 0 <= chosen < len(self._bases):
            return self._bases[chosen]
        if chosen == len(self._bases):
            return other or None
        return other

    def action_save(self) -> None:
        name = self.query_one("#wg-name", Input).value.strip()
        organisation = self.query_one("#wg-org", Input).value.strip()
        if not name or not organisation:
            self._error(t("weighing.party_required"))
            self.query_one("#wg-org" if name else "#wg-name", Input).focus()
            return
        legal_basis = self._legal_basis()
        if legal_basis is None:
            self._error(t("weighing.basis_other_required"))
            self.query_one("#wg-basis-other", Input).focus()
            return
        preferred_index = self.query_one("#wg-preferred", RadioSet).pressed_index
        overall = self.query_one("#wg-overall", TextArea).text.strip()
        try:
            participant = Participant(role=self.role, name=name, organisation=organisation, legal_basis=legal_basis,
                                      brought=self.query_one("#wg-brought", Input).value.strip())
            view = None
            if overall or preferred_index >= 0 or (self._view and self._view.criteria):
                view = PartyView(role=self.role, overall=overall,
                                 criteria=self._view.criteria if self._view else (),  # kept, never shown to edit
                                 preferred_outcome=OUTCOMES[preferred_index] if preferred_index >= 0 else None)
        except ValidationError as exc:
            self._error(problems(exc))
            return
        self.dismiss((participant, view))

    def _error(self, message: str) -> None:
        self.query_one("#wg-party-error", Static).update(user_line(message))
        self.query_one("#wg-party-error").scroll_visible()


class WeighingJointDialog(KitDialog):
    """The room's joint view per criterion, grouped by kind (risk, protective, necessity), each
    with its explanation. Returns the tuple of JointView chosen (possibly empty), or None."""

    HELP_KEY = "weighing.joint_help"
    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", id="weighing_joint.save"),
    ]

    def __init__(self, catalogue, joint: tuple[JointView, ...] = ()) -> None:
        super().__init__()
        self.catalogue = catalogue
        self._joint = {j.criterion_id: j for j in joint}

    def compose(self):
        with FieldsScroll(classes="kit-box wg-dialog"):
            yield Static(Content(t("weighing.joint_title")), classes="title")
            yield Static(Content(t("weighing.joint_intro")), classes="hint")
            yield Static(Content(t("weighing.party_hint")), classes="hint")
            for kind in CriterionKind:
                criteria = self.catalogue.of_kind(kind)
                if not criteria:
                    continue
                yield Static(Content(label(kind)), classes="subtitle")
                for criterion in criteria:
                    yield from self._criterion(criterion)
            yield Static("", id="wg-joint-error", classes="error")

    def _criterion(self, criterion):
        index = self.catalogue.ids().index(criterion.id)
        current = self._joint.get(criterion.id)
        with Vertical(classes="wg-criterion"):
            yield Static(user_line(criterion.title).stylize("bold"))
            yield Static(user_line(criterion.explanation), classes="hint")
            with RadioSet(id=f"wg-view-{index}", classes="wg-views"):
                for choice in VIEWS:
                    yield RadioButton(Content(label(choice)), value=current is not None and current.view is choice)
            yield LimitedInput(value=current.note if current else "", placeholder=t("weighing.note"),
                               id=f"wg-note-{index}", max_length=limit_of(JointView, "note"))

    def on_mount(self) -> None:
        focus_at_top(self, self.query_one("#wg-view-0", RadioSet))

    def action_save(self) -> None:
        views = []
        for index, criterion in enumerate(self.catalogue.criteria):
            chosen = self.query_one(f"#wg-view-{index}", RadioSet).pressed_index
            note = self.query_one(f"#wg-note-{index}", Input).value.strip()
            if chosen >= 0:
                try:
                    views.append(JointView(criterion_id=criterion.id, view=VIEWS[chosen], note=note))
                except ValidationError as exc:
                    self.query_one("#wg-joint-error", Static).update(user_line(problems(exc)))
                    return
        self.dismiss(tuple(views))


def dissent_form(catalogue, present: list[Role], joint: tuple[JointView, ...]) -> FormDialog:
    """The kit form for one party's dissent on one criterion (only criteria with a joint view)."""
    with_joint = {j.criterion_id for j in joint}
    fields = [
        FieldSpec("role", t("weighing.dissent_party"), kind="select",
                  options=tuple((party_name(r), r.value) for r in present), value=present[0].value),
        FieldSpec("criterion_id", t("weighing.dissent_criterion"), kind="select",
                  options=tuple((c.title, c.id) for c in catalogue.criteria if c.id in with_joint),
                  value=next(c.id for c in catalogue.criteria if c.id in with_joint)),
        FieldSpec("view", t("weighing.dissent_view"), kind="select",
                  options=tuple((label(v), v.value) for v in VIEWS), value=VIEWS[0].value),
        FieldSpec("note", t("weighing.dissent_note"), kind="area", max_length=limit_of(Dissent, "note")),
    ]
    return FormDialog(t("weighing.dissent_title"), fields, model_check(Dissent, required=("note",)),
                      help_key="weighing.dissent_help")


def phenomenon_form(recorded: tuple[Ideology, ...]) -> FormDialog:
    """The kit form for the room's view of the phenomenon: nothing ticked until the room recorded it."""
    fields = [FieldSpec("ideologies", t("weighing.phenomenon_field"), kind="many",
                        options=tuple((label(i), i.value) for i in Ideology), value=tuple(i.value for i in recorded))]
    return FormDialog(t("weighing.phenomenon_title"), fields, model_check(PhenomenonInput),
                      intro=Content(t("weighing.phenomenon_intro")), help_key="weighing.phenomenon_help")


class WeighingConclusionDialog(KitDialog):
    """The joint conclusion as entered: returns a Conclusion through dismiss, or None."""

    HELP_KEY = "weighing.conclusion_help"
    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", id="weighing_conclusion.save"),
    ]

    def compose(self):
        with FieldsScroll(classes="kit-box wg-dialog"):
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
        focus_at_top(self, self.query_one("#wg-outcome", RadioSet))

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
