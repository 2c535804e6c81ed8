"""Ruby residue: mirror sites print a character's pinyin after it in brackets (313萬(wàn)人次,
0.5個(gè)百分點(diǎn)), which splits every word it falls in. Extraction reads the text without
those glosses and gives spans in the text as written, a gloss counted with the character before
it (the gold's convention)."""

from __future__ import annotations

import re
from dataclasses import replace

from .model import Mention

# a bracketed syllable with a tone mark, right after a Han character (not (bn), (CEO), (下同))
GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zü]{0,5}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]{0,5}\)")


def strip_glosses(text: str) -> tuple[str, list[int], set[int]] | None:
    """(the text without glosses, each kept character's offset in ``text``, the offsets where
    a gloss starts), or None when there is none."""
    if "(" not in text:
        return None
    spans = [(m.start(), m.end()) for m in GLOSS.finditer(text)]
    if not spans:
        return None
    pieces, where, at = [], [], 0
    for start, end in spans:
        pieces.append(text[at:start])
        where.extend(range(at, start))
        at = end
    pieces.append(text[at:])
    where.extend(range(at, len(text)))
    return "".join(pieces), where, {s for s, _ in spans}


def place(a: int, b: int, where: list[int], starts: set[int], text: str) -> tuple[int, int]:
    """The span ``a:b`` of the stripped text in ``text`` (a gloss after its last character is
    its own; an empty span, or one at the end, stays empty)."""
    start = where[a] if a < len(where) else len(text)
    if b <= a:
        return start, start
    end = where[b - 1] + 1
    if end in starts and (gloss := GLOSS.match(text, end)):
        end = gloss.end()
    return start, end


def restore(m: Mention, where: list[int], starts: set[int], text: str) -> Mention:
    """A mention of the stripped text, placed in ``text``."""
    start, end = place(m.start, m.end, where, starts, text)
    return replace(m, start=start, end=end, text=text[start:end])
