"""End to end in tmux: the README's demo path (the unlock screen shows the demo accounts, unlock with
one of them, the help), then take in a signal for a new person (a gender, two ideologies ticked with
the space bar), find them, open the file (both ideologies and the gender shown), lock."""

from __future__ import annotations

from drive import drive, search_and_open, unlock

SCRIPT = """
expect demo-kluis-regie
""" + unlock("gemeente", "demo-kluis-regie") + """
expect Aangemeld als gemeente
keys F1
expect Toetsen op dit scherm
keys Escape
expect Mijn taken
sleep 0.5
type n
expect Nieuw signaal
sleep 0.5
type Ottoline Eindtoets
keys Tab
sleep 0.2
type 1999-12-31
sleep 0.2
keys Tab Tab Tab Tab
sleep 0.2
keys Enter
sleep 0.3
keys Up Up Enter
sleep 0.3
keys Tab Tab Tab Tab Tab
sleep 0.2
keys Enter
sleep 0.3
keys Down Enter
sleep 0.3
keys Tab
sleep 0.2
keys Space Down Down Down Down Down Down Space
sleep 0.3
keys Tab
sleep 0.2
keys Enter
sleep 0.3
keys Down Down Enter
sleep 0.3
keys Tab
sleep 0.2
type Plakt stickers van een verboden groep op lantaarnpalen
sleep 0.3
keys C-s
expect Signaal opgeslagen
sleep 0.5
type /
expect Zoek op naam
sleep 0.3
""" + search_and_open("eindtoe", "Ottoline Eindtoets") + """expect Plakt stickers
expect 31-12-1999
expect Gender: Vrouw
expect Jihadistisch, Gemengd of onduidelijk
sleep 0.3
keys C-l
expect Kluis ontgrendelen
absent Ottoline
sleep 0.3
keys C-q
exit
"""


def test_demo_unlock_help_intake_then_search_then_file_then_lock(demo_vault):
    result = drive(SCRIPT, "demo", str(demo_vault), timeout=600)
    assert result.returncode == 0, result.stderr
