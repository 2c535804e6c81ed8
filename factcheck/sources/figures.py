"""The figures of an article or of its source document, each with what names it.

Alignment compares figures across two texts written by different people, so a figure
carries only what survives rewording: its readings (value intervals in one dimension), the
words naming it (the clause before it with every figure cut out, folded to one script: a
table row's label names every cell of the row), the comparison basis it states, and where it
is. A release's tables often state their unit once (单位：亿元, (人民币百万元,另有指明者除外),
(每股人民幣元)); a bare number under such a line is read in each unit declared above it, and
alignment keeps the reading that fits.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from ..claims import Claim
from ..model import Mention
from ..relations.common import ratio_metrics
from ..relations.frames import _basis, _basis_pattern
from ..textfold import fold
from .concepts import bare, named_concept
from .pipes import cell_at, column_cells, pipe_cells

# kinds a source can state and an article copy; calendar kinds compare by their parts
KINDS = ("money", "percent", "pp", "count", "multiple", "ratio", "duration", "other",
         "date", "year", "period")
CALENDAR = ("date", "year", "period")
PLAIN_NUMBER = re.compile(r"[-+]?[0-9][0-9,]*(?:\.[0-9]+)?")  # a table cell: 6.952
LABEL_CHARS = 16  # words kept before a figure: its metric and basis, not the sentence
LABEL_NOISE = re.compile(r"[\s.,%（）()、\-－]+")  # spacing and punctuation, not words
FUNCTION_ONLY = re.compile(r"[至为达到报约逾近超及和与或共计合增减升降跌涨加少多了的]{0,3}")
PHRASE_END = re.compile(r"(?<!\d),|,(?!\d)")  # an ASCII comma between words, not in 4,091
CLAUSE_MARKS = re.compile(r"[，。！？!?；;：:\n]")
# a line declaring the unit of a table's bare numbers (folded text)
SCALES = {"": Decimal(1), "千": Decimal(1000), "万": Decimal(10_000), "十万": Decimal(100_000),
          "百万": Decimal(10**6), "千万": Decimal(10**7), "仟": Decimal(1000),
          "佰万": Decimal(10**6), "仟万": Decimal(10**7), "亿": Decimal(10**8),
          "十亿": Decimal(10**9)}
CURRENCY_WORDS = {"人民币": "CNY", "港币": "HKD", "港元": "HKD", "美元": "USD", "新台币": "TWD",
                  "台币": "TWD", "日元": "JPY", "日圆": "JPY", "欧元": "EUR", "英镑": "GBP",
                  "澳门元": "MOP", "令吉": "MYR", "新元": "SGD"}
UNIT_LINE = re.compile(
    r"(?:单位|金额单位|货币单位)?\s*[:：]?\s*(?P<cur>人民币|港币|港元|美元|新台币|台币|日元|欧元|英镑)?"
    r"\s*(?P<scale>十亿|百万|佰万|千万|仟万|十万|千|仟|万|亿)?\s*(?P<yuan>元|港元|美元|圆)")
# 单位：新台币仟元 | 单位:人民币百万元 inside a line: the word 单位 makes it a declaration
UNIT_DECLARED = re.compile(
    r"单位\s*[:：]\s*(?:人民币|港币|港元|美元|新台币|台币|日元|欧元|英镑)?\s*"
    r"(?:十亿|百万|佰万|千万|仟万|十万|千|仟|万|亿)?\s*(?:元|港元|美元|圆)")
DECLARATION_MAX = 40  # a unit line is short: a header, not prose that mentions 亿元
PERCENT_HEAD = re.compile(r"%|百分比|百分点")  # a column of percents: 增减(%), 同比%


@dataclass(frozen=True, slots=True)
class Reading:
    """One value a figure may stand for, in whole units of its dimension."""

    lo: Decimal
    hi: Decimal
    value: Decimal
    dim: str            # money | % | pp | x | count:<unit> | bare
    currency: str | None
    scale: Decimal      # the declared unit applied to a bare number (1 if none)
    key: str = ""       # a calendar figure (dim "when"): D:year:month:day or P:period


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure of one document with the words that name it and where it is."""

    doc: str
    mention: Mention
    readings: tuple[Reading, ...]
    label: str                 # folded words naming it (figures cut out)
    near: str                  # the words since the figure before it in the clause
    basis: str | None          # yoy | qoq | mom | ... when stated before it
    concept: str | None        # what it measures, through the metric lexicon (concepts.py)
    period: tuple  # (year, months, stance: current | base) the engine reads, None unknown
    sign: int                  # -1 a fall stated (年減5.8%, -5.8%), +1 a rise, 0 neither
    sentence: tuple[int, int]
    line: int                  # 1-based
    column: int                # 1-based
    quote: str                 # the sentence (or table line) as written
    left: str = ""             # folded characters right before it and after it, blanks
    right: str = ""            # dropped: a copied sentence keeps both (see align.context)
    row: int = 0               # its line, when it is a cell of a table row (ROW_TAIL)

    @property
    def start(self) -> int:
        return self.mention.start


