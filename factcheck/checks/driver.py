"""The checking stage: extract, link, then run every rule pass over the claims.

The passes run in a fixed order (PASSES) because later passes read the findings of earlier
ones: the restatement pass skips figures flagged as garbled, the multiplier-slip pass any
figure already flagged, and the relation engine stays silent where a pass above spoke.
"""

from __future__ import annotations

import datetime as dt

from ..claims import Claim, link
from ..extract import extract
from ..gloss import strip_glosses
from ..reference import Reference, load_reference
from ..textfold import fold
from .averages import _average
from .cagr import _cagr
from .currency_slip import _currency_slip
from .dates import _fiscal_end, _fused_year, _weekday
from .dropped import _dropped_multiplier
from .engine import _relations
from .findings import Report
from .fx import _fx
from .garbled import _garbled
from .glossed import placed
from .lost_percent import _lost_percent
from .multiples import _multiple, _orders_of_magnitude, _subscription
from .net import _net
from .parts import _parts, _shares
from .peer_scale import _peer_scale
from .prices import _price_magnitude
from .products import _computed_as, _market_cap, _per_unit, _product
from .ranges import _range_bases
from .reference import _reference
from .repair import judge
from .restated import _multiplier_slip, _restated
from .share_of_total import _share_of_named_total, _share_of_total
from .slipped_year import _slipped_year
from .today import _today


def check_text(text: str, reference: Reference | None = None,
               published: dt.date | None = None) -> Report:
    """Extract, link and check one article.

    >>> r = check_text("營收570.06億美元，較上年同期的350.82億美元增長72%。")
    >>> [(f.rule, f.severity) for f in r.findings]
    [('growth-vs-levels', 'error')]
    """
    reference = reference if reference is not None else load_reference()
    glossed = strip_glosses(text)  # 總就業(jiù yè)人數(shù): check the words, place it in the text
    if glossed is not None:
        plain, where, starts = glossed
        return placed(check_text(plain, reference, published), text, where, starts)
    mentions = extract(text, published)
    claims = link(text, mentions, reference)
    return check(text, claims, reference)


def check(text: str, claims: list[Claim], reference: Reference) -> Report:
    """Run every rule over the claims of one document."""
    folded = fold(text)
    report = Report(text, [c.mention for c in claims], claims, [])
    for rule in PASSES:
        before = len(report.findings)
        rule(folded, claims, reference, report)
        if len(report.findings) > before:  # one severity policy: a slip must explain an error
            report.findings[before:] = judge(report.findings[before:], rule, folded, claims,
                                             reference, text)
    seen: set[tuple[str, frozenset[tuple[int, int]]]] = set()
    unique = []
    for f in report.findings:  # two openers may reach the same sum: report it once
        key = (f.rule, frozenset(map(tuple, f.spans)))
        if key not in seen:
            seen.add(key)
            unique.append(f)
    report.findings[:] = unique
    report.findings.sort(key=lambda f: (f.spans[0][0], f.rule))
    return report


# The order matters: the relation engine runs after the rule passes and stays silent where a
# pass above already flagged the figure; the lost-multiplier pass comes last, where nothing did.
PASSES = [_fused_year, _garbled, _slipped_year, _lost_percent, _today, _weekday, _fiscal_end,
          _cagr, _shares, _parts, _share_of_total, _share_of_named_total, _product, _computed_as,
          _market_cap, _per_unit, _average, _range_bases, _fx, _multiple, _subscription,
          _orders_of_magnitude, _net, _currency_slip, _price_magnitude, _peer_scale, _reference,
          _restated, _multiplier_slip, _relations, _dropped_multiplier]
