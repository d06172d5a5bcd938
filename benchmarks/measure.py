"""Figures with budgets: median of repeated runs, printed as one table with PASS or FAIL."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    name: str
    measured: float
    budget: float
    unit: str
    higher_is_better: bool = False
    note: str = ""

    @property
    def passed(self) -> bool:
        return self.measured >= self.budget if self.higher_is_better else self.measured <= self.budget

    def row(self) -> str:
        sign = "≥" if self.higher_is_better else "≤"
        verdict = "PASS" if self.passed else "FAIL"
        return (f"{self.name:<58} {sign} {_fmt(self.budget, self.unit):>12}  {_fmt(self.measured, self.unit):>12}  "
                f"{verdict}{'  ' + self.note if self.note else ''}")


def _fmt(value: float, unit: str) -> str:
    if unit == "s" and value < 1:
        return f"{value * 1000:.0f} ms"
    if unit == "x":
        return f"{value:.2f}×"
    if unit in ("s",):
        return f"{value:.2f} s"
    return f"{value:,.0f} {unit}"


def seconds(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_seconds(action: Callable[[], object], runs: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        action()
    return statistics.median(seconds(action) for _ in range(runs))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def header() -> str:
    return f"{'figure':<58}   {'budget':>12}  {'measured':>12}  result"
