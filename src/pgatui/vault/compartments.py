"""Compartment keys: content keys per municipality or partner, sealed to each member's public key.

DESIGN.md, "Compartments": the SQLCipher data key opens the file for everyone; identifying and
substantive content is sealed per field under the key of its compartment (`gemeente:<id>`,
`partner:<id>`, ids from the organisation register). A compartment key is a random 256-bit
secret, kept in keyring.json only sealed to the X25519 public key of each member, exactly as
the data key is (the model of 1Password vaults and Bitwarden organisations).

keyring.json gains two fields, both covered by the keyring MAC (it covers everything but "mac"):

    "compartments": {"gemeente:3": {"generation": 2, "retiring": [1]}}        (ring level)
    slot "compartments": {"gemeente:3": {"1": {eph, nonce, ct}, "2": {...}}}  (per slot)

A member's removal starts a new generation sealed for the remaining members only; the
generations listed in "retiring" stay in the remaining members' slots until every value of the
compartment has been re-sealed under the new one (vault/rekey.py), then `finish_rekey` drops
them. The associated data of every box binds the vault id, the compartment id, the generation
and the login, so a box copied to another slot, compartment or generation does not open, even
for an insider who holds the data key and can recompute the keyring MAC.

The beheerder and toezicht (the FG) hold no compartment key: they administer and oversee
without reading files. Slots of those roles that carry compartment boxes are damage.
"""

from __future__ import annotations

import os
import re
import struct
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from pgatui.domain.roles import Role
from pgatui.errors import PgaError, UsageError, VaultDamaged
from pgatui.vault import crypto

KINDS = ("gemeente", "partner")
ROLES_WITHOUT_CONTENT = frozenset({Role.BEHEERDER.value, Role.TOEZICHT.value})
_ID_PATTERN = re.compile(r"(gemeente|partner):([1-9][0-9]{0,9})")


# --- ids --------------------------------------------------------------------------------------

def compartment_id(kind: str, organisation_id: int) -> str:
    """`gemeente:<id>` or `partner:<id>` for an organisation of the register."""
    if kind not in KINDS or type(organisation_id) is not int or organisation_id < 1:
        raise UsageError("compartment.unknown_kind", compartment=f"{kind}:{organisation_id}")
    return f"{kind}:{organisation_id}"


def parse_compartment_id(text: str) -> tuple[str, int]:
    found = _ID_PATTERN.fullmatch(text) if isinstance(text, str) else None
    if not found:
        raise UsageError("compartment.name_format")
    return found[1], int(found[2])


# --- keys in memory ---------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class CompartmentKey:
    """One generation of one compartment's key, with the subkeys derived from it (cached)."""

    compartment: str
    generation: int
    secret: bytes = field(repr=False)
    _derived: dict = field(default_factory=dict, repr=False, compare=False)

    def subkey(self, purpose: str) -> bytes:
        """HKDF of the key for one purpose (field sealing, blind index): a new generation
        therefore re-derives every subkey."""
        info = f"pgatui compartment {purpose} v1|{self.compartment}|{self.generation}".encode()
        return self.cached(f"subkey:{purpose}", lambda key: crypto.hkdf(key.secret, info))

    def cached(self, name: str, make):
        """Something made from this key once and kept while the key is (an AESGCM object, an
        HMAC state): sealing many fields must not redo a key schedule each time."""
        if name not in self._derived:
            self._derived[name] = make(self)
        return self._derived[name]


@dataclass(frozen=True)
class KeyChain:
    """The generations of one compartment a user holds; `current` seals, any of them opens."""

    compartment: str
    keys: Mapping[int, CompartmentKey]

    @property
    def current(self) -> CompartmentKey:
        return self.keys[max(self.keys)]

    def generation(self, number: int) -> CompartmentKey | None:
        return self.keys.get(number)


