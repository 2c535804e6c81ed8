"""The Markdown report: what a desk pastes into a ticket or wiki, in the reader's language.

Article text is made inert (every character that means something in Markdown is escaped),
and nothing machine-specific is written, so a rerun on the same input gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .report import (
    DocumentView,
    _context,
    _coverage,
    _evidence_items,
    _flat,
    _fmt,
    _lang,
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

# ---------------------------------------------------------------------------------------------
# Markdown
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&$@#!])")
_MD_AUTOLINK = re.compile(r"(?i)(?<=[a-z]):(?=//)|(?<=www)\.")
_MD_BLOCK_START = re.compile(r"^(?:[-+=>]|\d{1,9}(?=[.)]))")


def md_escape(text: str, line_start: bool = True) -> str:
    """Article text as inert inline Markdown, on one line.

    Whitespace runs become one space and control characters U+FFFD. Every character that
    means something inline is backslash-escaped: emphasis and code (``* _ ` ~``), links and
    images (``[ ] !``), HTML and autolinks (``< > &``), tables (``|``), math (``$``) and
    mentions (``@ #``); ``://`` and ``www.`` are broken so that no extended autolink forms;
    and, unless ``line_start`` is false (text after a table bar or a list label), a leading
    ``-``, ``+``, ``=``, ``>`` or ``1.`` cannot start a block.

    >>> md_escape("營收|570億* <b>x</b> [a](http://x)")
    '營收\\\\|570億\\\\* \\\\<b\\\\>x\\\\</b\\\\> \\\\[a\\\\](http\\\\://x)'
    """
    flat = _flat(text).rstrip()  # two trailing spaces would make a line break
    if line_start:
        flat = flat.lstrip()
    escaped = _MD_AUTOLINK.sub(lambda m: "\\" + m.group(), _MD_INLINE.sub(r"\\\1", flat))
    block = _MD_BLOCK_START.match(escaped) if line_start else None
    if block:
        if escaped[0].isdigit():  # 1. or 1) would start an ordered list
            cut = block.end()
            escaped = escaped[:cut] + "\\" + escaped[cut:]
        else:
            escaped = "\\" + escaped
    return escaped


def md_code(text: str, in_table: bool = True) -> str:
    """Text as a Markdown code span (shown literally); ``in_table``: also inside a table
    cell, whose ``|`` splits cells even within a code span unless escaped.

    >>> md_code("62%")
    '`62%`'
    >>> md_code("a`b|c")
    '`` a`b\\\\|c ``'
    """
    flat = _flat(text)
    if not flat.strip():
        return md_escape(flat) or "\N{REPLACEMENT CHARACTER}"
    longest = max((len(run) for run in re.findall("`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat[0] in "` " or flat[-1] in "` " or longest else ""
    body = flat.replace("|", "\\|") if in_table else flat
    return f"{fence}{pad}{body}{pad}{fence}"


def to_markdown(reports: Sequence[DocumentView] | Sequence[tuple[str, Report]],
                title: str = "factcheck report") -> str:
    """A report a desk can paste into a ticket or wiki.

    A title, the summary and coverage, then per document a findings table (severity,
    location, figure, finding, evidence) and each finding with its sentence quoted and the
    figure marked. Nothing machine-specific (paths as given, no dates), so a rerun on the
    same input gives the same bytes.
    """
    views = _views(reports)
    summary = _summary(views)
    lang = _lang(views)
    if lang != "en":
        comma, stop = "、", "。"
        out = [say("md_title", lang), "",
               f"{say('md_coverage', lang)} {_coverage(summary, lang)}{stop}  ",
               f"{say('md_findings', lang)} {say('error', lang, summary['errors'])}{comma}"
               f"{say('warning', lang, summary['warnings'])}{comma}"
               f"{say('info', lang, summary['infos'])}"
               + (say("hidden", lang, summary["hidden"]) if summary["hidden"] else "") + stop,
               ""]
    else:
        out = [f"# {md_escape(title, False)}", "",
               f"**Coverage:** {_coverage(summary)}.  ",
               f"**Findings:** {_plural(summary['errors'], 'error')}, "
               f"{_plural(summary['warnings'], 'warning')}, {_plural(summary['infos'], 'info')}"
               + (f" ({summary['hidden']} below the minimum severity not shown)"
                  if summary["hidden"] else "") + ".", ""]
    if len(views) > 1:
        out += ["| document | figures | checked | errors | warnings | infos |",
                "|---|--:|--:|--:|--:|--:|"]
        for view in views:
            counts = view.report.counts
            out.append(f"| {md_escape(view.name, False)} | {len(view.report.mentions)} | "
                       f"{len(view.report.checked)} | {counts['error']} | "
                       f"{counts['warning']} | {counts['info']} |")
        out.append("")
    for view in views:
        out += _markdown_document(view)
    return "\n".join(out).rstrip("\n") + "\n"


def _markdown_document(view: DocumentView) -> list[str]:
    report = view.report
    text, lang = report.text, view.lang
    zh = lang != "en"
    if zh:
        count = (say("heading", lang, figures=say("figure", lang, len(report.mentions)),
                     checked=len(report.checked)) + say("finding", lang, len(report.findings))
                 + (say("hidden", lang, view.hidden) if view.hidden else "") + "。")
    else:
        count = (f"{_plural(len(report.mentions), 'figure')} found, "
                 f"{len(report.checked)} checked, {_plural(len(report.findings), 'finding')}"
                 + (f" ({view.hidden} below the minimum severity not shown)"
                    if view.hidden else "") + ".")
    out = [f"## {md_escape(view.name, False)}", "", count, ""]
    if not report.findings and not view.hidden:
        out += [md_escape(status_line(report, view.lang)), ""]
    if report.findings:
        heads = ("#", say("col_severity", lang), say("col_where", lang),
                 say("col_figure_only", lang), say("md_finding", lang).lower(),
                 say("col_evidence", lang) if zh else "evidence")
        out += ["| " + " | ".join(heads) + " |", "|--:|---|---|---|---|---|"]
        for i, f in enumerate(report.findings, 1):
            start, end = f.spans[0]
            step = next_step(f, text, lang) if zh else None
            evidence = md_escape(step, False) if step else "" if zh else "; ".join(
                f"{key}: {md_escape(value, False)}" for key, value in _evidence_items(f))
            finding = f"{md_code(f.rule)} {md_escape(message(f, text, lang), False)}"
            out.append(f"| {i} | {say(f'sev_{f.severity}', lang)} | {_location(view, start)} "
                       f"| {md_code(text[start:end])} | {finding} | {evidence} |")
        out.append("")
        for i, f in enumerate(report.findings, 1):
            start, end = f.spans[0]
            before, figure, after, cut_before, cut_after = _context(text, start, end)
            quote = (("… " if cut_before else "") + md_escape(before, not cut_before)
                     + md_code(figure, False) + md_escape(after, False)
                     + (" …" if cut_after else ""))
            line, col = view.line_col(start)
            where = say("md_location", lang, line=line, column=col)
            out += [f"### {i}. {say(f'sev_{f.severity}', lang)}{'：' if zh else ': '}"
                    f"{md_escape(f.rule, False)} "
                    f"{where}",
                    "", f"> {quote}", "",
                    f"- **{say('md_finding', view.lang)}:** "
                    f"{md_escape(message(f, text, view.lang), False)}"]
            step = next_step(f, text, view.lang) if view.lang != "en" else None
            if step:
                out.append(f"- **{say('next', view.lang)}:** {md_escape(step, False)}")
            out += [f"- **{key.capitalize()}:** {md_escape(value, False)}"
                    for key, value in (_evidence_items(f) if not zh else ())]
            others = _other_figures(view, f)
            if others:
                label = say("related", lang) if zh else "Related figures"
                out.append(f"- **{label}:** " + ", ".join(
                    f"{md_code(fig, False)} ({loc})" for fig, loc in others))
            out.append("")
    if report.aligned:
        title = say("aligned_heading", lang, len(report.aligned))
        out += [f"### {title[:1].upper() + title[1:]}", "",
                f"| {say('col_where', lang)} | {say('col_figure_only', lang)} | "
                f"{say('col_relation', lang)} | {say('col_source', lang)} | "
                f"{say('col_source_where', lang)} |", "|---|---|---|---|---|"]
        out += [f"| {_location(view, al['start'])} | {md_code(al['figure'])} | "
                f"{al['relation']} | {md_code(al['source']['figure'])} | "
                f"{md_escape(al['source']['doc'], False)}:{al['source']['line']}:"
                f"{al['source']['column']} |" for al in report.aligned]
        out.append("")
    if view.agreed is not None:
        agreed = say("agreed", lang, len(view.agreed))
        out += [f"### {agreed[:1].upper() + agreed[1:]}", ""]
        if view.agreed:
            out += ["| location | figure | kind | value |", "|---|---|---|---|"]
            out += [f"| {_location(view, m.start)} | {md_code(m.text)} | {m.kind} | "
                    f"{md_escape(_fmt(m.value), False)} {md_escape(m.unit or '', False)} |"
                    for m in view.agreed]
        else:
            out.append(say("none", lang))
        out.append("")
        confirmed = view.report.confirmed
        title = say("confirmed", lang, len(confirmed))
        out += [f"### {title[:1].upper() + title[1:]}", ""]
        if confirmed:
            out += ["| location | relation | arithmetic |", "|---|---|---|"]
            out += [f"| {_location(view, c['spans'][0][0])} | {c['relation']} | "
                    f"{md_escape(c['arithmetic'], False)} |" for c in confirmed]
        else:
            out.append(say("none", lang))
        out.append("")
    return out
