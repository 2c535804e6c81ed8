"""A figure written in the wrong currency: 9月外銷訂單702.2億元 in a story whose other export
orders are all in 億美元 (693.7億美元, 7,000億美元 …).

The sign is size, not the unit word: read in the currency written, the odd figure would be
tens of times off from its peers of the same metric; read in the peers' currency it is their
size. Two currencies whose magnitudes differ less than ``APART`` (新元 and 美元) cannot be told
apart this way and are left alone, as are figures whose currency the writer named.

A second sign is the article's own arithmetic: 出口數達一六九四億元，較預測數一六○二億美元高出
九十一點六億美元 holds (1694 - 1602 = 91.6) only if the level is in 億美元 too, like its base
and its change; in 新台幣 it would be some 30 times smaller than its base.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from ..claims import Claim
from ..lexicon import LEXICON_DIR, net_pairs
from ..reference import Reference
from .common import _span
from .findings import Finding, Report

if TYPE_CHECKING:
    from ..relations.frames import Frame

APART = Decimal(3)  # currencies at least this far apart per US dollar
SAME_SIZE = Decimal(2)  # the odd figure within this factor of one of its peers


@lru_cache(maxsize=1)
def per_usd() -> dict[str, Decimal]:
    with (LEXICON_DIR / "fx_magnitudes.csv").open(encoding="utf-8") as fh:
        return {r["currency"]: Decimal(r["per_usd"]) for r in csv.DictReader(fh)}


def _key(f: Frame) -> str | None:
    """The metric a figure measures, wide enough that 對美出超 and 總出超 are one surplus."""
    from ..relations.flows import metric_flow
    from ..relations.frames import basis_only
    from ..relations.restate import _core

    core = _core(f.metric)
    net = _net_word(core)
    if net:
        return net
    flow = metric_flow(f)
    if flow:
        return flow.metric
    return core if len(core) >= 2 and not basis_only(core) else None


def _label(f: Frame) -> str:
    """The metric word to show: the net word (出超) or the metric as written."""
    from ..relations.flows import COPULA_TAIL
    from ..relations.restate import _core

    core = _core(f.metric)
    return _net_word(core) or COPULA_TAIL.sub("", core) or core


def _net_word(core: str) -> str | None:
    """The net word (出超, 顺差 …) a metric ends with: 對美出超 and 總出超 are one surplus."""
    return next((n for n, _, _ in net_pairs() if core.endswith(n)), None)


def _written_label(f: Frame, folded: str, text: str) -> str:
    """The metric word as the article writes it (外銷訂單, not the folded 外销订单)."""
    label = _label(f)
    at = folded.rfind(label, max(0, f.start - 40), f.start)
    return text[at:at + len(label)] if at >= 0 else label


def _written(f: Frame) -> bool:
    """The writer named the currency (美元, 新台幣, 人民幣), not left a bare 元 to the outlet."""
    return str(f.mention.extra.get("currency_basis", "")).startswith("written")


def _guessed(f: Frame) -> bool:
    """A bare 元 read as 人民币 for want of any cue: the reading, not the writer, is in doubt."""
    return str(f.mention.extra.get("currency_basis", "")).startswith("default")


def _currency_slip(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    from .engine import frames_of

    rates = per_usd()
    _, frames = frames_of(report, folded, claims)
    _change_slips(frames, folded, report)
    groups: dict[str, list[Frame]] = {}
    for f in frames:
        if f.quantity == "amount" and f.role in ("level", "to", "base") and f.unit in rates \
                and f.mention.value:
            key = _key(f)
            if key:
                groups.setdefault(key, []).append(f)
    for group in groups.values():
        by_unit: dict[str, list[Frame]] = {}
        for f in group:
            by_unit.setdefault(f.unit or "", []).append(f)
        if len(by_unit) != 2:
            continue
        (u1, g1), (u2, g2) = sorted(by_unit.items(),  # the lone, bare figure first
                                    key=lambda kv: (len(kv[1]), all(map(_written, kv[1]))))
        if len(g1) != 1 or _written(g1[0]) or _guessed(g1[0]) \
                or not (len(g2) >= 2 or all(map(_written, g2))):
            continue  # one bare figure against peers that are many or name their currency
        odd, peers = g1[0], g2
        factor = rates[u1] / rates[u2]  # odd currency units per peer currency unit
        if max(factor, 1 / factor) < APART:
            continue
        value = Decimal(odd.mention.value)
        if not _sized(value, peers) or _sized(value / factor, peers):
            continue  # not their size as written, or their size once converted
        report.checked.update({odd.start, *(p.start for p in peers)})
        shown = "、".join(dict.fromkeys(p.mention.text for p in peers[:4]))
        name = _written_label(odd, folded, report.text)
        report.findings.append(Finding(
            "currency-slip", "warning", [_span(odd.mention), *(_span(p.mention) for p in peers)],
            f"{odd.mention.text} is read as {u1}, but it is the size of the other "
            f"{name} figures in {u2} ({shown}); in {u1} it would be {_times(factor)} "
            f"{'smaller' if factor > 1 else 'larger'} than them: {u2} is likely meant",
            expected=f"{u2}", found=f"{odd.mention.text} ({u1})", mentions=(odd.mention,),
            evidence={"currency_basis": str(odd.mention.extra.get("currency_basis", "")),
                      "suggestion": f"{odd.mention.text} is likely in {u2}"}))


def _change_slips(frames: list[Frame], folded: str, report: Report) -> None:
    """A level in a bare currency whose base and change, in the sentence after it, are in a
    currency the writer named, and whose change relation holds only with the level read in
    that currency: error (the figures are precise and the relation exact)."""
    from ..relations.common import _by_sentence, _row
    from ..relations.solve import holds
    from ..relations.written import significant

    rates = per_usd()
    row = _row("change")
    sentences = None
    for a in frames:
        if a.quantity != "amount" or a.role != "move" or a.direction <= 0 \
                or a.unit not in rates or not _written(a):
            continue
        sentences = sentences or _by_sentence(frames)  # one pass, not one per move
        before = [f for f in sentences[a.sentence] if f.start < a.start
                  and f.quantity == "amount"]
        bases = [f for f in before if f.role == "base" and f.unit == a.unit]
        levels = [f for f in before if f.role in ("level", "to") and f.unit in rates
                  and f.unit != a.unit and not _written(f)]
        if len(bases) != 1 or not levels or levels[-1].start > bases[0].start:
            continue
        level, base = levels[-1], bases[0]
        factor = rates[level.unit or ""] / rates[a.unit or ""]
        if max(factor, 1 / factor) < APART or min(significant(level), significant(base)) < 3:
            continue
        env = {"change": a.interval(), "level": level.interval(), "base": base.interval()}
        if not holds(row.formula, env):
            continue
        report.checked.update({level.start, base.start, a.start})
        report.findings.append(Finding(
            "currency-slip", "error", [_span(level.mention), _span(base.mention),
                                       _span(a.mention)],
            f"{level.mention.text} is read as {level.unit}, but {a.mention.text} is "
            f"{level.mention.text} minus {base.mention.text} only in {a.unit}; in {level.unit} "
            f"it would be {_times(factor)} {'smaller' if factor > 1 else 'larger'} than its "
            f"base: {a.unit} is likely meant",
            expected=f"{a.unit}", found=f"{level.mention.text} ({level.unit})",
            mentions=(level.mention,),
            evidence={"currency_basis": str(level.mention.extra.get("currency_basis", "")),
                      "relation": "change", "formula": "change = level - base",
                      "suggestion": f"{level.mention.text} is likely in {a.unit}"}))


def _sized(value: Decimal, peers: list[Frame]) -> bool:
    """Within ``SAME_SIZE`` of some peer (a month among months, not the year-to-date)."""
    return any(1 / SAME_SIZE <= value / Decimal(p.mention.value) <= SAME_SIZE for p in peers)


def _times(factor: Decimal) -> str:
    f = max(factor, 1 / factor)
    return f"about {f:.0f} times"
