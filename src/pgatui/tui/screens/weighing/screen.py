"""The joint weighing session (weegploeg) on a shared screen (issue 5).

One case on the screen: its signals (facts apart from interpretation), earlier weighings of the
person, per core partner who is present, what it brought and on which legal basis, the room's
joint view per criterion (risk and protective factors and necessity apart) with each party's
dissent, what still blocks the conclusion, the joint conclusion, and the confirmation of each party with its own password.
Once every present party has confirmed, the weighing is read-only and its record can be exported.

Shared-screen mode is switched on when the session opens; nothing here shows a BSN, address, date
of birth or phone number in any mode (the room does not need them), and the person's name only as
initials while shared-screen mode is on.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from pgatui.domain import workflow
from pgatui.domain.roles import CORE_PARTNERS, Role
from pgatui.errors import DomainError
from pgatui.services import monitoring
from pgatui.services import weighing as svc
from pgatui.services.weighing_record import export_weighing_record
from pgatui.tui.base import PgaScreen
from pgatui.messages import error_text
from pgatui.tui.i18n import language, t
from pgatui.tui.kit.dialogs import ColleagueDialog, ExportDialog
from pgatui.tui.kit.formats import label, shown_name
from pgatui.tui.routes import route
from pgatui.tui.safe import notify_literal, user_line
from pgatui.tui.screens.weighing.dialogs import (WeighingConclusionDialog, WeighingJointDialog, WeighingPartyDialog,
                                                 dissent_form, party_name, phenomenon_form)
from pgatui.tui.screens.weighing.rendering import (confirmations_text, conclusion_text, earlier_text, joint_text,
                                                   party_text, phenomenon_text, signals_text)
from pgatui.tui.widgets import PgaFooter, PgaHeader

WIDE = 120  # from this width the three parties stand side by side


def complete(weighing) -> bool:
    """Concluded and confirmed by every core partner: final."""
    return workflow.weighing_complete(weighing) is None


@route("weighing")
class WeighingScreen(PgaScreen):
    HELP_KEY = "weighing.help"
    BINDINGS = [
        # The party keys stand on each party's panel and in the banner, D in the joint view's
        # title: the footer keeps room for J at 80 columns.
        Binding("1", "party('gemeente')", "key.wg_gemeente", id="weighing.party_gemeente", show=False),
        Binding("2", "party('politie')", "key.wg_politie", id="weighing.party_politie", show=False),
        Binding("3", "party('om')", "key.wg_om", id="weighing.party_om", show=False),
        Binding("j", "joint", "key.wg_joint", id="weighing.joint"),
        Binding("d", "dissent", "key.wg_dissent", id="weighing.dissent", show=False),  # named in the section title
        Binding("f", "phenomenon", "key.wg_phenomenon", id="weighing.phenomenon", show=False),  # as D
        Binding("c", "conclude", "key.wg_conclude", id="weighing.conclude"),
        Binding("b", "confirm", "key.wg_confirm", id="weighing.confirm"),
        Binding("m", "confirm_me", "key.wg_confirm_me", id="weighing.confirm_me"),
        Binding("e", "export", "key.wg_export", id="weighing.export"),
        Binding("n", "next_case", "key.wg_next", id="weighing.next"),
        Binding("r", "refresh", "key.refresh", id="weighing.refresh", show=False),
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
            yield Static(Content(t("weighing.joint")), classes="wg-section")
            yield Static("", id="wg-joint")
            yield Static(Content(t("weighing.phenomenon")), classes="wg-section")
            yield Static("", id="wg-phenomenon")
            yield Static(Content(t("weighing.problems")), classes="wg-section", id="wg-problems-title")
            yield Static("", id="wg-problems")
            yield Static(Content(t("weighing.conclusion")), classes="wg-section")
            yield Static("", id="wg-conclusion")
            yield Static(Content(t("weighing.confirmations")), classes="wg-section")
            yield Static("", id="wg-confirmations")
        yield PgaFooter()

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
        self.query_one("#wg-signals", Static).update(signals_text(view))
        self.query_one("#wg-earlier", Static).update(earlier_text(view))
        for role in CORE_PARTNERS:
            widget = self.query_one(f"#wg-party-{role.value}", Static)
            widget.update(party_text(view, role))
            widget.set_class(role not in weighing.present, "-absent")
        self.query_one("#wg-joint", Static).update(joint_text(view))
        self.query_one("#wg-phenomenon", Static).update(phenomenon_text(view))
        problems = [error_text(issue, language()) for issue in view.issues]
        self.query_one("#wg-problems-title").display = not weighing.concluded
        box = self.query_one("#wg-problems", Static)
        box.display = not weighing.concluded
        box.update(Content("\n").join([Content("• ") + user_line(p) for p in problems])
                   if problems else Content(t("weighing.no_problems")))
        box.set_class(bool(problems), "-blocking")
        self.query_one("#wg-conclusion", Static).update(conclusion_text(weighing))
        self.query_one("#wg-confirmations", Static).update(confirmations_text(weighing))

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        weighing = self._view.weighing if self._view else None
        if action in ("party", "conclude", "joint", "dissent", "phenomenon"):
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
            role, view.legal_bases, name=present.name if present else "", organisation=organisation,
            participant=present, view=view.weighing.view_of(role)))
        if answer is None:
            return
        participant, party_view = answer
        if await self._write(svc.record_presence, self.weighing_id, participant) is None:
            return
        if party_view is not None and await self._write(svc.record_view, self.weighing_id, party_view) is None:
            await self._reload()
            return
        await self._reload()
        notify_literal(self.app, t("weighing.saved_party", party=party_name(role)))

    def action_joint(self) -> None:
        self.run_worker(self._joint(), exclusive=True, group="weighing-edit")

    async def _joint(self) -> None:
        view = self._view
        if view is None or view.weighing.concluded:
            return
        views = await self.app.push_screen_wait(WeighingJointDialog(view.catalogue, view.weighing.joint))
        if not views:  # cancelled, or nothing chosen
            return
        if await self._write(svc.record_joint, self.weighing_id, views) is not None:
            notify_literal(self.app, t("weighing.saved_joint"))
        await self._reload()

    def action_dissent(self) -> None:
        self.run_worker(self._dissent(), exclusive=True, group="weighing-edit")

    async def _dissent(self) -> None:
        view = self._view
        if view is None or view.weighing.concluded:
            return
        present = [r for r in CORE_PARTNERS if r in view.weighing.present]
        if not present:
            notify_literal(self.app, t("weighing.dissent_nobody"), severity="warning")
            return
        if not view.weighing.joint:
            notify_literal(self.app, t("weighing.dissent_no_joint"), severity="warning")
            return
        dissent = await self.app.push_screen_wait(dissent_form(view.catalogue, present, view.weighing.joint))
        if dissent is None:
            return
        if await self._write(svc.record_dissent, self.weighing_id, dissent) is not None:
            notify_literal(self.app, t("weighing.saved_dissent", party=party_name(dissent.role)))
        await self._reload()

    def action_phenomenon(self) -> None:
        self.run_worker(self._phenomenon(), exclusive=True, group="weighing-edit")

    async def _phenomenon(self) -> None:
        view = self._view
        if view is None or view.weighing.concluded:
            return
        chosen = await self.app.push_screen_wait(phenomenon_form(view.weighing.phenomenon))
        if chosen is None:
            return
        if await self._write(svc.record_phenomenon, self.weighing_id, chosen) is not None:
            notify_literal(self.app, t("weighing.saved_phenomenon"))
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
        problems = [error_text(issue, language()) for issue in view.issues]
        if problems:  # the room sees why, here and in the section above
            notify_literal(self.app, t("weighing.blocked", problems=" ".join(problems)), severity="warning",
                           timeout=10)
            self.query_one("#wg-problems").scroll_visible()
            return
        conclusion = await self.app.push_screen_wait(WeighingConclusionDialog())
        if conclusion is None:
            return
        concluded = await self._write(svc.conclude, self.weighing_id, conclusion) is not None
        await self._reload()  # first: the notice invites B, which the reloaded view allows
        if concluded:
            notify_literal(self.app, t("weighing.concluded_notice"))
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
            confirmed = await self._write(svc.confirm_with_password, self.weighing_id, login, password) is not None
            await self._reload()
            if confirmed:
                notify_literal(self.app, t("weighing.confirmed_one", login=login))
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
