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
from pgatui.vault import crypto, signing
from pgatui.vault.files import canonical_json, exclusive_lock, read_bounded, write_json_atomic

KEYRING = "keyring.json"
RECOVERY_LOGIN = "herstelcode"  # the break-glass slot
LOCK_FILE = ".keyring.lock"
MAX_BYTES = 16 * 1024 * 1024  # thousands of slots; a larger keyring.json is not read at all


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
        ring = json.loads(read_bounded(folder / KEYRING, MAX_BYTES).decode("utf-8"))
    except (OSError, ValueError, RecursionError) as exc:  # RecursionError: absurdly deep nesting
        raise VaultDamaged("keyring.unreadable") from exc
    if not _well_formed(ring):
        raise VaultDamaged("keyring.unknown_shape")
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
        raise VaultDamaged("keyring.mac_mismatch")


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
        raise VaultDamaged("keyring.slot_damaged") from None
    key = crypto.password_key(password, salt, _params_of(slot))
    private = crypto.decrypt(key, slot["private_key"], _associated(ring, slot, "private"))
    if not _matches_public_key(private, slot):
        raise VaultDamaged("keyring.slot_public_key")
    try:  # the password was right: a box that does not open now means an edited keyring
        data_keys = {
            int(gen): crypto.unseal(box, private, _associated(ring, slot, f"gen{gen}"))
            for gen, box in slot["sealed"].items()
        }
    except (crypto.DecryptionFailed, ValueError, TypeError):
        raise VaultDamaged("keyring.slot_sealed_key") from None
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


# --- witnessed audit heads: root key, signing keys, witnesses (DESIGN.md, "Witnessed audit heads")
#
# Ring field "root_public" (b64 Ed25519). Slot fields, each optional for the shape check and
# checked where used:
#   "signing":  {"public": b64 Ed25519, "sealed": box sealed to the slot's X25519 key,
#                "cert": root signature over vault id, login, kind, role and both public keys}
#   "root_key": the root private key sealed to the slot's X25519 key (beheerder and recovery only)
#   "witness":  {"nonce", "ct"} under the user's secret: the audit head this user last saw and
#               the root public key, written only by the user's own process.
# Whoever holds only the data key can re-MAC the file, but cannot open a root key, certify a
# signing key, or write a witness another user's password opens.

def _cert_message(ring: dict, slot: dict, signing_public: str) -> bytes:
    return "|".join(("pgatui cert v1", ring["vault_id"], slot["login"], slot["kind"], slot["role"],
                     slot["public_key"], signing_public)).encode()


def new_root(ring: dict) -> bytes:
    """A new root signing key for the vault; returns its private half (seal it with grant_root)."""
    private, public = signing.new_signing_key()
    ring["root_public"] = crypto.b64(public)
    return private


def root_public(ring: dict) -> bytes | None:
    try:
        return crypto.unb64(ring["root_public"]) if "root_public" in ring else None
    except (ValueError, TypeError, AttributeError):
        raise VaultDamaged("keyring.root_damaged") from None


def grant_root(ring: dict, slot: dict, root_private: bytes) -> None:
    slot["root_key"] = crypto.seal(root_private, crypto.unb64(slot["public_key"]), _associated(ring, slot, "root"))


def equip_slot(ring: dict, slot: dict, root_private: bytes) -> bytes:
    """Give `slot` a signing key certified by the root key; returns the signing private key."""
    private, public = signing.new_signing_key()
    public_b64 = crypto.b64(public)
    cert = signing.Signer.of("root", root_private).sign(_cert_message(ring, slot, public_b64))
    slot["signing"] = {"public": public_b64, "cert": cert,
                       "sealed": crypto.seal(private, crypto.unb64(slot["public_key"]), _associated(ring, slot, "signing"))}
    return private


def _certified_public(ring: dict, slot: dict, pinned_root: bytes) -> bytes | None:
    entry = slot.get("signing")
    if not isinstance(entry, dict) or not isinstance(entry.get("public"), str) or not isinstance(entry.get("cert"), str):
        return None
    if not signing.verify_raw(pinned_root, entry["cert"], _cert_message(ring, slot, entry["public"])):
        return None
    try:
        return crypto.unb64(entry["public"])
    except ValueError:
        return None


