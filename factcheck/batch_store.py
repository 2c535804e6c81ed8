"""Batch output store: parts committed with fsync, the resume journal, and the final tables
concatenated row group by row group (``factcheck.batch``)."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .batch_args import FORMATS
from .batch_tables import (
    JOURNAL,
    JOURNAL_VERSION,
    PARTS,
    SUMMARY,
    TABLES,
    _column,
    _pa,
    empty_stats,
    schemas,
)
from .errors import UsageError

# ---------------------------------------------------------------------------------------------
# Output store: parts, journal, final tables


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


@dataclass
class _State:
    parts: int = 0
    records: int = 0  # input records done (committed)
    digest: str = ""
    stats: dict[str, Any] | None = None
    elapsed: float = 0.0
    sessions: int = 0
    complete: bool = False
    skipped_bytes: int = 0


class _Store:
    """The output directory: part files, the journal, and the final tables."""

    def __init__(self, out: Path, fmt: str) -> None:
        self.out = out
        self.fmt = fmt
        self.ext = FORMATS[fmt]
        self.journal = out / JOURNAL
        self.parts = out / PARTS

    def final(self, name: str) -> Path:
        return self.out / f"{name}{self.ext}"

    def _ours(self) -> list[Path]:
        names = [f"{t}{ext}" for t in TABLES for ext in FORMATS.values()]
        return [self.out / n for n in (*names, SUMMARY, JOURNAL)]

    def clear(self) -> None:
        for path in self._ours():
            path.unlink(missing_ok=True)
        shutil.rmtree(self.parts, ignore_errors=True)

    def open(self, config: dict[str, Any]) -> _State:
        if self.out.exists() and not self.out.is_dir():
            raise UsageError(f"{self.out}: --out must be a directory")
        if self.journal.exists():
            return self._resume(config)
        clash = [p for p in self._ours() if p.exists()]
        if clash:
            raise UsageError(f"{clash[0]}: exists and is not from a resumable run; "
                             "pass --restart to replace it")
        try:
            self.parts.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"{self.out}: cannot create ({exc.strerror})") from exc
        header = {"factcheck_batch": JOURNAL_VERSION, "version": __version__, "config": config}
        self._append(header)
        return _State(stats=empty_stats())

    def _resume(self, config: dict[str, Any]) -> _State:
        raw = self.journal.read_bytes()
        lines, good_end, pos = [], 0, 0
        for chunk in raw.split(b"\n")[:-1]:  # a line without its newline was never committed
            pos += len(chunk) + 1
            try:
                lines.append(json.loads(chunk))
            except json.JSONDecodeError:
                break
            good_end = pos
        if not lines or lines[0].get("factcheck_batch") != JOURNAL_VERSION:
            raise UsageError(f"{self.journal}:1: not a factcheck batch journal; "
                             "pass --restart to start over")
        if lines[0].get("config") != config:
            raise UsageError(f"{self.out}: holds a run with other inputs or options "
                             f"({_config_diff(lines[0].get('config') or {}, config)}); "
                             "use another --out or pass --restart")
        if good_end != len(raw):  # drop a torn last line
            with open(self.journal, "r+b") as fh:
                fh.truncate(good_end)
                fh.flush()
                os.fsync(fh.fileno())
        state = _State(stats=empty_stats())
        for entry in lines[1:]:
            if entry.get("complete"):
                state.complete = True
            elif "part" in entry:
                state.parts = entry["part"] + 1
                state.records = entry["records"]
                state.digest = entry["digest"]
                state.stats = entry["stats"]
                state.elapsed = entry["elapsed"]
                state.sessions = entry["sessions"]
                state.skipped_bytes = entry.get("bytes", 0)
        if state.complete:  # a crash after the journal said so, before the parts went
            shutil.rmtree(self.parts, ignore_errors=True)
        else:
            self.parts.mkdir(parents=True, exist_ok=True)
            for path in self.parts.iterdir():  # parts written after the last journal line
                number = path.name.split(".", 1)[0]
                if not number.isdigit() or int(number) >= state.parts:
                    path.unlink()
        return state

    def _append(self, entry: dict[str, Any]) -> None:
        with open(self.journal, "ab") as fh:
            fh.write(json.dumps(entry, ensure_ascii=False).encode("utf-8") + b"\n")
            fh.flush()
            os.fsync(fh.fileno())

    def part_path(self, number: int, name: str) -> Path:
        return self.parts / f"{number:05d}.{name}{self.ext}"

    def commit(self, number: int, tables: dict[str, Any], entry: dict[str, Any]) -> None:
        for name in TABLES:
            path = self.part_path(number, name)
            tmp = path.with_name(f".tmp.{path.name}")
            _write_table(tables[name], tmp, self.fmt, header=False)
            os.replace(tmp, path)
        _fsync_dir(self.parts)
        self._append({"part": number, **entry})

    def finalize(self, parts: int, summary: dict[str, Any]) -> None:
        for name in TABLES:
            target = self.final(name)
            tmp = target.with_name(f".tmp.{target.name}")
            _merge_parts([self.part_path(n, name) for n in range(parts)], tmp, self.fmt,
                         schemas()[name])
            os.replace(tmp, target)
        self.write_summary(summary)
        _fsync_dir(self.out)
        self._append({"complete": True, "parts": parts})
        shutil.rmtree(self.parts, ignore_errors=True)

    def write_summary(self, summary: dict[str, Any]) -> None:
        target = self.out / SUMMARY
        tmp = target.with_name(f".tmp.{target.name}")
        tmp.write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, target)


def _config_diff(old: dict[str, Any], new: dict[str, Any]) -> str:
    keys = [k for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)]
    return ", ".join(f"{k} was {old.get(k)!r}" for k in keys) or "different"


def _text_table(table: Any, fmt: str) -> Any:
    """A table CSV can hold: list columns as JSON text."""
    pa = _pa()
    if fmt == "csv" and "spans" in table.column_names:
        spans = [None if s is None else json.dumps(s) for s in _column(table, "spans")]
        idx = table.column_names.index("spans")
        table = table.set_column(idx, "spans", pa.array(spans, pa.string()))
    return table


def _write_table(table: Any, path: Path, fmt: str, header: bool) -> None:
    if fmt == "parquet":
        import pyarrow.parquet as pq

        pq.write_table(table, path, compression="zstd")
    elif fmt == "csv":
        import pyarrow.csv as pcsv

        pcsv.write_csv(_text_table(table, fmt), path,
                       write_options=pcsv.WriteOptions(include_header=header))
    else:
        with open(path, "wb") as fh:
            for row in table.to_pylist():
                fh.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _merge_parts(parts: list[Path], target: Path, fmt: str, schema: Any) -> None:
    """Concatenate part files into ``target`` streaming: one row group / block at a time."""
    if fmt == "parquet":
        import pyarrow.parquet as pq

        with pq.ParquetWriter(target, schema, compression="zstd") as writer:
            for part in parts:
                pf = pq.ParquetFile(part)
                for group in range(pf.num_row_groups):
                    writer.write_table(pf.read_row_group(group))
        return
    with open(target, "wb") as out:
        if fmt == "csv":
            import pyarrow.csv as pcsv

            header = _text_table(schema.empty_table(), fmt)
            sink = _pa().BufferOutputStream()
            pcsv.write_csv(header, sink)
            out.write(sink.getvalue().to_pybytes())
        for part in parts:
            with open(part, "rb") as fh:
                shutil.copyfileobj(fh, out, 1 << 20)
        out.flush()
        os.fsync(out.fileno())


def read_table(path: str | Path) -> Any:
    """Read an output table back as an Arrow table, whatever its format (for tests and users)."""
    pa = _pa()
    path = Path(path)
    name = path.name.split(".", 1)[0]
    schema = schemas().get(name)
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return pq.read_table(path)
    if path.suffix == ".csv":
        import pyarrow.csv as pcsv

        conv = None
        if schema is not None:
            types = {f.name: (pa.string() if f.name == "spans" else f.type) for f in schema}
            conv = pcsv.ConvertOptions(column_types=types, strings_can_be_null=True)
        return pcsv.read_csv(path, convert_options=conv)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return pa.Table.from_pylist(rows, schema=schema)
