"""Compound metrics a list splits: 汽车产销分别完成343.7万辆和331.6万辆 is 产量 then 销量
(lexicon/compound_metrics.csv), for the frames that name the figures and for the subset
binder that pairs a part with its own member's whole."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from ..lexicon import LEXICON_DIR
from ..model import Mention
from .document import Document

if TYPE_CHECKING:
    from .frames import Frame


@lru_cache(maxsize=1)
def compounds() -> tuple[tuple[str, tuple[str, ...]], ...]:
    with (LEXICON_DIR / "compound_metrics.csv").open(encoding="utf-8") as fh:
        rows = [(r["compound"], tuple(r["parts"].split("|"))) for r in csv.DictReader(fh)]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


LIST_RUN = re.compile(r"[^，,。；;：:]{0,40}")  # a 分别 list stays inside its clause


def listed_metric(doc: Document, frames: list[Frame], sentence: tuple[int, int], m: Mention,
                  quantity: str, metric_of: Callable[[str], str | None]) -> str | None:
    """汽车产销分别完成343.7万辆和331.6万辆, 汽车产销累计完成2790.3万辆和2794万辆: the levels
    listed in the clause of a compound metric (产销, lexicon/compound_metrics.csv) take its
    parts in order (产量, 销量), not the words right before each (万辆和)."""
    for compound, parts in compounds():
        at = doc.folded.rfind(compound, sentence[0], m.start)
        if at < 0 or not LIST_RUN.fullmatch(doc.folded, at + len(compound), m.start):
            continue
        named = metric_of(doc.folded[max(sentence[0], at - 30):at + len(compound)])
        if not named or not named.endswith(compound):
            return None
        k = sum(1 for f in frames if f.sentence == sentence and f.start > at
                and f.quantity == quantity)
        return named[:-len(compound)] + parts[k] if k < len(parts) else None
    return None


# 第2季度销售额和营业利润分别为18.23万亿韩元和5.43万亿韩元: names joined by 和/及/与/、
NAME_JOIN = re.compile(r"\s?(?:以及|和|及|与|、|跟)\s?")
NAME = re.compile(r"[\u4e00-\u9fff]{2}$")  # each name ends in words (第2季度销售额)
LISTED_NAMES = 6


def respective_metric(doc: Document, clause: tuple[int, int], m: Mention,
                      listed: list[Mention], metric_of: Callable[[str], str | None]
                      ) -> str | None:
    """销售额和营业利润分别为18.23万亿韩元和5.43万亿韩元: a 分别 list whose names, joined
    before 分别, are as many as its figures gives the k-th figure the k-th name (not the
    words right before it, 万亿韩元和). Only names the metric lexicon reads as distinct
    metrics: 鑫元基金和兴银基金…净利润分别为 lists owners of one metric. ``listed``: the
    clause's figures of ``m``'s quantity, in order."""
    from ..sources.concepts import named_concept

    at = doc.folded.rfind("分别", clause[0], m.start)
    if at < 0 or not LIST_RUN.fullmatch(doc.folded, at + 2, m.start):
        return None
    names = NAME_JOIN.split(doc.folded[clause[0]:at].strip())
    after = [x for x in listed if x.start > at]
    if not 2 <= len(names) <= LISTED_NAMES or len(after) != len(names) \
            or not all(NAME.search(n) for n in names):
        return None
    concepts = [named_concept(n) for n in names]
    if None in concepts or len(set(concepts)) < len(concepts):
        return None
    k = next(i for i, x in enumerate(after) if x is m)
    return metric_of(names[k]) or names[k]
