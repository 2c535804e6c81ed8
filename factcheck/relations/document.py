"""The document layer: the folded text and its sentences, clauses and paragraphs, once.

Every stage of the relation engine asks "which sentence is this figure in?"; answering it
from one sorted list of boundaries keeps the spelling of a sentence end in one place.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..positions import within  # noqa: F401 — re-exported: relations slice frames so
from ..textfold import fold
from .flat import unflatten

SENTENCE_END = re.compile(r"[。！？!?；;\n]")
# a full stop ends what a period word at its start governs; a semicolon joins parallel clauses
# under it (现财年9个月，净利…；营收…)
STATEMENT_END = re.compile(r"[。！？!?\n]")
# a comma or colon between digits is a thousands separator or a clock, not a clause end
# where a list's items or a sentence's clauses part (，,；;), for counting and splitting them
CLAUSE_BREAK = re.compile(r"[，,；;]")
CLAUSE_END = re.compile(r"[，：。！？!?；;\n]|(?<!\d)[,:]|[,:](?!\d)")


@dataclass
class Document:
    """A text with its folded twin (same length) and boundary indexes."""

    text: str
    folded: str = ""
    _sent: list[int] = field(default_factory=list)
    _clause: list[int] = field(default_factory=list)
    _para: list[int] = field(default_factory=list)
    _stmt: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, text: str, folded: str | None = None) -> Document:
        f = unflatten(folded if folded is not None else fold(text))  # tables on one line
        return cls(text, f, [m.start() for m in SENTENCE_END.finditer(f)],
                   [m.start() for m in CLAUSE_END.finditer(f)],
                   [m.start() for m in re.finditer(r"\n\s*\n|\n", f)],
                   [m.start() for m in STATEMENT_END.finditer(f)])

    @staticmethod
    def _around(ends: list[int], pos: int, n: int) -> tuple[int, int]:
        k = bisect.bisect_left(ends, pos)
        return (ends[k - 1] + 1 if k else 0, ends[k] if k < len(ends) else n)

    def sentence(self, pos: int) -> tuple[int, int]:
        return self._around(self._sent, pos, len(self.folded))

    def clause(self, pos: int) -> tuple[int, int]:
        return self._around(self._clause, pos, len(self.folded))

    def statement(self, pos: int) -> tuple[int, int]:
        """The sentence up to its full stop, semicolon clauses and all."""
        return self._around(self._stmt, pos, len(self.folded))

    def paragraph(self, pos: int) -> tuple[int, int]:
        return self._around(self._para, pos, len(self.folded))

