"""Hostile and odd input through the real console script, in a subprocess each: a clear
outcome (exit 0, 1 or 2 with one line on stderr) in bounded time and memory, never a
traceback; and ``-o`` never leaves a half-written or clobbered file.

The full-size cases (a 50 MB article, two-million-character lines) are measured by
``benchmarks/big_input.py``; the sizes here keep the suite fast while still being far
beyond an article.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factcheck import chunking
from factcheck.checks import check_text

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(sys.executable).with_name("factcheck")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "factcheck"]
SAMPLE = "營收570.06億美元，較上年同期的350.82億美元增長72%。\n"  # one growth-vs-levels error

# Runs a command in a fresh interpreter and reports that command's own peak RSS.
MEASURE = """
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
info = {"seconds": time.perf_counter() - t0, "returncode": proc.returncode,
        "rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "stderr": proc.stderr.decode("utf-8", "replace")}
sys.stdout.buffer.write(json.dumps(info).encode() + b"\\n" + proc.stdout)
"""


def run(*args: str, stdin: bytes | None = None, timeout: float = 120
        ) -> subprocess.CompletedProcess:
    return subprocess.run([*COMMAND, *args], input=stdin, capture_output=True, cwd=ROOT,
                          timeout=timeout)


def measured(*args: str, timeout: float = 300) -> tuple[dict, bytes]:
    proc = subprocess.run([sys.executable, "-c", MEASURE, *COMMAND, *args], capture_output=True,
                          cwd=ROOT, timeout=timeout, check=True)
    head, _, body = proc.stdout.partition(b"\n")
    return json.loads(head), body


def one_line_error(proc: subprocess.CompletedProcess, *needles: str) -> str:
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2, (proc.returncode, err)
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("factcheck: error: ")
    for needle in needles:
        assert needle in err, err
    return err


# ---------------------------------------------------------------------------------------------
# Odd inputs: one clear outcome each
@pytest.mark.parametrize("command", ["check", "extract"])
@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \r\n", "\N{BYTE ORDER MARK}".encode()],
                         ids=["empty", "whitespace", "bom-only"])
def test_empty_input_is_zero_figures(tmp_path: Path, command: str, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    fmt = "json" if command == "check" else "jsonl"
    proc = run(command, str(path), "--format", fmt)
    assert proc.returncode == 0, proc.stderr
    if command == "check":  # an empty file is not a clean article: one line says so
        assert proc.stderr.decode() == \
            f"factcheck: warning: {path}: empty document, nothing to check\n"
        report = json.loads(proc.stdout)
        assert report["summary"] == {"documents": 1, "errors": 0, "warnings": 0, "infos": 0,
                                     "figures": 0, "figures_checked": 0, "hidden": 0}
        assert report["documents"][0]["status"] == "empty"
    else:
        assert proc.stderr == b""
        assert proc.stdout == b""


BAD_INPUTS = {
    "missing": (lambda p: None, "no such file or directory"),
    "binary-nul": (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50),
                   "binary file"),
    "binary-controls": (lambda p: p.write_bytes(bytes(range(1, 9)) * 500), "binary file"),
    "undecodable": (lambda p: p.write_bytes("營收".encode() + b"\xff\xfe\xfd\x80\x80\x80"),
                    "cannot decode"),
    "bad-utf16": (lambda p: p.write_bytes(b"\xff\xfe" + "增長5%".encode("utf-16-le") + b"\x00\xd8"),
                  "invalid utf-16"),
    "directory-without-articles": (lambda p: (p.mkdir(), (p / "notes.csv").write_text("1,2")),
                                   "no *.txt or *.md"),
    # office files say what they are and how to proceed, not a note about encodings
    "pdf": (lambda p: p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "pdftotext"),
    "docx": (lambda p: p.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + b"word/document.xml"),
             "save the article as plain text"),
    "doc": (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64),
            "old Office file"),
    "rtf": (lambda p: p.write_bytes(b"{\\rtf1\\ansi \\u-29151?"), "RTF file"),
}


@pytest.mark.parametrize("command", ["check", "extract"])
@pytest.mark.parametrize("case", list(BAD_INPUTS), ids=list(BAD_INPUTS))
def test_bad_input_is_one_line_exit_2(tmp_path: Path, command: str, case: str) -> None:
    setup, needle = BAD_INPUTS[case]
    target = tmp_path / ("x.txt" if "directory" not in case else "articles")
    setup(target)
    one_line_error(run(command, str(target)), str(target), needle)


def test_bad_input_among_good_ones_writes_nothing(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(SAMPLE, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    proc = run("check", str(good), str(bad), "--format", "json")
    one_line_error(proc, str(bad), "binary")
    assert proc.stdout == b""


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_device_is_refused_not_read() -> None:
    one_line_error(run("check", "/dev/zero", timeout=30), "/dev/zero", "not a regular file")


def test_stdin_dash_and_several_paths(tmp_path: Path) -> None:
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "b.md").write_text("增長5%", encoding="utf-8")
    (tmp_path / "dir" / "a.txt").write_text(SAMPLE, encoding="utf-8")
    single = tmp_path / "single.txt"
    single.write_text("總共3家", encoding="utf-8")
    proc = run("check", str(single), "-", str(tmp_path / "dir"), "--format", "json",
               stdin="營收增長8%。".encode("gb18030"))
    assert proc.returncode == 1, proc.stderr
    docs = [d["doc"] for d in json.loads(proc.stdout)["documents"]]
    assert docs == [str(single), "-", str(tmp_path / "dir" / "a.txt"),
                    str(tmp_path / "dir" / "b.md")]


# ---------------------------------------------------------------------------------------------
# Size: bounded time and memory
def big_article(megabytes: float) -> str:
    """The seed's paragraphs repeated, digits varied after the first copy: the generator of
    ``benchmarks/big_input.py``, so the test and the benchmark measure the same input."""
    spec = importlib.util.spec_from_file_location("big_input", ROOT / "benchmarks" /
                                                  "big_input.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.article(megabytes, seed=7)


def test_big_article_checks_in_bounded_time_and_memory(tmp_path: Path) -> None:
    # 5 MB (about 1.8 million characters, 27,000 figures): checked in one piece the checks
    # took 104 s here (they grow faster than the text); in windows about 9 s.
    text = big_article(5)
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    info, body = measured("check", str(path), "--format", "json", timeout=600)
    assert info["returncode"] in (0, 1), info["stderr"]
    assert info["rss_mb"] < 1500, info
    report = json.loads(body)
    (doc,) = report["documents"]
    assert doc["figures"] > 20_000 and doc["figures_checked"] > 0
    for finding in doc["findings"]:
        start, end = finding["spans"][0]
        assert text[start:end] == finding["figure"]
    starts = [f["spans"][0][0] for f in doc["findings"]]
    assert starts == sorted(starts)
    assert info["seconds"] < 300, info


def test_two_million_digits_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "digits.txt"
    path.write_text("營收增長5%。\n" + "7" * 2_000_000 + "\n淨利10億元。\n", encoding="utf-8")
    for command, fmt in (("check", "json"), ("extract", "jsonl")):
        info, body = measured(command, str(path), "--format", fmt, timeout=300)
        assert info["returncode"] == 0, info
        assert info["rss_mb"] < 1500 and info["seconds"] < 200, info
        texts = ([f["text"] for f in map(json.loads, body.decode().splitlines())]
                 if command == "extract" else None)
        if texts is not None:
            assert texts == ["5%", "10億元"]  # the digit run is no figure; its neighbours are


ADVERSARIAL = {
    "commas": "," * 100_000,
    "dots": "." * 100_000,
    "dunhao": "\N{IDEOGRAPHIC COMMA}" * 100_000,
    "fullwidth-commas": "\N{FULLWIDTH COMMA}" * 100_000,
    "yue": "約" * 100_000,
    "chao": "超" * 100_000,
    "qualifiers": "約超近逾多不足以上" * 10_000,
    "digit-comma": "1," * 50_000,
    "digit-dot": "1." * 50_000,
    "digit-dunhao": "1\N{IDEOGRAPHIC COMMA}" * 50_000,
    "qualified-digits": "約1" * 50_000,
    "mixed": "約超1,0.5萬億%\N{IDEOGRAPHIC COMMA}" * 9_000,
    "fullwidth-digits": "\N{FULLWIDTH DIGIT ONE}\N{FULLWIDTH COMMA}" * 50_000,
    "chinese-numerals": "一二三四五六七八九十百千萬億" * 7_000,
    "dashes": "1-" * 50_000,
    "percent": "%1" * 50_000,
}


def test_adversarial_runs_in_bounded_time(tmp_path: Path) -> None:
    # Before windows, "mixed" alone (a 100,000-character sentence of 18,000 figures) took
    # longer than 10 minutes to check: some checks compare every pair of figures in a
    # sentence. Each case here is a file of 100,000 characters on one line.
    folder = tmp_path / "adversarial"
    folder.mkdir()
    for label, text in ADVERSARIAL.items():
        (folder / f"{label}.txt").write_text(text, encoding="utf-8")
    started = time.perf_counter()
    info, body = measured("check", str(folder), "--format", "json", timeout=900)
    assert info["returncode"] in (0, 1), info["stderr"]
    assert "Traceback" not in info["stderr"]
    report = json.loads(body)
    assert report["summary"]["documents"] == len(ADVERSARIAL)
    for doc in report["documents"]:
        text = ADVERSARIAL[Path(doc["doc"]).stem]
        for finding in doc["findings"]:
            assert all(0 <= s <= e <= len(text) for s, e in finding["spans"])
    assert info["rss_mb"] < 1500, info
    assert time.perf_counter() - started < 600


# ---------------------------------------------------------------------------------------------
# -o: atomic, never over an input
def existing_output(tmp_path: Path) -> Path:
    out = tmp_path / "report.json"
    out.write_text("previous report\n", encoding="utf-8")
    return out


@pytest.mark.parametrize(
    "args",
    [["{bad}"], ["{good}", "--reference", "{bad_csv}"], ["{good}", "--rules", "no-such-rule"],
     ["{missing}"]],
    ids=["bad-input", "malformed-reference", "unknown-rule", "missing-input"])
def test_failed_run_leaves_existing_output_untouched(tmp_path: Path, args: list[str]) -> None:
    good = tmp_path / "good.txt"
    good.write_text(SAMPLE, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02")
    bad_csv = tmp_path / "ref.csv"
    bad_csv.write_text("entity,metric\nX,revenue\n", encoding="utf-8")
    out = existing_output(tmp_path)
    names = {"bad": bad, "good": good, "bad_csv": bad_csv, "missing": tmp_path / "nope.txt"}
    proc = run("check", *[a.format(**names) for a in args], "-o", str(out))
    one_line_error(proc)
    assert out.read_text(encoding="utf-8") == "previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == \
        sorted(["good.txt", "bad.txt", "ref.csv", "report.json"])  # no temporary file left


def test_output_replaces_atomically_with_normal_permissions(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(SAMPLE, encoding="utf-8")
    out = existing_output(tmp_path)
    out.chmod(0o640)
    proc = run("check", str(good), "-o", str(out))
    assert proc.returncode == 1 and proc.stdout == b"", proc.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["errors"] == 1
    assert out.stat().st_mode & 0o777 == 0o640
    fresh = tmp_path / "fresh.md"
    assert run("check", str(good), "-o", str(fresh)).returncode == 1
    assert fresh.read_text(encoding="utf-8").startswith("# factcheck ")  # Markdown by suffix
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~_umask()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh.md", "good.txt", "report.json"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_output_refuses_to_overwrite_inputs(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(SAMPLE, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(article)
    hard = tmp_path / "hard.txt"
    os.link(article, hard)
    for out, given in ((article, article), (link, article), (hard, article),
                       (tmp_path / "new.md", tmp_path)):
        proc = run("check", str(given), "-o", str(out))
        one_line_error(proc, "refusing")
        assert article.read_text(encoding="utf-8") == SAMPLE
    assert not (tmp_path / "new.md").exists()
    # a JSON report inside the input directory is fine: it is not an article
    assert run("check", str(tmp_path), "-o", str(tmp_path / "r.json")).returncode == 1


def test_output_into_missing_directory_is_one_line(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(SAMPLE, encoding="utf-8")
    one_line_error(run("check", str(article), "-o", str(tmp_path / "no" / "r.json")),
                   "cannot write")


# ---------------------------------------------------------------------------------------------
# Terminal behaviour: progress on a terminal only; a closed pipe is not an error
def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    pty = pytest.importorskip("pty")
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(SAMPLE, encoding="utf-8")
    quiet = run("check", str(tmp_path), "--format", "json")
    assert quiet.returncode == 1 and quiet.stderr == b""
    master, slave = pty.openpty()
    proc = subprocess.Popen([*COMMAND, "check", str(tmp_path), "--format", "json"],
                            stdout=subprocess.PIPE, stderr=slave, cwd=ROOT)
    os.close(slave)
    stdout = proc.stdout.read() if proc.stdout else b""
    terminal = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO once the child has closed the terminal
            break
        if not chunk:
            break
        terminal += chunk
    os.close(master)
    assert proc.wait(timeout=120) == 1
    assert json.loads(stdout)["summary"]["documents"] == 5  # stdout stays clean JSON
    assert b"checking" in terminal and b"Traceback" not in terminal


def test_closed_pipe_is_quiet(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(SAMPLE * 200, encoding="utf-8")
    proc = subprocess.Popen([*COMMAND, "extract", str(path)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=ROOT)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # like `| head` that has seen enough
    err = proc.stderr.read()
    proc.wait(timeout=120)
    assert b"Traceback" not in err and b"BrokenPipe" not in err, err


# ---------------------------------------------------------------------------------------------
# Windows (factcheck.chunking), in-process
def test_windows_cover_the_text_contiguously() -> None:
    text = big_article(0.3)
    for limits in ({}, {"window_chars": 5_000}, {"window_numbers": 50},
                   {"sentence_chars": 30, "sentence_numbers": 3}):
        windows = chunking.plan_windows(text, **limits)
        assert windows[0][0] == 0 and windows[-1][1] == len(text)
        assert all(a < b for a, b in windows)
        assert all(windows[i][1] == windows[i + 1][0] for i in range(len(windows) - 1))
        if "window_chars" in limits:
            assert all(b - a <= limits["window_chars"] for a, b in windows)


def test_an_article_is_one_window_and_checked_as_is() -> None:
    text = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    assert chunking.plan_windows(text) == [(0, len(text))]
    direct, windowed = check_text(text), chunking.check_document(text)
    assert [(f.rule, f.spans) for f in direct.findings] == \
        [(f.rule, f.spans) for f in windowed.findings]
    assert direct.checked == windowed.checked


def test_a_long_sentence_is_cut_between_figures() -> None:
    text = "，".join(f"{i}億美元" for i in range(1, 400)) + "。"
    windows = chunking.plan_windows(text, sentence_chars=200, sentence_numbers=20)
    assert len(windows) > 1
    for _start, b in windows[:-1]:
        assert text[b - 1] == "，"  # cut after a clause mark, never inside a figure


def test_windows_shift_findings_back(monkeypatch: pytest.MonkeyPatch) -> None:
    paragraph = "營收570.06億美元，較上年同期的350.82億美元增長72%。"
    text = "\n".join([paragraph] * 30) + "\n"
    monkeypatch.setattr(chunking, "WINDOW_CHARS", 200)
    assert len(chunking.plan_windows(text, window_chars=200)) > 1
    direct, windowed = check_text(text), chunking.check_document(text)
    assert [(f.rule, f.spans) for f in windowed.findings] == \
        [(f.rule, f.spans) for f in direct.findings]
    assert [m.start for m in windowed.mentions] == [m.start for m in direct.mentions]
    assert windowed.checked == direct.checked
    for f in windowed.findings:
        assert all(text[m.start:m.end] == m.text for m in f.mentions)
    for claim in windowed.claims:
        assert text[claim.mention.start:claim.mention.end] == claim.mention.text
        assert text[claim.sentence[0]:claim.sentence[1]].count("\n") == 0
