"""The dashboard: my tasks and counts per phase; each task opens its case."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from pgatui.domain.models import Phase
from pgatui.services import cases as svc
from pgatui.services import ownership
from pgatui.tui.base import PgaScreen
from pgatui.tui.widgets import PgaFooter, PgaHeader
from pgatui.tui.routes import route
from pgatui.tui.kit.formats import label
from pgatui.domain.access import Permission
from pgatui.tui.i18n import t
from pgatui.tui.kit.formats import show_date
from pgatui.tui.safe import user_line, user_option


# Which screen a task opens: the thing it names (the case file for any other kind).
TASK_SCREENS = {"weighing_due": ("weighing", "case_id"), "weighing_open": ("weighing", "case_id"),
                "minutes_due": ("meeting", "meeting_id"), "action_due": ("monitoring", "case_id"),
                "intervention_due": ("monitoring", "case_id"), "review_due": ("monitoring", "case_id"),
                "informing_due": ("file", "case_id"), "retention_warning": ("retention", None),
                "retention_overdue": ("retention", None), "dormant": ("retention", "case_id")}


# Which screen an overdue deadline opens (informing is recorded from the case file, key I).
OVERDUE_SCREENS = {"follow_up": "file", "review": "monitoring", "evaluation": "monitoring",
                   "informing": "file", "action": "monitoring"}


def task_target(task: svc.Task) -> tuple[str, dict[str, int]]:
    name, param = TASK_SCREENS.get(task.kind, ("file", "case_id"))
    if param is None:
        return name, {}
    return name, {param: task.item_id if param == "meeting_id" else task.case_id}


# What a screen the dashboard opens needs (the screen itself refuses too; here it is not offered).
DASHBOARD_NEEDS = {"intake": Permission.SIGNAL_CREATE, "cases": Permission.CASE_READ,
                   "retention": Permission.RETENTION_READ, "figures": Permission.FIGURES_READ}


@route("home")
class DashboardScreen(PgaScreen):
    HELP_KEY = "dash.help"
    BINDINGS = [
        Binding("n", "open(\'intake\')", "key.new_signal", id="dash.new_signal"),
        Binding("slash", "open(\'cases\')", "key.search", id="dash.search"),
        Binding("r", "refresh", "key.refresh", id="dash.refresh", show=False),
        Binding("o", "open(\'meetings\')", "key.dash_meetings", id="dash.meetings"),
        Binding("b", "open(\'retention\')", "key.ret_open", id="dash.retention"),
        Binding("p", "open(\'policy\')", "key.ret_policy", id="dash.policy", show=False),  # also from retention
        Binding("i", "open(\'settings\')", "key.ret_settings", id="dash.settings", show=False),  # F1 and palette
        Binding("d", "open(\'directors\')", "key.own_directors", id="dash.directors"),
        # In F1 help and the palette; not in the footer, which is full on a small terminal.
        Binding("a", "open(\'admin\')", "key.adm_open", id="dash.admin", show=False),
        Binding("c", "open(\'figures\')", "key.fig_open", id="dash.figures", show=False),  # gemeente and toezicht
    ]

    def compose(self):
        self._targets: list[tuple[str, dict[str, int]]] = []  # what each task line opens
        user = self.app.user
        yield PgaHeader()
        with Vertical(id="home"):
            yield Static(user_line(t("home.signed_in", login=user.login, role=label(user.role),
                                     organisation=user.organisation)), id="signed-in")
            yield Static(Content(t("dash.overdue")), classes="subtitle", id="overdue-title")
            yield OptionList(id="overdue")
            yield Static(Content(t("dash.notices")), classes="subtitle", id="notices-title")
            yield OptionList(id="notices")
            yield Static(Content(t("dash.counts")), classes="subtitle")
            yield Static("", id="counts")
            yield Static(Content(t("dash.tasks")), classes="subtitle")
            yield OptionList(id="tasks")
        yield PgaFooter()

    def on_mount(self) -> None:
        self.action_refresh()

    def action_refresh(self) -> None:
        self.run_worker(self._load(), exclusive=True, group="dashboard")

    def reload(self) -> None:
        self.action_refresh()

    async def _load(self) -> None:
        board = await self.app.call(svc.dashboard)
        if board is None:
            return
        counts = "   ".join(f"{label(Phase(code))}: {board.counts[code]}" for code in Phase if code in board.counts)
        self.query_one("#counts", Static).update(Content(counts or self._no_counts()))
        tasks = self.query_one("#tasks", OptionList)
        tasks.clear_options()
        self._targets = []
        for task in board.tasks:
            text = f"{task.case:<16} {t('task.' + task.kind):<32} {show_date(task.due_on) if task.due_on else ''}"
            tasks.add_option(user_option(text, id=f"task:{len(self._targets)}"))
            self._targets.append(task_target(task))
        if not board.tasks:
            tasks.add_option(Option(Content(t("dash.no_tasks")), disabled=True))
        else:
            tasks.highlighted = 0  # Enter opens the first task straight away
        overdue = self._fill_overdue(board.overdue)
        self._fill_notices(board.notices)
        (overdue if board.overdue else tasks).focus()  # a passed deadline comes first

    def _fill_overdue(self, rows: list[svc.Overdue]) -> OptionList:
        """Passed deadlines, oldest first, with the days overdue; hidden when there are none."""
        overdue = self.query_one("#overdue", OptionList)
        overdue.clear_options()
        self._overdue_targets: list[int] = []
        for row in rows:
            text = t("dash.overdue_row", case=row.case, what=t("overdue." + row.kind), days=row.days,
                     due=show_date(row.due_on)) + (t("dash.overdue_escalated") if row.escalated else "")
            overdue.add_option(user_option(text, id=f"overdue:{len(self._overdue_targets)}"))
            self._overdue_targets.append(row)
        overdue.display = self.query_one("#overdue-title").display = bool(rows)
        if rows:
            overdue.highlighted = 0
        return overdue

    def _fill_notices(self, notices: list) -> None:
        box = self.query_one("#notices", OptionList)
        box.clear_options()
        self._notices = list(notices)
        for i, notice in enumerate(notices):
            text = f"{notice.case:<16} {t('notice.' + notice.kind):<40} {show_date(notice.created_on)}"
            box.add_option(user_option(text, id=f"notice:{i}"))
        box.display = self.query_one("#notices-title").display = bool(notices)

    def _no_counts(self) -> str:
        if self.allows(Permission.SIGNAL_CREATE):  # a core partner: nothing yet
            return "0"
        return t("dash.partner_scope") if self.allows(Permission.CASE_READ) else t("dash.no_cases")

    def check_action(self, action: str, parameters) -> bool | None:
        """Only what the services allow this user is offered: the beheerder takes in no signal."""
        if action != "open":
            return True
        (route_name,) = parameters
        if route_name == "directors":
            # The list without content is for who hands over but reads no files (the beheerder);
            # who reads files hands over from the case file, in context.
            return self.allows(Permission.CASE_HANDOVER) and not self.allows(Permission.CASE_READ)
        needs = DASHBOARD_NEEDS.get(route_name)
        return needs is None or self.allows(needs)

    def action_open(self, route_name: str) -> None:
        self.app.go(route_name)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        kind, _, index = (event.option.id or "").partition(":")
        if kind == "task":
            name, params = self._targets[int(index)]
            self.app.go(name, **params)
        elif kind == "overdue":
            row = self._overdue_targets[int(index)]
            self.app.go(OVERDUE_SCREENS.get(row.kind, "file"), case_id=row.case_id)
        elif kind == "notice":
            notice = self._notices[int(index)]
            self.run_worker(self.app.call(ownership.dismiss_notice, notice.id), group="notice")
            self.app.go("file", case_id=notice.case_id)

    def forget(self) -> None:
        self._targets = []
        self._overdue_targets = []
        self._notices = []

