"""Where a move's base is: the base of a comparison in the clauses of its level and move, the
bases stated after it (上年同期为…), the labels of a 分别 list, and which periods and bases a
rate's basis allows. Split out of moves.py, whose binders ask these questions."""

from __future__ import annotations

import re

from . import periods
from .common import _by_sentence, _same_metric, unit_ok
from .document import Document
from .frames import Frame, _basis


def _base_for(level: Frame, group: list[Frame], anchor: Frame,
              any_unit: bool = False, quantity: str | None = None) -> Frame | None:
    """The base of a comparison: in the clauses that hold the level and the move, no further
    (一年前为…, 营业额从… in the next clause belong to another level)."""
    lo = min(level.clause[0], anchor.clause[0])
    hi = max(level.clause[1], anchor.clause[1])
    kin = [f for f in group if f.role == "base" and f.quantity == (quantity or level.quantity)
           and (any_unit or unit_ok(f.unit, level.unit)) and f is not level]
    bases = [f for f in kin if lo <= f.start < hi]
    if not bases and level.role == "to" and level.direction * anchor.direction > 0:
        # 去年营收为B，今年增加到L，增加了C: a 至 level moved from its sentence's base, a clause
        # before it, the way the move went (回退至L，仍涨C: another move, from another base)
        # (亏损由B缩窄至L′，增加值总额上升1.4倍至L: a base with a level of its own in its
        # clause is that pair's, not this level's)
        return next((f for f in reversed(kin) if f.start < level.start
                     and f.sentence == level.sentence and not _paired(f, group, level)
                     and not _owned(f, group, level, anchor)), None)
    if not bases:
        return None
    return min(bases, key=lambda f: abs(f.start - anchor.start))


def _paired(base: Frame, group: list[Frame], level: Frame) -> bool:
    """A base that has a 至 level of its own later in its clause (由A缩窄至B)."""
    return any(g.role == "to" and g.clause == base.clause and g.start > base.start
               and g is not level and g.quantity == base.quantity for g in group)


def _owned(base: Frame, group: list[Frame], level: Frame, anchor: Frame) -> bool:
    """A base another comparison of its sentence already has: a move of its own in its clause
    (较…的8.246亿美元下跌17.4%，而赢额下跌30.0%至…), or a 至 level in the clause right before
    it (下降26.1%，至36.34亿元，低于同期的49.18亿元，其溢利则下跌21%，至3.23亿元)."""
    return any(
        g is not anchor and g is not level and (
            (g.role == "move" and g.clause == base.clause)
            or (g.role == "to" and g.quantity == base.quantity and g.start < base.start
                and 0 <= base.clause[0] - g.clause[1] <= 1))
        for g in group)


def _far_period(level: Frame, base: Frame) -> bool:
    """A base of another period than the level's (a year earlier) or the one before it
    (第二季…较去年第四季的…): a comparison the rate may not be about. A base with no period
    of its own takes the paragraph's last one."""
    months = base.months or base.span_months
    if level.months is None or months is None or months == level.months:
        return False
    return months not in periods.just_before(level.months)


def _other_basis(rate: Frame, level: Frame, base: Frame) -> bool:
    """A rate whose basis its base's period cannot be: a year-on-year rate against the
    quarter or month right before its level's (較第2季75.21億元成長45%、年增12%: the 12% is
    not against Q2), a sequential one against the same months (較今年首季跌6.97%，較去年
    第二季410.4億: the 6.97% is not against last year's Q2)."""
    if level.months is None or base.months is None or level.borrowed:
        return False  # (a level whose months are a comparison's may be of any period)
    if rate.basis == "yoy":
        return base.months in periods.just_before(level.months)
    return rate.basis in ("qoq", "mom") and base.months == level.months


def _later_bases(level: Frame, anchor: Frame, after: list[Frame], doc: Document,
                 labels: dict[int, tuple[str | None, tuple[int, int] | None]]) -> list[Frame]:
    """Bases stated after the move (增长23.5%，上年同期为150.95亿元; 月减6.5%；10月营收为…),
    kept when their period fits the move's basis. A 分别 list (10月及去年同月分别为A及B)
    gives each figure the period of its label."""
    out = []
    prev = periods.previous(level.months, anchor.basis)
    for f in after:
        if f.start <= anchor.start or f is level or f.quantity != level.quantity \
                or f.unit != level.unit:
            continue
        if f.sentence != anchor.sentence and doc.folded[
                f.sentence[0]:f.sentence[0] + 8].lstrip().startswith(PART_OPENS):
            break  # …同比减少64.87%。其中三星电子的营业利润从A缩减至B: a part's own comparison
        basis, months = labels.get(f.start, (f.basis if f.role == "base" else None, f.months))
        if f.role == "base" and f.clause != anchor.clause and any(
                g.start > f.start and g.quantity == f.quantity and (
                    (g.role == "to" and g.clause == f.clause)
                    or (g.role in ("to", "level") and 0 <= g.clause[0] - f.clause[1] <= 1
                        and FROM_BEFORE.search(doc.folded, f.clause[0], f.start)))
                for g in after):
            break  # …，但经调整EBITDA从去年同期的1.65亿港元降至1.11亿港元: its own pair (澳洲由
            # 去年同期盈利8.37亿元，转至亏损86.83亿元: across a comma after 由)
        if basis == "yoy" and anchor.basis in ("yoy", None) and (
                f.role == "base" or f.start in labels):
            out.append(f)
        elif basis is None and f.role == "base" and f.start not in labels \
                and PRIOR_PERIOD.search(doc.folded, max(0, f.start - 4), f.start):
            out.append(f)  # 按年增长37.69%，前期112亿9200万令吉: the prior period's figure
        elif f.role in ("level", "base") and prev is not None and months == prev \
                and not (f.borrowed and f.start not in labels):
            out.append(f)  # (not 較第1季減少…，…(比重24%): 第1季 is the comparison's, not its)
        elif f.start in labels:
            continue
        elif f.role == "move" or (f.role in ("level", "to") and (
                not f.months or f.months == level.months
                or not _same_metric(f.metric, level.metric))):
            break  # the next move or level starts a comparison of its own
    return out


FROM_BEFORE = re.compile(r"由|从")
PART_OPENS = ("其中", "当中", "内中")  # a sentence opening on a part of what came before
PRIOR_PERIOD = re.compile(r"前期(?:为|是|的)?\s?$")
RESPECTIVE = re.compile(r"([^，,。；;！？!?]{2,30}?)分别(?:为|是|达|录得)?$")
LABEL_SPLIT = re.compile(r"及|和|与|、|以及")


def respective_labels(frames: list[Frame], doc: Document
                      ) -> dict[int, tuple[str | None, tuple[int, int] | None]]:
    """10月及去年同月分别为132.7亿元及177.2亿元: each figure gets its label's basis and months,
    paired by order when the labels and the figures are as many."""
    out: dict[int, tuple[str | None, tuple[int, int] | None]] = {}
    for group in _by_sentence(frames).values():
        amounts = [f for f in group if f.quantity == "amount"]
        if not amounts:
            continue
        m = RESPECTIVE.search(doc.folded, group[0].clause[0], amounts[0].start)
        if not m:
            continue
        labels = [x for x in LABEL_SPLIT.split(m.group(1)) if x.strip()]
        listed = [f for f in amounts if f.clause == amounts[0].clause]
        if len(labels) != len(listed) or len(labels) < 2:
            continue
        for label, f in zip(labels, listed, strict=True):
            out[f.start] = (_basis(label), periods.months(label))
    return out
