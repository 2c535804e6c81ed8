"""The mention under construction and the document context, shared by the extraction stages.

Kept apart from the extraction modules so the stages that refine candidates (``dates``,
``currency``, ``forms``) can import them without importing the scanner.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(slots=True)
class Cand:
    """A mention under construction (mutable; frozen into Mention at the end)."""

    start: int
    end: int
    kind: str
    value: Any = None
    unit: str | None = None
    qualifier: str = "exact"
    lo: Decimal | None = None
    hi: Decimal | None = None
    ulp: Decimal | None = None  # precision of value (its last written digit), scaled
    spread: Decimal | None = None  # hi - lo for 多/余 (one unit of the lowest non-zero digit)
    tolerance: Decimal | None = None
    number_text: str = ""
    multiplier: Decimal = Decimal(1)
    bare: bool = False  # a number with no unit, kept only if context gives it one
    chinese: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    date_parts: tuple[int | None, int | None, int | None] | None = None
    unit_span: tuple[int, int] | None = None  # where a count's classifier is written
    rel_year: str | None = None
    scale: Decimal = Decimal(1)  # the unit's scale of the written number (成: x10 to percent)


@dataclass
class DocContext:
    """What the whole document tells about its figures."""

    currency: str
    currency_basis: str
    year: int | None = None
    year_basis: str | None = None
    locale: str | None = None  # "TW", "HK" or None (mainland), from the cue count
    dateline: dt.date | None = None  # the full date of a dateline, when the text has one


