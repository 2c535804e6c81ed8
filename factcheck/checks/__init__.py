"""Stage 3: findings — what reference data and the article's own arithmetic contradict.

Every rule compares intervals, never points (as statcheck and GRIM do for reported
statistics): a relation is consistent when some values inside the stated intervals satisfy
it. For checking, a whole number's trailing zeros are not taken as significant (``1,300億``
may be a rounding of 1,305億), so the check interval is at least half a unit of the lowest
non-zero digit. A mismatch at rounding level is a ``warning``; a clear contradiction is an
``error``. Each finding carries its evidence: the figures as written, the arithmetic, the
expected and found values, and for reference findings the row, its source and tolerance.

Layout: :mod:`.findings` (the report model and RULES), :mod:`.driver` (check_text, check,
PASSES), :mod:`.common` (interval and verdict helpers), then one module per family of rules.
Rule ids are public API (see RULES); do not rename them.
"""

from .common import check_interval
from .driver import PASSES, check, check_text
from .findings import RULES, SEVERITIES, CheckedLog, Finding, Report

__all__ = ["PASSES", "RULES", "SEVERITIES", "CheckedLog", "Finding", "Report", "check",
           "check_interval", "check_text"]
