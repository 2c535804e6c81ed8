"""The numeral reader: exact values and the precision of the last written digit."""

from __future__ import annotations

from decimal import Decimal

import pytest

from factcheck.numerals import read_number
from factcheck.textfold import fold

CASES = [
    # (written, value, place of the last written digit)
    ("570.06億", "57006000000", "1000000"),
    ("16.4億", "1640000000", "10000000"),
    ("5,000 億", "500000000000", "100000000"),
    ("1.2兆", "1200000000000", "100000000000"),
    ("3萬4000", "34000", "1"),
    ("3.5 萬", "35000", "1000"),
    ("一萬二", "12000", "1000"),
    ("三千五", "3500", "100"),
    ("十億", "1000000000", "1000000000"),
    ("一百九十九億", "19900000000", "100000000"),
    ("二〇二五", "2025", "1"),
    ("六四〇．五億", "64050000000", "10000000"),
    ("百", "100", "100"),
    ("五百萬", "5000000", "1000000"),
    ("兩千九百六十", "2960", "10"),
    ("四十九兆九千五百九十二億", "49959200000000", "100000000"),
    ("３．５萬", "35000", "1000"),
    ("三点五", "3.5", "0.1"),
    ("一百零五", "105", "1"),
]


@pytest.mark.parametrize(("written", "value", "ulp"), CASES, ids=[c[0] for c in CASES])
def test_read_number(written: str, value: str, ulp: str) -> None:
    reading = read_number(fold(written))
    assert reading is not None
    assert reading.value == Decimal(value)
    assert reading.ulp == Decimal(ulp)
    assert isinstance(reading.value, Decimal)


@pytest.mark.parametrize("junk", ["", "万", "亿亿", "abc", "点五", "1.2.3"])
def test_unreadable_numbers_return_none(junk: str) -> None:
    assert read_number(junk) is None


def test_money_is_never_a_binary_float() -> None:
    reading = read_number("570.06亿")
    assert reading is not None and str(reading.value.normalize()) == "5.7006E+10"
