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
