"""A figure the prose states for a table's row, against the row's cell (台北市元月…2,128棟，月減
8.7% beside a table whose 台北市 row holds 2,128 and -8.7% under 2026年1月 and 月增減率).

Stories that print a table usually restate some of its cells in prose, named by the row's
label. The row is found by its label, the nearest one before the figure in its sentence; the
column by the figure's role: a rate by its basis (月減 in the 月增減率 column, 年增 in the 年增減率
one), a level by the current column. Only a prose figure that equals the cell or is one typical
slip from it is bound, so a figure of another month named by the same row (去年12月台北市…)
never raises a finding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..coldates import change_basis
from ..texttable import Section, Span, columns
from .common import Binding, _row, as_level
from .frames import Frame
from .restate import _one_slip
from .solve import holds


def prose_cells(section: Section, text: str, frames: list[Frame],
                figure: Callable[[Span], Frame | None],
                dated: list[tuple[Span, Span, Span, int]]) -> Iterator[Binding]:
    """Bindings of prose figures to the cells of ``section``; ``dated``: its (current, base,
    change, months back) columns."""
    if not dated or not section.rows:
        return
    row_of: dict[str, list[Span]] = {}
    for row in section.rows:
        label = text[row[0][0]:row[0][1]].strip()
        if len(label) >= 2 and figure(row[0]) is None:
            row_of[label] = [] if label in row_of else row  # (a label twice names no row)
    row_of = {k: v for k, v in row_of.items() if v}
    if not row_of:
        return
    current = dated[0][0]
    by_basis = {b: delta for _, _, delta, back in dated
                if (b := change_basis(text[delta[0]:delta[1]], back))}
    first, last = section.rows[0][0][0], section.rows[-1][-1][1]
    restate = _row("table_restate")
    for f in frames:
        if first <= f.start < last:
            continue
        label = _row_label(text, f, row_of)
        if label is None:
            continue
        head = by_basis.get(f.basis or "") if f.quantity == "percent" and f.role == "move" \
            else current if f.quantity == "amount" and f.role in ("level", "to") else None
        cells = dict(columns(section, row_of[label]))
        cell = figure(cells[head]) if head in cells else None
        if cell is None or cell.quantity != f.quantity:
            continue
        cell = as_level(cell)  # equal within the stated rounding, or one slip apart
        if holds(restate.formula, {"a": f.interval(), "b": cell.interval()}) \
                or _one_slip(restate, f, cell):
            yield Binding(restate, "a", [{"a": f, "b": cell}], True)


def _row_label(text: str, f: Frame, row_of: dict[str, list[Span]]) -> str | None:
    """The row label named last before the figure in its sentence (新北市4,033棟，月減13.8%)."""
    window = text[f.sentence[0]:f.start]
    found = [(window.rfind(label), label) for label in row_of if label in window]
    return max(found)[1] if found else None
