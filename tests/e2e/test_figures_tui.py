"""End to end in a real terminal (tmux via ../shared/tools/tui-drive), issue 16: on the demo vault
the gemeente opens the figures, changes the period, takes the last-quarter quick pick and back,
and exports the CSV; the file is read back and holds what the services count for that period."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from drive import drive

from pgatui import clock
from pgatui.domain.figures import Period
from pgatui.services import figures as svc
from pgatui.services.exporting import CONFIDENTIAL
from pgatui.services.session import Session
from pgatui.vault import open_vault

pytestmark = pytest.mark.slow

START = "01-01-2017"  # before the demo's oldest signal: every signal of the demo is counted

# Each step waits for what the screen shows, never for a time.
SCRIPT = """
expect Demo-accounts
type gemeente
keys Enter
type demo-kluis-regie
keys Enter
expect Aangemeld als gemeente
keys c
expect Signalen per maand
expect Signalen in de periode
keys k
expect Snelkeuze voor de periode
keys Down Down Enter
expect Periode {quarter}
keys p
expect Periode van de cijfers
keys C-u
type {start}
keys Tab C-u
type {end}
keys Enter
expect Periode {start} t/m {end}
keys e
expect NIET versleuteld
keys C-u
type {target}
keys Enter
expect Cijfers geëxporteerd naar
keys C-q
exit
"""


def test_change_the_period_and_export_the_csv(demo_vault, tmp_path):
    today = clock.today()
    target = tmp_path / "cijfers.csv"
    quarter_start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    last_quarter_end = quarter_start - dt.timedelta(days=1)
    quarter = f"{dt.date(last_quarter_end.year, last_quarter_end.month - 2, 1):%d-%m-%Y} t/m {last_quarter_end:%d-%m-%Y}"
    script = SCRIPT.format(quarter=quarter, start=START, end=f"{today:%d-%m-%Y}", target=target)
    run = drive(script, "demo", str(demo_vault))
    assert run.returncode == 0, run.stdout + run.stderr

    rows = list(csv.reader(target.read_text(encoding="utf-8").splitlines()))
    assert rows[0] == [CONFIDENTIAL] and rows[-1] == [CONFIDENTIAL]
    assert rows[1] == [f"Cijfers persoonsgerichte aanpak, {START} t/m {today:%d-%m-%Y}"]
    with open_vault(demo_vault, "gemeente", "demo-kluis-regie") as vault:
        period = Period(dt.date(2017, 1, 1), today)
        expected = svc.figures_csv(svc.figures_document(svc.figures(Session(vault), period)))
        exports = vault.conn.execute("SELECT object_id FROM audit_log WHERE action = 'figures.export'").fetchall()
    assert rows == list(csv.reader(expected.splitlines()))
    assert exports == [(f"figures:2017-01-01/{today.isoformat()}/alle",)]
    by_label = {(r[0], r[1]): r[2] for r in rows if len(r) == 4}
    assert by_label[("Signalen naar bron", "Totaal")] not in ("0", "<5")  # the whole demo is counted
