"""Blind index: normalising, prefix tokens, BSN and case-number tokens, lookups per compartment."""

from __future__ import annotations

import pytest
import sqlcipher3
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import blind_index_tables
from pgatui.vault import blind_index as bi
from pgatui.vault import crypto
from pgatui.vault.compartments import CompartmentKey

A = CompartmentKey("gemeente:1", 1, crypto.random_key())
B = CompartmentKey("gemeente:2", 1, crypto.random_key())
TABLE = "blind_index"


@pytest.fixture
def conn():
    conn = sqlcipher3.connect(":memory:", isolation_level=None)
    conn.executescript(blind_index_tables())
    yield conn
    conn.close()


def _add(conn, key, compartment_no, owner, **fields):
    bi.replace_owner(conn, TABLE, compartment_no, owner, bi.index_tokens(key, **fields))


def test_normalise_drops_diacritics_and_case_and_splits_words():
    assert bi.normalise("Çelik-Öztürk, Jan") == ["celik", "ozturk", "jan"]
    assert bi.normalise("STRAẞE 12b") == ["strasse", "12b"]
    assert bi.normalise("  ") == [] and bi.normalise("o'Neill") == ["o", "neill"]


def test_prefixes_start_at_the_second_character_and_stop_at_the_cap():
    assert bi.prefixes("jansen") == ["ja", "jan", "jans", "janse", "jansen"]
    assert bi.prefixes("j") == []
    assert bi.prefixes("radicaliseringsproces")[-1] == "radicaliseringsproces"[:bi.MAX_PREFIX]


def test_bsn_and_case_numbers_are_normalised():
    assert bi.normal_bsn("99912345") == "099912345" and bi.normal_bsn("999.123.456") == "999123456"
    assert bi.normal_bsn("12345") is None and bi.normal_bsn(None) is None
    assert bi.normal_case_number("pga-2026-17") == "PGA-2026-00017" == bi.normal_case_number("PGA202600017")
    assert bi.normal_case_number("PGA-26-1") is None
    assert bi.normal_case_number("pga-2026-100000") == "PGA-2026-100000"  # case ids past 99999


def test_tokens_are_truncated_hmacs_that_differ_per_compartment_and_generation():
    token = bi.token(A, bi.WORD, "jansen")
    assert len(token) == bi.TOKEN_BYTES and token == bi.token(A, bi.WORD, "jansen")
    assert token != bi.token(B, bi.WORD, "jansen")
    assert token != bi.token(CompartmentKey(A.compartment, 2, A.secret), bi.WORD, "jansen")  # a re-key re-derives
    assert token != bi.token(A, bi.BSN, "jansen")


def test_a_name_is_found_by_its_prefixes_diacritics_and_case_aside(conn):
    _add(conn, A, 1, 10, names=["Jan Öztürk"], texts=["Deelt filmpjes in de klasgroep"])
    _add(conn, A, 1, 11, names=["Johanna Bakker"])
    keys = {1: A}
    for query in ("jan", "JA", "Oztu", "öztürk", "jan ozturk", "klasgr", "filmpjes"):
        assert bi.lookup(conn, TABLE, keys, query, limit=10) == [10], query
    assert bi.lookup(conn, TABLE, keys, "jo", limit=10) == [11]
    assert bi.lookup(conn, TABLE, keys, "ja", limit=10) == [10]
    assert bi.lookup(conn, TABLE, keys, "ztürk", limit=10) == []   # no infixes
    assert bi.lookup(conn, TABLE, keys, "jan bakker", limit=10) == []  # every word must match
    assert bi.lookup(conn, TABLE, keys, "j", limit=10) == []  # one letter is no query


def test_bsn_and_case_number_are_exact_tokens(conn):
    _add(conn, A, 1, 17, names=["Sem Bos"], bsn="999123456", case_number="PGA-2026-00017")
    keys = {1: A}
    assert bi.lookup(conn, TABLE, keys, "999123456", limit=5) == [17]
    assert bi.lookup(conn, TABLE, keys, "999.123.456", limit=5) == [17]
    assert bi.lookup(conn, TABLE, keys, "99912345", limit=5) == []  # a BSN is never a prefix
    assert bi.lookup(conn, TABLE, keys, "pga-2026-17", limit=5) == [17]
    assert bi.lookup(conn, TABLE, keys, "PGA-2026-00018", limit=5) == []


def test_another_compartments_entries_are_not_found(conn):
    _add(conn, A, 1, 1, names=["Jan Jansen"])
    _add(conn, B, 2, 2, names=["Jan Jansen"], bsn="999123456")
    assert bi.lookup(conn, TABLE, {1: A}, "jansen", limit=5) == [1]
    assert bi.lookup(conn, TABLE, {1: A}, "999123456", limit=5) == []
    assert bi.lookup(conn, TABLE, {2: A}, "jansen", limit=5) == []  # A's key finds nothing in B's rows
    assert bi.lookup(conn, TABLE, {1: A, 2: B}, "jansen", limit=5) == [2, 1]


