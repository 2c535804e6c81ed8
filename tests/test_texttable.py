"""Plain-text tables: cells by pipes, tabs or runs of spaces; headers open sections."""

from __future__ import annotations

import re

import pytest

from factcheck.texttable import cells, columns, tables

FIGURE = re.compile(r"\d")


def _has_figure(text: str):
    return lambda span: bool(FIGURE.search(text[span[0]:span[1]]))


@pytest.mark.parametrize(("line", "want"), [
    ("营收 | 100亿元 | 90亿元 |", ["营收", "100亿元", "90亿元"]),
    ("營收\t100億元\t90億元", ["營收", "100億元", "90億元"]),
    ("营收    100 亿元   90亿元", ["营收", "100 亿元", "90亿元"]),  # one space stays in a cell
    ("|---|:--:|", ["---", ":--:"]),
    ("", []),
])
def test_cells(line: str, want: list[str]) -> None:
    assert [line[a:b] for a, b in cells(line, 0, len(line))] == want


@pytest.mark.parametrize(("text", "headers", "rows"), [
    # a header, a Markdown rule, two rows
    ("本期 | 上年同期 | 同比 |\n|---|---|---|\n营收 | 100亿元 | 90亿元 | 11% |\n"
     "净利 | 10亿元 | 9亿元 | 11% |\n", [["本期", "上年同期", "同比"]], [2]),
    # two sections of one table: each header opens its own
    ("分产品 | 营业收入 | 占比 |\nA | 7亿元 | 70% |\nB | 3亿元 | 30% |\n"
     "分地区 | 营业收入 | 占比 |\n海外 | 5亿元 | 50% |\n国内 | 5亿元 | 50% |\n",
     [["分产品", "营业收入", "占比"], ["分地区", "营业收入", "占比"]], [2, 2]),
    # prose with a figure in every line is no table: no header names its columns
    ("营收  100亿元，  同比增长  25%。\n净利  20亿元。\n", [], []),
    # a table ends at a blank line; rows after it need a header of their own
    ("项目 | 本年 | 上年 |\n存款 | 3亿元 | 2亿元 |\n\n贷款 | 5亿元 | 4亿元 |\n",
     [["项目", "本年", "上年"]], [1]),
])
def test_sections(text: str, headers: list[list[str]], rows: list[int]) -> None:
    found = list(tables(text, _has_figure(text)))
    assert [[text[a:b] for a, b in s.header] for s in found] == headers
    assert [len(s.rows) for s in found] == rows


def test_a_header_without_the_label_column_names_the_cells_after_the_label() -> None:
    text = "本期 | 上年同期 | 同比 |\n营收 | 100亿元 | 90亿元 | 11% |\n"
    section = next(tables(text, _has_figure(text)))
    pairs = columns(section, section.rows[0])
    assert [(text[h[0]:h[1]], text[c[0]:c[1]]) for h, c in pairs] == [
        ("本期", "100亿元"), ("上年同期", "90亿元"), ("同比", "11%")]


@pytest.mark.parametrize(("line", "rows"), [
    # a header of five columns with a corner cell, then two rows of a label and five figures
    ("六都會區 2025年1月 2025年12月 2026年1月 月增減率 年增減率 台北市 1,604 2,331 2,128 -8.7% "
     "32.7% 新北市 2,869 4,680 4,033 -13.8% 40.6%", 3),
    # no corner cell; figures in brackets
    ("本期 上年同期 增减 营收 (1.98) 573,702 0.82 净利 95,808 4.06 258,446", 3),
    # prose and a single row are no table
    ("股价 2025年1月 2025年12月 2026年1月 分别为 12.5 13.1 14.2 元", 1),
    ("全年营收 520.3 亿元，净利 61.24 亿元，增长 9.96% 和 8.1%", 1),
])
def test_a_table_flattened_onto_one_line_is_read_back(line, rows):
    from factcheck.relations.flat import unflatten

    out = unflatten(line)
    assert len(out) == len(line)  # offsets are kept
    assert out.count("\n") + 1 == rows
    assert [c for c in out if not c.isspace()] == [c for c in line if not c.isspace()]


HKEX = ("财务表现摘要\n未经审核\n截至下列日期止三个月\n二零二五年\n九月三十日\n二零二四年\n"
        "九月三十日 同比变动\n二零二五年\n六月三十日 环比变动\n(人民币百万元,另有指明者除外)\n"
        "收入 192,869 167,193 15% 184,504 5%\n每股盈利(每股人民币元)\n"
        "-基本 6.952 5.762 21% 6.115 14%\n")


@pytest.mark.parametrize(("text", "header", "months", "rows"), [
    # an HKEX announcement's PDF text: a year and the month and day under it make one column;
    # a row group's title (每股盈利) does not end the table
    (HKEX, ["二零二五年\n九月三十日", "二零二四年\n九月三十日", "同比变动",
            "二零二五年\n六月三十日", "环比变动"], 3, 2),
    # Arabic dates, Traditional script, a year's span
    ("截至12月31日止年度\n2025年\n2024年 變動\n收入 1,234 1,100 12.2%\n",
     ["2025年", "2024年", "變動"], 12, 1),
])
def test_a_header_stacked_over_lines_names_the_columns(text, header, months, rows):
    from factcheck.textfold import fold

    text, header = fold(text), [fold(h) for h in header]  # (tables read folded text)
    found = list(tables(text, _has_figure(text)))
    assert [[text[a:b] for a, b in s.header] for s in found] == [header]
    assert found[0].months == months and len(found[0].rows) == rows


@pytest.mark.parametrize("text", [
    # pieces that do not make one column per figure are no header
    "二零二五年\n九月三十日\n收入 192,869 167,193 15%\n",
    # prose between the dates and the rows: the header starts after it
    "二零二五年\n二零二四年\n公司表示，收入增长主要来自游戏业务的强劲表现以及广告收入的恢复。\n"
    "收入 192,869 167,193\n",
])
def test_short_lines_that_do_not_fit_the_rows_are_no_header(text):
    assert list(tables(text, _has_figure(text))) == []


@pytest.mark.parametrize(("cell", "when"), [
    ("二零二五年九月三十日", (2025, 9)), ("二〇二四年\n十二月三十一日", (2024, 12)),
    ("2025年6月30日", (2025, 6)), ("2023年", (2023, None)), ("2025", None), ("九月三十日", None),
    ("二零二五年十三月", None),
])
def test_column_dates(cell, when):
    from factcheck.coldates import column_date

    assert column_date(cell.replace("\n", "")) == when


@pytest.mark.parametrize(("words", "months"), [
    ("截至下列日期止三个月", 3), ("截至九月三十日止九個月", 9), ("截至十二月三十一日止年度", 12),
    ("截至2025年6月30日止6个月", 6), ("未经审核", None),
])
def test_the_months_a_header_block_says_its_columns_cover(words, months):
    from factcheck.coldates import span_months

    assert span_months(words) == months
