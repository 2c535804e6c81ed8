"""Score ``factcheck.extract`` against third-party Chinese number/money test suites.

The suites live in ``shared/peer/`` beside the repository (see the READMEs there):

* ``recognizers_zh/{NumberModel,PercentModel,CurrencyModel}.jsonl``: Microsoft
  Recognizers-Text specs (MIT).
* ``jionlp_money/cases.jsonl``: JioNLP's money extractor / parser tests (Apache-2.0),
  ``task`` ``extract`` (find money spans) and ``parse`` (normalise one expression).

Each suite has its own conventions. This module translates our mentions (the
``factcheck extract`` contract, ``shared/CONTRACT.md``) into each suite's terms
rather than bending our output: where the two differ only in representation the
adapter maps one onto the other (documented per suite below); where the contract
deliberately reads the text differently, the case is listed with a reason in
``tests/peer/exclusions.yaml`` and not scored.

A case passes when every expected item is matched by one of our mentions and,
for a case expecting nothing, we return nothing the suite would count as a
figure of its type. Extra mentions in a case that expects something are not
penalised (the suites annotate one model's type each, we return every figure).

Matching rules
--------------
NumberModel (``type: number``)
    any of our mentions whose span overlaps the item and whose numeric value
    equals ``value``. "Numeric value" covers: ``value``; for a range or vague
    mention (value null) either end ``lo``/``hi`` (the suite reads ``二十几万`` as
    200000, its lower end); for ``percent`` also ``value / 100`` (fractions:
    the suite reads ``五分之一`` as 0.2, the contract as 20 percent); for a count
    whose classifier is 打 also ``value * 12`` (the suite resolves dozens); for
    dates, years and periods each integer component (``1991年1月16日`` ->
    1991, 1, 16). This is how the suite's bare numbers pulled out of
    unit-bearing text (``一百零十万三千斤`` -> ``一百零十万三千``) meet our whole
    mention. Negative case: no mention of a kind other than money/percent/pp
    (the suite does not call ``一美元`` or ``一折`` a number).
PercentModel (``type: percentage``)
    a ``percent`` mention overlapping the item with ``value`` equal to the
    percent number, or a range whose end equals it (the suite returns only the
    ``20%`` of ``5-20%``). Items written with 百分点/百分點 must come back as
    ``pp`` with that value: the suite calls them percent, the contract
    percentage points, so the adapter checks our contract's reading.
    Negative case: no ``percent`` or ``pp`` mention.
CurrencyModel (``type: currency``)
    a ``money`` mention covering the item (amount and currency word; a trailing
    人民币 may stay outside, as the contract's span rules put it before the
    number) with ``value`` equal and ``unit`` equal to the item's ISO code;
    where the suite gives no ISO code (``$20`` -> "Dollar", 比特币 -> "Bitcoin")
    any unit is accepted, and for a non-ISO currency (Bitcoin) a count of it too
    (at an overlapping span). Negative case: no ``money`` mention.
JioNLP ``parse``
    one of our mentions must cover the whole numeric part of the input (first
    to last numeral, multiplier, 角/分/毛), with ``unit`` the ISO code of
    JioNLP's currency (元->CNY, 美元->USD, 港元->HKD, 新台币->TWD, 日元->JPY,
    欧元->EUR, 韩元->KRW, 泰铢->THB, 卢布->RUB, 澳元->AUD) and the value JioNLP
    gives rounded to cents: a single value must equal our ``value`` (for
    definition ``accurate`` our qualifier must be ``exact``, ``blur`` ->
    ``approx``, ``blur+`` -> ``over``, ``blur-`` -> ``near``/``under``/``upto``);
    a ``[lo, hi]`` pair (ranges, vague amounts, ``3000多``) must equal our
    ``lo``/``hi``.
JioNLP ``extract``
    a mention with the same span text (ignoring a trailing 整/钱/錢, which the
    contract's span rules do not list); it must be ``money`` when the expected
    text carries a currency word (元, 块, 美元 ...), any kind for a bare number
    (``10k~15k``: the contract makes a bare number a count unless the context
    gives the currency). Negative case: no ``money`` mention.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

SUITES: tuple[str, ...] = ("NumberModel", "PercentModel", "CurrencyModel", "JioNLP")

#: files of each suite, relative to the peer directory
SUITE_FILES: dict[str, str] = {
    "NumberModel": "recognizers_zh/NumberModel.jsonl",
    "PercentModel": "recognizers_zh/PercentModel.jsonl",
    "CurrencyModel": "recognizers_zh/CurrencyModel.jsonl",
    "JioNLP": "jionlp_money/cases.jsonl",
}

#: case counts documented in the suites' READMEs; a mismatch means a bad load
DOCUMENTED_CASES: dict[str, int] = {
    "NumberModel": 359,
    "PercentModel": 152,
    "CurrencyModel": 29,
    "JioNLP": 68,
}

JIONLP_CURRENCY: dict[str, str] = {
    "元": "CNY",
    "美元": "USD",
    "港元": "HKD",
    "新台币": "TWD",
    "日元": "JPY",
    "欧元": "EUR",
    "韩元": "KRW",
    "泰铢": "THB",
    "卢布": "RUB",
    "澳元": "AUD",
}

JIONLP_DEFINITION_QUALIFIERS: dict[str, frozenset[str]] = {
    "accurate": frozenset({"exact"}),
    "blur": frozenset({"approx"}),
    "blur+": frozenset({"over"}),
    "blur-": frozenset({"near", "under", "upto"}),
}

REPO_ROOT = Path(__file__).resolve().parents[1]
EXCLUSIONS_PATH = REPO_ROOT / "tests" / "peer" / "exclusions.yaml"

_PP_RE = re.compile(r"百\s*分\s*點|百\s*分\s*点")
_CURRENCY_WORD_RE = re.compile(
    r"[元圆圓块塊钱錢角毛]|美金|美刀|币|幣|镑|鎊|法郎|卢布|盧布|泰铢|泰銖|韩元|韓元|[$￥¥€£]"
)
_CORE_CHARS = (
    "0123456789０１２３４５６７８９"
    "〇零一二三四五六七八九十百千万亿兆两壹贰叁肆伍陆柒捌玖拾佰仟萬億兩貳參陸"
    "几幾数數kKwW角分毛"
)
_TRAILING_NOISE = "整钱錢"


def peer_dir() -> Path:
    """Where the suites are: ``shared/peer`` beside the repository."""
    return REPO_ROOT.parent / "shared" / "peer"


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Case:
    suite: str
    id: str
    input: str
    expected: list[dict[str, Any]]
    task: str = ""  # JioNLP: "extract" or "parse"
    group: str = ""  # JioNLP parse: the test file's section


@dataclass(frozen=True)
class View:
    """The contract fields of one of our mentions, values as Decimal or str."""

    start: int
    end: int
    text: str
    kind: str
    value: Decimal | str | None
    unit: str | None
    qualifier: str | None
    lo: Decimal | str | None
    hi: Decimal | str | None

    def brief(self) -> str:
        parts = [f"{self.text!r}@{self.start}:{self.end}", self.kind]
        parts.append(f"value={_fmt(self.value)}")
        if self.unit is not None:
            parts.append(f"unit={self.unit}")
        if self.qualifier not in (None, "exact"):
            parts.append(f"q={self.qualifier}")
        if self.lo is not None or self.hi is not None:
            parts.append(f"lo..hi={_fmt(self.lo)}..{_fmt(self.hi)}")
        return " ".join(parts)


@dataclass
class ItemResult:
    expected: dict[str, Any]
    matched: View | None
    why: str = ""  # why not matched (closest candidate), empty when matched


@dataclass
class CaseResult:
    case: Case
    passed: bool
    excluded: str | None = None
    items: list[ItemResult] = field(default_factory=list)
    unexpected: list[View] = field(default_factory=list)  # negative cases
    mentions: list[View] = field(default_factory=list)
    error: str | None = None

    def explain(self) -> str:
        """Multi-line account of a failure: input, expected, what we returned."""
        lines = [f"{self.case.id}: {self.case.input!r}"]
        if self.error:
            lines.append(f"  error: {self.error}")
        if not self.case.expected:
            lines.append("  expected: nothing of this type")
            for v in self.unexpected:
                lines.append(f"  unexpected: {v.brief()}")
        for it in self.items:
            mark = "ok  " if it.matched else "MISS"
            lines.append(f"  {mark} expected {_expected_brief(self.case, it.expected)}")
            if not it.matched and it.why:
                lines.append(f"       {it.why}")
        lines.append("  returned: " + ("; ".join(v.brief() for v in self.mentions) or "(nothing)"))
        return "\n".join(lines)


@dataclass
class SuiteResult:
    suite: str
    results: list[CaseResult]

    @property
    def cases(self) -> int:
        return len(self.results)

    @property
    def excluded(self) -> int:
        return sum(1 for r in self.results if r.excluded)

    @property
    def scored(self) -> list[CaseResult]:
        return [r for r in self.results if not r.excluded]

    @property
    def passed(self) -> int:
        return sum(1 for r in self.scored if r.passed)

    @property
    def failures(self) -> list[CaseResult]:
        return [r for r in self.scored if not r.passed]

    @property
    def rate(self) -> float:
        n = len(self.scored)
        return self.passed / n if n else 1.0


# --------------------------------------------------------------------------- loading


def load_cases(suite: str, root: Path | None = None) -> list[Case]:
    root = peer_dir() if root is None else root
    path = root / SUITE_FILES[suite]
    cases = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            d = json.loads(line)
            cases.append(
                Case(
                    suite=suite,
                    id=d["id"],
                    input=d["input"],
                    expected=list(d.get("expected") or []),
                    task=d.get("task", ""),
                    group=d.get("group", ""),
                )
            )
    return cases


def load_exclusions(path: Path = EXCLUSIONS_PATH) -> list[dict[str, str]]:
    """The list of ``{suite, id, reason}`` entries (validated by the tests)."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of {{suite, id, reason}} entries")
    return data


