"""End to end in a real terminal (tmux via ../shared/tools/tui-drive): the README's demo path."""

from __future__ import annotations

from drive import drive

SCRIPT = """
expect Demo-accounts
expect demo-kluis-regie
sleep 0.5
type gemeente
sleep 0.3
keys Enter
sleep 0.3
type demo-kluis-regie
sleep 0.3
keys Enter
expect Aangemeld als gemeente
keys F1
expect Toetsen op dit scherm
sleep 0.3
keys Escape
sleep 0.5
keys C-l
expect Kluis ontgrendelen
sleep 0.3
keys C-q
exit
"""


def test_demo_vault_opens_and_unlocks_with_the_accounts_it_shows(tmp_path):
    result = drive(SCRIPT, "demo", str(tmp_path / "demo.pgavault"), size="100x32", timeout=180)
    assert result.returncode == 0, result.stderr
