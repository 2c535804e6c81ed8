"""The editors' pytest plugin (factcheck.pytest_plugin), driven through pytest's pytester.

The plugin is registered by the ``pytest11`` entry point, so the inner pytest runs load it
exactly as an editor's pytest would; no ``-p`` option is passed (that would register the
module a second time under another name).
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pandas  # noqa: F401  (see below)
import pint  # noqa: F401
import pytest

import factcheck.pytest_plugin as plugin

# factcheck imports pandas and pint only when it needs them; pytester's in-process runs drop
# the modules a run imported, and numpy (which both load) cannot be imported twice in one
# process: so they are loaded here, before any run, as the outer session's own modules.

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[1]
SEED = next((ROOT / "seeds").glob("*.txt"))

# A short article: Nvidia's quarter, every figure consistent (no findings).
CLEAN = (
    "英伟达第三财季营收为570.06亿美元，较上年同期的350.82亿美元增长62%；"
    "净利润为319.10亿美元，较上年同期的193.09亿美元增长65%。\n"
    "数据中心业务收入为512.15亿美元，其中计算业务收入430.28亿美元，网络业务收入81.87亿美元。\n"
    "三年前同一季度营收仅为59.31亿美元，本季度营收约为当时的9.6倍。\n"
)
# The same plus a fused year (20300亿美元) and a weekday that does not fit its date.
FLAWED = CLEAN + (
    "黄仁勋说，中国目前的AI芯片市场规模约为500亿美元，到20300亿美元。\n"
    "2025年12月9日（周一），该股收跌6.99%。\n"
)

# other installed plugins slow every inner run down by seconds; these tests do not need them
# In-process runs reuse this process's already imported factcheck; with a setuptools editable
# install pytest then warns that it cannot assert-rewrite it (a fresh `pytest` run does not).
QUIET = ("-p", "no:hypothesispytest", "-p", "no:benchmark", "-p", "no:cacheprovider",
         "-W", "ignore::pytest.PytestAssertRewriteWarning")
NO_TRACEBACK = ("Traceback", "raise ", "site-packages", "pytest_plugin.py", "testing.py")


def write_suite(pytester: pytest.Pytester, entries: str, article: str = CLEAN,
                name: str = "story.facts.yaml", extra: str = "") -> Path:
    (pytester.path / "story.txt").write_text(article, encoding="utf-8")
    body = f"document: story.txt\n{extra}assert:\n" + textwrap.indent(
        textwrap.dedent(entries).strip("\n"), "  ") + "\n"
    path = pytester.path / name
    path.write_text(body, encoding="utf-8")
    return path


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest(*QUIET, *args)


def genitems(pytester: pytest.Pytester) -> list[pytest.Item]:
    items, _ = pytester.inline_genitems(*QUIET)
    return items


def assert_no_traceback(result: pytest.RunResult) -> None:
    out = result.stdout.str()
    for word in NO_TRACEBACK:
        assert word not in out, f"{word!r} in output:\n{out}"


def test_plugin_is_registered_through_the_entry_point(pytestconfig: pytest.Config) -> None:
    assert pytestconfig.pluginmanager.get_plugin("factcheck") is plugin


# ---------------------------------------------------------------------------------------------
# passing entries: every assertion, one entry per case
PASSING = {
    "equals value and unit": """
        - figure: "570.06亿美元"
          equals: "57006000000 USD"
    """,
    "equals a written figure": """
        - figure: "570.06亿美元"
          equals: "570.06億美元"
    """,
    "equals a bare number": """
        - figure: "62%"
          equals: 62
    """,
    "equals within stated precision": """
        - figure: "9.6倍"
          equals: "9.61 x"
    """,
    "figure written with a space": """
        - figure: "570.06 亿美元"
          equals: "57006000000 USD"
    """,
    "figure in Traditional script": """
        - figure: "570.06 億美元"
          equals: "57006000000 USD"
    """,
    "figure in full-width digits": """
        - figure: "５７０．０６亿美元"
          equals: "57006000000 USD"
    """,
    "growth_of": """
        - figure: "62%"
          growth_of: ["570.06亿美元", "350.82亿美元"]
    """,
    "growth_of with mappings and near": """
        - figure: "65%"
          growth_of: [{figure: "319.10亿美元", near: "净利润为"}, {figure: "193.09亿美元"}]
    """,
    "sum_of": """
        - figure: "512.15亿美元"
          sum_of: ["430.28亿美元", "81.87亿美元"]
    """,
    "ratio_of as a multiple": """
        - figure: "9.6倍"
          ratio_of: ["570.06亿美元", "59.31亿美元"]
    """,
    "reference to the bundled table": """
        - figure: "570.06亿美元"
          reference: {entity: Nvidia, metric: revenue, period: FY2026Q3}
    """,
    "reference through aliases": """
        - figure: "319.10亿美元"
          reference: {entity: 英伟达, metric: 净利润, period: FY2026Q3}
    """,
    "kind unit qualifier": """
        - figure: "570.06亿美元"
          kind: money
          unit: USD
          qualifier: exact
    """,
    "count": """
        - figure: "亿美元"
          count: 8
    """,
    "count zero: the figure is absent": """
        - figure: "20300亿美元"
          count: 0
    """,
    "presence only": """
        - figure: "81.87亿美元"
    """,
    "no_findings at all": """
        - no_findings:
    """,
    "no_findings of a kind": """
        - no_findings: garbled
    """,
    "approx widens the comparison": """
        - figure: "62%"
          equals: "63 %"
          approx: "2%"
    """,
    "near picks one occurrence": """
        - figure: "亿美元"
          near: "网络业务收入81.87"
          equals: "8187000000 USD"
    """,
}


@pytest.mark.parametrize("entries", list(PASSING.values()), ids=list(PASSING))
def test_passing_entry(pytester: pytest.Pytester, entries: str) -> None:
    write_suite(pytester, entries)
    result = run(pytester)
    result.assert_outcomes(passed=1)


FLAWED_PASSING = {
    "findings by kind": """
        - findings: {kind: garbled}
    """,
    "findings by rule, severity and figure": """
        - findings: {rule: weekday-mismatch, severity: error, figure: "周一"}
    """,
    "findings about the entry's figure": """
        - figure: "20300亿美元"
          findings: {kind: garbled}
    """,
    "findings count": """
        - findings: {severity: error, count: 2}
    """,
    "no_findings of another kind": """
        - no_findings: {kind: [arithmetic, reference]}
    """,
    "no_findings about one figure": """
        - figure: "570.06亿美元"
          no_findings:
    """,
    "a fall compared with a negative reference": """
        - figure: "6.99%"
          reference: {entity: Marvell, metric: close_change_pct, period: "2025-12-08"}
    """,
}


@pytest.mark.parametrize("entries", list(FLAWED_PASSING.values()), ids=list(FLAWED_PASSING))
def test_passing_entry_on_flawed_article(pytester: pytest.Pytester, entries: str) -> None:
    # the Marvell entry needs an entity in the text
    write_suite(pytester, entries, FLAWED.replace("该股", "迈威尔科技"))
    result = run(pytester)
    result.assert_outcomes(passed=1)


# ---------------------------------------------------------------------------------------------
# failing entries and what their report says
FAILING = {
    "equals a wrong value": ("""
        - figure: "570.06亿美元"
          equals: "57000000000 USD"
    """, ["570.06亿美元 does not equal 57,000,000,000 USD",
          "*sentence:*营收为【570.06亿美元】，较上年同期*",
          "*expected:   57,000,000,000 USD",
          "*found:      570.06亿美元 = 57,006,000,000 USD, which allows 57,005,500,000 .. "
          "57,006,500,000 USD"]),
    "equals in another unit": ("""
        - figure: "570.06亿美元"
          equals: "57006000000 CNY"
    """, ["570.06亿美元 is in USD, not CNY"]),
    "figure not in the document": ("""
        - figure: "570.07亿美元"
          equals: "57007000000 USD"
    """, ["“570.07亿美元” is not in the document", "*figures written like it:*",
          "*570.06亿美元 (line 1)*"]),
    "figure occurring twice without near": ("""
        - figure: "亿美元"
          equals: "57006000000 USD"
    """, ["“亿美元” occurs 10 times; say which one with `near:`*", "*occurrences:*",
          "*1. line 1:*【亿美元】*"]),
    "near that matches nothing": ("""
        - figure: "62%"
          near: "下降"
          equals: "62 %"
    """, ["“62%” is in the document, but not with “下降” written before it*"]),
    "growth_of that does not hold": ("""
        - figure: "65%"
          growth_of: ["570.06亿美元", "350.82亿美元"]
    """, ["65% is not the growth from 350.82亿美元 to 570.06亿美元",
          "*expected:   62.4898 .. 62.4973 % (the growth from*",
          "*found:      65% = 65 %, which allows 64.5 .. 65.5 %",
          "*arithmetic:", "*(570.06亿美元 / 350.82亿美元 - 1) × 100",
          "*growth    = 62.4898 .. 62.4973 %"]),
    "sum_of that does not hold": ("""
        - figure: "512.15亿美元"
          sum_of: ["430.28亿美元", "59.31亿美元"]
    """, ["512.15亿美元 is not the sum 430.28亿美元 + 59.31亿美元",
          "*sum    = 48,958,000,000 .. 48,960,000,000 USD"]),
    "ratio_of that does not hold": ("""
        - figure: "9.6倍"
          ratio_of: ["512.15亿美元", "59.31亿美元"]
    """, ["9.6倍 is not the ratio 512.15亿美元 / 59.31亿美元",
          "*a / b = 8.6343 .. 8.6359 x (= 863.4325 .. 863.595 %)"]),
    "ratio of different units": ("""
        - figure: "9.6倍"
          ratio_of: ["570.06亿美元", "62%"]
    """, ["cannot compute the ratio 570.06亿美元 / 62%: the figures are in different units*"]),
    "reference with no row": ("""
        - figure: "570.06亿美元"
          reference: {entity: Nvidia, metric: revenue, period: FY2027Q3}
    """, ["no reference row for Nvidia / revenue / FY2027Q3",
          "*Nvidia / revenue has rows for: *FY2026Q3*"]),
    "reference that disagrees": ("""
        - figure: "350.82亿美元"
          reference: {entity: Nvidia, metric: revenue, period: FY2026Q3}
    """, ["350.82亿美元 does not match the reference Nvidia / revenue / FY2026Q3",
          "*expected:   57,006,000,000 USD (companies.csv:*)",
          "*source:     NVIDIA press release*"]),
    "no_findings with a finding": ("""
        - no_findings: {kind: garbled}
    """, ["factcheck reports 1 finding (kind=garbled), expected none",
          "*[[]error[]] fused-year (garbled), line 4: 20300亿美元 looks like the year 2030*",
          "*到【20300亿美元】。"]),
    "findings that are not there": ("""
        - findings: {rule: growth-vs-levels}
    """, ["expected a finding (rule=growth-vs-levels); factcheck reports none",
          "*findings factcheck does report:*", "*weekday-mismatch*"]),
    "count that differs": ("""
        - figure: "62%"
          count: 2
    """, ["“62%” occurs once, not 2 times"]),
    "kind that differs": ("""
        - figure: "9.6倍"
          kind: percent
    """, ["9.6倍: kind is multiple, not percent"]),
    "text that is not a figure": ("""
        - figure: "英伟达"
          equals: "1 USD"
    """, ["“英伟达” is in the text, but factcheck does not read it as a figure"]),
    "approx too small": ("""
        - figure: "62%"
          equals: "64 %"
          approx: 0.01
    """, ["62% does not equal 64 %", "*with approx: 60.88 .. 63.12 %*"]),
}


@pytest.mark.parametrize(("entries", "lines"), list(FAILING.values()), ids=list(FAILING))
def test_failing_entry_reads_like_an_editors_note(pytester: pytest.Pytester, entries: str,
                                                  lines: list[str]) -> None:
    write_suite(pytester, entries, FLAWED)
    result = run(pytester)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(lines)
    result.stdout.fnmatch_lines(["*entry:      story.facts.yaml, line 3"])
    assert_no_traceback(result)


def test_failure_header_names_the_entry_and_its_line(pytester: pytest.Pytester) -> None:
    write_suite(pytester, """
        - figure: "62%"
          equals: "62 %"
        - figure: "570.06亿美元"
          equals: "1 USD"
    """)
    result = run(pytester, "-rf")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines([
        "*_ story.facts.yaml:5: 570.06亿美元 equals 1 USD _*",
        "570.06亿美元 does not equal 1 USD",
        "FAILED story.facts.yaml::570.06亿美元 equals 1 USD - 570.06亿美元 do*",
    ])


def test_xfail_and_skip(pytester: pytest.Pytester) -> None:
    write_suite(pytester, """
        - figure: "20300亿美元"
          no_findings: garbled
          xfail: the desk is fixing the garble
        - figure: "62%"
          equals: "62 %"
          xfail: nothing wrong here
        - figure: "65%"
          skip: waiting for the annual report
    """, FLAWED)
    result = run(pytester, "-rxXs")
    result.assert_outcomes(xfailed=1, failed=1, skipped=1)
    result.stdout.fnmatch_lines(["[[]XPASS(strict)[]] nothing wrong here",
                                 "XFAIL *the desk is fixing the garble",
                                 "SKIPPED *waiting for the annual report"])


# ---------------------------------------------------------------------------------------------
# the contract's example, as written there (paths adjusted to this layout)
CONTRACT_EXAMPLE = """\
document: ../seeds/article.txt      # relative to this file
reference: ../reference_data/       # optional: extra tables, as --reference
assert:
  - figure: "570.06 億美元"          # the figure as written in the text
    near: "收入為"                    # optional: text before it, to pick one occurrence
    equals: "57006000000 USD"        # value and unit
  - figure: "62%"
    near: "增長"
    growth_of: ["570.06 億美元", "350.82 億美元"]   # (new / old - 1) within the stated precision
  - figure: "780.25億美元"
    reference: {entity: Marvell, metric: market_cap, period: "2025-12-08"}
  - no_findings: {kind: garbled}     # the document has no finding of that kind