def open_signing(ring: dict, slot: dict, x25519_private: bytes, pinned_root: bytes) -> signing.Signer:
    """The slot's signing key, its certificate checked against the pinned root key."""
    public = _certified_public(ring, slot, pinned_root)
    if public is None:
        raise VaultDamaged("keyring.signing_uncertified", login=slot["login"])
    try:
        private = crypto.unseal(slot["signing"]["sealed"], x25519_private, _associated(ring, slot, "signing"))
    except (crypto.DecryptionFailed, KeyError, TypeError):
        raise VaultDamaged("keyring.slot_signing_opens_not") from None
    if signing.public_of(private) != public:
        raise VaultDamaged("keyring.slot_signing_mismatch")
    return signing.Signer.of(slot["login"], private)


def open_root(ring: dict, slot: dict, x25519_private: bytes, pinned_root: bytes) -> bytes | None:
    """The root private key if this slot holds it (beheerder, recovery), else None."""
    box = slot.get("root_key")
    if box is None:
        return None
    try:
        private = crypto.unseal(box, x25519_private, _associated(ring, slot, "root"))
    except (crypto.DecryptionFailed, TypeError):
        raise VaultDamaged("keyring.slot_root_opens_not") from None
    if signing.public_of(private) != pinned_root:
        raise VaultDamaged("keyring.root_mismatch")
    return private


def verifier(ring: dict, pinned_root: bytes) -> signing.Verifier:
    """Every slot's certified signing key (disabled users too: their old events must verify)."""
    known = signing.Verifier()
    retired = ring.get("retired_signers")
    for slot in ring["slots"] + (retired if isinstance(retired, list) else []):
        if not isinstance(slot, dict) or not all(isinstance(slot.get(k), str) for k in ("login", "kind", "role", "public_key")):
            continue
        public = _certified_public(ring, slot, pinned_root)
        if public is not None:
            known.add(signing.key_id(slot["login"], public), public, slot["login"], slot["role"])
    return known


def read_witness(ring: dict, slot: dict, x25519_private: bytes) -> dict | None:
    """The head this user last saw, or None when the slot has none yet (never logged in)."""
    box = slot.get("witness")
    if box is None:
        return None
    try:
        value = json.loads(crypto.decrypt(signing.user_secret(x25519_private), box, _associated(ring, slot, "witness")))
    except (crypto.DecryptionFailed, ValueError, TypeError):
        raise VaultDamaged("keyring.witness_opens_not", login=slot["login"]) from None
    if not (isinstance(value, dict) and type(value.get("seq")) is int and isinstance(value.get("hash"), str)):
        raise VaultDamaged("keyring.witness_unreadable", login=slot["login"])
    return value


def write_witness(ring: dict, slot: dict, x25519_private: bytes, witness: dict) -> None:
    slot["witness"] = crypto.encrypt(signing.user_secret(x25519_private), canonical_json(witness),
                                     _associated(ring, slot, "witness"))


def retired_signer(slot: dict) -> dict | None:
    """What stays of a slot's certified signing key when the slot goes (disabled in a backup) or
    gets new keys (break glass): enough to verify its past events, nothing that opens anything."""
    if not isinstance(slot.get("signing"), dict):
        return None
    return {"login": slot["login"], "kind": slot["kind"], "role": slot["role"], "public_key": slot["public_key"],
            "signing": {k: slot["signing"][k] for k in ("public", "cert")}}


def retire_signer(ring: dict, slot: dict) -> None:
    retired = retired_signer(slot)
    if retired is not None:
        ring["retired_signers"] = list(ring.get("retired_signers") or []) + [retired]


def live_copy(ring: dict) -> dict:
    """The keyring without disabled slots (what a backup carries). Of a disabled slot only its
    certified public signing key stays ("retired_signers"), so its past events still verify;
    nothing in it opens anything."""
    copied = mutable_copy(ring)
    retired = [s for s in copied["slots"] if s["disabled"]]
    copied["slots"] = [s for s in copied["slots"] if not s["disabled"]]
    for slot in retired:
        retire_signer(copied, slot)
    return copied
