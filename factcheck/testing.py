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
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .checks import RULES, SEVERITIES, Finding, Report, check_interval, check_text
from .claims import Claim, builtin_metric_aliases
from .errors import InputError, UsageError
from .extract import extract
from .interval import Interval
from .io import decode
from .model import Mention
from .reference import PERIOD_RE, Reference, RefRow, load_reference
from .textfold import fold

__all__ = [
    "Article", "Derived", "FactFailure", "Figure", "FigureAmbiguous", "FigureNotFound",
    "Interval", "explain_comparison", "growth", "load_article", "parse_expected", "ratio",
    "total",
]

KINDS = ("garbled", "arithmetic", "reference", "date", "unit", "internal")
SENTENCE_END = re.compile(r"[。！？!?；;\n]")
CONTEXT = 50  # characters of context shown on each side of a marked figure
MARK_OPEN, MARK_CLOSE = "【", "】"
LEAD_JUNK = " \t\u3000」』”’）)，,、：:"


# ---------------------------------------------------------------------------------------------
# Failures
class FactFailure(AssertionError):
    """A figure assertion that does not hold, with what an editor needs to see why.

    ``str(failure)`` is the whole report: a summary line, then ``document``, ``sentence``,
    ``expected``, ``found`` and ``arithmetic`` lines where they apply.
    """

    def __init__(self, summary: str, *, figure: Figure | None = None,
                 article: Article | None = None, expected: str | None = None,
                 found: str | None = None, arithmetic: Sequence[str] = (),
                 details: Sequence[str] = (), hint: str | None = None) -> None:
        self.summary = summary
        self.figure = figure
        self.article = article if article is not None else (figure.article if figure else None)
        self.expected = expected
        self.found = found
        self.arithmetic = list(arithmetic)
        self.details = list(details)
        self.hint = hint
        super().__init__(self.render())

    def lines(self) -> list[str]:
        out = [self.summary]
        if self.article is not None:
            where = self.article.name
            if self.figure is not None:
                where += f", line {self.figure.line}"
            out.append(f"  document:   {where}")
        if self.figure is not None:
            out.append(f"  sentence:   {self.figure.marked()}")
        if self.expected is not None:
            out.append(f"  expected:   {self.expected}")
        if self.found is not None:
            out.append(f"  found:      {self.found}")
        if self.arithmetic:
            out.append("  arithmetic:")
            out += [f"    {line}" for line in self.arithmetic]
        out += [f"  {line}" if line else "" for line in self.details]
        if self.hint:
            out.append(f"  hint:       {self.hint}")
        return out

    def render(self) -> str:
        return "\n".join(self.lines())

    def __str__(self) -> str:
        return self.render()


class FigureNotFound(FactFailure, LookupError):
    """The figure is not in the document (or not where ``near`` says)."""


class FigureAmbiguous(FactFailure, LookupError):
    """The figure occurs several times and nothing says which one is meant."""


def fmt(d: Decimal | int | float | None) -> str:
    """A number for people: thousands separators, no float noise, at most 4 decimals."""
    if d is None:
        return "open"
    d = _decimal(d)
    places = 2 if abs(d) >= 1000 else 4
    q = d.quantize(Decimal(1).scaleb(-places)) if abs(d) < Decimal(10) ** 20 else d
    text = f"{q:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _decimal(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("a yes/no value is not a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))  # 0.1 -> Decimal('0.1'), not the binary expansion
    if isinstance(value, str):
        return Decimal(value.replace(",", "").strip())
    raise TypeError(f"not a number: {value!r}")


# ---------------------------------------------------------------------------------------------
# Expected values and units
UNIT_ALIASES = {
    "%": "%", "％": "%", "percent": "%", "pct": "%",
    "x": "x", "×": "x", "倍": "x", "times": "x",
    "pp": "pp", "百分点": "pp", "个百分点": "pp", "percentage point": "pp",
    "percentage points": "pp",
}
_EXPECTED = re.compile(
    r"^\s*(?P<num>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*(?P<unit>.*?)\s*$")
