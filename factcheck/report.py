"""Rendering: selection, the JSON document and what the Markdown and terminal views share
(the terminal view itself is report_rich.py, so that JSON never imports rich).

No extraction or checking happens here. The one piece of selection (which findings a reader
asked to see) is :func:`select`; everything else turns a checked document into text.

Article text is untrusted. The terminal view never passes it through rich's markup parser
and replaces control and bidirectional-override characters (``_flat``); the Markdown report
escapes it (:func:`md_escape`, :func:`md_code`) so that a ``|``, a backtick, a
link or HTML in an article cannot break a table or inject anything.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from .checks.findings import status
from .model import Mention, json_number
from .words import message, next_step, resolve, say

if TYPE_CHECKING:
    from .checks import Finding, Report
    from .markup import Visible

SEVERITY_ORDER = ("error", "warning", "info")  # most severe first
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
FIGURE_STYLE = "bold reverse"
CONTEXT_CHARS = 40  # characters of the sentence shown on each side of a figure
SENTENCE_MARKS = "。！？!?；;\n"
# When the output cannot show styles (a file, a pipe), the figure is bracketed instead.
PLAIN_MARK = ("\N{MATHEMATICAL LEFT WHITE SQUARE BRACKET}",
              "\N{MATHEMATICAL RIGHT WHITE SQUARE BRACKET}")


# ---------------------------------------------------------------------------------------------
# Selection
@dataclass
class DocumentView:
    """One checked document as a reader asked to see it.

    ``report.findings`` holds the shown findings; ``hidden`` counts those of the selected
    rules below ``--min-severity``; ``agreed`` are the figures some rule checked and no
    finding (of any rule) flags, listed with ``--show-ok``.
    """

    name: str
    report: Report
    hidden: int = 0
    agreed: list[Mention] | None = None
    lang: str = "en"  # the report's language: en, zh-Hans or zh-Hant (words.resolve)
    # an HTML or Markdown file: the report is of its visible text; ``source`` maps spans back
    # to the file as read (``original``), where lines, columns and JSON spans point
    source: Visible | None = None
    original: str | None = None
    lines: _LineIndex = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.lines = _LineIndex(self.original if self.source is not None
                                else self.report.text)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A span of the report's text as a span of the file as read."""
        return self.source.span(start, end) if self.source is not None else (start, end)

    def line_col(self, pos: int) -> tuple[int, int]:
        return self.lines.line_col(self.span(pos, pos + 1)[0] if self.source else pos)


def select(name: str, report: Report, rules: Iterable[str] | None = None,
           min_severity: str = "info", show_ok: bool = False,
           lang: str = "en") -> DocumentView:
    """The findings of ``rules`` (all when None) at ``min_severity`` or worse, in text order.

    Errors are never below a minimum severity, so the exit code (any error shown) does not
    depend on ``min_severity``; it does depend on ``rules``.
    """
    if min_severity not in SEVERITY_ORDER:
        raise ValueError(f"min_severity must be one of {', '.join(SEVERITY_ORDER)}")
    wanted = None if rules is None else set(rules)
    floor = SEVERITY_ORDER.index(min_severity)
    selected = [f for f in report.findings if wanted is None or f.rule in wanted]
    shown = [f for f in selected if SEVERITY_ORDER.index(f.severity) <= floor]
    shown.sort(key=lambda f: (f.spans[0][0], f.spans[0][1],
                              SEVERITY_ORDER.index(f.severity), f.rule))
    agreed = None
    if show_ok:
        flagged = {start for f in report.findings for start, _ in f.spans}
        agreed = [m for m in report.mentions
                  if m.start in report.checked and m.start not in flagged]
    return DocumentView(name, replace(report, findings=shown),
                        hidden=len(selected) - len(shown), agreed=agreed,
                        lang=resolve(lang, report.text))


def _views(reports: Sequence[DocumentView] | Sequence[tuple[str, Report]]
           ) -> list[DocumentView]:
    return [r if isinstance(r, DocumentView) else select(r[0], r[1]) for r in reports]


def _summary(views: Sequence[DocumentView]) -> dict[str, Any]:
    counts = dict.fromkeys(SEVERITY_ORDER, 0)
    for view in views:
        for finding in view.report.findings:
            counts[finding.severity] += 1
    figures = sum(len(v.report.mentions) for v in views)
    checked = sum(len(v.report.checked) for v in views)
    out = {"documents": len(views), "errors": counts["error"],
           "warnings": counts["warning"], "infos": counts["info"],
           "figures": figures, "figures_checked": checked,
           "hidden": sum(v.hidden for v in views)}
    aligned = sum(len(v.report.aligned) for v in views)
    if aligned:  # --source: how many figures a source speaks to
        out["figures_aligned"] = aligned
    return out


def _coverage(summary: dict[str, Any], lang: str = "en") -> str:
    share = (f" ({summary['figures_checked'] / summary['figures']:.0%})"
             if summary["figures"] else "")
    if lang != "en" and share:
        share = f"（{share.strip(' ()')}）"
    line = say("coverage", lang, documents=say("document", lang, summary["documents"]),
               figures=say("figure", lang, summary["figures"]),
               checked=summary["figures_checked"], share=share)
    if summary.get("figures_aligned"):
        line += say("coverage_aligned", lang, summary["figures_aligned"])
    return line


def _lang(views: Sequence[DocumentView]) -> str:
    """One language for lines about all documents: theirs when they agree, else English."""
    langs = {v.lang for v in views}
    return langs.pop() if len(langs) == 1 else "en"


