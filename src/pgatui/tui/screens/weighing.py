"""The joint weighing session (weegploeg) on a shared screen (issue 5).

One case on the screen: its signals (facts apart from interpretation), earlier weighings of the
person, per core partner who is present and its view per criterion, what still blocks the
conclusion, the joint conclusion, and the confirmation of each party with its own password.
Once every present party has confirmed, the weighing is read-only and its record can be exported.

Shared-screen mode is switched on when the session opens; nothing here shows a BSN, address, date
of birth or phone number in any mode (the room does not need them), and the person's name only as
initials while shared-screen mode is on.
"""

from __future__ import annotations


from pydantic import ValidationError
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Input, RadioButton, RadioSet, Static, TextArea

from pgatui.domain import workflow
from pgatui.domain.enums import PGA_OUTCOMES
from pgatui.domain.models import (Conclusion, CriminalTrack, CriterionNote, CriterionView, Participant, PartyView,
                                  WeighingOutcome)
from pgatui.domain.roles import CORE_PARTNERS, Role
from pgatui.domain.text import moment
from pgatui.errors import DomainError
from pgatui.services import monitoring
from pgatui.services import weighing as svc
from pgatui.services.weighing_record import export_weighing_record
from pgatui.tui.base import PgaScreen
from pgatui.tui.kit.formats import DateProblem, date_hint, label, parse_date, shown_name
from pgatui.tui.kit.forms import LimitedInput, limit_of, problems
from pgatui.tui.i18n import t
from pgatui.tui.routes import route
from pgatui.tui.safe import labelled, notify_literal, user_line, user_text
from pgatui.tui.kit.dialogs import ColleagueDialog, ExportDialog, KitDialog
from pgatui.tui.records import track_line
from pgatui.tui.widgets import PgaHeader

PARTY_KEYS = {Role.GEMEENTE: "1", Role.POLITIE: "2", Role.OM: "3"}
VIEWS = (CriterionView.VAN_TOEPASSING, CriterionView.NIET_VAN_TOEPASSING, CriterionView.ONBEKEND)
OUTCOMES = PGA_OUTCOMES  # criminal proceedings are a track beside the decision, not an outcome
TRACKS = tuple(CriminalTrack)
MARKS = {CriterionView.VAN_TOEPASSING: "■", CriterionView.NIET_VAN_TOEPASSING: "□", CriterionView.ONBEKEND: "?"}
WIDE = 120  # from this width the three parties stand side by side


def party_name(role: Role) -> str:
    return t(f"weighing.role.{role.value}")


def complete(weighing) -> bool:
    """Concluded and confirmed by every core partner: final."""
    return workflow.weighing_complete(weighing) is None


