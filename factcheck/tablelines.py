"""How a table pasted as text falls into lines of cells: cells split on tabs, ``|`` or runs of
spaces (or single spaces on a line with no sentence punctuation), CSV rows, and tables pasted
one cell per line (项目 | / 本报告期 | / … or 年度 / 全港(1) / … / 105 / 1,046.5), regrouped
into header and rows. colunits.py reads the units a header gives each column.
"""

from __future__ import annotations

import re
from typing import Any

SENTENCE = re.compile(r"[。，；;！？!?]|(?<!\d),|,(?!\d)")  # (not 21,355,025,827's commas)
CELL = re.compile(r"[^\s|]+")
BRACKETED_NUMBER = re.compile(r"[(（][0-9][0-9,]*(?:\.[0-9]+)?[)）]")


def cell_lines(folded: str) -> list[tuple[int, list[tuple[int, int]]]]:
    """Each line of a table's layout as (its start, its cells); a table pasted one cell per
    line comes back as rows. The extractor's column units and the table binder read these."""
    lines = _physical_lines(folded)
    if "|" in folded or any(f"\n{head}\n" in folded for head in LABEL_HEADS):
        return _cell_rows(folded, lines)  # (a table of cells on lines of their own)
    return lines


def _one_cell(folded: str, start: int, end: int, barred: bool) -> tuple[int, int] | None:
    """The span of the one cell a line ``项目 |`` holds (text, then a closing bar), or,
    not ``barred``, a short line with no bar and no sentence punctuation (年度 / 105 / …)."""
    line = folded[start:end]
    body = line.rstrip(" \t")
    if not barred:
        text = body.lstrip(" \t")
        if not text or len(text) > BARE_CELL_MAX or "|" in text or SENTENCE.search(text):
            return None
        return start + len(body) - len(text), start + len(body)
    if not body.endswith("|") or "|" in body[:-1]:
        return None
    cell = body[:-1].rstrip(" \t")
    text = cell.lstrip(" \t")
    if not text:
        return None
    return start + len(cell) - len(text), start + len(cell)


NUMBER_CELL = re.compile(r"[+\-]?[0-9][0-9,]*(?:\.[0-9]+)?%?")


def _cell_rows(folded: str, lines: list[tuple[int, list[tuple[int, int]]]]
               ) -> list[tuple[int, list[tuple[int, int]]]]:
    """A table pasted one cell per line (项目 | / 本报告期 | / 上年同期 | / 同比(%) |
    / 营业收入(元) | / 647,354,096.28 | …, or with no bars: 年度 / 全港(1) / … / 105 /
    1,046.5 / …): a header of worded cells, then rows of that many cells."""
    out: list[tuple[int, list[tuple[int, int]]]] = []
    k = 0
    while k < len(lines):
        run: list[tuple[int, int]] = []
        barred = folded.find("|", lines[k][0], _line_end(folded, lines[k][0])) >= 0
        while k + len(run) < len(lines):
            start = lines[k + len(run)][0]
            cell = _one_cell(folded, start, _line_end(folded, start), barred)
            if cell is None:
                break
            run.append(cell)
        found = None
        if len(run) >= MIN_RUN:
            found = (0, _barred_rows(folded, run)) if barred else _bare_rows(folded, run)
        if found is None or found[1] is None:
            out.append(lines[k])
            k += 1
            continue
        skip, rows = found
        out += lines[k:k + skip] + [(row[0][0], row) for row in rows]
        k += skip + sum(map(len, rows))
    return out


MIN_RUN = 6  # cells: a header of two and a row of two at the least, with a label and a number
BARE_CELL_MAX = 12  # characters of a table cell on a line of its own, with no bar
# the label column's header, which opens a table of bare lines (the title and the 单位 line
# above it are no cells of it)
LABEL_HEADS = frozenset(("年度", "年份", "年别", "月份", "项目", "指标", "名称", "类别", "地区",
                         "科目", "品名", "国家", "国家(地区)"))


def _line_end(folded: str, start: int) -> int:
    end = folded.find("\n", start)
    return len(folded) if end < 0 else end