def _dim(m: Mention) -> str:
    if m.kind == "duration":
        return f"duration:{m.unit}"
    if m.kind == "money":
        return "money"
    if m.kind == "percent":
        return "%"
    if m.kind == "pp":
        return "pp"
    if m.kind in ("multiple", "ratio"):
        return "x"
    return f"count:{fold(m.unit)}" if m.unit else "bare"


def _step(m: Mention) -> Decimal:
    """The rounding step of a figure: its last place, or its last non-zero digit's place
    when it ends in zeros (約300億 may be rounded to the hundred)."""
    step = Decimal(m.precision or 1)
    digits = re.match(r"[0-9,]*", m.number_text or "").group().replace(",", "")
    if "." not in (m.number_text or "") and digits:
        zeros = len(digits) - len(digits.rstrip("0"))
        step *= Decimal(10) ** min(zeros, len(digits) - 1)
    return step


def unit_of(folded: str, bracketed: bool) -> tuple[Decimal, str | None] | None:
    """(scale, currency) the words declare for bare numbers (单位：亿元, 人民币百万元, 仟元),
    when they name a scale, a currency or 单位, or stand in brackets (``bracketed``)."""
    m = UNIT_LINE.search(folded)
    if not m or not (m.group("scale") or m.group("cur") or "单位" in folded or bracketed):
        return None
    currency = CURRENCY_WORDS.get(m.group("cur") or "") or \
        CURRENCY_WORDS.get(m.group("yuan") or "")
    return SCALES[m.group("scale") or ""], currency


INLINE_UNIT = re.compile(r"[（(]([^（）()\d]{1,12})[）)]")


def _inline_unit(folded: str, line_start: int, pos: int) -> tuple[Decimal, str | None] | None:
    """The unit a table row states in brackets before its numbers (营运收入 (人民币百万元))."""
    found = max(INLINE_UNIT.finditer(folded, max(line_start, pos - 40), pos),
                key=lambda x: x.start(), default=None)
    return None if found is None else unit_of(found.group(1), True)


def _declarations(text: str) -> list[tuple[int, Decimal | None, str | None]]:
    """(where it starts to apply, scale, currency) of every unit declared for the bare
    numbers after it (scale None: a header naming a column of percents): a short line of
    words, or 单位：仟元 inside a longer line (a table flattened onto one line: 單位：新台幣仟元
    項目 2025年 2024年 ...), which applies from its own end."""
    out = []
    pos = 0
    for line in text.split("\n"):
        folded = fold(line).strip()
        if folded and len(folded) <= DECLARATION_MAX and not re.search(r"\d", folded):
            unit = unit_of(folded, folded.startswith(("(", "（")))
            if unit is not None:
                out.append((pos, *unit))
            if PERCENT_HEAD.search(folded):  # 金額 百分比% 金額 百分比%: a column of percents
                out.append((pos, None, None))
        else:
            lead = len(line) - len(line.lstrip())
            out += [(pos + lead + d.end(), *unit_of(d.group(), True))  # type: ignore[misc]
                    for d in UNIT_DECLARED.finditer(fold(line).strip())]
        pos += len(line) + 1
    return out


Declared = tuple[Decimal | None, str | None, str]  # (scale, currency, dim) of bare numbers


@lru_cache(maxsize=256)
def _head_unit(head: str) -> Declared | None:
    """The unit a column's header declares: money (金额(亿元)) or a measure the extractor
    reads whole (总产量(万吨), 面积(千公顷); not 公斤/公顷, a rate it would read as 公斤).
    Cached: every cell of a column asks it of the same header."""
    money = unit_of(head, True)
    if money is not None:
        return (*money, "money")
    found = INLINE_UNIT.search(head)
    if found is None:
        return None
    from ..extract import extract

    words = found.group(1).strip()
    ms = extract("1" + words)
    if len(ms) != 1 or ms[0].end != len(words) + 1 or ms[0].kind != "count" \
            or not ms[0].unit or not isinstance(ms[0].value, (int, Decimal)):
        return None
    return Decimal(ms[0].value), None, f"count:{fold(ms[0].unit)}"


