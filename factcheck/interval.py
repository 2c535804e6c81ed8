"""Closed intervals of Decimals: what a stated figure allows, and arithmetic on them.

One type for the editors' API (:mod:`factcheck.testing`) and the relation engine
(:mod:`factcheck.relations`): a relation holds when some values inside the stated intervals
satisfy it, so every comparison is an overlap of intervals, never of points.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

_INF = Decimal("Infinity")


def _to_inf(d: Decimal | None, side: int) -> Decimal:
    return d if d is not None else side * _INF


def _from_inf(d: Decimal) -> Decimal | None:
    return None if d.is_infinite() else d


def _mul(a: Decimal, b: Decimal) -> Decimal:
    if (a.is_infinite() and b == 0) or (b.is_infinite() and a == 0):
        return Decimal(0)
    return a * b


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed interval of Decimals; ``None`` is an open end (``超10%`` is 10..None)."""

    lo: Decimal | None
    hi: Decimal | None

    @classmethod
    def point(cls, value: Decimal | int | float | str) -> Interval:
        d = value if isinstance(value, Decimal) else Decimal(
            repr(value) if isinstance(value, float) else str(value).replace(",", ""))
        return cls(d, d)

    def contains(self, value: Decimal) -> bool:
        return (self.lo is None or self.lo <= value) and (self.hi is None or value <= self.hi)

    def overlaps(self, other: Interval) -> bool:
        if self.lo is not None and other.hi is not None and self.lo > other.hi:
            return False
        return not (other.lo is not None and self.hi is not None and other.lo > self.hi)

    @property
    def center(self) -> Decimal | None:
        if self.lo is not None and self.hi is not None:
            return (self.lo + self.hi) / 2
        return self.lo if self.lo is not None else self.hi

    def widened(self, relative: Decimal | None) -> Interval:
        """Both ends moved out by ``relative`` times the size of the centre value."""
        if not relative:
            return self
        c = self.center
        pad = abs(c) * relative if c is not None else Decimal(0)
        return Interval(None if self.lo is None else self.lo - pad,
                        None if self.hi is None else self.hi + pad)

    def __neg__(self) -> Interval:
        return Interval(None if self.hi is None else -self.hi,
                        None if self.lo is None else -self.lo)

    def __add__(self, other: Interval) -> Interval:
        lo = None if self.lo is None or other.lo is None else self.lo + other.lo
        hi = None if self.hi is None or other.hi is None else self.hi + other.hi
        return Interval(lo, hi)

    def __sub__(self, other: Interval) -> Interval:
        return self + (-other)

    def __mul__(self, other: Interval) -> Interval:
        ends = [_mul(a, b) for a in (_to_inf(self.lo, -1), _to_inf(self.hi, 1))
                for b in (_to_inf(other.lo, -1), _to_inf(other.hi, 1))]
        return Interval(_from_inf(min(ends)), _from_inf(max(ends)))

    def __truediv__(self, other: Interval) -> Interval:
        lo, hi = _to_inf(other.lo, -1), _to_inf(other.hi, 1)
        if lo <= 0 <= hi:
            return Interval(None, None)  # dividing by something that may be zero
        inv_lo = Decimal(0) if hi.is_infinite() else 1 / hi
        inv_hi = Decimal(0) if lo.is_infinite() else 1 / lo
        return self * Interval(inv_lo, inv_hi)

    def scaled(self, factor: Decimal | int) -> Interval:
        return self * Interval.point(factor)

    def shifted(self, offset: Decimal | int) -> Interval:
        return self + Interval.point(offset)

    def describe(self, unit: str | None = None) -> str:
        from .testing import fmt  # the one number format people read

        u = f" {unit}" if unit else ""
        if self.lo is None and self.hi is None:
            return "any value"
        if self.lo is None:
            return f"at most {fmt(self.hi)}{u}"
        if self.hi is None:
            return f"at least {fmt(self.lo)}{u}"
        if self.lo == self.hi:
            return f"{fmt(self.lo)}{u}"
        return f"{fmt(self.lo)} .. {fmt(self.hi)}{u}"
