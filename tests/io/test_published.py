"""Publication dates as inputs give them: validated, written YYYY-MM-DD (or YYYY-MM, YYYY)."""
import datetime

import pytest

from pipeline.io.published import parse_published


@pytest.mark.parametrize("value, expected", [
    ("2024-05-01", "2024-05-01"),
    ("2021-06-26T08:30:00+07:00", "2021-06-26"),
    ("2021-06-26 23:59:59", "2021-06-26"),
    ("2021-06-26T08:30:00Z", "2021-06-26"),
    ("26/06/2021", "2021-06-26"),
    ("6/7/2021", "2021-07-06"),
    ("26-06-2021", "2021-06-26"),
    ("26.06.2021", "2021-06-26"),
    ("2021/06/26", "2021-06-26"),
    ("2017", "2017"),
    ("2017-11", "2017-11"),
    (" 2024-05-01 ", "2024-05-01"),
    (datetime.date(2020, 2, 29), "2020-02-29"),
    (datetime.datetime(2020, 2, 29, 10, 0), "2020-02-29"),
])
def test_dates_are_normalised(value, expected):
    assert parse_published(value) == (expected, None)


@pytest.mark.parametrize("value", [None, ""])
def test_no_date_is_no_warning(value):
    assert parse_published(value) == (None, None)


@pytest.mark.parametrize("value", ["2024-02-30", "31/02/2024", "hôm qua", "2024-13-01", "99999", "0000-01-01",
                                   "2024-05-01T25:00", "12/2024/05"])
def test_bad_dates_are_ignored_with_a_warning(value):
    date, warning = parse_published(value)
    assert date is None
    assert repr(str(value)) in warning and "ignored" in warning
