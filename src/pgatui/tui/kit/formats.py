"""How values look on screen and how typed dates are read: one format for every screen.

    show_date(day)            '12-03-2026' (dd-mm-jjjj), '-' for None
    show_moment(moment)       '12-03-2026 14:05' in local time
    DATE_HINT / date_hint()   'dd-mm-jjjj': the one hint beside every date field
    parse_date(text)          date | None (empty); raises DateProblem with a Dutch sentence
                              ('31-02-2026 bestaat niet.', 'Vul een datum in als dd-mm-jjjj.')
    show_duration(seconds)    '5 min', '1 u 20 min'; show_days(n) '1 dag', '12 dagen'
    meeting_name(day)         'Casusoverleg 12-03-2026' (a meeting is named by its date)
    label(member), labels(members), shown_name(name, shared_screen): coded values and names
    key_name(binding)         'Ctrl+L', 'F1', 'Esc': a key as people name it (help, palette)
"""

from __future__ import annotations

import datetime as dt
import re

from textual.keys import format_key

from pgatui.domain.models import SEALED
from pgatui.domain.text import initials
from pgatui.messages import finding_text
from pgatui.tui.i18n import SCREEN_DATE, has, language, t
from pgatui.tui.strings.codes import code_key

# What people type: day-month-year with -, / or ., and ISO (pasted from another system).
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


class DateProblem(ValueError):
    """A typed date that cannot be read; str() is the sentence to show beside the field."""


def date_hint() -> str:
    """The one hint for a date field, in the current language ('dd-mm-jjjj')."""
    return t("kit.date_hint")


DATE_HINT = "dd-mm-jjjj"


def show_date(day: dt.date | None) -> str:
    return day.strftime(SCREEN_DATE) if day else "-"


def show_moment(moment: dt.datetime | str | None) -> str:
    """A moment as 'dd-mm-jjjj uu:mm' in local time; also an ISO text as the vault stores it."""
    if not moment:
        return "-"
    if isinstance(moment, str):
        try:
            moment = dt.datetime.fromisoformat(moment)
        except ValueError:
            return moment
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime(f"{SCREEN_DATE} %H:%M")


def parse_date(text: str) -> dt.date | None:
    """The date typed as dd-mm-jjjj (also d-m-jjjj, with / or ., or ISO); None when empty."""
    text = text.strip()
    if not text:
        return None
    if found := _DAY_MONTH_YEAR.match(text):
        day, month, year = (int(part) for part in found.groups())
    elif found := _ISO.match(text):
        year, month, day = (int(part) for part in found.groups())
    else:
        raise DateProblem(t("kit.date_unreadable"))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateProblem(t("kit.date_missing_day", text=text)) from None


def date_or_none(text: str) -> dt.date | None:
    """parse_date, with None also for text that is not a date (the form then says why)."""
    try:
        return parse_date(text)
    except DateProblem:
        return None


def show_duration(seconds: float) -> str:
    minutes = max(0, round(seconds / 60))
    if minutes < 60:
        return t("kit.minutes", minutes=minutes)
    return t("kit.hours", hours=minutes // 60, minutes=minutes % 60)


def show_days(days: int) -> str:
    return t("kit.day") if days == 1 else t("kit.days", days=days)


def meeting_name(day: dt.date) -> str:
    """A meeting is named by its date: 'Casusoverleg 12-03-2026'."""
    return t("kit.meeting_name", date=show_date(day))


def label(member) -> str:
    """A coded value's label in the current language (catalogue `code.<Enum>.<value>`), else the
    code made readable."""
    if member is None:
        return "-"
    if hasattr(member, "value") and has(code_key(member)):
        return t(code_key(member))
    return str(getattr(member, "value", member)).replace("_", " ")


# How keys are named for people (F1 help, the palette): "Ctrl+L", not Textual's "^l".
_KEY_NAMES = {"escape": "Esc", "enter": "Enter", "tab": "Tab", "delete": "Del",
              "backspace": "Backspace", "pageup": "PgUp", "pagedown": "PgDn", "home": "Home", "end": "End"}


def key_name(binding) -> str:
    """A binding's key as people name it: modifiers named ("Ctrl+S", "Shift+Tab"), function keys in
    capitals, a plain letter as typed; a binding's own key_display wins."""
    if binding.key_display:
        return binding.key_display
    modifiers, key = binding.parse_key()
    shown = ("Spatie" if language() == "nl" else "Space") if key == "space" else _KEY_NAMES.get(key) or format_key(key)
    if (len(shown) == 1 and modifiers) or (shown[:1] == "f" and shown[1:].isdigit()):
        shown = shown.upper()  # "Ctrl+L", "F1"; a plain letter stays as typed ("n", not Shift+N)
    return "+".join([*(m.capitalize() for m in modifiers), shown])


def labels(members) -> str:
    """Several coded values (a signal's ideologies) as their labels, in their order; "-" for none."""
    return ", ".join(label(m) for m in members) or "-"


def shown_name(name: str, shared_screen: bool) -> str:
    return initials(name) if shared_screen and name != SEALED else name


def finding(found: str) -> str:
    """A problem a check found (verify, a backup, the audit chain) in the screen's language."""
    return finding_text(found, language())
