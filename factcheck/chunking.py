"""Check a document of any size in bounded time: cut it into windows, check each window, and
shift what each window found back to offsets in the whole text.

Some checks relate every figure of a sentence, paragraph or document to every other one, so
their cost grows faster than the text: a 50 MB file, or one "sentence" of a million
characters made of figures and separators, would take hours checked in one piece. News
articles are far below the limits here (the seed article, 22,681 characters with 622 runs
of numerals, is one window), so for them ``check_document`` is exactly ``check_text``.

Windows follow the text's own structure, largest first:

- whole paragraphs (lines), packed while a window stays within ``WINDOW_CHARS`` characters
  and ``WINDOW_NUMBERS`` runs of numerals (a cheap upper bound on the number of figures);
- a paragraph beyond those limits, or holding a sentence beyond the sentence limits, is
  packed sentence by sentence instead;
- a sentence longer than ``SENTENCE_CHARS`` characters or with more than
  ``SENTENCE_NUMBERS`` runs of numerals is cut after a clause mark (，、：; or a space) or
  just before a run of numerals, and each piece is checked on its own.

What is lost: a relation between figures in different windows, which only happens in text
far longer than an article (or in one that is not prose). Every window is a slice of the
original text, so spans stay exact.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace

from .checks import Finding, Report, check_text
from .claims import Claim
from .model import Mention
from .reference import Reference

WINDOW_CHARS = 200_000
WINDOW_NUMBERS = 3_000
SENTENCE_CHARS = 1_000
SENTENCE_NUMBERS = 200

# Every figure holds at least one run of these (Arabic or Chinese numerals, either width).
NUMERAL_RUN = re.compile(r"[0-9\uff10-\uff19零〇一二两兩三四五六七八九十百千万萬亿億兆]+")
# Where a sentence ends (the linker's sentence marks, in both widths); "\n" ends a paragraph.
SENTENCE_END = re.compile(r"[。！？!?；;\n]")
# Where a long sentence may be cut without splitting a figure.
CLAUSE_MARK = re.compile(r"[，,、：:\s]")

Window = tuple[int, int]


def plan_windows(text: str, *, window_chars: int = WINDOW_CHARS,
                 window_numbers: int = WINDOW_NUMBERS, sentence_chars: int = SENTENCE_CHARS,
                 sentence_numbers: int = SENTENCE_NUMBERS) -> list[Window]:
    """Contiguous ``(start, end)`` windows covering ``text``, in order; one for an article.

    Empty text is one empty window. Runs in linear time.

    >>> plan_windows("營收570億美元，增長5%。")
    [(0, 14)]
    >>> plan_windows("一段。\\n二段。\\n", window_chars=4)
    [(0, 4), (4, 8)]
    """
    if window_chars < 1 or sentence_chars < 1 or window_numbers < 1 or sentence_numbers < 1:
        raise ValueError("window limits must be positive")
    runs = [m.start() for m in NUMERAL_RUN.finditer(text)]

    def numbers(start: int, end: int) -> int:
        return bisect.bisect_left(runs, end) - bisect.bisect_left(runs, start)

    def small_sentence(start: int, end: int) -> bool:
        return end - start <= sentence_chars and numbers(start, end) <= sentence_numbers

    units: list[tuple[int, int, bool]] = []  # (start, end, must stand alone)
    paragraph: list[Window] = []
    for start, end in _sentences(text):
        paragraph.append((start, end))
        if end < len(text) and text[end - 1] != "\n":
            continue
        p_start, p_end = paragraph[0][0], paragraph[-1][1]
        if (p_end - p_start <= window_chars and numbers(p_start, p_end) <= window_numbers
                and all(small_sentence(a, b) for a, b in paragraph)):
            units.append((p_start, p_end, False))
        else:
            for a, b in paragraph:
                if small_sentence(a, b):
                    units.append((a, b, False))
                else:
                    units.extend((x, y, True) for x, y in
                                 _cut(text, a, b, runs, sentence_chars, sentence_numbers))
        paragraph = []

    windows: list[Window] = []
    current: list[int] | None = None  # [start, end, numbers]
    for start, end, alone in units:
        count = numbers(start, end)
        if current is not None and (alone or end - current[0] > window_chars
                                    or current[2] + count > window_numbers):
            windows.append((current[0], current[1]))
            current = None
        if alone:
            windows.append((start, end))
        elif current is None:
            current = [start, end, count]
        else:
            current[1], current[2] = end, current[2] + count
    if current is not None:
        windows.append((current[0], current[1]))
    return windows or [(0, len(text))]


def _sentences(text: str) -> list[Window]:
    """Pieces of ``text`` that each end with a sentence mark (the last one may not)."""
    pieces, start = [], 0
    for m in SENTENCE_END.finditer(text):
        pieces.append((start, m.end()))
        start = m.end()
    if start < len(text) or not pieces:
        pieces.append((start, len(text)))
    return pieces


def _cut(text: str, start: int, end: int, runs: list[int], max_chars: int,
         max_numbers: int) -> list[Window]:
    """Cut one over-long sentence into pieces within the sentence limits."""
    pieces = []
    pos = start
    while pos < end:
        limit = min(end, pos + max_chars)
        first = bisect.bisect_left(runs, pos)
        if first + max_numbers < len(runs) and runs[first + max_numbers] < limit:
            limit = runs[first + max_numbers]  # stop before the run one past the limit
        cut = limit
        if limit < end:
            floor = pos + (limit - pos) // 2  # never cut so early that pieces get tiny
            mark = None
            for m in CLAUSE_MARK.finditer(text, floor, limit):
                mark = m.end()
            if mark is not None:
                cut = mark
            else:  # just before the last run of numerals that starts in reach
                k = bisect.bisect_left(runs, limit) - 1
                if k >= 0 and runs[k] > max(floor, pos):
                    cut = runs[k]
        if cut <= pos:
            cut = limit if limit > pos else pos + 1
        pieces.append((pos, cut))
        pos = cut
    return pieces


def check_document(text: str, reference: Reference | None = None,
                   progress: Callable[[int], None] | None = None,
                   published: dt.date | None = None) -> Report:
    """``check_text`` for a document of any size: window by window (see the module doc).

    ``progress`` is called with the number of characters of each window once it is checked.
    A document that is one window is checked by ``check_text`` itself.

    >>> r = check_document("營收570.06億美元，較上年同期的350.82億美元增長72%。")
    >>> [(f.rule, f.spans[0]) for f in r.findings]
    [('growth-vs-levels', (29, 32))]
    """
    windows = plan_windows(text, window_chars=WINDOW_CHARS, window_numbers=WINDOW_NUMBERS,
                           sentence_chars=SENTENCE_CHARS, sentence_numbers=SENTENCE_NUMBERS)
    if len(windows) == 1:
        report = check_text(text, reference, published)
        if progress is not None:
            progress(len(text))
        return report
    merged = Report(text=text, mentions=[], claims=[], findings=[])
    for start, end in windows:
        part = check_text(text[start:end], reference, published)
        _merge(merged, part, start)
        if progress is not None:
            progress(end - start)
    return merged


def _merge(into: Report, part: Report, offset: int) -> None:
    if offset == 0:
        shifted: dict[int, Mention] = {id(m): m for m in part.mentions}
    else:
        shifted = {id(m): replace(m, start=m.start + offset, end=m.end + offset)
                   for m in part.mentions}

    def moved(m: Mention) -> Mention:
        found = shifted.get(id(m))
        return found if found is not None else replace(m, start=m.start + offset,
                                                       end=m.end + offset)

    def span(pair: tuple[int, int]) -> tuple[int, int]:
        return pair[0] + offset, pair[1] + offset

    into.mentions.extend(moved(m) for m in part.mentions)
    into.claims.extend(_moved_claim(c, moved(c.mention), span) for c in part.claims)
    into.findings.extend(_moved_finding(f, moved, span) for f in part.findings)
    into.checked.update(pos + offset for pos in part.checked)


def _moved_claim(claim: Claim, mention: Mention,
                 span: Callable[[tuple[int, int]], tuple[int, int]]) -> Claim:
    return replace(claim, mention=mention, sentence=span(claim.sentence),
                   paragraph=span(claim.paragraph))


def _moved_finding(finding: Finding, moved: Callable[[Mention], Mention],
                   span: Callable[[tuple[int, int]], tuple[int, int]]) -> Finding:
    return replace(finding, spans=[span(s) for s in finding.spans],
                   mentions=tuple(moved(m) for m in finding.mentions))
