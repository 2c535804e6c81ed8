"""The console script, driven in a subprocess as users and pipelines drive it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "2025 年Q3 收入為570.06 億美元，較上年同期的350.82 億美元增長62%。"


def run(*args: str, stdin: bytes | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        input=stdin, capture_output=True, cwd=cwd, timeout=120,
    )


def records(out: bytes) -> list[dict]:
    return [json.loads(line) for line in out.decode("utf-8").splitlines()]


def test_extract_jsonl_contract_fields(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    proc = run("extract", str(path), "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    rows = records(proc.stdout)
    assert [r["text"] for r in rows] == ["2025 年Q3", "570.06 億美元", "350.82 億美元", "62%"]
    required = {"doc", "start", "end", "text", "kind", "value", "unit", "qualifier", "lo", "hi"}
    for row in rows:
        assert required <= set(row)
        assert row["doc"] == str(path)
        assert SAMPLE[row["start"]:row["end"]] == row["text"]
    assert rows[1]["value"] == 57006000000 and rows[1]["unit"] == "USD"


def test_console_script_matches_module(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    script = Path(sys.executable).with_name("factcheck")
    if not script.exists():
        pytest.skip("console script not installed next to this interpreter")
    a = subprocess.run([str(script), "extract", str(path)], capture_output=True, timeout=120)
    b = run("extract", str(path))
    assert a.returncode == b.returncode == 0
    assert a.stdout == b.stdout


def test_stdin_dash() -> None:
    proc = run("extract", "-", stdin=SAMPLE.encode("utf-8"))
    assert proc.returncode == 0
    assert {r["doc"] for r in records(proc.stdout)} == {"-"}


def test_directory_sorted_txt_and_md(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text("增长5%", encoding="utf-8")
    (tmp_path / "a.txt").write_text("增长6%", encoding="utf-8")
    (tmp_path / "c.csv").write_text("增长7%", encoding="utf-8")
    proc = run("extract", str(tmp_path))
    assert [Path(r["doc"]).name for r in records(proc.stdout)] == ["a.txt", "b.md"]


ENCODINGS = [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""), ("gb18030", b""),
             ("big5", b"")]


@pytest.mark.parametrize(("encoding", "prefix"), ENCODINGS,
                         ids=["utf8", "utf8-bom", "utf16-bom", "gb18030", "big5"])
def test_encodings_give_the_same_figures(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    text = "2025 年Q3 收入為570.06 億美元，較上年同期增長62%。" if encoding == "big5" else \
        "2025 年Q3 收入为570.06 亿美元，较上年同期增长62%。"
    path = tmp_path / "a.txt"
    path.write_bytes(prefix + text.encode(encoding))
    proc = run("extract", str(path))
    assert proc.returncode == 0, proc.stderr
    rows = records(proc.stdout)
    assert [(r["start"], r["value"]) for r in rows] == \
        [(0, "2025-Q3"), (12, 57006000000), (30, 62)]


@pytest.mark.parametrize(
    ("setup", "needle"),
    [
        (lambda p: None, "no such file"),
        (lambda p: p.write_bytes(b"\x00\x01\x02binary"), "binary"),
        (lambda p: p.write_bytes(b"abc\xff\xff\xff\x80\x80"), "cannot decode"),
        (lambda p: p.write_bytes("第一行\n第二行".encode() + b"\xff\xff\x80"),
         "line 2: cannot decode"),
        (lambda p: p.mkdir(), "no *.txt or *.md"),
    ],
    ids=["missing", "binary", "undecodable", "undecodable-line", "empty-directory"],
)
def test_bad_input_is_exit_2_one_line(tmp_path: Path, setup, needle: str) -> None:
    target = tmp_path / "x.txt" if needle != "no *.txt or *.md" else tmp_path / "dir"
    setup(target)
    proc = run("extract", str(target))
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2, err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert str(target) in err
    assert needle in err


def test_empty_file_has_no_figures(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    proc = run("extract", str(path))
    assert proc.returncode == 0 and proc.stdout == b""


def test_output_file_is_written_and_inputs_are_protected(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run("extract", str(path), "-o", str(out)).returncode == 0
    assert len(records(out.read_bytes())) == 4
    proc = run("extract", str(path), "-o", str(path))
    assert proc.returncode == 2
    assert path.read_text(encoding="utf-8") == SAMPLE


def test_usage_error_is_exit_2() -> None:
    proc = run("extract")
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr


def test_table_format_lists_figures(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    proc = run("extract", str(path), "--format", "table", "--no-color")
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 0
    assert "570.06 億美元" in out and "57006000000" in out and "money" in out


# ---------------------------------------------------------------------------------------------
# factcheck check: formats, selection, exit codes
CHECK_SAMPLE = (
    "營收570.06億美元，較上年同期的350.82億美元增長72%。\n"  # growth-vs-levels: an error
    "受此消息刺激，股價周一（12月9日）大漲。\n"
)


def check_file(tmp_path: Path, text: str = CHECK_SAMPLE, name: str = "a.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def check_json(*args: str, stdin: bytes | None = None) -> tuple[int, dict]:
    proc = run("check", *args, "--format", "json", stdin=stdin)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def test_check_rich_plain_on_a_pipe(tmp_path: Path) -> None:
    path = check_file(tmp_path)
    proc = run("check", str(path), "--format", "rich", "--no-color", "--lang", "en")
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 1 and "\x1b[" not in out
    assert out.startswith("1 document, ")
    assert "growth-vs-levels" in out and "1:" in out
    assert "⟦72%⟧" in out  # the figure marked inside its sentence


@pytest.mark.parametrize(("lang", "want"), [
    (None, ["1 篇文章，找到 5 個數字", "錯誤", "改為 62%？", "⟦72%⟧"]),  # the article's script
    ("zh-Hans", ["1 篇文章，找到 5 个数字", "错误", "改为 62%？"]),
    ("en", ["1 document, 5 figures found", "does not follow from"]),
])
def test_check_rich_speaks_the_article_s_script(tmp_path: Path, lang: str | None,
                                                want: list[str]) -> None:
    extra = ["--lang", lang] if lang else []
    proc = run("check", str(check_file(tmp_path)), "--format", "rich", "--no-color", *extra)
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 1
    for piece in want:
        assert piece in out, (piece, out)
    if lang != "en":
        assert "does not follow" not in out and "expected:" not in out


def test_check_default_format_is_json_on_a_pipe(tmp_path: Path) -> None:
    proc = run("check", str(check_file(tmp_path)))
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["summary"]["errors"] >= 1


def test_check_markdown_format(tmp_path: Path) -> None:
    proc = run("check", str(check_file(tmp_path)), "--format", "markdown", "--lang", "en")
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 1
    assert out.startswith("# factcheck report\n") and "| `72%` |" in out
    proc = run("check", str(check_file(tmp_path)), "--format", "markdown")
    out = proc.stdout.decode("utf-8")
    assert out.startswith("# factcheck 核對報告\n") and "| `72%` |" in out
    assert "**下一步:** 改為 62%？" in out


def test_check_json_keeps_the_contract_s_message_and_adds_the_editor_s(tmp_path: Path) -> None:
    code, report = check_json(str(check_file(tmp_path)))
    (finding,) = report["documents"][0]["findings"]
    assert finding["message"].startswith("72% does not follow from")
    assert finding["localized"] == {"lang": "zh-Hant", "message": finding["localized"]["message"],
                                    "next_step": "改為 62%？"}
    assert "72%" in finding["localized"]["message"]
    code, report = check_json(str(check_file(tmp_path)), "--lang", "en")
    assert "localized" not in report["documents"][0]["findings"][0]


def test_check_rules_select_and_skip(tmp_path: Path) -> None:
    path = str(check_file(tmp_path))
    code, all_rules = check_json(path)
    rules = {f["rule"] for f in all_rules["documents"][0]["findings"]}
    assert "growth-vs-levels" in rules and code == 1
    code, skipped = check_json(path, "--skip-rules", "growth-vs-levels")
    assert "growth-vs-levels" not in {f["rule"] for f in skipped["documents"][0]["findings"]}
    assert code == (1 if skipped["summary"]["errors"] else 0)
    code, only = check_json(path, "--rules", "arithmetic")  # a kind selects its rules
    assert {f["kind"] for f in only["documents"][0]["findings"]} == {"arithmetic"}
    code, none = check_json(path, "--rules", "growth-vs-levels", "--skip-rules", "arithmetic")
    assert none["documents"][0]["findings"] == [] and code == 0


def test_check_unknown_rule_lists_the_valid_ones(tmp_path: Path) -> None:
    proc = run("check", str(check_file(tmp_path)), "--rules", "growth,nope")
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2 and len(err.strip().splitlines()) == 1
    assert "'growth'" in err and "growth-vs-levels" in err and "arithmetic" in err


def test_check_min_severity_hides_but_does_not_change_the_exit_code(tmp_path: Path) -> None:
    path = str(check_file(tmp_path))
    code_all, everything = check_json(path)
    code_err, errors_only = check_json(path, "--min-severity", "error")
    assert code_all == code_err == 1
    assert {f["severity"] for f in errors_only["documents"][0]["findings"]} == {"error"}
    summary = errors_only["summary"]
    assert summary["errors"] == everything["summary"]["errors"]
    assert summary["hidden"] == everything["summary"]["warnings"] + \
        everything["summary"]["infos"]


def test_check_show_ok_lists_agreed_figures(tmp_path: Path) -> None:
    text = "公司前三季度營收128.6億元，較上年同期的102.4億元增長25.6%。\n"
    code, report = check_json(str(check_file(tmp_path, text)), "--show-ok")
    assert code == 0
    agreed = [a["text"] for a in report["documents"][0]["agreed"]]
    assert "25.6%" in agreed
    proc = run("check", str(check_file(tmp_path, text)), "--show-ok", "--format", "rich")
    assert "checked and agreed" in proc.stdout.decode("utf-8")


def test_check_list_rules() -> None:
    from factcheck.checks import RULES

    proc = run("check", "--list-rules")
    lines = proc.stdout.decode("utf-8").splitlines()
    assert proc.returncode == 0 and [line.split()[0] for line in lines] == list(RULES)


def test_check_help_documents_exit_codes() -> None:
    out = run("check", "--help").stdout.decode("utf-8")
    assert "exit codes:" in out and "--min-severity" in out and "--show-ok" in out


@pytest.mark.parametrize(("encoding", "prefix"), ENCODINGS,
                         ids=["utf8", "utf8-bom", "utf16-bom", "gb18030", "big5"])
def test_check_encodings_give_the_same_findings(tmp_path: Path, encoding: str,
                                                prefix: bytes) -> None:
    text = "營收570.06億美元，較上年同期的350.82億美元增長72%。" if encoding == "big5" else \
        "营收570.06亿美元，较上年同期的350.82亿美元增长72%。"
    path = tmp_path / "a.txt"
    path.write_bytes(prefix + text.encode(encoding))
    code, report = check_json(str(path))
    assert code == 1
    findings = report["documents"][0]["findings"]
    assert [(f["rule"], f["spans"][0], f["figure"]) for f in findings] == \
        [("growth-vs-levels", [29, 32], "72%")]


# --date: the publication date a desk knows dates a day-only reference and its weekday
DATED = "台股（9）日（週四）收盤上漲100點。"
DATE_CASES = [
    # (args, date value of （9）日, weekday finding expected)
    ((), None, False),
    (("--date", "2026-01-09"), "2026-01-09", True),   # 9 January 2026 is a Friday
    (("--date", "2026-04-30"), "2026-04-09", False),  # 9 April 2026 is a Thursday
]


@pytest.mark.parametrize(("args", "value", "flagged"), DATE_CASES)
def test_date_option_dates_day_only_references(tmp_path: Path, args: tuple[str, ...],
                                               value: str | None, flagged: bool) -> None:
    path = tmp_path / "a.txt"
    path.write_text(DATED, encoding="utf-8")
    rows = records(run("extract", str(path), *args).stdout)
    assert next(r for r in rows if r["text"] == "（9）日")["value"] == value
    proc = run("check", str(path), "--format", "json", *args)
    rules = [f["rule"] for d in json.loads(proc.stdout)["documents"] for f in d["findings"]]
    assert ("weekday-mismatch" in rules) is flagged
    assert proc.returncode == (1 if flagged else 0)


def test_date_option_never_overrides_the_texts_own_dateline(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("2025年12月8日電\n台股（9）日收盤上漲100點。", encoding="utf-8")
    rows = records(run("extract", str(path), "--date", "2026-01-09").stdout)
    assert next(r for r in rows if r["text"] == "（9）日")["value"] == "2025-12-09"


@pytest.mark.parametrize("bad", ["2026-1-9", "09/01/2026", "2026-02-30", "tomorrow"])
def test_bad_date_option_is_exit_2_one_line(tmp_path: Path, bad: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(DATED, encoding="utf-8")
    for command in ("extract", "check"):
        proc = run(command, str(path), "--date", bad)
        assert proc.returncode == 2
        assert b"Traceback" not in proc.stderr
        assert f"not a date YYYY-MM-DD: '{bad}'".encode() in proc.stderr


MARKDOWN_PAGE = ("# 輝達第三季營收創新高\n\n**輝達**第三季營收[570.06億美元](https://example.com)，"
                 "較上年同期的350.82億美元增長72%。\n\n- 毛利率 *73.5%*\n")


@pytest.mark.parametrize(("name", "text", "absent", "flagged"), [
    # a web page: its visible text is checked; CSS, scripts, navigation and footer are not
    ("page.html", (Path(__file__).parent / "data" / "page.html").read_text(encoding="utf-8"),
     ["0", "12345", "2025-01-01", "02-2345-6789", "2024"], "72%"),
    # Markdown: marks and link targets are not text, the figures inside them are
    ("story.md", MARKDOWN_PAGE, ["#"], "72%"),
])
def test_html_and_markdown_are_read_as_their_visible_text(
        tmp_path: Path, name: str, text: str, absent: list[str], flagged: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    mentions = records(run("extract", str(path), "--format", "jsonl").stdout)
    assert mentions and all(text[m["start"]:m["end"]] == m["text"] for m in mentions)
    assert not {m["text"] for m in mentions} & set(absent)
    assert any(m["value"] == 57006000000 for m in mentions)
    code, report = check_json(str(path))
    assert code == 1
    (finding,) = [f for f in report["documents"][0]["findings"] if f["severity"] == "error"]
    a, b = finding["spans"][0]
    assert text[a:b] == finding["figure"] == flagged  # spans point into the file as read
    assert text.count("\n", 0, a) + 1 == finding["line"]