_ISO_DAY = re.compile(r"^(?:\d{4}-|--)\d{2}-\d{2}$|^\d{4}-\d{2}$|^\d{4}-Q[1-4]$")
_HAN = re.compile(r"[\u3400-\u9fff]")


def norm_unit(unit: str | None) -> str | None:
    """The comparable form of a unit: ISO codes upper-case, %/x/pp canonical, words folded."""
    if unit is None:
        return None
    u = fold(unit).strip()
    if u.lower() in UNIT_ALIASES:
        return UNIT_ALIASES[u.lower()]
    if u in UNIT_ALIASES:
        return UNIT_ALIASES[u]
    if re.fullmatch(r"[A-Za-z]{3}", u):
        return u.upper()
    return u


@dataclass(frozen=True, slots=True)
class Expected:
    """A value an editor expects: a number (with a unit or not) or a date/period string."""

    value: Decimal | str
    unit: str | None
    text: str

    def describe(self) -> str:
        if isinstance(self.value, str):
            return self.value
        return f"{fmt(self.value)}{' ' + self.unit if self.unit else ''}"


def parse_expected(value: Any) -> Expected:
    """``"57006000000 USD"``, ``"62 %"``, ``57006000000``, ``"2025-12-09"`` or a written
    figure such as ``"570.06億美元"`` -> :class:`Expected`; ValueError if it is none of these."""
    if isinstance(value, bool) or value is None:
        raise ValueError(f"{value!r} is not a value to compare a figure with")
    if isinstance(value, (int, float, Decimal)):
        return Expected(_decimal(value), None, str(value))
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a value to compare a figure with")
    text = value.strip()
    if _ISO_DAY.match(text):
        return Expected(text, None, text)
    if _HAN.search(text):
        found = [m for m in extract(text) if m.kind not in ("date", "year", "period")]
        if len(found) == 1 and found[0].value is not None and not isinstance(found[0].value, str):
            m = found[0]
            return Expected(Decimal(m.value), norm_unit(m.unit), text)
    m = _EXPECTED.match(fold(text))
    if m is None:
        raise ValueError(
            f"{value!r} is not a value: write a number and a unit, e.g. \"57006000000 USD\", "
            "\"62 %\", \"2.5 x\", or the figure as an article would write it")
    try:
        number = _decimal(m.group("num"))
    except InvalidOperation as exc:
        raise ValueError(f"{value!r}: {m.group('num')!r} is not a number") from exc
    return Expected(number, norm_unit(m.group("unit")) or None, text)


def parse_relative(approx: Any) -> Decimal | None:
    """``0.01`` or ``"1%"`` -> Decimal('0.01'); None stays None."""
    if approx is None:
        return None
    try:
        if isinstance(approx, str) and approx.strip().endswith(("%", "％")):
            rel = _decimal(approx.strip()[:-1]) / 100
        else:
            rel = _decimal(approx)
    except (InvalidOperation, TypeError) as exc:
        raise ValueError(f"approx {approx!r} is not a relative tolerance such as 0.01 or "
                         "\"1%\"") from exc
    if rel < 0:
        raise ValueError(f"approx {approx!r} is negative")
    return rel


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


