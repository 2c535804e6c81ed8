"""Check an article against the document it copied its figures from (``--source``).

text -> figures (the same extraction and linking as the article) -> alignment (align.py)
-> findings of kind ``reference``: a figure one slip away from its source figure
(``source-mismatch``, error), a rounding that changes a digit the source states
(``source-rounding``, warning), a figure the article attributes to the source that the
source does not state (``source-absent``, info). Every aligned figure also goes into the
report (``Report.aligned``) so the reports can show the source's figure beside it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..checks.findings import Finding, Report
from ..claims import Claim, link
from ..extract import extract
from ..reference import Reference, load_reference
from ..textfold import fold
from .align import Alignment, align
from .dates import date_slips
from .figures import Figure, figures_of
from .tables import TABLE_SUFFIXES, table_source

__all__ = ["Source", "Alignment", "load_sources", "compare", "record", "source_of_text"]


@dataclass(frozen=True)
class Source:
    """One source document, read once, with its figures."""

    name: str
    text: str
    figures: list[Figure]


def source_of_text(name: str, text: str, reference: Reference | None = None,
                   published: dt.date | None = None) -> Source:
    reference = reference if reference is not None else load_reference()
    from ..relations import Document
    from ..relations.frames import build

    read = SPLIT_DECIMAL.sub(lambda m: f"{m[1]}.{m[2]} ", text)  # the same length
    mentions = _spans_in(text, extract(read, published))
    claims: list[Claim] = link(read, mentions, reference)
    doc = Document.of(read, fold(read))
    frames = build(doc, mentions, claims)
    periods, heads = periods_of(frames, doc, [m.start for m in mentions])
    return Source(name, text, figures_of(name, read, claims, periods, heads))


def _spans_in(text: str, mentions: list) -> list:  # noqa: ANN001 - Mention
    """Each figure read from a split cell spans the cell as the source writes it."""
    cells = {m.start(): m.end() for m in SPLIT_DECIMAL.finditer(text)}
    return [replace(m, end=cells[m.start], text=text[m.start:cells[m.start]])
            if cells.get(m.start, m.end) == m.end + 1 else m for m in mentions]


# a PDF's table cell copied as text splits its decimal at the point (26613. 1 for 26613.1): a
# number, a point, one space and the decimals, ending its line, is one number
SPLIT_DECIMAL = re.compile(r"(?m)(?<![\d.,])(\d[\d,]*)\. (\d{1,4})(?=[ \t]*$)")


def periods_of(frames: list, doc, starts: list[int]  # noqa: ANN001 - relation frames
               ) -> tuple[dict[int, tuple], dict[int, str]]:
    """(year, months, stance) of each figure (by its start) the relation engine framed or a
    table's column names, the stance saying whether it is the period's own figure or its
    base (去年同期, a 上年同期 column); and the header of each table cell's column."""
    from ..relations.tables import column_cells

    cells = column_cells(set(starts), doc)
    columns = {x: role for x, (_, role, _) in cells.items() if role}
    out = {}
    for f in frames:
        stance = columns.get(f.start) or {"base": "base", "level": "current",
                                          "to": "current"}.get(f.role)
        when = cells.get(f.start, ("", None, None))[2]  # a dated column says its cells' period
        year, months = when or (f.year, f.span_months)
        out[f.mention.start] = (year, months, stance if stance in ("base", "current") else None)
    for start, (_, role, when) in cells.items():
        if start not in out and (role in ("base", "current") or when):
            out[start] = (*(when or (None, None)), role if role in ("base", "current")
                          else None)  # a bare number the engine does not frame
    return out, {x: head for x, (head, _, _) in cells.items()}


def load_sources(paths: list[str], reference: Reference | None = None,
                 published: dt.date | None = None) -> list[Source]:
    """Every source document under ``paths`` (files, directories, ``-``); CSV and Excel
    files (also those in a directory) are read as tables, HTML and Markdown as their
    visible text."""
    from ..io import read_documents
    from ..markup import document_text

    out: list[Source] = []
    texts = []
    for path in paths:
        if path != "-" and Path(path).suffix.lower() in TABLE_SUFFIXES:
            out.append(table_source(path))
            continue
        if Path(path).is_dir():
            out += [table_source(str(t)) for t in sorted(Path(path).rglob("*"))
                    if t.suffix.lower() in TABLE_SUFFIXES and t.is_file()
                    and not any(p.startswith(".") for p in t.relative_to(path).parts)]
        texts.append(path)
    if texts:
        for doc in read_documents(texts):
            text, _ = document_text(doc.name, doc.text)
            out.append(source_of_text(doc.name, text, reference, published))
    return out


def record(a: Alignment) -> dict[str, object]:
    """One alignment as the reports show it: the article's figure, how it relates to the
    source's, and where that is (file, line, column, offsets into the source's text as
    read — an HTML source's visible text —, the sentence or table line)."""
    m, s = a.article.mention, a.source
    return {"start": m.start, "end": m.end, "figure": m.text, "relation": a.relation,
            "source": {"doc": s.doc, "line": s.line, "column": s.column,
                       "start": s.mention.start, "end": s.mention.end,
                       "figure": s.mention.text, "quote": s.quote}}


def compare(report: Report, sources: list[Source]) -> None:
    """Align the report's figures with the sources' and add the findings to the report."""
    from .verdicts import findings_of

    if not sources:
        return
    from ..checks.engine import frames_of

    doc, frames = frames_of(report, fold(report.text), report.claims)
    starts = [c.mention.start for c in report.claims]
    article = figures_of("", report.text, report.claims, *periods_of(frames, doc, starts))
    pool = [f for s in sources for f in s.figures]
    alignments = align(article, pool)
    alignments += date_slips(article, pool, {a.article.start for a in alignments})
    alignments.sort(key=lambda a: a.article.start)
    report.aligned[:] = [record(a) for a in alignments]
    flagged = {f.spans[0][0] for f in report.findings if f.severity == "error"}
    found: list[Finding] = findings_of(report.text, article, alignments, flagged)
    for a in alignments:
        report.checked.add(a.article.start)
    report.findings.extend(found)
    report.findings.sort(key=lambda f: (f.spans[0][0], f.rule))