def when_key(m: Mention) -> str:
    """A calendar figure's parts, unknown ones empty: 2025-06-16 -> D:2025:06:16, 16日 (no
    month known) -> D:::16, 2025年 -> D:2025::, 第3季 -> P:Q3, 2025年第三季 -> P:2025-Q3."""
    value = "" if m.value is None else str(m.value)
    if m.kind == "year" and value.isdigit():
        return f"D:{value}::"
    if m.kind == "period":
        return f"P:{value}" if value else ""
    if parts := re.fullmatch(r"(\d{4}|-)-(\d\d)-(\d\d)", value):
        return f"D:{parts[1].strip('-')}:{parts[2]}:{parts[3]}"
    if not value and (day := re.search(r"(\d{1,2})\s*[)）]?\s*日", fold(m.text))):
        return f"D:::{int(day[1]):02d}"
    return ""


def _readings(m: Mention, falls: bool, declared: list[Declared]) -> list[Reading]:
    """The figure's values: its interval (negative for a stated fall), and for a bare
    number one more in each unit declared above it (scale None: a percent column, 增减(%));
    a calendar figure its parts."""
    if m.kind in CALENDAR:
        key = when_key(m)
        return [Reading(Decimal(0), Decimal(0), Decimal(0), "when", None, Decimal(1), key)] \
            if key else []
    if m.kind == "other" and not PLAIN_NUMBER.fullmatch(m.text.strip()):
        return []  # a rank or a label (第一, 三星), not a table's number
    if m.qualifier == "vague" and m.value is None and m.lo is not None and m.hi is not None:
        mid = (Decimal(m.lo) + Decimal(m.hi)) / 2  # 七千幾億元: somewhere in its interval
        return [Reading(Decimal(m.lo), Decimal(m.hi), mid, _dim(m),
                        m.unit if m.kind == "money" else None, Decimal(1))]
    if m.value is None or isinstance(m.value, str) or m.lo is None:
        return []
    value, lo = Decimal(m.value), Decimal(m.lo)
    hi = Decimal(m.hi) if m.hi is not None else value * 10  # 超10%: open above, bounded here
    if m.qualifier in ("approx", "near") and m.precision:
        step = _step(m)  # 約9,899億2千萬元 is that figure rounded, not anything within 5%
        lo, hi = value - step / 2, value + step / 2
    if falls and m.kind in ("percent", "pp", "money") and value > 0:
        value, lo, hi = -value, -hi, -lo
    dim = _dim(m)
    out = [Reading(lo, hi, value, dim, m.unit if m.kind == "money" else None, Decimal(1))]
    if dim == "bare":
        for scale, currency, unit in declared:
            if scale is not None:
                out.append(Reading(lo * scale, hi * scale, value * scale, unit, currency,
                                   scale))
            elif abs(value) <= 100:  # a percent column's cell (54.11), not its amounts
                out.append(Reading(lo, hi, value, "%", None, Decimal(1)))
    return out


def _label(folded: str, m: Mention, cuts: list[tuple[int, int]], begin: int) -> str:
    """The clause's words before the figure, with the other figures cut out."""
    words = []
    pos = begin
    for a, b in cuts:
        if b <= pos or a >= m.start:
            continue
        words.append(folded[pos:a])
        pos = b
    words.append(folded[pos:m.start])
    text = LABEL_NOISE.sub("", "".join(words))
    return text[-LABEL_CHARS:]


LIST_CUE = re.compile(r"分别|各")


def _list_name(folded: str, m: Mention, cuts: list[tuple[int, int]], k: int,
               begin: int) -> str | None:
    """The name of a list item (衣着、医疗保健、生活用品及服务价格分别上涨0.4%、0.4%和0.3%: the
    k-th figure of the run is named by the k-th name before 分别); None when not a list,
    "" when the names and figures do not pair up."""
    first = k
    while first > 0 and cuts[first - 1][1] > begin and \
            re.fullmatch(r"[、和及与,，\s]*", folded[cuts[first - 1][1]:cuts[first][0]]):
        first -= 1
    last = k
    while last + 1 < len(cuts) and \
            re.fullmatch(r"[、和及与,，\s]*", folded[cuts[last][1]:cuts[last + 1][0]]):
        last += 1
    if first == last:
        return None
    cue = max(LIST_CUE.finditer(folded, begin, cuts[first][0]), key=lambda c: c.start(),
              default=None)
    if cue is None:
        return ""
    head = re.split(r"[，,：:；;。]", folded[begin:cue.start()])[-1]
    names = [n for n in re.split(r"[、和]", head) if n.strip()]
    if len(names) != last - first + 1:
        return ""
    return names[k - first]


