"""Tables in a source's text: Markdown pipe tables (a release or a data page turned into
Markdown), and a PDF's table copied as text one cell per line (column_cells):

    年/月 | 營收 | 月增率(%) | 去年同期年增率(%) |
    ---|---|---|---|
    2024/8 | 77.23 | -2.16 | 3.68 |

Each cell's figure is named by its row's first cell and its column's header (2024/8 營收),
and the header's unit (月增率(%)) is the cell's, as for a plain-text table's columns.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

SEPARATOR = re.compile(r"\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*")


@dataclass(frozen=True)
class Cell:
    start: int
    end: int
    row: str      # the row's first cell
    head: str     # the column's header


def _cells(line: str, offset: int) -> list[tuple[int, int, str]]:
    """(start, end, text) of each cell of a table line, stripped, offsets into the text."""
    out, pos = [], 0
    body = line.rstrip()
    if body.endswith("|"):
        body = body[:-1]
    for part in body.split("|"):
        lead = len(part) - len(part.lstrip())
        text = part.strip()
        out.append((offset + pos + lead, offset + pos + lead + len(text), text))
        pos += len(part) + 1
    if out and not out[0][2] and line.lstrip().startswith("|"):
        out = out[1:]  # | a | b |: the bar before the first cell opens no cell
    return out


def pipe_cells(text: str) -> list[Cell]:
    """Every data cell of every pipe table of ``text``, in text order."""
    if "|" not in text:
        return []
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    out: list[Cell] = []
    k = 1
    while k < len(lines):
        if not SEPARATOR.fullmatch(lines[k]) or "|" not in lines[k - 1]:
            k += 1
            continue
        heads = [t for _, _, t in _cells(lines[k - 1], starts[k - 1])]
        k += 1
        while k < len(lines) and lines[k].count("|") >= 1 and lines[k].strip():
            cells = _cells(lines[k], starts[k])
            row = cells[0][2] if cells else ""
            for j, (a, b, _) in enumerate(cells[1:], start=1):
                if j < len(heads) and b > a:
                    out.append(Cell(a, b, row, heads[j]))
            k += 1
    return out


def cell_at(cells: list[Cell], starts: list[int], pos: int) -> Cell | None:
    """The cell holding ``pos`` (``starts``: the cells' starts)."""
    i = bisect.bisect_right(starts, pos) - 1
    return cells[i] if i >= 0 and cells[i].start <= pos < cells[i].end else None


NUMBER_LINE = re.compile(r"[-+]?\d[\d,]*(?:\.\s?\d+)?%?")  # 14989. 0: a PDF cell split at .
ENUMERATION = re.compile(r"^(?:[一二三四五六七八九十]+|\d+)\s*[、.．]\s*")  # 1、 夏粮
HEAD_CHARS = 30  # a header or row label is a few words, not a sentence of prose


def _named_rows(lines: list[tuple[int, str]]) -> list[tuple[int, list[int]]]:
    """(index of a line of words, indexes of the number lines right after it)."""
    out: list[tuple[int, list[int]]] = []
    for i, (_, line) in enumerate(lines):
        if NUMBER_LINE.fullmatch(line):
            if out and (not out[-1][1] or out[-1][1][-1] == i - 1):
                out[-1][1].append(i)
        else:
            out.append((i, []))
    return out


def _heads(lines: list[tuple[int, str]], label: int, n: int) -> list[str] | None:
    """The n column headers on the lines before a table's first row label, a bracketed
    unit on its own line joined to the header above it (总产量 / (万吨))."""
    heads: list[str] = []
    i = label - 1
    while i >= 0 and len(heads) < n:
        text = lines[i][1]
        if len(text) > HEAD_CHARS or NUMBER_LINE.fullmatch(text):
            return None
        if text.startswith(("(", "（")) and i > 0:
            i -= 1
            text = lines[i][1] + text
        heads.insert(0, text)
        i -= 1
    return heads if len(heads) == n else None


def column_cells(text: str) -> list[Cell]:
    """Every cell of a table a PDF's text gives one cell per line: the headers, then each
    row's label followed by one number per column (全年粮食 / 119319. 1 / 70649. 9 / 5921. 1);
    a row whose count of numbers differs from the header's is left unnamed."""
    lines, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            lines.append((pos + lead, line.strip()))
        pos += len(line) + 1
    rows = _named_rows(lines)
    out: list[Cell] = []
    k = 0
    while k < len(rows):
        label, numbers = rows[k]
        n = len(numbers)
        heads = _heads(lines, label, n) if n >= 2 else None
        if heads is None:
            k += 1
            continue
        while k < len(rows) and len(lines[rows[k][0]][1]) <= HEAD_CHARS \
                and len(rows[k][1]) in (0, n):
            if rows[k][1]:  # 一、 分季节: a group's label has no numbers of its own
                row = ENUMERATION.sub("", lines[rows[k][0]][1])
                out += [Cell(lines[i][0], lines[i][0] + len(lines[i][1]), row, head)
                        for head, i in zip(heads, rows[k][1], strict=True)]
            k += 1
    return out
