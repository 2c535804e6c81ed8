"""A breakdown the text declares: 分财产险、人身险来看 … / 若按三區劃分，港島、九龍及新界三區…
/ 若就分支機構來看 …: the figures it then gives part by part sum to the total stated before it.

The parts are found by their names, not by a phrasing: after the declaration each figure
belongs to the part named last before it in its sentence, a run of figures under one name
is that part's stretch, and stretches that name every part once make a round. The k-th level
(or base, or signed move) of every stretch of a round is one series; its total is the figure
of the same role and unit stated before the round whose metric words end alike. When the
declaration names its parts (or counts them), the list is complete and the sum strong; a
category (分支機構, 地區) may list only some parts, so the sum is weak: bound when it holds or
one typical slip explains the break.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .common import FORECAST_WORDS, Binding, Row, _row, _same_period, _suffix
from .document import Document, within
from .frames import Frame
from .solve import Formula, compile_formula, holds, repairs

# the folded (Simplified) text: 若按三区划分， 分财产险、人身险来看， 若就分支机构来看，
OPENER = re.compile(r"(?:若|如)?(?:分|按照|按|就|观察各)(?P<what>[\u4e00-\u9fff、]{1,16}?)"
                    r"(?:来看|看|划分|区分|分类|统计)[，,：:]")
COUNTED = re.compile(r"(?P<names>[\u4e00-\u9fff]{1,6}(?:[、和及与][\u4e00-\u9fff]{1,6}){1,6}?)"
                     r"(?P<n>[两二三四五六])(?:区|地|大|类|个|家|者|项)")
NAME_SPLIT = re.compile(r"[、和及与]")
MAINLY = re.compile(r"主要|大部分|多数|大多")
COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}
LEVELS = ("level", "to")
# 料全月錄約900宗: an expectation of a later total (the parts sum to 本月至今's 809宗)
EXPECTED = re.compile(r"料|预料|有望|" + FORECAST_WORDS)  # (an expected total: 料达…)
REACH = 2       # paragraphs before the declaration that may hold the totals
MIN_NAME = 2    # characters a part's name needs to be found again (中央, 港岛, 财产险)
NEXT_TO = 40    # a category opener this close before a named declaration defers to it
AFTER = re.compile(r"[\u4e00-\u9fff]{0,8}")  # the words right after a figure (錄2,524宗註冊)


def _declarations(doc: Document) -> Iterator[tuple[int, int, tuple[str, ...], bool]]:
    """(start, end, part names, complete) of each declaration; a category opener gives no
    names (its parts are found by the subjects of the clauses after it)."""
    for m in OPENER.finditer(doc.folded):
        names = tuple(n for n in NAME_SPLIT.split(m.group("what")) if n)
        named = len(names) >= 2 and all(len(n) >= MIN_NAME for n in names)
        yield m.start(), m.end(), names if named else (), named
    for m in COUNTED.finditer(doc.folded):
        names = tuple(n for n in NAME_SPLIT.split(m.group("names")) if n)
        if len(names) == COUNTS[m.group("n")] and all(len(n) >= MIN_NAME for n in names) \
                and not _another_part(doc, m, names):
            if MAINLY.search(doc.folded, max(doc.statement(m.start())[0], m.start() - 8),
                             m.start("n")):
                continue  # 主要是由中國、香港及台灣三大客源支撐: the main parts, not all
            yield m.start(), m.end(), names, True


def _another_part(doc: Document, m: re.Match[str], names: tuple[str, ...]) -> bool:
    """港島及新界兩區…雙雙增加，九龍區則按周回落: the sentence names a third part of the same
    kind (九龍區), so the counted two are the ones sharing a fate, not the whole's parts."""
    kind = doc.folded[m.end() - 1]
    lo, hi = doc.statement(m.start())
    for other in re.finditer(rf"([\u4e00-\u9fff]{{2}}){re.escape(kind)}", doc.folded[lo:hi]):
        word = other.group(1)
        if lo + other.start() != m.start("n") - 1 and word[-1] not in COUNTS \
                and not any(word in n or n.endswith(word) for n in names):
            return True
    return False