@dataclass(frozen=True)
class CompartmentKeys:
    """What an unlock gives: every compartment the user is a member of (empty for the
    beheerder and toezicht)."""

    chains: Mapping[str, KeyChain] = field(default_factory=dict)

    def ids(self) -> list[str]:
        return sorted(self.chains)

    def chain(self, compartment: str) -> KeyChain:
        if compartment not in self.chains:
            raise PgaError("compartment.no_key")
        return self.chains[compartment]

    def __contains__(self, compartment: str) -> bool:
        return compartment in self.chains

    def __len__(self) -> int:
        return len(self.chains)


# --- the keyring fields ---------------------------------------------------------------------

def _associated(ring: dict, compartment: str, generation: int, login: str) -> bytes:
    return f"pgatui|{ring['vault_id']}|compartment|{compartment}|gen{generation}|{login}".encode()


def _registry(ring: dict) -> dict:
    return ring.setdefault("compartments", {})


def _boxes(slot: dict) -> dict:
    return slot.setdefault("compartments", {})


def current_generation(ring: dict, compartment: str) -> int | None:
    entry = ring.get("compartments", {}).get(compartment)
    return entry["generation"] if entry else None


def retiring_generations(ring: dict, compartment: str) -> list[int]:
    entry = ring.get("compartments", {}).get(compartment)
    return list(entry["retiring"]) if entry else []


def compartments_of(ring: dict) -> list[str]:
    return sorted(ring.get("compartments", {}))


def _can_hold_keys(slot: dict) -> bool:
    """A live user slot of a role that reads content (the recovery slot and disabled users: no)."""
    return slot["kind"] == "user" and not slot["disabled"] and slot["role"] not in ROLES_WITHOUT_CONTENT


def _require_member_candidate(slot: dict) -> None:
    if not _can_hold_keys(slot):
        raise PgaError("compartment.cannot_be_member", login=slot["login"])


def _seal_to(ring: dict, slot: dict, key: CompartmentKey) -> None:
    _boxes(slot).setdefault(key.compartment, {})[str(key.generation)] = crypto.seal(
        key.secret, crypto.unb64(slot["public_key"]),
        _associated(ring, key.compartment, key.generation, slot["login"]))


def create_compartment(ring: dict, compartment: str, members: Iterable[dict]) -> CompartmentKey:
    """A new compartment (generation 1) sealed for `members`. The key is returned so its
    creator can seal the first values; it is kept nowhere else but in the members' boxes."""
    parse_compartment_id(compartment)
    if compartment in ring.get("compartments", {}):
        raise PgaError("compartment.exists", compartment=compartment)
    members = list(members)
    for slot in members:
        _require_member_candidate(slot)
    key = CompartmentKey(compartment, 1, crypto.random_key())
    _registry(ring)[compartment] = {"generation": 1, "retiring": [],
                                    "public_keys": {"1": crypto.b64(drop_public_key(key))}}
    for slot in members:
        _seal_to(ring, slot, key)
    return key


def add_member(ring: dict, slot: dict, chain: KeyChain) -> None:
    """Seal every live generation of the compartment for `slot`; only a member (who holds the
    current key) can do this, since the keyring holds the keys sealed only."""
    compartment = chain.compartment
    _require_member_candidate(slot)
    live = [current_generation(ring, compartment), *retiring_generations(ring, compartment)]
    if live[0] is None:
        raise PgaError("compartment.unknown", compartment=compartment)
    missing = [g for g in live if chain.generation(g) is None]
    if missing:
        raise PgaError("compartment.generation_missing", compartment=compartment, generation=missing[0])
    _check_public_keys(ring, {compartment: KeyChain(compartment, {g: chain.generation(g) for g in live})})
    for generation in live:
        _seal_to(ring, slot, chain.generation(generation))


