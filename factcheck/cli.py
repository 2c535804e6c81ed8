"""Command line: ``factcheck extract``, ``factcheck check`` and ``factcheck batch``.

Only argument parsing, calling the library and rendering live here; every FactcheckError
becomes a one-line message on stderr and exit code 2, never a traceback. docs/cli.md
describes the options, formats and exit codes.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .errors import FactcheckError, UsageError
from .extract import extract
from .io import ARTICLE_SUFFIXES, read_documents

CHECK_EPILOG = """\
exit codes:
  0  no finding of severity error among the selected rules
  1  at least one error among the selected rules (--rules/--skip-rules select which
     checks count; --min-severity only hides warnings or infos, never errors, so it
     does not change the exit code)
  2  usage error, unreadable or undecodable input, malformed reference table

Findings are listed in text order. Coverage counts the figures found and those some
rule checked (whichever rules are selected); --show-ok lists checked figures that no
finding flags. Documents longer than an article are checked in windows of whole
paragraphs (see factcheck.chunking). Diagnostics and the progress bar (shown on a
terminal for many or long documents) go to stderr.
"""


class _ListRules(argparse.Action):
    """``--list-rules``: the public rule ids, printed like ``--version`` is."""

    def __call__(self, parser, namespace, values, option_string=None):  # type: ignore[override]
        from .checks import RULES

        width = max(len(rule) for rule in RULES)
        for rule, (kind, what, *_) in RULES.items():
            print(f"{rule:<{width}}  {kind:<10}  {what}")
        parser.exit(0)


DATE_HELP = ("the publication date: dates a day-only reference (（9）日, 本月9日) and its "
             "weekday when the text has no dateline of its own")


def _iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {value!r}") from None


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
    ex.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD", help=DATE_HELP)
    ck = sub.add_parser("check", help="flag figures that reference data or the article's own "
                                      "arithmetic contradict",
                        description="Check the figures of each document against the reference "
                                    "tables and against each other.",
                        epilog=CHECK_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    ck.add_argument("paths", nargs="+", metavar="PATH",
                    help="file, directory (its *.txt and *.md, sorted) or - for stdin")
    ck.add_argument("--reference", action="append", default=[], metavar="CSV",
                    help="extra reference table (CSV file or directory); repeatable")
    ck.add_argument("--source", action="append", default=[], metavar="SOURCE",
                    help="the document the article copies its figures from (a release, a "
                         "statistics communique, a filing: text, HTML, Markdown, CSV or Excel; "
                         "a file, directory or -); each figure is aligned with the source's "
                         "and a garbled copy is flagged; repeatable")
    ck.add_argument("--format", choices=("rich", "markdown", "json"), default=None,
                    help="rich (default on a terminal), markdown, or json (default when piped; "
                         "with -o: markdown for *.md, else json)")
    ck.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE (atomically)")
    ck.add_argument("--no-color", action="store_true", help="no colour in the rich report")
    ck.add_argument("--lang", choices=("auto", "zh-Hant", "zh-Hans", "en"), default="auto",
                    help="the reports' language: auto (default) writes each article's report in "
                         "its own script, Traditional or Simplified; JSON keeps the English "
                         "message and adds the localized one")
    ck.add_argument("--min-severity", choices=("info", "warning", "error"), default="info",
                    help="show only findings at least this severe (default: info, all); "
                         "does not change the exit code")
    ck.add_argument("--rules", action="append", default=[], metavar="RULE[,RULE]",
                    help="run only these rules (rule ids or kinds such as arithmetic); "
                         "repeatable; see --list-rules")
    ck.add_argument("--skip-rules", action="append", default=[], metavar="RULE[,RULE]",
                    help="leave out these rules (rule ids or kinds); repeatable")
    ck.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD", help=DATE_HELP)
    ck.add_argument("--show-ok", action="store_true",
                    help="also list the figures that were checked and agreed")
    ck.add_argument("--list-rules", action=_ListRules, nargs=0,
                    help="print the rule ids, their kind and what they flag, then exit")
    rf = sub.add_parser("reference", help="work with reference tables")
    rsub = rf.add_subparsers(dest="reference_command", required=True)
    fs = rsub.add_parser("from-source", help="turn a release into reference rows (the "
                                             "contract's CSV form), one per figure")
    fs.add_argument("paths", nargs="+", metavar="SOURCE", help="file, directory or -")
    fs.add_argument("-o", "--output", metavar="FILE", help="write the CSV to FILE (atomically)")
    fs.add_argument("--entity", default="", help="the entity every row is about (default: the "
                                                 "company or agency the text names first)")
    fs.add_argument("--period", default="", help="the period of every row (YYYY, YYYY-MM, "
                                                 "FY2025Q3 ...; default: the one the text states)")
    fs.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD", help=DATE_HELP)
    from .batch_args import add_parser

    add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse already printed its usage line
        return int(exc.code or 0) if exc.code in (0, None) else 2
    try:
        return _dispatch(args)
    finally:
        from . import recache

        recache.save()  # the patterns this run compiled, for the next run


def _dispatch(args: argparse.Namespace) -> int:
    try:
        if args.command == "extract":
            return _cmd_extract(args)
        if args.command == "check":
            return _cmd_check(args)
        if args.command == "reference":
            from .sources.rows import run

            return run(args)
        if args.command == "batch":
            from . import batch

            return batch.run(args)
    except FactcheckError as exc:
        print(f"factcheck: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("factcheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (| head): stop quietly
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1 if args.command == "check" else 0
    except MemoryError:
        print("factcheck: error: out of memory", file=sys.stderr)
        return 2
    return 2


def _cmd_extract(args: argparse.Namespace) -> int:
    out_path = args.output
    fmt = args.format or ("jsonl" if out_path or not sys.stdout.isatty() else "table")
    if out_path:
        _refuse_input_overwrite(out_path, args.paths)
    docs = list(read_documents(args.paths))  # read all first: a bad input writes nothing
    found = []
    for doc in docs:
        text, source = _visible(doc)
        found.append(_in_file(doc.text, source, extract(text, args.date)))
    if fmt == "table":
        from .report_rich import render_extract_table

        _render(lambda console: render_extract_table(docs, found,
                                                     console), out_path, args.no_color)
        return 0
    lines = (json.dumps({"doc": doc.name, **mention.as_json()}, ensure_ascii=False) + "\n"
             for doc, mentions in zip(docs, found, strict=True) for mention in mentions)
    _emit(lines, out_path, sys.stdout)  # streamed: a 50 MB text's lines are never all held
    return 0


def _visible(doc: Any) -> tuple[str, Any]:
    """An HTML or Markdown file's visible text and its map to the file; else the text."""
    from .markup import document_text

    return document_text(doc.name, doc.text)