class Figure:
    """One occurrence of a figure in an article, with what factcheck reads in it."""

    def __init__(self, article: Article, start: int, end: int, mention: Mention | None):
        self.article = article
        self.start = start
        self.end = end
        self.mention = mention

    # -- what it is ---------------------------------------------------------------------------
    @property
    def text(self) -> str:
        """The occurrence as matched in the article."""
        return self.article.text[self.start:self.end]

    @property
    def written(self) -> str:
        """The whole figure as factcheck reads it (with qualifier words), else the text."""
        return self.mention.text if self.mention is not None else self.text

    @property
    def kind(self) -> str | None:
        return self.mention.kind if self.mention else None

    @property
    def value(self) -> Decimal | int | str | None:
        return self.mention.value if self.mention else None

    @property
    def unit(self) -> str | None:
        return self.mention.unit if self.mention else None

    @property
    def qualifier(self) -> str | None:
        return self.mention.qualifier if self.mention else None

    @property
    def claim(self) -> Claim | None:
        return self.article.claim_of(self.mention) if self.mention else None

    @property
    def entity(self) -> str | None:
        return self.claim.entity if self.claim else None

    @property
    def metric(self) -> str | None:
        return self.claim.metric if self.claim else None

    @property
    def period(self) -> str | None:
        return self.claim.period if self.claim else None

    @property
    def interval(self) -> Interval:
        """What the words allow at their stated precision (``62%`` -> 61.5..62.5)."""
        if self.mention is None:
            return Interval(None, None)
        return Interval(*check_interval(self.mention))

    @property
    def signed_interval(self) -> Interval:
        """The interval, negated for a stated fall (下降5%, 收跌6.99% -> around -5, -6.99)."""
        iv = self.interval
        c = self.claim
        if c is not None and c.direction == "down" and c.role in ("growth", "move"):
            return -iv
        return iv

    @property
    def falls(self) -> bool:
        return self.signed_interval != self.interval

    @property
    def line(self) -> int:
        return _line(self.article.text, self.start)

    @property
    def findings(self) -> list[Finding]:
        return self.article.findings(figure=self)

    def marked(self) -> str:
        """The sentence around the figure, the figure marked 【like this】."""
        return mark(self.article.text, self.start, self.end)

    def describe(self) -> str:
        """``570.06 億美元 = 57,006,000,000 USD (stated precision: 57,005,500,000 ..)``."""
        if self.mention is None:
            return f"{self.text} (factcheck does not read a figure here)"
        m = self.mention
        if isinstance(m.value, str) or m.kind in ("date", "period"):
            return f"{m.text} = {m.value} ({m.kind})"
        unit = f" {m.unit}" if m.unit else ""
        value = fmt(m.value) + unit if m.value is not None else "a range"
        iv = self.interval
        sign = " (a fall: counted as negative)" if self.falls else ""
        if iv.lo is not None and iv.hi is not None and iv.lo == iv.hi:
            return f"{m.text} = {value}{sign}"
        return f"{m.text} = {value}, which allows {iv.describe(m.unit)}{sign}"

    def __repr__(self) -> str:
        if self.mention is None:
            return f"<Figure {self.text!r} (not read as a figure), line {self.line}>"
        unit = f" {self.unit}" if self.unit else ""
        return f"<Figure {self.written!r} = {self.value}{unit}, line {self.line}>"

    def __hash__(self) -> int:
        return hash((id(self.article), self.start, self.end))

    # -- comparisons --------------------------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        if isinstance(other, Figure) and other.article is self.article \
                and (other.start, other.end) == (self.start, self.end):
            return True
        try:
            self.check_equals(other)  # type: ignore[arg-type]
        except FactFailure:
            return False
        except (ValueError, TypeError):
            return NotImplemented
        return True

    def __ne__(self, other: object) -> bool:
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    # -- assertions ---------------------------------------------------------------------------
    def _need_mention(self) -> Mention:
        if self.mention is None:
            raise FactFailure(
                f"{_q(self.text)} is in the text, but factcheck does not read it as a figure",
                figure=self, hint="write the whole figure with its unit, as the article does")
        return self.mention

    def check_equals(self, expected: Any, approx: Any = None) -> None:
        """The figure is ``expected`` (a value string, number, written figure, another figure
        or a :class:`Derived`) within its stated precision (widened by ``approx``)."""
        if isinstance(expected, Derived):
            self.check_derived(expected, approx)
            return
        m = self._need_mention()
        rel = parse_relative(approx)
        if isinstance(expected, Figure):
            other = expected._need_mention()
            if norm_unit(other.unit) != norm_unit(m.unit):
                raise FactFailure(
                    f"{m.text} and {other.text} are in different units", figure=self,
                    expected=expected.describe(), found=self.describe())
            if self.interval.widened(rel).overlaps(expected.interval):
                return
            raise FactFailure(
                f"{m.text} does not equal {other.text}", figure=self,
                expected=expected.describe(), found=self.describe(),
                details=[f"other:      {expected.marked()}"])
        exp = parse_expected(expected)
        if isinstance(exp.value, str):
            if isinstance(m.value, str) and m.value == exp.value:
                return
            raise FactFailure(f"{m.text} is not {exp.value}", figure=self,
                              expected=exp.value, found=self.describe())
        if exp.unit is not None and norm_unit(m.unit) != exp.unit:
            raise FactFailure(
                f"{m.text} is in {m.unit or 'no unit'}, not {exp.unit}", figure=self,
                expected=exp.describe(), found=self.describe())
        if isinstance(m.value, str):
            raise FactFailure(f"{m.text} is a {m.kind} ({m.value}), not a number", figure=self,
                              expected=exp.describe(), found=self.describe())
        iv = self.interval.widened(rel)
        if iv.contains(exp.value):
            return
        hint = self._lenient_hint(lambda i: i.widened(rel).contains(exp.value))
        tolerance = f" widened by approx {fmt(rel * 100)}%" if rel else ""
        raise FactFailure(
            f"{m.text} does not equal {exp.describe()}", figure=self,
            expected=exp.describe(),
            found=self.describe() + (f"; with approx: {iv.describe(m.unit)}" if rel else ""),
            details=[f"{exp.describe()} is outside {iv.describe(m.unit)}, the values "
                     f"{m.text} allows{tolerance}"],
            hint=hint or ("if the article rounds on purpose, add `approx:` (e.g. 0.01 for 1%)"
                          if not rel else None))

    def _lenient_hint(self, holds: Any) -> str | None:
        if self.mention is None:
            return None
        lenient = Interval(*check_interval(self.mention, lenient=True))
        if lenient != self.interval and holds(lenient):
            if self.mention.qualifier == "exact":
                why = f"if the trailing zeros of {self.mention.text} were a rounding"
            else:
                why = f"with the widest margin {self.mention.text} can be read to allow"
            return (f"it would hold {why} ({lenient.describe(self.unit)}); add `approx:` if "
                    "the article means that")
        return None

    def check_derived(self, derived: Derived, approx: Any = None) -> None:
        """The figure is the growth / total / ratio ``derived`` computes, within precision."""
        m = self._need_mention()
        rel = parse_relative(approx)
        target = derived.for_unit(m.unit)
        if target is None:
            raise FactFailure(
                f"{m.text} ({m.unit or 'no unit'}) cannot be {derived.what} "
                f"({derived.unit or 'no unit'})", figure=self,
                expected=f"a figure in {derived.unit}", found=self.describe(),
                arithmetic=derived.steps)
        mine = self.signed_interval if derived.signed else self.interval
        if mine.widened(rel).overlaps(target):
            return

        def holds(iv: Interval) -> bool:
            lenient = -iv if derived.signed and self.falls else iv
            return lenient.widened(rel).overlaps(target)

        hint = self._lenient_hint(holds)
        shown = (f"{mine.widened(rel).describe(m.unit)}" if rel
                 else mine.describe(m.unit))
        raise FactFailure(
            f"{m.text} is not {derived.what}", figure=self,
            expected=f"{target.describe(m.unit)} ({derived.what})",
            found=self.describe() + (f"; with approx: {shown}" if rel else ""),
            arithmetic=derived.steps,
            details=[f"no value {m.text} allows ({shown}) is in {target.describe(m.unit)}"],
            hint=hint)

    def check_growth_of(self, new: Figure, old: Figure, approx: Any = None) -> None:
        self.check_derived(growth(new, old), approx)

    def check_sum_of(self, *parts: Figure, approx: Any = None) -> None:
        self.check_derived(total(*parts), approx)

    def check_ratio_of(self, a: Figure, b: Figure, approx: Any = None) -> None:
        self.check_derived(ratio(a, b), approx)

    def check_is(self, kind: str | None = None, unit: str | None = None,
                 qualifier: str | None = None) -> None:
        """What factcheck reads: the kind (money, percent ...), unit, qualifier (exact ...)."""
        m = self._need_mention()
        wrong = []
        if kind is not None and m.kind != kind:
            wrong.append(("kind", kind, m.kind))
        if unit is not None and norm_unit(m.unit) != norm_unit(unit):
            wrong.append(("unit", unit, m.unit))
        if qualifier is not None and m.qualifier != qualifier:
            wrong.append(("qualifier", qualifier, m.qualifier))
        if not wrong:
            return
        raise FactFailure(
            f"{m.text}: " + ", ".join(f"{k} is {f}, not {e}" for k, e, f in wrong),
            figure=self, expected=", ".join(f"{k}={e}" for k, e, _ in wrong),
            found=", ".join(f"{k}={f}" for k, _, f in wrong))

    def check_matches_source(self) -> dict[str, Any]:
        """The figure states what the source document states: it is aligned with a source
        figure it copies, rounds or converts (not one a slip away). Returns the alignment."""
        m = self._need_mention()
        if not self.article.sources:
            raise UsageError("matches_source needs a source: `source:` in the file, or "
                             "load_article(..., sources=PATH)")
        found = next((a for a in self.article.report.aligned if a["start"] == m.start), None)
        if found is not None and found["relation"] in ("copied", "rounded", "converted"):
            return found
        names = ", ".join(s.name for s in self.article.sources)
        if found is None:
            raise FactFailure(
                f"{m.text} is not found in the source", figure=self,
                expected=f"a figure of {names} with this value and these words", found="none",
                hint="the source may state it in other words, or not at all")
        src = found["source"]
        raise FactFailure(
            f"{m.text} does not match the source's {src['figure']}", figure=self,
            expected=f"{src['figure']} ({src['doc']}:{src['line']}:{src['column']})",
            found=m.text, details=[f"source:     {src['quote']}"])

    def check_reference(self, entity: str | None = None, metric: str | None = None,
                        period: str | None = None, approx: Any = None) -> RefRow:
        """The figure agrees with the reference row for entity/metric/period (each defaults to
        what factcheck links the figure to), within the row's tolerance and the figure's
        stated precision. Returns the row that matches."""
        m = self._need_mention()
        rel = parse_relative(approx)
        ref = self.article.reference
        ent, met, per, rows = resolve_reference(ref, self, entity, metric, period)
        key = f"{ent} / {met} / {per}"
        if not rows:
            known = sorted({r.period for r in ref.rows if r.entity == ent and r.metric == met})
            details = [f"{ent} / {met} has rows for: {', '.join(known)}"] if known else []
            raise FactFailure(
                f"no reference row for {key}", figure=self,
                expected=f"a row {key} in the reference tables", found="none",
                details=details,
                hint="add the row to a table named by `reference:`, or fix entity/metric/period")
        mine = self.signed_interval.widened(rel)
        tried = []
        for row in rows:
            if norm_unit(row.unit) != norm_unit(m.unit) and not (
                    m.kind == "count" and norm_unit(row.unit) in ("count", None)):
                tried.append(f"{row.row_id}: {fmt(row.value)} {row.unit} (a different unit)")
                continue
            tol = row.tolerance or Decimal(0)
            iv = Interval(row.value - abs(row.value) * tol, row.value + abs(row.value) * tol)
            if mine.overlaps(iv):
                return row
            tried.append(f"{row.row_id}: {fmt(row.value)} {row.unit}"
                         f"{f', tolerance {fmt(tol * 100)}%' if tol else ''} "
                         f"-> {iv.describe(row.unit)}")
        row = rows[0]
        raise FactFailure(
            f"{m.text} does not match the reference {key}", figure=self,
            expected=f"{fmt(row.value)} {row.unit} ({row.row_id})",
            found=self.describe(),
            details=["rows checked:", *[f"  {t}" for t in tried],
                     f"source:     {row.source}"],
            hint=self._lenient_hint(lambda i: any(
                (-i if self.falls else i).overlaps(Interval(
                    r.value - abs(r.value) * (r.tolerance or 0),
                    r.value + abs(r.value) * (r.tolerance or 0))) for r in rows)))


