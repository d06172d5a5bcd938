"""Field sealing: one database value encrypted under its compartment's key (AES-256-GCM).

Format (version 1), stored as a BLOB:

    0x01 | generation (4 bytes, big-endian) | nonce (12) | ciphertext + tag (16)

The plaintext is the UTF-8 text padded (ISO/IEC 7816-4: 0x80 then zeros) to a multiple of 16
bytes, so the stored length tells a value's length only to within 16 bytes. The associated data
binds the header (version, generation), the compartment id, the table, the column and the row
id: a sealed value copied to another row, column, table or compartment, or relabelled with
another generation, does not open. 33 bytes of overhead plus the padding per value.

None stays None (SQL NULL: whether a value is present is not secret, as the schema shows which
columns are optional); the empty string is sealed like any other text.
"""

from __future__ import annotations

import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from pgatui.vault.compartments import CompartmentKey, KeyChain
from pgatui.vault.crypto import DecryptionFailed

VERSION = 1
PAD_TO = 16
_HEADER = struct.Struct(">BI")
NONCE_BYTES = 12
OVERHEAD = _HEADER.size + NONCE_BYTES + 16
_BODY = _HEADER.size + NONCE_BYTES  # where the ciphertext starts
FIELD_PURPOSE = "field"


def _cipher(key: CompartmentKey) -> AESGCM:
    return key.cached("field-aesgcm", lambda k: AESGCM(k.subkey(FIELD_PURPOSE)))


def _associated(header: bytes, compartment: str, table: str, column: str, row_id: int) -> bytes:
    if type(row_id) is not int:
        raise TypeError("row_id must be an int")
    parts = (compartment, table, column)
    if any("\0" in p for p in parts):
        raise ValueError("names may not hold NUL")
    return header + "\0".join((*parts, str(row_id))).encode()


def _pad(data: bytes) -> bytes:
    padded = data + b"\x80"
    return padded + b"\0" * (-len(padded) % PAD_TO)


def _unpad(data: bytes) -> bytes:
    stripped = data.rstrip(b"\0")
    if not stripped.endswith(b"\x80"):
        raise DecryptionFailed()
    return stripped[:-1]


def seal_field(key: CompartmentKey, table: str, column: str, row_id: int, value: str | None) -> bytes | None:
    """The sealed form of `value` for (table, column, row_id) in the key's compartment."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError("only text is sealed (dates and numbers as their ISO/decimal text)")
    header = _HEADER.pack(VERSION, key.generation)
    nonce = os.urandom(NONCE_BYTES)
    sealed = _cipher(key).encrypt(nonce, _pad(value.encode("utf-8")),
                                  _associated(header, key.compartment, table, column, row_id))
    return header + nonce + sealed


def generation_of(blob: bytes) -> int:
    """The key generation a sealed value was written under (no key needed: re-keying uses it)."""
    if not isinstance(blob, (bytes, bytearray, memoryview)) or len(blob) < OVERHEAD:
        raise DecryptionFailed()
    version, generation = _HEADER.unpack_from(blob)
    if version != VERSION:
        raise DecryptionFailed()
    return generation


def open_field(keys: CompartmentKey | KeyChain, table: str, column: str, row_id: int,
               blob: bytes | None) -> str | None:
    """The text sealed in `blob`; DecryptionFailed when it was sealed for another compartment,
    table, column, row or generation, or was changed."""
    if blob is None:
        return None
    key = _key_for(keys, generation_of(blob))
    blob = bytes(blob)
    header, nonce, sealed = blob[:_HEADER.size], blob[_HEADER.size:_BODY], blob[_BODY:]
    try:
        padded = _cipher(key).decrypt(nonce, sealed, _associated(header, key.compartment, table, column, row_id))
        return _unpad(padded).decode("utf-8")
    except (InvalidTag, UnicodeDecodeError) as exc:
        raise DecryptionFailed() from exc


def _key_for(keys: CompartmentKey | KeyChain, generation: int) -> CompartmentKey:
    key = keys if isinstance(keys, CompartmentKey) else keys.generation(generation)
    if key is None or key.generation != generation:
        raise DecryptionFailed()
    return key
