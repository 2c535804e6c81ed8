"""A report on a text read without its ruby glosses, placed back in the text as written.

Mirror sites print pinyin after characters (總就業(jiù yè)人數(shù)), which splits the metric
words the relation engine binds by; extraction already reads past them (``gloss``). The whole
check runs on the text without glosses, and every offset of the report (mentions, claims'
sentences and paragraphs, findings' spans, the checked log, confirmed relations) is mapped
back, so reports and spans point into the article as the editor has it.
"""

from __future__ import annotations

from dataclasses import replace

from ..gloss import place, restore
from .findings import CheckedLog, Report


def placed(report: Report, text: str, where: list[int], starts: set[int]) -> Report:
    """``report`` (of the text without glosses) with its offsets in ``text``."""

    def span(a: int, b: int) -> tuple[int, int]:
        return place(a, b, where, starts, text)

    def start(i: int) -> int:
        return span(i, i)[0]

    mentions = {m.start: restore(m, where, starts, text) for m in report.mentions}

    def mention(m):  # noqa: ANN001, ANN202 - a Mention of the plain text
        return mentions.get(m.start) or restore(m, where, starts, text)

    claims = [replace(c, mention=mention(c.mention), sentence=span(*c.sentence),
                      paragraph=span(*c.paragraph)) for c in report.claims]
    findings = [replace(f, spans=[span(*s) for s in f.spans],
                        mentions=tuple(mention(m) for m in f.mentions))
                for f in report.findings]
    checked = CheckedLog()
    for group in report.checked.groups:
        checked.update({start(i) for i in group})
    confirmed = [{**c, "spans": [span(*s) for s in c["spans"]]} for c in report.confirmed]
    return Report(text, [mentions[m.start] for m in report.mentions], claims, findings,
                  checked, confirmed)
