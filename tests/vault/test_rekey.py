"""Re-sealing a compartment under a new generation (one transaction, index rebuilt), moving rows.

Written against a small schema of its own (persons, cases, signals with a compartment column),
not the real one: the wiring into the repositories comes with migration 0010.
"""

from __future__ import annotations

import pytest
import sqlcipher3
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import blind_index_tables
from pgatui.errors import VaultDamaged
from pgatui.vault import blind_index, crypto, rekey, sealing
from pgatui.vault.compartments import CompartmentKey, KeyChain

A, B, C = "gemeente:1", "gemeente:2", "gemeente:3"
SCHEMA = """
CREATE TABLE persons (id INTEGER PRIMARY KEY, compartment TEXT NOT NULL, name BLOB, bsn BLOB);
CREATE TABLE cases (id INTEGER PRIMARY KEY, compartment TEXT NOT NULL, person_id INTEGER NOT NULL,
                    number TEXT NOT NULL);
CREATE TABLE signals (id INTEGER PRIMARY KEY, compartment TEXT NOT NULL, case_id INTEGER NOT NULL, facts BLOB);
""" + blind_index_tables()
NAME, BSN = rekey.SealedColumn("persons", "name"), rekey.SealedColumn("persons", "bsn")
FACTS = rekey.SealedColumn("signals", "facts")
COLUMNS = (NAME, BSN, FACTS)
PERSON_OWNER = dict(owner="o.id", join="JOIN cases o ON o.person_id = t.id")
SOURCES = (rekey.IndexSource(NAME, "names", **PERSON_OWNER), rekey.IndexSource(BSN, "bsn", **PERSON_OWNER),
           rekey.IndexSource(FACTS, "texts"),
           rekey.IndexSource(rekey.SealedColumn("cases", "number"), "case_number", owner="t.id", sealed=False))
NUMBERS = {A: 1, B: 2}


def plan(compartment: str) -> rekey.IndexPlan:
    return rekey.IndexPlan("blind_index", NUMBERS[compartment], SOURCES)


def new_key(compartment: str, generation: int) -> CompartmentKey:
    return CompartmentKey(compartment, generation, crypto.random_key())


@pytest.fixture
def keys():
    return {A: new_key(A, 1), B: new_key(B, 1)}


@pytest.fixture
def conn(tmp_path, keys):
    """A plain SQLite file (no SQLCipher key, so the raw bytes can be scanned) with the vault's
    pragmas: WAL and secure_delete."""
    conn = sqlcipher3.connect(str(tmp_path / "test.db"), isolation_level=None)
    for pragma in ("secure_delete = ON", "journal_mode = WAL", "foreign_keys = ON"):
        conn.execute(f"PRAGMA {pragma}")
    conn.executescript(SCHEMA)
    conn.execute("BEGIN")
    for case_id in range(1, 41):
        compartment = A if case_id <= 30 else B
        _add_case(conn, keys[compartment], case_id, f"Persoon{case_id} Jansen", f"99900{case_id:04d}",
                  f"Deelt filmpjes nummer{case_id}")
    for compartment in (A, B):
        rekey.rebuild_index(conn, plan(compartment), KeyChain(compartment, {1: keys[compartment]}))
    conn.execute("COMMIT")
    yield conn
    conn.close()


def _add_case(conn, key, case_id, name, bsn, facts):
    seal = sealing.seal_field
    conn.execute("INSERT INTO persons(id, compartment, name, bsn) VALUES (?, ?, ?, ?)",
                 (case_id, key.compartment, seal(key, "persons", "name", case_id, name),
                  seal(key, "persons", "bsn", case_id, bsn)))
    conn.execute("INSERT INTO cases(id, compartment, person_id, number) VALUES (?, ?, ?, ?)",
                 (case_id, key.compartment, case_id, f"PGA-2026-{case_id:05d}"))
    conn.execute("INSERT INTO signals(id, compartment, case_id, facts) VALUES (?, ?, ?, ?)",
                 (case_id, key.compartment, case_id, seal(key, "signals", "facts", case_id, facts)))


