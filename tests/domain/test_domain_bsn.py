"""The BSN elfproef: examples computed by hand, and the single-digit-error property."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from pydantic import ValidationError

from pgatui.domain.bsn import is_valid_bsn, normalise_bsn
from pgatui.domain.models import PersonInput


# 111222333: 9+8+7+12+10+8+9+6 - 3 = 66 = 6*11.  123456782: 156 - 2 = 154 = 14*11.
# 123456789: 156 - 9 = 147 = 13*11 + 4.  999998286 is a published test number (999 range).
@pytest.mark.parametrize("bsn", ["111222333", "123456782", "999998286", "999990019", "012345672"])
def test_valid_numbers(bsn):
    assert is_valid_bsn(bsn)


@pytest.mark.parametrize("bsn", ["123456789", "111222334", "000000000", "11122233", "1112223333", "11122233a",
                                 "１１１２２２３３３", ""])
def test_invalid_numbers(bsn):
    assert not is_valid_bsn(bsn)


@pytest.mark.parametrize("text, expected", [("111 222 333", "111222333"), ("1112.22.333", "111222333"),
                                            ("12345672", "012345672"), ("123456789", None)])
def test_normalise_strips_separators_and_pads_eight_digits(text, expected):
    assert normalise_bsn(text) == expected


def test_person_validates_bsn_at_the_boundary():
    with pytest.raises(ValidationError, match="elfproef"):
        PersonInput(name="A", date_of_birth=dt.date(2000, 1, 1), bsn="123456789")
    assert PersonInput(name="A", date_of_birth=dt.date(2000, 1, 1), bsn="111 222 333").bsn == "111222333"
    assert PersonInput(name="A", date_of_birth=dt.date(2000, 1, 1), bsn="  ").bsn is None


WEIGHTS = range(9, 1, -1)


@st.composite
def valid_bsns(draw) -> str:
    head = draw(st.lists(st.integers(0, 9), min_size=8, max_size=8))
    last = sum(d * w for d, w in zip(head, WEIGHTS)) % 11  # makes 9*d1 + ... + 2*d8 - d9 ≡ 0 (mod 11)
    assume(last < 10 and any(head))
    return "".join(map(str, head)) + str(last)


@given(valid_bsns(), st.integers(0, 8), st.integers(1, 9))
def test_any_single_digit_error_is_caught(bsn, position, delta):
    """Every weight (9..2 and -1) is coprime to 11, so changing one digit breaks the checksum."""
    assert is_valid_bsn(bsn)
    changed = bsn[:position] + str((int(bsn[position]) + delta) % 10) + bsn[position + 1:]
    assert not is_valid_bsn(changed)
