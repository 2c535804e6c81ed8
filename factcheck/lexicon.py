"""Load and validate the lexicon tables in ``factcheck/lexicon/``.

The tables hold how numbers are written (multipliers, qualifiers, currencies, units, words
that contain numerals but are not figures); the extractor builds its patterns from them, so
adding a surface form is a CSV edit, not a code change. Forms are written in Simplified
characters because matching runs on the folded text (see ``textfold``); a Traditional form in
a table is folded on load, so either script may be used in the files.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from .errors import LexiconError
from .textfold import fold

LEXICON_DIR = Path(__file__).with_name("lexicon")

QUALIFIERS = ("exact", "approx", "over", "under", "near", "range", "vague", "upto")
KINDS = (
    "money", "percent", "pp", "multiple", "count", "date", "year", "period", "duration",
    "ratio", "other",
)


@dataclass(frozen=True, slots=True)
class Qualifier:
    form: str
    position: str  # pre | post
    qualifier: str
    tolerance: Decimal | None


@dataclass(frozen=True, slots=True)
class Unit:
    form: str
    kind: str
    unit: str | None
    factor: Decimal | None  # None means "orders of magnitude" (数量级)


@dataclass(frozen=True, slots=True)
class Lexicon:
    multipliers: dict[str, Decimal]
    qualifiers: dict[tuple[str, str], Qualifier]
    currencies: dict[tuple[str, str], str]
    units: dict[str, Unit]
    non_figures: tuple[str, ...]
    locale_cues: tuple[tuple[str, str, str, int], ...]  # (form, locale, note, weight)
    # names a number belongs to: 沪深 + 300 (name_before_number), 3 + 奈米 (name_after_number)
    name_prefixes: tuple[str, ...] = ()
    name_suffixes: tuple[str, ...] = ()
    # 300 + 信息 (sector_after_index_size: 沪深300信息技术指数 written short)
    index_sectors: tuple[str, ...] = ()
    # 元大台湾50 (name_with_number): the whole name, even fused with the figure after it
    numbered_names: tuple[str, ...] = ()
    # nouns a numeral counts without 大 or a classifier: 六都, 四小龙 (collectives.csv)
    collectives: tuple[str, ...] = ()


def _read(name: str, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    path = LEXICON_DIR / name
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise LexiconError(f"{path}:1: missing column(s) {', '.join(missing)}")
            rows = [(i, row) for i, row in enumerate(reader, start=2)]
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read lexicon table ({exc.strerror})") from exc
    seen: dict[tuple[str, ...], int] = {}
    for line, row in rows:
        if not row.get("form"):
            raise LexiconError(f"{path}:{line}: empty form")
        key = (fold(row["form"]),) + tuple(row.get(c, "") for c in ("position",))
        if key in seen:
            raise LexiconError(f"{path}:{line}: duplicate form {row['form']!r} (line {seen[key]})")
        seen[key] = line
    return rows


def _decimal(path: str, line: int, text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise LexiconError(f"{LEXICON_DIR / path}:{line}: not a number: {text!r}") from exc


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read every table once; raise LexiconError naming file and line on bad rows."""
    multipliers = {
        fold(r["form"]): _decimal("multipliers.csv", ln, r["factor"])
        for ln, r in _read("multipliers.csv", ("form", "factor", "script", "note"))
    }
    qualifiers: dict[tuple[str, str], Qualifier] = {}
    for ln, r in _read("qualifiers.csv", ("form", "position", "qualifier", "tolerance", "note")):
        if r["position"] not in ("pre", "post") or r["qualifier"] not in QUALIFIERS:
            raise LexiconError(f"{LEXICON_DIR / 'qualifiers.csv'}:{ln}: bad position/qualifier")
        tol = _decimal("qualifiers.csv", ln, r["tolerance"]) if r["tolerance"] else None
        form = fold(r["form"])
        qualifiers[(form, r["position"])] = Qualifier(form, r["position"], r["qualifier"], tol)
    currencies: dict[tuple[str, str], str] = {}
    for ln, r in _read("currencies.csv", ("form", "position", "code", "note")):
        if r["position"] not in ("pre", "post", "both"):
            raise LexiconError(f"{LEXICON_DIR / 'currencies.csv'}:{ln}: bad position")
        code = r["code"]
        base = code.removesuffix("_CENT").removesuffix("_DIME").removesuffix("_MILLION")
        if not (base in ("LOCAL", "DOLLAR") or (len(base) == 3 and base.isupper())):
            raise LexiconError(f"{LEXICON_DIR / 'currencies.csv'}:{ln}: bad code {code!r}")
        positions = ("pre", "post") if r["position"] == "both" else (r["position"],)
        for pos in positions:
            currencies[(fold(r["form"]), pos)] = code
    units: dict[str, Unit] = {}
    for ln, r in _read("units.csv", ("form", "kind", "unit", "factor", "note")):
        if r["kind"] not in KINDS:
            raise LexiconError(f"{LEXICON_DIR / 'units.csv'}:{ln}: unknown kind {r['kind']!r}")
        factor = None if r["factor"] == "ORDER" else _decimal("units.csv", ln, r["factor"])
        form = fold(r["form"])
        units[form] = Unit(form, r["kind"], r["unit"] or None, factor)
    non_figures: list[str] = []
    shapes: dict[str, list[str]] = {"name_before_number": [], "name_after_number": [],
                                    "sector_after_index_size": [], "name_with_number": []}
    for ln, r in _read("non_figures.csv", ("form", "shape", "note")):
        shape = r["shape"] or "word"
        if shape == "word":
            non_figures.append(fold(r["form"]))
        elif shape in shapes:
            shapes[shape].append(fold(r["form"]))
        else:
            raise LexiconError(f"{LEXICON_DIR / 'non_figures.csv'}:{ln}: unknown shape {shape!r}")
    cues = tuple(
        (fold(r["form"]), r["locale"], r["note"], int(r["weight"] or 1))
        for ln, r in _read("locale_cues.csv", ("form", "locale", "weight", "note"))
    )
    return Lexicon(multipliers, qualifiers, currencies, units, tuple(non_figures), cues,
                   tuple(shapes["name_before_number"]), tuple(shapes["name_after_number"]),
                   tuple(shapes["sector_after_index_size"]), tuple(shapes["name_with_number"]),
                   tuple(fold(r["form"]) for _, r in _read("collectives.csv", ("form", "note"))))