@route("weighing")
class WeighingScreen(PgaScreen):
    HELP_KEY = "weighing.help"
    BINDINGS = [
        Binding("1", "party('gemeente')", "key.wg_gemeente", id="weighing.party_gemeente"),
        Binding("2", "party('politie')", "key.wg_politie", id="weighing.party_politie"),
        Binding("3", "party('om')", "key.wg_om", id="weighing.party_om"),
        Binding("c", "conclude", "key.wg_conclude", id="weighing.conclude"),
        Binding("b", "confirm", "key.wg_confirm", id="weighing.confirm"),
        Binding("m", "confirm_me", "key.wg_confirm_me", id="weighing.confirm_me"),
        Binding("e", "export", "key.wg_export", id="weighing.export"),
        Binding("n", "next_case", "key.wg_next", id="weighing.next"),
        Binding("r", "refresh", "key.refresh", id="weighing.refresh"),
        Binding("escape", "back", "key.back", id="weighing.back"),
    ]

    def __init__(self, case_id: int, weighing_id: int = 0) -> None:
        super().__init__()
        self.case_id = case_id
        self.weighing_id = weighing_id
        self._view: svc.WeighingSession | None = None

    def compose(self):
        yield PgaHeader()
        with VerticalScroll(id="weighing"):
            yield Static(Content(t("weighing.loading")), id="wg-title", classes="title")
            yield Static("", id="wg-meta")
            yield Static("", id="wg-state")
            yield Static(Content(t("weighing.signals")), classes="wg-section")
            yield Static("", id="wg-signals")
            yield Static(Content(t("weighing.earlier")), classes="wg-section")
            yield Static("", id="wg-earlier")
            yield Static(Content(t("weighing.parties")), classes="wg-section")
            with Horizontal(id="wg-parties"):
                for role in CORE_PARTNERS:
                    yield Static("", id=f"wg-party-{role.value}", classes="wg-party")
            yield Static(Content(t("weighing.problems")), classes="wg-section", id="wg-problems-title")
            yield Static("", id="wg-problems")
            yield Static(Content(t("weighing.conclusion")), classes="wg-section")
            yield Static("", id="wg-conclusion")
            yield Static(Content(t("weighing.confirmations")), classes="wg-section")
            yield Static("", id="wg-confirmations")
        yield Footer()

    def route_params(self) -> dict[str, int | bool]:
        params: dict[str, int | bool] = {"case_id": self.case_id}
        if self.weighing_id:
            params["weighing_id"] = self.weighing_id
        return params

    def forget(self) -> None:
        self._view = None

    def on_mount(self) -> None:
        self.app.shared_screen = True  # a joint session is on a screen the whole room reads
        self.watch(self.app, "shared_screen", self._draw, init=False)
        self._fit(self.size.width)
        self.query_one("#weighing").focus()
        self.run_worker(self._load(), exclusive=True, group="weighing")

    def on_resize(self, event) -> None:
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        self.set_class(width >= WIDE, "-wide")

    # loading

    async def _load(self) -> None:
        if self.weighing_id:
            view = await self.app.call(svc.read_weighing, self.weighing_id)
        else:
            view = await self._open()
        if view is None:
            if self.is_attached and self.app.screen is self:
                self.leave()
            return
        self._show(view)

    async def _open(self) -> svc.WeighingSession | None:
        """Open (or resume) the weighing of the case; a case past the weighing shows its last one."""
        outcome = await self.app.attempt(svc.open_weighing, self.case_id, quiet=True)
        if outcome.ok:
            self.app.data_changed()  # the case moved on to 'weging'
            return outcome.value
        if not isinstance(outcome.error, DomainError):
            self.app.report(outcome)
            return None
        process = await self.app.call(monitoring.read_process, self.case_id)
        if process is None or not process.weighings:
            self.app.report(outcome)
            return None
        latest = max(process.weighings, key=lambda w: w.id)
        return await self.app.call(svc.read_weighing, latest.id)

    async def _write(self, service, *args):
        """A change to the weighing: its result, or None after the notice. Other screens (the
        case file's phase and tabs, the dashboard) reload when they are shown again."""
        outcome = await self.app.attempt(service, *args)
        if outcome.ok:
            self.app.data_changed()
        return outcome.value

    async def _reload(self) -> None:
        if self.weighing_id:
            view = await self.app.call(svc.read_weighing, self.weighing_id)
            if view is not None:
                self._show(view)

    def _show(self, view: svc.WeighingSession) -> None:
        self._view = view
        self.weighing_id = view.weighing.id
        self._draw()
        self.refresh_bindings()

    # rendering

    def _draw(self, *_) -> None:
        view = self._view
        if view is None or not self.is_mounted:
            return
        case, weighing = view.case, view.weighing
        person = shown_name(view.person.name, self.app.shared_screen)
        self.query_one("#wg-title", Static).update(user_line(t("weighing.title", case=case.number, person=person)))
        self.query_one("#wg-meta", Static).update(Content(t(
            "weighing.meta", date=weighing.held_on, version=weighing.catalogue_version, phase=label(case.phase))))
        if complete(weighing):
            state, kind = t("weighing.state_done", phase=label(case.phase)), "-done"
        elif weighing.concluded:
            state, kind = t("weighing.state_confirming"), "-confirming"
        else:
            state, kind = t("weighing.state_open"), "-open"
        banner = self.query_one("#wg-state", Static)
        banner.update(Content(state))
        banner.set_classes(f"wg-state {kind}")
        self.query_one("#wg-signals", Static).update(self._signals(view))
        self.query_one("#wg-earlier", Static).update(self._earlier(view))
        for role in CORE_PARTNERS:
            widget = self.query_one(f"#wg-party-{role.value}", Static)
            widget.update(self._party(view, role))
            widget.set_class(role not in weighing.present, "-absent")
        problems = view.problems
        self.query_one("#wg-problems-title").display = not weighing.concluded
        box = self.query_one("#wg-problems", Static)
        box.display = not weighing.concluded
        box.update(Content("\n").join([Content("• ") + user_line(p) for p in problems])
                   if problems else Content(t("weighing.no_problems")))
        box.set_class(bool(problems), "-blocking")
        self.query_one("#wg-conclusion", Static).update(self._conclusion(weighing))
        self.query_one("#wg-confirmations", Static).update(self._confirmations(weighing))

    @staticmethod
    def _signals(view) -> Content:
        if not view.signals:
            return Content(t("weighing.no_signals"))
        blocks = []
        for signal in view.signals:
            head = user_line(t("weighing.signal_head", date=signal.received_on, by=signal.received_by,
                               source=label(signal.source_kind), ideology=label(signal.ideology),
                               urgency=label(signal.urgency)))
            block = head.stylize("bold") + Content("\n" + t("weighing.facts") + ":\n").stylize("bold")
            block += user_text(signal.observed_facts)
            block += Content("\n" + t("weighing.interpretation") + ":\n").stylize("bold")
            block += user_text(signal.interpretation) if signal.interpretation else \
                Content(t("weighing.no_interpretation"))
            if signal.special_categories:
                block += Content("\n") + Content(t("weighing.special") + ": " + ", ".join(
                    sorted(label(c) for c in signal.special_categories)))
            blocks.append(block)
        return Content("\n\n").join(blocks)

    @staticmethod
    def _earlier(view) -> Content:
        if not view.earlier:
            return Content(t("weighing.no_earlier"))
        return Content("\n").join(
            Content(t("weighing.earlier_row", date=w.held_on,
                      outcome=label(w.outcome) if w.concluded else t("weighing.not_concluded")))
            for w in sorted(view.earlier, key=lambda w: w.held_on))

    @staticmethod
    def _party(view, role: Role) -> Content:
        weighing = view.weighing
        head = Content(party_name(role) + f"  [{PARTY_KEYS[role]}]").stylize("bold")
        present = next((p for p in weighing.participants if p.role is role), None)
        if present is None:
            return head + Content("\n" + t("weighing.absent", key=PARTY_KEYS[role]))
        lines = [head, labelled(t("weighing.present"), f"{present.name} ({present.organisation})")]
        party = weighing.view_of(role)
        notes = {n.criterion_id: n for n in party.criteria} if party else {}
        for criterion in view.catalogue.criteria:
            note = notes.get(criterion.id)
            if note is None:
                lines.append(Content(f"· {criterion.title}: {t('weighing.not_discussed')}").stylize("dim"))
                continue
            line = Content(f"{MARKS[note.view]} {criterion.title}: {label(note.view)}")
            if note.note:
                line += Content(" — ") + user_line(note.note)
            lines.append(line)
        preferred = label(party.preferred_outcome) if party and party.preferred_outcome else t("weighing.no_preference")
        lines.append(Content(f"{t('weighing.preferred')}: {preferred}"))
        overall = party.overall if party and party.overall else t("weighing.none")
        lines.append(Content(t("weighing.overall") + ": ") + user_text(overall))
        return Content("\n").join(lines)

    @staticmethod
    def _conclusion(weighing) -> Content:
        if not weighing.concluded:
            return Content(t("weighing.no_conclusion"))
        lines = [Content(f"{t('weighing.outcome')}: {label(weighing.outcome)}").stylize("bold")]
        if weighing.follow_up_deadline:
            lines.append(Content(f"{t('weighing.deadline')}: {weighing.follow_up_deadline}"))
        lines.append(Content(track_line(weighing)))
        lines.append(Content(t("weighing.reasons") + ": ") + user_text(weighing.reasons))
        lines.append(Content(t("weighing.disagreement") + ": ") + (
            user_text(weighing.disagreement) if weighing.disagreement else Content(t("weighing.no_disagreement"))))
        return Content("\n").join(lines)

    @staticmethod
    def _confirmations(weighing) -> Content:
        lines = []
        for role in CORE_PARTNERS:
            done = next((c for c in weighing.confirmations if c.role is role), None)
            if role not in weighing.present:
                state = Content(t("weighing.not_present_party"))
            elif done is not None:
                state = user_line(t("weighing.confirmed", name=done.name, at=moment(done.confirmed_at)))
            else:
                state = Content(t("weighing.unconfirmed"))
            mark = "✓ " if done else "… " if role in weighing.present else "  "
            lines.append(Content(f"{mark}{party_name(role)}: ") + state)
        return Content("\n").join(lines)

    # what may be done now

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        weighing = self._view.weighing if self._view else None
        if action in ("party", "conclude"):
            return weighing is not None and not weighing.concluded
        if action in ("confirm", "confirm_me"):
            return weighing is not None and weighing.concluded and not complete(weighing)
        if action == "export":
            return weighing is not None and weighing.concluded
        return True

    # actions

    def action_party(self, role: str) -> None:
        self.run_worker(self._party_dialog(Role(role)), exclusive=True, group="weighing-edit")

    async def _party_dialog(self, role: Role) -> None:
        view = self._view
        if view is None or view.weighing.concluded:
            return
        present = next((p for p in view.weighing.participants if p.role is role), None)
        user = self.app.user
        before = next((p for w in sorted(view.earlier, key=lambda w: w.id, reverse=True)
                       for p in w.participants if p.role is role), None)  # quick entry: last time's organisation
        organisation = (present.organisation if present else user.organisation if user and user.role is role
                        else before.organisation if before else "")
        answer = await self.app.push_screen_wait(WeighingPartyDialog(
            role, view.catalogue, name=present.name if present else "", organisation=organisation,
            view=view.weighing.view_of(role)))
        if answer is None:
            return
        participant, party_view = answer
        if await self._write(svc.record_presence, self.weighing_id, participant) is None:
            return
        if party_view is not None and await self._write(svc.record_view, self.weighing_id, party_view) is None:
            await self._reload()
            return
        notify_literal(self.app, t("weighing.saved_party", party=party_name(role)))
        await self._reload()

    def action_conclude(self) -> None:
        self.run_worker(self._conclude(), exclusive=True, group="weighing-edit")

    async def _conclude(self) -> None:
        view = self._view
        if view is None:
            return
        if view.weighing.concluded:
            notify_literal(self.app, t("weighing.is_concluded"), severity="warning")
            return
        problems = view.problems
        if problems:  # the room sees why, here and in the section above
            notify_literal(self.app, t("weighing.blocked", problems=" ".join(problems)), severity="warning",
                           timeout=10)
            self.query_one("#wg-problems").scroll_visible()
            return
        conclusion = await self.app.push_screen_wait(WeighingConclusionDialog())
        if conclusion is None:
            return
        if await self._write(svc.conclude, self.weighing_id, conclusion) is not None:
            notify_literal(self.app, t("weighing.concluded_notice"))
        await self._reload()
        if self._view and self._view.weighing.concluded:
            self.query_one("#wg-confirmations").scroll_visible()

    def action_confirm(self) -> None:
        self.run_worker(self._confirm(), exclusive=True, group="weighing-edit")

    def _pending(self) -> list[Role]:
        weighing = self._view.weighing
        return [r for r in CORE_PARTNERS if r in weighing.present and r not in weighing.confirmed_by]

    async def _confirm(self) -> None:
        """Ask each party still to confirm for its own password, until all have or the room cancels."""
        while self._view is not None and self._view.weighing.concluded:
            pending = self._pending()
            if not pending:
                break
            question = t("weighing.confirm_question", outcome=label(self._view.weighing.outcome),
                         parties=", ".join(party_name(r) for r in pending))
            answer = await self.app.push_screen_wait(ColleagueDialog(question))
            if answer is None:
                return
            login, password = answer
            if await self._write(svc.confirm_with_password, self.weighing_id, login, password) is not None:
                notify_literal(self.app, t("weighing.confirmed_one", login=login))
            await self._reload()
        self._announce_done()

    def action_confirm_me(self) -> None:
        self.run_worker(self._confirm_me(), exclusive=True, group="weighing-edit")

    async def _confirm_me(self) -> None:
        if self._view is None or not self._view.weighing.concluded:
            notify_literal(self.app, t("weighing.not_yet"), severity="warning")
            return
        if await self._write(svc.confirm_as_me, self.weighing_id) is not None:
            notify_literal(self.app, t("weighing.confirmed_one", login=self.app.user.login))
        await self._reload()
        self._announce_done()

    def _announce_done(self) -> None:
        if self._view is not None and complete(self._view.weighing):
            notify_literal(self.app, t("weighing.done_notice", phase=label(self._view.case.phase)))

    def action_export(self) -> None:
        self.run_worker(self._export(), exclusive=True, group="weighing-edit")

    async def _export(self) -> None:
        if self._view is None or not self._view.weighing.concluded:
            notify_literal(self.app, t("weighing.not_yet"), severity="warning")
            return
        name = f"weging-{self._view.case.number}-{self._view.weighing.held_on}.pdf"
        path = await self.app.push_screen_wait(ExportDialog(name))
        if path is None:
            return
        written = await self.app.call(export_weighing_record, self.weighing_id, path)
        if written is not None:
            notify_literal(self.app, t("export.done", path=str(written)), timeout=10)

    def action_refresh(self) -> None:
        self.run_worker(self._reload(), exclusive=True, group="weighing")

    def action_back(self) -> None:
        self._view = None
        self.leave()

    def action_next_case(self) -> None:
        self.run_worker(self._next_case(), exclusive=True, group="weighing")

    async def _next_case(self) -> None:
        """The next signal on the room's agenda replaces this one on the screen."""
        next_id = await self.app.call(svc.next_on_agenda, self.case_id)
        if next_id is None:
            self.notify(t("weighing.agenda_done"))
            return
        self._view = None
        self.app.switch_screen(WeighingScreen(next_id))


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
