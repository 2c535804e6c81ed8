"""Solve a bound relation over intervals, and search for the one slip that explains a break.

A relation holds when some values inside the stated intervals satisfy it. When it does
not, the repair search asks which single typical slip in one figure — a digit changed, two
digits swapped, a digit dropped or doubled, 萬↔億 or 千↔百萬, a year fused in front, the
direction flipped — would make it hold. A break one slip explains is an error with a
suggestion; one no slip explains may be a wrong binding, so it is at most a warning.
"""

from __future__ import annotations

import ast
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..interval import Interval
from .frames import Frame

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
# the unit word after a group of digits in a figure written in groups (1億3549萬)
GROUP = {"兆": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "億": Decimal(10) ** 8,
         "万": Decimal(10) ** 4, "萬": Decimal(10) ** 4, "千": Decimal(1000)}
SCALE_SWAPS = (("万", "亿", Decimal(10) ** 4), ("亿", "万", Decimal(10) ** -4),
               ("千", "百万", Decimal(10) ** 3), ("百万", "千", Decimal(10) ** -3),
               ("萬", "億", Decimal(10) ** 4), ("億", "萬", Decimal(10) ** -4),
               # Taiwan's 兆 (10^12) is the next group after 億: 6.85億元 for 6.85兆元
               ("亿", "兆", Decimal(10) ** 4), ("兆", "亿", Decimal(10) ** -4),
               ("億", "兆", Decimal(10) ** 4), ("兆", "億", Decimal(10) ** -4))


@dataclass(frozen=True)
class Formula:
    """``left OP right`` over role names; OP is =, <= or >=."""

    text: str
    left: ast.Expression
    op: str
    right: ast.Expression

    @property
    def names(self) -> set[str]:
        return {n.id for side in (self.left, self.right) for n in ast.walk(side)
                if isinstance(n, ast.Name)}


@lru_cache(maxsize=64)
def compile_formula(text: str) -> Formula:
    m = re.search(r"<=|>=|=", text)
    if not m:
        raise ValueError(f"formula {text!r} needs =, <= or >=")
    return Formula(text, ast.parse(text[:m.start()].strip(), mode="eval"), m.group(),
                   ast.parse(text[m.end():].strip(), mode="eval"))


def _eval(node: ast.AST, env: dict[str, Interval]) -> Interval:
    if isinstance(node, ast.Expression):
        return _eval(node.body, env)
    if isinstance(node, ast.Constant):
        return Interval.point(Decimal(str(node.value)))
    if isinstance(node, ast.Name):
        return env[node.id]
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "between" \
            and len(node.args) == 2 and all(isinstance(a, ast.Constant) for a in node.args):
        lo, hi = (Decimal(str(a.value)) for a in node.args)  # type: ignore[attr-defined]
        return Interval(lo, hi)  # a convention's range (HK dealing charges: 1% to 1.01%)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_eval(node.operand, env)
    if isinstance(node, ast.BinOp):
        a, b = _eval(node.left, env), _eval(node.right, env)
        ops = {ast.Add: a.__add__, ast.Sub: a.__sub__, ast.Mult: a.__mul__,
               ast.Div: a.__truediv__}
        for kind, fn in ops.items():
            if isinstance(node.op, kind):
                return fn(b)
    raise ValueError(f"unsupported formula part {ast.dump(node)[:40]}")


def sides(formula: Formula, env: dict[str, Interval]) -> tuple[Interval, Interval]:
    return _eval(formula.left, env), _eval(formula.right, env)


def holds(formula: Formula, env: dict[str, Interval]) -> bool:
    a, b = sides(formula, env)
    if formula.op == "=":
        return a.overlaps(b)
    if formula.op == "<=":
        return a.lo is None or b.hi is None or a.lo <= b.hi
    return a.hi is None or b.lo is None or a.hi >= b.lo


def _fit(formula: Formula, env: dict[str, Interval]) -> float:
    """Distance between the two sides' centres over their half-widths (0: exact agreement)."""
    a, b = sides(formula, env)
    ca, cb = a.center, b.center
    if ca is None or cb is None or a.lo is None or a.hi is None or b.lo is None \
            or b.hi is None:
        return 1.0
    width = (a.hi - a.lo + b.hi - b.lo) / 2
    return float(abs(ca - cb) / width) if width else 0.0


@dataclass(frozen=True)
class Repair:
    role: str
    frame: Frame
    written: str      # the figure as it would read after the repair
    kind: str         # digit | swap | drop | double | scale | sign
    size: float = 0.0  # how far the value moves (|log10 of the factor|): smaller is likelier
    fit: float = 0.0   # how far apart the two sides stay after it, in allowances: 0 is exact