def _direction(c: Claim) -> int:
    m = c.mention
    if isinstance(m.value, (int, Decimal)) and m.value < 0:
        return -1
    if c.role in ("growth", "move") and c.direction:
        return -1 if c.direction == "down" else 1
    return 0


Period = tuple[str | None, tuple[int, int] | None, str | None]


def figures_of(doc: str, text: str, claims: list[Claim],
               periods: dict[int, Period] | None = None,
               heads: dict[int, str] | None = None) -> list[Figure]:
    """The checkable figures of one text (article or source), in text order; ``periods``:
    the relation engine's (year, months, stance) of each figure, ``heads``: the header of a
    table cell's column, by the figure's start."""
    periods, heads = periods or {}, heads or {}
    folded = fold(text)
    declarations = _declarations(text)
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    cuts = sorted((c.mention.start, c.mention.end) for c in claims)
    cells = sorted(pipe_cells(text) + column_cells(text), key=lambda x: x.start)
    cell_starts = [x.start for x in cells]
    out: list[Figure] = []
    last: tuple[int, str | None] = (-1, None)  # the sentence and concept of the figure before
    for c in claims:
        m = c.mention
        if m.kind not in KINDS:
            continue
        row = bisect.bisect_right(line_starts, m.start) - 1
        line_start = line_starts[row]
        line_end = text.find("\n", m.start)
        line_end = len(text) if line_end < 0 else line_end
        marks = [x.end() for x in CLAUSE_MARKS.finditer(folded, line_start, m.start)]
        begin = marks[-1] if marks else line_start
        declared: list[Declared] = [(s, cur, "money") for pos, s, cur in declarations
                                    if pos <= m.start][-3:][::-1]
        inline = _inline_unit(folded, line_start, m.start)
        if inline is not None:  # 营业收入(万元) 16,676,683.36: the row's own unit comes first
            declared.insert(0, (*inline, "money"))
        cell = cell_at(cells, cell_starts, m.start) if cells else None
        head = heads.get(m.start, "") or (fold(cell.head) if cell else "")
        column = (None, None, "%") if PERCENT_HEAD.search(head) else _head_unit(head) \
            if head else None
        if column is not None:  # 增减(%) | 总产量(万吨): the column's unit comes first of all
            declared.insert(0, column)
        direction = _direction(c)
        readings = _readings(m, direction < 0, declared)
        if not readings:
            continue
        sentence = max(c.sentence[0], line_start)
        label = _label(folded, m, cuts, sentence)
        k = bisect.bisect_left(cuts, (m.start, m.end))
        previous = cuts[k - 1][1] if k and cuts[k - 1][1] > begin else begin
        near = _label(folded, m, cuts, previous)
        if FUNCTION_ONLY.fullmatch(near):  # 減少13%至27.78億美元: 至 names nothing; the clause's
            near = _label(folded, m, cuts, begin)  # words do (年化新保費減少至)
        item = _list_name(folded, m, cuts, k, sentence)
        if item is not None:
            near = LABEL_NOISE.sub("", item)
        if cell is not None:  # 2024/8 | 77.23: the row's name and the column's header (its
            near = LABEL_NOISE.sub("", INLINE_UNIT.sub("", fold(cell.head)))  # unit is read)
            label = (LABEL_NOISE.sub("", fold(cell.row)) + near)[-LABEL_CHARS:]
        quote = text[max(c.sentence[0], line_start):min(c.sentence[1], line_end)].strip() or \
            text[line_start:line_end].strip()
        rate = m.kind in ("percent", "pp") or c.role in ("growth", "move")
        basis = (head and _rate_basis(head)) or \
            _rate_basis(folded[max(c.paragraph[0], line_start):m.start]) if rate else None
        own = PHRASE_END.split(folded[previous:m.start])[-1][-LABEL_CHARS:]  # 為歷年新高,年增4.7%
        title = _group_title(folded, line_starts, row) if SUB_ITEM.match(folded, line_start) \
            else ""
        if title:  # 每股盈利 / -基本 6.952 …: a sub-item row is named by its group's title too
            label, own = (title + label)[-LABEL_CHARS:], title + own
        if readings[0].dim == "bare" and abs(readings[0].value) <= 1000 and \
                INDEX_NAMED.search(item or own or label):  # PMI為50.3 is the release's 50.3%
            readings.insert(0, replace(readings[0], dim="%"))
        if rate and SHARE_NEAR.search(own):
            basis = "level"  # 營收占比14%: a share, no growth rate of the source can be it
        concept = named_concept(near) if item else named_concept(own)  # a list item, by name
        if concept is None and bare(own):  # 季增13.6%: the metric of the figure before it
            concept = (last[1] if last[0] == sentence else None) or named_concept(label)
        last = (sentence, concept)
        out.append(Figure(doc, m, tuple(readings), label, near, basis, concept,
                          periods.get(m.start, (None, None, None)), direction,
                          c.sentence, row + 1, m.start - line_start + 1, quote[:200],
                          *around(folded, m.start, m.end),
                          row + 1 if ROW_TAIL.fullmatch(text, m.start, line_end) else 0))
    return out


