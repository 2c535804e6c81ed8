"""The three renderings of a check: Markdown (parsed back with a CommonMark parser), the
terminal view and the JSON document (validated against the schema in ``schemas/``).

Reports here are built by hand, so that these tests pin the rendering, not the rules; the
seed article is used where the real pipeline matters (the committed ``reports/seeds.md``).
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token
from rich.console import Console

from factcheck.checks import RULES, Finding, Report
from factcheck.model import Mention
from factcheck.report import (
    PLAIN_MARK,
    md_code,
    md_escape,
    select,
    to_json,
    to_markdown,
)
from factcheck.report_rich import make_console, render_check_rich

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "schemas" / "check-report.schema.json").read_text(encoding="utf-8"))
REGENERATE = "factcheck check seeds/ --format markdown -o reports/seeds.md"

HOSTILE = [
    "a | b || c",
    "`code` and ``double`` and ```",
    "*em* **strong** _u_ __uu__ ~~del~~",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[link](http://x.com) ![img](http://x.com/a.png) [ref][1]",
    "<http://x.com> http://x.com www.x.com a@b.com",
    "&lt; &amp; &#60; &copy;",
    "$5 and $6 $$x$$",
    "# not a heading",
    "- not a list",
    "1. not a list",
    "> not a quote",
    "=== not a setext underline",
    "back\\slash\\|pipe \\* star",
    "line one\nline two\r\n  indented\tcode",
    "@user #12 !important",
    "營收|570億*美元* <b>粗</b> [鏈接](javascript:alert(1))",
    "trailing spaces  ",
    "\x1b[31mred\x1b[0m \u202egnp.exe",
]
PARSER = MarkdownIt("commonmark").enable("table")


def walk(tokens: list[Token]) -> list[Token]:
    out = []
    for token in tokens:
        out.append(token)
        if token.children:
            out.extend(walk(token.children))
    return out


def inline_text(token: Token) -> str:
    return "".join(c.content for c in token.children or [] if c.type in ("text", "code_inline"))


def visible(text: str) -> str:
    """What a reader should see: whitespace runs as one space, unsafe characters replaced."""
    text = re.sub(r"\s+", " ", text)
    return re.sub("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]",
                  "\N{REPLACEMENT CHARACTER}", text)


def assert_inert(tokens: list[Token]) -> None:
    """No HTML, link, image, emphasis or code block; bold only on the report's own labels."""
    types = {t.type for t in walk(tokens)}
    assert not types & {"html_inline", "html_block", "link_open", "image", "em_open",
                        "code_block", "fence", "hr", "s_open"}, types
    flat = walk(tokens)
    for i, token in enumerate(flat):
        if token.type == "strong_open":
            assert flat[i + 2].type == "strong_close"
            assert re.fullmatch(r"[A-Z][a-z ]+:", flat[i + 1].content), flat[i + 1].content


# ---------------------------------------------------------------------------------------------
# md_escape / md_code
@pytest.mark.parametrize("text", HOSTILE)
def test_md_escape_is_literal_in_a_paragraph(text: str) -> None:
    tokens = PARSER.parse(md_escape(text))
    assert_inert(tokens)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert inline_text(tokens[1]) == visible(text).strip()


@pytest.mark.parametrize("text", HOSTILE)
def test_md_escape_and_md_code_keep_a_table_cell(text: str) -> None:
    src = ("| a | b | c |\n|---|---|---|\n"
           f"| {md_escape(text, False)} | {md_code(text)} | x |\n")
    tokens = PARSER.parse(src)
    assert_inert(tokens)
    cells = [t for t in tokens if t.type == "inline"][3:]
    assert len(cells) == 3
    assert inline_text(cells[0]) == visible(text).strip()
    code = [c for c in cells[1].children if c.type == "code_inline"]
    assert len(code) == 1 and code[0].content == visible(text)  # spaces kept
    assert inline_text(cells[2]) == "x"


@pytest.mark.parametrize("figure", ["62%", "570.06 億美元", "-3%", "$5", "`1`", "a|b", "*2*"])
def test_md_code_marks_a_figure_inside_cjk_text(figure: str) -> None:
    # ** would not close after 62% when a CJK character follows; a code span always does
    tokens = PARSER.parse(f"> 增長{md_code(figure, in_table=False)}的速度")
    code = [t for t in walk(tokens) if t.type == "code_inline"]
    assert [c.content for c in code] == [figure]


