"""Command line: ``factcheck extract`` (and, as they land, the other stages).

Only argument parsing, calling the library and rendering live here; every FactcheckError
becomes a one-line message on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from . import __version__
from .errors import FactcheckError, UsageError
from .extract import extract
from .io import read_documents


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factcheck",
        description="Find, normalize and check the figures in Chinese financial news.",
    )
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="list every figure with its value, unit and interval")
    ex.add_argument("paths", nargs="+", metavar="PATH", help="file, directory or - for stdin")
    ex.add_argument("--format", choices=("jsonl", "table"), default=None,
                    help="jsonl (default when piped) or table (default on a terminal)")
    ex.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically)")
    ex.add_argument("--no-color", action="store_true", help="plain table output")
    ck = sub.add_parser("check", help="flag figures that reference data or the article's own "
                                      "arithmetic contradict")
    ck.add_argument("paths", nargs="+", metavar="PATH", help="file, directory or - for stdin")
    ck.add_argument("--reference", action="append", default=[], metavar="CSV",
                    help="extra reference table (CSV file or directory); repeatable")
    ck.add_argument("--format", choices=("rich", "markdown", "json"), default=None,
                    help="rich (default on a terminal), markdown, or json (default when piped)")
    ck.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE (atomically)")
    ck.add_argument("--no-color", action="store_true", help="no colour in the rich report")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse already printed its usage line
        return int(exc.code or 0) if exc.code in (0, None) else 2
    try:
        if args.command == "extract":
            return _cmd_extract(args)
        if args.command == "check":
            return _cmd_check(args)
    except FactcheckError as exc:
        print(f"factcheck: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("factcheck: interrupted", file=sys.stderr)
        return 130
    return 2


def _cmd_extract(args: argparse.Namespace) -> int:
    out_path = args.output
    fmt = args.format or ("jsonl" if out_path or not sys.stdout.isatty() else "table")
    if out_path:
        _refuse_input_overwrite(out_path, args.paths)
    docs = list(read_documents(args.paths))  # read all first: a bad input writes nothing
    if fmt == "table":
        from .report import render_extract_table

        render_extract_table(docs, [extract(d.text) for d in docs], color=not args.no_color,
                             file_path=out_path)
        return 0
    lines = []
    for doc in docs:
        for mention in extract(doc.text):
            lines.append(json.dumps({"doc": doc.name, **mention.as_json()}, ensure_ascii=False))
    _emit("".join(line + "\n" for line in lines), out_path, sys.stdout)
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from .check import check_text
    from .reference import load_reference
    from .report import render_check_rich, to_json, to_markdown

    out_path = args.output
    fmt = args.format or ("json" if out_path or not sys.stdout.isatty() else "rich")
    if out_path:
        _refuse_input_overwrite(out_path, args.paths + args.reference)
    reference = load_reference(args.reference)  # a malformed table stops before any output
    docs = list(read_documents(args.paths))
    reports = [(doc.name, check_text(doc.text, reference)) for doc in docs]
    if fmt == "json":
        payload = json.dumps(to_json(reports), ensure_ascii=False, indent=1) + "\n"
        _emit(payload, out_path, sys.stdout)
    elif fmt == "markdown":
        _emit(to_markdown(reports), out_path, sys.stdout)
    else:
        render_check_rich(reports, color=not args.no_color, file_path=out_path)
    errors = sum(r.counts["error"] for _, r in reports)
    return 1 if errors else 0


def _refuse_input_overwrite(out_path: str, inputs: list[str]) -> None:
    target = Path(out_path).resolve()
    for given in inputs:
        if given == "-":
            continue
        path = Path(given).resolve()
        if target == path or (path.is_dir() and path in target.parents):
            raise UsageError(f"{out_path}: refusing to write over an input")


def _emit(payload: str, out_path: str | None, stream: TextIO) -> None:
    if out_path is None:
        stream.write(payload)
        stream.flush()
        return
    target = Path(out_path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or Path("."))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(payload)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UsageError(f"{out_path}: cannot write ({exc.strerror})") from exc
