"""Which typical slip of the hand turns one digit string into another: a digit changed, two
adjacent digits swapped, one dropped, doubled or added. A leaf module: the source aligner and
the rule passes (a slipped year) both read it, and neither may import the other.
"""

from __future__ import annotations


def slip_kind(right: str, written: str) -> str | None:
    """The typical slip that turns the digits ``right`` into ``written``, if one does."""
    if len(right) == len(written):
        diff = [i for i in range(len(right)) if right[i] != written[i]]
        if len(diff) == 1:
            return "digit"
        if len(diff) == 2 and diff[1] == diff[0] + 1 and right[diff[0]] == written[diff[1]] \
                and right[diff[1]] == written[diff[0]]:
            return "swap"
        return None
    if len(written) == len(right) - 1:
        return "drop" if any(right[:i] + right[i + 1:] == written for i in range(len(right))) \
            else None
    if len(written) == len(right) + 1:
        for i in range(len(written)):
            if written[:i] + written[i + 1:] == right:
                return "double" if (i and written[i - 1] == written[i]) or \
                    (i + 1 < len(written) and written[i + 1] == written[i]) else "insert"
    return None
