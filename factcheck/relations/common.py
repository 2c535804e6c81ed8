"""What every binder shares: the declared rows, bindings, and how a figure finds its level.

A relation is consistent when any alternative of its binding holds; only a binding with a
single reading can raise an error (see ``factcheck/relations/__init__.py``).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..lexicon import LEXICON_DIR
from .document import Document
from .frames import Frame, basis_cues, role_cues
from .solve import Formula, compile_formula

LIST_WORDS = re.compile(r"分别|各")


def listed(f: Frame, doc: Document) -> bool:
    """与美国、欧盟…的出口额分别达11484万美元、10114万美元: a figure after 分别 in its clause is one
    item of a list, a part of something, never its whole."""
    return doc.folded.find("分别", f.clause[0], f.start) >= 0


@dataclass(frozen=True)
class Row:
    """One declared relation."""

    name: str
    rule: str
    formula: Formula
    binder: str
    strength: str
    message: str


@dataclass
class Binding:
    row: Row
    anchor: str                         # the role whose figure the finding is about
    alternatives: list[dict[str, Frame]]
    strong: bool
    formula: Formula | None = None      # defaults to the row's; a sum of N parts sets its own
    rewritten: str | None = None        # a "unit" row's anchor in the unit it holds in

    def __post_init__(self) -> None:
        if self.formula is None:
            self.formula = self.row.formula


@lru_cache(maxsize=1)
def relation_rows() -> tuple[Row, ...]:
    with (LEXICON_DIR / "relations.csv").open(encoding="utf-8") as fh:
        return tuple(Row(r["name"], r["rule"], compile_formula(r["formula"]), r["binder"],
                         r["strength"], r["message"]) for r in csv.DictReader(fh))


def _row(name: str) -> Row:
    return next(r for r in relation_rows() if r.name == name)


def _by_sentence(frames: list[Frame]) -> dict[tuple[int, int], list[Frame]]:
    out: dict[tuple[int, int], list[Frame]] = {}
    for f in frames:
        out.setdefault(f.sentence, []).append(f)
    return out


CLAUSE_MARK = re.compile(r"[，：]|(?<!\d)[,:]|[,:](?!\d)")
REACH = 2  # a move is about a level at most two clauses back (收报…，较…跌…，跌幅…)


def unit_ok(a: str | None, b: str | None) -> bool:
    """Same unit; an index level written without 点 (收報26059) pairs with 点 moves."""
    return a == b or {a, b} <= {None, "点"}


SUBJECT_HEAD = re.compile(r"[\u4e00-\u9fff]{2,12}")  # used with match(text, pos): no ^
NOT_SUBJECT = re.compile(r"^(?:较|比|相较|相比|从|由|同比|环比|按年|按月|按季|其中|仍|但|并|而|且|"
                         r"占|相当于|相等于|盘中|一度|全日|今日|当日|昨日|期内|截至|呈现?|显示|陷入|出现|录得|实现)")


@lru_cache(maxsize=1)
def _cue_words() -> tuple[str, ...]:
    """Every role cue, longest first."""
    return tuple(sorted({c for cues in role_cues().values() for c, _, _ in cues},
                        key=lambda c: (-len(c), c)))


def _subject(anchor: Frame, doc: Document) -> str:
    """The name a move's clause opens with (上证指数降0.79%), if any: its levels are its own."""
    head = SUBJECT_HEAD.match(doc.folded, anchor.clause[0])
    if not head or head.end() > anchor.start or NOT_SUBJECT.match(head.group()):
        return ""
    text = head.group()
    for cue, _ in basis_cues():  # 呈年增, 陷入月減: the basis first, so no 年 or 月 is left
        text = text.replace(cue, "")
    for cue in _cue_words():
        if cue in text:
            text = text[:text.index(cue)]
            break
    return text if len(text) >= 2 else ""


# 挂: Malaysian close; a lone 收 closes (收2787), not in 营收, 税收, 创收 (revenue words)
CLOSE_BEFORE = re.compile(r"(?:收报|报收|收于|收在|收市报|报|(?<![营税创增])收|至|挂)\s?$")


