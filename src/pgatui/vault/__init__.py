"""The encrypted store: SQLCipher, key slots, rotation, the audit chain, backups. No Textual."""

from pgatui.vault.backup import restore_backup
from pgatui.vault.vault import (
    OpenVault, UserInfo, VerifyReport, change_password, create_vault, demo_accounts, open_vault,
    open_with_recovery,
)

__all__ = [
    "OpenVault", "UserInfo", "VerifyReport", "change_password", "create_vault", "demo_accounts",
    "open_vault", "open_with_recovery", "restore_backup",
]
