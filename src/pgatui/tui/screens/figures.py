"""The figures screen (issue 16): counts for a period and a municipality, tables with charts.

Everything shown comes suppressed from pgatui.services.figures (which authorises, audits and
decides what toezicht sees); this screen only lays it out. Each chart has its numbers in a table
beside it, and a hidden count ("<5" or "x") gets no bar: its height would give it away. Charts
are textual-plotext (bars for the months, horizontal bars for the path as a funnel).
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static
from textual_plotext import PlotextPlot

from pgatui import clock
from pgatui.domain.enums import Gender, Ideology, Phase, SourceKind, WeighingOutcome
from pgatui.domain.figures import PRESETS, Cell, Group, LeadTime, Period, coded, share
from pgatui.errors import AccessDenied, InvalidValue
from pgatui.services import figures as svc
from pgatui.tui.base import PgaScreen
from pgatui.tui.i18n import t
from pgatui.tui.kit.dialogs import ChoiceDialog, FormDialog, PathDialog
from pgatui.tui.kit.formats import label, show_date
from pgatui.tui.kit.forms import FieldSpec, FormIds, parse_dates
from pgatui.tui.routes import route
from pgatui.tui.safe import notify_literal, user_line
from pgatui.tui.widgets import PgaFooter, PgaHeader

CHART_HEIGHT = 12
MONTH_TICKS = 6  # month labels under the bars, so they fit at 80 columns


def _table(rows: list[tuple[str, Cell, str]], total: Cell | None = None) -> list[Content]:
    """Our own labels and counts (no user text) as aligned lines: label, count, share. Drawn as
    text: a Rich table of the same took ~80 ms a render at the screen's size, and the screen
    renders its parts more than once (measuring heights); these lines cost a few ms."""
    heading = t("fig.columns").split("|")
    body = [(text, cell.text, part) for text, cell, part in rows]
    if total is not None:
        body.append((t("fig.total"), total.text, ""))
    widths = [max(len(row[i]) for row in (heading, *body)) for i in range(3)]

    def line(row) -> str:
        return f" {row[0]:<{widths[0]}}  {row[1]:>{widths[1]}}  {row[2]:>{widths[2]}}".rstrip()

    lines = [Content.styled(line(heading), "bold"), *(Content(line(row)) for row in body)]
    if total is not None:
        lines[-1] = Content.styled(line(body[-1]), "bold")
    return lines


def _titled(key: str, table: list[Content]) -> Content:
    """The table under its heading, the heading wrapped at the table's width (a chart is beside it)."""
    width = max(line.cell_length for line in table)
    heading = [Content.styled(part, "bold") for part in textwrap.wrap(t(key), max(width, 20))]
    return Content("\n").join([*heading, *table])


def _group_rows(group: Group, codes=None, key: str | None = None) -> list[tuple[str, Cell, str]]:
    def name(code: str) -> str:
        if key:
            return t(f"{key}.{code}")
        return label(coded(codes, code))

    return [(name(code), cell, share(cell, group.total)) for code, cell in group.rows]


def _lead_rows(what: str, lead: LeadTime) -> list[tuple[str, Cell, str]]:
    name = t(f"fig.lead.{what}")
    shown = lambda value: Cell(0, lead.text(value))  # noqa: E731 - a number of days, not a count
    return [(t("fig.lead.cases", what=name), lead.cases, ""), (t("fig.lead.median", what=name), shown(lead.median), ""),
            (t("fig.lead.p90", what=name), shown(lead.p90), "")]