def exclusion_map(entries: Iterable[dict[str, str]]) -> dict[tuple[str, str], str]:
    return {(e["suite"], e["id"]): e["reason"] for e in entries}


# --------------------------------------------------------------------------- values


def _dec(x: Any) -> Decimal | None:
    """A number as Decimal (exactly for int/Decimal/str, via repr for float)."""
    if x is None or isinstance(x, bool):
        return None
    if isinstance(x, Decimal):
        return x
    if isinstance(x, int):
        return Decimal(x)
    if isinstance(x, float):
        return Decimal(repr(x))
    if isinstance(x, str):
        try:
            d = Decimal(x.strip().rstrip("%"))
        except (InvalidOperation, ValueError):
            return None
        return d if d.is_finite() else None
    return None


def _val(x: Any) -> Decimal | str | None:
    """A contract value: Decimal when numeric, else the string (dates, periods)."""
    if x is None:
        return None
    d = _dec(x)
    if d is not None:
        return d
    return str(x)


def _fmt(x: Any) -> str:
    if x is None:
        return "null"
    if isinstance(x, Decimal):
        return format(x.normalize(), "f") if x == x.to_integral_value() else str(x)
    return str(x)


def view(m: Any) -> View:
    """Our mention (an object with the contract attributes, or its JSON dict)."""
    get = m.get if isinstance(m, dict) else lambda k: getattr(m, k, None)
    return View(
        start=int(get("start")),
        end=int(get("end")),
        text=str(get("text")),
        kind=str(get("kind")),
        value=_val(get("value")),
        unit=get("unit"),
        qualifier=get("qualifier"),
        lo=_val(get("lo")),
        hi=_val(get("hi")),
    )


