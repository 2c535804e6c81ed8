"""The Python testing API (factcheck.testing): figures found, compared and explained."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from factcheck.errors import InputError, UsageError
from factcheck.testing import (
    Article,
    FactFailure,
    Figure,
    FigureAmbiguous,
    FigureNotFound,
    Interval,
    explain_comparison,
    fmt,
    growth,
    load_article,
    mark,
    parse_expected,
    ratio,
    total,
)

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[1]
SEED = next((ROOT / "seeds").glob("*.txt"))
D = Decimal

TEXT = (
    "英伟达第三财季营收为570.06亿美元，较上年同期的350.82亿美元增长62%；"
    "净利润为319.10亿美元，较上年同期的193.09亿美元增长65%。\n"
    "数据中心业务收入为512.15亿美元，其中计算业务收入430.28亿美元，网络业务收入81.87亿美元。\n"
    "三年前同一季度营收仅为59.31亿美元，本季度营收约为当时的9.6倍，毛利率162%不对。\n"
    "黄仁勋说，中国目前的AI芯片市场规模约为500亿美元，到20300亿美元。\n"
    "2025年12月9日（周一），迈威尔科技收跌6.99%，营收下降5%。\n"
)


@pytest.fixture(scope="module")
def art() -> Article:
    return load_article(TEXT)


@pytest.fixture(scope="module")
def seed() -> Article:
    return load_article(SEED)


# ---------------------------------------------------------------------------------------------
# loading
def test_load_article_from_text_path_and_bytes(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(TEXT.encode("gb18030"))
    from_text = load_article(TEXT)
    for source in (path, str(path), TEXT.encode("utf-16")):
        other = load_article(source)
        assert other.text == TEXT
        assert [f.written for f in other.figures] == [f.written for f in from_text.figures]
    assert load_article(str(path)).name.endswith("story.txt")
    assert from_text.name == "<text>"


def test_load_article_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nowhere.txt"):
        load_article(str(tmp_path / "nowhere.txt"))
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    with pytest.raises(InputError, match="bin.txt"):
        load_article(tmp_path / "bin.txt")
    with pytest.raises(UsageError):
        load_article(42)  # type: ignore[arg-type]


def test_extra_reference_tables(tmp_path: Path) -> None:
    table = tmp_path / "desk.csv"
    table.write_text("entity,metric,period,value,unit,source,entity_aliases\n"
                     "Example Co,revenue,2025,1200000000,CNY,desk note,示例公司\n",
                     encoding="utf-8")
    art = load_article("示例公司2025年营收12亿元。", reference=table)
    row = art.figure("12亿元").check_reference("示例公司", "revenue", "2025")
    assert row.source == "desk note"
    assert load_article("示例公司2025年营收12亿元。", reference=[tmp_path]).reference.lookup(
        "Example Co", "revenue", "2025")


def test_article_exposes_report(art: Article) -> None:
    assert len(art.figures) == len(art.mentions) > 10
    assert {f.rule for f in art.report.findings} >= {"fused-year", "weekday-mismatch"}
    assert "findings" in repr(art)


# ---------------------------------------------------------------------------------------------
# finding a figure: exact first, then folded and whitespace-insensitive
@pytest.mark.parametrize("query", [
    "570.06亿美元", "570.06 亿美元", "570.06億美元", "570.06 億美元", "５７０．０６亿美元",
    "570.06\u3000亿美元",
])
def test_figure_is_found_however_it_is_written(art: Article, query: str) -> None:
    fig = art.figure(query)
    assert fig.text == "570.06亿美元"
    assert (fig.kind, fig.value, fig.unit) == ("money", D("57006000000"), "USD")


def test_exact_match_wins_over_folded_match() -> None:
    art = load_article("甲公司营收570.06億美元，乙公司营收570.06亿美元。")
    assert art.figure("570.06亿美元").start == art.text.index("570.06亿美元")
    assert art.figure("570.06億美元").start == art.text.index("570.06億美元")
    assert art.count("570.06 亿美元") == 2  # no exact match: both folded matches count


@pytest.mark.parametrize(("query", "count"), [
    ("62%", 1),      # not the 62% inside 162%
    ("2%", 0),
    ("亿美元", 10),
    ("0.06亿美元", 0),  # not a tail of 570.06亿美元
    ("570.0", 0),
    ("9.6倍", 1),
])
def test_a_match_inside_a_longer_number_does_not_count(art: Article, query: str,
                                                       count: int) -> None:
    assert art.count(query) == count


@pytest.mark.parametrize(("query", "near", "expected_start"), [
    ("亿美元", "网络业务收入81.87", "81.87亿美元"),
    ("亿美元", "计算业务收入", "430.28亿美元"),
    ("亿美元", "計算業務收入", "430.28亿美元"),     # near in the other script
    ("亿美元", "计算 业务 收入", "430.28亿美元"),   # and with spaces
    ("亿美元", "，到20300", "20300亿美元"),
])
def test_near_picks_the_occurrence(art: Article, query: str, near: str,
                                   expected_start: str) -> None:
    fig = art.figure(query, near=near)
    assert fig.written.endswith(expected_start)


def test_near_after_the_figure_when_nothing_before() -> None:
    art = load_article("营收570亿美元（创纪录）。利润300亿美元。")
    assert art.figure("亿美元", near="创纪录").written == "570亿美元"


def test_not_found_and_ambiguous_are_assertion_errors(art: Article) -> None:
    with pytest.raises(FigureNotFound) as missing:
        art.figure("570.07亿美元")
    assert isinstance(missing.value, AssertionError)
    text = str(missing.value)
    assert "“570.07亿美元” is not in the document" in text
    assert "570.06亿美元 (line 1)" in text
    with pytest.raises(FigureAmbiguous) as several:
        art.figure("亿美元")
    text = str(several.value)
    assert "occurs 10 times" in text and "`near:`" in text
    assert "1. line 1: 英伟达第三财季营收为570.06【亿美元】" in text
    with pytest.raises(FigureNotFound, match="not with “下降” written before it"):
        art.figure("62%", near="下降")
    with pytest.raises(UsageError):
        art.figure("  ")


# ---------------------------------------------------------------------------------------------
# comparing figures with ==
EQUALITY = [
    ("570.06亿美元", "57006000000 USD", True),
    ("570.06亿美元", "57,006,000,000 USD", True),
    ("570.06亿美元", "57006000000 usd", True),
    ("570.06亿美元", "57006400000 USD", True),      # inside 570.055 .. 570.065亿
    ("570.06亿美元", "57006600000 USD", False),
    ("570.06亿美元", "57006000000 CNY", False),
    ("570.06亿美元", "57000000000 USD", False),
    ("570.06亿美元", 57006000000, True),
    ("570.06亿美元", D("57006000000"), True),
    ("570.06亿美元", "570.06億美元", True),
    ("570.06亿美元", "5.7006e10 USD", True),
    ("62%", "62 %", True),
    ("62%", "62%", True),
    ("62%", "62.4 percent", True),
    ("62%", 62.6, False),
    ("62%", "0.62 x", False),
    ("9.6倍", "9.6 x", True),
    ("9.6倍", "9.6倍", True),
    ("9.6倍", "9.64 times", True),
    ("2025年12月9日", "2025-12-09", True),
    ("2025年12月9日", "2025-12-08", False),
    ("约为500亿美元", "50800000000 USD", True),     # 约 widens the interval
    ("约为500亿美元", "60000000000 USD", False),
    ("6.99%", "6.99 %", True),                       # equals compares the figure as written
]


@pytest.mark.parametrize(("query", "other", "equal"), EQUALITY,
                         ids=[f"{q}=={o!r}" for q, o, _ in EQUALITY])
def test_figure_equality(art: Article, query: str, other: object, equal: bool) -> None:
    fig = art.figure(query)
    assert (fig == other) is equal
    assert (other == fig) is equal
    assert (fig != other) is not equal


def test_figure_equals_figure() -> None:
    art = load_article("去年营收570亿美元，今年营收570.06亿美元，利润570亿元。")
    a, b, c = art.figure("570亿美元"), art.figure("570.06亿美元"), art.figure("570亿元")
    assert a == b and b == a and a == a
    assert a != c  # another currency
    assert art.figure("570亿美元") == art.figure("570亿美元")


def test_unparseable_comparison_is_simply_unequal(art: Article) -> None:
    fig = art.figure("62%")
    assert fig != "sixty-two"
    assert fig != object()
    assert fig != None  # noqa: E711


# ---------------------------------------------------------------------------------------------
# relations with interval arithmetic
def test_growth_total_ratio(art: Article) -> None:
    rev, base = art.figure("570.06亿美元"), art.figure("350.82亿美元")
    g = growth(rev, base)
    assert g.unit == "%" and g.interval.lo > D("62.48") and g.interval.hi < D("62.50")
    assert art.figure("62%") == g and g == art.figure("62%")
    assert art.figure("65%") != g
    s = total(art.figure("430.28亿美元"), art.figure("81.87亿美元"))
    assert s.interval == Interval(D("51214000000.00"), D("51216000000.00"))
    assert art.figure("512.15亿美元") == s
    r = ratio(rev, art.figure("59.31亿美元"))
    assert art.figure("9.6倍") == r
    assert "× 100" in g.steps[0] and "growth    =" in g.steps[-1]


def test_growth_of_a_fall_is_negative() -> None:
    art = load_article("营收从200亿元降至190亿元，同比下降5%。")
    fall = art.figure("5%")
    assert fall.falls and fall.signed_interval == Interval(D("-5.5"), D("-4.5"))
    fall.check_growth_of(art.figure("190亿元"), art.figure("200亿元"))
    with pytest.raises(FactFailure):
        fall.check_growth_of(art.figure("200亿元"), art.figure("190亿元"))


def test_ratio_against_a_percent() -> None:
    art = load_article("利润30亿元，营收120亿元，利润率为25%。")
    art.figure("25%").check_ratio_of(art.figure("30亿元"), art.figure("120亿元"))
    with pytest.raises(FactFailure, match="is not the ratio"):
        art.figure("25%").check_ratio_of(art.figure("120亿元"), art.figure("30亿元"))


def test_relations_reject_mixed_units(art: Article) -> None:
    with pytest.raises(FactFailure, match="different units"):
        total(art.figure("62%"), art.figure("570.06亿美元"))
    with pytest.raises(FactFailure, match="not a number to compute with"):
        growth(art.figure("2025年12月9日"), art.figure("570.06亿美元"))
    with pytest.raises(UsageError):
        total(art.figure("62%"))
    with pytest.raises(TypeError):
        growth(1, 2)  # type: ignore[arg-type]


INTERVALS = [
    # a, b, a+b, a*b, a/b
    ((1, 2), (3, 4), (4, 6), (3, 8), (D(1) / 4, D(2) / 3)),
    ((-1, 2), (3, 4), (2, 6), (-4, 8), (D(-1) / 3, D(2) / 3)),
    ((1, 2), (-1, 1), (0, 3), (-2, 2), (None, None)),    # divisor may be zero
    ((10, None), (2, 2), (12, None), (20, None), (5, None)),  # 超10%
    ((None, 5), (1, 1), (None, 6), (None, 5), (None, 5)),
    ((0, 0), (None, None), (None, None), (0, 0), (None, None)),
]


def _iv(pair: tuple) -> Interval:
    return Interval(*(None if x is None else D(x) for x in pair))


@pytest.mark.parametrize(("a", "b", "plus", "times", "over"), INTERVALS)
def test_interval_arithmetic(a: tuple, b: tuple, plus: tuple, times: tuple,
                             over: tuple) -> None:
    ia, ib = _iv(a), _iv(b)
    for got, want in ((ia + ib, _iv(plus)), (ia * ib, _iv(times)), (ia / ib, _iv(over))):
        for x, y in ((got.lo, want.lo), (got.hi, want.hi)):
            assert (x is None and y is None) or abs(x - y) < D("1e-20"), (got, want)


@pytest.mark.parametrize(("a", "b", "overlap"), [
    ((1, 2), (2, 3), True), ((1, 2), (2.1, 3), False), ((None, 2), (1, None), True),
    ((5, None), (None, 4), False), ((None, None), (7, 7), True),
])
def test_interval_overlap(a: tuple, b: tuple, overlap: bool) -> None:
    assert _iv(a).overlaps(_iv(b)) is overlap
    assert _iv(b).overlaps(_iv(a)) is overlap


def test_interval_widened_and_described() -> None:
    iv = Interval(D("61.5"), D("62.5"))
    assert iv.widened(D("0.01")) == Interval(D("60.88"), D("63.12"))
    assert iv.describe("%") == "61.5 .. 62.5 %"
    assert Interval(D(10), None).describe("%") == "at least 10 %"
    assert Interval(None, D(5)).describe() == "at most 5"
    assert Interval(D(3), D(3)).describe("x") == "3 x"


@pytest.mark.parametrize(("number", "text"), [
    (D("57005500000.00"), "57,005,500,000"), (D("62.49268"), "62.4927"), (D("-0.0000001"), "0"),
    (D("1.30"), "1.3"), (7, "7"), (0.1, "0.1"), (None, "open"), (D("1234.5"), "1,234.5"),
])
def test_fmt(number: object, text: str) -> None:
    assert fmt(number) == text  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# expected values
@pytest.mark.parametrize(("given", "value", "unit"), [
    ("57006000000 USD", D("57006000000"), "USD"),
    ("57,006,000,000 usd", D("57006000000"), "USD"),
    ("62 %", D(62), "%"),
    ("62％", D(62), "%"),
    ("2.5 x", D("2.5"), "x"),
    ("2.5倍", D("2.5"), "x"),
    ("3 pp", D(3), "pp"),
    ("3个百分点", D(3), "pp"),
    ("570.06億美元", D("57006000000"), "USD"),
    ("500萬塊", D("5000000"), "块"),   # units compare folded
    ("1e3", D("1E+3"), None),
    (57006000000, D("57006000000"), None),
    (0.75, D("0.75"), None),
    ("2025-12-09", "2025-12-09", None),
    ("--12-09", "--12-09", None),
])
def test_parse_expected(given: object, value: object, unit: str | None) -> None:
    exp = parse_expected(given)
    assert (exp.value, exp.unit) == (value, unit)


@pytest.mark.parametrize("given", ["sixty-two", "", None, True, [1], "USD 5"])
def test_parse_expected_rejects(given: object) -> None:
    with pytest.raises(ValueError):
        parse_expected(given)


# ---------------------------------------------------------------------------------------------
# check_* methods raise readable failures
def test_check_equals_failure_text(art: Article) -> None:
    with pytest.raises(FactFailure) as info:
        art.figure("570.06亿美元").check_equals("57000000000 USD")
    text = str(info.value)
    assert text.splitlines() == [
        "570.06亿美元 does not equal 57,000,000,000 USD",
        "  document:   <text>, line 1",
        "  sentence:   英伟达第三财季营收为【570.06亿美元】，较上年同期的350.82亿美元增长62%；",
        "  expected:   57,000,000,000 USD",
        "  found:      570.06亿美元 = 57,006,000,000 USD, which allows "
        "57,005,500,000 .. 57,006,500,000 USD",
        "  57,000,000,000 USD is outside 57,005,500,000 .. 57,006,500,000 USD, the values "
        "570.06亿美元 allows",
        "  hint:       if the article rounds on purpose, add `approx:` (e.g. 0.01 for 1%)",
    ]


def test_check_equals_with_approx(art: Article) -> None:
    fig = art.figure("62%")
    fig.check_equals("63 %", approx="2%")
    fig.check_equals("63 %", approx=0.02)
    with pytest.raises(FactFailure, match="with approx: 60.88 .. 63.12 %"):
        fig.check_equals("64 %", approx=0.01)
    with pytest.raises(ValueError):
        fig.check_equals("63 %", approx="lots")


def test_lenient_reading_is_offered_as_a_hint() -> None:
    art = load_article("营收1,300亿元。")
    with pytest.raises(FactFailure) as info:
        art.figure("1,300亿元").check_equals("130400000000 CNY")
    assert "trailing zeros of 1,300亿元" in str(info.value)


def test_check_is(art: Article) -> None:
    fig = art.figure("约为500亿美元")
    fig.check_is(kind="money", unit="usd", qualifier="approx")
    with pytest.raises(FactFailure, match="kind is money, not percent, qualifier is approx, "
                                          "not exact"):
        fig.check_is(kind="percent", qualifier="exact")


def test_check_reference(seed: Article) -> None:
    row = seed.figure("570.06 億美元").check_reference("輝達", "營收", "2025 年Q3")
    assert (row.entity, row.metric, row.period) == ("Nvidia", "revenue", "FY2026Q3")
    # a fall (收跌6.99%) is compared with the row's -6.99
    assert seed.figure("6.99%").check_reference("Marvell", "close_change_pct",
                                                "2025-12-08").value == D("-6.99")
    # entity, metric and period default to what factcheck linked
    assert seed.figure("570.06 億美元").check_reference().period == "FY2026Q3"
    with pytest.raises(FactFailure) as info:
        seed.figure("350.82 億美元").check_reference("Nvidia", "revenue", "FY2026Q3")
    text = str(info.value)
    assert "does not match the reference Nvidia / revenue / FY2026Q3" in text
    assert "expected:   57,006,000,000 USD (companies.csv:" in text
    assert "source:     NVIDIA press release" in text
    with pytest.raises(FactFailure, match="no reference row for Nvidia / revenue / FY1999"):
        seed.figure("570.06 億美元").check_reference("Nvidia", "revenue", "FY1999")
    with pytest.raises(FactFailure, match="cannot tell the metric of 兩天"):
        seed.figure("兩天").check_reference()


def test_findings_filters(art: Article) -> None:
    assert [f.rule for f in art.findings(kind="garbled")] == ["fused-year"]
    assert [f.rule for f in art.findings(rule="weekday-mismatch")] == ["weekday-mismatch"]
    assert art.findings(kind=["garbled", "date"], severity="error")
    assert art.findings(figure="20300亿美元")[0].rule == "fused-year"
    assert art.figure("570.06亿美元").findings == []
    art.check_no_findings(kind="arithmetic")
    art.check_no_findings(figure=art.figure("570.06亿美元"))
    art.check_findings(rule="fused-year", figure=art.figure("20300亿美元"))
    art.check_findings(severity="error", count=2)
    with pytest.raises(FactFailure, match=r"factcheck reports 1 finding \(kind=garbled\)"):
        art.check_no_findings(kind="garbled")
    with pytest.raises(FactFailure, match="expected 3 findings"):
        art.check_findings(severity="error", count=3)


def test_count(art: Article) -> None:
    art.check_count("亿美元", 10)
    art.check_count("20400亿美元", 0)
    with pytest.raises(FactFailure, match="“62%” occurs once, not 2 times"):
        art.check_count("62%", 2)


def test_figure_properties(seed: Article) -> None:
    fig = seed.figure("780.25億美元")
    assert fig.line == 3
    assert (fig.entity, fig.metric) == ("Marvell Technology", "market_cap")
    assert fig.marked().endswith("總市值報【780.25億美元】(約合人民幣5517億元)。")
    assert "78,025,000,000 USD" in fig.describe()
    assert "780.25億美元" in repr(fig)
    assert isinstance(hash(fig), int)


@pytest.mark.parametrize(("text", "start", "end", "marked"), [
    ("甲。乙丙丁。戊", 3, 4, "乙【丙】丁。"),
    ("第一行\n第二行数字", 6, 8, "第二【行数】字"),
    ("“引语。”接着说100元。", 8, 12, "接着说【100元】。"),
    ("a" * 80 + "X" + "b" * 80, 80, 81, "…" + "a" * 50 + "【X】" + "b" * 50 + "…"),
])
def test_mark(text: str, start: int, end: int, marked: str) -> None:
    assert mark(text, start, end) == marked


# ---------------------------------------------------------------------------------------------
# pytest's assertion explanation
def test_explain_comparison(art: Article) -> None:
    fig = art.figure("570.06亿美元")
    lines = explain_comparison("==", fig, "57000000000 USD")
    assert lines is not None
    assert lines[:3] == [
        "'570.06亿美元' == '57000000000 USD'",
        "  570.06亿美元 does not equal 57,000,000,000 USD",
        "  sentence:   英伟达第三财季营收为【570.06亿美元】，较上年同期的350.82亿美元增长62%；",
    ]
    assert explain_comparison("==", fig, "57006000000 USD") is None  # it holds
    assert explain_comparison("==", 1, 2) is None
    assert explain_comparison("<", fig, 1) is None
    assert explain_comparison("!=", fig, fig)[1].startswith("  both are 570.06亿美元")
    assert "cannot compare" in explain_comparison("==", fig, "nonsense")[1]


def test_assertrepr_hook_in_a_real_test(pytester: pytest.Pytester) -> None:
    (pytester.path / "story.txt").write_text(TEXT, encoding="utf-8")
    pytester.makepyfile(test_story="""
        from factcheck.testing import growth, load_article

        ART = load_article("story.txt")

        def test_revenue():
            assert ART.figure("570.06亿美元") == "57006000000 USD"

        def test_wrong_revenue():
            assert ART.figure("570.06亿美元") == "57000000000 USD"

        def test_wrong_growth():
            rev, base = ART.figure("570.06亿美元"), ART.figure("350.82亿美元")
            assert ART.figure("65%") == growth(rev, base)

        def test_missing():
            ART.figure("570.07亿美元")
    """)
    result = pytester.runpytest("-p", "no:hypothesispytest", "-p", "no:benchmark",
                                "-p", "no:cacheprovider", "-vv")
    result.assert_outcomes(passed=1, failed=3)
    result.stdout.fnmatch_lines([
        "E       AssertionError: assert '570.06亿美元' == '57000000000 USD'",
        "E           570.06亿美元 does not equal 57,000,000,000 USD",
        "E           sentence:   英伟达第三财季营收为【570.06亿美元】*",
        "E           expected:   57,000,000,000 USD",
        "*assert '65%' == the growth from 350.82亿美元 to 570.06亿美元",
        "E           65% is not the growth from 350.82亿美元 to 570.06亿美元",
        "E           sentence:   *增长【65%】。",
        "E             growth    = 62.4898 .. 62.4973 %",
        "E *factcheck.testing.FigureNotFound: “570.07亿美元” is not in the document",
    ])


def test_figure_type_is_public() -> None:
    assert Figure.__module__ == "factcheck.testing"
