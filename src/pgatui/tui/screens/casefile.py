"""A person's case file on tabs. Opening it is audited by the service (purpose recorded)."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static, TabbedContent, TabPane

from pgatui.domain.access import sees_identifying
from pgatui.domain.text import safe_line, safe_text
from pgatui.services import cases as svc
from pgatui.domain.models import InformingDecision
from pgatui.domain.roles import Role
from pgatui.errors import PgaError
from pgatui.services import monitoring, ownership
from pgatui.tui.base import PgaScreen
from pgatui.tui.widgets import PgaHeader
from pgatui.tui.routes import route
from pgatui.tui.display import label, parse_date, shown_name
from pgatui.tui.i18n import has, t
from pgatui.tui.safe import labelled, notify_literal, user_line, user_text
from pgatui.tui.screens.accountable import dispose_case, may_dispose
from pgatui.tui.screens.meetings import ChoiceDialog, Field, FormDialog
from pgatui.tui.screens.weighing import track_line

TABS = ("signals", "weighings", "meetings", "interventions", "actions", "informing", "reviews", "holds", "history")


@route("file")
class CaseFileScreen(PgaScreen):
    HELP_KEY = "file.help"
    BINDINGS = [
        Binding("escape", "back", "key.back", id="file.back"),
        Binding("w", "open('weighing')", "key.weighing", id="file.weighing"),
        Binding("v", "open('monitoring')", "key.monitoring", id="file.monitoring"),
        Binding("x", "dispose", "key.file_dispose", id="file.dispose"),
        Binding("o", "hand_over", "key.own_handover", id="file.handover"),
        Binding("g", "move", "key.own_move", id="file.move"),
        Binding("i", "inform", "key.own_inform", id="file.inform"),
    ]

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id
        self._file = None
        self._process = None
        self._municipalities: dict[int, str] = {}

    def check_action(self, action: str, parameters) -> bool | None:
        """Handing over, moving and informing are the municipality's (the beheerder hands over from the CLI)."""
        if action in ("hand_over", "move", "inform"):
            return self.app.user is not None and self.app.user.role is Role.GEMEENTE
        return True

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
        self._process = None

    def on_mount(self) -> None:
        self.run_worker(self._load(), exclusive=True, group="file")
        self.watch(self.app, "shared_screen", self._render_head, init=False)

    async def _load(self) -> None:
        self._file = await self.app.call(svc.read_case, self.case_id, purpose="dossier bekijken")
        if self._file is None:
            self.app.pop_screen()
            return
        self._municipalities = {m.id: m.name for m in await self.app.call(ownership.municipalities) or []}
        self._render_head()
        self._process = await self.app.call(monitoring.read_process, self.case_id)
        self._render_head()  # now with the criminal track of the binding weighing
        self.refresh_bindings()
        await self._fill("signals", [self._signal_widget(s) for s in self._file.signals])
        await self._fill("holds", [Static(user_line(self._hold_text(h))) for h in self._file.holds])
        if self._process is not None:
            for tab, (records, render) in PROCESS_TABS.items():
                await self._fill(tab, [Static(user_text(render(record)), classes="record")
                                       for record in getattr(self._process, records)])
        # Last: what the history names is on its tab by then (a test waiting for a text sees it all).
        await self._fill("history", [Static(user_line(history_line(r))) for r in self._file.history])

    def _render_head(self, *_) -> None:
        if self._file is None:
            return
        case, person, shared = self._file.case, self._file.person, self.app.shared_screen
        hidden = t("file.hidden")
        if self._file.sealed:  # no key of the case's compartment: plain columns only
            shared, hidden = True, t("file.sealed")
        if not sees_identifying(self.app.user.role):  # a partner: the name only, never intake data
            shared, hidden = True, t("file.not_shared")
        gap = Content("   ")
        lines = [Content(t("file.title", case=case.number)) + gap + labelled(t("file.phase"), label(case.phase)),
                 user_line(t("own.file_line", municipality=self._municipalities.get(case.municipality_id, "-"),
                             director=case.director or "-"))]
        if shared:  # one line says what is hidden: the head stays short at 80x24
            lines += [labelled(t("file.name"), shown_name(person.name, True)),
                      Content(t("file.identifying_hidden", why=hidden))]
        else:
            lines += [labelled(t("file.name"), person.name) + gap + labelled(t("file.dob"), str(person.date_of_birth)),
                      labelled(t("file.address"), person.address or "-") + gap + labelled(t("file.bsn"), person.bsn or "-")
                      + gap + labelled(t("file.phone"), person.phone or "-")]
        track = self._criminal_track()
        if track is not None:
            lines.append(Content(track_line(track)))
        self.query_one("#file-head", Static).update(Content("\n").join(lines))

    def _criminal_track(self):
        """The latest concluded weighing with a criminal track beside it, if any."""
        weighings = self._process.weighings if self._process is not None else []
        return next((w for w in reversed(weighings) if w.concluded and w.criminal_track.value != "geen"), None)

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

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "dispose":  # only an unweighed signal, only a core partner (the service checks again)
            return may_dispose(self.app.user, getattr(self._file, "case", None))
        return True

    def action_dispose(self) -> None:
        self.run_worker(self._dispose(), exclusive=True, group="file-dispose")

    async def _dispose(self) -> None:
        if self._file is not None and await dispose_case(self, self._file.case):
            self.action_back()  # the file changed as a whole (signals moved): open it afresh
            self.app.go("file", case_id=self.case_id)

    def action_back(self) -> None:
        self.forget()  # drop the decrypted file from memory
        self.app.pop_screen()

    def action_open(self, name: str) -> None:
        """Open the weighing session or the monitoring screen of this case."""
        self.app.go(name, case_id=self.case_id)

    # who runs the case, and informing the person

    async def _done(self, service, *args) -> bool:
        """Run a service that returns nothing; True when it succeeded (a refusal shows as a notice)."""
        try:
            await self.app.call_or_raise(service, *args)
        except PgaError as exc:  # one line, no secrets or content by contract
            notify_literal(self.app, str(exc), severity="warning")
            return False
        return True

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
            self.app.pop_screen()  # the case may now be of a municipality this user does not see

    def action_inform(self) -> None:
        self.run_worker(self._inform(), exclusive=True, group="ownership")

    async def _inform(self) -> None:
        if self._file is None:
            return
        fields = [Field("informed_on", t("own.informed_on"), "date"),
                  Field("informed_by", t("own.informed_by"), value=self.app.user.login),
                  Field("reason_not_to", t("own.reason_not_to")),
                  Field("reconsider_on", t("own.reconsider_on"), "date")]
        decision = await self.app.push_screen_wait(FormDialog(t("own.inform_title"), fields, informing_decision))
        if decision is not None and await self._done(monitoring.record_informing, self.case_id, decision):
            notify_literal(self.app, t("own.informing_saved", case=self._file.case.number))
            await self._load()


