"""Reference tables: curated facts to check claims against (``reference_data/`` + user CSVs).

Tables follow the contract's schema (``entity, metric, period, value, unit, source`` plus the
optional alias, ``tolerance``, ``as_of`` and ``note`` columns). They are read with pandas as
strings, validated row by row (a bad row is a ReferenceDataError naming file and line), and
indexed by folded aliases, so a user table written in Traditional characters matches
Simplified text and the other way round.

Importing pandas costs more than checking an article, so each table's validated rows are
kept in a cache file (``$FACTCHECK_CACHE``, else ``$XDG_CACHE_HOME/factcheck``, else
``~/.cache/factcheck``) keyed by the table's path, size and modification time and by this
module's own version: an unchanged table is read back without pandas. A cache that cannot be
read or written is ignored; a malformed table is never cached.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import re
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from . import __version__
from .errors import ReferenceDataError
from .recache import cache_dir as _cache_dir
from .textfold import fold

REQUIRED = ("entity", "metric", "period", "value", "unit", "source")
OPTIONAL = ("entity_aliases", "metric_aliases", "period_aliases", "tolerance", "as_of", "note")
PERIOD_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$|^\d{4}-\d{2}$|^\d{4}$|^FY\d{4}(?:Q[1-4]|H[12])?$")
BUNDLED_DIR = Path(__file__).resolve().parents[1] / "reference_data"


@dataclass(frozen=True, slots=True)
class RefRow:
    """One fact, remembering where it was read (``row_id`` is ``file:line``)."""

    row_id: str
    entity: str
    metric: str
    period: str
    value: Decimal
    unit: str
    source: str
    tolerance: Decimal | None = None
    as_of: str = ""
    note: str = ""


@dataclass
class Reference:
    """All loaded rows plus alias indexes (folded alias -> canonical name)."""

    rows: list[RefRow] = field(default_factory=list)
    entity_aliases: dict[str, str] = field(default_factory=dict)
    metric_aliases: dict[str, str] = field(default_factory=dict)
    period_aliases: dict[tuple[str, str], str] = field(default_factory=dict)
    _by_key: dict[tuple[str, str, str], list[RefRow]] = field(default_factory=dict)

    def add(self, row: RefRow, entity_aliases: str, metric_aliases: str,
            period_aliases: str) -> None:
        self.rows.append(row)
        self._by_key.setdefault((row.entity, row.metric, row.period), []).append(row)
        for alias in [row.entity, *_split(entity_aliases)]:
            self.entity_aliases.setdefault(fold(alias), row.entity)
        for alias in [row.metric, *_split(metric_aliases)]:
            self.metric_aliases.setdefault(fold(alias), row.metric)
        for alias in _split(period_aliases):
            self.period_aliases.setdefault((row.entity, fold(alias).replace(" ", "")), row.period)

    def lookup(self, entity: str, metric: str, period: str) -> list[RefRow]:
        return self._by_key.get((entity, metric, period), [])

    def has_metric(self, entity: str, metric: str) -> bool:
        return any(k[0] == entity and k[1] == metric for k in self._by_key)

    def fx_rate(self, pair: str, day: str | None, window_days: int = 7) -> RefRow | None:
        """The rate for ``pair`` (e.g. USD/CNY) on ``day`` or the closest day within a week."""
        rows = [r for r in self.rows if r.entity == pair and r.metric == "fx_rate"
                and len(r.period) == 10]
        if not rows:
            return None
        if day is None or len(day) != 10:
            return None
        target = dt.date.fromisoformat(day)
        best = min(rows, key=lambda r: abs((dt.date.fromisoformat(r.period) - target).days))
        if abs((dt.date.fromisoformat(best.period) - target).days) > window_days:
            return None
        return best


def _split(aliases: str) -> list[str]:
    return [a.strip() for a in aliases.split("|") if a.strip()] if aliases else []


def _table_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(path.glob("*.csv"))
        return files
    if path.is_file():
        return [path]
    raise ReferenceDataError(f"{path}: no such reference table or directory")


def load_reference(extra: list[str | Path] | tuple[str | Path, ...] = (),
                   bundled: bool = True) -> Reference:
    """Bundled ``reference_data/`` plus ``extra`` CSV files or directories, validated."""
    ref = Reference()
    paths: list[Path] = []
    if bundled and BUNDLED_DIR.is_dir():
        paths += _table_files(BUNDLED_DIR)
    for item in extra:
        paths += _table_files(Path(item))
    for path in paths:
        _load_file(path, ref)
    return ref


Entry = tuple[RefRow, str, str, str]  # a row and its entity, metric and period aliases


def _load_file(path: Path, ref: Reference) -> None:
    key = _cache_key(path)
    entries = _cached(key) if key else None
    if entries is None:
        entries = _read_table(path)
        if key:
            _store(key, entries)
    for row, entity, metric, period in entries:
        ref.add(row, entity, metric, period)


def _cache_key(path: Path) -> str | None:
    try:
        st = path.stat()
        code = Path(__file__).stat()
    except OSError:
        return None
    ident = f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}|{__version__}|{code.st_mtime_ns}"
    return hashlib.sha256(ident.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _cached(key: str) -> list[Entry] | None:
    try:
        with (_cache_dir() / f"ref-{key}.pickle").open("rb") as fh:
            entries = pickle.load(fh)  # noqa: S301 — the user's own cache of a parse
    except Exception:  # absent, unreadable or from another Python: read the table again
        return None
    return entries if isinstance(entries, list) else None


def _store(key: str, entries: list[Entry]) -> None:
    try:
        folder = _cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(entries, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"ref-{key}.pickle")
    except OSError:
        pass  # a read-only home: every run reads the table


def _read_table(path: Path) -> list[Entry]:
    import pandas as pd

    entries: list[Entry] = []
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ReferenceDataError(f"{path}: not UTF-8 (byte {exc.start})") from exc
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ReferenceDataError(f"{path}: not a readable CSV table ({exc})") from exc
    except OSError as exc:
        raise ReferenceDataError(f"{path}: cannot read ({exc.strerror})") from exc
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise ReferenceDataError(f"{path}:1: missing required column(s) {', '.join(missing)}")
    for col in OPTIONAL:
        if col not in frame.columns:
            frame[col] = ""
    for index, rec in enumerate(frame.to_dict("records")):
        line = index + 2  # header is line 1
        where = f"{path}:{line}"
        for col in ("entity", "metric", "period", "value", "unit", "source"):
            if not str(rec[col]).strip():
                raise ReferenceDataError(f"{where}: empty {col}")
        try:
            value = Decimal(str(rec["value"]).replace(",", "").strip())
        except InvalidOperation as exc:
            raise ReferenceDataError(f"{where}: value {rec['value']!r} is not a number") from exc
        period = str(rec["period"]).strip()
        if not PERIOD_RE.match(period):
            raise ReferenceDataError(
                f"{where}: period {period!r} is not YYYY-MM-DD, YYYY-MM, YYYY, FY2026Q3, "
                "FY2025H1 or FY2025"
            )
        if len(period) == 10:
            try:
                dt.date.fromisoformat(period)
            except ValueError as exc:
                raise ReferenceDataError(f"{where}: period {period!r} is not a date") from exc
        tolerance = None
        if str(rec["tolerance"]).strip():
            try:
                tolerance = Decimal(str(rec["tolerance"]).strip())
            except InvalidOperation as exc:
                raise ReferenceDataError(
                    f"{where}: tolerance {rec['tolerance']!r} is not a number") from exc
        row = RefRow(
            row_id=f"{path.name}:{line}", entity=str(rec["entity"]).strip(),
            metric=str(rec["metric"]).strip(), period=period, value=value,
            unit=str(rec["unit"]).strip(), source=str(rec["source"]).strip(),
            tolerance=tolerance, as_of=str(rec["as_of"]).strip(), note=str(rec["note"]).strip(),
        )
        entries.append((row, str(rec["entity_aliases"]), str(rec["metric_aliases"]),
                        str(rec["period_aliases"])))
    return entries