def resolve_reference(ref: Reference, fig: Figure | None, entity: str | None,
                      metric: str | None, period: str | None
                      ) -> tuple[str, str, str, list[RefRow]]:
    """Canonical entity, metric and period (aliases allowed; missing ones from the figure's
    claim) and the rows under that key. FactFailure when one cannot be told."""
    claim = fig.claim if fig is not None else None
    ent = _canonical(ref.entity_aliases, entity) if entity else (claim.entity if claim else None)
    aliases = {**builtin_metric_aliases(), **ref.metric_aliases}
    met = _canonical(aliases, metric) if metric else (claim.metric if claim else None)
    per: str | None
    if period:
        per = str(period).strip()
        if not PERIOD_RE.match(per) and ent:
            per = ref.period_aliases.get((ent, fold(per).replace(" ", "")), per)
    else:
        per = claim.period if claim else None
    missing = [n for n, v in (("entity", ent), ("metric", met), ("period", per)) if not v]
    if missing:
        raise FactFailure(
            f"factcheck cannot tell the {' and '.join(missing)} of "
            f"{fig.written if fig else 'this figure'}", figure=fig,
            expected="entity, metric and period of a reference row",
            found=f"entity={ent}, metric={met}, period={per}",
            hint=f"name the {' and '.join(missing)} under `reference:`")
    assert ent and met and per
    return ent, met, per, ref.lookup(ent, met, per)


