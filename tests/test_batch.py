"""``factcheck batch``: streaming input, tables, bad records, parallel runs and resume."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from factcheck import batch, batch_records  # noqa: E402
from factcheck.checks import check_text  # noqa: E402
from factcheck.errors import InputError, UsageError  # noqa: E402
from factcheck.extract import extract  # noqa: E402
from factcheck.io import expand_paths  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _make_corpus_module():
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "benchmarks" /
                                                  "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def articles() -> list[dict]:
    return list(_make_corpus_module().generate(40, seed=11))


def write_jsonl(path: Path, records: list[dict], extra_lines: dict[int, bytes] | None = None
                ) -> Path:
    """Records as JSONL; extra_lines inserts raw bytes before record i."""
    with open(path, "wb") as fh:
        for i, rec in enumerate(records):
            if extra_lines and i in extra_lines:
                fh.write(extra_lines[i] + b"\n")
            fh.write(json.dumps(rec, ensure_ascii=False).encode("utf-8") + b"\n")
    return path


@pytest.fixture()
def corpus(tmp_path: Path, articles: list[dict]) -> Path:
    return write_jsonl(tmp_path / "corpus.jsonl", articles)


def cli(*args: str, stdin: bytes | None = None, timeout: int = 300
        ) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "factcheck", *args], input=stdin,
                          capture_output=True, cwd=ROOT, timeout=timeout)


def tables(out: Path, fmt: str = "parquet") -> dict[str, list[dict]]:
    ext = batch.FORMATS[fmt]
    return {name: batch.read_table(out / f"{name}{ext}").to_pylist() for name in batch.TABLES}


def without_ms(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k != "ms"} for r in rows]


def same_results(a: dict[str, list[dict]], b: dict[str, list[dict]]) -> None:
    assert a["figures"] == b["figures"]
    assert a["findings"] == b["findings"]
    assert a["bad_records"] == b["bad_records"]
    assert without_ms(a["documents"]) == without_ms(b["documents"])


# ---------------------------------------------------------------------------------------------
# Reading


def test_jsonl_records_lines_bom_crlf_blank() -> None:
    data = b'\xef\xbb\xbf{"id": 1, "text": "a"}\r\n\n   \n{"text": "b"}\n{"text": "c"}'
    recs = list(batch.iter_raw_records(["-"], stdin=io.BytesIO(data)))
    assert [(r.source, r.line) for r in recs] == [("-", 1), ("-", 4), ("-", 5)]
    assert recs[0].data == b'{"id": 1, "text": "a"}'
    assert recs[2].data == b'{"text": "c"}'


def test_reading_is_lazy() -> None:
    consumed = []

    def lines():
        for i in range(10**9):
            consumed.append(i)
            yield json.dumps({"text": f"第{i}篇"}).encode() + b"\n"

    class Stream(io.RawIOBase):
        def __iter__(self):
            return lines()

    first = next(batch.iter_raw_records(["-"], stdin=Stream()))
    assert first.line == 1 and len(consumed) == 1


def test_directory_order_matches_extract(tmp_path: Path) -> None:
    root = tmp_path / "d"
    for rel in ("b.txt", "a/x.md", "a.txt", "a/b/c.txt", "Z.TXT", "notes.json", "a0/y.txt"):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("營收10億元", encoding="utf-8")
    recs = list(batch.iter_raw_records([str(root)]))
    assert [r.source for r in recs] == list(expand_paths([str(root)]))
    assert all(r.line is None and r.data is None for r in recs)


def test_parse_record_cases() -> None:
    def parse(data: bytes, line: int = 3):
        return batch.parse_record(7, batch.RawRecord("c.jsonl", line, data, len(data)))

    doc = parse(json.dumps({"id": 42, "text": "營收10億元", "section": "科技"},
                           ensure_ascii=False).encode())
    assert (doc.doc_id, doc.line, doc.index) == ("42", 3, 7)
    assert json.loads(doc.fields) == {"section": "科技"}
    assert parse(b'{"text": "x"}').doc_id == "c.jsonl:3"
    assert parse(b'{"text": "x", "id": "a"}').fields is None
    assert parse(b"{oops")[0] == "invalid-json"
    assert parse(b"[1, 2]")[0] == "not-an-object"
    assert parse(b'{"id": 1}') == ("missing-text", 'no "text" field')
    assert parse(b'{"text": 5}')[0] == "bad-text"
    reason, message = parse(b'{"text": "\xff\xfe"}')
    assert reason == "undecodable" and "byte 11" in message


def test_value_text_is_exact() -> None:
    assert batch.value_text(Decimal("570.06") * Decimal(10**8)) == "57006000000"
    assert batch.value_text(Decimal("0.750")) == "0.75"
    assert batch.value_text(Decimal("1E+3")) == "1000"
    assert batch.value_text(62) == "62"
    assert batch.value_text("2025-12-09") == "2025-12-09"
    assert batch.value_text(None) is None


# ---------------------------------------------------------------------------------------------
# Tables


def test_tables_match_extract_and_check(tmp_path: Path, corpus: Path, articles: list[dict]
                                        ) -> None:
    summary = batch.run_batch([str(corpus)], tmp_path / "out")
    got = tables(tmp_path / "out")
    expected_figs, expected_finds = [], []
    for index, rec in enumerate(articles):
        report = check_text(rec["text"])
        mentions = extract(rec["text"])  # what `factcheck extract --format jsonl` prints
        assert [m.as_json() for m in report.mentions] == [m.as_json() for m in mentions]
        way = {c.mention.start: c.direction for c in report.claims
               if c.role in ("growth", "move")}
        for m in mentions:
            js = m.as_json()
            assert rec["text"][js["start"]:js["end"]] == js["text"]
            num = None if js["value"] is None or isinstance(js["value"], str) \
                else float(js["value"])
            expected_figs.append({
                "doc_index": index, "doc_id": rec["id"], "doc": str(corpus),
                **{k: js[k] for k in ("start", "end", "text", "kind", "unit", "qualifier")},
                "lo": None if js["lo"] is None else float(js["lo"]),
                "hi": None if js["hi"] is None else float(js["hi"]),
                "value": None if js["value"] is None else str(js["value"]),
                "value_num": num,
                # a stated move keeps its direction: 下降1.2% is -1.2 signed
                "direction": way.get(m.start),
                "signed_value": -num if num is not None and way.get(m.start) == "down" else num,
            })
        for f in report.findings:
            expected_finds.append({"doc_id": rec["id"], **{k: v for k, v in f.as_json().items()
                                                           if k != "evidence"}})
    figs = [{k: v for k, v in r.items() if k != "extra"} for r in got["figures"]]
    assert len(figs) == len(expected_figs)
    for row, want in zip(figs, expected_figs, strict=True):
        if isinstance(want["value_num"], float) and want["value"] != row["value"]:
            # JSON prints 0.75 for Decimal("0.750"); the table keeps the exact decimal text
            assert Decimal(row["value"]) == Decimal(want["value"])
            want["value"] = row["value"]
        assert row == want
    finds = [{k: v for k, v in r.items()
              if k in ("doc_id", "rule", "kind", "severity", "spans", "message", "expected",
                       "found")} for r in got["findings"]]
    assert finds == expected_finds
    assert all((r["start"], r["end"]) == tuple(r["spans"][0]) for r in got["findings"])
    for r, rec_id in ((r, r["doc_id"]) for r in got["findings"]):
        text = next(a["text"] for a in articles if a["id"] == rec_id)
        assert r["figure"] == text[r["start"]:r["end"]]  # the figure as written, where
        assert r["line"] == text.count("\n", 0, r["start"]) + 1
        assert r["column"] == r["start"] - (text.rfind("\n", 0, r["start"]) + 1) + 1
    assert any(r["suggestion"] for r in got["findings"]) or not got["findings"]
    # documents: one row each, extra JSONL fields kept
    docs = got["documents"]
    assert [d["doc_id"] for d in docs] == [a["id"] for a in articles]
    assert json.loads(docs[0]["fields"]) == {k: v for k, v in articles[0].items()
                                             if k not in ("id", "text")}
    assert summary["documents"] == len(articles) and summary["bad_records"] == 0
    assert summary["figures"] == len(expected_figs)
    assert summary["findings"] == len(expected_finds)
    assert sum(summary["findings_by_rule"].values()) == len(expected_finds)
    assert len(summary["slowest_documents"]) == 10
    assert summary["complete"] is True
    on_disk = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert on_disk["documents"] == len(articles)
    assert not (tmp_path / "out" / "_parts").exists()


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_text_formats_hold_the_same_rows(tmp_path: Path, corpus: Path, fmt: str) -> None:
    batch.run_batch([str(corpus)], tmp_path / "pq", commit_every=9)
    batch.run_batch([str(corpus)], tmp_path / fmt, fmt=fmt, commit_every=9)
    ref, got = tables(tmp_path / "pq"), tables(tmp_path / fmt, fmt)
    if fmt == "csv":  # spans are JSON text in CSV
        for row in got["findings"]:
            row["spans"] = json.loads(row["spans"])
    assert got["figures"] == ref["figures"]
    assert got["findings"] == ref["findings"]
    if fmt == "csv":
        header = (tmp_path / fmt / "figures.csv").read_text(encoding="utf-8").splitlines()[0]
        assert header.startswith('"doc_index","doc_id","doc","start","end","text"')


def test_parallel_equals_serial(tmp_path: Path, corpus: Path, articles: list[dict]) -> None:
    serial = batch.run_batch([str(corpus)], tmp_path / "s", jobs=1)
    parallel = batch.run_batch([str(corpus)], tmp_path / "p", jobs=2, chunk_size=3,
                               commit_every=7)
    a, b = tables(tmp_path / "s"), tables(tmp_path / "p")
    same_results(a, b)
    indexes = [r["doc_index"] for r in b["figures"]]
    assert indexes == sorted(indexes)
    for key in ("documents", "figures", "findings", "findings_by_rule"):
        assert serial[key] == parallel[key]
    assert parallel["jobs"] == 2


def test_gzipped_jsonl_and_progress_bar(tmp_path: Path, articles: list[dict],
                                        capsys: pytest.CaptureFixture) -> None:
    import gzip

    plain = write_jsonl(tmp_path / "c.jsonl", articles[:8])
    gz = tmp_path / "c.jsonl.gz"
    gz.write_bytes(gzip.compress(plain.read_bytes()))
    batch.run_batch([str(plain)], tmp_path / "a")
    batch.run_batch([str(gz)], tmp_path / "b", progress=True)
    a, b = tables(tmp_path / "a"), tables(tmp_path / "b")
    for rows in (*b.values(), *a.values()):
        for row in rows:
            row.pop("doc", None)
    same_results(a, b)


def test_checker_failure_is_a_bad_record_not_a_crash(tmp_path: Path, articles: list[dict],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    real = batch_records._checker()

    def flaky(text: str, reference=None):
        if text == articles[2]["text"]:
            raise ValueError("boom")
        return real(text, reference)

    monkeypatch.setattr(batch_records, "_checker", lambda: flaky)  # where workers look it up
    corpus = write_jsonl(tmp_path / "c.jsonl", articles[:5])
    summary = batch.run_batch([str(corpus)], tmp_path / "out")
    got = tables(tmp_path / "out")
    assert summary["documents"] == 4 and summary["bad_records_by_reason"] == {"checker-error": 1}
    assert got["bad_records"] == [{"doc_index": 2, "doc": str(corpus), "line": 3,
                                   "reason": "checker-error",
                                   "error": "checker failed (ValueError: boom)"}]
    assert 2 not in {r["doc_index"] for r in got["figures"]}


def test_builder_rollback_drops_a_half_added_document() -> None:
    builder = batch.TableBuilder()
    doc = batch.Doc(0, "a", "a.txt", None, "營收10億元，增長5%", "utf-8", None)
    builder.add(doc, check_text(doc.text), 1.0)
    mark = builder.mark()
    builder.add(batch.Doc(1, "b", "b.txt", None, doc.text, "utf-8", None),
                check_text(doc.text), 1.0)
    builder.rollback(mark)
    t = builder.tables()
    assert set(t["documents"].column("doc_id").to_pylist()) == {"a"}
    assert set(t["figures"].column("doc_index").to_pylist()) == {0}


# ---------------------------------------------------------------------------------------------
# Resume


class Interrupt(Exception):
    pass


def interrupt_after(n: int):
    def hook(part: int) -> None:
        if part + 1 >= n:
            raise Interrupt

    return hook


@pytest.mark.parametrize("jobs", [1, 2])
def test_resume_after_interruption(tmp_path: Path, corpus: Path, jobs: int) -> None:
    clean = batch.run_batch([str(corpus)], tmp_path / "clean", commit_every=6)
    out = tmp_path / "out"
    with pytest.raises(Interrupt):
        batch.run_batch([str(corpus)], out, jobs=jobs, commit_every=6, chunk_size=2,
                        after_commit=interrupt_after(3))
    journal = (out / batch.JOURNAL).read_text(encoding="utf-8").splitlines()
    assert json.loads(journal[-1])["records"] == 18
    done = []
    resumed = batch.run_batch([str(corpus)], out, jobs=jobs, commit_every=6, chunk_size=2,
                              after_commit=done.append)
    assert done == [3, 4, 5, 6]  # parts 0-2 were not redone
    same_results(tables(tmp_path / "clean"), tables(out))
    for key in ("documents", "figures", "findings", "findings_by_rule", "bad_records"):
        assert resumed[key] == clean[key]
    assert resumed["sessions"] == 2


def test_resume_drops_torn_journal_line_and_stale_parts(tmp_path: Path, corpus: Path) -> None:
    batch.run_batch([str(corpus)], tmp_path / "clean")
    out = tmp_path / "out"
    with pytest.raises(Interrupt):
        batch.run_batch([str(corpus)], out, commit_every=5, chunk_size=5,
                        after_commit=interrupt_after(2))
    # a crash while writing part 2: its files half there, its journal line torn
    (out / "_parts" / "00002.figures.parquet").write_bytes(b"PAR1 garbage")
    (out / "_parts" / ".tmp.00002.findings.parquet").write_bytes(b"")
    with open(out / batch.JOURNAL, "ab") as fh:
        fh.write(b'{"part": 2, "records": 15, "dig')
    batch.run_batch([str(corpus)], out, commit_every=5, chunk_size=5)
    same_results(tables(tmp_path / "clean"), tables(out))


def test_resume_refuses_a_changed_corpus(tmp_path: Path, articles: list[dict]) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", articles)
    out = tmp_path / "out"
    with pytest.raises(Interrupt):
        batch.run_batch([str(corpus)], out, commit_every=5, chunk_size=5,
                        after_commit=interrupt_after(1))
    changed = [dict(articles[0], text=articles[0]["text"] + "。"), *articles[1:]]
    write_jsonl(corpus, changed)
    with pytest.raises(UsageError, match="no longer starts with the 5 records"):
        batch.run_batch([str(corpus)], out, commit_every=5)
    with pytest.raises(UsageError, match="other inputs or options"):
        batch.run_batch([str(corpus)], out, fmt="csv", commit_every=5)
    summary = batch.run_batch([str(corpus)], out, restart=True)
    assert summary["documents"] == len(articles) and summary["sessions"] == 1


def test_appended_corpus_resumes_without_redoing(tmp_path: Path, articles: list[dict]) -> None:
    """A feed file that grew while the run was down: the old records are skipped."""
    corpus = write_jsonl(tmp_path / "feed.jsonl", articles[:20])
    out = tmp_path / "out"
    with pytest.raises(Interrupt):
        batch.run_batch([str(corpus)], out, commit_every=10, chunk_size=10,
                        after_commit=interrupt_after(1))
    write_jsonl(corpus, articles)
    checked = []
    summary = batch.run_batch([str(corpus)], out, commit_every=10, chunk_size=10,
                              after_commit=checked.append)
    assert checked == [1, 2, 3] and summary["documents"] == len(articles)


def test_rerun_of_a_complete_run_changes_nothing(tmp_path: Path, corpus: Path) -> None:
    out = tmp_path / "out"
    first = batch.run_batch([str(corpus)], out)
    stamp = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    again = batch.run_batch([str(corpus)], out)
    assert again == first
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == stamp


def test_refuses_foreign_output_without_restart(tmp_path: Path, corpus: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "figures.parquet").write_bytes(b"not ours")
    with pytest.raises(UsageError, match="--restart"):
        batch.run_batch([str(corpus)], out)
    batch.run_batch([str(corpus)], out, restart=True)
    assert pq.read_table(out / "figures.parquet").num_rows > 0


def test_missing_input_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        batch.run_batch([str(tmp_path / "nope.jsonl")], tmp_path / "out")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no \\*.txt or \\*.md"):
        batch.run_batch([str(tmp_path / "empty")], tmp_path / "out")


# ---------------------------------------------------------------------------------------------
# The console script


BAD_LINES = {3: b"{not json", 7: b'{"id": "no-text", "title": "x"}',
             12: b'{"id": "latin1", "text": "caf\xe9 10%"}'}


def test_cli_bad_records_are_reported_skipped_and_counted(tmp_path: Path,
                                                          articles: list[dict]) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", articles[:15], BAD_LINES)
    proc = cli("batch", str(corpus), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    err = proc.stderr.decode()
    assert f"{corpus}:4: invalid JSON" in err  # bad line before record 3: line 4
    assert f"{corpus}:9: no \"text\" field" in err
    assert f"{corpus}:15: not UTF-8" in err
    assert "Traceback" not in err
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["documents"] == 15 and summary["bad_records"] == 3
    assert summary["records"] == 18
    assert summary["bad_records_by_reason"] == {"invalid-json": 1, "missing-text": 1,
                                                "undecodable": 1}
    bad = pq.read_table(tmp_path / "out" / "bad_records.parquet").to_pylist()
    assert [(b["line"], b["reason"]) for b in bad] == [(4, "invalid-json"), (9, "missing-text"),
                                                      (15, "undecodable")]
    docs = pq.read_table(tmp_path / "out" / "documents.parquet").to_pylist()
    assert [d["line"] for d in docs][:4] == [1, 2, 3, 5]


def test_cli_on_error_stop_exits_2_then_resumes_once_fixed(tmp_path: Path,
                                                           articles: list[dict]) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", articles[:15], {9: b'{"id": 9}'})
    out = tmp_path / "out"
    proc = cli("batch", str(corpus), "--out", str(out), "--on-error", "stop",
               "--chunk-size", "4", "-j", "2")
    assert proc.returncode == 2
    lines = proc.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"factcheck: error: {corpus}:10: ")
    assert "Traceback" not in proc.stderr.decode()
    assert not (out / "figures.parquet").exists()
    journal = [json.loads(x) for x in (out / batch.JOURNAL).read_text().splitlines()]
    assert journal[-1]["records"] == 9  # the records before the bad one are saved
    write_jsonl(corpus, articles[:15])  # fix the line: same first 9 records
    proc = cli("batch", str(corpus), "--out", str(out), "--on-error", "stop")
    assert proc.returncode == 0, proc.stderr
    clean = batch.run_batch([str(corpus)], tmp_path / "clean")
    same_results(tables(tmp_path / "clean"), tables(out))
    assert json.loads((out / "summary.json").read_text())["documents"] == clean["documents"]


def test_cli_stdin_and_directories(tmp_path: Path, articles: list[dict]) -> None:
    d = tmp_path / "articles"
    d.mkdir()
    simplified = next(a for a in articles if a["script"] == "hans")
    (d / "a.txt").write_text(articles[0]["text"], encoding="utf-8")
    (d / "b.txt").write_bytes(simplified["text"].encode("gb18030"))
    (d / "c.md").write_bytes(b"\x81\x30\xff\xff binary \x00 junk")
    lines = b"".join(json.dumps(a, ensure_ascii=False).encode() + b"\n" for a in articles[2:5])
    proc = cli("batch", str(d), "-", "--out", str(tmp_path / "out"), "--format", "jsonl",
               stdin=lines)
    assert proc.returncode == 0, proc.stderr
    assert f"{d / 'c.md'}: binary file" in proc.stderr.decode()
    docs = batch.read_table(tmp_path / "out" / "documents.jsonl").to_pylist()
    assert [(x["doc_id"], x["doc"], x["encoding"]) for x in docs] == [
        (str(d / "a.txt"), str(d / "a.txt"), "utf-8"),
        (str(d / "b.txt"), str(d / "b.txt"), "gb18030"),
        (articles[2]["id"], "-", "utf-8"), (articles[3]["id"], "-", "utf-8"),
        (articles[4]["id"], "-", "utf-8")]
    assert [x["doc_index"] for x in docs] == [0, 1, 3, 4, 5]


def test_cli_usage_errors_exit_2(tmp_path: Path, corpus: Path) -> None:
    proc = cli("batch", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "o"))
    assert proc.returncode == 2
    assert proc.stderr.decode().strip() == \
        f"factcheck: error: {tmp_path / 'missing.jsonl'}: no such file or directory"
    proc = cli("batch", str(corpus))  # no --out
    assert proc.returncode == 2
    bad_ref = tmp_path / "ref.csv"
    bad_ref.write_text("entity,metric\nx,y\n", encoding="utf-8")
    proc = cli("batch", str(corpus), "--out", str(tmp_path / "o"), "--reference", str(bad_ref))
    assert proc.returncode == 2 and "missing required column" in proc.stderr.decode()
    assert not (tmp_path / "o").exists()


def _start_and_wait_for_commits(args: list[str], journal: Path, lines: int
                                ) -> subprocess.Popen:
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if journal.exists() and journal.read_bytes().count(b"\n") >= lines:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run finished before it could be interrupted"
    return proc


def _children(pid: int) -> list[int]:
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def test_cli_terminated_and_killed_runs_resume_to_the_clean_result(tmp_path: Path) -> None:
    records = list(_make_corpus_module().generate(300, seed=5))
    corpus = write_jsonl(tmp_path / "c.jsonl", records)
    out = tmp_path / "out"
    journal = out / batch.JOURNAL
    args = [sys.executable, "-m", "factcheck", "batch", str(corpus), "--out", str(out),
            "--commit-every", "10", "--chunk-size", "5", "-j", "2"]
    # SIGTERM: the command stops like on Ctrl-C (exit 130), keeping what it committed
    proc = _start_and_wait_for_commits(args, journal, 3)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and err.decode().strip() == "factcheck: interrupted"
    first = json.loads(journal.read_text().splitlines()[-1])["records"]
    assert 0 < first < len(records)
    # SIGKILL of the parent alone: its workers notice and exit by themselves
    proc = _start_and_wait_for_commits(args, journal, journal.read_text().count("\n") + 2)
    workers = _children(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{w}").exists() and "Z" not in _state(w) for w in workers) \
            and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(Path(f"/proc/{w}").exists() and "Z" not in _state(w) for w in workers)
    second = json.loads(journal.read_text().splitlines()[-1])["records"]
    assert first < second < len(records)
    assert not (out / "figures.parquet").exists()
    # the same command again finishes the job
    resumed = subprocess.run(args, cwd=ROOT, capture_output=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    clean = batch.run_batch([str(corpus)], tmp_path / "clean")
    same_results(tables(tmp_path / "clean"), tables(out))
    summary = json.loads((out / "summary.json").read_text())
    assert summary["documents"] == clean["documents"] == len(records)
    assert summary["sessions"] == 3
    figs = pq.read_table(out / "figures.parquet").to_pylist()
    keys = [(f["doc_index"], f["start"], f["end"]) for f in figs]
    assert len(keys) == len(set(keys))


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return "Z"


def test_cli_help_lists_batch() -> None:
    proc = cli("batch", "--help")
    assert proc.returncode == 0
    assert b"--on-error" in proc.stdout and b"--jobs" in proc.stdout


def test_tables_an_editor_can_read(tmp_path: Path) -> None:
    """The findings table says where and what to change; the documents table how much was
    checked; a stated fall keeps its sign."""
    src = tmp_path / "in.jsonl"
    rows = [{"id": "a", "text": "標題\n營收100億元，較上年同期的80億元增長35%。"},
            {"id": "b", "text": "营收下降1.2%。公司有员工3000人。"}]
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                   encoding="utf-8")
    batch.run_batch([str(src)], tmp_path / "out")
    got = tables(tmp_path / "out")
    (finding,) = got["findings"]
    assert (finding["figure"], finding["line"], finding["column"]) == ("35%", 2, 21)
    assert finding["suggestion"] == "35% is likely 25%"
    docs = {d["doc_id"]: d for d in got["documents"]}
    assert (docs["a"]["figures"], docs["a"]["figures_checked"], docs["a"]["status"]) == \
        (3, 3, "findings")
    assert (docs["b"]["figures_checked"], docs["b"]["status"]) == (0, "nothing_checked")
    fall = next(f for f in got["figures"] if f["text"] == "1.2%")
    assert (fall["value_num"], fall["direction"], fall["signed_value"]) == (1.2, "down", -1.2)
