"""Literal alternations written as prefix trees, for the stdlib engine.

``sre`` tries the branches of an alternation one by one (a failing branch that opens with a
literal costs one comparison, but a list of 200 unit words costs 200 at every position it
is reached). Written as a tree (``美(?:元|金)|港(?:元|币)``), a position pays one comparison
per level instead.

The tree prefers what the flat list preferred. The flat lists here are ordered longest
first, and two words that both match at one position are prefixes of each other; so the
order of tries — longest first, then each shorter one on backtracking — is the order of a
depth-first walk that tries the longer continuations of a node before the word ending there.
A node whose continuations are not all single literal characters (``[ ]*分``: the same text
may take two of them) keeps its entries as a flat alternation in their given order.
"""

from __future__ import annotations

Entry = tuple[list[str], str]  # (one regex token per character, what must hold at the end)


def tree(entries: list[Entry]) -> str:
    """Regex source matching what ``"|".join("".join(t) + end for t, end in entries)``
    matches, in the same order of preference (``entries`` ordered longest first)."""
    return _node(entries)


def _node(entries: list[Entry]) -> str:
    if len(entries) == 1:
        tokens, end = entries[0]
        return "".join(tokens) + end
    firsts = [tokens[0] for tokens, _ in entries if tokens]
    ended = [i for i, (tokens, _) in enumerate(entries) if not tokens]
    plain = all(_literal(t) for t in firsts)
    if not plain or (ended and ended[0] < len(entries) - len(ended)):
        return "(?:" + "|".join("".join(t) + end for t, end in entries) + ")"  # keep the order
    groups: dict[str, list[Entry]] = {}
    for tokens, end in entries:
        if tokens:
            groups.setdefault(tokens[0], []).append((tokens[1:], end))
    parts = [first + _child(rest) for first, rest in groups.items()]
    parts += [entries[i][1] for i in ended]
    return "(?:" + "|".join(parts) + ")"


def _child(entries: list[Entry]) -> str:
    if len(entries) == 1:
        tokens, end = entries[0]
        return "".join(tokens) + end
    return _node(entries)


def _literal(token: str) -> bool:
    """One character as written by ``re.escape`` (``\\-`` included), nothing optional."""
    return len(token) == 1 or (len(token) == 2 and token[0] == "\\")