def _canonical(aliases: dict[str, str], name: str) -> str:
    name = str(name).strip()
    if name in aliases.values():
        return name
    return aliases.get(fold(name), aliases.get(fold(name).lower(), name))


# ---------------------------------------------------------------------------------------------
# Quantities computed from figures
@dataclass(frozen=True)
class Derived:
    """A quantity computed from figures with interval arithmetic, and how it was computed."""

    interval: Interval
    unit: str | None
    what: str  # "the growth from 350.82 億美元 to 570.06 億美元"
    steps: tuple[str, ...]
    signed: bool = False  # compare with the figure's signed interval (a fall is negative)
    operands: tuple[Figure, ...] = ()

    def for_unit(self, unit: str | None) -> Interval | None:
        """The interval in the figure's unit (a factor x as a percent and back), or None."""
        mine, target = norm_unit(self.unit), norm_unit(unit)
        if mine == target or mine is None and target in (None, "x"):
            return self.interval
        if mine == "x" and target == "%":
            return self.interval.scaled(100)
        if mine == "%" and target == "x":
            return self.interval.scaled(Decimal("0.01"))
        if mine == "x" and target is None:
            return self.interval
        return None

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Figure):
            return other == self
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<{self.what} = {self.interval.describe(self.unit)}>"


def _operand(x: Figure) -> Figure:
    if not isinstance(x, Figure):
        raise TypeError(f"expected a figure from article.figure(...), got {x!r}")
    x._need_mention()
    if isinstance(x.value, str) or x.interval == Interval(None, None) and x.value is None:
        raise FactFailure(f"{x.written} is not a number to compute with", figure=x)
    return x


