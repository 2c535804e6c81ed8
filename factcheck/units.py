"""The one pint registry of the application (pint asks for a single registry per program).

Built from pint's defaults plus ``lexicon/units.txt``, with ``non_int_type=Decimal`` so
conversions stay exact. Chinese unit words are mapped to pint names here; pint never sees
unsegmented Chinese. Currencies are not pint units in factcheck: a conversion between them
needs a dated rate row, which only the checks have.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from .lexicon import LEXICON_DIR, load_lexicon
from .textfold import fold

if TYPE_CHECKING:  # pint (and the numpy and dask it loads) only when a measure is read
    import pint

# classifier or unit as folded in the text -> pint unit name
PINT_NAMES: dict[str, str] = {
    "克": "gram", "千克": "kilogram", "公斤": "kilogram", "吨": "metric_ton", "公吨": "metric_ton",
    "盎司": "troy_ounce", "斤": "500 * gram",
    "米": "meter", "千米": "kilometer", "公里": "kilometer", "纳米": "nanometer",
    "nm": "nanometer", "厘米": "centimeter", "毫米": "millimeter",
    "平方米": "meter ** 2", "平方公里": "kilometer ** 2", "平米": "meter ** 2",
    "平方公尺": "meter ** 2", "平方呎": "foot ** 2", "方呎": "foot ** 2", "平方英尺": "foot ** 2",
    "坪": "ping",
    "公顷": "hectare", "亩": "mu", "立方米": "meter ** 3",
    "瓦": "watt", "千瓦": "kilowatt", "兆瓦": "megawatt", "吉瓦": "gigawatt",
    "kW": "kilowatt", "MW": "megawatt", "GW": "gigawatt",
    "千瓦时": "kilowatt_hour", "兆瓦时": "megawatt_hour", "度电": "kilowatt_hour",
    "kWh": "kilowatt_hour", "GWh": "gigawatt_hour", "TWh": "terawatt_hour",
    "兆赫": "megahertz", "吉赫": "gigahertz",
    "GB": "gigabyte", "TB": "terabyte", "MB": "megabyte", "PB": "petabyte",
    "兆字节": "megabyte", "桶": "oil_barrel",
    "MWh": "megawatt_hour", "吉瓦时": "gigawatt_hour", "太瓦时": "terawatt_hour",
    "头": "livestock_head",
}


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    import pint

    ureg = pint.UnitRegistry(non_int_type=Decimal)
    ureg.load_definitions(str(LEXICON_DIR / "units.txt"))
    return ureg


@lru_cache(maxsize=256)
def kin(unit: str | None) -> str | None:
    """A unit as relations compare it: in one script (570點 moves a level in 点), and
    classifiers that count alike as one (辆 as 台, 支 as 只: lexicon/units.csv's unit
    column)."""
    if not unit:
        return unit
    folded = fold(unit)
    found = load_lexicon().units.get(folded)
    return found.unit if found is not None and found.kind == "count" and found.unit else folded


@lru_cache(maxsize=1024)
def pint_name(unit_text: str | None) -> str | None:
    """The pint name of a unit word as written (either script), or None (cached: every
    count's classifier asks, and folding it again costs more than the lookup)."""
    if not unit_text:
        return None  # (a sign such as ㎡ through the unit its lexicon row reads it as)
    return PINT_NAMES.get(fold(unit_text)) or PINT_NAMES.get(kin(unit_text) or "")


def convert(value: Decimal, from_unit: str | None, to_unit: str | None) -> Decimal | None:
    """``value`` in ``from_unit`` expressed in ``to_unit`` (unit words as written), or None
    when either is not a physical unit or their dimensions differ (吨 vs 平方米).

    >>> convert(Decimal("12.5"), "公斤", "克")
    Decimal('12500.0')
    """
    a, b = pint_name(from_unit), pint_name(to_unit)
    if a is None or b is None:
        return None
    ureg = registry()
    try:
        quantity = Decimal(value) * ureg.parse_expression(a)
        target = ureg.parse_expression(b)  # 斤 is "500 * gram": a magnitude and a unit
        return Decimal(str(quantity.to(target.units).magnitude / target.magnitude))
    except (_pint_error(), ValueError, TypeError, ArithmeticError):
        return None


def describe(value: Decimal, unit_text: str | None) -> str | None:
    """A measure in pint's words (500兆瓦 -> '500 megawatt'), for machine readers.

    Written from the pint name itself (斤 = "500 * gram": 500 times the value, in gram), so
    that reading a figure never loads pint and the numpy it brings (0.6 s);
    tests/test_units.py checks every name against what pint itself writes."""
    name = pint_name(unit_text)
    if name is None:
        return None
    head, times, unit = name.partition(" * ")
    factor, unit = (Decimal(head), unit) if times else (Decimal(1), name)
    try:
        return f"{(Decimal(value) * factor).normalize():f} {unit}"
    except ArithmeticError:
        return None


def _pint_error() -> type[Exception]:
    import pint

    return pint.errors.PintError
