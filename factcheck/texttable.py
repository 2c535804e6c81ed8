"""Plain-text tables: a release's or an article's rows of a label and figures.

Results releases and the stories copied from them carry tables as lines of cells separated
by ``|`` (Markdown, or an HTML table read as visible text), tabs, or runs of two or more
spaces (a release pasted as text). A table is a run of such lines; a line whose cells hold no
figure after the first is a header naming the columns of the rows below it, until the next
header (分行业 / 分产品 / 分地区 start sections of one table). Cells are spans into the text, so
the relation engine and a source reader can find the figures in them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .tablelines import cell_lines

Span = tuple[int, int]
MIN_CELLS = 3  # a label and two figures, or a header of three columns


@dataclass(frozen=True)
class Section:
    """A header line and the rows under it; ``columns`` aligns header cells to row cells."""

    header: list[Span]
    rows: list[list[Span]]


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
    lines: list[list[Span]] = []
    for pos, found in cell_lines(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if not found and ("|" in text[pos:end] or "\t" in text[pos:end]):
            found = cells(text, pos, end)
        row = [c for c in found if not _rule(text, c)]
        if row or not found:  # a Markdown rule line (|---|---|) neither ends nor adds a row
            lines.append(row)
    header: list[Span] | None = None
    rows: list[list[Span]] = []
    for row in lines + [[]]:
        if len(row) < MIN_CELLS - 1 or (header is None and len(row) < MIN_CELLS):
            if header is not None and rows:
                yield Section(header, rows)
            header, rows = None, []
            continue
        if not any(has_figure(c) for c in row[1:]):
            if header is not None and rows:
                yield Section(header, rows)
            header, rows = row, []
        elif header is not None:
            rows.append(row)


def columns(section: Section, row: list[Span]) -> list[tuple[Span, Span]]:
    """(header cell, row cell) pairs. A header may omit the label column (本期 | 上年同期 |
    同比 over 营收 | 100 | 90 | 11%): then its cells name the row's cells after the label."""
    header = section.header
    if len(header) == len(row) - 1:
        return list(zip(header, row[1:], strict=True))
    if len(header) == len(row):
        return list(zip(header[1:], row[1:], strict=True))
    return []

