"""Shared test helpers (tests/ is on sys.path via pytest's `pythonpath`)."""

from __future__ import annotations

ADMIN, ADMIN_PW = "anna", "een-lang-wachtwoord"
CANARY = "KANARIE-7f3a-onvindbaar"


def canary_rows(path) -> int:
    from pgatui.vault import open_vault

    with open_vault(path, ADMIN, ADMIN_PW) as vault:
        return vault.conn.execute("SELECT count(*) FROM canary").fetchone()[0]
