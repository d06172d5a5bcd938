"""End to end in tmux (issue 14, item 5): a second signal about a person whose case is in monitoring,
taken in at the intake, then the case's one-page summary and what changed since the last weighing
and since the last meeting, with the new signal among the changes."""

from __future__ import annotations

from drive import drive, search_and_open, unlock

# Milan Bakker (13-08-1976) has the demo's case PGA-2024-00012 in monitoring: the intake finds him
# and adds the signal to that case. From the date of birth, Tab goes past address, phone, BSN, gender,
# the "existing person" box, municipality, director, received on and received by to the source; the
# ideologies are ticked with the space bar (the third).
SCRIPT = unlock("gemeente", "demo-kluis-regie") + """
type n
expect Nieuw signaal
type Milan Bakker
keys Tab
type 13-08-1976
expect open casus (PGA-2024-00012)
keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
keys Enter
keys Down Enter
keys Tab
keys Down Down Space
keys Tab
keys Enter
keys Down Down Enter
keys Tab
type Zoekt online contact met een extremistische groep
keys C-s
expect Signaal opgeslagen
type /
expect Zoek op naam
""" + search_and_open("bakker", "Milan Bakker") + """expect Dossier PGA-2024-00012
expect Zoekt online contact met een extremistische groep
keys s
expect Samenvatting PGA-2024-00012
expect Laatste weging
expect Opnemen in de PGA
expect Open actiepunten
keys c
expect sinds de laatste weging
expect Nieuwe signalen
expect Zoekt online contact met een extremistische groep
keys t
expect sinds het laatste casusoverleg
expect Zoekt online contact met een extremistische groep
keys Escape
expect Samenvatting PGA-2024-00012
keys m
expect sinds het laatste casusoverleg
keys C-q
exit
"""


def test_second_signal_then_summary_and_changes_since_weighing_and_meeting(demo_vault):
    result = drive(SCRIPT, "open", str(demo_vault), timeout=600)
    assert result.returncode == 0, result.stderr
