"""Changing accounts after they were made (issue 15): re-enable, reset, role and scope.

Each change is one keyring write under the keyring lock, inside the transaction that holds its
audit event (OpenVault._update_ring), so a failed keyring write also takes the event back.
The caller (pgatui.services.administration) checks the administrator's fresh password first.
"""

from __future__ import annotations

from pgatui.domain.passwords import generate_one_time_password
from pgatui.domain.roles import Role
from pgatui.errors import AccessDenied, UsageError
from pgatui.vault import keyring, membership, throttle
from pgatui.vault.recovery import _fresh_keys
from pgatui.vault.vault import OpenVault


def _user_slot(ring: dict, login: str) -> dict:
    slot = keyring.find_slot(ring, login)
    if slot is None or slot["kind"] != "user":
        raise UsageError("user.unknown", login=login)
    return slot


def _not_self(vault: OpenVault, login: str) -> None:
    if login == vault.user.login:
        raise UsageError("user.not_own_account")


def enable_user(vault: OpenVault, login: str) -> None:
    """Allow logins again. A key rotation since the disabling took the slot's sealed keys away:
    the current data key is sealed to the slot's public key again (no password needed)."""
    login = login.strip().lower()
    _not_self(vault, login)

    def enable(ring: dict) -> None:
        slot = _user_slot(ring, login)
        slot["disabled"] = False
        if str(ring["generation"]) not in slot["sealed"]:
            keyring.seal_for(ring, slot, ring["generation"], bytes(vault._data_key))

    with vault.transaction():
        vault.audit("user.enable", object_id=f"user:{login}")
        vault._update_ring(enable)


def reset_password(vault: OpenVault, login: str) -> str:
    """A new one-time password (changed at the first login); the old password stops working."""
    login = login.strip().lower()
    _not_self(vault, login)
    slot = _user_slot(vault._ring, login)
    password = generate_one_time_password()
    fresh, private = _fresh_keys(vault, slot, password)  # argon2 before the write lock

    def rekey(ring: dict) -> None:
        vault.replace_slot_keys(ring, _user_slot(ring, login), {**fresh, "must_change_password": True}, private)

    with vault.transaction():
        vault.audit("user.reset", object_id=f"user:{login}")
        vault._update_ring(rekey)
    throttle.clear_failures(vault.path, throttle.account_key(login, vault.vault_id, True))
    return password


def change_account(vault: OpenVault, login: str, *, role: Role, organisation_id: int,
                   municipalities: list[int] | None) -> None:
    """A new role, organisation and municipalities for `login` (all three given, already checked).

    The role is in the certificate of the slot's signing key: a new signing key is certified for
    the new role and the old one is retired, so the user's past events keep verifying. A new
    beheerder gets the root key; a former one loses it.
    """
    login = login.strip().lower()
    _not_self(vault, login)
    organisation = vault._organisation(vault.conn, organisation_id, role, register=False)

    def change(ring: dict) -> None:
        slot = _user_slot(ring, login)
        signed = "root_public" in ring
        if signed and vault._root_private is None:
            raise AccessDenied("user.no_root_key")
        if signed and slot["role"] != role.value:
            keyring.retire_signer(ring, slot)
            slot["role"] = role.value
            keyring.equip_slot(ring, slot, vault._root_private)
            slot.pop("root_key", None)
            if role is Role.BEHEERDER:
                keyring.grant_root(ring, slot, vault._root_private)
        slot.update(role=role.value, organisation=organisation.name, organisation_id=organisation.id,
                    municipalities=municipalities)
        # A municipality (or organisation) taken away: out of its compartment, which gets a new
        # generation the remaining members re-seal at their next session (as after a disabling).
        for compartment in membership.leave_lost(ring, login):
            vault.audit("compartment.member.remove", object_id=f"compartment:{compartment}")
        vault._audit_all(membership.sync(ring, vault._municipality_ids(), vault._known_chains))  # one gained

    with vault.transaction():
        vault.audit("user.change", object_id=f"user:{login}")
        vault._update_ring(change)
