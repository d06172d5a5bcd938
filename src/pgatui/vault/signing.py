"""Ed25519 signatures for the witnessed audit chain (DESIGN.md, "Witnessed audit heads").

Three kinds of key:
- the vault's **root key**: certifies each user's signing key (and with it the user's login,
  role and X25519 public key). Its private half is sealed to the X25519 public keys of the
  beheerder slots and the recovery slot only; its public half is pinned in every user's own
  witness (sealed under that user's secret) and in the per-OS-user state file.
- a **signing key** per slot: signs that user's audit events and pending-file entries. Its
  private half is sealed to the slot's X25519 public key, so only the slot's password opens it.
- the **user secret**: HKDF of the slot's X25519 private key; only the password reaches it, so
  only the user's own process can write the user's witness.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from pgatui.vault import crypto


def new_signing_key() -> tuple[bytes, bytes]:
    """(private, public) raw Ed25519 key bytes."""
    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                serialization.NoEncryption())
    return raw, public_of(raw)


def public_of(raw_private: bytes) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(raw_private).public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(login: str, raw_public: bytes) -> str:
    """What an event stores to name its key: readable login plus a fingerprint of the key."""
    return f"{login}:{hashlib.sha256(raw_public).hexdigest()[:16]}"


def user_secret(x25519_private: bytes) -> bytes:
    """The symmetric key only the slot's password reaches (witness boxes are under it)."""
    return crypto.hkdf(x25519_private, b"pgatui user secret v1")


@dataclass(frozen=True)
class Signer:
    """An opened signing key: its id and the private key object (kept for the session only)."""

    key_id: str
    login: str
    _private: Ed25519PrivateKey

    @classmethod
    def of(cls, login: str, raw_private: bytes) -> "Signer":
        return cls(key_id(login, public_of(raw_private)), login, Ed25519PrivateKey.from_private_bytes(raw_private))

    def sign(self, message: bytes) -> str:
        return crypto.b64(self._private.sign(message))


class Verifier:
    """Public keys by id; `check` says whether a signature by that id over a message holds."""

    def __init__(self) -> None:
        self._keys: dict[str, tuple[Ed25519PublicKey, str, str]] = {}

    def add(self, kid: str, raw_public: bytes, login: str, role: str) -> None:
        self._keys[kid] = (Ed25519PublicKey.from_public_bytes(raw_public), login, role)

    def owner(self, kid: str | None) -> tuple[str, str] | None:
        """(login, role) of a known key id."""
        entry = self._keys.get(kid or "")
        return (entry[1], entry[2]) if entry else None

    def check(self, kid: str | None, signature: str | None, message: bytes) -> bool:
        entry = self._keys.get(kid or "")
        if entry is None or not signature:
            return False
        try:
            entry[0].verify(crypto.unb64(signature), message)
        except (InvalidSignature, ValueError):
            return False
        return True


def verify_raw(raw_public: bytes, signature: str, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(raw_public).verify(crypto.unb64(signature), message)
    except (InvalidSignature, ValueError):
        return False
    return True