def of_members(rate: Frame, f: Frame) -> bool:
    """19家企业收入增幅超过20%: a rate whose words open with a count's unit (家企业收入) is
    each counted item's, never a move of the count."""
    unit = str(f.unit or "")
    words = rate.metric or ""
    return rate.quantity == "percent" and f.quantity == "amount" and bool(unit) \
        and words.startswith(unit) and not words.startswith(unit + "数")  # (家数: the count)


def _level_for(anchor: Frame, group: list[Frame], unit: str | None,
               quantity: str, doc: Document, rates: bool = False) -> Frame | None:
    """The level a move is about: the nearest level before it (at most two clauses back),
    else a level after it in the next clause that is a 升至 level or a close (升3%，報13.34元).
    ``rates``: a growth rate or a share may be the level (经济成长率为7.64%，较预测数…，大增
    4.73个百分点: a change in percentage points moves a rate of any kind)."""
    def fits(f: Frame) -> bool:
        if f.quantity != quantity or not (unit is None or unit_ok(f.unit, unit)) \
                or of_members(anchor, f):
            return False
        # a bare number (2022, 4863) is a level only as an index close (收報26059)
        return f.unit is not None or quantity != "amount" or bool(CLOSE_BEFORE.search(
            doc.folded, max(0, f.start - 4), f.start))

    subject = _subject(anchor, doc)
    reach = 0 if subject else REACH  # 上证指数降0.79%: a subject of its own
    # the day's high goes with a rise, its low with a fall (最高见…，收市跌…: the close's move)
    extremes = ("high",) if anchor.direction > 0 else ("low",) if anchor.direction < 0 else ()
    own_to = next((f for f in group if f.start > anchor.start and fits(f) and f.role == "to"
                   and not CLAUSE_MARK.search(doc.folded, anchor.mention.end, f.start)), None)
    if own_to is not None:
        return own_to  # 以4.75令吉迎市，盘中最低跌24仙或5.1%至4.48令吉: the move's own 至 level
    def near(f: Frame) -> bool:  # 税收收入45612.99亿元，比上年增收11487.11亿元，同比增长
        # 33.7%，占…88.9%: clauses that only move the level do not take it out of reach
        marks = len(CLAUSE_MARK.findall(doc.folded, f.mention.end, anchor.start))
        if marks <= reach:
            return True
        if anchor.role != "share" or reach == 0:
            return False
        between = [g for g in group if f.start < g.start < anchor.start]
        return bool(between) and marks <= reach + len(between) \
            and all(g.role == "move" for g in between)

    before = [f for f in group if f.start < anchor.start and fits(f)
              and f.role in ("level", "to", "ratio", *extremes,
                             *(("move", "share") if rates else ()))
              and near(f)
              and not (f.metric and FORECAST_OF.search(f.metric))]  # 高于市场预期的3%
    if before:
        return before[-1]
    named = [f for f in group if f.start < anchor.start and fits(f) and f.role in ("level", "to")
             and f.metric and subject and _named_by(subject, f.metric)]
    if named:  # 营收930亿元，去年同期为1325亿元，营收同比下降19.81%: the level its subject names
        return named[-1]
    after = [f for f in group if f.start > anchor.start and fits(f)
             and len(CLAUSE_MARK.findall(doc.folded, anchor.mention.end, f.start)) <= 1
             and not NEXT_SUBJECT.search(doc.folded, anchor.mention.end, f.start)
             and (f.role == "to" or (f.role == "level" and CLOSE_BEFORE.search(
                 doc.folded, max(0, f.start - 4), f.start)))]
    return after[0] if after else None


# 直接税收增8.15%，以及国家石油的派息提高至190亿令吉: the next clause opens another subject
NEXT_SUBJECT = re.compile(r"[，,；;]\s?(?:以及|及其|而|另外|此外|同时|但|其中)")
PERIOD_HEAD = re.compile(r"^.*?(?:月|季度?|年|同期|半年)")


def one_value(frames: list[Frame]) -> bool:
    """Whether the frames all state one figure (a lead and its body state it twice)."""
    return len({(f.mention.value, f.unit) for f in frames}) == 1


def as_level(f: Frame) -> Frame:
    """A table cell's figure as a plain signed level: the table, not a verb, gives its role."""
    return replace(f, role="level", direction=0)