def _blobs(conn, compartment=None) -> dict:
    found = {}
    for column in COLUMNS:
        clause = "WHERE compartment = ?" if compartment else ""
        for row_id, blob in conn.execute(f"SELECT id, {column.column} FROM {column.table} {clause}",
                                         (compartment,) if compartment else ()):
            found[(column.table, column.column, row_id)] = blob
    return found


def _index(conn) -> list:
    return conn.execute("SELECT * FROM blind_index ORDER BY 1, 2, 3").fetchall()


def _rotate(keys) -> KeyChain:
    return KeyChain(A, {1: keys[A], 2: new_key(A, 2)})


def test_reseal_moves_every_value_of_the_compartment_to_the_new_generation(conn, keys):
    other_before = _blobs(conn, B)
    chain = _rotate(keys)
    seen = []
    report = rekey.reseal_compartment(conn, COLUMNS, chain, index=plan(A), progress=lambda d, t: seen.append((d, t)))
    assert report.resealed == 90 and report.per_column == {"persons.name": 30, "persons.bsn": 30, "signals.facts": 30}
    assert report.owners_indexed == 30 and seen[-1] == (90, 90)
    only_new = KeyChain(A, {2: chain.keys[2]})
    for (table, column, row_id), blob in _blobs(conn, A).items():
        assert sealing.generation_of(blob) == 2
        assert sealing.open_field(only_new, table, column, row_id, blob)
        with pytest.raises(crypto.DecryptionFailed):
            sealing.open_field(keys[A], table, column, row_id, blob)
    assert _blobs(conn, B) == other_before  # another compartment is not touched
    assert sealing.open_field(only_new, "persons", "name", 7, _blobs(conn)[("persons", "name", 7)]) == "Persoon7 Jansen"


def test_the_index_is_rebuilt_under_the_new_search_key(conn, keys):
    chain = _rotate(keys)
    assert blind_index.lookup(conn, "blind_index", {1: keys[A]}, "persoon7", limit=5) == [7]
    rekey.reseal_compartment(conn, COLUMNS, chain, index=plan(A))
    assert blind_index.lookup(conn, "blind_index", {1: keys[A]}, "persoon7", limit=5) == []  # old search key
    assert blind_index.lookup(conn, "blind_index", {1: chain.current}, "persoon7", limit=5) == [7]
    assert blind_index.lookup(conn, "blind_index", {1: chain.current}, "999000007", limit=5) == [7]
    assert blind_index.lookup(conn, "blind_index", {1: chain.current}, "PGA-2026-7", limit=5) == [7]
    assert blind_index.lookup(conn, "blind_index", {1: chain.current}, "nummer33", limit=5) == []  # B's case
    assert blind_index.lookup(conn, "blind_index", {2: keys[B]}, "nummer33", limit=5) == [33]


def test_running_it_again_changes_nothing(conn, keys):
    chain = _rotate(keys)
    rekey.reseal_compartment(conn, COLUMNS, chain, index=plan(A))
    blobs, index = _blobs(conn), _index(conn)
    again = rekey.reseal_compartment(conn, COLUMNS, chain, index=plan(A))
    assert again.resealed == 0 and _blobs(conn) == blobs and _index(conn) == index


def test_a_value_that_does_not_open_rolls_everything_back(conn, keys):
    foreign = sealing.seal_field(new_key(A, 1), "signals", "facts", 20, "untergeschoben")
    conn.execute("UPDATE signals SET facts = ? WHERE id = 20", (foreign,))
    blobs, index = _blobs(conn), _index(conn)
    with pytest.raises(VaultDamaged, match="signals.facts, rij 20"):
        rekey.reseal_compartment(conn, COLUMNS, _rotate(keys), index=plan(A))
    assert _blobs(conn) == blobs and _index(conn) == index
    assert not conn.in_transaction


