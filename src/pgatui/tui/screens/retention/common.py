"""What the retention screens share: the filters and how states and dates look, the export of the
destruction report, and the hold and destruction dialogs (on the kit)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rich.text import Text
from textual.widgets import DataTable

from pgatui import clock
from pgatui.domain.models import LegalHold
from pgatui.domain.retention import RetentionState
from pgatui.errors import AccessDenied
from pgatui.services import retention as svc
from pgatui.tui.i18n import t
from pgatui.tui.safe import notify_literal
from pgatui.tui.kit.dialogs import FormDialog, PathDialog
from pgatui.tui.kit.forms import FieldSpec, FormIds, build, limit_of, parse_dates
from pgatui.tui.kit.formats import show_date

FILTERS: tuple[RetentionState | None, ...] = (None, RetentionState.OVERDUE, RetentionState.WARNING,
                                               RetentionState.ON_HOLD, RetentionState.RUNNING,
                                               RetentionState.DORMANT, RetentionState.JUSTIFIED)
# How strongly a state is marked: the nearer the deadline, the louder (a 7-day mark shouts).
STATE_STYLE = {RetentionState.OVERDUE: "bold reverse red", RetentionState.ON_HOLD: "bold cyan",
               RetentionState.RUNNING: "", RetentionState.DORMANT: "bold magenta", RetentionState.JUSTIFIED: "italic"}
MARK_STYLE = {7: "bold red", 30: "bold yellow"}



def state_cell(state: RetentionState, mark: int | None) -> Text:
    """The state in words, marked by urgency (our own catalogue text, no user text)."""
    words = t(f"ret.state.{state.value}")
    if mark is not None:
        return Text(t("ret.mark", state=words, days=mark), style=MARK_STYLE.get(mark, "yellow"))
    return Text(words, style=STATE_STYLE.get(state, ""))


def date_cell(day: dt.date | None) -> Text:
    return Text(show_date(day))


def columns(table: DataTable, key: str) -> None:
    for name in t(key).split("|"):
        table.add_column(name, key=name)




def say_refused(screen, outcome, denied: str) -> None:
    """A refusal is said on the screen itself (its `_status`); anything else is the app's notice."""
    if isinstance(outcome.error, AccessDenied):
        screen._status(denied)
    else:
        screen.app.report(outcome)


def export_report(screen) -> None:
    """Ask for a file (with the warning that it is unencrypted) and write the destruction report."""
    default = Path.home() / f"vernietigingsrapport-{clock.today().isoformat()}.csv"

    async def write(path: str) -> None:
        count = await screen.app.call(svc.export_destruction_report, path)
        if count is not None:
            notify_literal(screen.app, t("ret.exported", count=count, path=path))

    def chosen(path: str | None) -> None:
        if path:
            screen.run_worker(write(path), group="export")

    screen.app.push_screen(PathDialog(t("ret.export_title"), t("ret.export_path"), str(default),
                                      warning=t("ret.export_warning"), help_key="ret.export_help"), chosen)


HOLD_FIELDS = ("reason", "owner", "ends_on")


def hold_dialog(case: str, organisation: str) -> FormDialog:
    """Reason, owner and end date of a legal hold; dismissed with a valid LegalHold or None."""
    fields = [FieldSpec("reason", t("ret.hold_reason"), max_length=limit_of(LegalHold, "reason")),
              FieldSpec("owner", t("ret.hold_owner"), value=organisation, max_length=limit_of(LegalHold, "owner")),
              FieldSpec("ends_on", t("ret.hold_ends"), "date", show_date(clock.today() + dt.timedelta(days=365)))]

    def check(values: dict) -> tuple[LegalHold | None, dict[str, str]]:
        data, errors = parse_dates(values, ["ends_on"])
        return build(LegalHold, data, errors, only=HOLD_FIELDS), errors

    return FormDialog(t("ret.hold_title", case=case), fields, check, ids=FormIds("hold-", "err-"),
                      help_key="ret.hold_help")


def destroy_dialog(count: int) -> FormDialog:
    """Type the confirmation word: destruction cannot be undone. Dismissed with True or None."""
    word = t("ret.confirm_word")

    def check(values: dict) -> tuple[bool, dict[str, str]]:
        typed = str(values["word"]).strip() == word
        return typed, {} if typed else {"word": t("ret.confirm_mismatch", word=word)}

    return FormDialog(t("ret.confirm_title"), [FieldSpec("word", t("ret.confirm_type", word=word), max_length=40)],
                      check, intro=t("ret.confirm_text", count=count), ids=FormIds("confirm-", "confirm-error-"),
                      help_key="ret.confirm_help")


