"""Field sealing: round trips, and a value opens only in its own compartment, row, column, generation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pgatui.vault import crypto, sealing
from pgatui.vault.compartments import CompartmentKey, KeyChain

KEY = CompartmentKey("gemeente:1", 3, crypto.random_key())
PLACE = ("persons", "name", 17)


@given(st.text(max_size=300))
def test_any_text_round_trips(text):
    blob = sealing.seal_field(KEY, *PLACE, text)
    assert sealing.open_field(KEY, *PLACE, blob) == text
    assert sealing.generation_of(blob) == 3
    assert len(blob) % sealing.PAD_TO == (sealing.OVERHEAD % sealing.PAD_TO)


def test_none_stays_none_and_empty_text_is_sealed():
    assert sealing.seal_field(KEY, *PLACE, None) is None
    assert sealing.open_field(KEY, *PLACE, None) is None
    empty = sealing.seal_field(KEY, *PLACE, "")
    assert empty and len(empty) == sealing.OVERHEAD + sealing.PAD_TO
    assert sealing.open_field(KEY, *PLACE, empty) == ""


def test_the_same_text_seals_differently_each_time_and_hides_its_length_within_a_block():
    first, second = (sealing.seal_field(KEY, *PLACE, "Jan Jansen") for _ in range(2))
    assert first != second
    assert b"Jansen" not in first
    assert len(sealing.seal_field(KEY, *PLACE, "Jo")) == len(sealing.seal_field(KEY, *PLACE, "Johanna Bakker"))


@pytest.mark.parametrize("elsewhere", [
    ("persons", "name", 18),       # another row
    ("persons", "address", 17),    # another column
    ("signals", "name", 17),       # another table
])
def test_a_value_moved_to_another_place_does_not_open(elsewhere):
    blob = sealing.seal_field(KEY, *PLACE, "Jan Jansen")
    with pytest.raises(crypto.DecryptionFailed):
        sealing.open_field(KEY, *elsewhere, blob)


def test_another_compartment_or_generation_does_not_open_it():
    blob = sealing.seal_field(KEY, *PLACE, "Jan Jansen")
    other_compartment = CompartmentKey("gemeente:2", 3, KEY.secret)  # even with the same secret
    with pytest.raises(crypto.DecryptionFailed):
        sealing.open_field(other_compartment, *PLACE, blob)
    with pytest.raises(crypto.DecryptionFailed):
        sealing.open_field(CompartmentKey("gemeente:1", 4, crypto.random_key()), *PLACE, blob)
    relabelled = blob[:1] + (4).to_bytes(4, "big") + blob[5:]
    chain = KeyChain("gemeente:1", {3: KEY, 4: CompartmentKey("gemeente:1", 4, KEY.secret)})
    with pytest.raises(crypto.DecryptionFailed):
        sealing.open_field(chain, *PLACE, relabelled)
    assert sealing.open_field(chain, *PLACE, blob) == "Jan Jansen"
    with pytest.raises(crypto.DecryptionFailed):
        sealing.open_field(KeyChain("gemeente:1", {4: chain.keys[4]}), *PLACE, blob)


@given(st.integers(min_value=0, max_value=100), st.integers(min_value=0, max_value=255))
def test_any_changed_byte_is_refused(position, flip):
    blob = bytearray(sealing.seal_field(KEY, *PLACE, "Jan Jansen, Fictiestraat 1"))
    position %= len(blob)
    blob[position] ^= flip or 1
    with pytest.raises(crypto.DecryptionFailed):
        sealing.open_field(KEY, *PLACE, bytes(blob))


@pytest.mark.parametrize("blob", [b"", b"\x01", b"\x02" + bytes(40), bytes(sealing.OVERHEAD - 1), "text"])
def test_short_or_unknown_blobs_are_refused(blob):
    with pytest.raises(crypto.DecryptionFailed):
        sealing.open_field(KEY, *PLACE, blob)


def test_only_text_and_int_row_ids_are_accepted():
    with pytest.raises(TypeError):
        sealing.seal_field(KEY, *PLACE, 12)
    with pytest.raises(TypeError):
        sealing.seal_field(KEY, "persons", "name", "17", "x")
    with pytest.raises(ValueError):
        sealing.seal_field(KEY, "persons\0name", "x", 1, "x")