# ---------------------------------------------------------------------------------------------
# Hand-built reports
def mention(text: str, article: str, kind: str = "percent", nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = article.index(text, start + 1)
    return Mention(start, start + len(text), text, kind, Decimal(1), None, "exact",
                   Decimal(1), Decimal(1))


def finding(article: str, figure: str, severity: str = "error", rule: str = "growth-vs-levels",
            others: tuple[str, ...] = (), message: str | None = None, nth: int = 0) -> Finding:
    m = mention(figure, article, nth=nth)
    spans = [(m.start, m.end)] + [
        (article.index(o), article.index(o) + len(o)) for o in others]
    return Finding(rule, severity, spans, message or f"{figure} is off | `really` <b>x</b>",
                   expected="61%", found=figure, mentions=(m,),
                   evidence={"arithmetic": "(a / b - 1) x 100", "source": "[s](http://x)"})


HOSTILE_ARTICLE = (
    "# 標題 | `code` *em*\n"
    "1. 營收570億美元|增長<script>alert(1)</script>62%，[鏈接](http://x.com)淨利10億*美元*。\n"
    "<img src=x onerror=alert(1)> 毛利率`75%`，較上年的&lt;70%&gt;提高 $5 $6。\n"
    "[bold red]市佔率[/] 30%，\x1b[31m份額\x1b[0m 40%。\n"
)
FIGURES = ["62%", "75%", "70%", "30%", "40%"]


def hostile_report() -> Report:
    text = HOSTILE_ARTICLE
    findings = [finding(text, "40%", "info", "shares-sum"),
                finding(text, "62%", others=("570億美元",)),
                finding(text, "75%", "warning", "ref-mismatch"),
                finding(text, "70%"),
                finding(text, "30%", "warning", "shares-sum")]
    mentions = sorted((mention(f, text) for f in FIGURES + ["570億美元", "10億"]),
                      key=lambda m: m.start)
    checked = {m.start for m in mentions}
    return Report(text, mentions, [], findings, checked)


def test_markdown_report_is_inert_and_keeps_its_tables() -> None:
    report = hostile_report()
    markdown = to_markdown([("a|b `c` <x>.txt", report)])
    tokens = PARSER.parse(markdown)
    assert_inert(tokens)
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) == 1 + len(report.findings)  # header + one row per finding
    cells_per_row = []
    count = 0
    for t in tokens:
        if t.type == "tr_open":
            count = 0
        elif t.type in ("td_open", "th_open"):
            count += 1
        elif t.type == "tr_close":
            cells_per_row.append(count)
    assert cells_per_row == [6] * len(rows)
    # every figure survives literally, as a code span, in the table and in its quote
    code = [t.content for t in walk(tokens) if t.type == "code_inline"]
    for figure in FIGURES:
        assert code.count(figure) >= 2, figure
    quotes = [t for t in tokens if t.type == "blockquote_open"]
    assert len(quotes) == len(report.findings)
    headings = [inline_text(tokens[i + 1]) for i, t in enumerate(tokens)
                if t.type == "heading_open"]
    assert headings[0] == "factcheck report"
    assert "a|b `c` <x>.txt" in headings


def test_markdown_findings_are_in_text_order_with_locations() -> None:
    markdown = to_markdown([("doc.txt", hostile_report())])
    locations = re.findall(r"^\| \d+ \| \w+ \| (\d+):(\d+) \|", markdown, re.M)
    positions = [(int(line), int(col)) for line, col in locations]
    assert positions == sorted(positions) and len(positions) == 5
    assert re.findall(r"^### \d+\. (\w+)", markdown, re.M) == \
        ["error", "warning", "error", "warning", "info"]


def test_markdown_quotes_the_sentence_with_the_figure_marked() -> None:
    text = "前言。" + "很長的句子" * 30 + "營收增長62%，" + "後文" * 40 + "。"
    report = Report(text, [mention("62%", text)], [], [finding(text, "62%")], set())
    markdown = to_markdown([("doc.txt", report)])
    (quote,) = [line for line in markdown.splitlines() if line.startswith("> ")]
    assert "`62%`" in quote and quote.startswith("> … ") and quote.endswith(" …")
    assert len(quote) < 120  # about 40 characters either side