"""
# a test-only desk table: the market value the story states, to exercise `reference:`
DESK_TABLE = (
    "entity,metric,period,value,unit,source\n"
    "Marvell Technology,market_cap,2025-12-08,78025000000,USD,test fixture (not a source)\n"
)


def test_contract_example(pytester: pytest.Pytester) -> None:
    (pytester.path / "seeds").mkdir()
    shutil.copy(SEED, pytester.path / "seeds" / "article.txt")
    (pytester.path / "reference_data").mkdir()
    (pytester.path / "reference_data" / "desk.csv").write_text(DESK_TABLE, encoding="utf-8")
    (pytester.path / "suite").mkdir()
    (pytester.path / "suite" / "article.facts.yaml").write_text(CONTRACT_EXAMPLE,
                                                                encoding="utf-8")
    result = run(pytester, "-v")
    # the seed article does contain a fused year: the last entry fails, as it should
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines([
        "*article.facts.yaml::570.06 億美元 near 收入為 equals 57006000000 USD PASSED*",
        "*article.facts.yaml::62% near 增長 is growth of 570.06 億美元 over 350.82 億美元 PASSED*",
        "*article.facts.yaml::780.25億美元 matches reference Marvell market_cap 2025-12-08 PASSED*",
        "*article.facts.yaml::no_findings kind=garbled FAILED*",
        "factcheck reports 1 finding (kind=garbled), expected none",
    ])
    assert_no_traceback(result)


def test_shipped_editorial_suites_pass(pytester: pytest.Pytester) -> None:
    result = run(pytester, str(ROOT / "tests" / "editorial"), "--rootdir", str(ROOT))
    outcomes = result.parseoutcomes()
    assert outcomes.get("failed", 0) == 0 and outcomes.get("errors", 0) == 0, \
        result.stdout.str()
    assert outcomes["passed"] >= 25


# ---------------------------------------------------------------------------------------------
# malformed files are collection errors naming the file and the line
MALFORMED = {
    "bad YAML": ("document: story.txt\nassert:\n  - figure: [1\n",
                 "story.facts.yaml:4: not valid YAML: while parsing a flow sequence*"),
    "tab indentation": ("document: story.txt\nassert:\n\t- no_findings:\n",
                        "story.facts.yaml:3: not valid YAML:*"),
    "unknown assertion key": (
        "document: story.txt\nassert:\n  - figure: \"62%\"\n    equal: \"62 %\"\n",
        "story.facts.yaml:4: entry 1 (62%): unknown key 'equal' in an entry "
        "(did you mean 'equals'?)*"),
    "unknown top-level key": ("documents: story.txt\nassert: []\n",
                              "story.facts.yaml:1: unknown key 'documents' in the file "
                              "(did you mean 'document'?)*"),
    "missing document": ("assert:\n  - no_findings:\n",
                         "story.facts.yaml:1: `document:` is missing*"),
    "missing assert": ("document: story.txt\n", "story.facts.yaml:1: `assert:` is missing*"),
    "empty assert": ("document: story.txt\nassert: []\n",
                     "story.facts.yaml:2: `assert:` must be a list of entries*"),
    "empty file": ("", "story.facts.yaml:1: the file is empty*"),
    "document not found": ("document: nowhere.txt\nassert:\n  - no_findings:\n",
                           "story.facts.yaml:1: document nowhere.txt: no such file*"),
    "reference not found": (
        "document: story.txt\nreference: tables/\nassert:\n  - no_findings:\n",
        "story.facts.yaml:2: reference tables: no such file or directory"),
    "python tag is not executed": (
        "document: !!python/object/apply:os.system [\"echo pwned\"]\nassert:\n"
        "  - no_findings:\n",
        "story.facts.yaml:1: not valid YAML: could not determine a constructor*"),
    "duplicate key": ("document: story.txt\nassert:\n  - figure: \"62%\"\n"
                      "    figure: \"65%\"\n",
                      "story.facts.yaml:4: not valid YAML: duplicate key 'figure'*"),
    "entry without assertion": ("document: story.txt\nassert:\n  - name: hello\n",
                                "story.facts.yaml:3: entry 1 (hello) asserts nothing*"),
    "assertion without figure": ("document: story.txt\nassert:\n  - equals: \"62 %\"\n",
                                 "story.facts.yaml:3: entry 1: `equals:` needs `figure:`*"),
    "entry that is not a mapping": ("document: story.txt\nassert:\n  - 62%\n",
                                    "story.facts.yaml:3: entry 1 must be a mapping*"),
    "growth_of with one figure": (
        "document: story.txt\nassert:\n  - figure: \"62%\"\n    growth_of: [\"570.06亿美元\"]\n",
        "story.facts.yaml:4: entry 1 (62%): growth_of needs 2 figures, got 1"),
    "unknown finding kind": (
        "document: story.txt\nassert:\n  - no_findings: {kind: garbeld}\n",
        "story.facts.yaml:3: entry 1: no_findings: unknown kind 'garbeld' "
        "(did you mean 'garbled'?)*"),
    "unknown rule": ("document: story.txt\nassert:\n  - findings: weekday\n",
                     "story.facts.yaml:3: entry 1: findings: 'weekday' is not a finding kind*"),
    "unparseable equals": (
        "document: story.txt\nassert:\n  - figure: \"62%\"\n    equals: \"sixty-two\"\n",
        "story.facts.yaml:4: entry 1 (62%): equals: 'sixty-two' is not a value*"),
    "negative count": ("document: story.txt\nassert:\n  - figure: \"62%\"\n    count: -1\n",
                       "story.facts.yaml:4: entry 1 (62%): count must be a whole number*"),
    "approx without comparison": (
        "document: story.txt\nassert:\n  - figure: \"62%\"\n    approx: 0.01\n",
        "story.facts.yaml:4: entry 1 (62%): `approx:` widens equals*"),
    "bad approx": (
        "document: story.txt\nassert:\n  - figure: \"62%\"\n    equals: 62\n    approx: lots\n",
        "story.facts.yaml:5: entry 1 (62%): approx 'lots' is not a relative tolerance*"),
    "unknown reference key": (
        "document: story.txt\nassert:\n  - figure: \"62%\"\n    reference: {company: x}\n",
        "story.facts.yaml:4: entry 1 (62%): unknown key 'company' in reference*"),
    "unknown figure kind": (
        "document: story.txt\nassert:\n  - figure: \"62%\"\n    kind: percentage\n",
        "story.facts.yaml:4: entry 1 (62%): kind 'percentage' is not one of*"
        "(did you mean 'percent'?)"),
    "bad date": ("document: story.txt\ndate: 2025-13-01\nassert:\n  - no_findings:\n",
                 "story.facts.yaml:2: date must be YYYY-MM-DD (the publication date)*"),
    "second entry is the bad one": (
        "document: story.txt\nassert:\n  - figure: \"62%\"\n    equals: 62\n"
        "  - figure: \"65%\"\n    grwoth_of: [a, b]\n",
        "story.facts.yaml:6: entry 2 (65%): unknown key 'grwoth_of'*"
        "(did you mean 'growth_of'?)*"),
}


@pytest.mark.parametrize(("content", "message"), list(MALFORMED.values()), ids=list(MALFORMED))
def test_malformed_file_is_a_collection_error(pytester: pytest.Pytester, content: str,
                                              message: str) -> None:
    (pytester.path / "story.txt").write_text(CLEAN, encoding="utf-8")
    (pytester.path / "story.facts.yaml").write_text(content, encoding="utf-8")
    result = run(pytester)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*ERROR collecting story.facts.yaml*", message])
    assert "pwned" not in result.stdout.str()
    assert_no_traceback(result)


def test_malformed_reference_table_is_a_collection_error(pytester: pytest.Pytester) -> None:
    (pytester.path / "bad.csv").write_text("entity,metric\nx,y\n", encoding="utf-8")
    write_suite(pytester, "- no_findings:\n", extra="reference: bad.csv\n")
    result = run(pytester)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["story.facts.yaml:2: *bad.csv:1: missing required column*"])


def test_undecodable_document_is_a_collection_error(pytester: pytest.Pytester) -> None:
    write_suite(pytester, "- no_findings:\n")
    (pytester.path / "story.txt").write_bytes(b"\x00\x01\xff\xfe\x00garbage")
    result = run(pytester)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["story.facts.yaml:1: *story.txt: *"])


def test_documents_in_other_encodings_are_read(pytester: pytest.Pytester) -> None:
    text = "輝達營收570.06億美元，較上年同期的350.82億美元增長62%。\n"
    (pytester.path / "big5.txt").write_bytes(text.encode("big5"))
    (pytester.path / "x.facts.yaml").write_text(
        "document: big5.txt\nassert:\n  - figure: \"62%\"\n"
        "    growth_of: [\"570.06億美元\", \"350.82億美元\"]\n", encoding="utf-8")
    result = run(pytester)
    result.assert_outcomes(passed=1)


# ---------------------------------------------------------------------------------------------
# collection: names, lines, which files
NAMES = [
    ('- figure: "570.06亿美元"\n  equals: "57006000000 USD"\n',
     "570.06亿美元 equals 57006000000 USD"),
    ('- figure: "62%"\n  near: "增长"\n  growth_of: ["570.06亿美元", "350.82亿美元"]\n',
     "62% near 增长 is growth of 570.06亿美元 over 350.82亿美元"),
    ('- figure: "512.15亿美元"\n  sum_of: ["430.28亿美元", "81.87亿美元"]\n',
     "512.15亿美元 is sum of 430.28亿美元 + 81.87亿美元"),
    ('- figure: "9.6倍"\n  ratio_of: ["570.06亿美元", "59.31亿美元"]\n',
     "9.6倍 is ratio of 570.06亿美元 / 59.31亿美元"),
    ('- figure: "570.06亿美元"\n  reference: {entity: Nvidia, metric: revenue, '
     'period: FY2026Q3}\n', "570.06亿美元 matches reference Nvidia revenue FY2026Q3"),
    ("- no_findings: {kind: garbled}\n", "no_findings kind=garbled"),
    ("- no_findings:\n", "no_findings"),
    ("- findings: {rule: fused-year, severity: error}\n",
     "findings rule=fused-year severity=error"),
    ('- figure: "62%"\n  count: 1\n', "62% occurs once"),
    ('- figure: "62%"\n  kind: percent\n  unit: "%"\n', "62% is kind=percent unit=%"),
    ('- figure: "62%"\n', "62% is in the document"),
    ('- name: revenue is right\n  figure: "570.06亿美元"\n  equals: 57006000000\n',
     "revenue is right"),
]


@pytest.mark.parametrize(("entry", "name"), NAMES, ids=[n for _, n in NAMES])
def test_item_names(pytester: pytest.Pytester, entry: str, name: str) -> None:
    write_suite(pytester, entry)
    items = genitems(pytester)
    assert [item.name for item in items] == [name]


def test_reportinfo_points_at_the_entry_line(pytester: pytest.Pytester) -> None:
    path = write_suite(pytester, """
        - figure: "62%"
          equals: 62
        # a comment
        - figure: "65%"
          equals: 65
        - figure: "65%"
          equals: 65
    """)
    items = genitems(pytester)
    assert [item.reportinfo()[:2] for item in items] == [(path, 2), (path, 5), (path, 7)]
    assert [item.location[1] for item in items] == [2, 5, 7]
    # the repeated entry gets its line in the name, so node ids stay unique
    assert items[2].name == "65% equals 65 [line 8]"


def test_only_facts_yaml_files_are_collected(pytester: pytest.Pytester) -> None:
    write_suite(pytester, '- figure: "62%"\n', name="a.facts.yaml")
    write_suite(pytester, '- figure: "62%"\n', name="b.facts.yml")
    write_suite(pytester, '- figure: "62%"\n', name="config.yaml")
    result = run(pytester, "--collect-only", "-q")
    result.stdout.fnmatch_lines(["a.facts.yaml::62% is in the document",
                                 "b.facts.yml::62% is in the document"])
    assert "config.yaml" not in result.stdout.str()


def test_article_is_read_once_per_file(pytester: pytest.Pytester,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = plugin.load_article
    monkeypatch.setattr(plugin, "load_article", lambda *a, **k: calls.append(a) or real(*a, **k))
    monkeypatch.setattr(plugin, "_ARTICLES", {})
    write_suite(pytester, '- figure: "62%"\n- figure: "65%"\n- no_findings:\n')
    run(pytester).assert_outcomes(passed=3)
    assert len(calls) == 1


# ---------------------------------------------------------------------------------------------
# the YAML loader
def test_loader_records_lines_and_keeps_values_as_written() -> None:
    data = plugin.load_yaml("a: 1\nlist:\n  - x: 570.060\n    period: 2025-12-08\n  - y\n")
    assert data.line == 1 and data.key_lines == {"a": 1, "list": 2}
    assert data["list"].item_lines == [3, 5]
    entry = data["list"][0]
    assert entry.line == 3 and entry.key_lines == {"x": 3, "period": 4}
    assert str(entry["x"]) == "570.060"
    assert entry["period"] == "2025-12-08"


def test_loader_refuses_python_tags() -> None:
    import yaml

    with pytest.raises(yaml.YAMLError):
        plugin.load_yaml("x: !!python/name:os.system\n")


# date: the publication date dates a day-only reference, as --date does
DATED = "台股（9）日（週四）收盤上漲100點。\n"
DATED_SUITES = [
    # (date line, entry, outcome)
    ("date: 2026-01-09\n", "- findings: {rule: weekday-mismatch, figure: \"週四\"}", "passed"),
    ("date: 2026-04-30\n", "- no_findings: date", "passed"),   # 9 April 2026 is a Thursday
    ("", "- no_findings: date", "passed"),                       # undated: nothing to check
    ("date: 2026-01-09\n", "- no_findings: date", "failed"),
]


@pytest.mark.parametrize(("date", "entry", "outcome"), DATED_SUITES)
def test_date_key_gives_the_publication_date(pytester: pytest.Pytester, date: str, entry: str,
                                             outcome: str) -> None:
    write_suite(pytester, entry, article=DATED, extra=date)
    result = run(pytester)
    result.assert_outcomes(**{outcome: 1})
