"""Integrity of the lexicon tables and of the text folding that matching relies on."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from factcheck.lexicon import KINDS, LEXICON_DIR, load_lexicon
from factcheck.textfold import fold

TABLES = sorted(LEXICON_DIR.glob("*.csv"))


def test_lexicon_loads() -> None:
    lex = load_lexicon()
    assert lex.multipliers["亿"] == 10**8
    assert lex.multipliers["兆"] == 10**12
    assert lex.currencies[("美元", "post")] == "USD"
    assert lex.units["个百分点"].kind == "pp"


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.name)
def test_tables_have_note_column_and_no_duplicates(path: Path) -> None:
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert rows, path
    assert "note" in rows[0], f"{path.name} has no note column"
    key = "form" if "form" in rows[0] else next(iter(rows[0]))  # net_pairs.csv: net
    keys = [(fold(r[key]), r.get("position", ""), r.get("applies", ""), r.get("parts", ""))
            for r in rows]
    assert len(keys) == len(set(keys)), f"duplicate forms in {path.name}"


def test_currency_codes_are_iso_shaped() -> None:
    for code in set(load_lexicon().currencies.values()):
        # a cent, a tenth (角), a million (球)
        base = code.removesuffix("_CENT").removesuffix("_DIME").removesuffix("_MILLION")
        assert base in ("LOCAL", "DOLLAR") or (len(base) == 3 and base.isupper()), code


def test_unit_kinds_are_contract_kinds() -> None:
    for unit in load_lexicon().units.values():
        assert unit.kind in KINDS


def test_lexicon_readme_describes_every_table() -> None:
    readme = (LEXICON_DIR / "README.md").read_text(encoding="utf-8")
    for path in TABLES:
        assert path.name in readme, f"{path.name} is not described in lexicon/README.md"


@pytest.mark.parametrize(
    "text", ["輝達營收５７０．０６億美元", "週三\N{IDEOGRAPHIC SPACE}約合", "ﾊ￥£"]
)
def test_fold_keeps_length(text: str) -> None:
    assert len(fold(text)) == len(text)


def test_fold_maps_traditional_and_full_width() -> None:
    assert fold("萬億兩個％５") == "万亿两个%5"
    assert fold("，") == "，"  # the full-width comma is a clause separator, never a digit group


def _locale_rows() -> list[dict[str, str]]:
    with (LEXICON_DIR / "locale_cues.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("row", _locale_rows(), ids=lambda r: r["form"])
def test_every_locale_cue_sets_the_currency_of_a_bare_yuan(row: dict[str, str]) -> None:
    """Each row of lexicon/locale_cues.csv alone makes a bare 元 its locale's dollar."""
    from factcheck.extract import extract

    # (a carrier of no script's own characters: one weak word must outweigh no script)
    [m] = [m for m in extract(f"{row['form']}：1.5元。") if m.text == "1.5元"]
    from factcheck.currency import LOCALE_CURRENCY

    assert m.unit == LOCALE_CURRENCY[row["locale"]], m.extra
