"""Retention: for any case at any date, its deadline, the rule, and its state.

Month arithmetic: N months after a date lands on the same day number, or on the last day of
the month when that day does not exist (31 Jan + 1 month = 28/29 Feb; 29 Feb 2024 + 12 months =
28 Feb 2025). The deadline day itself is still within the term; destruction is due the day after.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from enum import StrEnum
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

from pgatui.assets import asset_path
from pgatui.domain.models import LegalHold, Phase, WeighingOutcome


class RetentionState(StrEnum):
    NOT_STARTED = "not_started"  # the case is still open
    RUNNING = "running"
    WARNING = "warning"
    OVERDUE = "overdue"
    ON_HOLD = "on_hold"


class Rule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    id: str
    applies_to: dict
    keep_months: int
    after: str
    source: str


class Policy(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    version: str
    adopted: str
    note: str
    rules: tuple[Rule, ...]


class RetentionFacts(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    phase: Phase
    last_substantive_on: dt.date
    last_outcome: WeighingOutcome | None = None
    holds: tuple[LegalHold, ...] = ()


class Verdict(BaseModel):
    model_config = ConfigDict(frozen=True)
    rule_id: str | None
    event_on: dt.date | None
    deadline: dt.date | None
    state: RetentionState
    days_left: int | None = None
    warning_level: int | None = None  # 90, 30 or 7: how close the deadline is
    hold_ends_on: dt.date | None = None


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@lru_cache(maxsize=4)
def load_policy(name: str = "retention-policy.json") -> Policy:
    return Policy.model_validate(json.loads(asset_path(name).read_text(encoding="utf-8")))


def rule_for(policy: Policy, facts: RetentionFacts) -> Rule:
    for rule in policy.rules:
        outcomes = rule.applies_to.get("closed_after_outcome")
        if outcomes is None or (facts.last_outcome is not None and facts.last_outcome.value in outcomes):
            return rule
    raise ValueError(f"retention policy {policy.version} has no rule for this case")


def assess(policy: Policy, facts: RetentionFacts, today: dt.date, *, warning_days: int = 90,
           marks: tuple[int, ...] = (30, 7)) -> Verdict:
    """The retention verdict for one case on `today`: a pure function of policy, facts and date."""
    if facts.phase not in (Phase.AFGESLOTEN,):
        return Verdict(rule_id=None, event_on=None, deadline=None, state=RetentionState.NOT_STARTED)
    rule = rule_for(policy, facts)
    deadline = add_months(facts.last_substantive_on, rule.keep_months)
    days_left = (deadline - today).days
    active = [h for h in facts.holds if h.active_on(today)]
    base = {"rule_id": rule.id, "event_on": facts.last_substantive_on, "deadline": deadline, "days_left": days_left}
    if active:
        return Verdict(**base, state=RetentionState.ON_HOLD, hold_ends_on=max(h.ends_on for h in active))
    if days_left < 0:
        return Verdict(**base, state=RetentionState.OVERDUE)
    if days_left <= warning_days:
        level = min([warning_days, *[m for m in marks if days_left <= m]])
        return Verdict(**base, state=RetentionState.WARNING, warning_level=level)
    return Verdict(**base, state=RetentionState.RUNNING)


def next_review(last_review_or_inclusion: dt.date, interval_months: int = 12) -> dt.date:
    return add_months(last_review_or_inclusion, interval_months)
