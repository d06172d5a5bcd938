"""The minutes form of one case: its rows (shared information, risk, interventions, actions), the
informing decision and the next review; `MinutesForm.draft()` reads it into a MinutesDraft and
says per part what is not complete yet (kit messages: 'Wettelijke grondslag: Dit veld is verplicht.')."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Select, Static, TextArea

from pgatui.domain.models import (ActionItemInput, CaseMinutes, InformingDecision, InterventionInput,
                                  InterventionKind, MinutesDraft, RiskAssessment, SharedInformation)
from pgatui.tui.i18n import t
from pgatui.tui.kit.formats import DateProblem, label, parse_date, show_date
from pgatui.tui.kit.forms import build, parse_dates
from pgatui.tui.safe import user_cell, user_line

# The repeating parts of the minutes: the model of one row and its fields, line by line.
# Field kinds: text, org (text with organisation suggestions), date, area, kind (intervention kind).
GROUPS: dict[str, tuple[type[BaseModel], list[list[tuple[str, str]]]]] = {
    "shared": (SharedInformation, [[("supplied_by", "org"), ("legal_basis", "text")], [("text", "area")]]),
    "risk": (RiskAssessment, [[("instrument", "text"), ("assessed_on", "date"), ("outcome", "text")]]),
    "interventions": (InterventionInput, [[("kind", "kind"), ("owner_partner", "org"), ("starts_on", "date"),
                                           ("evaluate_on", "date")], [("description", "text")]]),
    "actions": (ActionItemInput, [[("description", "text")],
                                  [("owner", "text"), ("owner_organisation", "org"), ("due_on", "date")]]),
}
INFORMING = (("informed_on", "date"), ("informed_by", "text"), ("reason_not_to", "text"), ("reconsider_on", "date"))


def _build(model: type[BaseModel], raw: dict[str, str], kinds: dict[str, str]) -> BaseModel:
    """`model` from the raw strings of a row; ValueError with the first problem ('Wettelijke
    grondslag: Dit veld is verplicht.') when that cannot be done. Empty dates are left out."""
    dates = [name for name in raw if kinds.get(name) == "date"]
    data, errors = parse_dates({n: v for n, v in raw.items() if v.strip() or n != "kind"}, dates)
    data = {n: v for n, v in data.items() if not (n in dates and v is None)}
    built = build(model, data, errors)
    if built is None:
        field, message = next(iter(errors.items()))
        raise ValueError(f"{t(f'mt.f.{field}')}: {message}" if field in raw else message)
    return built


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return show_date(value)
    return str(getattr(value, "value", value))


# --- the widgets of the minutes form --------------------------------------------------------------

class MinutesRow(Vertical):
    """One row of a repeating part (a shared item, an intervention, ...), edited in place."""

    def __init__(self, group: str, values: dict[str, str], organisations: list[str]) -> None:
        super().__init__(classes="mt-row")
        self.group = group
        self._values = values
        self._organisations = organisations

    def compose(self):
        _, lines = GROUPS[self.group]
        for line in lines:
            with Horizontal(classes="mt-line"):
                for name, kind in line:
                    with Vertical(classes=f"mt-cell mt-cell-{kind}"):
                        yield Static(Content(t(f"mt.f.{name}")), classes="mt-cell-label")
                        yield _field_widget(name, kind, self._values.get(name, ""), self._organisations)
        yield Static("", classes="error mt-row-error")

    def raw(self) -> dict[str, str]:
        return {name: _read(self.query_one(f".v-{name}")) for line in GROUPS[self.group][1] for name, _ in line}

    def kinds(self) -> dict[str, str]:
        return {name: kind for line in GROUPS[self.group][1] for name, kind in line}

    def show_error(self, message: str) -> None:
        self.query_one(".mt-row-error", Static).update(user_line(message and t("mt.not_saved", problem=message)))


def _field_widget(name: str, kind: str, value: str, organisations: list[str]) -> Widget:
    classes = f"v-{name} mt-value"
    if kind == "area":
        return TextArea(value, classes=f"{classes} mt-area", compact=True)
    if kind == "kind":
        options = [(user_cell(label(k)), k.value) for k in InterventionKind]
        return Select(options, value=value or Select.NULL, prompt=t("kit.choose"), classes=classes, compact=True)
    # No suggester (type-ahead) here: with fast typing in a real terminal it replaced typed text.
    placeholder = t("mt.date_placeholder") if kind == "date" else ""
    return Input(value, placeholder=placeholder, classes=classes, compact=True, select_on_focus=False)


def _read(widget: Widget) -> str:
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Select):
        return widget.value if isinstance(widget.value, str) else ""
    return widget.value