def _same(ours: Decimal, expected: Decimal) -> bool:
    """Equal; within 1e-6 relative when the expectation is a rounded repeating
    decimal (more than 6 fractional digits, e.g. ``52.3333333333333``)."""
    if ours == expected:
        return True
    exp = expected.as_tuple().exponent
    if isinstance(exp, int) and exp < -6:
        # our values keep 6 decimals of percent (GUIDELINES: 三分之一 -> 33.333333),
        # i.e. 1e-8 as a fraction; the suites write 15 significant digits
        return abs(ours - expected) <= max(abs(expected) * Decimal("1e-6"), Decimal("1e-8"))
    return False


def _overlaps(v: View, start: int, end: int) -> bool:
    return v.start < end and start < v.end


def _numbers_of(v: View) -> list[Decimal]:
    """Every number the NumberModel could mean by a mention (see module doc)."""
    out: list[Decimal] = []
    base: list[Decimal] = []
    if isinstance(v.value, Decimal):
        base.append(v.value)
    elif isinstance(v.value, str):
        out.extend(Decimal(n) for n in re.findall(r"\d+", v.value))
    if v.value is None:
        base.extend(x for x in (v.lo, v.hi) if isinstance(x, Decimal))
    for b in base:
        out.append(b)
        if v.kind == "percent":
            out.append(b / 100)
        if v.kind == "count" and v.unit == "打":
            out.append(b * 12)
    return out


