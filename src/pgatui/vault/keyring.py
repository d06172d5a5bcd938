"""keyring.json: one key slot per user plus a recovery slot, MAC'd with the data key.

Layout (all binary values base64):

    {"format": 1, "vault_id": "...", "demo": false, "generation": 3,
     "rotation": null | {"from": 3, "to": 4},
     "audit_head": {"seq": 120, "hash": "..."},
     "slots": [{"login", "kind": "user"|"recovery", "role", "organisation", "organisation_id",
                "municipalities": [ids] | null (all), "disabled",
                "must_change_password", "public_key", "kdf": {salt, time_cost, memory_kib,
                parallelism}, "private_key": {nonce, ct}, "sealed": {"3": {eph, nonce, ct}}}],
     "mac": "hex"}

The MAC is HMAC-SHA256 over the canonical JSON of everything but "mac", keyed by HKDF of the
data key of `generation`. It binds every slot and public key to the data key: whoever does not
hold the data key cannot add a slot or swap a public key unnoticed.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path

from pgatui.errors import VaultDamaged
from pgatui.vault import crypto
from pgatui.vault.files import canonical_json, exclusive_lock, write_json_atomic

KEYRING = "keyring.json"
RECOVERY_LOGIN = "herstelcode"  # the break-glass slot
LOCK_FILE = ".keyring.lock"


@dataclass(frozen=True)
class UnlockedSlot:
    """What a correct password gives: the slot's private key and the data keys it can open."""

    login: str
    private_key: bytes
    data_keys: dict[int, bytes]


def mac_key(data_key: bytes) -> bytes:
    return crypto.hkdf(data_key, b"pgatui keyring mac v1")


def compute_mac(ring: dict, data_key: bytes) -> str:
    body = {k: v for k, v in ring.items() if k != "mac"}
    return crypto.mac(mac_key(data_key), canonical_json(body))


