"""Oversight (issue 15): the access log viewer and data-subject requests.

The log viewer shows the chain's state on top, filters in one row, and pages newest first with
keyset paging (N: older). Everything shown is ids and codes; the export writes the same."""

from __future__ import annotations

import datetime as dt

from textual import work
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Checkbox, DataTable, Input, Select, SelectionList, Static

from pgatui.services import access_log as log
from pgatui.services import subject_requests as subject
from pgatui.tui.kit import formats
from pgatui.tui.kit.formats import finding, show_moment
from pgatui.tui.base import PgaScreen
from pgatui.tui.i18n import t
from pgatui.tui.routes import route
from pgatui.tui.safe import notify_literal, user_cell, user_line, user_text
from pgatui.tui.kit.dialogs import ExportDialog
from pgatui.tui.widgets import PgaFooter, PgaHeader

LOG_COLUMNS = ("seq", "at", "actor", "action", "object", "purpose", "result", "role")
FILTERS = ("actor", "action", "object", "since", "until")


def parse_date(text: str) -> dt.date | None:
    """dd-mm-jjjj (as officials write it; the forms' other formats too), or empty."""
    try:
        return formats.parse_date(text)
    except ValueError:
        raise ValueError(t("log.bad_date")) from None


@route("access_log")
class AccessLogScreen(PgaScreen):
    HELP_KEY = "log.help"
    BINDINGS = [Binding("ctrl+n", "next_page", "key.log_next", id="log.next"),
                Binding("ctrl+x", "export", "key.log_export", id="log.export", priority=True),
                Binding("ctrl+k", "full_check", "key.log_chain", id="log.chain", priority=True, show=False),
                Binding("ctrl+o", "opens", "key.log_opens", id="log.opens", show=False),
                Binding("escape", "back", "key.back", id="log.back")]

    def compose(self):
        self._filter = log.LogFilter()
        self._next: int | None = None
        yield PgaHeader()
        with Vertical(id="access-log"):
            yield Static(Content(t("log.title")), classes="title")
            yield Static("", id="log-chain")
            with Horizontal(id="log-filters"):
                for name in FILTERS:
                    yield Input(placeholder=t(f"log.{name}"), id=f"log-{name}")
                yield Checkbox(t("log.refused"), id="log-refused")
            yield Static("", id="log-opens")
            yield Static("", id="log-count")
            table = DataTable(id="log-table", cursor_type="row", zebra_stripes=True)
            table.add_columns(*(t(f"log.col.{c}") for c in LOG_COLUMNS))
            yield table
        yield PgaFooter()

    def on_mount(self) -> None:
        self.check_chain(full=False)
        self.load_page()
        self.query_one("#log-actor", Input).focus()

    @work(group="log-chain")
    async def check_chain(self, full: bool) -> None:
        if full:
            self.query_one("#log-chain", Static).update(Content(t("log.chain_checking")))
        status = await self.app.call(log.chain_status, full=full)
        if status is None:
            return
        text = (t("log.chain_ok", head=status.head, start=status.checked_from) if status.ok
                else t("log.chain_bad", first=finding(status.problems[0])))
        chain = self.query_one("#log-chain", Static)
        chain.update(user_line(text))
        chain.set_class(not status.ok, "warning")

    def _read_filter(self) -> log.LogFilter | None:
        value = {name: self.query_one(f"#log-{name}", Input).value.strip() for name in FILTERS}
        try:
            since, until = parse_date(value["since"]), parse_date(value["until"])
        except ValueError as exc:
            notify_literal(self.app, str(exc), severity="warning")
            return None
        return log.LogFilter(actor=value["actor"] or None, action=value["action"] or None,
                             object_id=value["object"] or None, since=since, until=until,
                             refused_only=self.query_one("#log-refused", Checkbox).value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        wanted = self._read_filter()
        if wanted is not None:
            self._filter = wanted
            self.load_page()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.on_input_submitted(None)  # type: ignore[arg-type]

    @work(exclusive=True, group="log-page")
    async def load_page(self, before: int | None = None) -> None:
        page = await self.app.call(log.read_log, self._filter, before=before)
        if page is None:
            return
        self._next = page.next_before
        table = self.query_one("#log-table", DataTable)
        table.clear()
        for event in page.events:
            table.add_row(*(user_cell(str(v) if v is not None else "") for v in (
                event.seq, show_moment(event.at), event.actor, event.action, event.object_id, event.purpose,
                event.result, event.role)))
        self.query_one("#log-count", Static).update(Content(t(
            "log.page", count=len(page.events), more=t("log.more") if page.next_before else "")))

    def action_next_page(self) -> None:
        if self._next is not None:
            self.load_page(self._next)

    @work(exclusive=True, group="log-export")
    async def action_export(self) -> None:
        path = await self.app.push_screen_wait(ExportDialog("toegangslog.csv"))
        if path is None:
            return
        count = await self.app.call(log.export_log, self._filter, path)
        if count is not None:
            notify_literal(self.app, t("log.exported", count=count))
            self.query_one("#log-count", Static).update(Content(t("log.exported", count=count)))

    def action_full_check(self) -> None:
        self.check_chain(full=True)

    @work(exclusive=True, group="log-opens")
    async def action_opens(self) -> None:
        text = self.query_one("#log-object", Input).value.strip()
        try:
            object_id = log.normalise_object(text)
        except Exception:  # noqa: BLE001 - a UsageError's text is ours; shown below
            object_id = None
        if not object_id or not object_id.startswith("case:"):
            notify_literal(self.app, t("log.opens_need_case"), severity="warning")
            return
        opens = await self.app.call(log.who_opened, int(object_id.split(":")[1]))
        if opens is None:
            return
        lines = [t("log.opens_title", object=text) if opens.opens else t("log.opens_none")]
        lines += [f"{show_moment(seen.at)}  {seen.actor} ({seen.role}): {purpose_text(seen)}" for seen in opens.opens]
        self.query_one("#log-opens", Static).update(user_text("\n".join(lines)))

    def action_back(self) -> None:
        self.app.pop_screen()


def purpose_text(seen: log.FileOpen) -> str:
    return f"{seen.purpose}: {seen.explanation}" if seen.explanation else seen.purpose


OPENS_COLUMNS = ("at", "actor", "role", "purpose")


@route("file_opens")
class FileOpensScreen(PgaScreen):
    """Who opened one case file, when and why, paged newest first (from the case file, key Z)."""

    HELP_KEY = "opens.help"
    BINDINGS = [Binding("ctrl+n", "next_page", "key.log_next", id="opens.next"),
                Binding("escape", "back", "key.back", id="opens.back")]

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id
        self._next: int | None = None

    def route_params(self) -> dict[str, int | bool]:
        return {"case_id": self.case_id}

    def compose(self):
        yield PgaHeader()
        with Vertical(id="file-opens"):
            yield Static(Content(t("opens.title", case="")), id="opens-title", classes="title")
            yield Static("", id="opens-count")
            table = DataTable(id="opens-table", cursor_type="row", zebra_stripes=True)
            table.add_columns(*(t(f"opens.col.{c}") for c in OPENS_COLUMNS))
            yield table
        yield PgaFooter()

    def on_mount(self) -> None:
        self.load_page()

    @work(exclusive=True, group="opens-page")
    async def load_page(self, before: int | None = None) -> None:
        page = await self.app.call(log.who_opened, self.case_id, before=before)
        if page is None:
            return
        self._next = page.next_before
        self.query_one("#opens-title", Static).update(user_line(t("opens.title", case=page.number)))
        table = self.query_one("#opens-table", DataTable)
        table.clear()
        for seen in page.opens:
            table.add_row(*(user_cell(v) for v in (show_moment(seen.at), seen.actor, seen.role, purpose_text(seen))))
        table.focus()
        self.query_one("#opens-count", Static).update(Content(t(
            "opens.page", count=len(page.opens), more=t("log.more") if page.next_before else "")))

    def action_next_page(self) -> None:
        if self._next is not None:
            self.load_page(self._next)

    def action_back(self) -> None:
        self.app.pop_screen()


@route("subject_request")
class SubjectRequestScreen(PgaScreen):
    HELP_KEY = "subj.help"
    BINDINGS = [Binding("ctrl+x", "export", "key.subj_export", id="subj.export", priority=True),
                Binding("escape", "back", "key.back", id="subj.back")]

    def compose(self):
        self._person: int | None = None
        yield PgaHeader()
        with Vertical(id="subject"):
            yield Static(Content(t("subj.title")), classes="title")
            yield Static(Content(t("subj.case")), classes="field-label")
            yield Input(id="subj-case", max_length=40)
            yield Static(Content(t("subj.reason")), classes="field-label")
            yield Select([(t_reason(r), r.value) for r in subject.WithholdReason], allow_blank=False,
                         id="subj-reason")
            yield Static(Content(t("subj.withhold")), classes="field-label")
            yield SelectionList[str](id="subj-parts")
        yield PgaFooter()

    def on_mount(self) -> None:
        self.query_one("#subj-case", Input).focus()

    @work(exclusive=True, group="subject")
    async def on_input_submitted(self, event: Input.Submitted) -> None:
        person = await self.app.call(subject.person_of_case, event.value)
        if person is None:
            return
        parts = await self.app.call(subject.subject_parts, person)
        if parts is None:
            return
        self._person = person
        chooser = self.query_one("#subj-parts", SelectionList)
        chooser.clear_options()
        for part in parts:
            chooser.add_option((user_cell(part.heading), part.key))
        chooser.focus()

    @work(exclusive=True, group="subject-export")
    async def action_export(self) -> None:
        if self._person is None:
            notify_literal(self.app, t("subj.none"), severity="warning")
            return
        reason = subject.WithholdReason(self.query_one("#subj-reason", Select).value)
        withheld = {key: reason for key in self.query_one("#subj-parts", SelectionList).selected}
        path = await self.app.push_screen_wait(ExportDialog("inzageverzoek.txt"))
        if path is None:
            return
        if await self.app.call(subject.export_subject_request, self._person, path, withheld) is not None:
            notify_literal(self.app, t("subj.exported", count=len(withheld)))

    def action_back(self) -> None:
        self.app.pop_screen()

    def forget(self) -> None:
        self._person = None


def t_reason(reason: subject.WithholdReason) -> str:
    return t(f"subj.reason.{reason.value}")
