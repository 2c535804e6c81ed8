"""Binding: which frames a declared relation relates, found from roles, not phrasings.

Each binder is a small function named in ``lexicon/relations.csv``; it yields candidate
bindings (role -> frame) for every relation row that uses it. A binding lists alternatives
when the text leaves more than one reading open; the relation is consistent when any of
them holds, and only a binding with a single reading can raise an error. The binders live in
``moves.py`` and ``families.py``; what they share in ``common.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from .apart import bind_apart
from .breadth import bind_breadth
from .breakdown import bind_breakdown
from .common import Binding, Row, relation_rows
from .compare import bind_compare, bind_direction, bind_fall_bound
from .daybase import bind_day_base
from .dayprior import bind_day_prior
from .document import Document
from .families import (
    bind_bound,
    bind_compose,
    bind_gap,
    bind_range,
    bind_ratio,
)
from .flows import bind_sub_period
from .frames import Frame
from .fx import bind_fx
from .gaps import bind_listed_gap, bind_named_gap
from .lots import bind_bracketed, bind_distribution, bind_lots, bind_offer_moves, bind_sheets
from .moves import bind_move
from .net import bind_net
from .prior import bind_prior
from .ranks import bind_rank
from .ratemoves import bind_rate_move
from .restate import bind_restate
from .shares import bind_share
from .subset import bind_listed_sum, bind_subset
from .tables import bind_table
from .thresholds import bind_threshold
from .totals import bind_remainder, bind_totals
from .unnamed import bind_unnamed_share

__all__ = ["BINDERS", "Binding", "Row", "bind_all", "relation_rows"]

BINDERS: dict[str, Callable[[list[Frame], Document], Iterator[Binding]]] = {
    "move": bind_move, "gap": bind_gap, "ratio": bind_ratio, "sub_period": bind_sub_period,
    "share": bind_share, "bound": bind_bound, "compose": bind_compose, "range": bind_range,
    "restate": bind_restate, "fx": bind_fx, "net": bind_net,
    "subset": bind_subset, "lots": bind_lots,
    "bracketed": bind_bracketed, "threshold": bind_threshold,
    "listed_sum": bind_listed_sum, "offer": bind_offer_moves, "rank": bind_rank,
    "compare": bind_compare, "direction": bind_direction, "apart": bind_apart,
    "breadth": bind_breadth, "table": bind_table,
    "totals": bind_totals, "named_gap": bind_named_gap, "listed_gap": bind_listed_gap,
    "remainder": bind_remainder, "prior": bind_prior, "sheets": bind_sheets,
    "day_prior": bind_day_prior,
    "distribution": bind_distribution, "day_base": bind_day_base,
    "fall_bound": bind_fall_bound, "unnamed_share": bind_unnamed_share,
    "breakdown": bind_breakdown, "rate_move": bind_rate_move,
}


def bind_all(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    for name in dict.fromkeys(r.binder for r in relation_rows()):
        yield from BINDERS[name](frames, doc)
