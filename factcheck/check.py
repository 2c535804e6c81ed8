"""Compatibility name for :mod:`factcheck.checks`, where the checker now lives.

Scripts written against ``factcheck.check`` keep working; new code imports
``factcheck.checks``.
"""

from .checks import (
    PASSES,
    RULES,
    SEVERITIES,
    CheckedLog,
    Finding,
    Report,
    check,
    check_interval,
    check_text,
)

__all__ = ["PASSES", "RULES", "SEVERITIES", "CheckedLog", "Finding", "Report", "check",
           "check_interval", "check_text"]