def _in_file(original: str, source: Any, mentions: list[Any]) -> list[Any]:
    """Mentions of a file's visible text, their spans and text taken back to the file."""
    if source is None:
        return mentions
    out = []
    for m in mentions:
        a, b = source.span(m.start, m.end)
        out.append(replace(m, start=a, end=b, text=original[a:b]))
    return out


PROGRESS_DOCUMENTS = 4  # show a progress bar from this many documents ...
PROGRESS_CHARS = 500_000  # ... or this many characters in all


def _cmd_check(args: argparse.Namespace) -> int:
    from .chunking import check_document
    from .reference import load_reference
    from .report import select, to_json, to_markdown

    out_path = args.output
    if args.format:
        fmt = args.format
    elif out_path:
        fmt = "markdown" if out_path.lower().endswith((".md", ".markdown")) else "json"
    else:
        fmt = "rich" if sys.stdout.isatty() else "json"
    rules = _selected_rules(args.rules, args.skip_rules)
    if out_path:
        _refuse_input_overwrite(out_path, args.paths + args.reference + args.source)
    if "-" in args.source and "-" in args.paths:
        raise UsageError("--source -: standard input is already the article")
    reference = load_reference(args.reference)  # a malformed table stops before any output
    docs = list(read_documents(args.paths))  # read all first: a bad input writes nothing
    sources = []
    if args.source:
        from .sources import load_sources

        sources = load_sources(args.source, reference, args.date)
    for doc in docs:
        if not doc.text.strip():
            print(f"factcheck: warning: {doc.name}: empty document, nothing to check",
                  file=sys.stderr)
    total = sum(len(doc.text) for doc in docs)
    with _progress(len(docs) >= PROGRESS_DOCUMENTS or total >= PROGRESS_CHARS, total) as tick:
        views = []
        for doc in docs:
            text, source = _visible(doc)
            report = check_document(text, reference, tick, args.date)
            if sources:
                from .sources import compare

                compare(report, sources)
            view = select(doc.name, report, rules, args.min_severity, args.show_ok, args.lang)
            views.append(view if source is None else
                         replace(view, source=source, original=doc.text))
    if fmt == "json":
        payload = json.dumps(to_json(views), ensure_ascii=False, indent=1) + "\n"
        _emit(payload, out_path, sys.stdout)
    elif fmt == "markdown":
        _emit(to_markdown(views), out_path, sys.stdout)
    else:
        from .report_rich import render_check_rich

        _render(lambda console: render_check_rich(views, console), out_path, args.no_color)
    # errors are never hidden by --min-severity: the exit code follows the selected rules
    return 1 if any(f.severity == "error" for v in views for f in v.report.findings) else 0


