"""Rendering (rich terminal tables); no extraction or checking logic lives here."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from .io import Document
from .model import Mention, json_number


def _fmt(value: object) -> str:
    value = json_number(value)
    return "" if value is None else str(value)


def render_extract_table(docs: Sequence[Document], mentions: Sequence[Sequence[Mention]],
                         color: bool = True, file_path: str | None = None) -> None:
    """One table per document: the figure as written, kind, value, unit, interval."""
    fh = open(file_path, "w", encoding="utf-8") if file_path else None  # noqa: SIM115
    try:
        console = Console(file=fh, no_color=not color, highlight=False)
        if fh is not None or not console.is_terminal:
            console.width = max(console.width, 140)  # files and pipes: do not wrap figures
        for doc, found in zip(docs, mentions, strict=True):
            table = Table(title=f"{doc.name}: {len(found)} figures", show_lines=False)
            for col in ("pos", "text", "kind", "value", "unit", "qualifier", "interval"):
                table.add_column(col, overflow="fold")
            for m in found:
                interval = f"{_fmt(m.lo) or '-inf'} .. {_fmt(m.hi) or '+inf'}" \
                    if (m.lo is not None or m.hi is not None) else ""
                table.add_row(str(m.start), m.text, m.kind, _fmt(m.value), m.unit or "",
                              m.qualifier, interval)
            console.print(table)
    finally:
        if fh:
            fh.close()