def _percent_values(v: View) -> list[Decimal]:
    if isinstance(v.value, Decimal):
        return [v.value]
    if v.value is None:
        return [x for x in (v.lo, v.hi) if isinstance(x, Decimal)]
    return []


def _expected_number(item: dict[str, Any]) -> Decimal | None:
    d = _dec(item.get("value"))
    return d if d is not None else _dec(item.get("value_num"))


def _expected_brief(case: Case, item: dict[str, Any]) -> str:
    s = f"{item.get('text')!r}@{item.get('start')}:{item.get('end')}"
    if case.suite == "CurrencyModel":
        return f"{s} value={item.get('value')} iso={item.get('iso')} ({item.get('unit')})"
    if case.suite == "JioNLP" and case.task == "parse":
        cur = item.get("unit")
        return (
            f"{s} value={item.get('value')} unit={cur}->{JIONLP_CURRENCY.get(cur, '?')}"
            f" definition={item.get('definition')}"
        )
    if case.suite == "JioNLP":
        return f"{s} money span"
    return f"{s} value={item.get('value')}"


def _closest(cands: Sequence[View], start: int, end: int) -> str:
    near = [v for v in cands if _overlaps(v, start, end)]
    if not near:
        return "no mention overlaps this span"
    return "overlapping: " + "; ".join(v.brief() for v in near)


# --------------------------------------------------------------------------- matchers


def _match_number(item: dict[str, Any], views: list[View]) -> ItemResult:
    want = _expected_number(item)
    s, e = item["start"], item["end"]
    for v in views:
        if _overlaps(v, s, e) and want is not None and any(_same(n, want) for n in _numbers_of(v)):
            return ItemResult(item, v)
    return ItemResult(item, None, _closest(views, s, e))


def _match_percent(item: dict[str, Any], views: list[View]) -> ItemResult:
    want = _expected_number(item)
    s, e = item["start"], item["end"]
    kind = "pp" if _PP_RE.search(item.get("text", "")) else "percent"
    for v in views:
        if v.kind != kind or not _overlaps(v, s, e) or want is None:
            continue
        if any(_same(n, want) for n in _percent_values(v)):
            return ItemResult(item, v)
    return ItemResult(item, None, f"(want kind {kind}) " + _closest(views, s, e))


def _match_currency(item: dict[str, Any], views: list[View]) -> ItemResult:
    want = _expected_number(item)
    iso = item.get("iso")
    s, e = item["start"], item["end"]
    # a money mention must cover the amount and its currency word; only a trailing
    # 人民币 (8亿元人民币) may stay outside, the contract's span puts it before the number
    text = item.get("text", "")
    for tail in ("人民币", "人民幣"):
        if text.endswith(tail) and len(text) > len(tail):
            e -= len(tail)
            break
    for v in views:
        if not _overlaps(v, s, e) or want is None:
            continue
        if not isinstance(v.value, Decimal) or not _same(v.value, want):
            continue
        if v.kind == "money" and (iso is None or v.unit == iso) and v.start <= s and v.end >= e:
            return ItemResult(item, v)
        non_iso = iso is None and "dollar" not in str(item.get("unit", "")).lower()
        if non_iso and v.kind == "count":  # a currency with no ISO code: 20个比特币
            return ItemResult(item, v)
    return ItemResult(item, None, _closest(views, s, e))


def _q2(d: Decimal) -> Decimal:
    return d.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _core_span(text: str) -> tuple[int, int]:
    idx = [i for i, ch in enumerate(text) if ch in _CORE_CHARS]
    if not idx:
        return 0, len(text)
    return idx[0], idx[-1] + 1