def _selected_rules(only: list[str], skip: list[str]) -> set[str] | None:
    """The rule ids --rules/--skip-rules leave (None: all); names may be ids or kinds."""
    from .checks import RULES

    def expand(values: list[str], option: str) -> set[str]:
        chosen: set[str] = set()
        for name in (n.strip() for value in values for n in value.split(",")):
            if not name:
                continue
            if name in RULES:
                chosen.add(name)
                continue
            of_kind = {rule for rule, (kind, *_) in RULES.items() if kind == name}
            if not of_kind:
                kinds = sorted({kind for kind, *_ in RULES.values()})
                raise UsageError(f"{option}: unknown rule {name!r}; rules: {', '.join(RULES)}; "
                                 f"kinds: {', '.join(kinds)}")
            chosen |= of_kind
        return chosen

    if not only and not skip:
        return None
    selected = expand(only, "--rules") if only else set(RULES)
    return selected - expand(skip, "--skip-rules")


@contextlib.contextmanager
def _progress(wanted: bool, total: int) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr (characters checked) when wanted and stderr is a terminal."""
    if not wanted or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TimeRemainingColumn

    from .report_rich import make_console

    with Progress("checking", BarColumn(), TaskProgressColumn(), TimeRemainingColumn(),
                  console=make_console(stderr=True), transient=True) as bar:
        task = bar.add_task("check", total=max(total, 1))
        yield lambda chars: bar.advance(task, chars)


def _render(draw: Callable[[Any], None], out_path: str | None, no_color: bool) -> None:
    """Draw a rich view on stdout, or into FILE (atomically, without colour codes)."""
    from .report_rich import make_console

    if out_path is None:
        draw(make_console(color=not no_color))
        return
    buffer = io.StringIO()
    draw(make_console(file=buffer, color=False))
    _emit(buffer.getvalue(), out_path, sys.stdout)


def _refuse_input_overwrite(out_path: str, inputs: list[str]) -> None:
    """-o must not replace an input file, nor put a *.txt/*.md file (which the next run
    would read as an article) into an input directory."""
    target = Path(out_path)
    resolved = target.resolve()
    for given in inputs:
        if given == "-":
            continue
        path = Path(given)
        if path.is_dir():
            if path.resolve() in resolved.parents and target.suffix.lower() in ARTICLE_SUFFIXES:
                raise UsageError(f"{out_path}: refusing to write a {target.suffix} file inside "
                                 f"the input directory {given} (it would be read as an article)")
        elif resolved == path.resolve() or (
                target.exists() and path.exists() and os.path.samefile(target, path)):
            raise UsageError(f"{out_path}: refusing to overwrite the input file {given}")


def _emit(payload: str | Iterable[str], out_path: str | None, stream: TextIO) -> None:
    """Write to the stream (UTF-8), or to FILE atomically: a temporary file beside it,
    then a rename, so FILE is either untouched or complete. A payload of pieces is written
    piece by piece."""
    pieces = [payload] if isinstance(payload, str) else payload
    if out_path is None:
        buffer = getattr(stream, "buffer", None)
        stream.flush()
        for piece in pieces:
            if buffer is not None:  # UTF-8 whatever the locale says
                buffer.write(piece.encode("utf-8"))
            else:
                stream.write(piece)
        (buffer or stream).flush()
        return
    target = Path(out_path)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                   dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.writelines(pieces)
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise UsageError(f"{out_path}: cannot write ({exc.strerror or exc})") from exc


def _mode_for(target: Path) -> int:
    """The existing file's permissions, else what a plain open() would give (mkstemp's
    temporary file is private)."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
