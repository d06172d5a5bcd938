"""Issue 11 on screen: closing a signal as a duplicate or an error (from the case file, with a
second core partner's password), dormant files on the retention screen (close with a reason, or
keep open with a justification), and the FG's record of disposals.

The rules and the audit are the services' (pgatui.services.disposal, pgatui.services.dormancy);
these helpers only ask and show.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Static

from pgatui import clock
from pgatui.domain.access import Permission
from pgatui.domain.enums import DisposalKind
from pgatui.services import disposal
from pgatui.services import dormancy
from pgatui.tui.kit.formats import label, show_date, show_moment
from pgatui.tui.i18n import t
from pgatui.tui.safe import notify_literal, user_cell, user_line
from pgatui.tui.kit.dialogs import ColleagueDialog, FormDialog, KitDialog
from pgatui.tui.kit.forms import FieldSpec, parse_dates, required_text


# --- duplicate or error (case file) ----------------------------------------------------------------

def _disposal_form(values: dict):
    kind, original = values["kind"], values["original"].strip()
    if not kind:
        return None, {"kind": t("kit.required")}
    if kind == DisposalKind.DUPLICAAT.value and not original:
        return None, {"original": t("disp.original_needed")}
    if kind == DisposalKind.VERGISSING.value and original:
        return None, {"original": t("disp.original_not_for_error")}
    return (DisposalKind(kind), original or None), {}


async def dispose_case(screen, case_file) -> bool:
    """Ask kind and original, let a second core partner confirm, dispose; True when done."""
    case = case_file.case
    if Permission.CASE_DISPOSE not in case_file.allowed:
        notify_literal(screen.app, t("disp.not_now"), severity="warning")
        return False
    kinds = ((t("disp.kind_duplicate"), DisposalKind.DUPLICAAT.value), (t("disp.kind_error"), DisposalKind.VERGISSING.value))
    answer = await screen.app.push_screen_wait(FormDialog(
        t("disp.title", case=case.number),
        [FieldSpec("kind", t("disp.kind"), "select", options=kinds), FieldSpec("original", t("disp.original"))],
        _disposal_form, Content(t("disp.intro"))))
    if answer is None:
        return False
    kind, original = answer
    colleague = await screen.app.push_screen_wait(ColleagueDialog(t("disp.colleague", case=case.number)))
    if colleague is None:
        return False
    confirmation = await screen.app.call(disposal.confirm_disposal, case.id, *colleague)
    if confirmation is None:
        return False
    if kind is DisposalKind.DUPLICAAT:
        record = await screen.app.call(disposal.dispose_duplicate, case.id, original, confirmation)
        done = record and t("disp.done_duplicate", case=record.case_number, original=record.other_number)
    else:
        record = await screen.app.call(disposal.dispose_error, case.id, confirmation)
        done = record and t("disp.done_error", case=record.case_number)
    if record is None:
        return False
    notify_literal(screen.app, done)
    return True


# --- dormant files (retention screen) -----------------------------------------------------------

def _justification_form(values: dict):
    reason, errors = required_text("reason")(values)
    data, errors = parse_dates(values, ["on"], errors)
    return (reason, data["on"]), errors


async def close_dormant(screen, row) -> bool:
    reason = await screen.app.push_screen_wait(FormDialog(
        t("dorm.close_title", case=row.case), [FieldSpec("reason", t("dorm.reason"), "area")], required_text("reason"),
        Content(t("dorm.close_intro"))))
    if reason is None or await screen.app.call(dormancy.close_dormant_case, row.case_id, reason) is None:
        return False
    notify_literal(screen.app, t("dorm.closed", case=row.case))
    return True


async def justify_open(screen, row) -> bool:
    today = show_date(clock.today())
    answer = await screen.app.push_screen_wait(FormDialog(
        t("dorm.justify_title", case=row.case),
        [FieldSpec("reason", t("dorm.justify_reason"), "area"), FieldSpec("on", t("dorm.justify_date"), "date", today)],
        _justification_form, Content(t("dorm.justify_intro"))))
    if answer is None:
        return False
    reason, day = answer
    if await screen.app.call(dormancy.justify_open_case, row.case_id, reason, on=day) is None:
        return False
    notify_literal(screen.app, t("dorm.justified", case=row.case))
    return True


# --- the FG's record of disposals ---------------------------------------------------------------

def _moment(at: str) -> str:
    try:
        return show_moment(dt.datetime.fromisoformat(at))
    except ValueError:
        return at[:16]


class DisposalRecordsModal(KitDialog):
    """Every signal closed as a duplicate or an error: case numbers and users only."""

    HELP_KEY = "disp.records_help"

    def compose(self):
        with Vertical(classes="kit-box"):
            yield Static(Content(t("disp.records_title")), classes="title")
            yield DataTable(id="disp-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="disp-status")

    def on_mount(self) -> None:
        table = self.query_one("#disp-table", DataTable)
        for name in t("disp.records_columns").split("|"):
            table.add_column(name, key=name)
        self.run_worker(self._load(), exclusive=True, group="disposals")

    async def _load(self) -> None:
        records = await self.app.call(disposal.disposal_records)
        if records is None:
            self.dismiss(None)
            return
        table = self.query_one("#disp-table", DataTable)
        for record in records:
            table.add_row(user_cell(record.case_number), Text(label(record.kind)), user_cell(record.other_number or "-"),
                          user_cell(record.actor), user_cell(record.confirmed_by), user_cell(_moment(record.at)))
        self.query_one("#disp-status", Static).update(user_line("" if records else t("disp.records_none")))
        table.focus()