def status_line(report: Report, lang: str) -> str:
    code = status(report)
    figures, checked = len(report.mentions), len(report.checked)
    if code == "nothing_checked":
        return say("status_nothing_checked_one" if figures == 1 else "status_nothing_checked",
                   lang, figures=figures)
    if code == "clean":
        rest = figures - checked
        key = "status_clean" if not rest else "status_clean_rest_one" if rest == 1 \
            else "status_clean_rest"
        return say(key, lang, checked=checked, figures=figures, rest=rest,
                   figures_n=say("figure", lang, figures))
    return say(f"status_{code}", lang)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


# ---------------------------------------------------------------------------------------------
# Positions and sentences
class _LineIndex:
    """1-based line and column of a character offset, in O(log lines)."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_col(self, pos: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, pos)
        return line, pos - self.starts[line - 1] + 1


def _location(view: DocumentView, pos: int) -> str:
    line, col = view.line_col(pos)
    return f"{line}:{col}"


def _context(text: str, start: int, end: int, reach: int = CONTEXT_CHARS
             ) -> tuple[str, str, str, bool, bool]:
    """(before, figure, after, cut before, cut after): the figure's sentence, at most
    ``reach`` characters on each side, whitespace runs shown as one space."""
    look = max(0, start - reach - 1)
    sent_start = max([text.rfind(ch, look, start) for ch in SENTENCE_MARKS] + [-1]) + 1
    if sent_start == 0 and look > 0:
        sent_start = look
    cut_before = start - sent_start > reach
    left = max(sent_start, start - reach)
    stop = min(len(text), end + reach + 1)
    ends = [p for p in (text.find(ch, end, stop) for ch in SENTENCE_MARKS) if p >= 0]
    sent_end = min(ends) + 1 if ends else stop
    cut_after = sent_end - end > reach
    right = min(sent_end, end + reach)
    before, after = _flat(text[left:start]), _flat(text[end:right])
    return before.lstrip(), _flat(text[start:end]), after.rstrip(), cut_before, cut_after


_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACE_RUN = re.compile(r"\s+")


def _flat(text: str) -> str:
    """One line of visible text: whitespace runs become one space; control and
    bidirectional-override characters become U+FFFD so they cannot act on a terminal."""
    return _UNSAFE.sub("\N{REPLACEMENT CHARACTER}", _SPACE_RUN.sub(" ", text))


def _evidence_items(finding: Finding) -> list[tuple[str, str]]:
    items = []
    if finding.expected or finding.found:
        items.append(("expected", finding.expected))
        items.append(("found", finding.found))
    for key, value in finding.evidence.items():
        if value is not None and str(value) != "":
            items.append((key.replace("_", " "), str(value)))
    return items


def _other_figures(view: DocumentView, finding: Finding) -> list[tuple[str, str]]:
    text = view.report.text
    return [(_flat(text[a:b]), _location(view, a)) for a, b in finding.spans[1:]]


# ---------------------------------------------------------------------------------------------
# JSON
def to_json(reports: Sequence[DocumentView] | Sequence[tuple[str, Report]]) -> dict[str, Any]:
    """The contract's JSON document for ``factcheck check``, plus coverage and locations.

    Beyond the contract: per document ``figures`` and ``figures_checked``; per finding
    ``figure`` (the first span as written) and ``line``/``column`` (1-based, of its start);
    per document ``status``: findings | clean | nothing_checked | no_figures | empty;
    with ``--source`` per document ``figures_aligned`` and ``aligned`` (each figure's source
    figure, its relation and where it is: doc, line, column, the quoted line);
    with ``--show-ok`` an ``agreed`` list; in the summary ``figures``, ``figures_checked``
    and ``hidden`` (findings below ``--min-severity``).
    """
    views = _views(reports)
    documents = []
    for view in views:
        text = view.report.text
        findings = []
        shown = view.original if view.original is not None else text
        for f in view.report.findings:
            start, end = f.spans[0]
            line, col = view.line_col(start)
            item = {**f.as_json(), "line": line, "column": col}
            item["spans"] = [list(view.span(a, b)) for a, b in f.spans]  # into the file
            a, b = item["spans"][0]
            item["figure"] = shown[a:b]
            if view.lang != "en":  # the editor's words beside the contract's message
                item["localized"] = {"lang": view.lang, "message": message(f, text, view.lang),
                                     "next_step": next_step(f, text, view.lang)}
            findings.append(item)
        doc: dict[str, Any] = {
            "doc": view.name,
            "figures": len(view.report.mentions),
            "figures_checked": len(view.report.checked),
            "status": status(view.report),
            "findings": findings,
        }
        if view.report.aligned:
            doc["figures_aligned"] = len(view.report.aligned)
            doc["aligned"] = []
            for al in view.report.aligned:
                a, b = view.span(al["start"], al["end"])
                doc["aligned"].append({**al, "start": a, "end": b, "figure": shown[a:b]})
        if view.agreed is not None:
            doc["agreed"] = []
            for m in view.agreed:
                a, b = view.span(m.start, m.end)
                doc["agreed"].append({"start": a, "end": b, "text": shown[a:b], "kind": m.kind,
                                      "value": json_number(m.value), "unit": m.unit})
            doc["confirmed"] = [{**c, "spans": [list(view.span(*x)) for x in c["spans"]]}
                                for c in view.report.confirmed]
        documents.append(doc)
    return {"documents": documents, "summary": _summary(views)}


def _fmt(value: object) -> str:
    value = json_number(value)
    return "" if value is None else str(value)



def __getattr__(name: str) -> Any:
    """The Markdown writers live in :mod:`factcheck.report_md`; reachable here as before."""
    if name in ("md_code", "md_escape", "to_markdown"):
        from . import report_md

        return getattr(report_md, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
