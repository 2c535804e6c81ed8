"""A table flattened onto one line, as scraped pages and PDF copies give it: a header of k
column names, then rows of a label and k figures, all on one line with single spaces
(六都會區 2025年1月 2025年12月 2026年1月 月增減率 年增減率 台北市 1,604 2,331 2,128 -8.7%
32.7% 新北市 …). Read back as the table it was, with a line per row and a tab per cell, in
the same number of characters, so every span stays where it is."""

from __future__ import annotations

import re

NUMBER = re.compile(r"[-+−]?\(?\d[\d,]*(?:\.\d+)?%?\)?")
TOKEN = re.compile(r"\S+")
LABEL = re.compile(r"[\u4e00-\u9fffA-Za-z]")
MIN_ROWS = 2
MAX_COLUMNS = 8


def _layout(words: list[str]) -> tuple[int, int] | None:
    """(header length, columns) when the words are a header and whole rows."""
    for k in range(2, MAX_COLUMNS + 1):
        for corner in (1, 0):  # a corner cell naming the row labels (六都會區), or none
            head = corner + k
            rest = len(words) - head
            if rest < MIN_ROWS * (k + 1) or rest % (k + 1):
                continue
            if any(NUMBER.fullmatch(w) for w in words[:head]):
                continue
            rows = [words[i:i + k + 1] for i in range(head, len(words), k + 1)]
            if all(LABEL.search(r[0]) and not NUMBER.fullmatch(r[0])
                   and all(NUMBER.fullmatch(w) for w in r[1:]) for r in rows):
                return head, k
    return None


def unflatten(text: str) -> str:
    """``text`` with each flattened table's rows on lines of their own and cells split by
    tabs (one character for one: offsets are kept)."""
    out: list[str] | None = None
    start = 0
    for line in text.split("\n"):
        if line.count(" ") >= MIN_ROWS * 3:
            tokens = list(TOKEN.finditer(line))
            layout = _layout([t.group() for t in tokens])
            if layout is not None:
                out = out if out is not None else list(text)
                head, k = layout
                for i in range(1, len(tokens)):
                    gap = start + tokens[i].start() - 1
                    row_start = i >= head and (i - head) % (k + 1) == 0
                    out[gap] = "\n" if row_start else "\t"
        start += len(line) + 1
    return "".join(out) if out is not None else text
