"""Management figures without any person in them (issue 16): periods, age bands, percentiles
from a histogram, and small-cell suppression. Pure: the vault counts, this decides what is shown.

Suppression rule (documented in docs/ARCHITECTURE.md, "Figures"):

1. Primary: a count of 1 to 4 is shown as "<5". 0 and 5 or more are shown as they are
   (0 names nobody; 5 is the first count shown).
2. Secondary, per group: a group is the cells of one table whose total is shown (the signals by
   source, by month, the outcomes, ...). When exactly one cell of a group is suppressed, the
   total minus the other shown cells would give it back, so the smallest other non-zero cell is
   hidden too, shown as "x". A group total of 1 to 4 is itself "<5".
3. Anything computed from a suppressed count (a share, a percentile over fewer than 5 cases) is
   not shown ("-").

A cell hidden by rule 2 is never "<5": it is 5 or more, and saying "<5" would be false.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from pgatui.domain.models import Weighing
from pgatui.domain.roles import CORE_PARTNERS
from pgatui.errors import InvalidValue

SMALL = 5  # counts below this (and above 0) are never shown
SMALL_TEXT = "<5"
HIDDEN_TEXT = "x"  # hidden so that a "<5" cannot be recovered from the total
NOT_SHOWN = "-"

# Age at the signal's date, in bands (lower bound inclusive, label). The youngest band is
# separate because minors are handled with the Raad voor de Kinderbescherming.
AGE_BANDS: tuple[tuple[int, str], ...] = ((0, "0-11"), (12, "12-17"), (18, "18-22"), (23, "23-29"),
                                          (30, "30-39"), (40, "40+"))


@dataclass(frozen=True)
class Cell:
    """One count as it may be shown: the value stays for computing, `text` is what people see."""

    value: int
    hidden: str | None = None  # None: shown; SMALL_TEXT or HIDDEN_TEXT

    @property
    def text(self) -> str:
        return self.hidden or str(self.value)

    @property
    def shown(self) -> bool:
        return self.hidden is None


def coded(codes: type[Enum] | None, code: str):
    """The member of `codes` stored as `code`, or the code itself (an age band, a month, a code
    an older pgatui stored that this one no longer knows)."""
    try:
        return codes(code) if codes is not None else code
    except ValueError:
        return code


def primary(value: int) -> Cell:
    return Cell(value, SMALL_TEXT if 0 < value < SMALL else None)


def suppress(counts: Sequence[int]) -> tuple[Cell, ...]:
    """The cells of one group (rules 1 and 2 of the module doc), in the order given."""
    cells = [primary(v) for v in counts]
    if sum(not c.shown for c in cells) == 1:
        candidates = [i for i, c in enumerate(cells) if c.shown and c.value > 0]
        if candidates:
            smallest = min(candidates, key=lambda i: (cells[i].value, i))
            cells[smallest] = Cell(cells[smallest].value, HIDDEN_TEXT)
    return tuple(cells)


def share(part: Cell, whole: Cell) -> str:
    """`part` as a whole percentage of `whole`, or "-" when either is not shown or whole is 0."""
    if not (part.shown and whole.shown) or whole.value == 0:
        return NOT_SHOWN
    return f"{round(100 * part.value / whole.value)}%"


@dataclass(frozen=True)
class Group:
    """A table of counts with its total: labels (codes) and their cells, in display order."""

    rows: tuple[tuple[str, Cell], ...]
    total: Cell

    @classmethod
    def of(cls, counts: Mapping[str, int], order: Iterable[str] = (), *, total: int | None = None) -> Group:
        """A group of `counts` (every code of `order` first, zero if absent, then the others).
        `total` defaults to the sum; give it where one item counts in more rows (ideologies)."""
        codes = list(dict.fromkeys([*order, *counts]))
        cells = suppress([counts.get(code, 0) for code in codes])
        return cls(tuple(zip(codes, cells)), primary(sum(counts.values()) if total is None else total))

    def value(self, code: str) -> int:
        return next(cell.value for c, cell in self.rows if c == code)

    def cell(self, code: str) -> Cell:
        return next(cell for c, cell in self.rows if c == code)


@dataclass(frozen=True)
class LeadTime:
    """Days between two steps over the cases that took both: median and 90th percentile."""

    cases: Cell
    median: int | None  # None when fewer than SMALL cases (rule 3)
    p90: int | None

    def text(self, value: int | None) -> str:
        return NOT_SHOWN if value is None else str(value)


def percentile(histogram: Mapping[int, int], percent: int) -> int:
    """The nearest-rank percentile of a histogram {value: count} (50: the median)."""
    total = sum(histogram.values())
    if total == 0:
        raise InvalidValue("figures.empty_histogram")
    rank = max(1, -(-total * percent // 100))  # ceil in integers: 0.9 * 10 is not exactly 9 in floats
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return value
    return max(histogram)


def lead_time(histogram: Mapping[int, int]) -> LeadTime:
    cases = sum(histogram.values())
    if cases < SMALL:
        return LeadTime(primary(cases), None, None)
    return LeadTime(primary(cases), percentile(histogram, 50), percentile(histogram, 90))


def age_band(age: int) -> str:
    """The band of an age (a negative one, a date of birth after the signal, in the youngest)."""
    return next(label for lower, label in reversed(AGE_BANDS) if max(age, 0) >= lower)


def age_on(born: dt.date, on: dt.date) -> int:
    """Whole years from `born` to `on` (one less before the birthday)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def by_band(ages: Mapping[int, int]) -> dict[str, int]:
    """Counts per age (from the vault) summed into AGE_BANDS."""
    bands = {label: 0 for _, label in AGE_BANDS}
    for age, count in ages.items():
        bands[age_band(age)] += count
    return bands


def all_core_partners(weighing: Weighing) -> bool:
    """Gemeente, politie and OM were all present and each recorded its view (the letter's demand)."""
    viewed = frozenset(v.role for v in weighing.views)
    return all(role in weighing.present and role in viewed for role in CORE_PARTNERS)


def last_passed(today: dt.date, months: int) -> dt.date:
    """The latest date whose term of `months` has passed by `today` (add_months(day, months) < today).

    add_months never decreases as the day grows, so "the term from DAY has passed" is exactly
    DAY <= this date: the vault counts files past a retention or dormancy term with one comparison.
    """
    from pgatui.domain.retention import add_months

    day = add_months(today, -months)
    while add_months(day, months) >= today:
        day -= dt.timedelta(days=1)
    while add_months(day + dt.timedelta(days=1), months) < today:
        day += dt.timedelta(days=1)
    return day


# --- periods ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    """From and to, both inclusive."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidValue("figures.period_reversed")

    def months(self) -> list[str]:
        """Every month of the period as YYYY-MM, in order."""
        months, year, month = [], self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            months.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months


def this_year(today: dt.date) -> Period:
    return Period(dt.date(today.year, 1, 1), today)


def last_12_months(today: dt.date) -> Period:
    """The twelve whole months before this one, and this month so far."""
    year, month = (today.year - 1, today.month + 1) if today.month < 12 else (today.year, 1)
    return Period(dt.date(year, month, 1), today)


def last_quarter(today: dt.date) -> Period:
    """The last whole calendar quarter before today's."""
    first_month = 3 * ((today.month - 1) // 3) + 1
    end = dt.date(today.year, first_month, 1) - dt.timedelta(days=1)
    start = dt.date(end.year, end.month - 2, 1)
    return Period(start, end)


PRESETS = {"this_year": this_year, "last_12_months": last_12_months, "last_quarter": last_quarter}
