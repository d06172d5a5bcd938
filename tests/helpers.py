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

class cheap_kdf:  # noqa: N801 - used as `with cheap_kdf():`, like a function
    """New slots get the tests' cheap argon2 parameters inside the block (stored per slot, so
    unlocking those slots later is cheap too, also in a subprocess). For session- and
    module-scoped fixtures, which are set up before the autouse `fast_kdf` fixture of a test."""

    def __enter__(self):
        from pgatui.vault import crypto

        self._before = crypto.kdf_for_new_slots()
        crypto.use_kdf_for_new_slots(crypto.FAST_KDF_FOR_TESTS)

    def __exit__(self, *exc):
        from pgatui.vault import crypto

        crypto.use_kdf_for_new_slots(self._before)


def copy_vault(template, folder):
    """A copy of a vault folder made once per test session: cheaper than making it again, and the
    copy is the test's own (no witness of it exists yet in the test's own state folder)."""
    import shutil

    return shutil.copytree(template, folder)


def blind_index_tables() -> str:
    """The blind index's tables as migration 0018 makes them (for tests that build a bare schema)."""
    import re
    from importlib import resources

    migration = (resources.files("pgatui.vault") / "migrations" / "0018_compartments.sql").read_text(encoding="utf-8")
    tables = re.findall(r"CREATE TABLE blind_index\w*\s*\(.*?\) WITHOUT ROWID;", migration, flags=re.S)
    assert len(tables) == 2, "migration 0018 no longer makes the two blind index tables"
    return "\n".join(tables)