def remove_member(ring: dict, compartment: str, login: str) -> int:
    """Take `login` out of the compartment: its boxes go, and a new generation is sealed for
    the remaining members (public keys suffice, so the beheerder can do this without reading
    anything). Returns the new generation; the old ones stay 'retiring' until the values are
    re-sealed (vault/rekey.py) and `finish_rekey` runs."""
    current = current_generation(ring, compartment)
    if current is None:
        raise PgaError("compartment.unknown", compartment=compartment)
    leaving = [s for s in ring["slots"] if s["login"] == login and compartment in s.get("compartments", {})]
    if not leaving:
        raise PgaError("compartment.not_member", login=login, compartment=compartment)
    for slot in leaving:
        del slot["compartments"][compartment]
    return _new_generation(ring, compartment, current)


def _new_generation(ring: dict, compartment: str, current: int) -> int:
    key = CompartmentKey(compartment, current + 1, crypto.random_key())
    for slot in ring["slots"]:
        if str(current) in slot.get("compartments", {}).get(compartment, {}):
            _seal_to(ring, slot, key)
    entry = _registry(ring)[compartment]
    entry["retiring"] = sorted({*entry["retiring"], current})
    entry["generation"] = key.generation
    entry["public_keys"][str(key.generation)] = crypto.b64(drop_public_key(key))
    return key.generation


def remove_from_all(ring: dict, login: str) -> list[str]:
    """A disabled or deleted account leaves every compartment it was in; returns those (each
    now has a new generation to re-seal)."""
    held = [c for s in ring["slots"] if s["login"] == login for c in s.get("compartments", {})]
    for compartment in sorted(set(held)):
        remove_member(ring, compartment, login)
    return sorted(set(held))


def finish_rekey(ring: dict, compartment: str) -> None:
    """Every value of the compartment is sealed under the current generation: drop the others."""
    entry = _registry(ring).get(compartment)
    if entry is None:
        raise PgaError("compartment.unknown", compartment=compartment)
    for slot in ring["slots"]:
        boxes = slot.get("compartments", {}).get(compartment, {})
        for generation in entry["retiring"]:
            boxes.pop(str(generation), None)
    for generation in entry["retiring"]:
        entry["public_keys"].pop(str(generation), None)
    entry["retiring"] = []


def members(ring: dict, compartment: str) -> list[str]:
    """Logins holding the current generation of the compartment."""
    current = current_generation(ring, compartment)
    if current is None:
        return []
    return sorted(s["login"] for s in ring["slots"] if str(current) in s.get("compartments", {}).get(compartment, {}))


def unlock_compartments(ring: dict, slot: dict, private_key: bytes) -> CompartmentKeys:
    """Open every compartment box of an unlocked slot. A box that does not open (the password
    was right, so the private key is) means an edited keyring: VaultDamaged."""
    require_well_formed(ring)
    boxes = slot.get("compartments", {})
    if slot["role"] in ROLES_WITHOUT_CONTENT or slot["kind"] != "user":
        if boxes:
            raise VaultDamaged("compartment.keys_on_blind_slot")
        return CompartmentKeys({})
    chains = {}
    for compartment, generations in boxes.items():
        keys = {int(g): _open_box(ring, compartment, int(g), slot, box, private_key) for g, box in generations.items()}
        chains[compartment] = KeyChain(compartment, {g: CompartmentKey(compartment, g, k) for g, k in keys.items()})
    _check_public_keys(ring, chains)
    return CompartmentKeys(chains)


def _open_box(ring: dict, compartment: str, generation: int, slot: dict, box: dict, private_key: bytes) -> bytes:
    try:
        secret = crypto.unseal(box, private_key, _associated(ring, compartment, generation, slot["login"]))
    except (crypto.DecryptionFailed, ValueError, TypeError):
        secret = b""
    if len(secret) != crypto.KEY_BYTES:
        raise VaultDamaged("compartment.key_opens_not")
    return secret


def require_well_formed(ring: dict) -> None:
    """The shape of the compartment fields, so an edited keyring is 'damaged' (exit 4), never a crash."""
    if not _well_formed(ring):
        raise VaultDamaged("compartment.unknown_shape")