@lru_cache(maxsize=1)
def net_pairs() -> tuple[tuple[str, str, str], ...]:
    """net_pairs.csv, folded: (net, plus, minus), for the rule pass and the relation engine."""
    with (LEXICON_DIR / "net_pairs.csv").open(encoding="utf-8") as fh:
        return tuple((fold(r["net"]), fold(r["plus"]), fold(r["minus"]))
                     for r in csv.DictReader(fh))


@lru_cache(maxsize=1)
def subtracting() -> dict[str, tuple[str, ...]]:
    """subtracting.csv, folded: kind (fall | outflow | loss) -> words; a part so named lowers
    its list's sum, and a metric ending in a loss word makes the list a net's."""
    out: dict[str, list[str]] = {}
    for _, row in _read("subtracting.csv", ("form", "kind", "note")):
        out.setdefault(row["kind"], []).append(fold(row["form"]))
    return {kind: tuple(sorted(words, key=len, reverse=True)) for kind, words in out.items()}


@lru_cache(maxsize=1)
def role_cues() -> dict[str, list[tuple[str, str, int]]]:
    """roles.csv: applies -> [(cue, role, direction)], longest cue first; the one cue table
    the claim linker and the relation engine read."""
    out: dict[str, list[tuple[str, str, int]]] = {}
    with (LEXICON_DIR / "roles.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(row["applies"], []).append(
                (row["cue"], row["role"], int(row["direction"])))
    for cues in out.values():
        cues.sort(key=lambda c: -len(c[0]))
    return out
