"""Finding a written figure in an article and marking it 【like this】 in its sentence."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .checks import RULES, SEVERITIES
from .textfold import fold

if TYPE_CHECKING:
    from .facts_figure import Figure
    from .testing import Article

KINDS = ("garbled", "arithmetic", "reference", "date", "unit", "internal")
SENTENCE_END = re.compile(r"[。！？!?；;\n]")
CONTEXT = 50  # characters of context shown on each side of a marked figure
MARK_OPEN, MARK_CLOSE = "【", "】"
LEAD_JUNK = " \t\u3000」』”’）)，,、：:"

# ---------------------------------------------------------------------------------------------
# Text helpers
_NUMBER_CHAR = re.compile(r"[0-9.]")


def _compact(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _find(text: str, folded: str, figure: str) -> list[tuple[int, int]]:
    """Spans of ``figure`` in ``text``: exact matches first; if there are none, matches that
    ignore spaces, full-width forms and Traditional/Simplified script. A match inside a longer
    number (``62%`` in ``162%``) does not count."""
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(figure), text)]
    spans = [s for s in spans if _whole(folded, *s)]
    if spans:
        return spans
    chars = [re.escape(c) for c in fold(figure) if not c.isspace()]
    if not chars:
        return []
    pattern = re.compile(r"[^\S\n]*".join(chars))
    spans = [(m.start(), m.end()) for m in pattern.finditer(folded)]
    return [s for s in spans if _whole(folded, *s)]


def _whole(folded: str, start: int, end: int) -> bool:
    first, last = folded[start], folded[end - 1]
    if first.isdigit() and start > 0 and _NUMBER_CHAR.match(folded[start - 1]):
        return False
    if start > 1 and first.isdigit() and folded[start - 1] == "," \
            and folded[start - 2].isdigit():
        return False
    after = folded[end:end + 2]
    if last.isdigit() and after[:1].isdigit():
        return False
    return not (last.isdigit() and after[:1] in (".", ",") and after[1:2].isdigit())


def _sentence(text: str, pos: int) -> tuple[int, int]:
    start = pos
    while start > 0 and not SENTENCE_END.match(text[start - 1]):
        start -= 1
    end = pos
    while end < len(text) and not SENTENCE_END.match(text[end]):
        end += 1
    if end < len(text) and text[end] != "\n":
        end += 1
    return start, end


def mark(text: str, start: int, end: int, width: int = CONTEXT) -> str:
    """The sentence around ``text[start:end]`` with it marked 【】, clipped to ``width``
    characters on each side."""
    s0, s1 = _sentence(text, start)
    s1 = max(s1, end)
    before = text[s0:start].lstrip(LEAD_JUNK)
    after = text[end:s1].rstrip()
    if len(before) > width:
        before = "…" + before[-width:]
    if len(after) > width:
        after = after[:width] + "…"
    return f"{before}{MARK_OPEN}{text[start:end]}{MARK_CLOSE}{after}".replace("\n", " ")


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _near(article: Article, found: list[Figure], near: str) -> list[Figure]:
    """The occurrences with ``near`` written before them in their sentence, closest first;
    when none has it before, those with it after. Only the closest survive."""
    chars = [re.escape(c) for c in fold(near) if not c.isspace()]
    if not chars:
        return found
    pattern = re.compile(r"\s*".join(chars))
    folded = article.folded
    scored: list[tuple[int, Figure]] = []
    for fig in found:
        s0, s1 = _sentence(folded, fig.start)
        gaps = [fig.start - m.end() for m in pattern.finditer(folded, s0, fig.start)]
        if gaps:
            scored.append((min(gaps), fig))
    if not scored:
        for fig in found:
            s0, s1 = _sentence(folded, fig.start)
            gaps = [m.start() - fig.end for m in pattern.finditer(folded, fig.end, s1)]
            if gaps:
                scored.append((min(gaps), fig))
    if not scored:
        return []
    best = min(gap for gap, _ in scored)
    return [fig for gap, fig in scored if gap == best]


def _names(x: str | Iterable[str] | None) -> set[str]:
    if x is None:
        return set()
    if isinstance(x, str):
        return {x}
    return set(x)


def _filter_words(kind: Any, rule: Any, severity: Any) -> str:
    parts = []
    for label, v in (("kind", kind), ("rule", rule), ("severity", severity)):
        names = sorted(_names(v))
        if names:
            parts.append(f"{label}={'|'.join(names)}")
    return f" ({', '.join(parts)})" if parts else ""


def _q(text: str) -> str:
    return f"“{text}”"


def _near_words(near: str | None) -> str:
    return f" (near {_q(near)})" if near else ""


def _times(n: int) -> str:
    return {0: "0 times", 1: "once"}.get(n, f"{n} times")


def validate_filter(kind: Any = None, rule: Any = None, severity: Any = None) -> None:
    """ValueError for an unknown finding kind, rule id or severity."""
    for label, value, known in (("kind", kind, KINDS), ("rule", rule, tuple(RULES)),
                                ("severity", severity, SEVERITIES)):
        for name in _names(value):
            if name not in known:
                close = difflib.get_close_matches(str(name), known, n=1)
                tip = f" (did you mean {close[0]!r}?)" if close else ""
                raise ValueError(f"unknown {label} {name!r}{tip}; known: {', '.join(known)}")