class RowGroup(Vertical):
    """A repeating part of the minutes: a heading and its rows (Ctrl+N adds one, Ctrl+R removes one)."""

    def __init__(self, group: str, rows: list[dict[str, str]], organisations: list[str]) -> None:
        super().__init__(classes=f"mt-group mt-group-{group}")
        self.group = group
        self._initial = rows
        self._organisations = organisations

    def compose(self):
        yield Static(Content(t(f"mt.group.{self.group}")), classes="subtitle")
        yield Static(Content(t("mt.group_hint")), classes="hint")
        has_org = any(kind == "org" for line in GROUPS[self.group][1] for _, kind in line)
        if has_org and self._organisations:
            yield Static(user_line(t("mt.known_orgs", organisations=", ".join(self._organisations))), classes="hint")
        for values in self._initial or [{}]:  # an empty row to type in: it is skipped while empty
            yield MinutesRow(self.group, values, self._organisations)

    def rows(self) -> list[MinutesRow]:
        return list(self.query(MinutesRow))

    async def add_row(self) -> MinutesRow:
        row = MinutesRow(self.group, {}, self._organisations)
        await self.mount(row)
        row.query(".mt-value").first().focus()
        row.scroll_visible()
        return row


class MinutesForm(Vertical):
    """The editable minutes of one case item."""

    def __init__(self, case_id: int, minutes: CaseMinutes | None, organisations: list[str]) -> None:
        super().__init__(classes="mt-form")
        self.case_id = case_id
        self._minutes = minutes or MinutesDraft()
        self._organisations = organisations

    def compose(self):
        m = self._minutes
        yield RowGroup("shared", [_dump(s, "shared") for s in m.shared], self._organisations)
        yield RowGroup("risk", [_dump(r, "risk") for r in m.risk], self._organisations)
        yield Static(Content(t("mt.decisions")), classes="subtitle")
        yield TextArea(m.decisions, classes="x-decisions mt-text")
        yield Static(Content(t("mt.goals")), classes="subtitle")
        yield Static(Content(t("mt.goals_hint")), classes="hint")
        yield TextArea("\n".join(m.goals), classes="x-goals mt-text")
        yield Static("", classes="error x-err-goals")
        yield RowGroup("interventions", [_dump(i, "interventions") for i in m.interventions], self._organisations)
        yield RowGroup("actions", [_dump(a, "actions") for a in m.actions], self._organisations)
        yield Static(Content(t("mt.informing")), classes="subtitle")
        yield Static(Content(t("mt.informing_hint")), classes="hint")
        informing = m.informing
        with Horizontal(classes="mt-line"):
            for name, kind in INFORMING:
                with Vertical(classes=f"mt-cell mt-cell-{kind}"):
                    yield Static(Content(t(f"mt.f.{name}")), classes="mt-cell-label")
                    yield _field_widget(f"inf-{name}", kind, _as_text(getattr(informing, name, None)), [])
        yield Static("", classes="error x-err-informing")
        yield Static(Content(t("mt.next_review")), classes="subtitle")
        yield Input(_as_text(m.next_review_on), placeholder=t("mt.date_placeholder"), classes="x-next_review",
                    compact=True, select_on_focus=False)
        yield Static("", classes="error x-err-next_review")

    def draft(self) -> tuple[MinutesDraft, dict[str, str]]:
        """The draft of what is typed now, leaving out what is not complete, with those problems."""
        errors: dict[str, str] = {}
        parts: dict = {}
        for group in self.query(RowGroup):
            model, _ = GROUPS[group.group]
            built = []
            for index, row in enumerate(group.rows()):
                raw = row.raw()
                if not any(v.strip() for v in raw.values()):
                    continue
                try:
                    built.append(_build(model, raw, row.kinds()))
                except ValueError as exc:
                    errors[f"{group.group}:{index}"] = str(exc)
            parts[group.group] = tuple(built)
        parts["decisions"] = self.query_one(".x-decisions", TextArea).text.strip()
        goals = tuple(line.strip() for line in self.query_one(".x-goals", TextArea).text.splitlines() if line.strip())
        if any(len(goal) > 2000 for goal in goals):
            errors["goals"] = t("mt.goal_too_long")
            goals = tuple(goal for goal in goals if len(goal) <= 2000)
        parts["goals"] = goals
        raw = {name: self.query_one(f".v-inf-{name}", Input).value for name, _ in INFORMING}
        if any(v.strip() for v in raw.values()):
            try:
                parts["informing"] = _build(InformingDecision, raw, dict(INFORMING))
            except ValueError as exc:
                errors["informing"] = str(exc)
        try:
            parts["next_review_on"] = parse_date(self.query_one(".x-next_review", Input).value)
        except DateProblem as problem:
            errors["next_review"] = f"{t('mt.next_review')}: {problem}"
        found: dict[str, str] = {}
        draft = build(MinutesDraft, parts, found)
        if draft is None:  # e.g. decisions longer than the model allows
            errors["decisions"] = next(iter(found.values()))
            parts.pop("decisions")
            draft = MinutesDraft(**parts)
        return draft, errors

    def show_errors(self, errors: dict[str, str]) -> None:
        for group in self.query(RowGroup):
            for index, row in enumerate(group.rows()):
                row.show_error(errors.get(f"{group.group}:{index}", ""))
        for name in ("goals", "informing", "next_review"):
            message = errors.get(name, "")
            self.query_one(f".x-err-{name}", Static).update(user_line(message and t("mt.not_saved", problem=message)))


def _dump(record: BaseModel, group: str) -> dict[str, str]:
    return {name: _as_text(getattr(record, name)) for line in GROUPS[group][1] for name, _ in line}
