"""Rendering (rich terminal tables); no extraction or checking logic lives here."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

from .io import Document
from .model import Mention, json_number

if TYPE_CHECKING:
    from .check import Report


def _fmt(value: object) -> str:
    value = json_number(value)
    return "" if value is None else str(value)


def render_extract_table(docs: Sequence[Document], mentions: Sequence[Sequence[Mention]],
                         color: bool = True, file_path: str | None = None) -> None:
    """One table per document: the figure as written, kind, value, unit, interval."""
    fh = open(file_path, "w", encoding="utf-8") if file_path else None  # noqa: SIM115
    try:
        console = Console(file=fh, no_color=not color, highlight=False)
        if fh is not None or not console.is_terminal:
            console.width = max(console.width, 140)  # files and pipes: do not wrap figures
        for doc, found in zip(docs, mentions, strict=True):
            table = Table(title=f"{doc.name}: {len(found)} figures", show_lines=False)
            for col in ("pos", "text", "kind", "value", "unit", "qualifier", "interval"):
                table.add_column(col, overflow="fold")
            for m in found:
                interval = f"{_fmt(m.lo) or '-inf'} .. {_fmt(m.hi) or '+inf'}" \
                    if (m.lo is not None or m.hi is not None) else ""
                table.add_row(str(m.start), m.text, m.kind, _fmt(m.value), m.unit or "",
                              m.qualifier, interval)
            console.print(table)
    finally:
        if fh:
            fh.close()


def to_json(reports: Sequence[tuple[str, Report]]) -> dict[str, Any]:
    """The contract's JSON document for ``factcheck check``."""
    documents = []
    totals = {"error": 0, "warning": 0, "info": 0}
    figures = checked = 0
    for name, report in reports:
        for key, value in report.counts.items():
            totals[key] += value
        figures += len(report.mentions)
        checked += len(report.checked)
        documents.append({
            "doc": name,
            "figures": len(report.mentions),
            "figures_checked": len(report.checked),
            "findings": [f.as_json() for f in report.findings],
        })
    return {
        "documents": documents,
        "summary": {"documents": len(reports), "errors": totals["error"],
                    "warnings": totals["warning"], "infos": totals["info"],
                    "figures": figures, "figures_checked": checked},
    }


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def md_escape(text: str) -> str:
    """Article text as inert Markdown: every markup character escaped, newlines flattened,
    so ``|``, backticks, links or HTML in an article cannot break a table or inject markup."""
    flat = " ".join(text.split())
    return _MD_SPECIAL.sub(r"\\\1", flat).replace("&", "&amp;")


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def to_markdown(reports: Sequence[tuple[str, Report]]) -> str:
    """A report a desk can paste into a ticket: summary, findings table, then each finding."""
    data = to_json(reports)
    summary = data["summary"]
    out = ["# factcheck report", "",
           f"{summary['documents']} document(s), {summary['figures']} figures found, "
           f"{summary['figures_checked']} checked: **{summary['errors']} error(s)**, "
           f"{summary['warnings']} warning(s), {summary['infos']} info(s).", ""]
    for name, report in reports:
        out += [f"## {md_escape(name)}", ""]
        if not report.findings:
            out += ["No findings.", ""]
            continue
        out += ["| severity | location | figure | rule | finding |", "|---|---|---|---|---|"]
        for f in report.findings:
            start, end = f.spans[0]
            line, col = _line_col(report.text, start)
            out.append(f"| {f.severity} | {line}:{col} | {md_escape(report.text[start:end])} | "
                       f"{f.rule} | {md_escape(f.message)} |")
        out.append("")
        for i, f in enumerate(report.findings, 1):
            start, end = f.spans[0]
            sent_start = max(report.text.rfind(ch, 0, start) for ch in "。！？\n") + 1
            ends = [p for p in (report.text.find(ch, end) for ch in "。！？\n") if p >= 0]
            sent_end = min(ends) + 1 if ends else len(report.text)
            sentence = (md_escape(report.text[sent_start:start]) + "**"
                        + md_escape(report.text[start:end]) + "**"
                        + md_escape(report.text[end:sent_end]))
            out += [f"### {i}. {f.severity}: {f.rule}", "", f"> {sentence}", "",
                    f"- finding: {md_escape(f.message)}",
                    f"- expected: {md_escape(f.expected)}",
                    f"- found: {md_escape(f.found)}", ""]
    return "\n".join(out)


def render_check_rich(reports: Sequence[tuple[str, Report]], color: bool = True,
                      file_path: str | None = None) -> None:
    """Summary line, then per document a table of findings ordered by position."""
    fh = open(file_path, "w", encoding="utf-8") if file_path else None  # noqa: SIM115
    try:
        console = Console(file=fh, no_color=not color, highlight=False)
        if fh is not None or not console.is_terminal:
            console.width = max(console.width, 140)
        summary = to_json(reports)["summary"]
        console.print(
            f"{summary['documents']} document(s), {summary['figures']} figures found, "
            f"{summary['figures_checked']} checked: [bold red]{summary['errors']} error(s)[/], "
            f"[yellow]{summary['warnings']} warning(s)[/], {summary['infos']} info(s)")
        styles = {"error": "bold red", "warning": "yellow", "info": "cyan"}
        for name, report in reports:
            table = Table(title=f"{name}: {len(report.findings)} finding(s)")
            for col in ("severity", "line:col", "figure", "rule", "evidence"):
                table.add_column(col, overflow="fold")
            for f in report.findings:
                start, end = f.spans[0]
                line, col = _line_col(report.text, start)
                table.add_row(f"[{styles[f.severity]}]{f.severity}[/]", f"{line}:{col}",
                              report.text[start:end], f.rule, f.message)
            console.print(table)
    finally:
        if fh:
            fh.close()