def test_replace_and_delete_leave_no_tokens_behind(conn):
    _add(conn, A, 1, 5, names=["Vera Visser"])
    _add(conn, A, 1, 5, names=["Vera Mulder"])
    assert bi.lookup(conn, TABLE, {1: A}, "visser", limit=5) == []
    assert bi.lookup(conn, TABLE, {1: A}, "mulder", limit=5) == [5]
    _add(conn, A, 1, 6, names=["Vera Mulder"])
    rows_of_6 = conn.execute("SELECT count(*) FROM blind_index WHERE owner = 6").fetchone()[0]
    bi.delete_owner(conn, TABLE, 1, 5)
    assert conn.execute("SELECT count(*) FROM blind_index").fetchone()[0] == rows_of_6 > 0
    assert conn.execute("SELECT owner FROM blind_index_owners").fetchall() == [(6,)]
    assert bi.lookup(conn, TABLE, {1: A}, "mulder", limit=5) == [6]
    bi.delete_owner(conn, TABLE, 1, 6)
    bi.delete_owner(conn, TABLE, 1, 6)  # twice: nothing left, no error
    assert conn.execute("SELECT count(*) FROM blind_index").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM blind_index_owners").fetchone()[0] == 0


def test_lookup_is_newest_first_and_limited(conn):
    for owner in range(1, 8):
        _add(conn, A, 1, owner, names=["Kim Kaya"])
    assert bi.lookup(conn, TABLE, {1: A}, "kaya", limit=3) == [7, 6, 5]


def test_matches_confirms_candidates_on_the_opened_text():
    assert bi.matches("jan ozt", names=["Jan Öztürk"])
    assert not bi.matches("jan bos", names=["Jan Öztürk"])
    assert bi.matches("999123456", bsn="999 123 456".replace(" ", ""))
    assert bi.matches("pga-2026-7", case_number="PGA-2026-00007")
    assert not bi.matches("", names=["Jan"])


def test_table_names_are_identifiers_only(conn):
    with pytest.raises(ValueError):
        bi.lookup(conn, "blind_index; DROP TABLE x", {1: A}, "jan", limit=1)


_words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéöüç", min_size=2, max_size=20)


@settings(max_examples=60, deadline=None)
@given(st.lists(_words, min_size=1, max_size=8), st.data())
def test_every_prefix_of_every_word_finds_its_owner(words, data):
    conn = sqlcipher3.connect(":memory:", isolation_level=None)
    conn.executescript(blind_index_tables())
    text = " ".join(words)
    _add(conn, A, 1, 3, texts=[text])
    word = bi.normalise(data.draw(st.sampled_from(words)))[0]
    query = word[:data.draw(st.integers(min_value=2, max_value=len(word)))]
    assert bi.lookup(conn, TABLE, {1: A}, query.upper(), limit=5) == [3]
    assert bi.matches(query, texts=[text])
    conn.close()


def test_person_token_matches_the_same_name_and_birth_date_only():
    token = bi.person_token(A, "Jan  Öztürk", "2001-02-03")
    assert token == bi.person_token(A, "jan ozturk", "2001-02-03")
    assert token != bi.person_token(A, "jan ozturk", "2001-02-04")
    assert token != bi.person_token(A, "jan", "2001-02-03")
    assert token != bi.person_token(B, "jan ozturk", "2001-02-03")


def test_every_term_must_match_in_any_order(conn):
    _add(conn, A, 1, 1, names=["Jan de Vries"])
    _add(conn, A, 1, 2, names=["Jan Bakker"], texts=["de buurman"])
    _add(conn, A, 1, 3, names=["Anouk de Vries"])
    assert bi.lookup(conn, TABLE, {1: A}, "de vries", limit=5) == [3, 1]
    assert bi.lookup(conn, TABLE, {1: A}, "jan de", limit=5) == [2, 1]
    assert bi.lookup(conn, TABLE, {1: A}, "vries jan", limit=5) == [1]
    assert bi.lookup(conn, TABLE, {1: A}, "bakker vries", limit=5) == []


def test_the_newest_matches_come_first_even_when_the_first_word_is_common(conn):
    for owner in range(1, 41):
        _add(conn, A, 1, owner, names=[f"Kim {'Visser' if owner % 10 == 0 else 'Bos'}"], texts=["de buurt"])
    assert bi.lookup(conn, TABLE, {1: A}, "de visser", limit=3) == [40, 30, 20]
    assert bi.lookup(conn, TABLE, {1: A}, "de kim", limit=2) == [40, 39]


@settings(max_examples=80, deadline=None)
@given(st.lists(_words, min_size=1, max_size=6), st.data())
def test_the_index_finds_exactly_what_matches_confirms(indexed, data):
    """Queries made of prefixes of the indexed words, sometimes with a stranger word: the lookup
    finds the owner whenever the opened text matches, and (barring a 2^-32 collision) only then."""
    conn = sqlcipher3.connect(":memory:", isolation_level=None)
    conn.executescript(blind_index_tables())
    text = " ".join(indexed)
    _add(conn, A, 1, 9, names=[text])
    words = data.draw(st.lists(st.sampled_from(indexed), min_size=1, max_size=3))
    asked = [w[:data.draw(st.integers(min_value=2, max_value=len(w)))] for w in words]
    asked += data.draw(st.lists(_words, max_size=1))
    query = " ".join(asked)
    found = bi.lookup(conn, TABLE, {1: A}, query, limit=5) == [9]
    assert found == bi.matches(query, names=[text])
    conn.close()
