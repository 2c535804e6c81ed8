"""A comparison in words is an order: 營業收入3712.81億元，低於預期的3803.29億元; 純利705.5億，
勝於市場預期的660億; 收入1,928.7億元，較市場此前預測的1,888億元為高.

The figure after the comparative word (and an optional 预期/预测 …的) is bound to the nearest
figure of the same quantity and unit before it in its sentence. Weak: a warning only when one
slip explains the inversion.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .common import Binding, _row, unit_ok
from .document import Document
from .frames import Frame

THAN = (r"(?:市场|市場)?(?:此前|原先|早前)?(?:的)?(?:预期|预测|预估|估计|平均预期|共识)?的?\s?"
        r"(?:约|逾|近)?\s?$")
EXPECTED = (r"(?:市场|市場)?(?:此前|原先|早前)?的?(?:预期|预测|预估|估计|共识)的?\s?"
            r"(?:约|逾|近)?\s?$")
# 超过, 多于, 少于 also qualify a figure of their own (净利超过100亿元), and 胜, 逊 alone read
# as comparisons only before 预期 (遜預期的19.71%)
ABOVE = re.compile(r"(?:高于|高过|超越|优于|胜于|高出)" + THAN
                   + r"|(?:超过|多于|大于|胜|优)" + EXPECTED)
EXPECTED_END = re.compile(EXPECTED)
BELOW = re.compile(r"(?:低于|低过|逊于|不及|差于)" + THAN + r"|(?:少于|小于|逊|差)" + EXPECTED)
THAN_AFTER = re.compile(r"\s?(?:为|為)(?P<side>高|低)")  # 較市場此前預測的1,888億元為高
LEVELS = ("level", "to")


def bind_compare(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    above, below = _row("compare_above"), _row("compare_below")
    for i, b in enumerate(frames):
        if b.quantity not in ("amount", "percent") or b.role not in LEVELS + ("base",):
            continue
        before = doc.folded[max(b.clause[0], b.start - 20):b.start]
        side = "above" if ABOVE.search(before) else "below" if BELOW.search(before) else None
        after = THAN_AFTER.match(doc.folded, b.mention.end)
        if side is None and after and "较" in before:
            side = "above" if after.group("side") == "高" else "below"
        if side is None:
            continue
        # 就業人數增加11.9萬人，高於預估的5.1萬人; 月升0.2%，低於預估的0.3%: a rise compared
        # with the rise expected (a fall's "above" is ambiguous: a smaller or a larger fall)
        a = next((f for f in reversed(frames[:i]) if f.sentence == b.sentence
                  and f.quantity == b.quantity and unit_ok(f.unit, b.unit)
                  and (f.role in LEVELS or (f.role == "move" and f.direction > 0
                                            and b.role != "base" and EXPECTED_END.search(
                                                before)))), None)
        if a is None:
            continue
        yield Binding(above if side == "above" else below, "a", [{"a": a, "b": b}], False)


# 较去年同期的231家略有减少: a level and its marked base, and a direction with no figure
DIRECTION = re.compile(r"[，,]?\s?(?:则|而|也|亦|略有|略为|略|稍有|稍|微幅|小幅|大幅|明显|显著"
                       r"|有所|均|皆|同比|环比|按年|按月|按季){0,3}"
                       r"(?P<verb>增加|增多|上升|提高|增长|成长|回升|扩大|减少|下降|下滑|降低|回落|"
                       r"缩小|减缓|衰退|[年月季](?:增|减))(?=[。，,；;！!]|$)")
CLAUSE_END = re.compile(r"[，,；;]")
UP_VERBS = ("增加", "增多", "上升", "提高", "增长", "成长", "回升", "扩大", "年增", "月增", "季增")


def bind_direction(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """206家，较去年同期的231家略有减少: the level is below its base (above for 增加)."""
    up, down = _row("direction_up"), _row("direction_down")
    for i, b in enumerate(frames):
        if b.role != "base" or b.quantity not in ("amount", "percent"):
            continue
        verb = DIRECTION.match(doc.folded, b.mention.end)
        if verb is None:
            continue
        a = next((f for f in reversed(frames[:i]) if f.sentence == b.sentence
                  and f.quantity == b.quantity and unit_ok(f.unit, b.unit)
                  and f.role in LEVELS), None)
        if a is None or any(f.role == "move" and f.sentence == b.sentence
                            and a.start < f.start for f in frames):
            continue  # a stated rate or change is checked by the growth relations
        if len(CLAUSE_END.findall(doc.folded, a.mention.end, b.start)) > 1:
            continue  # 328億美元，不過財測高標…，並較…331億美元成長: another subject between
        row = up if verb.group("verb") in UP_VERBS else down
        yield Binding(row, "a", [{"a": a, "b": b}], False)


def bind_fall_bound(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """销售费用率降低152%至16.9%: a fall of more than 100% leaves less than nothing, yet the
    level it reached is positive (the writer meant percentage points, or slipped a digit)."""
    row = _row("fall_bound")
    for i, r in enumerate(frames):
        if r.role != "move" or r.quantity != "percent" or r.direction >= 0 or r.scale != 1:
            continue
        to = next((f for f in frames[i + 1:i + 2] if f.role == "to" and f.clause == r.clause
                   and f.mention.value is not None and f.mention.value > 0), None)
        if to is not None:
            yield Binding(row, "rate", [{"rate": r, "level": to}], True)
