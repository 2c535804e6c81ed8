"""``factcheck.check`` still names what scripts written before ``factcheck.checks`` import."""

from __future__ import annotations

import factcheck.check as old
import factcheck.checks as new


def test_the_old_module_re_exports_the_checker() -> None:
    for name in old.__all__:
        assert getattr(old, name) is getattr(new, name), name
    assert set(new.__all__) >= {"check_text", "check", "RULES", "SEVERITIES", "Finding",
                                "Report", "CheckedLog", "check_interval"}