def _barred_rows(folded: str, cells: list[tuple[int, int]]) -> list[list[tuple[int, int]]] | None:
    """The header is the worded cells before the first number but one (the first row's
    label); the cells after it fall into rows of that many."""
    numeric = [NUMBER_CELL.fullmatch(folded, a, b) is not None for a, b in cells]
    if True not in numeric or numeric.index(True) - 1 < 2:
        return None
    return _tile(cells, numeric.index(True) - 1)


def _bare_rows(folded: str, cells: list[tuple[int, int]]
               ) -> tuple[int, list[list[tuple[int, int]]] | None] | None:
    """Bare lines are a table only from a label column's head word (年度, 项目) on, when the
    worded cells from it to the first number (or to the last worded one, a label) make a
    header that leaves every row a label and numbers, two rows at least: (the cells before
    the head, the header and rows)."""
    head = next((i for i, (a, b) in enumerate(cells) if folded[a:b] in LABEL_HEADS), None)
    if head is None:
        return None
    numeric = [NUMBER_CELL.fullmatch(folded, a, b) is not None for a, b in cells]
    if True not in numeric[head:]:
        return None
    first = numeric.index(True, head)
    for width in (first - head, first - 1 - head):
        flags = _tile(numeric[head:], width) if width >= 2 else []
        if len(flags) >= 3 and all(all(row[1:]) for row in flags[1:]):
            return head, _tile(cells[head:], width)
    return None


def _tile(items: list[Any], width: int) -> list[list[Any]]:
    return [items[i:i + width] for i in range(0, len(items) - width + 1, width)]


def _physical_lines(folded: str) -> list[tuple[int, list[tuple[int, int]]]]:
    out = []
    pos = 0
    for line in folded.split("\n"):
        csv_cells = _csv_cells(line, pos)
        if csv_cells is not None:  # 台積電 ,TSM ,"1,879.03 ",+0.62: a table pasted as CSV
            out.append((pos, csv_cells))
        elif line.strip() and not SENTENCE.search(line) and len(line) <= 80:
            cells: list[tuple[int, int]] = []
            for m in CELL.finditer(line):
                # 跌幅 (點數): one cell; not across a bar, nor a bracketed number, which is a
                # negative amount in a financial statement (銷售成本 | (857,608) |)
                if cells and m.group().startswith(("(", "（")) \
                        and "|" not in line[cells[-1][1] - pos:m.start()] \
                        and not BRACKETED_NUMBER.fullmatch(m.group()):
                    cells[-1] = (cells[-1][0], pos + m.end())
                else:
                    cells.append((pos + m.start(), pos + m.end()))
            out.append((pos, cells))
        else:
            out.append((pos, []))
        pos += len(line) + 1
    return out


CSV_FIELD = re.compile(r'\s*(?:"([^"\n]*)"|([^,"\n]*))\s*(?:,|$)')
SEPARATOR = re.compile(r"(?<![0-9]),|,(?![0-9])")
CSV_LINE_MAX = 240
CSV_FIELD_MAX = 16  # characters: a clause of prose between ASCII commas is longer


def _csv_cells(line: str, pos: int) -> list[tuple[int, int]] | None:
    """The fields of a comma-separated row (quotes keep 1,879.03 whole), as spans, when the
    line is one: three fields or more, each short, no sentence punctuation."""
    if len(line) > CSV_LINE_MAX or len(SEPARATOR.findall(line)) < 2 \
            or re.search(r"[。；！？]", line):
        return None  # (21,355,025,827's commas group digits; they separate no fields)
    cells, at = [], 0
    while at < len(line):
        m = CSV_FIELD.match(line, at)
        if m is None or m.end() == at:
            return None
        group = 1 if m.group(1) is not None else 2
        a, b = m.span(group)
        text = line[a:b]
        a += len(text) - len(text.lstrip())
        b -= len(text) - len(text.rstrip())
        if b - a > CSV_FIELD_MAX:
            return None
        cells.append((pos + a, pos + max(a, b)))
        at = m.end()
    return cells if len(cells) >= 3 and all(b > a for a, b in cells) else None
