"""pipeline.extraction.numbers: Vietnamese number writing (annotation guide 1, metrics; field notes, numbers)."""
import pytest

from pipeline.extraction.numbers import parse_digits, parse_number, parse_roman, parse_words


@pytest.mark.parametrize("written, value", [
    ("1.123", 1123),
    ("1.030", 1030),
    ("540.642", 540642),
    ("1.200.000", 1200000),
    ("20,5", 20.5),
    ("1,5", 1.5),
    ("0,21", 0.21),
    ("99,99", 99.99),
    ("2 triệu", 2000000),
    ("1,5 tỷ", 1500000000),
    ("1,5 tỉ", 1500000000),
    ("3 nghìn", 3000),
    ("25 ngàn", 25000),
    ("5 trăm", 500),
    ("13,1 ngàn tỷ", 13100000000000),
    ("304.219,4 tỷ", 304219400000000),
    ("13,28 triệu", 13280000),
    ("II", 2),
    ("III", 3),
    ("IV", 4),
    ("XIII", 13),
    ("một", 1),
    ("ba", 3),
    ("mười", 10),
    ("mười lăm", 15),
    ("hai mươi", 20),
    ("hai mươi lăm", 25),
    ("một trăm", 100),
    ("hai triệu", 2000000),
    ("1.5", 1.5),
    ("2025", 2025),
])
def test_parse_number(written, value):
    got = parse_number(written)
    assert got == pytest.approx(value, rel=1e-9)
    assert type(got) is type(value)


@pytest.mark.parametrize("written", ["", "abc", "1.2.3", "tỷ lệ", "ii", "20%", None])
def test_parse_number_refuses(written):
    assert parse_number(written) is None


def test_thousands_only_for_three_digit_groups():
    assert parse_digits("1.123") == 1123
    assert parse_digits("1.12") == 1.12
    assert parse_digits("4.0") == 4


def test_roman_and_words_alone():
    assert parse_roman("IX") == 9
    assert parse_roman("IIII") is None
    assert parse_words("bốn") == 4
    assert parse_words("tỉnh") is None
