"""Monitoring a case after the meeting: evaluate interventions, complete action items, record a
periodic review, and close the case with a reason (which starts its retention period).

A partner sees and acts on only what its own organisation carries (the services filter and refuse).
"""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from pgatui import clock
from pgatui.domain.models import InterventionEvaluationInput, InterventionStatus, Review
from pgatui.services import cases as case_svc
from pgatui.services import monitoring as svc
from pgatui.tui.base import PgaScreen
from pgatui.tui.kit.formats import label, shown_name
from pgatui.domain.access import Permission
from pgatui.tui.i18n import t
from pgatui.tui.routes import route
from pgatui.tui.safe import labelled, notify_literal, user_line, user_option, user_text
from pgatui.tui.kit.dialogs import ConfirmDialog, FormDialog
from pgatui.tui.kit.forms import FieldSpec, model_check, required_text
from pgatui.tui.kit.formats import show_date
from pgatui.tui.widgets import PgaFooter, PgaHeader


# A case taken into the PGA closes with a reason; a signal closes only through its weighing.


@route("monitoring")
class MonitoringScreen(PgaScreen):
    HELP_KEY = "mon.help"
    BINDINGS = [
        Binding("e", "evaluate", "key.mon_evaluate", id="mon.evaluate"),
        Binding("a", "complete", "key.mon_complete", id="mon.complete"),
        Binding("h", "review", "key.mon_review", id="mon.review"),
        Binding("s", "close_case", "key.mon_close", id="mon.close"),
        Binding("r", "refresh", "key.refresh", id="mon.refresh", show=False),
        Binding("escape", "back", "key.back", id="mon.back"),
    ]

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id
        self._file = None
        self._process = None

    def route_params(self) -> dict[str, int | bool]:
        return {"case_id": self.case_id}

    def forget(self) -> None:
        self._file = None
        self._process = None

    def compose(self):
        yield PgaHeader()
        with VerticalScroll(id="mon"):
            yield Static("", id="mon-head")
            yield Static(Content(t("mon.interventions")), classes="subtitle")
            yield OptionList(id="mon-interventions")
            yield Static(Content(t("mon.actions")), classes="subtitle")
            yield OptionList(id="mon-actions")
            yield Static(Content(t("mon.reviews")), classes="subtitle")
            yield Static("", id="mon-reviews")
        yield PgaFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "shared_screen", self._render_head, init=False)
        self.action_refresh()

    def check_action(self, action: str, parameters) -> bool | None:
        needs = {"review": Permission.REVIEW_RECORD, "close_case": Permission.CASE_CLOSE}.get(action)
        if needs is None:
            return True
        # What the file's service says this user may do on this case in its phase (nothing while loading).
        return self._file is not None and needs in self._file.allowed

    def action_refresh(self) -> None:
        self.run_worker(self._load(), exclusive=True, group="monitoring")

    async def _load(self) -> None:
        self._file = await self.app.call(case_svc.read_case, self.case_id, purpose="monitoring")
        if self._file is None:
            self.leave()
            return
        self._process = await self.app.call(svc.read_process, self.case_id)
        if self._process is None:
            self.leave()
            return
        self._render_head()
        self.refresh_bindings()  # closing is offered by phase (check_action)
        interventions = self.query_one("#mon-interventions", OptionList)
        interventions.clear_options()
        for item in self._process.interventions:
            text = t("mon.intervention_row", kind=label(item.kind), owner=item.owner_partner,
                     start=show_date(item.starts_on), evaluate=show_date(item.evaluate_on), status=label(item.status))
            if item.evaluation:
                text += " — " + item.evaluation
            interventions.add_option(user_option(text, id=f"i:{item.id}"))
        if not self._process.interventions:
            interventions.add_option(Option(Content(t("mon.none")), disabled=True))
        actions = self.query_one("#mon-actions", OptionList)
        actions.clear_options()
        for item in self._process.actions:
            state = t("mon.done", date=show_date(item.done_on), by=item.done_by) if item.done_on else t("mon.open")
            text = t("mon.action_row", text=item.description, owner=item.owner, organisation=item.owner_organisation,
                     due=show_date(item.due_on), state=state)
            actions.add_option(user_option(text, id=f"a:{item.id}"))
        if not self._process.actions:
            actions.add_option(Option(Content(t("mon.none")), disabled=True))
        reviews = [t("mon.review_row", date=show_date(r.reviewed_on),
                     needed=t("mon.still_needed") if r.still_needed else t("mon.not_needed"), reason=r.reason)
                   for r in self._process.reviews]
        self.query_one("#mon-reviews", Static).update(user_text("\n".join(reviews)) if reviews
                                                      else Content(t("mon.none")))
        for options, items in ((interventions, self._process.interventions), (actions, self._process.actions)):
            if items:
                options.highlighted = 0
        (interventions if self._process.interventions or not self._process.actions else actions).focus()

    def _render_head(self, *_) -> None:
        if self._file is None:
            return
        case, person = self._file.case, self._file.person
        lines = [
            Content(t("mon.title", case=case.number)),
            labelled(t("file.name"), shown_name(person.name, self.app.shared_screen)),
            labelled(t("file.phase"), label(case.phase)) + Content("   ")
            + labelled(t("mon.next_review"), show_date(case.next_review_on)),
        ]
        if case.closure_reason:
            lines.append(labelled(t("mon.closed"), f"{show_date(case.closed_on)}: {case.closure_reason}"))
        self.query_one("#mon-head", Static).update(Content("\n").join(lines))

    def _selected(self, list_id: str, prefix: str) -> int | None:
        options = self.query_one(list_id, OptionList)
        if options.option_count == 0:
            return None
        # The highlighted line; when that list was never entered, its first line.
        option = options.get_option_at_index(options.highlighted if options.highlighted is not None else 0)
        return int(option.id[2:]) if option.id and option.id.startswith(prefix) else None

    # evaluate an intervention

    def action_evaluate(self) -> None:
        self.run_worker(self._evaluate(), exclusive=True, group="mon-action")

    async def _evaluate(self) -> None:
        intervention_id = self._selected("#mon-interventions", "i:")
        if intervention_id is None:
            self.app.notify(t("mon.pick_intervention"), severity="warning")
            return

        check = model_check(InterventionEvaluationInput, dates=["evaluated_on"], required=["evaluation"])
        statuses = tuple((label(s), s.value) for s in InterventionStatus)
        evaluation = await self.app.push_screen_wait(FormDialog(t("mon.evaluate_title"), [
            FieldSpec("evaluated_on", t("mon.evaluated_on"), "date", show_date(clock.today())),
            FieldSpec("status", t("mon.status"), "select", InterventionStatus.GEEVALUEERD.value, statuses),
            FieldSpec("evaluation", t("mon.evaluation"), "area"),
        ], check))
        if evaluation is not None and await self.app.call(svc.evaluate_intervention, intervention_id,
                                                          evaluation) is not None:
            self.app.notify(t("mon.evaluated"))
            self.action_refresh()

    # complete an action item

    def action_complete(self) -> None:
        self.run_worker(self._complete(), exclusive=True, group="mon-action")

    async def _complete(self) -> None:
        action_id = self._selected("#mon-actions", "a:")
        if action_id is None:
            self.app.notify(t("mon.pick_action"), severity="warning")
            return
        if await self.app.call(svc.complete_action, action_id) is not None:
            self.app.notify(t("mon.completed"))
            self.action_refresh()

    # a periodic review

    def action_review(self) -> None:
        self.run_worker(self._review(), exclusive=True, group="mon-action")

    async def _review(self) -> None:
        check = model_check(Review, dates=["reviewed_on"], required=["reason"])
        review = await self.app.push_screen_wait(FormDialog(t("mon.review_title"), [
            FieldSpec("reviewed_on", t("mon.reviewed_on"), "date", show_date(clock.today())),
            FieldSpec("still_needed", t("mon.still_needed_question"), "check", True),
            FieldSpec("reason", t("mon.review_reason"), "area"),
        ], check))
        if review is None:
            return
        if not (await self.app.attempt(svc.record_review, self.case_id, review)).ok:  # returns nothing
            return
        self.app.data_changed()
        self.app.notify(t("mon.reviewed"))
        self.action_refresh()

    # closing the case

    def action_close_case(self) -> None:
        self.run_worker(self._close(), exclusive=True, group="mon-action")

    async def _close(self) -> None:
        reason = await self.app.push_screen_wait(FormDialog(t("mon.close_title"), [
            FieldSpec("reason", t("mon.close_reason"), "area")], required_text("reason"), Content(t("mon.close_intro"))))
        if reason is None or self._file is None:
            return
        question = user_line(t("mon.close_question", case=self._file.case.number))
        if not await self.app.push_screen_wait(ConfirmDialog(question)):
            return
        closed = await self.app.call(case_svc.close_case, self.case_id, reason)
        if closed is not None:
            notify_literal(self.app, t("mon.closed_notice", case=closed.number))
            self.action_refresh()

    def action_back(self) -> None:
        self.forget()
        self.leave()
