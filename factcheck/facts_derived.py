"""Quantities computed from figures with interval arithmetic (growth, total, ratio), and
pytest's explanation of a failed comparison."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .errors import UsageError
from .facts_values import FactFailure, norm_unit
from .interval import Interval

if TYPE_CHECKING:
    from .facts_figure import Figure

# ---------------------------------------------------------------------------------------------
# Quantities computed from figures
def _is_figure(x: Any) -> bool:
    """``isinstance(x, Figure)``; Figure and Derived refer to each other, so imported late."""
    from .facts_figure import Figure

    return isinstance(x, Figure)


@dataclass(frozen=True)
class Derived:
    """A quantity computed from figures with interval arithmetic, and how it was computed."""

    interval: Interval
    unit: str | None
    what: str  # "the growth from 350.82 億美元 to 570.06 億美元"
    steps: tuple[str, ...]
    signed: bool = False  # compare with the figure's signed interval (a fall is negative)
    operands: tuple[Figure, ...] = ()

    def for_unit(self, unit: str | None) -> Interval | None:
        """The interval in the figure's unit (a factor x as a percent and back), or None."""
        mine, target = norm_unit(self.unit), norm_unit(unit)
        if mine == target or mine is None and target in (None, "x"):
            return self.interval
        if mine == "x" and target == "%":
            return self.interval.scaled(100)
        if mine == "%" and target == "x":
            return self.interval.scaled(Decimal("0.01"))
        if mine == "x" and target is None:
            return self.interval
        return None

    def __eq__(self, other: object) -> bool:
        if _is_figure(other):
            return other == self
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<{self.what} = {self.interval.describe(self.unit)}>"


def _operand(x: Figure) -> Figure:
    if not _is_figure(x):
        raise TypeError(f"expected a figure from article.figure(...), got {x!r}")
    x._need_mention()
    if isinstance(x.value, str) or x.interval == Interval(None, None) and x.value is None:
        raise FactFailure(f"{x.written} is not a number to compute with", figure=x)
    return x


def _operand_line(label: str, f: Figure) -> str:
    return f"{label}{f.written} = {f.interval.describe(f.unit)} (line {f.line})"


def _same_units(figs: Sequence[Figure], what: str) -> str | None:
    units = {norm_unit(f.unit) for f in figs}
    if len(units) > 1:
        listing = ", ".join(f"{f.written} ({f.unit or 'no unit'})" for f in figs)
        raise FactFailure(f"cannot compute {what}: the figures are in different units: "
                          f"{listing}", figure=figs[0])
    return units.pop()


def growth(new: Figure, old: Figure) -> Derived:
    """(new / old - 1) × 100, in percent, over the stated intervals of both levels."""
    new, old = _operand(new), _operand(old)
    what = f"the growth from {old.written} to {new.written}"
    _same_units([new, old], what)
    ratio_iv = new.interval / old.interval
    iv = ratio_iv.shifted(-1).scaled(100)
    steps = (
        f"({new.written} / {old.written} - 1) × 100",
        _operand_line("new: ", new),
        _operand_line("old: ", old),
        f"new / old = {ratio_iv.describe()}",
        f"growth    = {iv.describe('%')}",
    )
    return Derived(iv, "%", what, steps, signed=True, operands=(new, old))


def total(*parts: Figure) -> Derived:
    """The sum of the parts over their stated intervals."""
    if len(parts) < 2:
        raise UsageError("a sum needs at least two parts")
    figs = [_operand(p) for p in parts]
    what = "the sum " + " + ".join(f.written for f in figs)
    unit = _same_units(figs, what)
    iv = figs[0].interval
    for f in figs[1:]:
        iv = iv + f.interval
    steps = (" + ".join(f.written for f in figs),
             *[_operand_line(f"part {i}: ", f) for i, f in enumerate(figs, 1)],
             f"sum    = {iv.describe(unit)}")
    return Derived(iv, unit, what, steps, operands=tuple(figs))


def ratio(a: Figure, b: Figure) -> Derived:
    """a / b as a factor (compared with a 倍 figure as is, with a percent figure × 100)."""
    a, b = _operand(a), _operand(b)
    what = f"the ratio {a.written} / {b.written}"
    _same_units([a, b], what)
    iv = a.interval / b.interval
    steps = (f"{a.written} / {b.written}", _operand_line("a: ", a), _operand_line("b: ", b),
             f"a / b = {iv.describe('x')} (= {iv.scaled(100).describe('%')})")
    return Derived(iv, "x", what, steps, operands=(a, b))


# ---------------------------------------------------------------------------------------------
# pytest's assertion explanation
def explain_comparison(op: str, left: Any, right: Any) -> list[str] | None:
    """Lines explaining ``figure == expected`` (either side), for pytest_assertrepr_compare."""
    if op not in ("==", "!="):
        return None
    if _is_figure(left):
        fig, other = left, right
    elif _is_figure(right):
        fig, other = right, left
    else:
        return None
    head = f"{_short(left)} {op} {_short(right)}"
    if op == "!=":
        return [head, f"  both are {fig.describe()}", f"  sentence:   {fig.marked()}"]
    try:
        fig.check_equals(other)
    except FactFailure as failure:
        # the summary and the sentence first: pytest shows only a few lines without -vv
        lines = failure.lines()
        body = [line for line in lines[1:] if not line.startswith("  document:")]
        where = [line for line in lines[1:] if line.startswith("  document:")]
        return [head, f"  {failure.summary}", *body, *where]
    except (ValueError, TypeError) as exc:
        return [head, f"  cannot compare a figure with {other!r}: {exc}"]
    return None


def _short(x: Any) -> str:
    if _is_figure(x):
        return repr(x.written)
    if isinstance(x, Derived):
        return x.what
    return repr(x)
