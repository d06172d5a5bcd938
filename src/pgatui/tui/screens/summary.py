"""The one-page case summary and "what changed since the last weighing / last meeting" (issue 14,
item 5). Reached from the case file and, per agenda item, from the meeting screen. The services
(`services/summary.py`) decide what this user may see; these screens only show it.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from pgatui import clock
from pgatui.domain.access import Permission
from pgatui.services import summary as svc
from pgatui.tui.base import PgaScreen
from pgatui.tui.i18n import t
from pgatui.tui.kit.dialogs import ChoiceDialog, ExportDialog
from pgatui.tui.kit.formats import label, labels, show_date, shown_name
from pgatui.tui.records import history_line, phenomenon_line
from pgatui.tui.routes import route
from pgatui.tui.safe import labelled, notify_literal, user_line, user_text
from pgatui.tui.widgets import PgaFooter, PgaHeader


class _CaseView(PgaScreen):
    """A scrolling page of sections about one case, loaded through a service."""

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id
        self._data = None

    def compose(self):
        yield PgaHeader()
        yield VerticalScroll(Static(Content(t("file.loading"))), id="sum-body")
        yield PgaFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "shared_screen", self._show, init=False)
        self.reload()

    def reload(self) -> None:
        self.run_worker(self._load(), exclusive=True, group="summary")

    async def _load(self) -> None:
        self._data = await self.app.call(*self._service())
        if self._data is None:
            self.leave()
            return
        self._show()

    def _show(self, *_) -> None:
        if self._data is None or not self.is_mounted:
            return
        body = self.query_one("#sum-body", VerticalScroll)
        body.remove_children()
        body.mount_all([widget for heading, lines in self._sections() for widget in self._section(heading, lines)])

    @staticmethod
    def _section(heading: str, lines: list[Content]) -> list[Static]:
        return [Static(Content(heading), classes="subtitle"),
                Static(Content("\n").join(lines or [Content(t("sum.none"))]) + Content("\n"))]

    def _person_name(self, name: str) -> str:
        return shown_name(name, self.app.shared_screen or not self.allows(Permission.CASE_READ_IDENTIFYING))

    def forget(self) -> None:
        self._data = None

    def action_back(self) -> None:
        self.forget()
        self.leave()

    def route_params(self) -> dict[str, int | bool]:
        return {"case_id": self.case_id}


@route("summary")
class SummaryScreen(_CaseView):
    HELP_KEY = "sum.help"
    BINDINGS = [
        Binding("escape", "back", "key.back", id="sum.back"),
        Binding("c", "changes(False)", "key.sum_since_weighing", id="sum.since_weighing"),
        Binding("m", "changes(True)", "key.sum_since_meeting", id="sum.since_meeting"),
        Binding("e", "export", "key.sum_export", id="sum.export"),
    ]

    def _service(self):
        return svc.case_summary, self.case_id

    def _sections(self) -> list[tuple[str, list[Content]]]:
        summary: svc.Summary = self._data
        case = summary.case
        head = [labelled(t("file.name"), self._person_name(summary.name)),
                labelled(t("sum.municipality"), summary.municipality) + Content("   ")
                + labelled(t("sum.director"), case.director or "-"),
                labelled(t("file.phase"), label(case.phase))]
        if summary.partner:
            head.append(user_line(t("sum.partner_view", organisation=summary.partner)))
        sections = [(t("sum.title", case=case.number), head)]
        if summary.partner is None:
            sections.append((t("sum.phenomenon"), [
                Content(t("sum.suspected", ideologies=labels(summary.suspected))),
                Content(phenomenon_line(summary.last_weighing))]))
            sections.append((t("sum.last_weighing"), self._weighing(summary.last_weighing)))
        sections += [
            (t("sum.interventions"), [user_line(t("sum.intervention", kind=label(i.kind), owner=i.owner_partner,
                                                  evaluate=i.evaluate_on, status=label(i.status)))
                                      for i in summary.open_interventions]),
            (t("sum.actions"), [user_line(t("sum.action", text=a.description, owner=a.owner, due=a.due_on))
                                for a in summary.open_actions]),
            (t("sum.dates"), [Content(f"{show_date(day)}  {t('sum.date.' + kind.value)}"
                                      + (t("sum.overdue") if day < clock.today() else ""))
                              for day, kind in summary.next_dates])]
        if summary.partner is None:
            sections.append((t("sum.holds"), [user_line(t("sum.hold", reason=h.reason, ends=h.ends_on, owner=h.owner))
                                              for h in summary.holds]))
        return sections

    @staticmethod
    def _weighing(weighing) -> list[Content]:
        if weighing is None:
            return [Content(t("sum.no_weighing"))]
        lines = [Content(t("sum.weighing", date=weighing.held_on, outcome=label(weighing.outcome))),
                 labelled(t("sum.reasons"), "") + user_text(weighing.reasons or "-")]
        if weighing.follow_up_deadline:
            lines.append(Content(t("sum.follow_up", date=weighing.follow_up_deadline)))
        return lines

    def action_changes(self, since_meeting: bool) -> None:
        self.app.go("changes", case_id=self.case_id, since_meeting=since_meeting)

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "export":
            return self.allows(Permission.CASE_READ)
        return True

    def action_export(self) -> None:
        self.run_worker(self._export(), exclusive=True, group="export")

    async def _export(self) -> None:
        """The whole summary, or (the municipality) the share of one invited partner organisation."""
        organisation_id = None
        if self.allows(Permission.MINUTES_EXPORT):
            partners = await self.app.call(svc.invited_partners, self.case_id) or []
            if partners:
                choices = [t("sum.export_full")] + [t("sum.export_for", organisation=name) for _, name in partners]
                chosen = await self.app.push_screen_wait(ChoiceDialog(t("sum.export_title"), choices))
                if chosen is None:
                    return
                organisation_id = partners[chosen - 1][0] if chosen else None
        number = self._data.case.number if self._data else str(self.case_id)
        path = await self.app.push_screen_wait(ExportDialog(f"samenvatting-{number}.pdf"))
        if path is None:
            return
        written = await self.app.call(svc.export_summary, self.case_id, path, organisation_id=organisation_id)
        if written is not None:
            notify_literal(self.app, t("export.done", path=str(written)), timeout=10)


@route("changes")
class ChangesScreen(_CaseView):
    HELP_KEY = "chg.help"
    BINDINGS = [
        Binding("escape", "back", "key.back", id="chg.back"),
        Binding("t", "switch", "key.chg_switch", id="chg.switch"),
    ]

    def __init__(self, case_id: int, since_meeting: bool = False) -> None:
        super().__init__(case_id)
        self.since_meeting = since_meeting

    def route_params(self) -> dict[str, int | bool]:
        return {"case_id": self.case_id, "since_meeting": self.since_meeting}

    def _service(self):
        return svc.changes_since, self.case_id, svc.Since.MEETING if self.since_meeting else svc.Since.WEIGHING

    def action_switch(self) -> None:
        """Since the last weighing <-> since the last meeting."""
        self.since_meeting = not self.since_meeting
        self.reload()

    def _sections(self) -> list[tuple[str, list[Content]]]:
        changes: svc.Changes = self._data
        which = "meeting" if self.since_meeting else "weighing"
        since = (t(f"chg.since_{which}", case=changes.case.number, date=changes.since_on) if changes.since_on
                 else t(f"chg.no_{which}", case=changes.case.number))
        sections = [(t("chg.title"), [Content(since)])]
        if changes.partner is None:
            sections.append((t("chg.signals"), [
                user_line(t("chg.signal", date=s.received_on, source=label(s.source_kind), urgency=label(s.urgency)))
                + Content("\n  ") + user_text(s.observed_facts) for s in changes.new_signals]))
        sections += [(t("chg.actions"), [user_line(t("chg.action", text=a.description, date=a.done_on, by=a.done_by or "-"))
                                         for a in changes.actions_done]),
                     (t("chg.evaluations"), [user_line(t("chg.evaluation", kind=label(i.kind), date=i.evaluated_on,
                                                         status=label(i.status), text=i.evaluation))
                                             for i in changes.evaluations])]
        if changes.partner is None:
            sections.append((t("chg.fields"), [user_line(history_line(
                (h.entity, h.field, h.old, h.new, h.actor, h.at.isoformat()))) for h in changes.changed_fields]))
        return sections
