"""How a predicted figure is matched to a gold one: values compared as the contract defines
them, with the spellings annotators are free to choose compared by what they mean."""

from __future__ import annotations

import pytest

from factcheck.scoring import same_value

CASES = [
    # (predicted value, gold value, kind, same?)
    ("2019-01/2019-05", "2019-01/2019-05", "period", True),
    ("2019-01/2019-05", "M1-M5", "period", True),         # month ranges spelled three ways
    ("--01/--07", "2022-01/2022-07", "period", True),      # no year in the text: months agree
    ("2025-01/2025-09", "Q1-Q3", "period", True),
    ("2025-01/2025-09", "2024-01/2024-09", "period", False),  # both years known: they differ
    ("2019-01/2019-05", "M1-M6", "period", False),
    ("2025-01/2025-11", "2025-M1-M11", "period", True),     # a year before the month span
    ("2025-01/2025-11", "2024-M1-M11", "period", False),
    ("2023-Q3-Q4", "2023-Q3/2023-Q4", "period", True),    # two quarters listed, one span
    ("Q1-Q2", "Q1/Q2", "period", True),
    ("2023-Q3-Q4", "2023-Q2/2023-Q4", "period", False),    # not contiguous: no span
    ("FY2024H1", "FY2024-H1", "period", True),             # a fiscal half, spelled two ways
    ("FY2024Q1-Q3", "FY2024-Q1-Q3", "period", True),
    ("FY2024H1", "2024-H1", "period", False),              # fiscal is not calendar
    ("FY2024H1", "FY2023H1", "period", False),
    ("--04-14", "2018-04-14", "date", True),               # the contract's form without a year
    ("--04-14", "2018-04-15", "date", False),
    ("2018-04-14", "2017-04-14", "date", False),
    ("2026-01-09", "--01-09", "date", True),   # the year from --date; the annotator's text had none
    ("2026-01-09", "--01-10", "date", False),
    ("2026-01-09", None, "date", True),        # a weekday only the publication date dates
    ("62", None, "percent", False),
    ("62", "62", "percent", True),
    ("61.9", "62", "percent", False),
]


@pytest.mark.parametrize(("pred", "gold", "kind", "same"), CASES)
def test_same_value(pred: str, gold: str | None, kind: str, same: bool) -> None:
    assert same_value({"kind": kind, "value": pred}, {"kind": kind, "value": gold}) is same


@pytest.mark.parametrize(("pred", "lo", "hi", "same"), [
    ("2022-10/2022-12", "2022-10", "2022-12", True),   # a range spelled as its two ends
    ("2022-11/2023-01", "--11", "--01", True),         # across a new year, no year in the gold
    ("2022-10/2022-11", "2022-10", "2022-12", False),
])
def test_period_range_spelled_as_its_ends(pred: str, lo: str, hi: str, same: bool) -> None:
    gold = {"kind": "period", "value": None, "lo": lo, "hi": hi}
    assert same_value({"kind": "period", "value": pred}, gold) is same
