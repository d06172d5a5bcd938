"""The vault's cryptography: password KDF, sealing the data key to a user, MACs.

Choices (DESIGN.md, "The vault"):
- argon2id (argon2-cffi's low-level API) turns a password into a key that decrypts the user's
  X25519 private key (AES-256-GCM). The parameters are stored per slot, so they can be raised
  later without breaking old slots.
- The data key is sealed to each user's public key: an ephemeral X25519 exchange, HKDF-SHA256,
  AES-256-GCM. An administrator can therefore re-seal a new data key for everybody without
  knowing any password.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32


@dataclass(frozen=True)
class KdfParams:
    time_cost: int
    memory_kib: int
    parallelism: int


# About 0.4 s on a 2-core workstation (python -m benchmarks prints it on the unlock line): the deliberate cost
# of every unlock. Memory over passes (256 MiB, 3 passes; RFC 9106 asks t=3 for 64 MiB and more
# memory is what hurts GPU guessing). Stored per slot, so raising it later only affects new and
# changed passwords, and old slots keep opening.
STRONG_KDF = KdfParams(time_cost=3, memory_kib=256 * 1024, parallelism=2)
# Only for test fixtures that make many slots; never chosen by configuration.
FAST_KDF_FOR_TESTS = KdfParams(time_cost=1, memory_kib=8, parallelism=1)

_kdf_for_new_slots = STRONG_KDF


def kdf_for_new_slots() -> KdfParams:
    return _kdf_for_new_slots


def use_kdf_for_new_slots(params: KdfParams) -> None:
    """Tests call this with FAST_KDF_FOR_TESTS; production code never does."""
    global _kdf_for_new_slots
    _kdf_for_new_slots = params


class DecryptionFailed(Exception):
    """Wrong key or tampered ciphertext (AES-GCM cannot tell which)."""


def wipe(buffer: bytearray) -> None:
    """Overwrite key material in place. Only a bytearray can be wiped; bytes are immutable."""
    if isinstance(buffer, bytearray):
        buffer[:] = bytes(len(buffer))


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    """Bytes of a base64 field; ValueError for anything else (an edited file holds any JSON)."""
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


def random_key() -> bytes:
    return os.urandom(KEY_BYTES)


def password_key(password: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        password.encode("utf-8"), salt, time_cost=params.time_cost, memory_cost=params.memory_kib,
        parallelism=params.parallelism, hash_len=KEY_BYTES, type=Type.ID,
    )


def hkdf(key: bytes, info: bytes, salt: bytes | None = None) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=info).derive(key)


def encrypt(key: bytes, plaintext: bytes, associated: bytes) -> dict[str, str]:
    nonce = os.urandom(12)
    return {"nonce": b64(nonce), "ct": b64(AESGCM(key).encrypt(nonce, plaintext, associated))}


def decrypt(key: bytes, box: dict[str, str], associated: bytes) -> bytes:
    try:
        return AESGCM(key).decrypt(unb64(box["nonce"]), unb64(box["ct"]), associated)
    except (InvalidTag, KeyError, ValueError) as exc:
        raise DecryptionFailed() from exc


def new_keypair() -> tuple[bytes, bytes]:
    """(private, public) raw X25519 key bytes."""
    private = X25519PrivateKey.generate()
    raw_private = private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return raw_private, public_of(raw_private)


def public_of(raw_private: bytes) -> bytes:
    return X25519PrivateKey.from_private_bytes(raw_private).public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )


def seal(secret: bytes, recipient_public: bytes, associated: bytes) -> dict[str, str]:
    """Encrypt `secret` so only the holder of the matching private key can open it."""
    ephemeral = X25519PrivateKey.generate()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_public))
    ephemeral_public = ephemeral.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    key = hkdf(shared, b"pgatui seal v1", salt=ephemeral_public + recipient_public)
    return {"eph": b64(ephemeral_public), **encrypt(key, secret, associated)}


def unseal(box: dict[str, str], raw_private: bytes, associated: bytes) -> bytes:
    return Opener(raw_private).unseal(box, associated)


class Opener:
    """A private key ready to open many boxes: the X25519 key object and its public half are made
    once (rebuilding them per box cost more than the exchange itself when taking in a seed)."""

    def __init__(self, raw_private: bytes) -> None:
        self._private = X25519PrivateKey.from_private_bytes(raw_private)
        self._public = self._private.public_key().public_bytes(serialization.Encoding.Raw,
                                                               serialization.PublicFormat.Raw)

    def unseal(self, box: dict[str, str], associated: bytes) -> bytes:
        try:
            ephemeral_public = unb64(box["eph"])
            shared = self._private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
        except (KeyError, ValueError, TypeError) as exc:
            raise DecryptionFailed() from exc
        key = hkdf(shared, b"pgatui seal v1", salt=ephemeral_public + self._public)
        return decrypt(key, box, associated)


def mac(key: bytes, message: bytes) -> str:
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def mac_equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def sha256_file(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
