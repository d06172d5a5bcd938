"""End to end in a real terminal (tmux via ../shared/tools/tui-drive): on the demo vault, see the
overdue cases, place a hold on one, destroy the others, export the destruction report."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from drive import drive


pytestmark = pytest.mark.slow

# Enter (not the Ctrl+S priority key) submits the forms: it is handled after the typed characters.
SCRIPT = """
expect Demo-accounts
sleep 0.5
type gemeente
keys Enter
sleep 0.3
type demo-kluis-regie
keys Enter
expect Aangemeld als gemeente
sleep 0.5
keys b
expect Bewaartermijnen van afgesloten casussen
expect termijn verstreken
sleep 0.5
# the cursor is on the most urgent case: keep it for a complaint
keys h
expect Vernietigingsstop vastleggen
type Klacht bij de Nationale ombudsman loopt nog
sleep 0.3
keys Enter
expect Vernietigingsstop vastgelegd
expect 1 vernietigingsstop
sleep 0.5
keys v
expect Te vernietigen casussen
expect 0 van {overdue} casussen geselecteerd
keys a
expect {overdue} van {overdue} casussen geselecteerd
keys d
expect Definitief vernietigen
type VERNIETIGEN
sleep 0.3
keys Enter
expect Klaar: {overdue} casussen vernietigd, 0 overgeslagen
sleep 0.5
keys e
expect onversleuteld
keys C-u
type {report}
sleep 0.3
keys Enter
expect geschreven naar
sleep 0.5
keys Escape
expect Bewaartermijnen van afgesloten casussen
expect 0 verstreken
sleep 0.3
keys C-q
exit
"""


def pgatui(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pgatui", *args], input=stdin, capture_output=True, text=True,
                          timeout=120)


def test_hold_one_overdue_case_destroy_the_others_and_export_the_report(demo_vault, tmp_path):
    vault, report = demo_vault, tmp_path / "vernietigingsrapport.csv"
    before = json.loads(pgatui("retention", str(vault), "--as", "gemeente", "--json", "--password-stdin",
                               stdin="demo-kluis-regie\n").stdout)
    overdue = [row["case"] for row in before if row["state"] == "overdue"]
    assert len(overdue) >= 2, "the demo vault needs at least two overdue closed cases"
    script = SCRIPT.format(overdue=len(overdue) - 1, report=report)
    result = drive(script, str(vault), size="120x36", timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    after = json.loads(pgatui("retention", str(vault), "--as", "gemeente", "--json", "--password-stdin",
                              stdin="demo-kluis-regie\n").stdout)
    states = {row["case"]: row["state"] for row in after}
    assert states[overdue[0]] == "on_hold" and not any(case in states for case in overdue[1:])
    lines = report.read_text().splitlines()
    assert lines[0].startswith("casus,regel") and sorted(line.split(",")[0] for line in lines[1:]) == sorted(overdue[1:])