def _named_by(subject: str, metric: str) -> bool:
    """A move's subject names the level's metric (营收 for 公司营收, 1-9月营收), both as
    words of two characters at least."""
    metric = PERIOD_HEAD.sub("", metric) or metric
    return len(subject) >= 2 and len(metric) >= 2 and metric.endswith(subject)


def _same_metric(a: str | None, b: str | None) -> bool:
    """Metric words agree once the period words in front are dropped (10月出口 ~ 出口)."""
    if not a or not b:
        return True
    a2, b2 = PERIOD_HEAD.sub("", a) or a, PERIOD_HEAD.sub("", b) or b
    return a2.endswith(b2) or b2.endswith(a2)


@lru_cache(maxsize=2)
def ratio_metrics(bounded: bool = False
                  ) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """(ratio, numerators, denominators); ``bounded``: only the ratios that cannot pass 100%
    (a margin; a payout ratio can: 派现 over 归母净利润 166%)."""
    with (LEXICON_DIR / "ratio_metrics.csv").open(encoding="utf-8") as fh:
        rows = [(r["ratio"], tuple(r["numerator"].split("|")),
                 tuple(r["denominator"].split("|"))) for r in csv.DictReader(fh)
                if not bounded or r["bounded"] == "yes"]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@lru_cache(maxsize=8192)
def _ends(metric: str | None, forms: tuple[str, ...]) -> bool:
    """The metric word ends with one of the forms; ``A*B`` names A and ends with B
    (外资及陆资今天卖超 is 外资*卖超); ``!A``: a metric ending with A is none of them
    (淨重估收益 is a gain, not the 收益 that is Hong Kong revenue)."""
    if not metric:
        return False
    if any(form[:1] == "!" and metric.endswith(form[1:]) for form in forms):
        return False  # !重估收益: a form that ends like the metric but names another thing
    for form in forms:
        if form[:1] == "!":
            continue
        head, star, tail = form.partition("*")
        if (star and head in metric and metric.endswith(tail)) or metric.endswith(form):
            return True
    return False


def _same_period(a: Frame, b: Frame) -> bool:
    if a.months and b.months and a.months != b.months:
        return False
    return not (a.year and b.year and a.year != b.year)


def _suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def summed(parts: list[Frame], equation: str) -> tuple[Formula, dict[str, Frame]]:
    """A formula over N parts named p0, p1 … (``{sum}`` stands for p0 + p1 + …, as in
    ``total = {sum}`` or ``{sum} <= whole``) and the roles that name them."""
    names = [f"p{i}" for i in range(len(parts))]
    return (compile_formula(equation.format(sum=" + ".join(names))),
            dict(zip(names, parts, strict=True)))


OWNER = re.compile(r"^((?![今去明本全前第上下首当单近同\d一二三四五六七八九十])"
                   r"[\u4e00-\u9fff]{2,8}?)"
                   r"(?:今年|去年|明年|本年|全年|前|第|上|下|首|本|当|单|近)?[一二三四五六七八九十\d]*"
                   r"(?:年度|年|季度|季|月份|月|期内|同期)")


def same_owner(a: str | None, b: str | None) -> bool:
    """False only when both metrics name an owner before their period, and not the same."""
    x, y = OWNER.match(a or ""), OWNER.match(b or "")
    return not (x and y) or x.group(1) == y.group(1)


FORECAST_WORDS = "预测|预期|预估|预计|估计"
FORECAST = re.compile(FORECAST_WORDS + "|共识")
# 高于市场预期的3%, 市场预测为3%: a forecast's figure (not 结余预计约为21.1万: an estimate of the
# level itself)
FORECAST_OF = re.compile(r"(?:(?:高于|低于|超过|超出|不及|胜于?|优于|逊于|比|较)[^，,。；;\d]{0,6}"
                         r"|市场|分析师|经济学家)(?:" + FORECAST.pattern + r")(?:的|值|为|是)?$")
# 年增36.5%，比原預測高出7.39個百分點，相當於多出91.6億美元: a comparison with a forecast, whose
# figure the text does not state; what follows it is that gap's, not a stated rate's change
FORECAST_GAP = re.compile(r"(?:比|较|相比|高于|低于)[^，,。；;]{0,6}(?:" + FORECAST.pattern + ")")
