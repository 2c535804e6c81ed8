"""What a figure measures, as one key however the writer names it: 稅後純益, 纯利, 净利润 and
权益持有人应占盈利 are all ``profit``; 每股盈餘, 每股纯益 and EPS are ``per_share:profit``.

Two texts about one release rarely share their wording (the release's 稅後純益增加了13.6%, the
story's 純益…季增13.6%), but they name the same metric through the metric lexicon
(``flow_metrics.csv``, ``metrics.csv``, the ratio names of ``ratio_metrics.csv``). A rate with
no metric word of its own (…，季增13.6%) measures the metric of the figure before it in its
sentence; a share (佔營收比重23%) measures its part, not the whole the form names.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from ..lexicon import LEXICON_DIR, role_cues
from ..relations.frames import basis_cues
from ..textfold import fold

# keys that name one thing in two tables (flow_metrics' profit, metrics' net_income)
SAME = {"net_income": "profit", "profit_attributable": "profit", "sales": "revenue"}
PER_SHARE_KEYS = {"profit": "eps", "dividend": "dps", "eps": "eps"}
PER_SHARE = re.compile(r"每股.{0,4}$")   # 每股盈利, 每股基本盈利, 每股税后纯益
SHARE_CUE = re.compile(r"占|比重|比例|份额")  # after the form: a share of it, not it
RATE = re.compile(r"比?率")
FILLER = re.compile(r"[达为至了则也约共录得报的是有再仍亦更已达到逾近超\s]")


@lru_cache(maxsize=1)
def _forms() -> tuple[dict[str, str], re.Pattern[str]]:
    table: dict[str, str] = {}
    for name in ("metrics.csv", "flow_metrics.csv"):  # flow keys win: the richer table
        with (LEXICON_DIR / name).open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                table[fold(row["form"])] = SAME.get(row["metric"], row["metric"])
    with (LEXICON_DIR / "ratio_metrics.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            table.setdefault(fold(row["ratio"]), fold(row["ratio"]))
    forms = sorted(table, key=len, reverse=True)
    return table, re.compile("|".join(re.escape(f) for f in forms))


@lru_cache(maxsize=1)
def _verbs() -> re.Pattern[str]:
    cues = {c for c, _ in basis_cues()} | {c for rows in role_cues().values()
                                           for c, _, _ in rows}
    return re.compile("|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True)))


def named_concept(words: str) -> str | None:
    """The key of the last metric form in ``words`` (folded text before a figure), None
    when there is none or a share cue follows it."""
    table, pattern = _forms()
    found = max(pattern.finditer(words), key=lambda m: m.start(), default=None)
    if found is None or SHARE_CUE.search(words, found.end()):
        return None
    key = table[found.group()]
    if RATE.match(words, found.end()):
        return f"rate:{key}"  # 收益率, 净利息收益率: a rate of it, not it
    if PER_SHARE.search(words, 0, found.start()):
        return PER_SHARE_KEYS.get(key, f"per_share:{key}")
    return key


def bare(words: str) -> bool:
    """The words say only how the figure moved (季增, 按年升, 年增率達): no metric of their own."""
    rest = FILLER.sub("", _verbs().sub("", words))
    return len(re.sub(r"[^\u4e00-\u9fff]", "", rest)) < 2
