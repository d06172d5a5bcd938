"""What an exception that is not a PgaError stands for, for the CLI's and the TUI's last line
of defence: a database that is busy (VaultBusy) or damaged (VaultDamaged), else None."""

from __future__ import annotations

from pgatui.errors import PgaError, VaultDamaged
from pgatui.vault import db


def database_failure(exc: BaseException) -> PgaError | None:
    """VaultBusy for SQLite's 'database is locked', VaultDamaged for another database error."""
    if not isinstance(exc, db.DatabaseError):
        return None
    if db.is_busy(exc):
        return db.busy_or_damaged(exc)
    return VaultDamaged("database.damaged_run_verify")