def _operand_line(label: str, f: Figure) -> str:
    return f"{label}{f.written} = {f.interval.describe(f.unit)} (line {f.line})"


def _same_units(figs: Sequence[Figure], what: str) -> str | None:
    units = {norm_unit(f.unit) for f in figs}
    if len(units) > 1:
        listing = ", ".join(f"{f.written} ({f.unit or 'no unit'})" for f in figs)
        raise FactFailure(f"cannot compute {what}: the figures are in different units: "
                          f"{listing}", figure=figs[0])
    return units.pop()


def growth(new: Figure, old: Figure) -> Derived:
    """(new / old - 1) × 100, in percent, over the stated intervals of both levels."""
    new, old = _operand(new), _operand(old)
    what = f"the growth from {old.written} to {new.written}"
    _same_units([new, old], what)
    ratio_iv = new.interval / old.interval
    iv = ratio_iv.shifted(-1).scaled(100)
    steps = (
        f"({new.written} / {old.written} - 1) × 100",
        _operand_line("new: ", new),
        _operand_line("old: ", old),
        f"new / old = {ratio_iv.describe()}",
        f"growth    = {iv.describe('%')}",
    )
    return Derived(iv, "%", what, steps, signed=True, operands=(new, old))


def total(*parts: Figure) -> Derived:
    """The sum of the parts over their stated intervals."""
    if len(parts) < 2:
        raise UsageError("a sum needs at least two parts")
    figs = [_operand(p) for p in parts]
    what = "the sum " + " + ".join(f.written for f in figs)
    unit = _same_units(figs, what)
    iv = figs[0].interval
    for f in figs[1:]:
        iv = iv + f.interval
    steps = (" + ".join(f.written for f in figs),
             *[_operand_line(f"part {i}: ", f) for i, f in enumerate(figs, 1)],
             f"sum    = {iv.describe(unit)}")
    return Derived(iv, unit, what, steps, operands=tuple(figs))