class Chart(PlotextPlot):
    """A plotext chart that builds its picture once per size and data: Textual renders a widget
    more than once while a screen settles (measuring, then drawing), and each plotext build
    took ~25 ms. The screen calls `drawn()` after it plotted new data."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._version = 0
        self._built: tuple[tuple, object] | None = None

    def drawn(self) -> None:
        self._version += 1
        self.refresh()

    def render(self):
        if not self._version:  # nothing plotted yet: an empty frame, not a build of no data
            return ""
        key = (self._version, self.size, self.app.theme)
        if self._built is None or self._built[0] != key:
            self._built = (key, super().render())
        return self._built[1]


def _bar_values(cells: list[Cell]) -> list[int]:
    """Bar heights: a hidden count draws no bar (its height would give it away)."""
    return [cell.value if cell.shown else 0 for cell in cells]


@route("figures")
class FiguresScreen(PgaScreen):
    HELP_KEY = "fig.help"
    BINDINGS = [
        Binding("p", "period", "key.fig_period", id="fig.period"),
        Binding("k", "preset", "key.fig_preset", id="fig.preset"),
        Binding("g", "municipality", "key.fig_municipality", id="fig.municipality"),
        Binding("e", "export", "key.fig_export", id="fig.export"),
        Binding("escape", "back", "key.back", id="fig.back"),
    ]
    DEFAULT_CSS = """
    FiguresScreen #figures { height: 1fr; padding: 0 1; }
    FiguresScreen .fig-part { height: auto; margin-top: 1; }
    FiguresScreen .fig-part > Static { width: auto; height: auto; margin-right: 2; }
    FiguresScreen .fig-chart { width: 1fr; height: %d; min-width: 30; }
    FiguresScreen .fig-heading { text-style: bold; margin-top: 1; }
    """ % CHART_HEIGHT

    def __init__(self, start: int = 0, end: int = 0, municipality: int = 0) -> None:
        super().__init__()
        # Route parameters are ints: the period as date ordinals (0: this year), 0 for every municipality.
        self.period = (Period(dt.date.fromordinal(start), dt.date.fromordinal(end)) if start and end
                       else PRESETS["this_year"](clock.today()))
        self.municipality = municipality or None
        self._figures: svc.Figures | None = None

    def compose(self):
        yield PgaHeader()
        with VerticalScroll(id="figures"):
            yield Static(Content(t("fig.title")), classes="title")
            yield Static("", id="fig-filter")
            yield Static(Content(t("fig.suppression")), id="fig-note", classes="hint")
            yield Static(Content(t("fig.loading")), id="fig-status")
            with Horizontal(classes="fig-part", id="fig-months-part"):
                yield Static("", id="fig-months")
                yield Chart(id="fig-months-chart", classes="fig-chart")
            with Horizontal(classes="fig-part"):
                yield Static("", id="fig-path")
                yield Chart(id="fig-path-chart", classes="fig-chart")
            yield Static("", id="fig-tables")
        yield PgaFooter()

    def route_params(self) -> dict[str, int | bool]:
        return {"start": self.period.start.toordinal(), "end": self.period.end.toordinal(),
                "municipality": self.municipality or 0}

    def forget(self) -> None:
        self._figures = None

    def on_mount(self) -> None:
        self.query_one("#figures", VerticalScroll).focus()
        self.load()

    def load(self) -> None:
        self.run_worker(self._load(), exclusive=True, group="figures")

    async def _load(self) -> None:
        outcome = await self.app.attempt(svc.figures, self.period, self.municipality)  # a failure is a notice
        if not outcome.ok:
            if isinstance(outcome.error, AccessDenied):  # and stays said on the screen
                self.query_one("#fig-status", Static).update(Content(outcome.text or t("fig.denied")))
            return
        self._figures = outcome.value
        self._show(outcome.value)

    # --- showing -----------------------------------------------------------------------------------

    def _show(self, shown: svc.Figures) -> None:
        where = dict(shown.municipalities).get(shown.municipality, "") if shown.municipality else t("fig.all")
        self.query_one("#fig-filter", Static).update(user_line(t(
            "fig.filter", start=show_date(shown.period.start), end=show_date(shown.period.end), municipality=where)))
        status = t("fig.process_only") if shown.process_only else t("fig.signals", count=shown.signals.text)
        self.query_one("#fig-status", Static).update(Content(status))
        self._show_months(shown)
        self._show_path(shown)
        self.query_one("#fig-tables", Static).update(self._tables(shown))

    def _show_months(self, shown: svc.Figures) -> None:
        part = self.query_one("#fig-months-part")
        part.display = shown.months is not None
        if shown.months is None:
            return
        rows = [(code[5:] + "-" + code[:4], cell, "") for code, cell in shown.months.rows]  # MM-YYYY
        self.query_one("#fig-months", Static).update(_titled("fig.months", _table(rows, shown.months.total)))
        plot = self.query_one("#fig-months-chart", Chart)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        months = [code[5:] for code, _ in shown.months.rows]
        plt.bar(months, _bar_values([c for _, c in shown.months.rows]))
        # Our own ticks, at most MONTH_TICKS of them: plotext's choice depends on what it drew before.
        every = -(-len(months) // MONTH_TICKS)
        plt.xticks(list(range(1, len(months) + 1, every)), months[::every])
        plt.title(t("fig.months"))
        plot.drawn()

    def _show_path(self, shown: svc.Figures) -> None:
        rows = [(t(f"fig.path.{s.step}"), s.count, s.of_first) for s in shown.path]
        self.query_one("#fig-path", Static).update(_titled("fig.path", _table(rows)))
        plot = self.query_one("#fig-path-chart", Chart)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        # A funnel: one horizontal bar per step, the first on top.
        steps = list(reversed(shown.path))
        plt.bar([t(f"fig.step.{s.step}") for s in steps], _bar_values([s.count for s in steps]),
                orientation="horizontal")
        plt.title(t("fig.path"))
        plot.drawn()

    def _tables(self, shown: svc.Figures) -> Content:
        parts = []
        if not shown.process_only:
            parts += [_titled("fig.sources", _table(_group_rows(shown.sources, SourceKind), shown.sources.total)),
                      _titled("fig.ideologies", _table(_group_rows(shown.ideologies, Ideology), shown.ideologies.total)),
                      _titled("fig.ages", _table(_group_rows(shown.ages), shown.ages.total)),
                      _titled("fig.genders", _table(_group_rows(shown.genders, Gender), shown.genders.total)),
                      _titled("fig.outcomes", _table(_group_rows(shown.outcomes, WeighingOutcome),
                                                     shown.outcomes.total)),
                      _titled("fig.room_ideologies", _table(_group_rows(shown.room_ideologies, Ideology),
                                                            shown.room_ideologies.total))]
        parts += [
            _titled("fig.core", _table([(t("fig.core.first"), shown.first_weighings, ""),
                                        (t("fig.core.complete"), shown.complete_weighings, shown.complete_share)])),
            _titled("fig.lead", _table(_lead_rows("to_weighing", shown.to_weighing)
                                       + _lead_rows("to_meeting", shown.to_meeting))),
            _titled("fig.open", _table(_group_rows(shown.open_phases, Phase), shown.open_phases.total)),
            _titled("fig.overdue", _table(_group_rows(shown.overdue, key="fig.overdue"), shown.overdue.total)),
            _titled("fig.retention", _table([(t("fig.dormant"), shown.dormant, ""),
                                             (t("fig.destroyed"), shown.destroyed, ""),
                                             (t("fig.destruction_due"), shown.destruction_due, "")])),
        ]
        return Content("\n\n").join(parts)

    # --- choosing ----------------------------------------------------------------------------------

    def _choose(self, period: Period | None = None, municipality: int | None | bool = False) -> None:
        if period is not None:
            self.period = period
        if municipality is not False:
            self.municipality = municipality
        self.query_one("#figures", VerticalScroll).focus()  # the keys scroll again after a dialog
        self.load()

    def action_period(self) -> None:
        fields = [FieldSpec("start", t("fig.period_from"), "date", show_date(self.period.start)),
                  FieldSpec("end", t("fig.period_to"), "date", show_date(self.period.end))]

        def check(values: dict) -> tuple[Period | None, dict[str, str]]:
            data, errors = parse_dates(values, ["start", "end"])
            for name in ("start", "end"):
                if data.get(name) is None:
                    errors.setdefault(name, t("fig.date_missing"))
            if errors:
                return None, errors
            try:
                return Period(data["start"], data["end"]), {}
            except InvalidValue:
                return None, {"end": t("fig.period_reversed")}

        def chosen(period: Period | None) -> None:
            if period is not None:
                self._choose(period=period)

        self.app.push_screen(FormDialog(t("fig.period_title"), fields, check, ids=FormIds("fig-", "fig-err-"),
                                        help_key="fig.help"), chosen)

    def action_preset(self) -> None:
        names = list(PRESETS)

        def chosen(index: int | None) -> None:
            if index is not None:
                self._choose(period=PRESETS[names[index]](clock.today()))

        self.app.push_screen(ChoiceDialog(t("fig.preset_title"), [t(f"fig.preset.{n}") for n in names]), chosen)

    def action_municipality(self) -> None:
        options = [(None, t("fig.all"))] + list(self._figures.municipalities if self._figures else ())

        def chosen(index: int | None) -> None:
            if index is not None:
                self._choose(municipality=options[index][0])

        self.app.push_screen(ChoiceDialog(t("fig.municipality_title"), [name for _, name in options]), chosen)

    def action_export(self) -> None:
        suggested = f"cijfers-{self.period.start.isoformat()}-{self.period.end.isoformat()}.csv"

        async def write(path: str) -> None:
            written = await self.app.call(svc.export_figures, self.period, self.municipality, path)
            if written is not None:
                notify_literal(self.app, t("fig.exported", path=written))

        def chosen(path) -> None:
            if path:
                self.run_worker(write(str(path)), group="figures-export")

        # The kit's export dialog with our own label: figures also go out as CSV.
        self.app.push_screen(PathDialog(t("export.title"), t("fig.export_path"), str(Path.home() / suggested),
                                        warning=t("export.warning"), help_key="fig.help", input_id="export-path"),
                             chosen)

    def action_back(self) -> None:
        self.forget()
        self.leave()
