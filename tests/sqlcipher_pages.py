"""Every page of a SQLCipher 4 database and its WAL, decrypted with the raw data key: what an
insider with the data key can read, free pages and old WAL frames included (not only live rows,
which is all `sqlcipher_export` gives). For the page scans of the insider and destruction tests.

SQLCipher 4 page layout (raw key, so no KDF): AES-256-CBC over the page minus its reserved tail
of 80 bytes (IV 16, HMAC-SHA512 64), the IV at the start of that tail; page 1 begins with the
16-byte salt in place of "SQLite format 3". The page HMAC is not checked here: a scan wants
every byte, not integrity.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

SALT = 16
RESERVE = 80
WAL_HEADER, FRAME_HEADER = 32, 24


def _decrypt(page: bytes, key: bytes, first: bool) -> bytes:
    iv = page[len(page) - RESERVE:len(page) - RESERVE + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[SALT if first else 0:len(page) - RESERVE]) + decryptor.finalize()


def page_size(db_path: Path, key: bytes) -> int:
    """Read from the decrypted header of page 1 (offset 16 of the SQLite header)."""
    head = Path(db_path).read_bytes()[:65536]
    for size in (4096, 1024, 2048, 8192, 16384, 32768, 65536):
        if len(head) >= size:
            plain = _decrypt(head[:size], key, True)
            stored = int.from_bytes(plain[0:2], "big")
            # page size, then (header offsets 20-23) the reserve and the fixed payload fractions
            if ((stored == 1 and size == 65536) or stored == size) and plain[4:8] == bytes((RESERVE, 64, 32, 32)):
                return size
    raise ValueError("no SQLCipher 4 page size fits this key")


def decrypted_pages(db_path: Path, key: bytes) -> bytes:
    """Every page of data.db and every frame of data.db-wal, decrypted and concatenated."""
    db_path = Path(db_path)
    size = page_size(db_path, key)
    raw = db_path.read_bytes()
    pages = [_decrypt(raw[i:i + size], key, i == 0) for i in range(0, len(raw) - size + 1, size)]
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.exists():
        frames = wal.read_bytes()
        step = FRAME_HEADER + size
        for offset in range(WAL_HEADER, len(frames) - step + 1, step):
            number = int.from_bytes(frames[offset:offset + 4], "big")
            pages.append(_decrypt(frames[offset + FRAME_HEADER:offset + step], key, number == 1))
    return b"".join(pages)