def ratio(a: Figure, b: Figure) -> Derived:
    """a / b as a factor (compared with a 倍 figure as is, with a percent figure × 100)."""
    a, b = _operand(a), _operand(b)
    what = f"the ratio {a.written} / {b.written}"
    _same_units([a, b], what)
    iv = a.interval / b.interval
    steps = (f"{a.written} / {b.written}", _operand_line("a: ", a), _operand_line("b: ", b),
             f"a / b = {iv.describe('x')} (= {iv.scaled(100).describe('%')})")
    return Derived(iv, "x", what, steps, operands=(a, b))


# ---------------------------------------------------------------------------------------------
# pytest's assertion explanation
def explain_comparison(op: str, left: Any, right: Any) -> list[str] | None:
    """Lines explaining ``figure == expected`` (either side), for pytest_assertrepr_compare."""
    if op not in ("==", "!="):
        return None
    if isinstance(left, Figure):
        fig, other = left, right
    elif isinstance(right, Figure):
        fig, other = right, left
    else:
        return None
    head = f"{_short(left)} {op} {_short(right)}"
    if op == "!=":
        return [head, f"  both are {fig.describe()}", f"  sentence:   {fig.marked()}"]
    try:
        fig.check_equals(other)
    except FactFailure as failure:
        # the summary and the sentence first: pytest shows only a few lines without -vv
        lines = failure.lines()
        body = [line for line in lines[1:] if not line.startswith("  document:")]
        where = [line for line in lines[1:] if line.startswith("  document:")]
        return [head, f"  {failure.summary}", *body, *where]
    except (ValueError, TypeError) as exc:
        return [head, f"  cannot compare a figure with {other!r}: {exc}"]
    return None


def _short(x: Any) -> str:
    if isinstance(x, Figure):
        return repr(x.written)
    if isinstance(x, Derived):
        return x.what
    return repr(x)


# ---------------------------------------------------------------------------------------------
# Text helpers
_NUMBER_CHAR = re.compile(r"[0-9.]")


def _compact(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _find(text: str, folded: str, figure: str) -> list[tuple[int, int]]:
    """Spans of ``figure`` in ``text``: exact matches first; if there are none, matches that
    ignore spaces, full-width forms and Traditional/Simplified script. A match inside a longer
    number (``62%`` in ``162%``) does not count."""
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(figure), text)]
    spans = [s for s in spans if _whole(folded, *s)]
    if spans:
        return spans
    chars = [re.escape(c) for c in fold(figure) if not c.isspace()]
    if not chars:
        return []
    pattern = re.compile(r"[^\S\n]*".join(chars))
    spans = [(m.start(), m.end()) for m in pattern.finditer(folded)]
    return [s for s in spans if _whole(folded, *s)]