def _well_formed(ring: dict) -> bool:
    registry = ring.get("compartments", {})
    if not isinstance(registry, dict):
        return False
    for compartment, entry in registry.items():
        if not (_ID_PATTERN.fullmatch(compartment) and isinstance(entry, dict)
                and type(entry.get("generation")) is int and entry["generation"] >= 1
                and isinstance(entry.get("retiring"), list)
                and all(type(g) is int and 1 <= g < entry["generation"] for g in entry["retiring"])
                and isinstance(entry.get("public_keys"), dict)
                and set(entry["public_keys"]) == {str(entry["generation"]), *(str(g) for g in entry["retiring"])}
                and all(isinstance(k, str) for k in entry["public_keys"].values())):
            return False
    return all(_slot_boxes_well_formed(slot, registry) for slot in ring.get("slots", []))


def _slot_boxes_well_formed(slot: dict, registry: dict) -> bool:
    boxes = slot.get("compartments", {})
    if not isinstance(boxes, dict):
        return False
    for compartment, generations in boxes.items():
        entry = registry.get(compartment)
        if entry is None or not isinstance(generations, dict):
            return False
        live = {str(entry["generation"]), *(str(g) for g in entry["retiring"])}
        if not set(generations) <= live or not all(isinstance(b, dict) for b in generations.values()):
            return False
    return True


# --- the drop box: sealing INTO a compartment without being a member ---------------------------
#
# Sharing with a partner means writing into the partner's compartment, whose key the gemeente
# user does not hold. Each generation therefore also has an X25519 key pair derived from the
# compartment key: the public half sits in the registry (MAC-covered), and anybody can seal a
# value to it; only members can open. Every member's unlock re-derives the public keys and
# compares, so a public key swapped by an insider (who can recompute the MAC) is damage at the
# next member unlock; the witnessed-audit signatures close the window before that.

def drop_private_key(key: CompartmentKey) -> bytes:
    return key.subkey("drop box")


def drop_public_key(key: CompartmentKey) -> bytes:
    return key.cached("drop-public", lambda k: crypto.public_of(drop_private_key(k)))


def _check_public_keys(ring: dict, chains: Mapping[str, KeyChain]) -> None:
    for compartment, chain in chains.items():
        published = ring["compartments"][compartment]["public_keys"]
        for generation, key in chain.keys.items():
            if published.get(str(generation)) != crypto.b64(drop_public_key(key)):
                raise VaultDamaged("compartment.public_key_mismatch")


def seal_to_compartment(ring: dict, compartment: str, secret: bytes, associated: bytes) -> dict:
    """Seal `secret` for the members of `compartment` (current generation), as a non-member."""
    generation = current_generation(ring, compartment)
    if generation is None:
        raise PgaError("compartment.unknown", compartment=compartment)
    public = crypto.unb64(ring["compartments"][compartment]["public_keys"][str(generation)])
    return {"gen": generation, **crypto.seal(secret, public, _drop_associated(compartment, generation, associated))}


def open_from_drop_box(chain: KeyChain, box: dict, associated: bytes) -> bytes:
    """What a non-member sealed to the compartment; DecryptionFailed for another compartment,
    context or a generation the member does not hold."""
    key = chain.generation(box.get("gen")) if type(box.get("gen")) is int else None
    if key is None:
        raise crypto.DecryptionFailed()
    opener = key.cached("drop-opener", lambda k: crypto.Opener(drop_private_key(k)))
    return opener.unseal(box, _drop_associated(chain.compartment, key.generation, associated))