def informing_decision(values: dict) -> tuple[InformingDecision | None, dict[str, str]]:
    """The form's decision: informed (date and by whom) or postponed (reason and date), never both."""
    errors: dict[str, str] = {}
    dates = {}
    for name in ("informed_on", "reconsider_on"):
        try:
            dates[name] = parse_date(values[name])
        except ValueError:
            errors[name] = t("mt.bad_date")
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


# --- the process tabs: one text block per record ------------------------------------------------

def history_line(row: tuple) -> str:
    entity, field, old, new, actor, at = row
    entity_label = t(f"hist.{entity}") if has(f"hist.{entity}") else entity
    return t("file.history_row", at=at, actor=actor, entity=entity_label, field=field, old=old or "-", new=new or "-")


def weighing_text(weighing) -> str:
    present = ", ".join(f"{p.role.value}: {p.name}" for p in weighing.participants) or "-"
    lines = [t("file.weighing", date=weighing.held_on, version=weighing.catalogue_version,
               outcome=label(weighing.outcome) if weighing.concluded else t("file.weighing_open")),
             t("file.present", who=present)]
    if weighing.concluded:
        lines.append(track_line(weighing))
        lines.append(t("file.reasons", text=weighing.reasons))
        if weighing.disagreement:
            lines.append(t("file.disagreement", text=weighing.disagreement))
        confirmed = ", ".join(f"{c.role.value} ({c.name})" for c in weighing.confirmations) or "-"
        lines.append(t("file.confirmed", who=confirmed))
    return "\n".join(lines)


def minutes_text(minutes) -> str:
    lines = [t("file.minutes", meeting=minutes.meeting_id, status=label(minutes.status))]
    lines += [t("file.shared", by=item.supplied_by, text=item.text) for item in minutes.shared]
    if minutes.decisions:
        lines.append(t("file.decisions", text=minutes.decisions))
    lines += [t("file.goal", text=goal) for goal in minutes.goals]
    lines += [t("file.addendum", date=a.written_on, author=a.author, text=a.text) for a in minutes.addenda]
    return "\n".join(lines)


def intervention_text(item) -> str:
    text = t("file.intervention", kind=label(item.kind), owner=item.owner_partner, start=item.starts_on,
             evaluate=item.evaluate_on, status=label(item.status))
    return text + (f"\n{item.evaluation}" if item.evaluation else "")


def action_text(item) -> str:
    done = t("file.action_done", date=item.done_on, by=item.done_by) if item.done_on else t("file.action_open")
    return t("file.action", text=item.description, owner=item.owner, organisation=item.owner_organisation,
             due=item.due_on, done=done)


def informing_text(item) -> str:
    if item.informed:
        return t("file.informed", date=item.informed_on, by=item.informed_by)
    return t("file.not_informed", reason=item.reason_not_to, date=item.reconsider_on)


def review_text(item) -> str:
    return t("file.review", date=item.reviewed_on, needed=t("file.yes") if item.still_needed else t("file.no"),
             reason=item.reason)


# tab id -> (ProcessFile attribute, how one record reads)
PROCESS_TABS = {"weighings": ("weighings", weighing_text), "meetings": ("minutes", minutes_text),
                "interventions": ("interventions", intervention_text), "actions": ("actions", action_text),
                "informing": ("informing", informing_text), "reviews": ("reviews", review_text)}