def _match_jionlp_parse(case: Case, item: dict[str, Any], views: list[View]) -> ItemResult:
    cs, ce = _core_span(case.input)
    covering = [v for v in views if v.start <= cs and v.end >= ce]
    if not covering:
        why = f"no single mention covers {case.input[cs:ce]!r}@{cs}:{ce}; " + _closest(
            views, cs, ce
        )
        return ItemResult(item, None, why)
    iso = JIONLP_CURRENCY.get(item.get("unit", ""), "?")
    problems = []
    for v in covering:
        bad = []
        if v.kind != "money":
            bad.append(f"kind {v.kind}")
        if v.unit != iso:
            bad.append(f"unit {v.unit} != {iso}")
        want = item.get("value")
        if isinstance(want, list):
            lo, hi = (_dec(x) for x in want)
            ours = tuple(_q2(x) if isinstance(x, Decimal) else x for x in (v.lo, v.hi))
            if ours != (lo, hi):
                bad.append(f"lo..hi {_fmt(ours[0])}..{_fmt(ours[1])} != {_fmt(lo)}..{_fmt(hi)}")
        else:
            w = _dec(want)
            ours_v = _q2(v.value) if isinstance(v.value, Decimal) else v.value
            if ours_v != w:
                bad.append(f"value {_fmt(ours_v)} != {_fmt(w)}")
            allowed = JIONLP_DEFINITION_QUALIFIERS.get(item.get("definition", ""), frozenset())
            if v.qualifier not in allowed:
                bad.append(f"qualifier {v.qualifier} not in {sorted(allowed)}")
        if not bad:
            return ItemResult(item, v)
        problems.append(f"{v.brief()}: " + ", ".join(bad))
    return ItemResult(item, None, " | ".join(problems))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in _TRAILING_NOISE:
        end -= 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _match_jionlp_extract(case: Case, item: dict[str, Any], views: list[View]) -> ItemResult:
    want = _trim(case.input, item["start"], item["end"])
    need_money = bool(_CURRENCY_WORD_RE.search(item.get("text", "")))
    for v in views:
        if _trim(case.input, v.start, v.end) != want:
            continue
        if need_money and v.kind != "money":
            continue
        return ItemResult(item, v)
    extra = " (must be money)" if need_money else ""
    return ItemResult(
        item,
        None,
        "no mention with this span" + extra + "; " + _closest(views, item["start"], item["end"]),
    )


def _figures_of_type(case: Case, views: list[View]) -> list[View]:
    """Our mentions the suite would call a figure of its own type."""
    if case.suite == "NumberModel":
        return [v for v in views if v.kind not in ("money", "percent", "pp")]
    if case.suite == "PercentModel":
        return [v for v in views if v.kind in ("percent", "pp")]
    return [v for v in views if v.kind == "money"]


# --------------------------------------------------------------------------- judging


def judge(case: Case, mentions: Iterable[Any]) -> CaseResult:
    """Score one case against our mentions of ``case.input``."""
    views = [view(m) for m in mentions]
    if not case.expected:
        found = _figures_of_type(case, views)
        return CaseResult(case, passed=not found, unexpected=found, mentions=views)
    items = []
    for item in case.expected:
        if case.suite == "NumberModel":
            items.append(_match_number(item, views))
        elif case.suite == "PercentModel":
            items.append(_match_percent(item, views))
        elif case.suite == "CurrencyModel":
            items.append(_match_currency(item, views))
        elif case.task == "parse":
            items.append(_match_jionlp_parse(case, item, views))
        else:
            items.append(_match_jionlp_extract(case, item, views))
    return CaseResult(case, passed=all(it.matched for it in items), items=items, mentions=views)


def run_suite(
    suite: str,
    extract: Callable[[str], Iterable[Any]],
    exclusions: dict[tuple[str, str], str] | None = None,
    root: Path | None = None,
) -> SuiteResult:
    """Run every case of ``suite`` through ``extract`` and judge it.

    Excluded cases are still run (so a crash shows) but not scored."""
    exclusions = exclusions or {}
    results = []
    for case in load_cases(suite, root):
        try:
            mentions = list(extract(case.input))
        except Exception as exc:  # a crash is a failure of that case, not of the run
            res = CaseResult(case, passed=False, error=f"{type(exc).__name__}: {exc}")
        else:
            res = judge(case, mentions)
        res.excluded = exclusions.get((suite, case.id))
        results.append(res)
    return SuiteResult(suite, results)


def default_extract() -> Callable[[str], Iterable[Any]]:
    from factcheck import extract

    return extract