def _whole(folded: str, start: int, end: int) -> bool:
    first, last = folded[start], folded[end - 1]
    if first.isdigit() and start > 0 and _NUMBER_CHAR.match(folded[start - 1]):
        return False
    if start > 1 and first.isdigit() and folded[start - 1] == "," \
            and folded[start - 2].isdigit():
        return False
    after = folded[end:end + 2]
    if last.isdigit() and after[:1].isdigit():
        return False
    return not (last.isdigit() and after[:1] in (".", ",") and after[1:2].isdigit())


def _sentence(text: str, pos: int) -> tuple[int, int]:
    start = pos
    while start > 0 and not SENTENCE_END.match(text[start - 1]):
        start -= 1
    end = pos
    while end < len(text) and not SENTENCE_END.match(text[end]):
        end += 1
    if end < len(text) and text[end] != "\n":
        end += 1
    return start, end


def mark(text: str, start: int, end: int, width: int = CONTEXT) -> str:
    """The sentence around ``text[start:end]`` with it marked 【】, clipped to ``width``
    characters on each side."""
    s0, s1 = _sentence(text, start)
    s1 = max(s1, end)
    before = text[s0:start].lstrip(LEAD_JUNK)
    after = text[end:s1].rstrip()
    if len(before) > width:
        before = "…" + before[-width:]
    if len(after) > width:
        after = after[:width] + "…"
    return f"{before}{MARK_OPEN}{text[start:end]}{MARK_CLOSE}{after}".replace("\n", " ")


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _near(article: Article, found: list[Figure], near: str) -> list[Figure]:
    """The occurrences with ``near`` written before them in their sentence, closest first;
    when none has it before, those with it after. Only the closest survive."""
    chars = [re.escape(c) for c in fold(near) if not c.isspace()]
    if not chars:
        return found
    pattern = re.compile(r"\s*".join(chars))
    folded = article.folded
    scored: list[tuple[int, Figure]] = []
    for fig in found:
        s0, s1 = _sentence(folded, fig.start)
        gaps = [fig.start - m.end() for m in pattern.finditer(folded, s0, fig.start)]
        if gaps:
            scored.append((min(gaps), fig))
    if not scored:
        for fig in found:
            s0, s1 = _sentence(folded, fig.start)
            gaps = [m.start() - fig.end for m in pattern.finditer(folded, fig.end, s1)]
            if gaps:
                scored.append((min(gaps), fig))
    if not scored:
        return []
    best = min(gap for gap, _ in scored)
    return [fig for gap, fig in scored if gap == best]


def _names(x: str | Iterable[str] | None) -> set[str]:
    if x is None:
        return set()
    if isinstance(x, str):
        return {x}
    return set(x)


def _filter_words(kind: Any, rule: Any, severity: Any) -> str:
    parts = []
    for label, v in (("kind", kind), ("rule", rule), ("severity", severity)):
        names = sorted(_names(v))
        if names:
            parts.append(f"{label}={'|'.join(names)}")
    return f" ({', '.join(parts)})" if parts else ""


def _q(text: str) -> str:
    return f"“{text}”"


def _near_words(near: str | None) -> str:
    return f" (near {_q(near)})" if near else ""


def _times(n: int) -> str:
    return {0: "0 times", 1: "once"}.get(n, f"{n} times")


def validate_filter(kind: Any = None, rule: Any = None, severity: Any = None) -> None:
    """ValueError for an unknown finding kind, rule id or severity."""
    for label, value, known in (("kind", kind, KINDS), ("rule", rule, tuple(RULES)),
                                ("severity", severity, SEVERITIES)):
        for name in _names(value):
            if name not in known:
                close = difflib.get_close_matches(str(name), known, n=1)
                tip = f" (did you mean {close[0]!r}?)" if close else ""
                raise ValueError(f"unknown {label} {name!r}{tip}; known: {', '.join(known)}")
