"""The page decryptor the insider tests rely on sees live rows, WAL frames and freed space."""

from __future__ import annotations

import pytest

from sqlcipher_pages import decrypted_pages
from pgatui.vault import crypto, db

CANARY = b"KANARIE-pagina-5c1e"


def _vault_db(tmp_path, key, *, secure_delete: bool):
    conn = db.connect(tmp_path / "data.db", key, create=True)
    conn.execute(f"PRAGMA secure_delete = {'ON' if secure_delete else 'OFF'}")
    conn.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, x TEXT)")
    # The canary sits in the middle of full pages: deleting it frees a cell without rebalancing
    # (a rebuilt page would be zeroed anyway and prove nothing about the scan).
    rows = [(f"vulling {i} " * 20,) for i in range(200)]
    rows.insert(100, (CANARY.decode(),))
    conn.executemany("INSERT INTO t(x) VALUES (?)", rows)
    return conn


def test_live_rows_are_found_in_the_wal_and_after_a_checkpoint_in_the_file(tmp_path):
    key = crypto.random_key()
    conn = _vault_db(tmp_path, key, secure_delete=True)
    assert CANARY in decrypted_pages(tmp_path / "data.db", key)
    raw = (tmp_path / "data.db").read_bytes() + (tmp_path / "data.db-wal").read_bytes()
    assert CANARY not in raw  # encrypted on disk
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert (tmp_path / "data.db-wal").stat().st_size == 0
    assert CANARY in decrypted_pages(tmp_path / "data.db", key)
    with pytest.raises(ValueError):  # another key finds no page 1
        decrypted_pages(tmp_path / "data.db", crypto.random_key())
    conn.close()


def test_freed_space_is_scanned_too(tmp_path):
    """Without secure_delete a deleted row stays in a freed cell: the scan must see it (that is
    what makes 'not found' mean something); with secure_delete, as the vault runs, it is gone."""
    for secure_delete, expected in ((False, True), (True, False)):
        folder = tmp_path / str(secure_delete)
        folder.mkdir()
        key = crypto.random_key()
        conn = _vault_db(folder, key, secure_delete=secure_delete)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("DELETE FROM t WHERE x = ?", (CANARY.decode(),))
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert conn.execute("SELECT count(*) FROM t WHERE x LIKE 'KANARIE%'").fetchone()[0] == 0
        assert (CANARY in decrypted_pages(folder / "data.db", key)) is expected
        conn.close()
