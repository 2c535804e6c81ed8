"""Slices of position-sorted records by a span of the text, by bisection.

A figure's sentence or paragraph is asked for once per figure; scanning every record of the
article each time made checking quadratic in its length (a 100k-character text took 2.4
times as long per character as a 1k one). Every list passed here is sorted by start.
"""

from __future__ import annotations

import bisect
from typing import Any


def within(items: list[Any], lo: int, hi: int) -> list[Any]:
    """The items (frames, claims, candidates: anything with ``start`` or ``mention.start``)
    starting in [lo, hi)."""
    return items[bisect.bisect_left(items, lo, key=_start):
                 bisect.bisect_left(items, hi, key=_start)]


def before(items: list[Any], pos: int) -> Any | None:
    """The last item starting before ``pos``, or None."""
    k = bisect.bisect_left(items, pos, key=_start)
    return items[k - 1] if k else None


def _start(item: Any) -> int:
    start = getattr(item, "start", None)
    return item.mention.start if start is None else start
