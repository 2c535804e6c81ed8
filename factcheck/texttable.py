"""Plain-text tables: a release's or an article's rows of a label and figures.

Results releases and the stories copied from them carry tables as lines of cells separated
by ``|`` (Markdown, or an HTML table read as visible text), tabs, or runs of two or more
spaces (a release pasted as text). A table is a run of such lines; a line whose cells hold no
figure after the first is a header naming the columns of the rows below it, until the next
header (分行业 / 分产品 / 分地区 start sections of one table). A header may also be stacked
over short lines above the rows, one date piece or change word per line (a results
announcement's 二零二五年 / 九月三十日 / 二零二四年 / 九月三十日 同比变动); it is read when its
pieces make exactly as many columns as the rows have figures. Cells are spans into the text,
so the relation engine and a source reader can find the figures in them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .coldates import is_date_part, span_months
from .tablelines import cell_lines

Span = tuple[int, int]
MIN_CELLS = 3  # a label and two figures, or a header of three columns


@dataclass(frozen=True)
class Section:
    """A header line and the rows under it; ``columns`` aligns header cells to row cells."""

    header: list[Span]
    rows: list[list[Span]]
    months: int | None = None  # the months each dated column covers (止三个月: 3), if stated


def cells(text: str, start: int, end: int) -> list[Span]:
    """The non-empty cells of the line ``text[start:end]``, stripped."""
    out: list[Span] = []
    cut = start
    i = start
    while i <= end:
        sep = 0
        if i == end:
            sep = 1
        elif text[i] in "|\t":
            sep = 1
        elif text[i] == " " and i + 1 < end and text[i + 1] == " ":
            sep = 2
            while i + sep < end and text[i + sep] == " ":
                sep += 1
        if sep:
            a, b = cut, i
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a < b:
                out.append((a, b))
            i += sep
            cut = i
        else:
            i += 1
    return out


def _rule(text: str, span: Span) -> bool:
    """A Markdown separator cell (---, :--:)."""
    return all(ch in "-:=" for ch in text[span[0]:span[1]])


def tables(text: str, has_figure: Callable[[Span], bool]) -> Iterator[Section]:
    """The sections of every table in ``text``; ``has_figure(span)`` says whether a cell
    holds a figure (the caller's extraction decides, so a year label is not one). Lines fall
    into cells as the extractor's column units read them (tablelines.py: single spaces on a
    line of no prose, one cell per line regrouped, CSV rows); a long line of bars or tabs the
    extractor leaves whole is split here."""
    lines: list[tuple[int, list[Span]]] = []
    for pos, found in cell_lines(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if not found and ("|" in text[pos:end] or "\t" in text[pos:end]):
            found = cells(text, pos, end)
        row = [c for c in found if not _rule(text, c)]
        if row or not found:  # a Markdown rule line (|---|---|) neither ends nor adds a row
            lines.append((pos, row))
    header: list[Span] | None = None
    months: int | None = None
    deep = False  # the header is stacked (a row group's title does not end its table)
    rows: list[list[Span]] = []
    above: list[int] = []  # starts of the lines since the last row: a stacked header's place
    for pos, row in lines + [(len(text), [])]:
        figures = sum(1 for c in row[1:] if has_figure(c))
        if header is None and figures and len(row) >= MIN_CELLS - 1:
            stacked = _stacked(text, above, len(row) - 1)
            if stacked is not None:
                (header, months), deep = stacked, True
        if len(row) < MIN_CELLS - 1 or (header is None and len(row) < MIN_CELLS):
            if deep and len(above) < STACK_GAP and rows and \
                    pos < len(text) and _short(text, pos):
                above.append(pos)  # 每股盈利(每股人民币元): a row group's title inside
                continue
            if header is not None and rows:
                yield Section(header, rows, months)
            header, months, rows, deep = None, None, [], False
            above = above[-STACK_LINES:] + [pos]
            continue
        above = []
        if not figures:
            if header is not None and rows:
                yield Section(header, rows, months)
            header, months, rows, deep = row, None, [], False
        elif header is not None:
            rows.append(row)


STACK_LINES = 12  # lines above the rows a stacked header may take
STACK_GAP = 3     # short lines inside a stacked-header table (a row group's title) it spans
STACK_LINE_MAX = 24  # characters of a line of a stacked header


def _short(text: str, pos: int) -> bool:
    end = text.find("\n", pos)
    line = text[pos:len(text) if end < 0 else end].strip()
    return len(line) <= STACK_LINE_MAX


def _stacked(text: str, above: list[int], width: int) -> tuple[list[Span], int | None] | None:
    """The header stacked over the lines right above a table's first row, and the months its
    columns cover: the lines' date pieces (a year and the month and day under it make one
    column) and change words, when they make exactly ``width`` columns."""
    pieces: list[Span] = []
    months = None
    for pos in above[-STACK_LINES:]:
        if not _short(text, pos):
            pieces, months = [], None  # prose: the header starts after it
            continue
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        for a, b in cells(text, pos, end) if "  " in text[pos:end] else _words(text, pos, end):
            word = text[a:b]
            if span_months(word):
                months = span_months(word)
            elif is_date_part(word) or _changes(word):
                pieces.append((a, b))
    columns: list[Span] = []
    for a, b in pieces:
        joined = columns and is_date_part(text[columns[-1][0]:b].replace("\n", ""))
        if joined and is_date_part(text[a:b]) and "年" not in text[a:b]:
            columns[-1] = (columns[-1][0], b)  # 二零二五年 / 九月三十日: one column
        else:
            columns.append((a, b))
    dated = sum(1 for a, b in columns if is_date_part(text[a:b]))
    return (columns, months) if len(columns) == width and dated >= 2 else None


def _words(text: str, start: int, end: int) -> list[Span]:
    """The blank-separated words of a header line."""
    out, a = [], None
    for i in range(start, end + 1):
        if i < end and not text[i].isspace():
            a = i if a is None else a
        elif a is not None:
            out.append((a, i))
            a = None
    return out


CHANGE_WORDS = ("变动", "增减", "变化", "同比", "环比", "按年", "按季", "增长", "增幅", "%")


def _changes(word: str) -> bool:
    """A change column's header word (同比变动, 环比变动, 增减%)."""
    return any(w in word for w in CHANGE_WORDS) and len(word) <= 8


def columns(section: Section, row: list[Span]) -> list[tuple[Span, Span]]:
    """(header cell, row cell) pairs. A header may omit the label column (本期 | 上年同期 |
    同比 over 营收 | 100 | 90 | 11%): then its cells name the row's cells after the label."""
    header = section.header
    if len(header) == len(row) - 1:
        return list(zip(header, row[1:], strict=True))
    if len(header) == len(row):
        return list(zip(header[1:], row[1:], strict=True))
    return []

