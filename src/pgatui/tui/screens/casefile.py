"""A person's case file on tabs. Opening it is audited by the service (purpose recorded)."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static, TabbedContent, TabPane

from pgatui.domain.text import safe_line, safe_text
from pgatui.services import cases as svc
from pgatui.tui.base import PgaScreen
from pgatui.tui.widgets import PgaHeader
from pgatui.tui.routes import route
from pgatui.tui.display import label, shown_name
from pgatui.tui.i18n import t
from pgatui.tui.safe import labelled, user_line, user_text

TABS = ("signals", "weighings", "meetings", "interventions", "actions", "informing", "holds", "history")


@route("file")
class CaseFileScreen(PgaScreen):
    HELP_KEY = "file.help"
    BINDINGS = [Binding("escape", "back", "key.back", id="file.back")]

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id
        self._file = None

    def compose(self):
        yield PgaHeader()
        yield Static("", id="file-head")
        with TabbedContent(id="tabs"):
            for tab in TABS:
                with TabPane(t(f"tab.{tab}"), id=f"tab-{tab}"):
                    yield VerticalScroll(Static(Content(t("file.none"))), id=f"body-{tab}")
        yield Footer()

    def route_params(self) -> dict[str, int | bool]:
        return {"case_id": self.case_id}

    def forget(self) -> None:
        self._file = None

    def on_mount(self) -> None:
        self.run_worker(self._load(), exclusive=True, group="file")
        self.watch(self.app, "shared_screen", self._render_head, init=False)

    async def _load(self) -> None:
        self._file = await self.app.call(svc.read_case, self.case_id, purpose="dossier bekijken")
        if self._file is None:
            self.app.pop_screen()
            return
        self._render_head()
        await self._fill("signals", [self._signal_widget(s) for s in self._file.signals])
        await self._fill("holds", [Static(user_line(self._hold_text(h))) for h in self._file.holds])
        await self._fill("history", [Static(user_line(t("file.history_row", at=r[5], actor=r[4], entity=r[0],
                                                         field=r[1], old=r[2] or "-", new=r[3] or "-")))
                                     for r in self._file.history])

    def _render_head(self, *_) -> None:
        if self._file is None:
            return
        case, person, shared = self._file.case, self._file.person, self.app.shared_screen
        hidden = t("file.hidden")
        lines = [
            Content(t("file.title", case=case.number)),
            labelled(t("file.name"), shown_name(person.name, shared)),
            labelled(t("file.dob"), hidden if shared else str(person.date_of_birth)),
            labelled(t("file.address"), hidden if shared else person.address),
            labelled(t("file.bsn"), hidden if shared else (person.bsn or "-")),
            labelled(t("file.phone"), hidden if shared else (person.phone or "-")),
            labelled(t("file.phase"), label(case.phase)) + Content("   ") + labelled(t("file.owner"), case.owner),
        ]
        self.query_one("#file-head", Static).update(Content("\n").join(lines))

    async def _fill(self, tab: str, widgets: list) -> None:
        body = self.query_one(f"#body-{tab}", VerticalScroll)
        if widgets:
            await body.remove_children()
            await body.mount_all(widgets)

    @staticmethod
    def _signal_widget(signal) -> Static:
        head = t("file.signal", date=signal.received_on, source=label(signal.source_kind),
                 ideology=label(signal.ideology), urgency=label(signal.urgency))
        body = (Content(safe_line(head)) + Content("\n" + t("file.facts") + ": ") + user_text(signal.observed_facts))
        if signal.interpretation:
            body += Content("\n" + t("file.interpretation") + ": ") + user_text(signal.interpretation)
        return Static(body + Content("\n"), classes="signal")

    @staticmethod
    def _hold_text(hold) -> str:
        lifted = t("file.hold_lifted", date=hold.lifted_on) if hold.lifted_on else ""
        return t("file.hold", reason=safe_text(hold.reason), ends=hold.ends_on, owner=hold.owner, lifted=lifted)

    def action_back(self) -> None:
        self._file = None  # drop the decrypted file from memory
        self.app.pop_screen()
