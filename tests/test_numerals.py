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
    ("0億", "0", "100000000"),  # a written zero before a multiplier is zero, not one 億
    ("0万", "0", "10000"),
    ("萬億", "1000000000000", "1000000000000"),  # 突破萬億: a bare multiplier is one of it
    ("廿五", "25", "1"),
    ("卅點四六九", "30.469", "0.001"),
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


_SMALL_DIGITS = "一二两三四五六七八九"
SMALL_FORMS = sorted({f + big for big in ("", "万", "亿", "万亿") for f in
                      [*_SMALL_DIGITS, *(d + p for d in _SMALL_DIGITS for p in "百千"),
                       *(t + "十" + u for t in ["", *_SMALL_DIGITS] for u in ["", *_SMALL_DIGITS])]}
                     | {"零", "〇"})


@pytest.mark.parametrize("written", SMALL_FORMS)
def test_small_numerals_read_here_are_what_cn2an_reads(written: str) -> None:
    """The numerals read without cn2an (to spare its import) must be read exactly as it would."""
    import cn2an

    from factcheck.numerals import small_numeral

    assert small_numeral(written) == Decimal(str(cn2an.cn2an(written, "smart")))


@pytest.mark.parametrize("written", ["百", "千", "十十", "一百五", "二百零六亿", "二十五亿三千万",
                                     "三点五", "十二三", "零亿"])
def test_other_numerals_are_left_to_cn2an(written: str) -> None:
    from factcheck.numerals import small_numeral

    assert small_numeral(written) is None


@pytest.mark.parametrize("written", ["百", "千", "千亿", "百亿", "百万", "千万", "仟"])
def test_cn2an_reads_no_numeral_that_starts_with_a_unit(written: str) -> None:
    """Why _cn2an does not ask it: the place-value reader alone reads 百亿 (as 10^10)."""
    import cn2an

    from factcheck.numerals import _cn2an, read_number

    with pytest.raises(ValueError):
        cn2an.cn2an(written, "smart")
    assert _cn2an(written) is None and read_number(written) is not None