SUB_ITEM = re.compile(r"\s*[-－—•](?![\d.])")  # -基本, -摊薄 (not -3.5): a sub-item row


def _group_title(folded: str, line_starts: list[int], row: int) -> str:
    """The title line a sub-item row stands under (每股盈利(每股人民币元) over -基本 and
    -摊薄), past its sibling rows and a bracketed unit line; none when a row of figures
    comes first."""
    for k in range(row - 1, max(-1, row - 6), -1):
        end = line_starts[k + 1] - 1 if k + 1 < len(line_starts) else len(folded)
        line = folded[line_starts[k]:end].strip()
        if not line or SUB_ITEM.match(line) or (line[0] in "(（" and line[-1] in ")）"):
            continue
        if re.search(r"\d", line):
            return ""
        return LABEL_NOISE.sub("", INLINE_UNIT.sub("", line))[-LABEL_CHARS:]
    return ""


# a table row's cells: from a figure to the line's end only numbers and blanks (a sentence
# puts words and commas between its figures)
_CELL = r"[-+(（]?\d[\d,.]*%?[)）]?"
ROW_TAIL = re.compile(rf"{_CELL}(?:[ \t|]+{_CELL})*[ \t|]*")
CONTEXT = 12  # characters either side kept for a copied sentence's match


def around(folded: str, start: int, end: int) -> tuple[str, str]:
    """The CONTEXT non-blank characters before ``start`` and after ``end``."""
    left = BLANKS.sub("", folded[max(0, start - 3 * CONTEXT):start])[-CONTEXT:]
    return left, BLANKS.sub("", folded[end:end + 3 * CONTEXT])[:CONTEXT]


BLANKS = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _ratio_names() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(r[0]) for r in ratio_metrics()))


# a diffusion or sentiment index (PMI, 新订单指数, 景气指数): the press writes its reading bare
# (PMI為50.3) where the statistics bureau writes a percent (50.3%)
INDEX_NAMED = re.compile(r"(?:PMI|指数)[^，,。；;\d]{0,6}$")
SHARE_NEAR = re.compile(r"占比|比重|份额|(?<!应)占[^，,。；;\d]{0,12}(?:的|达|约|为)?\s?$")
RATE_COMPARED = re.compile(r"(?:涨幅|降幅|增幅|跌幅|升幅|增速)\s?(?:比|较)[^，,。；;\d]{0,6}")


def _rate_basis(before: str) -> str | None:
    """The basis a rate inherits from the words before it in its paragraph; ``level`` when a
    ratio metric is named after that basis (年增39.1%，纯益率45.7%: the margin is a level,
    so no year-on-year rate of the source can be it). A rate's own change against another
    period (涨幅比上月回落0.1个百分点) names no basis for the figures after it."""
    before = RATE_COMPARED.sub(lambda m: " " * len(m.group()), before)
    basis = _basis(before)
    if basis is None:
        return None
    cue_end = max(m.end() for m in _basis_pattern().finditer(before))
    ratio_end = max((m.end() for m in _ratio_names().finditer(before)), default=-1)
    return "level" if ratio_end > cue_end else basis
