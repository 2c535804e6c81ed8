"""The terminal view (rich) of checked and extracted documents.

Apart from report.py so that the JSON and Markdown paths never import rich (a fifth of the
one-article start-up budget). Article text is untrusted: it never passes through rich's markup
parser (it goes in ``Text`` objects) and control and bidirectional-override characters are
replaced (``_flat``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from .checks.findings import status
from .io import Document
from .model import Mention
from .report import (
    FIGURE_STYLE,
    PLAIN_MARK,
    SEVERITY_STYLE,
    DocumentView,
    _context,
    _coverage,
    _evidence_items,
    _flat,
    _fmt,
    _lang,
    _LineIndex,
    _location,
    _other_figures,
    _plural,
    _summary,
    _views,
    status_line,
)
from .words import message, next_step, say

if TYPE_CHECKING:
    from .checks import Report


def make_console(file: Any = None, color: bool = True, stderr: bool = False) -> Console:
    """A console for reports: no markup or highlighting of our own text; wide when the
    output is a file or a pipe so that figures and sentences are not folded."""
    console = Console(file=file, stderr=stderr, no_color=not color, highlight=False,
                      emoji=False, markup=False)
    if file is not None or not console.is_terminal:
        console.width = max(console.width, 160)
    return console


def render_extract_table(docs: Sequence[Document], mentions: Sequence[Sequence[Mention]],
                         console: Console) -> None:
    """One table per document: location, the figure as written, kind, value, unit,
    qualifier and interval."""
    for doc, found in zip(docs, mentions, strict=True):
        lines = _LineIndex(doc.text)
        table = Table(title=Text(f"{_flat(doc.name)}: {_plural(len(found), 'figure')}"),
                      title_justify="left")
        for col in ("line:col", "text", "kind", "value", "unit", "qualifier", "interval"):
            table.add_column(col, overflow="fold")
        for m in found:
            interval = f"{_fmt(m.lo) or '-inf'} .. {_fmt(m.hi) or '+inf'}" \
                if (m.lo is not None or m.hi is not None) else ""
            line, col = lines.line_col(m.start)
            table.add_row(f"{line}:{col}", Text(_flat(m.text)), m.kind, Text(_fmt(m.value)),
                          Text(m.unit or ""), m.qualifier, interval)
        console.print(table)


def _figure_in_context(text: str, start: int, end: int, plain: bool) -> Text:
    before, figure, after, cut_before, cut_after = _context(text, start, end)
    out = Text()
    if cut_before:
        out.append("…")
    out.append(before)
    if plain:
        out.append(PLAIN_MARK[0] + figure + PLAIN_MARK[1])
    else:
        out.append(figure, style=FIGURE_STYLE)
    out.append(after)
    if cut_after:
        out.append("…")
    return out


def _summary_text(summary: dict[str, Any], lang: str = "en") -> Text:
    comma = ", " if lang == "en" else "、"
    out = Text(_coverage(summary, lang) + (": " if lang == "en" else "："))
    out.append(say("error", lang, summary["errors"]),
               style=SEVERITY_STYLE["error"] if summary["errors"] else "")
    out.append(comma)
    out.append(say("warning", lang, summary["warnings"]),
               style=SEVERITY_STYLE["warning"] if summary["warnings"] else "")
    out.append(comma)
    out.append(say("info", lang, summary["infos"]),
               style=SEVERITY_STYLE["info"] if summary["infos"] else "")
    if summary["hidden"]:
        out.append(" " + say("hidden", lang, summary["hidden"]), style="dim")
    return out


def render_check_rich(reports: Sequence[DocumentView] | Sequence[tuple[str, Report]],
                      console: Console) -> None:
    """The summary and coverage line, then per document its findings ordered by position:
    severity, line:column, the figure highlighted in its sentence, the rule and the
    evidence; with ``--show-ok`` also the checked figures that agreed."""
    views = _views(reports)
    plain = console.color_system is None
    console.print(_summary_text(_summary(views), _lang(views)))
    for view in views:
        console.print()
        report, lang = view.report, view.lang
        counts = report.counts
        comma = ", " if lang == "en" else "、"
        heading = Text(_flat(view.name), style="bold")
        heading.append("  " + say("heading", lang, figures=say("figure", lang,
                                                                len(report.mentions)),
                                  checked=len(report.checked)), style="")
        if report.aligned:
            heading.append(say("aligned_count", lang, len(report.aligned)), style="")
        heading.append(say("error", lang, counts["error"]),
                       style=SEVERITY_STYLE["error"] if counts["error"] else "")
        heading.append(comma + say("warning", lang, counts["warning"]) + comma
                       + say("info", lang, counts["info"]), style="")
        console.print(heading)
        if report.findings:
            console.print(_findings_table(view, plain))
        elif not view.hidden:
            code = status(report)
            console.print(Text(status_line(report, lang),
                               style="green" if code == "clean" else "yellow"))
        if report.aligned:
            console.print(_aligned_table(view, plain))
        if view.agreed:
            console.print(_agreed_table(view, plain))
        elif view.agreed is not None:
            console.print(Text(say("none_agreed", lang), style="dim"))


def _findings_table(view: DocumentView, plain: bool) -> Table:
    text, lang = view.report.text, view.lang
    table = Table(show_lines=True, expand=False)
    table.add_column(say("col_severity", lang), no_wrap=True)
    table.add_column(say("col_where", lang), no_wrap=True, justify="right")
    table.add_column(say("col_figure", lang), ratio=3, overflow="fold")
    table.add_column(say("col_rule", lang), no_wrap=True)
    table.add_column(say("col_evidence", lang), ratio=4, overflow="fold")
    for f in view.report.findings:
        start, end = f.spans[0]
        evidence = Text(_flat(message(f, text, lang)))
        step = next_step(f, text, lang) if lang != "en" else None
        if step:
            evidence.append(f"\n{say('next', lang)}：", style="dim")
            evidence.append(_flat(step), style="bold")
        for key, value in _evidence_items(f) if lang == "en" else ():
            evidence.append(f"\n{key}: ", style="dim")
            evidence.append(_flat(value))
        others = _other_figures(view, f)
        if others:
            evidence.append(f"\n{say('related', lang)}{': ' if lang == 'en' else '：'}",
                            style="dim")
            evidence.append(", ".join(f"{fig} ({loc})" for fig, loc in others))
        table.add_row(Text(say(f"sev_{f.severity}", lang), style=SEVERITY_STYLE[f.severity]),
                      _location(view, start), _figure_in_context(text, start, end, plain),
                      Text(f.rule), evidence)
    return table


def _aligned_table(view: DocumentView, plain: bool) -> Group:
    """Each figure aligned with the source: the source's figure, how they relate, where."""
    text, lang = view.report.text, view.lang
    table = Table(show_lines=False, expand=False)
    table.add_column(say("col_where", lang), no_wrap=True, justify="right")
    table.add_column(say("col_figure_only", lang), overflow="fold")
    table.add_column(say("col_relation", lang), no_wrap=True)
    table.add_column(say("col_source", lang), overflow="fold")
    table.add_column(say("col_source_where", lang), overflow="fold")
    for al in view.report.aligned:
        src = al["source"]
        table.add_row(_location(view, al["start"]), Text(_flat(text[al["start"]:al["end"]])),
                      al["relation"], Text(_flat(src["figure"])),
                      f"{src['doc']}:{src['line']}:{src['column']}")
    return Group(Text(say("aligned_heading", lang, len(view.report.aligned)), style="green"),
                 table)


def _agreed_table(view: DocumentView, plain: bool) -> Group:
    text = view.report.text
    table = Table(show_lines=False, expand=False)
    table.add_column("line:col", no_wrap=True, justify="right")
    table.add_column("figure in its sentence", overflow="fold")
    table.add_column("kind", no_wrap=True)
    table.add_column("value", overflow="fold")
    for m in view.agreed or ():
        table.add_row(_location(view, m.start), _figure_in_context(text, m.start, m.end, plain),
                      m.kind, Text(f"{_fmt(m.value)} {m.unit or ''}".strip()))
    confirmed = Table(show_lines=False, expand=False)
    confirmed.add_column("line:col", no_wrap=True, justify="right")
    confirmed.add_column("relation", no_wrap=True)
    confirmed.add_column("arithmetic", overflow="fold")
    for c in view.report.confirmed:
        confirmed.add_row(_location(view, c["spans"][0][0]), c["relation"],
                          Text(c["arithmetic"]))
    return Group(Text(f"checked and agreed ({len(view.agreed or ())})", style="green"), table,
                 Text(f"relations confirmed ({len(view.report.confirmed)})", style="green"),
                 confirmed)
