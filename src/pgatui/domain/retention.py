"""Retention: for any case at any date, its rule, the event it runs from, its deadline and state.

A pure function of (policy, facts, today): a new policy version simply gives new verdicts, so
a policy change recomputes every deadline without touching stored data.

Month arithmetic (`add_months`): N months after a date lands on the same day number, or on the
last day of the month when that day does not exist: 31 Jan + 1 month = 28 (or 29) Feb, and
29 Feb 2024 + 12 months = 28 Feb 2025. We chose the end of the shorter month rather than 1 March
because it never extends a term beyond what the rule says (keeping data too long harms the
person). The deadline day itself is still within the term; a file is overdue from the next day.

Missing event dates: a rule may run from an event whose date the caller does not know (older
records). The term then runs from the last substantive event, which is never earlier than any
other event, so a gap in the data can only delay destruction, never make it premature (an
irreversible mistake). The verdict says so (`event_estimated`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from enum import StrEnum
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field, model_validator

from pgatui.assets import asset_path
from pgatui.domain.enums import Phase, WeighingOutcome
from pgatui.domain.models import LegalHold
from pgatui.errors import DomainError, InvalidValue

POLICY_FILE = "retention-policy.json"


class RecordKind(StrEnum):
    """What a rule governs. A case file holds the person, signals, weighings and its minutes."""

    CASUS = "casus"  # a case taken into the PGA
    SIGNAAL = "signaal"  # a closed case whose signals were never taken into the PGA
    OPEN_DOSSIER = "open_dossier"  # an open case: when it counts as dormant (no destruction)
    AUDIT = "audit"  # the audit log's events (stated; the log is append-only)
    VERNIETIGINGSVERSLAG = "vernietigingsverslag"  # destruction and disposal records (stated)


# Record kinds whose rules the overview applies to case files; the others are stated for the FG.
CASE_KINDS = frozenset({RecordKind.CASUS, RecordKind.SIGNAAL})


class RetentionEvent(StrEnum):
    LAST_SUBSTANTIVE = "last_substantive_event"  # last discussion, weighing or closure: the latest
    CLOSURE = "closure"
    LAST_DISCUSSION = "last_discussion"
    WEIGHING_CONCLUDED = "weighing_concluded"  # for signals that led to no inclusion
    RECORDED = "recorded"  # an audit event or destruction record: from the moment it is written


class RetentionState(StrEnum):
    NOT_STARTED = "not_started"  # the case is still open
    RUNNING = "running"
    WARNING = "warning"
    OVERDUE = "overdue"
    ON_HOLD = "on_hold"
    DORMANT = "dormant"  # open, but no substantive event for the dormancy term
    JUSTIFIED = "justified"  # was dormant; a recorded justification keeps it open (clock restarted)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Rule(_Frozen):
    """`keep keep_months months after EVENT` for a record kind, optionally only after some outcomes."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    record_kind: RecordKind = RecordKind.CASUS
    outcomes: frozenset[WeighingOutcome] | None = None  # None: any outcome (the catch-all)
    keep_months: int = Field(ge=1, le=1200)
    after: RetentionEvent
    source: str = Field(min_length=1)  # the legal source text, shown to toezicht
    settled: bool  # False where the law does not settle the term (the Wet PGA does not, yet)

    def matches(self, kind: RecordKind, outcome: WeighingOutcome | None) -> bool:
        if kind is not self.record_kind:
            return False
        return self.outcomes is None or (outcome is not None and outcome in self.outcomes)


