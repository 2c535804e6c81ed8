"""Source-to-source rewrites that make a large pattern cheaper for the stdlib engine.

CPython's ``re`` compiles an optional group ``(X)?`` to a general REPEAT, and each pass
through a REPEAT copies every capture mark set so far (``MARK_PUSH``). In the master pattern,
with 120-odd groups, the generic alternative sits last, so its groups have the highest numbers
and each of its dozen optional parts copied a few hundred pointers per try: about a third of
the scan time. ``(?:(X)|)`` is the same language with the same preference (X first, then
nothing) and the same groups, but compiles to a BRANCH, which copies nothing outside a
REPEAT. tests/test_extract_engine.py checks the rewritten pattern finds exactly what the
written one finds.
"""

from __future__ import annotations

_LOOKAROUND = ("(?=", "(?!", "(?<=", "(?<!")


def branch_optionals(source: str, verbose: bool = True) -> str:
    """``source`` with every greedy ``(…)?`` written as ``(?:(…)|)``.

    Lazy (``??``) and possessive (``?+``) optionals and optional lookarounds keep their form.
    ``verbose``: the source is a VERBOSE pattern, so ``#`` outside a class opens a comment.
    """
    out: list[str] = []
    opens: list[int] = []  # index in ``out`` of each open group's "("
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if c == "\\":
            out.append(source[i:i + 2])
            i += 2
        elif c == "[":
            j = _class_end(source, i)
            out.append(source[i:j])
            i = j
        elif c == "#" and verbose:
            j = source.find("\n", i)
            j = n if j < 0 else j
            out.append(source[i:j])
            i = j
        elif c == "(":
            opens.append(len(out))
            out.append(c)
            i += 1
        elif c == ")":
            start = opens.pop()
            out.append(c)
            i += 1
            lazy_or_possessive = i + 1 < n and source[i + 1] in "?+"
            if i < n and source[i] == "?" and not lazy_or_possessive \
                    and not "".join(out[start:start + 4]).startswith(_LOOKAROUND):
                out[start] = "(?:" + out[start]
                out.append("|)")
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _class_end(source: str, i: int) -> int:
    """Index just past the character class opening at ``source[i]``."""
    j = i + 1
    if j < len(source) and source[j] == "^":
        j += 1
    if j < len(source) and source[j] == "]":
        j += 1  # a "]" first in a class is a literal
    while j < len(source) and source[j] != "]":
        j += 2 if source[j] == "\\" else 1
    return j + 1
