"""Issue 16: small-cell suppression (at 4 and 5), percentiles, age bands and periods."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pgatui.domain.figures import (HIDDEN_TEXT, SMALL_TEXT, Group, Period, by_band, last_12_months, last_quarter,
                                   lead_time, percentile, primary, share, suppress, this_year)
from pgatui.errors import InvalidValue


@pytest.mark.parametrize(("count", "text"), [(0, "0"), (1, "<5"), (4, "<5"), (5, "5"), (6, "6")])
def test_a_count_of_one_to_four_shows_as_less_than_five(count, text):
    assert primary(count).text == text


def test_a_lone_small_cell_hides_the_smallest_other_cell_too():
    cells = suppress([6, 4, 5, 0, 9])
    assert [c.text for c in cells] == ["6", SMALL_TEXT, HIDDEN_TEXT, "0", "9"]
    assert cells[2].value == 5  # kept for computing, never shown


def test_two_small_cells_need_no_second_hiding():
    assert [c.text for c in suppress([4, 1, 5, 7])] == [SMALL_TEXT, SMALL_TEXT, "5", "7"]


def test_five_everywhere_hides_nothing():
    assert [c.text for c in suppress([5, 5, 0])] == ["5", "5", "0"]


def test_a_tie_hides_the_first_smallest():
    assert [c.text for c in suppress([7, 3, 7])] == [HIDDEN_TEXT, SMALL_TEXT, "7"]


@given(st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=12))
def test_the_total_never_gives_back_a_small_cell(counts):
    """With the total shown, the shown cells never add up to all but exactly one small cell."""
    group = Group.of({str(i): c for i, c in enumerate(counts)})
    hidden = [cell for _, cell in group.rows if not cell.shown]
    if group.total.shown and hidden:
        assert len(hidden) >= 2
    for _, cell in group.rows:
        assert cell.text != SMALL_TEXT or 0 < cell.value < 5
        assert cell.text != HIDDEN_TEXT or cell.value >= 5


def test_a_group_keeps_the_order_of_its_codes_and_fills_zeroes():
    group = Group.of({"b": 7, "z": 9}, ["a", "b"])
    assert [code for code, _ in group.rows] == ["a", "b", "z"]
    assert group.value("a") == 0 and group.total.text == "16"


def test_shares_are_not_shown_for_hidden_counts():
    assert share(primary(5), primary(20)) == "25%"
    assert share(primary(4), primary(20)) == "-"
    assert share(primary(0), primary(0)) == "-"


def test_percentiles_by_nearest_rank():
    histogram = {1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1, 9: 1, 10: 1}
    assert percentile(histogram, 50) == 5
    assert percentile(histogram, 90) == 9  # 0.9 * 10 is 9 exactly, not 9.000000000000002
    assert percentile({14: 3, 30: 1}, 50) == 14
    with pytest.raises(InvalidValue):
        percentile({}, 50)


def test_lead_times_of_fewer_than_five_cases_are_not_shown():
    few = lead_time({10: 4})
    assert few.cases.text == SMALL_TEXT and few.median is None and few.text(few.p90) == "-"
    enough = lead_time({10: 4, 20: 1})
    assert (enough.median, enough.p90, enough.cases.text) == (10, 20, "5")


def test_ages_fall_into_bands():
    assert by_band({11: 1, 12: 2, 17: 3, 18: 4, 29: 5, 45: 6}) == {
        "0-11": 1, "12-17": 5, "18-22": 4, "23-29": 5, "30-39": 0, "40+": 6}


def test_periods_and_presets():
    today = dt.date(2026, 11, 24)
    assert this_year(today) == Period(dt.date(2026, 1, 1), today)
    assert last_12_months(today) == Period(dt.date(2025, 12, 1), today)
    assert last_12_months(dt.date(2026, 12, 5)) == Period(dt.date(2026, 1, 1), dt.date(2026, 12, 5))
    assert last_quarter(today) == Period(dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert last_quarter(dt.date(2026, 2, 1)) == Period(dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    assert Period(dt.date(2025, 11, 3), dt.date(2026, 2, 1)).months() == ["2025-11", "2025-12", "2026-01", "2026-02"]
    with pytest.raises(InvalidValue):
        Period(dt.date(2026, 2, 1), dt.date(2026, 1, 1))


@given(st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2090, 12, 31)), st.integers(min_value=1, max_value=240),
       st.integers(min_value=-40, max_value=40))
def test_last_passed_is_the_cut_off_of_a_term(today, months, offset):
    """A term of `months` from a day has passed by `today` exactly when the day is on or before it
    (month ends included: 31 August + 6 months is 28 or 29 February)."""
    from pgatui.domain.figures import last_passed
    from pgatui.domain.retention import add_months

    cut_off = last_passed(today, months)
    day = cut_off + dt.timedelta(days=offset)
    assert (add_months(day, months) < today) is (day <= cut_off)