# --- the bulk drop box: many values from one writer, one X25519 box ------------------------------
#
# A seed, a migration or a move writes hundreds of values into a compartment it holds no key of.
# One box per value costs an X25519 exchange to write and another to open, per value. The bulk
# form seals a random transfer key ONCE per writer (a `BulkWriter`, kept by the session's Sealer)
# and compartment generation to the drop-box public key, and encrypts each value under it with
# AES-GCM. Each stored value carries the sealed transfer key (so it stands alone: no table, no
# ordering between transactions), a member opens that box once and keeps the transfer key with
# the compartment key. Binary, so the first byte tells the forms apart: 0x01 a sealed field,
# "{" a single drop box (JSON, still read), 0x02 this:
#
#     0x02 | generation (4) | ephemeral public (32) | key nonce (12) | transfer key sealed (32 + 16)
#          | nonce (12) | ciphertext + tag (16)
#
# Associated data of each value: its whole header (so a value cannot be moved under another
# writer's transfer key) and the drop-box context (compartment, generation, table|column|row).
# The writer knows its transfer key while it runs: it also knows every value it wrote with it.

BULK_VERSION = 2
_BULK_HEAD = struct.Struct(">BI")
_EPHEMERAL, _NONCE, _SEALED_KEY = 32, 12, 48
BULK_HEADER = _BULK_HEAD.size + _EPHEMERAL + _NONCE + _SEALED_KEY
BULK_START = bytes([BULK_VERSION])
_TRANSFER = b"bulk transfer key"


class BulkWriter:
    """Seals values into compartments as a non-member: one transfer key per compartment generation."""

    def __init__(self) -> None:
        self._ciphers: dict[tuple[str, int, str], tuple[bytes, AESGCM]] = {}

    def seal(self, ring: dict, compartment: str, secret: bytes, associated: bytes) -> bytes:
        generation = current_generation(ring, compartment)
        if generation is None:
            raise PgaError("compartment.unknown", compartment=compartment)
        # keyed by the public key too: a transfer key is only ever sealed to the key it names
        which = (compartment, generation, ring["compartments"][compartment]["public_keys"][str(generation)])
        if which not in self._ciphers:
            transfer = os.urandom(crypto.KEY_BYTES)
            box = seal_to_compartment(ring, compartment, transfer, _TRANSFER)
            header = (_BULK_HEAD.pack(BULK_VERSION, generation) + crypto.unb64(box["eph"])
                      + crypto.unb64(box["nonce"]) + crypto.unb64(box["ct"]))
            self._ciphers[which] = header, AESGCM(transfer)
        header, cipher = self._ciphers[which]
        nonce = os.urandom(_NONCE)
        return header + nonce + cipher.encrypt(nonce, secret,
                                               header + _drop_associated(compartment, generation, associated))


def open_bulk(chain: KeyChain, blob: bytes, associated: bytes) -> bytes:
    """A value of the bulk drop box; DecryptionFailed for another compartment, context, writer's
    header or a generation the member does not hold."""
    blob = bytes(blob)
    if len(blob) < BULK_HEADER + _NONCE + 16:
        raise crypto.DecryptionFailed()
    version, generation = _BULK_HEAD.unpack_from(blob)
    key = chain.generation(generation)
    if version != BULK_VERSION or key is None:
        raise crypto.DecryptionFailed()
    header, nonce, sealed = blob[:BULK_HEADER], blob[BULK_HEADER:BULK_HEADER + _NONCE], blob[BULK_HEADER + _NONCE:]
    cipher = key.cached("bulk:" + header.hex(), lambda k: AESGCM(_open_transfer(chain, k, header)))
    try:
        return cipher.decrypt(nonce, sealed, header + _drop_associated(chain.compartment, generation, associated))
    except InvalidTag as exc:
        raise crypto.DecryptionFailed() from exc


def _open_transfer(chain: KeyChain, key: CompartmentKey, header: bytes) -> bytes:
    start = _BULK_HEAD.size
    box = {"gen": key.generation, "eph": crypto.b64(header[start:start + _EPHEMERAL]),
           "nonce": crypto.b64(header[start + _EPHEMERAL:start + _EPHEMERAL + _NONCE]),
           "ct": crypto.b64(header[start + _EPHEMERAL + _NONCE:])}
    return open_from_drop_box(chain, box, _TRANSFER)


def _drop_associated(compartment: str, generation: int, associated: bytes) -> bytes:
    return f"pgatui drop box|{compartment}|gen{generation}|".encode() + associated
