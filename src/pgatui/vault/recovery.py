"""Break glass: what the recovery code printed by `init` lets an administrator do.

Opened with the recovery code (`open_with_recovery`, audited with actor 'herstelcode'), the vault
lets its holder give an account a new one-time password or add a new administrator, and then
always replaces the recovery code itself: the code that was used stops working. Slots get fresh
key pairs (the old password-encrypted private key cannot be opened without the old password);
every other field of a slot stays as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from pgatui.domain.passwords import generate_one_time_password, generate_recovery_code
from pgatui.domain.roles import Role
from pgatui.errors import UsageError
from pgatui.vault import crypto, keyring, throttle
from pgatui.vault.vault import OpenVault, open_with_recovery

_KEY_FIELDS = ("public_key", "kdf", "private_key", "sealed")


@dataclass(frozen=True)
class Recovery:
    login: str               # the account that got a one-time password (reset or new)
    one_time_password: str
    recovery_code: str       # the new code; the old one no longer opens the vault


def recover(path, code: str, *, reset: str | None = None, new_admin: str | None = None,
            organisation: str | None = None) -> Recovery:
    """Open with `code`, reset `reset` or add administrator `new_admin`, and renew the code."""
    if (reset is None) == (new_admin is None):
        raise UsageError("recovery.choose_one")
    with open_with_recovery(path, code) as vault:
        if reset is not None:
            login, password = reset_password(vault, reset)
        else:
            login = new_admin.strip().lower()
            password = vault.add_user(login, Role.BEHEERDER, organisation or vault.user.organisation)
        return Recovery(login, password, renew_recovery_code(vault))


def reset_password(vault: OpenVault, login: str) -> tuple[str, str]:
    """A new one-time password for an existing account (must be changed at first login)."""
    slot = keyring.find_slot(vault._ring, login)
    if slot is None or slot["kind"] != "user":
        vault.audit_refusal("recovery.password_reset", object_id=f"user:{login.strip().lower()}")
        raise UsageError("user.unknown", login=login.strip().lower())
    password = generate_one_time_password()
    fresh, private = _fresh_keys(vault, slot, password)  # argon2 before the write lock

    def rekey(ring: dict) -> None:
        vault.replace_slot_keys(ring, keyring.find_slot(ring, slot["login"]), {**fresh, "must_change_password": True},
                                private)

    with vault.transaction():
        vault.audit("recovery.password_reset", object_id=f"user:{slot['login']}")
        vault._update_ring(rekey)
    throttle.clear_failures(vault.path, throttle.account_key(slot["login"], vault.vault_id, True))
    return slot["login"], password


def renew_recovery_code(vault: OpenVault) -> str:
    """Replace the recovery slot's keys under a new code; returns the code (show it once)."""
    slot = keyring.find_slot(vault._ring, keyring.RECOVERY_LOGIN)
    code = generate_recovery_code()
    fresh, private = _fresh_keys(vault, slot, code)

    def rekey(ring: dict) -> None:
        vault.replace_slot_keys(ring, keyring.find_slot(ring, keyring.RECOVERY_LOGIN), fresh, private)

    with vault.transaction():
        vault.audit("recovery.code_renew", object_id=f"user:{keyring.RECOVERY_LOGIN}")
        vault._update_ring(rekey)
    return code


def _fresh_keys(vault: OpenVault, slot: dict, secret: str) -> tuple[dict, bytes]:
    """New key pair, password key and sealed data key for `slot` (only the key fields), and the
    new private key (the signing key and the witness are sealed to it next)."""
    private, public = crypto.new_keypair()
    made = {"login": slot["login"], "public_key": crypto.b64(public), "sealed": {}}
    keyring.set_password(vault._ring, made, private, secret)
    keyring.seal_for(vault._ring, made, vault.generation, vault._data_key)
    return {name: made[name] for name in _KEY_FIELDS}, private
