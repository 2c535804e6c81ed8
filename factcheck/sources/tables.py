"""CSV and Excel sources: a statistics table or a results sheet, one figure per cell.

A cell is named by its row's label (the first column that is not a number) and its column's
header, folded; a header or the table's first cell may state the unit (营收（亿元）, 單位：百萬元,
%), which the cell's value is read in, with the plain number kept as another reading.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ..errors import InputError
from ..model import Mention
from ..relations.frames import _basis
from ..textfold import fold
from .concepts import named_concept
from .figures import Figure, Reading, unit_of

TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xls")


def _frame(path: str):  # noqa: ANN202 - pandas is imported lazily
    import pandas as pd

    try:
        if path.lower().endswith((".xlsx", ".xls")):
            return pd.read_excel(path, header=0, dtype=str)
        sep = "\t" if path.lower().endswith(".tsv") else ","
        return pd.read_csv(path, header=0, dtype=str, sep=sep, encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except ImportError as exc:
        raise InputError(f"{path}: cannot read this table ({exc})") from None
    except Exception as exc:  # noqa: BLE001 - pandas, openpyxl and zipfile raise many kinds
        reason = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise InputError(f"{path}: not a readable table ({reason})") from None


def _number(cell: str) -> tuple[Decimal, int, bool] | None:
    """(value, decimals, percent) of a cell that is one number (1,234.5, -3.2%, （3.2）)."""
    text = fold(cell).strip().replace(",", "")
    neg = text.startswith(("(", "（")) and text.endswith((")", "）"))
    text = text.strip("()（）")
    pct = text.endswith("%")
    text = text.rstrip("%").strip()
    if not re.fullmatch(r"[-+]?\d+(?:\.\d+)?", text):
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return (-value if neg else value), len(text.partition(".")[2]), pct


def _unit(words: str) -> tuple[Decimal, str | None] | None:
    """The unit a header or label declares (营收（亿元）, 單位：百萬元)."""
    return unit_of(fold(words), bool(re.search(r"[（(]", words)))


def table_source(path: str):  # noqa: ANN201 - a Source (imported late: a cycle)
    """A CSV or Excel table as a source document of its numeric cells."""
    from . import Source

    frame = _frame(path)
    headers = [str(h) for h in frame.columns]
    table_unit = _unit(headers[0]) if headers else None
    figures: list[Figure] = []
    for r, row in enumerate(frame.itertuples(index=False), start=2):
        cells = ["" if c is None or str(c) == "nan" else str(c) for c in row]
        label = next((c for c in cells if c and _number(c) is None), "")
        for col, cell in enumerate(cells):
            parsed = _number(cell) if cell else None
            if parsed is None:
                continue
            value, decimals, pct = parsed
            header = headers[col] if col < len(headers) else ""
            half = Decimal(5).scaleb(-decimals - 1)
            words = fold(label + header)
            mention = Mention(0, 0, cell, "percent" if pct else "count", value,
                              "%" if pct else None, "exact", value - half, value + half,
                              number_text=cell)
            readings = [Reading(value - half, value + half, value, "%" if pct else "bare",
                                None, Decimal(1))]
            unit = None if pct else (_unit(header) or _unit(label) or table_unit)
            if unit is not None:
                scale, currency = unit
                readings.append(Reading((value - half) * scale, (value + half) * scale,
                                        value * scale, "money", currency, scale))
            name = re.sub(r"[\s\d.,%（）()]+", "", words)[-16:]
            concept = named_concept(fold(label)) or named_concept(fold(header))
            figures.append(Figure(path, mention, tuple(readings), name, name, _basis(words),
                                  concept, (None, None, None), 1, (r, r), r, col + 1,
                                  f"{label} | {header}: {cell}"))
    return Source(path, "", figures)