def test_an_interruption_midway_leaves_the_old_generation_whole(conn, keys):
    blobs, index = _blobs(conn), _index(conn)

    def interrupt(done, total):
        if done < total:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        rekey.reseal_compartment(conn, COLUMNS, _rotate(keys), index=plan(A), progress=interrupt)
    assert _blobs(conn) == blobs and _index(conn) == index


def test_no_old_ciphertext_lingers_in_the_file_or_wal_after_a_checkpoint(conn, keys, tmp_path):
    old = list(_blobs(conn, A).values())
    rekey.reseal_compartment(conn, COLUMNS, _rotate(keys), index=plan(A))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("test.db"))
    lingering = [blob for blob in old if bytes(blob)[5:21] in raw]  # header + nonce: unique per value
    assert lingering == []
    assert all(bytes(blob)[5:21] in raw for blob in _blobs(conn, A).values())  # the scan does see live values


def test_a_moved_case_is_resealed_into_its_new_compartment(conn, keys):
    source, target = KeyChain(A, {1: keys[A]}), keys[B]
    conn.execute("BEGIN")
    moved = rekey.move_rows(conn, COLUMNS, [("persons", 5), ("signals", 5)], source, target)
    conn.execute("UPDATE cases SET compartment = ? WHERE id = 5", (B,))
    blind_index.delete_owner(conn, "blind_index", NUMBERS[A], 5)
    rekey.reindex_owner(conn, plan(B), KeyChain(B, {1: target}), 5)
    conn.execute("COMMIT")
    assert moved == 2
    blobs = _blobs(conn)
    assert sealing.open_field(target, "persons", "name", 5, blobs[("persons", "name", 5)]) == "Persoon5 Jansen"
    assert sealing.open_field(target, "signals", "facts", 5, blobs[("signals", "facts", 5)]) == "Deelt filmpjes nummer5"
    with pytest.raises(crypto.DecryptionFailed):
        sealing.open_field(keys[A], "persons", "bsn", 5, blobs[("persons", "bsn", 5)])
    assert blind_index.lookup(conn, "blind_index", {1: keys[A]}, "persoon5", limit=5) == []
    assert blind_index.lookup(conn, "blind_index", {2: target}, "persoon5", limit=5) == [5]


def test_moving_a_row_from_a_compartment_it_is_not_in_is_refused(conn, keys):
    with pytest.raises(VaultDamaged):
        rekey.move_rows(conn, COLUMNS, [("persons", 35)], KeyChain(A, {1: keys[A]}), keys[B])


def test_column_names_are_identifiers_only():
    with pytest.raises(ValueError):
        rekey.SealedColumn("persons; DROP TABLE cases", "name")
    with pytest.raises(ValueError):
        rekey.IndexSource(NAME, "names", owner="o.id OR 1=1")
    with pytest.raises(ValueError):
        rekey.IndexSource(NAME, "everything")


def test_a_removed_member_reads_nothing_after_the_whole_flow(conn, keys):
    """Keyring and data together: remove a member, re-seal with a remaining member's keys,
    finish; every value of the compartment then refuses the removed member's key."""
    from pgatui.vault import compartments, keyring

    ring = {"vault_id": "v", "slots": []}
    for login in ("gea", "geb"):
        ring["slots"].append(keyring.new_slot(ring, login, f"pw-{login}", kind="user", role="gemeente",
                                              organisation="A", must_change_password=False, data_keys={}))
    first = compartments.create_compartment(ring, C, ring["slots"])
    conn.execute("BEGIN")
    _add_case(conn, first, 99, "Nieuw Lid", "999000099", "Na de oprichting")
    conn.execute("COMMIT")

    def chain_of(login):
        slot = keyring.find_slot(ring, login)
        private = keyring.unlock_slot(ring, slot, f"pw-{login}").private_key
        return compartments.unlock_compartments(ring, slot, private).chain(C)

    removed = chain_of("geb")
    compartments.remove_member(ring, C, "geb")
    remaining = chain_of("gea")
    assert rekey.reseal_compartment(conn, [NAME, BSN, FACTS], remaining).per_column["persons.name"] == 1
    compartments.finish_rekey(ring, C)
    assert sorted(chain_of("gea").keys) == [2]
    assert len(_blobs(conn, C)) == 3
    for (table, column, row_id), blob in _blobs(conn, C).items():
        assert sealing.open_field(chain_of("gea"), table, column, row_id, blob)
        with pytest.raises(crypto.DecryptionFailed):
            sealing.open_field(removed, table, column, row_id, blob)