def test_markdown_summary_counts_and_coverage() -> None:
    markdown = to_markdown([("doc.txt", hostile_report())])
    assert "**Coverage:** 1 document, 7 figures found, 7 checked (100%)." in markdown
    assert "**Findings:** 2 errors, 2 warnings, 1 info." in markdown


def test_markdown_has_nothing_machine_specific(tmp_path: Path) -> None:
    report = hostile_report()
    first = to_markdown([("doc.txt", report)])
    assert first == to_markdown([("doc.txt", report)])
    assert not re.search(r"\d{4}-\d{2}-\d{2}T|\d{2}:\d{2}:\d{2}", first)
    assert str(ROOT) not in first and str(tmp_path) not in first


def test_committed_seed_report_is_current() -> None:
    proc = subprocess.run([sys.executable, "-m", "factcheck", "check", "seeds/", "--format",
                           "markdown"], capture_output=True, cwd=ROOT, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr.decode("utf-8", "replace")
    committed = (ROOT / "reports" / "seeds.md").read_bytes()
    assert proc.stdout == committed, (
        f"reports/seeds.md is stale; regenerate it from the repository root with: "
        f"{REGENERATE}")


def test_seed_report_has_no_local_paths() -> None:
    committed = (ROOT / "reports" / "seeds.md").read_text(encoding="utf-8")
    assert str(ROOT) not in committed and "/tmp/" not in committed
    assert "## seeds/" in committed


# ---------------------------------------------------------------------------------------------
# Selection
def test_select_filters_rules_and_severity_and_lists_agreed() -> None:
    report = hostile_report()
    view = select("d", report, rules={"growth-vs-levels", "shares-sum"}, min_severity="warning",
                  show_ok=True)
    assert [(f.rule, f.severity) for f in view.report.findings] == \
        [("growth-vs-levels", "error"), ("growth-vs-levels", "error"), ("shares-sum", "warning")]
    assert view.hidden == 1  # the info of shares-sum
    flagged = {s for f in report.findings for s, _ in f.spans}
    assert view.agreed is not None
    assert [m.text for m in view.agreed] == ["10億"]
    assert all(m.start not in flagged for m in view.agreed)
    assert report.findings[0].rule == "shares-sum"  # the input report is not changed


def test_select_never_hides_errors() -> None:
    view = select("d", hostile_report(), min_severity="error")
    assert {f.severity for f in view.report.findings} == {"error"}
    assert len(view.report.findings) == 2 and view.hidden == 3


def test_select_rejects_unknown_severity() -> None:
    with pytest.raises(ValueError, match="min_severity"):
        select("d", hostile_report(), min_severity="fatal")


# ---------------------------------------------------------------------------------------------
# Terminal
def render(reports, color: bool = False, width: int = 200) -> str:
    buffer = io.StringIO()
    console = make_console(file=buffer, color=color)
    console.width = width
    render_check_rich(reports, console)
    return buffer.getvalue()


def test_rich_view_shows_article_markup_literally_and_strips_escapes() -> None:
    out = render([("[red]doc[/red].txt", hostile_report())])
    assert "[bold red]市佔率[/]" in out and "[red]doc[/red].txt" in out
    assert "\x1b" not in out and "\u202e" not in out
    assert f"{PLAIN_MARK[0]}62%{PLAIN_MARK[1]}" in out  # no styles in a file: bracketed
    assert "1 document, 7 figures found, 7 checked (100%): 2 errors, 2 warnings, 1 info" in out


def test_rich_view_orders_findings_by_position_with_evidence() -> None:
    out = render([("d.txt", hostile_report())])
    locations = re.findall(r"│\s+(\d+):(\d+) │", out)
    positions = [(int(a), int(b)) for a, b in locations]
    assert positions == sorted(positions) and len(positions) == 5
    assert "expected: 61%" in out and "arithmetic: (a / b - 1) x 100" in out
    assert "related: 570億美元 (2:6)" in out


def test_rich_view_highlights_the_figure_with_a_style_on_a_terminal() -> None:
    buffer = io.StringIO()  # as on a terminal: styles instead of brackets
    console = Console(file=buffer, force_terminal=True, color_system="standard", width=200,
                      markup=False, highlight=False)
    render_check_rich([("d.txt", hostile_report())], console)
    out = buffer.getvalue()
    assert "\x1b[" in out and PLAIN_MARK[0] not in out
    assert "\x1b[31m份額" not in out  # the article's own escape sequence was neutralized


def test_rich_view_show_ok_table() -> None:
    view = select("d.txt", hostile_report(), show_ok=True)
    out = render([view])
    assert "checked and agreed (1)" in out and f"{PLAIN_MARK[0]}10億{PLAIN_MARK[1]}" in out


@pytest.mark.parametrize(("text", "figures", "checked", "code", "line"), [
    ("營收增長5%。", ["5%"], [], "nothing_checked",
     "No findings, but the one figure could not be checked: nothing here was verified."),
    ("營收100億元，增長5%。", ["100億元", "5%"], [], "nothing_checked",
     "No findings, but none of the 2 figures could be checked: nothing here was verified."),
    ("營收100億元，增長5%。", ["100億元", "5%"], ["5%"], "clean",
     "No findings: 1 of 2 figures checked; the other one was not verified."),
    ("營收100億元，增長5%。", ["100億元", "5%"], ["100億元", "5%"], "clean",
     "No findings: 2 of 2 figures checked."),
    ("今天天氣很好。", [], [], "no_figures", "No figures found: nothing to check."),
    (" \n", [], [], "empty", "Empty document: nothing to check."),
])
def test_a_report_without_findings_says_how_much_was_verified(
        text: str, figures: list[str], checked: list[str], code: str, line: str) -> None:
    from factcheck.report import status, status_line

    mentions = [mention(f, text) for f in figures]
    report = Report(text, mentions, [], [], {m.start for m in mentions if m.text in checked})
    assert (status(report), status_line(report, "en")) == (code, line)
    out = render([("ok.txt", report)])
    assert line in out and "0 errors" in out and "No findings." not in out


# ---------------------------------------------------------------------------------------------
# JSON
def test_schema_is_valid_and_open_to_new_fields() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    contract_example = {
        "documents": [{"doc": "...", "findings": [
            {"rule": "growth-vs-levels", "kind": "arithmetic", "severity": "error",
             "spans": [[3001, 3010], [3020, 3031]], "message": "...",
             "expected": "...", "found": "...", "a_new_field": 1}], "new": True}],
        "summary": {"documents": 1, "errors": 3, "warnings": 2, "infos": 0, "new": "x"}}
    jsonschema.validate(contract_example, SCHEMA)
    broken = json.loads(json.dumps(contract_example))
    broken["documents"][0]["findings"][0]["severity"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA)


def test_json_document_follows_schema_and_points_into_the_text() -> None:
    report = hostile_report()
    view = select("d.txt", report, show_ok=True)
    data = json.loads(json.dumps(to_json([view])))
    jsonschema.validate(data, SCHEMA)
    (doc,) = data["documents"]
    text = report.text
    for f in doc["findings"]:
        assert f["rule"] in RULES and f["kind"] == RULES[f["rule"]][0]
        for start, end in f["spans"]:
            assert 0 <= start <= end <= len(text)
        start, end = f["spans"][0]
        assert f["figure"] == text[start:end]
        lines = text[:start].split("\n")
        assert (f["line"], f["column"]) == (len(lines), len(lines[-1]) + 1)
    starts = [f["spans"][0][0] for f in doc["findings"]]
    assert starts == sorted(starts)
    assert data["summary"] == {"documents": 1, "errors": 2, "warnings": 2, "infos": 1,
                               "figures": 7, "figures_checked": 7, "hidden": 0}
    assert [a["text"] for a in doc["agreed"]] == ["10億"]


def test_seed_json_spans_match_the_text() -> None:
    from factcheck.chunking import check_document

    path = next((ROOT / "seeds").glob("*.txt"))
    text = path.read_text(encoding="utf-8")
    data = to_json([select("seed", check_document(text), show_ok=True)])
    jsonschema.validate(data, SCHEMA)
    for f in data["documents"][0]["findings"]:
        assert all(0 <= s <= e <= len(text) for s, e in f["spans"])
        assert text[f["spans"][0][0]:f["spans"][0][1]] == f["figure"]
    for a in data["documents"][0]["agreed"]:
        assert text[a["start"]:a["end"]] == a["text"]
