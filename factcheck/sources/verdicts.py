"""From alignments to findings: what an editor is told about each figure the source speaks to.

- one typical slip turns the source's figure into the article's: ``source-mismatch``, an
  ``error`` naming the slip and the figure as the source gives it;
- the article rounds a more precise source figure to a digit it does not round to (30.48
  written 30.4): ``source-rounding``, a ``warning``;
- the article says the figure comes from the source (据…公布, 財報顯示, 公告指出: the cue
  table lexicon/source_cues.csv) and the source states nothing it could be: ``source-absent``,
  ``info`` only, since a stored or pasted source may be an excerpt of the release.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from ..checks.findings import Finding
from ..lexicon import LEXICON_DIR
from ..textfold import fold
from .align import Alignment
from .figures import Figure

SLIP_WORDS = {"digit": "one digit changed", "swap": "two adjacent digits swapped",
              "drop": "a digit dropped", "double": "a digit doubled",
              "insert": "a digit added", "scale": "the multiplier (万/亿, 千/百万) slipped",
              "sign": "a fall written as a rise (or the reverse)"}
ABSENT_KINDS = ("money", "percent", "pp")


@lru_cache(maxsize=1)
def source_cues() -> re.Pattern[str]:
    """Words by which an article attributes a sentence's figures to a document."""
    with (LEXICON_DIR / "source_cues.csv").open(encoding="utf-8") as fh:
        cues = sorted({fold(r["cue"]) for r in csv.DictReader(fh)}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, cues)))


def _where(f: Figure) -> str:
    return f"{f.doc}:{f.line}:{f.column}"


def _evidence(a: Alignment) -> dict[str, object]:
    s = a.source
    return {"source_figure": s.mention.text, "source_location": _where(s),
            "source_quote": s.quote, "source_value": a.reading.value,
            "alignment": a.relation, "score": round(a.score, 2)}


def findings_of(text: str, article: list[Figure], alignments: list[Alignment],
                flagged: set[int]) -> list[Finding]:
    """The findings of one article's alignments (``flagged``: starts of figures another rule
    already called an error, which the source need not repeat)."""
    out: list[Finding] = []
    aligned = {a.article.start for a in alignments}
    for a in alignments:
        m = a.article.mention
        span = (m.start, m.end)
        if a.relation == "slip" and m.start not in flagged:
            how = SLIP_WORDS.get(a.slip or "", a.slip or "")
            out.append(Finding(
                "source-mismatch", "error", [span],
                f"{m.text} differs from the source's {a.source.mention.text} "
                f"({_where(a.source)}): likely {a.expected} ({how})",
                expected=a.expected or "", found=m.text, mentions=(m, a.source.mention),
                evidence={**_evidence(a), "slip": a.slip or "",
                          "suggestion": f"{m.text} is likely {a.expected}"}))
        elif a.relation == "rounding":
            out.append(Finding(
                "source-rounding", "warning", [span],
                f"{m.text} rounds the source's {a.source.mention.text} ({_where(a.source)}) "
                f"to the wrong digit: {a.expected}",
                expected=a.expected or "", found=m.text, mentions=(m, a.source.mention),
                evidence={**_evidence(a), "suggestion": f"{m.text} is likely {a.expected}"}))
    cues = source_cues()
    folded = fold(text)
    for f in article:
        m = f.mention
        if m.start in aligned or m.kind not in ABSENT_KINDS or m.qualifier != "exact":
            continue
        a, b = f.sentence
        cue = cues.search(folded, a, b)
        if cue is None or cue.start() > m.start:
            continue
        out.append(Finding(
            "source-absent", "info", [(m.start, m.end)],
            f"{m.text} is attributed to a source ({text[cue.start():cue.end()]}) that states "
            "no figure it could be",
            expected="", found=m.text, mentions=(m,),
            evidence={"cue": text[cue.start():cue.end()]}))
    return out
