"""What a check reports: rule ids, severities, findings and the per-document report.

Kept apart from the rules so that the report writers, the batch tables and the editors' API
can import the model without loading every rule. Rule ids are public API (see RULES); do
not rename them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..claims import Claim
from ..model import Mention

RULES: dict[str, tuple[str, str]] = {
    # id: (kind, what it flags)
    "fused-year": ("garbled", "a year fused into an amount (到20300億美元 for 2030年…億美元)"),
    "garbled-number": ("garbled", "a figure written so that it cannot be meant: a place group "
                                  "that overflows (11亿76040万), a range running from + to - "
                                  "(5.5%至-6.0%), a year fused with 季 (2025季), a day its month "
                                  "does not have (6月31日)"),
    "weekday-mismatch": ("date", "a date and the weekday stated for the same day disagree"),
    "today-mismatch": ("date", "the day or year a story calls today (今(22)日, 今(2026)年) "
                               "contradicting another 今, the dateline or the publication date"),
    "fiscal-period-end": ("date", "a period end that contradicts the company's fiscal calendar"),
    "growth-vs-levels": ("arithmetic", "a growth rate that the two levels it relates do not give"),
    "shares-sum": ("arithmetic", "shares of one total that do not add up to 100%"),
    "parts-vs-total": ("arithmetic", "parts listed after 其中 that do not add up to the total"),
    "change-vs-levels": ("arithmetic", "a stated change that is not the difference of levels"),
    "pp-vs-levels": ("arithmetic", "a change in pp that the two stated rates do not give"),
    "net-vs-parts": ("arithmetic", "a net figure (顺差, 净申购) that is not plus minus minus"),
    "share-of-total": ("arithmetic", "an amount that is not its stated share of the total"),
    "per-unit": ("arithmetic", "a per-share (per-unit) figure or an average (平均, 日均), "
                 "a count and a total that disagree"),
    "product": ("arithmetic", "a total that is not the product of its stated factors"),
    "fx-implied": ("arithmetic", "a currency conversion whose implied rate is off the dated rate"),
    "multiple-vs-levels": ("arithmetic", "an N倍 comparison the two stated figures do not give"),
    "index-points": ("arithmetic", "an index move in points, percent and close that disagree"),
    "ratio-metric": ("arithmetic", "a margin (毛利率, 纯益率) its profit and revenue do not give"),
    "sub-period": ("arithmetic", "a month or quarter that exceeds the period containing it"),
    "compare-order": ("arithmetic", "a figure said to be above (or below) another that is not "
                                    "(勝於預期的660億, 低於預期的3803.29億元)"),
    "rank-order": ("arithmetic", "a ranked figure larger than the one ranked before it "
                                 "(第一名 … 第二名, 居冠 … 其次)"),
    "threshold": ("arithmetic", "a level on the wrong side of a round mark it is said to pass"),
    "currency-slip": ("unit", "a figure the size of its peers in another currency (億元 among "
                              "億美元): the currency word is likely wrong"),
    "price-magnitude": ("unit", "a share price written with 億 (收市報41.44億元): no share "
                                "trades at that size, so the multiplier is likely stray"),
    "multiplier-slip": ("unit", "a figure of a parallel list written in another multiplier than "
                                "its peers (271.29万元 among 亿元), the size of theirs read in it"),
    "multiplier-missing": ("unit", "an aggregate (成本, 投資, 市值) written without the multiplier "
                                   "its sibling amounts have (136.4元 beside 171.4億元)"),
    "ref-mismatch": ("reference", "a figure that contradicts the matching reference row"),
    "source-mismatch": ("reference", "a figure one typical slip away from the source "
                                     "document's figure for the same thing (--source)"),
    "source-rounding": ("reference", "a source figure rounded to the wrong digit (30.48 "
                                     "written 30.4)"),
    "source-absent": ("reference", "a figure attributed to the source (据…公布, 財報顯示) that "
                                   "the source does not state"),
    "restated-mismatch": ("internal", "one metric stated twice with incompatible values"),
}
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Finding:
    """One flag: the rule, how bad, where (first span = the claim flagged), and why."""

    rule: str
    severity: str
    spans: list[tuple[int, int]]
    message: str
    expected: str
    found: str
    mentions: tuple[Mention, ...] = ()
    evidence: dict[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return RULES[self.rule][0]

    def as_json(self) -> dict[str, Any]:
        out = {
            "rule": self.rule, "kind": self.kind, "severity": self.severity,
            "spans": [list(s) for s in self.spans], "message": self.message,
            "expected": self.expected, "found": self.found,
        }
        if self.evidence:
            out["evidence"] = {k: str(v) for k, v in self.evidence.items()}
        return out


class CheckedLog(set):
    """Starts of the mentions some rule checked; each update is one relation bound and evaluated.

    The groups let a benchmark ask whether the checker assembled a given relation at all,
    whatever its verdict, which is the linker's reach.
    """

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.groups: list[frozenset[int]] = []

    def update(self, *iterables: Any) -> None:
        items: set[int] = set().union(*iterables)
        self.groups.append(frozenset(items))
        super().update(items)

    def add(self, item: int) -> None:
        self.groups.append(frozenset((item,)))
        super().add(item)


@dataclass
class Report:
    """Findings for one document, plus the coverage editors ask for."""

    text: str
    mentions: list[Mention]
    claims: list[Claim]
    findings: list[Finding]
    checked: CheckedLog = field(default_factory=CheckedLog)  # starts of mentions some rule checked
    confirmed: list[dict[str, Any]] = field(default_factory=list)  # relations that hold
    # with --source: each figure aligned with a source figure (factcheck.sources.record)
    aligned: list[dict[str, Any]] = field(default_factory=list)
    # the relation engine's document and frames, built once per check for the passes that
    # read frames (see engine.frames_of); not part of the report
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def counts(self) -> dict[str, int]:
        return {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITIES}


def status(report: Report) -> str:
    """What a report can honestly say of its document: findings | clean | nothing_checked |
    no_figures | empty. "No findings" means nothing when nothing was checked; the reports'
    words for each are in lexicon/report_words.csv (report.status_line)."""
    if not report.text.strip():
        return "empty"
    if report.findings:
        return "findings"
    if not report.mentions:
        return "no_figures"
    return "clean" if report.checked else "nothing_checked"