def _variants(frame: Frame) -> list[tuple[str, str, Decimal]]:
    """(kind, new written text, factor on the value) for one figure's typical slips.

    A digit slip keeps the written precision, so the caller shifts the interval by the
    change of value rather than scaling it; a 万/亿 slip scales it. In a figure written in
    groups (1億3549萬令吉, 3712万9000令吉) every group can slip: its change is weighed by the
    group's unit word."""
    text = frame.mention.text.replace("，", ",")
    tokens = list(NUMBER.finditer(text))
    out: list[tuple[str, str, Decimal]] = []
    raw = frame.mention.value
    value = Decimal(raw) if len(tokens) > 1 and isinstance(raw, (int, float, Decimal)) \
        and raw else None
    for m in tokens:
        token = m.group()
        digits = token.replace(",", "")
        old = Decimal(digits)
        if old == 0 and value is None:
            return out
        weight = GROUP.get(text[m.end():m.end() + 1], Decimal(1))

        def add(kind: str, new_digits: str, m: re.Match[str] = m, token: str = token,
                digits: str = digits, old: Decimal = old, weight: Decimal = weight) -> None:
            if not new_digits or new_digits.startswith(".") or new_digits == digits:
                return
            if len(new_digits) > 1 and new_digits[0] == "0" and new_digits[1] != ".":
                return
            if Decimal(new_digits) == 0:
                return  # 0.6元 -> 0.0元: a figure slipped to nothing explains nothing
            new_token = new_digits
            if "," in token:  # keep the thousands separators the writer used
                whole, _, frac = new_digits.partition(".")
                new_token = f"{int(whole):,}" + (f".{frac}" if frac else "")
            if value is None:
                factor = Decimal(new_digits) / old
            else:
                factor = (value + (Decimal(new_digits) - old) * weight) / value
            out.append((kind, frame.mention.text[:m.start()] + new_token
                        + frame.mention.text[m.end():], factor))

        pos = [i for i, ch in enumerate(digits) if ch.isdigit()]
        for i in pos:
            for d in "0123456789":
                if d != digits[i]:
                    add("digit", digits[:i] + d + digits[i + 1:])
            add("drop", digits[:i] + digits[i + 1:])
            add("double", digits[:i] + digits[i] + digits[i:])
        for a, b in zip(pos, pos[1:], strict=False):
            if b == a + 1 and digits[a] != digits[b]:
                add("swap", digits[:a] + digits[b] + digits[a] + digits[b + 1:])
            elif b == a + 2 and digits[a + 1] == "." and digits[a] != digits[b]:
                # 6.7 for 7.6: the two digits around the point swapped
                add("swap", digits[:a] + digits[b] + "." + digits[a] + digits[b + 1:])
        if value is None:
            break
    if value is not None:  # 1兆645萬 for 1兆645億: the slip moves one group, not the whole
        for m in tokens:
            at = m.end()
            word = text[at:at + 1]
            swap = next(((w, n) for w, n, _ in SCALE_SWAPS if w == word), None)
            if swap is None or swap[1] not in GROUP:
                continue
            old = Decimal(m.group().replace(",", ""))
            factor = (value + old * (GROUP[swap[1]] - GROUP[word])) / value
            out.append(("scale", frame.mention.text[:at] + swap[1]
                        + frame.mention.text[at + 1:], factor))
        return out
    for old_w, new_w, factor in SCALE_SWAPS:
        if old_w in text:
            out.append(("scale", text.replace(old_w, new_w, 1), factor))
    return out


RELATIVE = ("near", "approx", "over", "under", "upto")  # margins that are a share of the figure


def repairs(formula: Formula, env: dict[str, Interval],
            frames: dict[str, Frame]) -> list[Repair]:
    """Every single slip in one figure that makes the relation hold."""
    found: list[Repair] = []
    for role, frame in frames.items():
        base = env[role]
        value = Decimal(frame.mention.value) * frame.scale  # type: ignore[arg-type]
        sign = -1 if frame.flips else 1
        relative = frame.mention.qualifier in RELATIVE
        for kind, written, factor in _variants(frame):
            if kind == "scale" or (relative and factor > 0):
                moved = base.scaled(factor)  # 近1319億 read as 近119億: 近's margin is a share
            else:                            # of the figure, so it shrinks with it
                moved = base.shifted(sign * value * (factor - 1))
            trial = {**env, role: moved}
            if frame.role == "share" and moved.lo is not None and moved.lo > 100:
                continue  # a share of a total is at most all of it: 約20% is never 約200%
            if holds(formula, trial):
                size = abs(math.log10(float(factor))) if factor > 0 else 9.0
                found.append(Repair(role, frame, written, kind, size, _fit(formula, trial)))
        if frame.role in ("move", "gap") and frame.direction:
            if holds(formula, {**env, role: -base}):
                found.append(Repair(role, frame, "the opposite direction", "sign", 0.5))
    return found
