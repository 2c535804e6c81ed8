"""Pin down the figures of an article the way tests pin down code.

    >>> from factcheck.testing import load_article, growth
    >>> art = load_article("營收570.06億美元，較上年同期的350.82億美元增長62%。")
    >>> art.figure("570.06億美元") == "57006000000 USD"
    True
    >>> art.figure("62%") == growth(art.figure("570.06億美元"), art.figure("350.82億美元"))
    True

A :class:`Figure` is one occurrence of a figure in the article. It compares with ``==``
against a value string (``"57006000000 USD"``, ``"62 %"``, ``"2025-12-09"``), a number, a
written figure (``"570.06億美元"``), another figure, or a quantity computed from figures
(:func:`growth`, :func:`total`, :func:`ratio`). Comparisons honour the figure's stated
precision: ``62%`` is anything from 61.5 to 62.5, the interval ``factcheck check`` itself
uses (:func:`factcheck.checks.check_interval`), and a relation holds when some values inside
the stated intervals satisfy it.

The ``check_*`` methods make the same comparisons but raise :class:`FactFailure` (an
``AssertionError``) whose text reads like an editor's note: the sentence with the figure
marked 【like this】, what was expected, what was found and the arithmetic. The pytest plugin
(:mod:`factcheck.pytest_plugin`) runs ``*.facts.yaml`` files through these methods.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .checks import Finding, Report, check_text
from .claims import Claim
from .errors import InputError, UsageError
from .facts_derived import Derived, explain_comparison, growth, ratio, total
from .facts_figure import Figure
from .facts_text import (
    KINDS,
    _compact,
    _filter_words,
    _find,
    _line,
    _names,
    _near,
    _near_words,
    _q,
    _times,
    mark,
    validate_filter,
)
from .facts_values import (
    FactFailure,
    FigureAmbiguous,
    FigureNotFound,
    fmt,
    parse_expected,
    parse_relative,
)
from .interval import Interval
from .io import decode
from .model import Mention
from .reference import Reference, load_reference
from .textfold import fold

__all__ = [
    "Article", "Derived", "FactFailure", "Figure", "FigureAmbiguous", "FigureNotFound",
    "Interval", "KINDS", "explain_comparison", "fmt", "growth", "load_article", "mark",
    "parse_expected", "parse_relative", "ratio", "tables_mtime", "total", "validate_filter",
]

# the public classes live in facts_* modules but are the editors' API: name them as such
# (tracebacks read ``factcheck.testing.FigureNotFound``)
for _cls in (Derived, FactFailure, Figure, FigureAmbiguous, FigureNotFound):
    _cls.__module__ = __name__


# ---------------------------------------------------------------------------------------------
# Loading
_REF_CACHE: dict[tuple[Any, ...], Reference] = {}


def _reference(reference: Reference | str | os.PathLike[str] | Iterable[Any] | None) -> Reference:
    if isinstance(reference, Reference):
        return reference
    if reference is None:
        extra: list[Path] = []
    elif isinstance(reference, (str, os.PathLike)):
        extra = [Path(reference)]
    else:
        extra = [Path(p) for p in reference]
    key = tuple((str(p.resolve()), tables_mtime(p)) for p in extra)
    if key not in _REF_CACHE:
        _REF_CACHE[key] = load_reference(extra)
    return _REF_CACHE[key]


def tables_mtime(path: Path) -> float:
    try:
        if path.is_dir():
            return max([path.stat().st_mtime] + [p.stat().st_mtime for p in path.glob("*.csv")])
        return path.stat().st_mtime
    except OSError:
        return -1.0


def _looks_like_path(source: str) -> bool:
    if "\n" in source or len(source) > 512:
        return False
    if source.lower().endswith((".txt", ".md")):
        return True
    try:
        return Path(source).is_file()
    except OSError:
        return False


def load_article(source: str | os.PathLike[str] | bytes,
                 reference: Reference | str | os.PathLike[str] | Iterable[Any] | None = None,
                 *, name: str | None = None, published: dt.date | None = None,
                 sources: str | os.PathLike[str] | Iterable[Any] | None = None) -> Article:
    """An article to assert on: a path (``str`` ending in .txt/.md, an existing file, or any
    ``os.PathLike``), the article's text itself, or its bytes in any supported encoding.

    ``reference`` is a :class:`~factcheck.reference.Reference`, or extra reference tables
    (a CSV file, a directory, or a list of them) loaded on top of the bundled ones, as
    ``factcheck check --reference`` does. ``published`` is the publication date, as
    ``factcheck check --date`` takes it. ``sources`` names the document(s) the article copies
    its figures from (a path or a list of them), as ``factcheck check --source`` does:
    findings then include the source's, and ``Figure.check_matches_source`` asks them.
    """
    path: Path | None = None
    if isinstance(source, bytes):
        text, _ = decode(source, name or "<bytes>")
    elif isinstance(source, os.PathLike) or (isinstance(source, str)
                                            and _looks_like_path(source)):
        path = Path(source)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
        text, _ = decode(data, str(path))
    elif isinstance(source, str):
        text = source
    else:
        raise UsageError(f"load_article needs a path or the article's text, not {source!r}")
    if name is None:
        name = _display_path(path) if path is not None else "<text>"
    loaded = None
    if sources is not None:
        from .sources import load_sources

        paths = [sources] if isinstance(sources, (str, os.PathLike)) else list(sources)
        loaded = load_sources([str(p) for p in paths], _reference(reference), published)
    return Article(text, _reference(reference), name=name, path=path, published=published,
                   sources=loaded)


def _display_path(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return rel if not rel.startswith(".." + os.sep + "..") else str(path)


# ---------------------------------------------------------------------------------------------
# Article and figures
class Article:
    """One document with its extracted figures, claims and ``factcheck check`` findings."""

    def __init__(self, text: str, reference: Reference, *, name: str = "<text>",
                 path: Path | None = None, published: dt.date | None = None,
                 sources: list[Any] | None = None) -> None:
        self.text = text
        self.reference = reference
        self.name = name
        self.path = path
        self.folded = fold(text)
        self.report: Report = check_text(text, reference, published)
        self.sources = sources or []
        if self.sources:
            from .sources import compare

            compare(self.report, self.sources)
        self._claims = {c.mention.start: c for c in self.report.claims}
        self._figures = [Figure(self, m.start, m.end, m) for m in self.report.mentions]

    def __repr__(self) -> str:
        return f"<Article {self.name}: {len(self._figures)} figures, " \
               f"{len(self.report.findings)} findings>"

    # -- figures ------------------------------------------------------------------------------
    @property
    def figures(self) -> list[Figure]:
        """Every figure factcheck reads in the article, in text order."""
        return list(self._figures)

    @property
    def mentions(self) -> list[Mention]:
        return list(self.report.mentions)

    def claim_of(self, mention: Mention) -> Claim | None:
        return self._claims.get(mention.start)

    def occurrences(self, text: str, near: str | None = None) -> list[Figure]:
        """Every place ``text`` is written, exactly if it is (else ignoring spaces, width and
        script), narrowed by ``near`` (words written just before it in its sentence)."""
        spans = _find(self.text, self.folded, text)
        found = [self._figure_at(s, e) for s, e in spans]
        if near is not None:
            found = _near(self, found, near)
        return found

    def count(self, text: str, near: str | None = None) -> int:
        return len(self.occurrences(text, near))

    def figure(self, text: str, near: str | None = None) -> Figure:
        """The one occurrence of ``text``; FigureNotFound / FigureAmbiguous otherwise."""
        if not isinstance(text, str) or not text.strip():
            raise UsageError(f"figure must be the figure as written in the text, not {text!r}")
        found = self.occurrences(text, near)
        if len(found) == 1:
            return found[0]
        if not found:
            raise self._not_found(text, near)
        details = [f"{i}. line {f.line}: {f.marked()}" for i, f in enumerate(found, 1)]
        raise FigureAmbiguous(
            f"{_q(text)} occurs {len(found)} times{_near_words(near)}; "
            "say which one with `near:` (words written just before it)",
            article=self, details=["occurrences:", *details])

    def _not_found(self, text: str, near: str | None) -> FigureNotFound:
        everywhere = self.occurrences(text)
        if near is not None and everywhere:
            details = [f"{i}. line {f.line}: {f.marked()}" for i, f in enumerate(everywhere, 1)]
            return FigureNotFound(
                f"{_q(text)} is in the document, but not with {_q(near)} written before it "
                "in the same sentence",
                article=self, details=["where it does occur:", *details],
                hint="check the `near:` words against the sentence")
        key = _compact(fold(text))
        pool = {_compact(fold(f.written)): f for f in self._figures}
        close = difflib.get_close_matches(key, list(pool), n=3, cutoff=0.6)
        details = [f"{pool[c].written} (line {pool[c].line}): {pool[c].marked()}" for c in close]
        return FigureNotFound(
            f"{_q(text)} is not in the document", article=self,
            details=["figures written like it:", *details] if details else (),
            hint="copy the figure exactly as the article writes it" if details else None)

    def _figure_at(self, start: int, end: int) -> Figure:
        best: Mention | None = None
        best_overlap = 0
        for m in self.report.mentions:
            if m.start >= end:
                break
            overlap = min(end, m.end) - max(start, m.start)
            if overlap > best_overlap:
                best, best_overlap = m, overlap
        return Figure(self, start, end, best)

    # -- findings -----------------------------------------------------------------------------
    def findings(self, kind: str | Iterable[str] | None = None,
                 rule: str | Iterable[str] | None = None,
                 severity: str | Iterable[str] | None = None,
                 figure: Figure | str | None = None) -> list[Finding]:
        """``factcheck check`` findings, optionally only of a kind, rule or severity, or only
        those about ``figure`` (one of its spans overlaps the figure)."""
        kinds, rules, sevs = _names(kind), _names(rule), _names(severity)
        fig = self.figure(figure) if isinstance(figure, str) else figure
        out = []
        for f in self.report.findings:
            if kinds and f.kind not in kinds or rules and f.rule not in rules:
                continue
            if sevs and f.severity not in sevs:
                continue
            if fig is not None and not any(s < fig.end and fig.start < e for s, e in f.spans):
                continue
            out.append(f)
        return out

    def describe_finding(self, f: Finding) -> list[str]:
        start, end = f.spans[0]
        return [f"[{f.severity}] {f.rule} ({f.kind}), line {_line(self.text, start)}: "
                f"{f.message}",
                f"    {mark(self.text, start, end)}"]

    # -- assertions ---------------------------------------------------------------------------
    def check_count(self, text: str, expected: int, near: str | None = None) -> None:
        found = self.occurrences(text, near)
        if len(found) == expected:
            return
        details = [f"{i}. line {f.line}: {f.marked()}" for i, f in enumerate(found, 1)]
        raise FactFailure(
            f"{_q(text)}{_near_words(near)} occurs {_times(len(found))}, not {_times(expected)}",
            article=self, expected=_times(expected), found=_times(len(found)),
            details=["occurrences:", *details] if details else ())

    def check_no_findings(self, kind: str | Iterable[str] | None = None,
                          rule: str | Iterable[str] | None = None,
                          severity: str | Iterable[str] | None = None,
                          figure: Figure | None = None) -> None:
        found = self.findings(kind, rule, severity, figure)
        if not found:
            return
        what = _filter_words(kind, rule, severity)
        about = f" about {figure.written}" if figure is not None else ""
        details = ["findings:"]
        for f in found:
            details += self.describe_finding(f)
        raise FactFailure(
            f"factcheck reports {len(found)} finding{'s' if len(found) != 1 else ''}"
            f"{what}{about}, expected none",
            article=self, figure=figure, expected=f"no finding{what}{about}",
            found=f"{len(found)}", details=details)

    def check_findings(self, kind: str | Iterable[str] | None = None,
                       rule: str | Iterable[str] | None = None,
                       severity: str | Iterable[str] | None = None,
                       figure: Figure | None = None, count: int | None = None) -> list[Finding]:
        """At least one (or exactly ``count``) finding of that kind/rule/severity exists."""
        found = self.findings(kind, rule, severity, figure)
        if (count is None and found) or (count is not None and len(found) == count):
            return found
        what = _filter_words(kind, rule, severity)
        about = f" about {figure.written}" if figure is not None else ""
        wanted = f"{count} finding{'s' if count != 1 else ''}" if count is not None \
            else "a finding"
        details: list[str] = []
        others = self.report.findings
        if others:
            details.append("findings factcheck does report:")
            for f in others:
                details += self.describe_finding(f)
        else:
            details.append("factcheck reports no findings at all for this document")
        raise FactFailure(
            f"expected {wanted}{what}{about}; factcheck reports "
            f"{len(found) if found else 'none'}",
            article=self, figure=figure, expected=f"{wanted}{what}{about}",
            found=str(len(found)), details=details)