def load(folder: Path) -> dict:
    try:
        ring = json.loads((folder / KEYRING).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise VaultDamaged("De sleutelring (keyring.json) is onleesbaar of ontbreekt.") from exc
    if not _well_formed(ring):
        raise VaultDamaged("De sleutelring (keyring.json) heeft een onbekende vorm.")
    return ring


_SLOT_FIELDS = {"login": str, "kind": str, "role": str, "organisation": str, "disabled": bool,
                "must_change_password": bool, "public_key": str, "kdf": dict, "private_key": dict,
                "sealed": dict}
_KDF_LIMITS = {"time_cost": (1, 64), "memory_kib": (8, 4 * 1024 * 1024), "parallelism": (1, 16)}


def _well_formed(ring) -> bool:
    """The shape the code relies on, so an edited keyring is 'damaged' (exit 4), never a crash.

    The KDF limits also stop an edited slot from asking argon2 for absurd memory.
    """
    if not isinstance(ring, dict) or ring.get("format") != 1:
        return False
    head, rotation = ring.get("audit_head"), ring.get("rotation")
    return (isinstance(ring.get("vault_id"), str) and type(ring.get("generation")) is int
            and isinstance(head, dict) and type(head.get("seq")) is int and isinstance(head.get("hash"), str)
            and (rotation is None or (isinstance(rotation, dict)
                                      and all(type(rotation.get(k)) is int for k in ("from", "to"))))
            and isinstance(ring.get("slots"), list) and all(_slot_well_formed(s) for s in ring["slots"]))


def _slot_well_formed(slot) -> bool:
    if not isinstance(slot, dict) or not all(isinstance(slot.get(k), t) for k, t in _SLOT_FIELDS.items()):
        return False
    if not _scope_well_formed(slot):
        return False
    kdf = slot["kdf"]
    return (slot["kind"] in ("user", "recovery") and isinstance(kdf.get("salt"), str)
            and all(type(kdf.get(k)) is int and low <= kdf[k] <= high for k, (low, high) in _KDF_LIMITS.items()))


def _scope_well_formed(slot: dict) -> bool:
    """organisation_id and municipalities (issue 11) are absent in a keyring from before the
    register (the first open fills them); present, they have their types."""
    seen = slot.get("municipalities", [])
    return (("organisation_id" not in slot or type(slot["organisation_id"]) is int)
            and (seen is None or (isinstance(seen, list) and all(type(m) is int for m in seen))))


def verify_mac(ring: dict, data_key: bytes) -> None:
    if not crypto.mac_equal(str(ring.get("mac", "")), compute_mac(ring, data_key)):
        raise VaultDamaged("De sleutelring is gewijzigd buiten pgatui om (controlecode klopt niet).")


def save(folder: Path, ring: dict, data_key: bytes) -> None:
    """MAC `ring` (in place, so the caller's copy stays valid) and write it atomically."""
    ring["mac"] = compute_mac(ring, data_key)
    write_json_atomic(folder / KEYRING, ring)


def locked(folder: Path):
    """Serialise read-modify-write of the keyring between processes."""
    return exclusive_lock(folder / LOCK_FILE)


def find_slot(ring: dict, login: str) -> dict | None:
    wanted = login.strip().lower()
    return next((s for s in ring["slots"] if s["login"].lower() == wanted), None)


def _associated(ring: dict, slot: dict, what: str) -> bytes:
    return f"pgatui|{ring['vault_id']}|{slot['login']}|{what}".encode()


def new_slot(ring: dict, login: str, password: str, *, kind: str, role: str, organisation: str,
             must_change_password: bool, data_keys: dict[int, bytes]) -> dict:
    private, public = crypto.new_keypair()
    slot = {
        "login": login, "kind": kind, "role": role, "organisation": organisation,
        "disabled": False, "must_change_password": must_change_password,
        "public_key": crypto.b64(public), "sealed": {},
    }
    set_password(ring, slot, private, password)
    for generation, key in data_keys.items():
        seal_for(ring, slot, generation, key)
    return slot


def set_password(ring: dict, slot: dict, private_key: bytes, password: str) -> None:
    params = crypto.kdf_for_new_slots()
    salt = crypto.random_key()[:16]
    key = crypto.password_key(password, salt, params)
    slot["kdf"] = {"salt": crypto.b64(salt), "time_cost": params.time_cost,
                   "memory_kib": params.memory_kib, "parallelism": params.parallelism}
    slot["private_key"] = crypto.encrypt(key, private_key, _associated(ring, slot, "private"))


def seal_for(ring: dict, slot: dict, generation: int, data_key: bytes) -> None:
    slot["sealed"][str(generation)] = crypto.seal(
        data_key, crypto.unb64(slot["public_key"]), _associated(ring, slot, f"gen{generation}")
    )


def unlock_slot(ring: dict, slot: dict, password: str) -> UnlockedSlot:
    """Open a slot with its password; DecryptionFailed for a wrong password."""
    kdf = slot["kdf"]
    try:
        salt = crypto.unb64(kdf["salt"])
    except ValueError:
        raise VaultDamaged("Een sleutelslot is beschadigd.") from None
    key = crypto.password_key(password, salt, _params_of(slot))
    private = crypto.decrypt(key, slot["private_key"], _associated(ring, slot, "private"))
    if not _matches_public_key(private, slot):
        raise VaultDamaged("Een sleutelslot is beschadigd (publieke sleutel past niet).")
    try:  # the password was right: a box that does not open now means an edited keyring
        data_keys = {
            int(gen): crypto.unseal(box, private, _associated(ring, slot, f"gen{gen}"))
            for gen, box in slot["sealed"].items()
        }
    except (crypto.DecryptionFailed, ValueError, TypeError):
        raise VaultDamaged("Een sleutelslot is beschadigd (verzegelde sleutel opent niet).") from None
    return UnlockedSlot(slot["login"], private, data_keys)


def _matches_public_key(private: bytes, slot: dict) -> bool:
    try:
        return crypto.public_of(private) == crypto.unb64(slot["public_key"])
    except ValueError:
        return False


def _params_of(slot: dict) -> crypto.KdfParams:
    kdf = slot["kdf"]
    return crypto.KdfParams(kdf["time_cost"], kdf["memory_kib"], kdf["parallelism"])


def burn_password_time(ring: dict, password: str) -> None:
    """Spend the same argon2 time as a real unlock, so an unknown login is not told apart.

    The cost is the vault's own (the parameters of its first slot), not a constant: a vault whose
    slots carry other parameters would otherwise time unknown names differently.
    """
    params = _params_of(ring["slots"][0]) if ring["slots"] else crypto.STRONG_KDF
    crypto.password_key(password, b"\0" * 16, params)


def mutable_copy(ring: dict) -> dict:
    return copy.deepcopy(ring)