def _series_kind(f: Frame) -> str | None:
    if f.quantity != "amount" or f.scale != 1 or f.unit is None \
            or f.mention.lo is None or f.mention.hi is None:
        return None
    if f.role in LEVELS:
        return "level"
    if f.role == "base":
        return "base"
    if f.role == "move" and f.direction:
        return "move"
    return None


def _stretches(frames: list[Frame], doc: Document, start: int, end: int,
               names: tuple[str, ...]) -> list[tuple[int, int, list[Frame]]]:
    """(position of the name, which name, its figures) for every named part after a
    declaration: a figure belongs to the part named last before it in its sentence."""
    text = doc.folded[start:end]
    # 8月港島、九龍及新界三區: the first name may carry the words before it (月港島); each
    # name is its longest tail the text names again
    found = [next((n[i:] for i in range(len(n) - MIN_NAME + 1) if n[i:] in text), "")
             for n in names]
    if not all(found):
        return []
    spots = sorted((start + m.start(), k) for k, n in enumerate(found)
                   for m in re.finditer(re.escape(n), text))
    out: list[tuple[int, int, list[Frame]]] = []
    for f in within(frames, start, end):
        if _series_kind(f) is None:
            continue
        owner = next(((p, k) for p, k in reversed(spots) if f.sentence[0] <= p < f.start), None)
        if owner is None:
            continue
        if out and out[-1][0] == owner[0]:
            out[-1][2].append(f)
        else:
            out.append((owner[0], owner[1], [f]))
    return out


def _rounds(stretches: list[tuple[int, int, list[Frame]]], n: int
            ) -> list[list[tuple[int, int, list[Frame]]]]:
    """Runs of stretches naming each of the n parts once."""
    out, current = [], []
    for s in stretches:
        if any(c[1] == s[1] for c in current):
            current = []
        current.append(s)
        if len(current) == n:
            out.append(current)
            current = []
    return out


def _metric_alike(total: Frame, part: Frame, doc: Document) -> bool:
    """The words naming both end alike (原保险保费收入 / 财产险业务实现原保费收入), before the
    figure or after it (錄4,198宗住宅物業註冊 / 錄2,524宗註冊)."""
    if _suffix(total.metric or "", part.metric or "") >= 2:
        return True
    return _suffix(_after(total, doc), _after(part, doc)) >= 2


def _after(f: Frame, doc: Document) -> str:
    return AFTER.match(doc.folded, f.mention.end).group()  # type: ignore[union-attr]


def _totals(frames: list[Frame], doc: Document, lo: int, hi: int, kind: str,
            parts: list[Frame], after: int = 0, before: int = 0,
            compared: frozenset[tuple[int, int]] = frozenset()) -> list[Frame]:
    """The figures before the declaration (lo..hi), or between the round before and this one
    (after..before), that may be a series' total: the best named alike, nearest first.
    ``compared``: the months the round's bases name (较7月的), which a part after them in its
    statement may have taken for its own (港島區錄695宗 after 較7月的3,173宗)."""
    found = [f for f in within(frames, lo, hi) + within(frames, after, before)
             if _series_kind(f) == kind and f.unit == parts[0].unit
             and all(_same_period(f, p) or p.months in compared for p in parts)
             and not EXPECTED.search(doc.folded, f.clause[0], f.start)]
    score = {id(f): sum(_metric_alike(f, p, doc) for p in parts) for f in found}
    best = max(score.values(), default=0)
    alike = [f for f in found if best and score[id(f)] == best]
    return sorted(alike or found[-1:], key=lambda f: -f.start)


def _sum(parts: list[Frame]) -> tuple[Formula, dict[str, Frame]]:
    """total = p0 + p1 - p2 …: a move's direction signs it (减少5.88亿元)."""
    terms = " ".join(("- " if f.direction < 0 else "+ ") + f"p{i}" for i, f in enumerate(parts))
    return compile_formula(f"total = {terms.removeprefix('+ ')}"), \
        {f"p{i}": f for i, f in enumerate(parts)}


