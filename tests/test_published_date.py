"""The publication date a caller gives (``extract(text, published)``, ``--date``): it dates
what the text leaves undated, and never overrides what the text says."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.extract import extract

CASES = [
    # (text, published, figure as written, value)
    ("台股（9）日收盤上漲100點。", dt.date(2026, 1, 9), "（9）日", "2026-01-09"),
    ("台股（9）日收盤上漲100點。", None, "（9）日", None),
    ("港股本月9日收市升100點。", dt.date(2025, 12, 20), "本月9日", "2025-12-09"),
    # a month far after the publication month is last year's (12月 in a January story)
    ("12月出口624.7億美元，年增。", dt.date(2026, 1, 10), "12月", "2025-12"),
    ("12月出口624.7亿美元，同比增长。", dt.date(2026, 1, 10), "12月", "2025-12"),
    ("12月出口624.7億美元。", dt.date(2026, 7, 10), "12月", "2026-12"),
    ("11月出口624.7亿美元。", dt.date(2025, 12, 8), "11月", "2025-11"),
    # 上周五 and 下周一 count from the story's own date, not from a data date it cites
    ("截至6月30日，股票型基金今年來上漲；截至上週五，上證綜指上漲71%。", dt.date(2009, 7, 14),
     "上週五", "2009-07-10"),
    ("截至6月30日，基金规模增长，下周一公布名单。", dt.date(2009, 7, 14), "下周一", "2009-07-20"),
    # the text's own year wins
    ("2024年12月出口624.7億美元。", dt.date(2026, 1, 10), "2024年12月", "2024-12"),
]


@pytest.mark.parametrize(("text", "published", "written", "value"), CASES)
def test_published_date_dates_what_the_text_leaves_open(
        text: str, published: dt.date | None, written: str, value: str | None) -> None:
    found = {m.text: m.value for m in extract(text, published)}
    assert found[written] == value
