"""A percent sign lost in a list of percentages: 資訊通信的90.8%，其次為電機產品76.8，與光學器材
45.1% / 光電類7.36、航運類5.99%、電子零組件類4.45%.

A bare decimal whose neighbours in its list are all percentages, joined to them by list words
only (、，與 其次為 …), is one more item of the list with its % dropped: read as written it is a
count of nothing. The sign is the slip, not the value, so the finding is a warning that names
the likely reading. A whole number is left alone (rank, count and code lists mix with rates),
and so is a decimal followed by a word that could be its unit (76.8萬).
"""

from __future__ import annotations

import re

from ..claims import Claim
from ..model import Mention
from ..reference import Reference
from ..textfold import fold
from .common import _span
from .findings import Finding, Report

BARE_DECIMAL = re.compile(r"\d{1,3}\.\d{1,3}")
# what may stand between two items of one list: a label's words and a list joint, no figure
JOINT = re.compile(r"[^\d%。；;！？!?\n]{0,14}")
LIST_WORD = re.compile(r"[、，,]|与|及|和|其次|再次|以及")
# 工業生產指數為92.19,月增率-0.16%: the percentages are the level's own rates, not siblings
RATE_LABEL = re.compile(r"[增减升降涨跌率]")
INDEX_BEFORE = re.compile(r"(?:指数|点)(?:为|是|报|达)?$")  # an index level has no unit
ITEM_END = re.compile(r"\s?(?:[、，,。；;）)]|与|及|和|$)")  # the bare item ends its entry here


def _lost_percent(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    mentions = [c.mention for c in claims]
    for i, m in enumerate(mentions):
        if m.kind not in ("count", "money", "other") \
                or not BARE_DECIMAL.fullmatch(fold(m.text).strip()) or m.value is None \
                or not 0 < m.value < 100 or not ITEM_END.match(folded, m.end):
            continue
        sentence = claims[i].sentence
        peers = next((p for p in _neighbours(mentions, i)
                      if all(sentence[0] <= x.start < sentence[1] and x.kind == "percent"
                             and "%" in fold(x.text) for x in p)
                      and _listed(folded, m, p)), None)
        if peers is None:
            continue
        report.checked.add(m.start)
        report.findings.append(Finding(
            "garbled-number", "warning", [_span(m), *(_span(x) for x in peers)],
            f"{m.text} has no unit in a list of percentages ({', '.join(x.text for x in peers)});"
            f" its percent sign is likely lost: {m.text}%",
            expected=f"{m.text}%", found=m.text, mentions=(m, *peers),
            evidence={"suggestion": f"{m.text} is likely {m.text}%"}))


def _neighbours(mentions: list[Mention], i: int) -> list[list[Mention]]:
    """The two figures around the bare one, else the two after it (first of its list), else
    the two before (last)."""
    pairs = [(i - 1, i + 1), (i + 1, i + 2), (i - 2, i - 1)]
    return [[mentions[a], mentions[b]] for a, b in pairs if 0 <= a and b < len(mentions)]


def _listed(folded: str, m: Mention, peers: list[Mention]) -> bool:
    """Only a label and a list joint between each two items (、，與 其次為)."""
    spans = sorted([(m.start, m.end), *((x.start, x.end) for x in peers)])
    gaps = [folded[a[1]:b[0]] for a, b in zip(spans, spans[1:], strict=False)]
    return all(JOINT.fullmatch(g) and LIST_WORD.search(g) and not RATE_LABEL.search(g)
               for g in gaps) and not INDEX_BEFORE.search(folded, max(0, m.start - 4), m.start)
