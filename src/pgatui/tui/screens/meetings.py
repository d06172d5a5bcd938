"""Case meetings (casusoverleg): the list of meetings, and planning a new one.

Planning: a date, a chair (the municipality runs the meeting) and an agenda picked from every case
that is due (a new signal, newly taken in, reviews due, interventions to evaluate), urgent and newly
weighed first, searchable and paged. Per case the organisations to invite are picked from the
register: a partner sees a case only when it is invited for it.
"""

from __future__ import annotations


from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from pgatui import clock
from pgatui.domain.models import AgendaItem, AgendaReason, MeetingInput
from pgatui.services import meetings as svc
from pgatui.services import ownership
from pgatui.tui.base import PgaScreen
from pgatui.tui.kit.dialogs import ChoiceDialog, PickDialog
from pgatui.tui.kit.forms import FormIds, parse_dates, read_values, show_errors
from pgatui.tui.kit.formats import show_date
from pgatui.tui.kit.formats import label, shown_name
from pgatui.domain.access import Permission
from pgatui.tui.i18n import t
from pgatui.tui.routes import route
from pgatui.tui.safe import notify_literal, user_option
from pgatui.tui.widgets import PgaFooter, PgaHeader

# --- the list of meetings -------------------------------------------------------------------------

@route("meetings")
class MeetingsScreen(PgaScreen):
    HELP_KEY = "mt.list_help"
    BINDINGS = [
        Binding("n", "plan", "key.mt_plan", id="mt.plan"),
        Binding("a", "add_case", "key.mt_add_case", id="mt.add_case"),
        Binding("r", "refresh", "key.refresh", id="mt.refresh", show=False),
        Binding("escape", "back", "key.back", id="mt.list_back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._loaded = False

    def compose(self):
        yield PgaHeader()
        with Vertical(id="mt-list"):
            yield Static(Content(t("mt.list_title")), classes="title")
            yield OptionList(id="meetings")
            yield Static(Content(t("mt.list_hint")), classes="hint")
        yield PgaFooter()

    def check_action(self, action: str, parameters) -> bool | None:
        if action in ("plan", "add_case"):
            return self.allows(Permission.MEETING_PLAN)
        return True

    def on_mount(self) -> None:
        self.action_refresh()

    def on_screen_resume(self) -> None:
        if self._loaded:
            self.action_refresh()

    def action_refresh(self) -> None:
        self.run_worker(self._load(), exclusive=True, group="meetings")

    async def _load(self) -> None:
        found = await self.app.call(svc.list_meetings)
        if found is None:
            return
        self._loaded = True
        options = self.query_one("#meetings", OptionList)
        options.clear_options()
        for meeting in found:
            text = t("mt.list_row", date=show_date(meeting.held_on), chair=meeting.chair, cases=meeting.cases)
            options.add_option(user_option(text, id=f"m:{meeting.id}"))
        if not found:
            options.add_option(Option(Content(t("mt.list_none")), disabled=True))
        else:
            options.highlighted = 0  # Enter opens the newest at once
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and event.option.id.startswith("m:"):
            self.app.go("meeting", meeting_id=int(event.option.id[2:]))

    def action_plan(self) -> None:
        self.app.go("meeting_plan")

    def action_add_case(self) -> None:
        self.run_worker(self._add_case(), exclusive=True, group="add-case")

    async def _add_case(self) -> None:
        """Add a due case to the highlighted meeting's agenda, with the partners invited for it."""
        options = self.query_one("#meetings", OptionList)
        if options.highlighted is None or not (options.get_option_at_index(options.highlighted).id or ""):
            return
        meeting_id = int(options.get_option_at_index(options.highlighted).id[2:])
        view = await self.app.call(svc.read_meeting, meeting_id)
        found = await self.app.call(svc.agenda_candidates, limit=200) if view is not None else None
        if found is not None:  # what is on this agenda already is no candidate for it
            on_agenda = {item.case_id for item in view.meeting.agenda}
            found = [(c.case, c.reason.value) for c in found if c.case.id not in on_agenda]
        if not found:
            if found is not None:
                self.app.notify(t("mt.no_candidates"))
            return
        choices = [t("mt.candidate", case=case.number, phase=label(case.phase), reason=label(AgendaReason(reason)))
                   for case, reason in found]
        chosen = await self.app.push_screen_wait(ChoiceDialog(t("mt.add_case_title"), choices))
        if chosen is None:
            return
        case, reason = found[chosen]
        organisations = [o.name for o in await self.app.call(ownership.invitable_organisations) or []]
        invited = await self.app.push_screen_wait(PickDialog(t("mt.invite_title", case=case.number),
                                                               organisations, frozenset()))
        if invited is None:
            return
        item = AgendaItem(case_id=case.id, reason=AgendaReason(reason), invited=invited)
        if await self.app.call(svc.add_to_agenda, meeting_id, item) is not None:
            notify_literal(self.app, t("mt.added_case", case=case.number))
            self.action_refresh()

    def action_back(self) -> None:
        self.leave()


# --- planning a meeting ---------------------------------------------------------------------------

PAGE = 50  # candidates fetched at a time; the next page loads when the cursor reaches the end


@route("meeting_plan")
class PlanMeetingScreen(PgaScreen):
    """Date, chair, and the agenda picked from every candidate the user may plan: searchable, paged,
    moved through with the arrow keys (space picks, I invites organisations from the register)."""

    HELP_KEY = "mt.plan_help"
    BINDINGS = [
        Binding("ctrl+s", "save", "key.mt_plan_save", id="mt.plan_save"),
        Binding("escape", "back", "key.back", id="mt.plan_back"),
        Binding("space", "pick", "key.mt_pick", id="mt.plan_pick"),
        Binding("i", "invite", "key.mt_invite", id="mt.plan_invite"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._candidates: list = []  # meetings.Candidate, in list order
        self._picked: dict[int, frozenset[str]] = {}  # case id -> invited organisations
        self._more = False
        self._query = ""
        self._organisations: list[str] | None = None
        self._busy = False

    def compose(self):
        user = self.app.user
        yield PgaHeader()
        with Vertical(id="mt-plan"):
            yield Static(Content(t("mt.plan_title")), classes="title")
            with Horizontal(classes="mt-plan-head"):
                with Vertical():
                    yield Static(Content(t("mt.held_on")), classes="field-label")
                    yield Input(show_date(clock.today()), placeholder=t("mt.date_placeholder"), id="f-held_on")
                    yield Static("", id="err-held_on", classes="error")
                with Vertical():
                    yield Static(Content(t("mt.chair")), classes="field-label")
                    yield Input(user.login if user else "", id="f-chair", max_length=120)
                    yield Static("", id="err-chair", classes="error")
            yield Static(Content(t("mt.agenda")), classes="subtitle")
            yield Input(placeholder=t("mt.search"), id="f-search", max_length=80)
            yield OptionList(id="candidates")
            yield Static(Content(t("mt.candidates_hint")), classes="hint")
            yield Static("", id="err-agenda", classes="error")
        yield PgaFooter()

    def check_action(self, action: str, parameters) -> bool | None:
        if action in ("pick", "invite"):  # only on the list: elsewhere space and i are typed text
            return isinstance(self.focused, OptionList)
        return True

    def forget(self) -> None:
        self._candidates, self._picked = [], {}

    def on_mount(self) -> None:
        self.query_one("#f-held_on", Input).focus()
        # The room switches the shared screen on or off: the candidates' names change at once.
        self.watch(self.app, "shared_screen", lambda _shared: self._render_list(), init=False)
        self.run_worker(self._load(), exclusive=True, group="candidates")

    async def _load(self, *, more: bool = False) -> None:
        if self._organisations is None:  # the register, for the invitations
            self._organisations = [o.name for o in await self.app.call(ownership.invitable_organisations) or []]
        after = self._candidates[-1].key if more and self._candidates else ""
        found = await self.app.call(svc.agenda_candidates, query=self._query, after=after, limit=PAGE + 1)
        if found is None:
            return
        self._more = len(found) > PAGE
        if not more:
            self._candidates = []
        self._candidates += found[:PAGE]
        self._render_list()

    def _render_list(self) -> None:
        options = self.query_one("#candidates", OptionList)
        keep = options.highlighted
        options.clear_options()
        for i, candidate in enumerate(self._candidates):
            options.add_option(user_option(self._row(candidate), id=f"c:{i}"))
        if self._more:
            options.add_option(Option(Content(t("mt.more")), id="more"))
        if not self._candidates:
            options.add_option(Option(Content(t("mt.no_candidates")), disabled=True))
        elif keep is not None:
            options.highlighted = min(keep, options.option_count - 1)
        else:
            options.highlighted = 0

    def _row(self, candidate) -> str:
        invited = self._picked.get(candidate.case.id)
        mark = t("mt.picked") if invited is not None else t("mt.unpicked")
        weighed = t("mt.weighed", date=show_date(candidate.weighed_on)) if candidate.weighed_on else ""
        row = t("mt.candidate_row", mark=mark, case=candidate.case.number,
                name=shown_name(candidate.name, self.app.shared_screen)[:22], reason=label(candidate.reason)[:18],
                urgent=t("mt.urgent") if candidate.urgent else "", weighed=weighed)
        return (row + (" → " + ", ".join(sorted(invited)) if invited else "")).rstrip()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id == "more":  # the cursor reached the end: the next page follows on
            self.run_worker(self._load(more=True), exclusive=True, group="candidates")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == "more":
            self.run_worker(self._load(more=True), exclusive=True, group="candidates")
        else:
            self.action_pick()

    def _highlighted(self):
        options = self.query_one("#candidates", OptionList)
        if options.highlighted is None:
            return None
        kind, _, index = (options.get_option_at_index(options.highlighted).id or "").partition(":")
        return self._candidates[int(index)] if kind == "c" else None

    def action_pick(self) -> None:
        candidate = self._highlighted()
        if candidate is None:
            return
        if candidate.case.id in self._picked:
            del self._picked[candidate.case.id]
        else:
            self._picked[candidate.case.id] = frozenset()
        self._render_list()

    def action_invite(self) -> None:
        """Invite organisations for the highlighted case. The register was loaded with the list, so
        the dialog opens in this same step and the keys typed next go into it."""
        candidate = self._highlighted()
        if candidate is None or self._organisations is None:
            return

        def invited(chosen: frozenset[str] | None) -> None:
            if chosen is not None:
                self._picked[candidate.case.id] = chosen  # inviting picks the case: one less key to press
                self._render_list()

        self.app.push_screen(PickDialog(t("mt.invite_title", case=candidate.case.number), self._organisations,
                                          self._picked.get(candidate.case.id, frozenset())), invited)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "f-search":
            self._query = event.value
            self.query_one("#candidates", OptionList).highlighted = None
            self.run_worker(self._load(), exclusive=True, group="candidates")
            self.query_one("#candidates", OptionList).focus()
        else:
            self.focus_next()

    def action_save(self) -> None:
        if not self._busy:
            self.run_worker(self._save(), exclusive=True, group="plan")

    async def _save(self) -> None:
        values, errors = parse_dates(read_values(self, ("held_on", "chair"), FormIds("f-", "err-")), ["held_on"])
        held_on, chair = values["held_on"], str(values["chair"]).strip()
        for name in ("held_on", "chair"):
            if not values[name] and name not in errors:
                errors[name] = t("kit.required")
        reasons = {c.case.id: c.reason for c in self._candidates}
        agenda = [AgendaItem(case_id=case_id, reason=reasons.get(case_id, AgendaReason.OVERIG), invited=invited)
                  for case_id, invited in self._picked.items()]
        if not agenda:
            errors["agenda"] = t("mt.agenda_empty")
        show_errors(self, ("held_on", "chair", "agenda"), errors, FormIds("f-", "err-"))
        if errors:
            self.app.notify(t("mt.fix_fields"), severity="warning")
            return
        self._busy = True
        try:
            meeting = await self.app.call(svc.plan_meeting, MeetingInput(held_on=held_on, chair=chair,
                                                                         agenda=tuple(agenda)))
        finally:
            self._busy = False
        if meeting is None:
            return
        self.app.notify(t("mt.planned", date=show_date(meeting.held_on), cases=len(meeting.agenda)))
        self.leave()
        self.app.go("meeting", meeting_id=meeting.id)

    def action_back(self) -> None:
        self.leave()
