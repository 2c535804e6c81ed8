"""Failures, number formatting and the expected values editors write (``"62 %"``,
``"57006000000 USD"``, ``approx: 1%``) for the editors' API (``factcheck.testing``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from .extract import extract
from .textfold import fold

if TYPE_CHECKING:
    from .facts_figure import Figure
    from .testing import Article

# ---------------------------------------------------------------------------------------------
# Failures
class FactFailure(AssertionError):
    """A figure assertion that does not hold, with what an editor needs to see why.

    ``str(failure)`` is the whole report: a summary line, then ``document``, ``sentence``,
    ``expected``, ``found`` and ``arithmetic`` lines where they apply.
    """

    def __init__(self, summary: str, *, figure: Figure | None = None,
                 article: Article | None = None, expected: str | None = None,
                 found: str | None = None, arithmetic: Sequence[str] = (),
                 details: Sequence[str] = (), hint: str | None = None) -> None:
        self.summary = summary
        self.figure = figure
        self.article = article if article is not None else (figure.article if figure else None)
        self.expected = expected
        self.found = found
        self.arithmetic = list(arithmetic)
        self.details = list(details)
        self.hint = hint
        super().__init__(self.render())

    def lines(self) -> list[str]:
        out = [self.summary]
        if self.article is not None:
            where = self.article.name
            if self.figure is not None:
                where += f", line {self.figure.line}"
            out.append(f"  document:   {where}")
        if self.figure is not None:
            out.append(f"  sentence:   {self.figure.marked()}")
        if self.expected is not None:
            out.append(f"  expected:   {self.expected}")
        if self.found is not None:
            out.append(f"  found:      {self.found}")
        if self.arithmetic:
            out.append("  arithmetic:")
            out += [f"    {line}" for line in self.arithmetic]
        out += [f"  {line}" if line else "" for line in self.details]
        if self.hint:
            out.append(f"  hint:       {self.hint}")
        return out

    def render(self) -> str:
        return "\n".join(self.lines())

    def __str__(self) -> str:
        return self.render()


class FigureNotFound(FactFailure, LookupError):
    """The figure is not in the document (or not where ``near`` says)."""


class FigureAmbiguous(FactFailure, LookupError):
    """The figure occurs several times and nothing says which one is meant."""


def fmt(d: Decimal | int | float | None) -> str:
    """A number for people: thousands separators, no float noise, at most 4 decimals."""
    if d is None:
        return "open"
    d = _decimal(d)
    places = 2 if abs(d) >= 1000 else 4
    q = d.quantize(Decimal(1).scaleb(-places)) if abs(d) < Decimal(10) ** 20 else d
    text = f"{q:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _decimal(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("a yes/no value is not a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))  # 0.1 -> Decimal('0.1'), not the binary expansion
    if isinstance(value, str):
        return Decimal(value.replace(",", "").strip())
    raise TypeError(f"not a number: {value!r}")


# ---------------------------------------------------------------------------------------------
# Expected values and units
UNIT_ALIASES = {
    "%": "%", "％": "%", "percent": "%", "pct": "%",
    "x": "x", "×": "x", "倍": "x", "times": "x",
    "pp": "pp", "百分点": "pp", "个百分点": "pp", "percentage point": "pp",
    "percentage points": "pp",
}
_EXPECTED = re.compile(
    r"^\s*(?P<num>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*(?P<unit>.*?)\s*$")
_ISO_DAY = re.compile(r"^(?:\d{4}-|--)\d{2}-\d{2}$|^\d{4}-\d{2}$|^\d{4}-Q[1-4]$")
_HAN = re.compile(r"[\u3400-\u9fff]")


def norm_unit(unit: str | None) -> str | None:
    """The comparable form of a unit: ISO codes upper-case, %/x/pp canonical, words folded."""
    if unit is None:
        return None
    u = fold(unit).strip()
    if u.lower() in UNIT_ALIASES:
        return UNIT_ALIASES[u.lower()]
    if u in UNIT_ALIASES:
        return UNIT_ALIASES[u]
    if re.fullmatch(r"[A-Za-z]{3}", u):
        return u.upper()
    return u


@dataclass(frozen=True, slots=True)
class Expected:
    """A value an editor expects: a number (with a unit or not) or a date/period string."""

    value: Decimal | str
    unit: str | None
    text: str

    def describe(self) -> str:
        if isinstance(self.value, str):
            return self.value
        return f"{fmt(self.value)}{' ' + self.unit if self.unit else ''}"


def parse_expected(value: Any) -> Expected:
    """``"57006000000 USD"``, ``"62 %"``, ``57006000000``, ``"2025-12-09"`` or a written
    figure such as ``"570.06億美元"`` -> :class:`Expected`; ValueError if it is none of these."""
    if isinstance(value, bool) or value is None:
        raise ValueError(f"{value!r} is not a value to compare a figure with")
    if isinstance(value, (int, float, Decimal)):
        return Expected(_decimal(value), None, str(value))
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a value to compare a figure with")
    text = value.strip()
    if _ISO_DAY.match(text):
        return Expected(text, None, text)
    if _HAN.search(text):
        found = [m for m in extract(text) if m.kind not in ("date", "year", "period")]
        if len(found) == 1 and found[0].value is not None and not isinstance(found[0].value, str):
            m = found[0]
            return Expected(Decimal(m.value), norm_unit(m.unit), text)
    m = _EXPECTED.match(fold(text))
    if m is None:
        raise ValueError(
            f"{value!r} is not a value: write a number and a unit, e.g. \"57006000000 USD\", "
            "\"62 %\", \"2.5 x\", or the figure as an article would write it")
    try:
        number = _decimal(m.group("num"))
    except InvalidOperation as exc:
        raise ValueError(f"{value!r}: {m.group('num')!r} is not a number") from exc
    return Expected(number, norm_unit(m.group("unit")) or None, text)


def parse_relative(approx: Any) -> Decimal | None:
    """``0.01`` or ``"1%"`` -> Decimal('0.01'); None stays None."""
    if approx is None:
        return None
    try:
        if isinstance(approx, str) and approx.strip().endswith(("%", "％")):
            rel = _decimal(approx.strip()[:-1]) / 100
        else:
            rel = _decimal(approx)
    except (InvalidOperation, TypeError) as exc:
        raise ValueError(f"approx {approx!r} is not a relative tolerance such as 0.01 or "
                         "\"1%\"") from exc
    if rel < 0:
        raise ValueError(f"approx {approx!r} is negative")
    return rel
