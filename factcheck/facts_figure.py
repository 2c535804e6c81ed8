"""One figure of an article as the editors' API sees it: what it reads, how it compares,
and the ``check_*`` assertions that explain a failure like an editor's note."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .checks import Finding, check_interval
from .claims import Claim, builtin_metric_aliases
from .errors import UsageError
from .facts_derived import Derived, growth, ratio, total
from .facts_text import _line, _q, mark
from .facts_values import FactFailure, fmt, norm_unit, parse_expected, parse_relative
from .interval import Interval
from .model import Mention
from .reference import PERIOD_RE, Reference, RefRow
from .textfold import fold

if TYPE_CHECKING:
    from .testing import Article

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
