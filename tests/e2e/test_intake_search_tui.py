"""End to end in tmux: unlock the demo, take in a signal for a new person, find them, open the file, lock."""

from __future__ import annotations

from drive import drive, unlock

SCRIPT = unlock("gemeente", "demo-kluis-regie") + """
type n
expect Nieuw signaal
sleep 0.5
type Ottoline Eindtoets
keys Tab
sleep 0.2
type 1999-12-31
sleep 0.2
keys Tab Tab Tab Tab Tab Tab Tab Tab
sleep 0.2
keys Enter
sleep 0.3
keys Down Enter
sleep 0.3
keys Tab
sleep 0.2
keys Enter
sleep 0.3
keys Down Down Down Enter
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
type eindtoe
expect Ottoline Eindtoets
sleep 0.3
keys Enter
sleep 0.3
keys Enter
expect Plakt stickers
expect 1999-12-31
sleep 0.3
keys C-l
expect Kluis ontgrendelen
absent Ottoline
sleep 0.3
keys C-q
exit
"""


def test_intake_then_search_then_file_then_lock(tmp_path):
    result = drive(SCRIPT, "demo", str(tmp_path / "demo.pgavault"), timeout=240)
    assert result.returncode == 0, result.stderr
