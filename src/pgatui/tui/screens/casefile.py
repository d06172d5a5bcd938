"""A person's case file on tabs. Opening it is audited by the service with its purpose, asked
first when the file is outside the user's own work (pgatui.tui.purposes)."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from pgatui.domain.access import Permission
from pgatui.domain.text import safe_line, safe_text
from pgatui.services import cases as svc
from pgatui.domain.models import InformingDecision
from pgatui.services import monitoring, ownership
from pgatui.tui.base import PgaScreen
from pgatui.tui.widgets import PgaFooter, PgaHeader, TabBar
from pgatui.tui.routes import route
from pgatui.tui.kit.formats import label, labels, show_date, shown_name
from pgatui.tui.i18n import t
from pgatui.tui.safe import labelled, notify_literal, user_line, user_text
from pgatui.tui.accountable import dispose_case
from pgatui.tui.kit.calls import Outcome
from pgatui.tui.kit.dialogs import ChoiceDialog, FormDialog
from pgatui.tui.kit.forms import FieldSpec, parse_dates
from pgatui.tui.purposes import purpose_for
from pgatui.tui.records import PROCESS_TABS, history_line, track_line

# What each key needs: a partner is not offered the weighing, only the municipality hands over.
OPENS = {"weighing": Permission.WEIGHING_OPEN, "monitoring": Permission.CASE_READ, "summary": Permission.CASE_READ,
         "changes": Permission.CASE_READ}
ACTION_NEEDS = {"hand_over": Permission.CASE_HANDOVER, "move": Permission.CASE_HANDOVER,
                "inform": Permission.INFORMING_RECORD, "dispose": Permission.CASE_DISPOSE}
TABS = ("signals", "weighings", "meetings", "interventions", "actions", "informing", "reviews", "holds", "history")


@route("file")
class CaseFileScreen(PgaScreen):
    HELP_KEY = "file.help"
    # Opened many times a day: built once a session and pointed at the next case (issue 18: building
    # the screen was most of opening a file). Closing it empties it: nothing of a case stays behind.
    KEPT = True
    BINDINGS = [
        Binding("escape", "back", "key.back", id="file.back"),
        Binding("w", "open('weighing')", "key.weighing", id="file.weighing"),
        Binding("v", "open('monitoring')", "key.monitoring", id="file.monitoring"),
        Binding("x", "dispose", "key.file_dispose", id="file.dispose"),
        # Rare: in F1 help and the palette, not in the footer (it must fit at 80 columns).
        Binding("o", "hand_over", "key.own_handover", id="file.handover", show=False),
        Binding("g", "move", "key.own_move", id="file.move", show=False),
        Binding("i", "inform", "key.own_inform", id="file.inform"),
        Binding("z", "opens", "key.file_opens", id="file.opens", show=False),
        Binding("s", "open('summary')", "key.summary", id="file.summary", show=False),
        Binding("c", "open('changes')", "key.changes", id="file.changes", show=False),
    ]

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id
        self._file = None
        self._process = None
        self._municipalities: dict[int, str] = {}
        self._municipalities_read_at: int | None = None  # app.changes when they were read
        self._purpose: tuple[str, str | None] | None = None  # asked once; a reload reads with the same
        self._filled_tab: str | None = None  # the tab whose records the body holds
        self._emptying = None  # the worker that empties the widgets after a close
        # What the last file allowed (permissions, sees its opens): the keys offered while the next loads
        self._offered_before: tuple[frozenset, bool] = (frozenset(), False)

    def compose(self):
        yield PgaHeader()
        yield Vertical(id="file-head")  # the head's text is a child, removed when the file closes
        yield TabBar([(tab, t(f"tab.{tab}")) for tab in TABS], id="tabs")
        yield VerticalScroll(self._loading(), id="body")  # the shown tab's records
        yield PgaFooter()

    def route_params(self) -> dict[str, int | bool]:
        return {"case_id": self.case_id}

    @staticmethod
    def _loading() -> Static:
        return Static(Content(t("file.loading")))

    def forget(self) -> None:
        self._drop_case()
        self._municipalities, self._municipalities_read_at = {}, None
        self._offered_before = (frozenset(), False)

    def _drop_case(self) -> None:
        self._file = None
        self._process = None
        self._filled_tab = None
        self._purpose = None

    def on_mount(self) -> None:
        self.reload()
        self.watch(self.app, "shared_screen", self._render_head, init=False)

    def reopened(self, case_id: int) -> None:
        """The next file: emptied when the last one closed, so nothing of that case is shown."""
        self.case_id = case_id
        self.reload()

    def closed(self) -> None:
        """Drop the case: its reads under way, its data, and the widgets that showed it."""
        self.workers.cancel_node(self)  # a read still under way must not fill the closed screen
        self._drop_case()  # the municipalities' names stay: the register is no case content
        self._emptying = self.run_worker(self._empty(), group="file-empty")

    async def _empty(self) -> None:
        containers = [self.query_one("#file-head"), self.query_one("#body")]
        for container in containers:
            # Blanked before they go: Textual's layout caches (of the screen, of each container)
            # name removed widgets until the next layout, which a screen not shown does not get.
            for shown in container.query(Static):
                shown.update("")
            await container.remove_children()
        await containers[1].mount(self._loading())
        self.show_tab(TABS[0])  # the next file opens on the first tab, with the focus on the tabs
        self.set_focus(self.query_one("#tabs", TabBar), scroll_visible=False)

    @property
    def shown_tab(self) -> str:
        return self.query_one("#tabs", TabBar).active

    @property
    def filled_tab(self) -> str | None:
        """The tab whose records the body holds (None while the file loads)."""
        return self._filled_tab

    def show_tab(self, tab: str) -> None:
        """Show `tab` (one of TABS), as left/right or a click on its title would."""
        self.query_one("#tabs", TabBar).active = tab

    def reload(self) -> None:
        """Read the file again (also when a weighing or meeting changed its phase or tabs)."""
        self.run_worker(self._load(), exclusive=True, group="file")

    async def _load(self) -> None:
        if self._emptying is not None:  # reopened at once: the last case's widgets go first
            await self._emptying.wait()
            self._emptying = None
        if self._purpose is None:
            self._purpose = await purpose_for(self, self.case_id)
            if self._purpose is None:
                self.leave()
                return
        purpose, explanation = self._purpose
        read = await self.app.call(read_file_and_process, self.case_id, purpose, explanation)
        if read is None:
            self.leave()
            return
        self._file, process = read
        if isinstance(process, Exception):  # the file was read, its process not: said as its own call would
            self.app.report(Outcome.from_error(process))
            process = None
        self._offered_before = (frozenset(self._file.allowed), bool(self._file.sees_opens))
        if self._municipalities_read_at != self.app.changes:  # read again after a change, else kept
            self._municipalities = {m.id: m.name for m in await self.app.call(ownership.municipalities) or []}
            self._municipalities_read_at = self.app.changes
        self._process = process
        # Drawn once, when everything is read (the reads take milliseconds; each frame in
        # between was a repaint of the whole screen).
        self._render_head()
        self.refresh_bindings()
        self._filled_tab = None  # a reload fills the shown tab again
        await self._fill_shown()

    def on_tab_bar_changed(self, event: TabBar.Changed) -> None:
        self.run_worker(self._fill_shown(), exclusive=True, group="file-tab")

    async def _fill_shown(self) -> None:
        """Fill the body with the shown tab's records: a file has nine tabs, and mounting the
        records of all of them at once made opening a file slow (issue 18)."""
        tab = self.shown_tab
        if self._file is None or tab == self._filled_tab:
            return
        self._filled_tab = tab
        await self._fill(*self._records(tab))

    def _records(self, tab: str) -> tuple[list[Content], bool]:
        """The text of each of a tab's records, and whether this user may see them."""
        shared = not self._file.restricted  # a partner sees only what a meeting shared with it
        if tab == "signals":
            return [self._signal_text(s) for s in self._file.signals], shared
        if tab == "holds":
            return [user_line(self._hold_text(h)) for h in self._file.holds], shared
        if tab == "history":
            return [user_line(history_line(r)) for r in self._file.history], shared
        records, render = PROCESS_TABS[tab]
        process = self._process
        if process is None:
            return [], False
        return [user_text(render(record, process)) for record in getattr(process, records)], records in process.shared

    def _render_head(self, *_) -> None:
        if self._file is None:
            return
        case, person, shared = self._file.case, self._file.person, self.app.shared_screen
        hidden = t("file.hidden")
        if self._file.sealed:  # no key of the case's compartment: plain columns only
            shared, hidden = True, t("file.sealed")
        if not self._may(Permission.CASE_READ_IDENTIFYING):  # a partner: the name only, never intake data
            shared, hidden = True, t("file.not_shared")
        gap = Content("   ")
        lines = [Content(t("file.title", case=case.number)) + gap + labelled(t("file.phase"), label(case.phase)),
                 user_line(t("own.file_line", municipality=self._municipalities.get(case.municipality_id, "-"),
                             director=case.director or "-"))]
        if shared:  # one line says what is hidden: the head stays short at 80x24
            lines += [labelled(t("file.name"), shown_name(person.name, True)),
                      Content(t("file.identifying_hidden", why=hidden))]
        else:
            lines += [labelled(t("file.name"), person.name) + gap + labelled(t("file.dob"), show_date(person.date_of_birth))
                      + gap + labelled(t("file.gender"), label(person.gender)),
                      labelled(t("file.address"), person.address or "-") + gap + labelled(t("file.bsn"), person.bsn or "-")
                      + gap + labelled(t("file.phone"), person.phone or "-")]
        track = self._criminal_track()
        if track is not None:
            lines.append(Content(track_line(track)))
        head, text = self.query_one("#file-head"), Content("\n").join(lines)
        if head.children:
            head.children[0].update(text)
        else:
            head.mount(Static(text))

    def _criminal_track(self):
        """The latest concluded weighing with a criminal track beside it, if any."""
        weighings = self._process.weighings if self._process is not None else []
        return next((w for w in reversed(weighings) if w.concluded and w.criminal_track.value != "geen"), None)

    async def _fill(self, records: list[Content], shared: bool = True) -> None:
        """The tab's records, a blank line between them (one widget: mounting one per record was
        most of showing a long tab); else why it is empty: nothing yet, or not shared with this user."""
        body = self.query_one("#body", VerticalScroll)
        hint = t("file.not_shared_tab") if not shared else t("file.none") if not records else None
        text = Content(hint) if hint else Content("\n\n").join(records)
        if body.children:
            body.children[0].update(text)
            body.children[0].set_class(hint is not None, "hint")
        else:
            await body.mount(Static(text, classes="hint" if hint else ""))
        body.scroll_home(animate=False)

    @staticmethod
    def _signal_text(signal) -> Content:
        head = t("file.signal", date=signal.received_on, source=label(signal.source_kind),
                 ideology=labels(signal.ideologies), urgency=label(signal.urgency))
        body = (Content(safe_line(head)) + Content("\n" + t("file.facts") + ": ") + user_text(signal.observed_facts))
        if signal.interpretation:
            body += Content("\n" + t("file.interpretation") + ": ") + user_text(signal.interpretation)
        return body

    @staticmethod
    def _hold_text(hold) -> str:
        lifted = t("file.hold_lifted", date=hold.lifted_on) if hold.lifted_on else ""
        return t("file.hold", reason=safe_text(hold.reason), ends=hold.ends_on, owner=hold.owner, lifted=lifted)

    def check_action(self, action: str, parameters) -> bool | None:
        """Only what the services allow this user is offered (they check again, in context)."""
        if action == "open":
            return self._offers(OPENS[parameters[0]]) if parameters else True
        if action in ACTION_NEEDS:
            return self._offers(ACTION_NEEDS[action])
        if action == "opens":  # the FG and this case's director (the service said so with the file)
            return self._file.sees_opens if self._file is not None else self._offered_before[1]
        return True

    def _offers(self, permission: Permission) -> bool:
        """Whether the footer offers a key: as the file's service said, and while the next file
        loads as for the last one. The footer then changes (and is restyled) only when the keys
        differ from case to case (issue 18); each action checks the file or its service again."""
        return self._may(permission) if self._file is not None else permission in self._offered_before[0]

    def _may(self, permission: Permission) -> bool:
        """What the file's service said this user may do on this case now (nothing while loading)."""
        return self._file is not None and permission in self._file.allowed

    def action_opens(self) -> None:
        self.app.go("file_opens", case_id=self.case_id)

    def action_dispose(self) -> None:
        self.run_worker(self._dispose(), exclusive=True, group="file-dispose")

    async def _dispose(self) -> None:
        if self._file is not None and await dispose_case(self, self._file):
            self.action_back()  # the file changed as a whole (signals moved): open it afresh
            self.app.go("file", case_id=self.case_id)

    def action_back(self) -> None:
        self._drop_case()  # drop the decrypted file from memory
        self.leave()

    def action_open(self, name: str) -> None:
        """Open the weighing session, the monitoring, the summary or the changes of this case."""
        self.app.go(name, case_id=self.case_id)

    # who runs the case, and informing the person

    async def _done(self, service, *args) -> bool:
        """Run a service that returns nothing; True when it succeeded (a refusal shows as a notice)."""
        done = (await self.app.attempt(service, *args)).ok
        if done:
            self.app.data_changed()
        return done

    def action_hand_over(self) -> None:
        self.run_worker(self._hand_over(), exclusive=True, group="ownership")

    async def _hand_over(self) -> None:
        if self._file is None:
            return
        case = self._file.case
        others = [d for d in await self.app.call(ownership.directors_for, case.municipality_id) or [] if d != case.director]
        if not others:
            self.app.notify(t("own.none_to_choose"))
            return
        chosen = await self.app.push_screen_wait(ChoiceDialog(t("own.handover_title"), others))
        if chosen is not None and await self._done(ownership.hand_over, case.id, others[chosen]):
            notify_literal(self.app, t("own.handed_over", case=case.number, director=others[chosen]))
            await self._load()

    def action_move(self) -> None:
        self.run_worker(self._move(), exclusive=True, group="ownership")

    async def _move(self) -> None:
        if self._file is None:
            return
        case = self._file.case
        others = [(i, name) for i, name in self._municipalities.items() if i != case.municipality_id]
        if not others:
            self.app.notify(t("own.none_to_choose"))
            return
        chosen = await self.app.push_screen_wait(ChoiceDialog(t("own.move_title"), [name for _, name in others]))
        if chosen is not None and await self._done(ownership.move_to_municipality, case.id, others[chosen][0]):
            notify_literal(self.app, t("own.moved", case=case.number, municipality=others[chosen][1]))
            self.leave()  # the case may now be of a municipality this user does not see

    def action_inform(self) -> None:
        self.run_worker(self._inform(), exclusive=True, group="ownership")

    async def _inform(self) -> None:
        if self._file is None:
            return
        fields = [FieldSpec("informed_on", t("own.informed_on"), "date"),
                  FieldSpec("informed_by", t("own.informed_by"), value=self.app.user.login),
                  FieldSpec("reason_not_to", t("own.reason_not_to")),
                  FieldSpec("reconsider_on", t("own.reconsider_on"), "date")]
        decision = await self.app.push_screen_wait(FormDialog(t("own.inform_title"), fields, informing_decision))
        if decision is not None and await self._done(monitoring.record_informing, self.case_id, decision):
            notify_literal(self.app, t("own.informing_saved", case=self._file.case.number))
            await self._load()


def read_file_and_process(session, case_id: int, purpose: str, explanation: str | None):
    """The case file (read and audited with its purpose) and then its process, in one turn of the
    vault thread: each turn waited for the screen's drawing in between (issue 18). The process is
    read only when the file was; its failure is handed back, for the screen to report."""
    file = svc.read_case(session, case_id, purpose=purpose, explanation=explanation)
    try:
        return file, monitoring.read_process(session, case_id)
    except Exception as exc:  # noqa: BLE001 - reported by the screen, as app.attempt would
        return file, exc


def informing_decision(values: dict) -> tuple[InformingDecision | None, dict[str, str]]:
    """The form's decision: informed (date and by whom) or postponed (reason and date), never both."""
    dates, errors = parse_dates(values, ("informed_on", "reconsider_on"))
    if errors:
        return None, errors
    informed = dates["informed_on"] is not None
    try:
        return InformingDecision(
            informed_on=dates["informed_on"], informed_by=values["informed_by"].strip() if informed else None,
            reason_not_to=None if informed else values["reason_not_to"].strip() or None,
            reconsider_on=None if informed else dates["reconsider_on"]), {}
    except ValueError:
        return None, {"informed_on": t("own.inform_either")}
