"""Shared test helpers (tests/ is on sys.path via pytest's `pythonpath`)."""

from __future__ import annotations

ADMIN, ADMIN_PW = "anna", "een-lang-wachtwoord"
CANARY = "KANARIE-7f3a-onvindbaar"


def canary_rows(path) -> int:
    from pgatui.vault import open_vault

    with open_vault(path, ADMIN, ADMIN_PW) as vault:
        return vault.conn.execute("SELECT count(*) FROM canary").fetchone()[0]


def exported_text(path) -> str:
    """The text a reader of an export sees: a PDF's text layer (its streams are compressed, so
    searching the bytes would prove nothing), otherwise the file as UTF-8."""
    from pathlib import Path

    path = Path(path)
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return path.read_text(encoding="utf-8")
