"""The ``factcheck batch`` command line, apart from batch.py so that building the parser for
``factcheck check`` does not import multiprocessing and the rest of the batch machinery."""

from __future__ import annotations

import argparse
from typing import Any

FORMATS = {"parquet": ".parquet", "csv": ".csv", "jsonl": ".jsonl"}


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Register ``factcheck batch`` on the CLI's subparsers."""
    p = sub.add_parser(
        "batch", help="check a whole corpus (JSONL, directories, stdin) into Parquet tables",
        description="Check every article of a corpus and write figures, findings, documents "
                    "and bad records as tables in DIR, plus DIR/summary.json. Rerunning the "
                    "same command after an interruption resumes where it stopped.")
    p.add_argument("corpus", nargs="+", metavar="CORPUS",
                   help="JSON Lines file ({\"id\": ..., \"text\": ...} per line; .gz too), "
                        "directory of *.txt/*.md articles, or - for JSON Lines on stdin")
    p.add_argument("--out", required=True, metavar="DIR", help="output directory")
    p.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                   help="worker processes (default 1; 0 = one per CPU)")
    p.add_argument("--format", choices=tuple(FORMATS), default="parquet",
                   help="table format (default parquet)")
    p.add_argument("--reference", action="append", default=[], metavar="CSV",
                   help="extra reference table (CSV file or directory); repeatable")
    p.add_argument("--on-error", choices=("skip", "stop"), default="skip",
                   help="a bad record (invalid JSON, no text, undecodable bytes): report it and "
                        "go on (skip, default) or stop with exit code 2 (stop)")
    p.add_argument("--restart", action="store_true",
                   help="discard the output of an earlier run in DIR instead of resuming it")
    p.add_argument("--commit-every", type=int, default=1000, metavar="N",
                   help="commit results every N records (and every 60 s); default 1000")
    p.add_argument("--chunk-size", type=int, default=32, metavar="N",
                   help="records sent to a worker at a time (default 32)")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar on stderr (default: when stderr is a terminal)")
    p.add_argument("-q", "--quiet", action="store_true", help="no closing summary on stderr")
    return p