def test_insider_with_the_data_key_and_one_compartment_finds_only_its_own_canaries(tmp_path, keys):
    """The machinery-level insider scan (the full one per role follows the wiring): in a real
    SQLCipher file, the data key alone shows no canary in any page or WAL frame; opening every
    sealed value with A's keys gives A's canaries and refuses every value of B."""
    from sqlcipher_pages import decrypted_pages
    from pgatui.vault import db

    data_key = crypto.random_key()
    conn = db.connect(tmp_path / "data.db", data_key, create=True)
    conn.executescript(SCHEMA)
    conn.execute("BEGIN")
    for case_id, compartment in ((1, A), (2, B)):
        _add_case(conn, keys[compartment], case_id, f"KANARIE{case_id} Naam", f"99900000{case_id}",
                  f"KANARIE{case_id} tekst")
        rekey.reindex_owner(conn, plan(compartment), KeyChain(compartment, {1: keys[compartment]}), case_id)
    conn.execute("COMMIT")
    pages = decrypted_pages(tmp_path / "data.db", data_key)
    assert b"KANARIE" not in pages and b"999000001" not in pages
    assert b"PGA-2026-00001" in pages  # the scan does read the plain columns

    def readable_with(chain):
        found = []
        for column in COLUMNS:
            for row_id, blob in conn.execute(f"SELECT id, {column.column} FROM {column.table}"):
                try:
                    found.append(sealing.open_field(chain, column.table, column.column, row_id, blob))
                except crypto.DecryptionFailed:
                    pass
        return " ".join(found)

    assert "KANARIE1" in readable_with(KeyChain(A, {1: keys[A]}))
    assert "KANARIE2" not in readable_with(KeyChain(A, {1: keys[A]}))
    assert "KANARIE2" in readable_with(KeyChain(B, {1: keys[B]}))  # the check can fail
    conn.close()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([A, B]), st.none() | st.text(max_size=40)), min_size=1, max_size=12))
def test_resealing_keeps_every_value_and_touches_only_its_compartment(rows):
    """Any texts (None included) in either compartment: after a re-seal of A every value reads
    back the same, A's under the new generation only, B's byte for byte unchanged."""
    old = {A: new_key(A, 1), B: new_key(B, 1)}
    conn = sqlcipher3.connect(":memory:", isolation_level=None)
    conn.executescript(SCHEMA)
    for row_id, (compartment, text) in enumerate(rows, start=1):
        sealed = sealing.seal_field(old[compartment], "signals", "facts", row_id, text)
        conn.execute("INSERT INTO signals(id, compartment, case_id, facts) VALUES (?, ?, ?, ?)",
                     (row_id, compartment, row_id, sealed))
    before = dict(conn.execute("SELECT id, facts FROM signals"))
    chain = KeyChain(A, {1: old[A], 2: new_key(A, 2)})
    rekey.reseal_compartment(conn, [FACTS], chain)
    after = dict(conn.execute("SELECT id, facts FROM signals"))
    for row_id, (compartment, text) in enumerate(rows, start=1):
        if compartment == B:
            assert after[row_id] == before[row_id]
        elif text is not None:
            assert sealing.generation_of(after[row_id]) == 2
        keys = chain if compartment == A else old[B]
        assert sealing.open_field(keys, "signals", "facts", row_id, after[row_id]) == text
    conn.close()
