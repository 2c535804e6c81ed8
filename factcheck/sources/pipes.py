"""Markdown pipe tables in a source (a release or a data page turned into Markdown):

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