class Policy(_Frozen):
    version: str = Field(min_length=1, max_length=40)
    adopted: dt.date
    note: str
    rules: tuple[Rule, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids_and_a_catch_all_per_kind(self) -> Policy:
        ids = [r.id for r in self.rules]
        if len(set(ids)) != len(ids):
            raise InvalidValue("policy.rule_ids_twice")
        kinds = {r.record_kind for r in self.rules}
        covered = {r.record_kind for r in self.rules if r.outcomes is None}
        if kinds - covered:
            raise InvalidValue("policy.catch_all_missing")
        return self


class RetentionFacts(_Frozen):
    """What retention looks at for one case; the services fill it from the vault."""

    phase: Phase
    last_substantive_on: dt.date
    last_outcome: WeighingOutcome | None = None
    holds: tuple[LegalHold, ...] = ()
    closed_on: dt.date | None = None
    last_discussion_on: dt.date | None = None
    weighing_concluded_on: dt.date | None = None
    record_kind: RecordKind = RecordKind.CASUS


class Verdict(_Frozen):
    rule_id: str | None
    event_on: dt.date | None
    deadline: dt.date | None
    state: RetentionState
    days_left: int | None = None  # negative when overdue
    warning_level: int | None = None  # the tightest mark reached (e.g. 90, 30 or 7)
    hold_ends_on: dt.date | None = None
    event: RetentionEvent | None = None
    event_estimated: bool = False  # the rule's own event date was unknown (see module doc)
    policy_version: str | None = None

    @property
    def destruction_due(self) -> bool:
        """Only an overdue case without an active hold may be destroyed."""
        return self.state is RetentionState.OVERDUE


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus `months` calendar months, clamped to the end of a shorter month."""
    year, month_index = divmod(day.month - 1 + months, 12)
    year += day.year
    month = month_index + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@lru_cache(maxsize=4)
def load_policy(name: str = POLICY_FILE) -> Policy:
    """The shipped policy file (the services may keep a newer version in the vault)."""
    return parse_policy(asset_path(name).read_text(encoding="utf-8"))


def parse_policy(text: str) -> Policy:
    """A policy from JSON text, for example one an administrator installs as a new version."""
    return Policy.model_validate(json.loads(text))


def rule_for(policy: Policy, facts: RetentionFacts) -> Rule:
    """The first rule of the policy that matches the facts (the catch-all comes last).

    A policy written before signals had their own kind (2026-1) has only case rules: a signal
    then falls under those, as it did when that policy was adopted."""
    kinds = {r.record_kind for r in policy.rules}
    kind = facts.record_kind if facts.record_kind in kinds or facts.record_kind not in CASE_KINDS else RecordKind.CASUS
    for rule in policy.rules:
        if rule.matches(kind, facts.last_outcome):
            return rule
    raise DomainError("retention.no_rule", version=policy.version)


def case_kind(last_outcome: WeighingOutcome | None) -> RecordKind:
    """A closed case is a PGA case once a weighing took the person in, else a signal never taken in."""
    return RecordKind.CASUS if last_outcome is WeighingOutcome.OPNEMEN else RecordKind.SIGNAAL


# --- dormant open files ---------------------------------------------------------------------------

DEFAULT_DORMANT_MONTHS = 24  # when the policy in force states no rule for open files


class Dormancy(_Frozen):
    """Whether an open file is dormant: no substantive event (or justification) for the term."""

    state: RetentionState | None  # DORMANT, JUSTIFIED, or None when the file is active
    quiet_since: dt.date  # the later of the last substantive event and the last justification
    dormant_on: dt.date  # when it is (or becomes) dormant
    rule_id: str | None


def dormancy_months(policy: Policy) -> tuple[int, str | None]:
    """The dormancy term of the policy in force and its rule id (the default when it has none)."""
    rule = next((r for r in policy.rules if r.record_kind is RecordKind.OPEN_DOSSIER), None)
    return (rule.keep_months, rule.id) if rule else (DEFAULT_DORMANT_MONTHS, None)


def dormancy(policy: Policy, last_substantive_on: dt.date, justified_on: dt.date | None, today: dt.date) -> Dormancy:
    """An open file is dormant once the term has passed since the later of its last substantive
    event and its last justification; a justification that restarted the clock shows as justified."""
    months, rule_id = dormancy_months(policy)
    quiet_since = max(d for d in (last_substantive_on, justified_on) if d is not None)
    dormant_on = add_months(quiet_since, months)
    if today > dormant_on:
        state = RetentionState.DORMANT
    elif justified_on is not None and justified_on >= last_substantive_on:
        state = RetentionState.JUSTIFIED
    else:
        state = None
    return Dormancy(state=state, quiet_since=quiet_since, dormant_on=dormant_on, rule_id=rule_id)


def event_date(facts: RetentionFacts, event: RetentionEvent) -> tuple[dt.date, bool]:
    """The date `event` happened, and whether it had to be estimated (see module doc)."""
    known = {
        RetentionEvent.CLOSURE: facts.closed_on,
        RetentionEvent.LAST_DISCUSSION: facts.last_discussion_on,
        RetentionEvent.WEIGHING_CONCLUDED: facts.weighing_concluded_on,
    }
    latest = max(d for d in (facts.last_substantive_on, *known.values()) if d is not None)
    if event is RetentionEvent.LAST_SUBSTANTIVE:
        return latest, False
    return (known[event], False) if known[event] is not None else (latest, True)


def active_holds(holds: tuple[LegalHold, ...], today: dt.date) -> list[LegalHold]:
    return [h for h in holds if h.active_on(today)]


def assess(policy: Policy, facts: RetentionFacts, today: dt.date, *, warning_days: int = 90,
           marks: tuple[int, ...] = (30, 7)) -> Verdict:
    """The retention verdict for one case on `today`.

    `warning_days` and `marks` come from the settings (Settings.retention_warning_days/marks).
    """
    held = active_holds(facts.holds, today)
    hold_ends_on = max((h.ends_on for h in held), default=None)
    if facts.phase is not Phase.AFGESLOTEN:
        return Verdict(rule_id=None, event_on=None, deadline=None, state=RetentionState.NOT_STARTED,
                       hold_ends_on=hold_ends_on, policy_version=policy.version)
    rule = rule_for(policy, facts)
    event_on, estimated = event_date(facts, rule.after)
    deadline = add_months(event_on, rule.keep_months)
    days_left = (deadline - today).days
    verdict = Verdict(rule_id=rule.id, event_on=event_on, deadline=deadline, days_left=days_left,
                      state=RetentionState.RUNNING, event=rule.after, event_estimated=estimated,
                      hold_ends_on=hold_ends_on, policy_version=policy.version)
    if held:
        return verdict.model_copy(update={"state": RetentionState.ON_HOLD})
    if days_left < 0:
        return verdict.model_copy(update={"state": RetentionState.OVERDUE})
    level = warning_level(days_left, warning_days, marks)
    if level is not None:
        return verdict.model_copy(update={"state": RetentionState.WARNING, "warning_level": level})
    return verdict


def warning_level(days_left: int, warning_days: int, marks: tuple[int, ...]) -> int | None:
    """The tightest of the warning window and the marks that `days_left` falls within, or None."""
    reached = [limit for limit in (warning_days, *marks) if 0 <= days_left <= limit]
    return min(reached) if reached else None


def next_review(last_review_or_inclusion: dt.date, interval_months: int = 12) -> dt.date:
    """When a case is next reviewed: the last review (or the inclusion) plus the interval setting."""
    return add_months(last_review_or_inclusion, interval_months)


def review_due(next_review_on: dt.date | None, today: dt.date) -> bool:
    return next_review_on is not None and next_review_on <= today
