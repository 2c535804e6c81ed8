"""A rate in one sentence, its two levels in another.

Results stories often give the rate in the lead (净利按年涨23.38%) and the two levels further
on (公司当季净赚2235万令吉…高于去年同期的1811万5000令吉). Neither sentence holds a whole
relation, so the sentence-bound move binder sees none. Here a sentence with one level and one
marked base of one unit and no rate of its own takes the rate stated earlier for the same
flow — a rate whose own sentence has no level to be about. Bound across sentences, the
reading is weak: a break is a warning, never an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .common import Binding, _by_sentence, _row
from .document import Document
from .flows import flow_of, metric_flow
from .frames import Frame

PARAGRAPHS_BACK = 2  # the lead a rate is stated in is at most this many paragraphs before
PER_UNIT = re.compile(r"每股|每手|每单位|人均|均价")  # 每股净利7.18仙 beside 净赚2235万令吉


def _orphan_rates(sentences: dict[tuple[int, int], list[Frame]]) -> list[Frame]:
    """Rates with nothing of their own to be about: no base, 至-level or change amount in
    their sentence and no level in their clause (净利按年涨23.38%，宣布每股派息7仙)."""
    out = []
    for group in sentences.values():
        if any(f.quantity == "amount" and f.role in ("to", "base", "move") for f in group):
            continue
        out += [f for f in group if f.role == "move" and f.quantity == "percent"
                and f.scale == 1 and f.direction
                and not any(g.quantity == "amount" and g.role == "level"
                            and g.clause == f.clause for g in group)]
    return out


def _pair(group: list[Frame]) -> tuple[Frame, Frame] | None:
    """The one level and the one marked base of one unit in a sentence with no rate."""
    if any(f.role == "move" and f.quantity == "percent" for f in group):
        return None
    bases = [f for f in group if f.role == "base" and f.quantity == "amount" and f.unit]
    if len(bases) != 1:
        return None
    levels = [f for f in group if f.role in ("level", "to") and f.quantity == "amount"
              and f.unit == bases[0].unit and not PER_UNIT.search(f.metric or "")]
    return (levels[0], bases[0]) if len(levels) == 1 else None


def bind_apart(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """Growth from a rate stated before the sentence holding its level and base."""
    sentences = _by_sentence(frames)
    rates = _orphan_rates(sentences)
    if not rates:
        return
    paras = sorted({f.paragraph for f in frames})
    number = {p: i for i, p in enumerate(paras)}
    wanted: dict[int, list[tuple[Frame, Frame, Frame]]] = {}
    for group in sentences.values():
        pair = _pair(group)
        if pair is None:
            continue
        level, base = pair
        flow = flow_of(level, frames, doc)
        if flow is None:
            continue
        fits = [r for r in rates if r.start < group[0].start
                and 0 <= number[level.paragraph] - number[r.paragraph] <= PARAGRAPHS_BACK
                and (rf := metric_flow(r)) is not None and rf.metric == flow.metric
                and rf.qualifier == flow.qualifier
                and (r.basis is None or base.basis is None or r.basis == base.basis)
                and (r.span_months is None or level.span_months is None
                     or r.span_months == level.span_months)]
        if len(fits) == 1:
            wanted.setdefault(fits[0].idx, []).append((fits[0], level, base))
    for found in wanted.values():
        if len(found) == 1:  # one rate, one pair: two pairs wanting one rate is no reading
            rate, level, base = found[0]
            yield Binding(_row("growth_apart"), "rate",
                          [{"rate": rate, "level": level, "base": base}], False)
