"""Slices of position-sorted records by a span of the text, by bisection.

A figure's sentence or paragraph is asked for once per figure; scanning every record of the
article each time made checking quadratic in its length (a 100k-character text took 2.4
times as long per character as a 1k one). Every list passed here is sorted by start.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Any

STORY = 8000  # characters: a story states and restates its own figures within this reach;
              # a feed's long text holds many stories (and pairing all of them is quadratic)


def within(items: list[Any], lo: int, hi: int,
           key: Callable[[Any], int] | None = None) -> list[Any]:
    """The items (frames, claims, candidates: anything with ``start`` or ``mention.start``)
    starting in [lo, hi), or whose ``key`` (in the same order) falls there."""
    key = key or _start
    return items[bisect.bisect_left(items, lo, key=key):bisect.bisect_left(items, hi, key=key)]


def story(items: list[Any], pos: int, reach: int = STORY) -> list[Any]:
    """The items within a story's reach of ``pos``, either side: look-ups across paragraphs
    stay linear in a long text."""
    return within(items, pos - reach, pos + reach + 1)


def before(items: list[Any], pos: int) -> Any | None:
    """The last item starting before ``pos``, or None."""
    k = bisect.bisect_left(items, pos, key=_start)
    return items[k - 1] if k else None


def after(items: list[Any], pos: int) -> Any | None:
    """The first item starting at or after ``pos``, or None."""
    k = bisect.bisect_left(items, pos, key=_start)
    return items[k] if k < len(items) else None


def _start(item: Any) -> int:
    start = getattr(item, "start", None)
    return item.mention.start if start is None else start
