"""Throughput and memory of ``factcheck batch``: 1 worker, 2 workers, Dask's local cluster.

    python benchmarks/batch_speed.py [--articles 20000] [--small 5000] [--workdir DIR]
                                     [--skip-dask] [--json FILE]

What it does, in one run:

1. generates two corpora with ``benchmarks/make_corpus.py`` (deterministic, seed 7): the main
   one (``--articles``, default 20,000 varied articles) and a smaller one (``--small``, default
   5,000) to show that peak memory does not grow with the corpus;
2. runs, each in a fresh subprocess, ``python -m factcheck batch CORPUS --out DIR --jobs N``
   for N = 1 and 2 on both corpora, and the Dask pipeline (``factcheck.dask.check_dataframe``
   over ``dask.dataframe.read_json`` on a ``LocalCluster`` of 2 worker processes, writing
   figures and findings to Parquet in one pass) on the main corpus;
3. checks that the 2-worker tables equal the serial ones and that Dask found the same number
   of figures and findings;
4. prints a table: wall seconds (the whole command, interpreter start included), articles/s,
   characters/s, CPU seconds used (user+sys of the command and all its processes), peak RSS
   summed over the command's processes and of its largest process (sampled every 50 ms with
   psutil), and throughput relative to the serial run of the same corpus. Other work on the
   machine skews timings, so each run waits (``--max-wait``) for the CPUs to be quiet first,
   and the table's "other load" column is the share of the CPUs that other processes used
   during the run (from /proc/stat, less this run's own CPU time).

Needs the ``dask`` extra (``pip install -e '.[dask]'``, which brings psutil). Linux/macOS.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import make_corpus  # noqa: E402


def corpus(workdir: Path, articles: int, seed: int = 7) -> tuple[Path, dict]:
    path = workdir / f"corpus-{articles}-seed{seed}.jsonl"
    meta_path = path.with_suffix(".meta.json")
    if path.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        if meta.get("bytes") == path.stat().st_size:
            return path, meta
    t0 = time.perf_counter()
    meta = make_corpus.write_corpus(path, articles, seed)
    meta["generated_seconds"] = round(time.perf_counter() - t0, 1)
    meta_path.write_text(json.dumps(meta))
    return path, meta


class Sampler:
    """Peak RSS of a process tree (sum over processes, and the largest one)."""

    def __init__(self, pid: int) -> None:
        import psutil

        self.root = psutil.Process(pid)
        self.peak_total = 0
        self.peak_single = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self.stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                break
            total = 0
            for p in procs:
                try:
                    rss = p.memory_info().rss
                except psutil.Error:
                    continue
                total += rss
                self.peak_single = max(self.peak_single, rss)
            self.peak_total = max(self.peak_total, total)
            self.stop.wait(0.05)

    def __enter__(self) -> Sampler:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


def source_fingerprint() -> str:
    """A digest of factcheck's source: runs of the benchmark compare only under the same code
    (other people may be editing the checkout while it runs)."""
    import hashlib

    digest = hashlib.blake2b(digest_size=8)
    for path in sorted((ROOT / "factcheck").rglob("*")):
        if path.is_file() and path.suffix in (".py", ".csv", ".txt"):
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def busy_seconds() -> float:
    """CPU seconds the whole machine has been busy since boot (all CPUs, from /proc/stat)."""
    try:
        with open("/proc/stat", encoding="ascii") as fh:
            fields = [int(x) for x in fh.readline().split()[1:]]
    except OSError:  # not Linux: no contention figure
        return float("nan")
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def wait_for_quiet(max_wait: float, threshold: float = 0.10) -> float:
    """Wait (up to ``max_wait`` s) until other work uses < threshold of the CPUs for 3 s."""
    deadline = time.monotonic() + max_wait
    quiet_for = 0
    share = float("nan")
    while time.monotonic() < deadline:
        b0 = busy_seconds()
        time.sleep(1.0)
        share = (busy_seconds() - b0) / (os.cpu_count() or 1)
        quiet_for = quiet_for + 1 if share < threshold else 0
        if quiet_for >= 3:
            break
    return share


def measure(cmd: list[str]) -> dict:
    """Run ``cmd``; wall time, CPU time of it and its descendants, peak memory, its stdout,
    and the CPU time the rest of the machine used meanwhile (contention)."""
    source = source_fingerprint()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy0 = busy_seconds()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    with Sampler(proc.pid) as sampler:
        out, err = proc.communicate()
    wall = time.perf_counter() - t0
    busy = busy_seconds() - busy0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err.decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    others = max(busy - cpu, 0.0) / wall / (os.cpu_count() or 1)
    if source_fingerprint() != source:
        source = "changed during the run"
    return {"source": source, "wall": wall, "cpu": cpu, "rss_total": sampler.peak_total,
            "rss_single": sampler.peak_single, "others": others, "stdout": out.decode()}


def run_batch(path: Path, out: Path, jobs: int) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    result = measure([sys.executable, "-m", "factcheck", "batch", str(path), "--out", str(out),
                      "--jobs", str(jobs), "--quiet", "--no-progress"])
    summary = json.loads((out / "summary.json").read_text())
    result.update(documents=summary["documents"], figures=summary["figures"],
                  findings=summary["findings"], inner=summary["elapsed_seconds"])
    return result


def run_dask(path: Path, out: Path, workers: int) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    result = measure([sys.executable, __file__, "--dask-run", str(path), str(out),
                      "--workers", str(workers)])
    result.update(json.loads(result["stdout"].strip().splitlines()[-1]))
    return result


def dask_run(path: str, out: str, workers: int) -> None:
    """The Dask pipeline (run in its own process by :func:`run_dask`)."""
    import dask
    import dask.dataframe as dd
    import pyarrow.parquet as pq
    from distributed import Client, LocalCluster

    from factcheck.dask import check_dataframe, figures_schema, findings_schema

    t0 = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=40) as cluster, Client(cluster):
        t1 = time.perf_counter()
        articles = dd.read_json(path, lines=True, blocksize=2**21, dtype={"id": str},
                                convert_dates=False)
        figures, findings = check_dataframe(articles)
        dask.compute(
            figures.to_parquet(f"{out}/figures", schema=figures_schema(), write_index=False,
                               compute=False),
            findings.to_parquet(f"{out}/findings", schema=findings_schema(),
                                write_index=False, compute=False))
        t2 = time.perf_counter()
    counts = {name: pq.ParquetDataset(f"{out}/{name}").read(columns=["doc_id"]).num_rows
              for name in ("figures", "findings")}
    print(json.dumps({"cluster_start": round(t1 - t0, 2), "compute": round(t2 - t1, 2),
                      "partitions": articles.npartitions, **counts}))


def same_tables(a: Path, b: Path) -> bool:
    import pyarrow.parquet as pq

    for name in ("figures", "findings", "bad_records"):
        if not pq.read_table(a / f"{name}.parquet").equals(pq.read_table(b / f"{name}.parquet")):
            return False
    da = pq.read_table(a / "documents.parquet").drop_columns(["ms"])
    db = pq.read_table(b / "documents.parquet").drop_columns(["ms"])
    return da.equals(db)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--small", type=int, default=5000)
    ap.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "factcheck-bench"))
    ap.add_argument("--skip-dask", action="store_true")
    ap.add_argument("--max-wait", type=float, default=600, metavar="S",
                    help="before each run, wait up to S seconds for the machine to be quiet "
                         "(other processes using < 10%% of the CPUs); default 600")
    ap.add_argument("--retries", type=int, default=2, metavar="N",
                    help="run a configuration again (up to N times) when other processes used "
                         "more than 10%% of the CPUs during it; the least disturbed run counts")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    ap.add_argument("--dask-run", nargs=2, metavar=("CORPUS", "OUT"), help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, default=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.dask_run:
        dask_run(*args.dask_run, args.workers)
        return

    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} CPUs, python {sys.version.split()[0]}, "
          f"load average {os.getloadavg()[0]:.2f}", flush=True)
    big, big_meta = corpus(work, args.articles)
    small, small_meta = corpus(work, args.small)
    for meta in (small_meta, big_meta):
        print(f"corpus: {meta['articles']} articles, {meta['characters']:,} characters, "
              f"{meta['bytes'] / 1e6:.1f} MB", flush=True)

    rows: list[tuple[str, dict, dict]] = []
    plan: list[tuple[str, Path, dict, str, int]] = [
        ("batch --jobs 1", small, small_meta, "batch", 1),
        ("batch --jobs 2", small, small_meta, "batch", 2),
        ("batch --jobs 1", big, big_meta, "batch", 1),
        ("batch --jobs 2", big, big_meta, "batch", 2),
    ]
    if not args.skip_dask:
        plan.append(("dask LocalCluster 2x1", big, big_meta, "dask", 2))
    outs: dict[tuple[str, int], Path] = {}
    for label, path, meta, kind, jobs in plan:
        out = work / f"out-{kind}-{jobs}-{meta['articles']}"
        best = None
        for attempt in range(args.retries + 1):
            share = wait_for_quiet(args.max_wait)
            retry = f", retry {attempt}" if attempt else ""
            print(f"running {label} on {meta['articles']} articles (machine busy {share:.0%} "
                  f"just before{retry}) ...", flush=True)
            res = run_batch(path, out, jobs) if kind == "batch" else run_dask(path, out, jobs)
            print(f"  {res['wall']:.1f} s, other processes used {res['others']:.0%} of the "
                  "CPUs meanwhile", flush=True)
            if best is None or res["others"] < best["others"]:
                best = res
            if res["others"] <= 0.10:
                break
        outs[(label, meta["articles"])] = out
        rows.append((label, meta, best))

    serial = {m["articles"]: r for label, m, r in rows if label == "batch --jobs 1"}
    header = ("| run | articles | wall s | articles/s | chars/s | CPU s | peak RSS total MB "
              "| peak RSS largest MB | other load | vs serial |")
    lines = [header, "|" + "---|" * 10]
    for label, meta, res in rows:
        base = serial[meta["articles"]]
        lines.append(
            f"| {label} | {meta['articles']} | {res['wall']:.1f} | "
            f"{meta['articles'] / res['wall']:.0f} | {meta['characters'] / res['wall']:,.0f} | "
            f"{res['cpu']:.0f} | {res['rss_total'] / 2**20:.0f} | "
            f"{res['rss_single'] / 2**20:.0f} | {res['others']:.0%} | "
            f"{base['wall'] / res['wall']:.2f}x |")
    print()
    print("\n".join(lines))
    print()
    for label, _meta, res in rows:
        if label.startswith("dask"):
            print(f"dask: cluster start {res['cluster_start']} s, compute {res['compute']} s, "
                  f"{res['partitions']} partitions, {res['figures']} figures, "
                  f"{res['findings']} findings")
    sources = {r["source"] for _label, _m, r in rows}
    if len(sources) > 1:
        print("warning: factcheck's source changed between runs (someone edited the checkout); "
              "the runs did not all check with the same code, so their tables may differ")
    print(f"factcheck source fingerprint(s): {', '.join(sorted(sources))}")
    ok = same_tables(outs[("batch --jobs 1", args.articles)],
                     outs[("batch --jobs 2", args.articles)])
    print(f"--jobs 2 tables identical to --jobs 1: {ok}")
    big_serial = serial[args.articles]
    for label, _meta, res in rows:
        if label.startswith("dask"):
            same = (res["figures"], res["findings"]) == (big_serial["figures"],
                                                         big_serial["findings"])
            print(f"dask found the same numbers of figures and findings: {same}")
    if args.json:
        Path(args.json).write_text(json.dumps(
            [{"run": label, "articles": m["articles"], "characters": m["characters"],
              **{k: v for k, v in r.items() if k != "stdout"}} for label, m, r in rows],
            indent=1))


if __name__ == "__main__":
    main()