def bind_breakdown(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    row = _row("breakdown_sum")
    paragraphs = sorted({f.paragraph for f in frames})
    declared = list(_declarations(doc))
    for start, end, names, complete in declared:
        if not names and any(0 < s - end <= NEXT_TO for s, _e, n, _c in declared if n):
            continue  # 若按三區劃分，8月港島、九龍及新界三區…: the named declaration rules
        para = next((p for p in paragraphs if p[0] <= start < p[1] + 1), None)
        if para is None:
            continue
        k = paragraphs.index(para)
        lo = paragraphs[max(0, k - REACH)][0]
        scope_end = para[1]  # … and the paragraphs after it that name a part again
        for nxt in paragraphs[k + 1:]:
            if not names or not any(n[-MIN_NAME:] in doc.folded[nxt[0]:nxt[1]] for n in names):
                break
            scope_end = nxt[1]
        if not names:
            yield from _categorised(frames, doc, row, lo, end, scope_end)
            continue
        previous = start  # the totals lie before the declaration or between two rounds
        for round_ in _rounds(_stretches(frames, doc, end, scope_end, names), len(names)):
            first = round_[0][0]
            compared = frozenset(f.months for s in round_ for f in s[2]
                                 if _series_kind(f) == "base" and f.months)
            for kind in ("level", "base", "move"):
                columns = [[f for f in s[2] if _series_kind(f) == kind] for s in round_]
                depth = min(len(c) for c in columns)
                for j in range(depth):
                    parts = [c[j] for c in columns]
                    if any(p.unit != parts[0].unit for p in parts):
                        continue
                    totals = _totals(frames, doc, lo, start, kind, parts, previous, first,
                                     compared if kind != "base" else frozenset())
                    if not totals:
                        continue
                    # one total named alike, or the nearest right before the round
                    yield _binding(row, totals[:1], parts, complete and (
                        len(totals) == 1 or totals[0].start >= previous))
            previous = round_[-1][2][-1].start + 1


def _binding(row: Row, totals: list[Frame], parts: list[Frame], strong: bool) -> Binding:
    formula, named = _sum(parts)
    return Binding(row, "total", [{"total": t, **named} for t in totals], strong, formula)


AMONG = re.compile(r"在[^，,。；;]{0,12}$")  # 在13个消费品制造大类行业中，有11个行业…


def _among(f: Frame, doc: Document) -> bool:
    """在13个…行业中: the figure names the set the next figures are counted in (11 of the
    13 grew), a whole of its own, no part of an earlier total."""
    return AMONG.search(doc.folded, f.clause[0], f.start) is not None and \
        "中" in doc.folded[f.mention.end:f.clause[1]]


def _categorised(frames: list[Frame], doc: Document, row: Row, lo: int, end: int,
                 scope_end: int) -> Iterator[Binding]:
    """若就分支機構來看，A…5.8億元…；B…231.9億元…: one figure per clause subject after the
    opener; bound only when the sum holds or one slip explains the break (weak)."""
    after = [f for f in within(frames, end, scope_end) if _series_kind(f) == "level"]
    if len(after) < 2:
        return
    parts = [f for f in after if doc.statement(f.start) == doc.statement(after[0].start)]
    parts = [f for i, f in enumerate(parts) if i == 0 or f.clause != parts[i - 1].clause]
    if len(parts) < 2 or any(p.unit != parts[0].unit for p in parts) or _among(parts[0], doc):
        return
    totals = _totals(frames, doc, lo, end, "level", parts)
    if not totals:
        return
    formula, named = _sum(parts)
    roles = {"total": totals[0], **named}
    env = {r: f.interval() for r, f in roles.items()}
    if holds(formula, env) or repairs(formula, env, roles):
        yield Binding(row, "total", [roles], False, formula)
