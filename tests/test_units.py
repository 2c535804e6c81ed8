"""The pint registry: Chinese unit words converted exactly, dimensions kept apart."""

from __future__ import annotations

from decimal import Decimal

import pytest

from factcheck.units import PINT_NAMES, convert, describe, registry

CASES = [
    ("12.5", "公斤", "克", "12500"),
    ("2", "斤", "公斤", "1"),
    ("1", "公斤", "斤", "2"),  # into a unit defined with a magnitude (500 * gram)
    ("69541", "吨", "斤", "139082000"),
    ("1", "亩", "平方米", "666.6666666666666666666666667"),
    ("3", "吨", "公斤", "3000"),
    ("500", "兆瓦", "瓦", "500000000"),  # 兆 as an SI prefix is 10^6
    ("1", "GW", "MW", "1000"),
    ("1", "噸", "公斤", "1000"),  # Traditional forms fold onto the same names
]


@pytest.mark.parametrize(("value", "src", "dst", "want"), CASES)
def test_convert(value: str, src: str, dst: str, want: str) -> None:
    got = convert(Decimal(value), src, dst)
    assert got is not None and got == Decimal(want)


@pytest.mark.parametrize(("src", "dst"), [("吨", "平方米"), ("股", "克"), ("美元", "克")])
def test_incompatible_or_unknown_units_are_none(src: str, dst: str) -> None:
    assert convert(Decimal(1), src, dst) is None


def test_percentage_points_are_their_own_dimension() -> None:
    ureg = registry()
    assert (1 * ureg.pp).dimensionality != (1 * ureg.percent).dimensionality


def test_describe() -> None:
    assert describe(Decimal(500), "兆瓦") == "500 megawatt"


@pytest.mark.parametrize("unit", sorted(PINT_NAMES))
@pytest.mark.parametrize("value", ["500", "1.25", "0.003", "69541"])
def test_describe_writes_what_pint_writes(unit: str, value: str) -> None:
    """describe() spares the reader pint's import; its words must be pint's own."""
    quantity = Decimal(value) * registry().parse_expression(PINT_NAMES[unit])
    assert describe(Decimal(value), unit) == \
        f"{Decimal(quantity.magnitude).normalize():f} {quantity.units}"
