"""The ``*.facts.yaml`` format: a safe YAML loader that keeps line numbers, and the
parsing of a file and its entries into a ``Spec`` (every key checked, errors with lines).

The pytest plugin (``pytest_plugin``) collects and runs what this module parses."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from .testing import (
    KINDS,
    parse_expected,
    parse_relative,
    validate_filter,
)

SUFFIXES = (".facts.yaml", ".facts.yml")
TOP_KEYS = ("document", "reference", "source", "date", "assert", "description")
FIGURE_KINDS = ("money", "percent", "pp", "multiple", "count", "date", "year", "period",
                "duration", "ratio", "other")
QUALIFIERS = ("exact", "approx", "over", "under", "near", "range", "vague", "upto")
# keys that test the one located figure (and so need `figure:`)
FIGURE_CHECKS = ("equals", "growth_of", "sum_of", "ratio_of", "reference", "kind", "unit",
                 "qualifier", "matches_source")
ASSERTIONS = (*FIGURE_CHECKS, "count", "no_findings", "findings")
MODIFIERS = ("name", "figure", "near", "approx", "xfail", "skip")
ENTRY_KEYS = (*MODIFIERS, *ASSERTIONS)
NEEDS_FIGURE = (*FIGURE_CHECKS, "count", "near", "approx")
FILTER_KEYS = ("kind", "rule", "severity")
FINDINGS_KEYS = (*FILTER_KEYS, "figure", "near", "count")
REFERENCE_KEYS = ("entity", "metric", "period")


# ---------------------------------------------------------------------------------------------
# the file's schema
class SpecError(Exception):
    """A malformed assertion file: message plus the 1-based line it is about."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Operand:
    figure: str
    near: str | None = None

    def __str__(self) -> str:
        return self.figure if self.near is None else f"{self.figure} (near {self.near})"


@dataclass
class Entry:
    index: int  # 1-based position in the assert list
    line: int
    data: dict[str, Any]
    name: str = ""

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


@dataclass
class Spec:
    document: Path
    document_line: int
    reference: list[Path]
    reference_line: int
    entries: list[Entry]
    published: dt.date | None = None
    source: list[Path] | None = None
    source_line: int = 1


def _unknown(key: Any, allowed: tuple[str, ...], where: str) -> str:
    close = difflib.get_close_matches(str(key), allowed, n=1)
    tip = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown key {key!r} in {where}{tip}; allowed: {', '.join(allowed)}"


def _text(value: Any, line: int, what: str) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, (dict, list)):
        raise SpecError(line, f"{what} must be text, not {_show(value)}")
    return str(value)


def _show(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def parse_spec(raw: Any, base: Path) -> Spec:
    if raw is None:
        raise SpecError(1, "the file is empty; it needs `document:` and `assert:`")
    if not isinstance(raw, dict):
        raise SpecError(1, "the file must be a mapping with `document:` and `assert:`, "
                           f"not {_show(raw)}")
    lines = getattr(raw, "key_lines", {})
    for key in raw:
        if key not in TOP_KEYS:
            raise SpecError(lines.get(key, 1), _unknown(key, TOP_KEYS, "the file"))
    if "document" not in raw:
        raise SpecError(1, "`document:` is missing: name the article this file checks, "
                           "relative to this file (document: ../seeds/article.txt)")
    doc_line = lines.get("document", 1)
    document = base / _text(raw["document"], doc_line, "document")
    refs = raw.get("reference")
    ref_line = lines.get("reference", 1)
    if refs is None:
        ref_list: list[Path] = []
    elif isinstance(refs, list):
        ref_list = [base / _text(r, ref_line, "reference") for r in refs]
    else:
        ref_list = [base / _text(refs, ref_line, "reference")]
    published = _date(raw.get("date"), lines.get("date", 1))
    srcs = raw.get("source")
    src_line = lines.get("source", 1)
    src_list = [base / _text(x, src_line, "source") for x in
                (srcs if isinstance(srcs, list) else [] if srcs is None else [srcs])]
    if "assert" not in raw:
        raise SpecError(1, "`assert:` is missing: list what must hold of the article's figures")
    items = raw["assert"]
    a_line = lines.get("assert", 1)
    if not isinstance(items, list) or not items:
        raise SpecError(a_line, "`assert:` must be a list of entries (each starting with `- `)")
    item_lines = getattr(items, "item_lines", [a_line] * len(items))
    entries = [parse_entry(item, i + 1, item_lines[i]) for i, item in enumerate(items)]
    seen: dict[str, int] = {}
    for entry in entries:
        if entry.name in seen:
            entry.name = f"{entry.name} [line {entry.line}]"
        seen[entry.name] = entry.line
    return Spec(document, doc_line, ref_list, ref_line, entries, published, src_list, src_line)


def _date(value: Any, line: int) -> dt.date | None:
    """``date:`` as YAML reads it (a date, or text YYYY-MM-DD); absent is None."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(_text(value, line, "date"))
    except ValueError:
        raise SpecError(line, f"date must be YYYY-MM-DD (the publication date), not "
                              f"{value!r}") from None


def parse_entry(raw: Any, index: int, line: int) -> Entry:
    where = f"entry {index}"
    if isinstance(raw, dict):
        label = raw.get("name") or raw.get("figure")
        if isinstance(label, (str, int, Decimal)) and not isinstance(label, bool):
            where += f" ({label})"
    else:
        raise SpecError(line, f"{where} must be a mapping such as `- figure: ...`, "
                              f"not {_show(raw)}")
    lines = getattr(raw, "key_lines", {})
    line = getattr(raw, "line", line)
    for key in raw:
        if key not in ENTRY_KEYS:
            raise SpecError(lines.get(key, line), f"{where}: " + _unknown(key, ENTRY_KEYS,
                                                                          "an entry"))
    data: dict[str, Any] = {}

    def at(key: str) -> int:
        return lines.get(key, line)

    if not any(k in raw for k in (*ASSERTIONS, "figure")):
        raise SpecError(line, f"{where} asserts nothing: give `figure:` and what must hold "
                              f"of it ({', '.join(ASSERTIONS)})")
    for key in NEEDS_FIGURE:
        if key in raw and "figure" not in raw:
            raise SpecError(at(key), f"{where}: `{key}:` needs `figure:` (the figure as "
                                     "written in the text)")
    for key in ("name", "figure", "near", "unit"):
        if key in raw:
            data[key] = _text(raw[key], at(key), f"{where}: {key}").strip()
            if not data[key]:
                raise SpecError(at(key), f"{where}: {key} is empty")
    if "equals" in raw:
        try:
            parse_expected(raw["equals"])
        except ValueError as exc:
            raise SpecError(at("equals"), f"{where}: equals: {exc}") from None
        data["equals"] = raw["equals"]
    if "approx" in raw:
        if not any(k in raw for k in ("equals", "growth_of", "sum_of", "ratio_of", "reference")):
            raise SpecError(at("approx"), f"{where}: `approx:` widens equals, growth_of, "
                                          "sum_of, ratio_of or reference; there is none here")
        try:
            parse_relative(raw["approx"])
        except ValueError as exc:
            raise SpecError(at("approx"), f"{where}: {exc}") from None
        data["approx"] = raw["approx"]
    for key, low, high in (("growth_of", 2, 2), ("ratio_of", 2, 2), ("sum_of", 2, None)):
        if key in raw:
            data[key] = _operands(raw[key], at(key), f"{where}: {key}", low, high)
    if "reference" in raw:
        data["reference"] = _reference_spec(raw["reference"], at("reference"), where)
    if "matches_source" in raw:
        if raw["matches_source"] is not True:
            raise SpecError(at("matches_source"), f"{where}: matches_source takes true "
                                                  f"(the figure states the source's), not "
                                                  f"{_show(raw['matches_source'])}")
        data["matches_source"] = True
    if "count" in raw:
        data["count"] = _count(raw["count"], at("count"), f"{where}: count")
    if "kind" in raw:
        data["kind"] = _choice(raw["kind"], FIGURE_KINDS, at("kind"), f"{where}: kind")
    if "qualifier" in raw:
        data["qualifier"] = _choice(raw["qualifier"], QUALIFIERS, at("qualifier"),
                                    f"{where}: qualifier")
    if "no_findings" in raw:
        data["no_findings"] = _filters(raw["no_findings"], at("no_findings"),
                                       f"{where}: no_findings", FILTER_KEYS)
    if "findings" in raw:
        data["findings"] = _filters(raw["findings"], at("findings"), f"{where}: findings",
                                    FINDINGS_KEYS)
    for key in ("xfail", "skip"):
        if key in raw:
            value = raw[key]
            if value is False:
                continue
            data[key] = "" if value is True or value is None else _text(value, at(key), key)
    entry = Entry(index, line, data)
    entry.name = (data.get("name") or describe_entry(data)).replace("::", ":")
    return entry


def _operands(value: Any, line: int, what: str, low: int, high: int | None) -> list[Operand]:
    if not isinstance(value, list):
        raise SpecError(line, f"{what} must be a list of figures, e.g. "
                              "[\"570.06 億美元\", \"350.82 億美元\"]")
    if len(value) < low or (high is not None and len(value) > high):
        need = f"{low}" if high == low else f"at least {low}"
        raise SpecError(line, f"{what} needs {need} figures, got {len(value)}")
    out = []
    for item in value:
        if isinstance(item, dict):
            item_line = getattr(item, "line", line)
            for key in item:
                if key not in ("figure", "near"):
                    raise SpecError(item_line, f"{what}: " + _unknown(key, ("figure", "near"),
                                                                      "a figure"))
            if "figure" not in item:
                raise SpecError(item_line, f"{what}: a figure given as a mapping needs "
                                           "`figure:`")
            near = item.get("near")
            out.append(Operand(_text(item["figure"], item_line, f"{what}: figure"),
                               None if near is None else _text(near, item_line, "near")))
        else:
            out.append(Operand(_text(item, line, f"{what}: figure")))
    return out


def _reference_spec(value: Any, line: int, where: str) -> dict[str, str]:
    if value is None or value is True:
        return {}
    if not isinstance(value, dict):
        raise SpecError(line, f"{where}: reference must be a mapping "
                              "{entity: ..., metric: ..., period: ...}")
    out = {}
    for key, v in value.items():
        if key not in REFERENCE_KEYS:
            raise SpecError(line, f"{where}: " + _unknown(key, REFERENCE_KEYS, "reference"))
        out[key] = _text(v, line, f"{where}: reference {key}")
    return out


def _count(value: Any, line: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise SpecError(line, f"{what} must be a whole number (0 or more), not {_show(value)}")
    return value


def _choice(value: Any, allowed: tuple[str, ...], line: int, what: str) -> str:
    text = _text(value, line, what)
    if text not in allowed:
        close = difflib.get_close_matches(text, allowed, n=1)
        tip = f" (did you mean {close[0]!r}?)" if close else ""
        raise SpecError(line, f"{what} {text!r} is not one of {', '.join(allowed)}{tip}")
    return text


def _filters(value: Any, line: int, what: str, keys: tuple[str, ...]) -> dict[str, Any]:
    """None -> {}; "garbled" -> {"kind": "garbled"}; a mapping -> validated mapping."""
    if value is None or value is True:
        return {}
    if isinstance(value, str):
        for key, known in (("kind", KINDS), ("severity", ("error", "warning", "info"))):
            if value in known:
                return {key: value}
        try:
            validate_filter(rule=value)
        except ValueError as exc:
            raise SpecError(line, f"{what}: {value!r} is not a finding kind "
                                  f"({', '.join(KINDS)}) and {exc}") from None
        return {"rule": value}
    if not isinstance(value, dict):
        raise SpecError(line, f"{what} must be a kind or rule name, or a mapping such as "
                              "{kind: garbled}")
    line = getattr(value, "line", line)
    out: dict[str, Any] = {}
    for key, v in value.items():
        if key not in keys:
            raise SpecError(line, f"{what}: " + _unknown(key, keys, what.split(": ")[-1]))
        if key == "count":
            out[key] = _count(v, line, f"{what}: count")
        elif key in FILTER_KEYS and isinstance(v, list):
            out[key] = [_text(x, line, f"{what}: {key}") for x in v]
        else:
            out[key] = _text(v, line, f"{what}: {key}")
    if "near" in out and "figure" not in out:
        raise SpecError(line, f"{what}: `near:` needs `figure:`")
    try:
        validate_filter(out.get("kind"), out.get("rule"), out.get("severity"))
    except ValueError as exc:
        raise SpecError(line, f"{what}: {exc}") from None
    return out


def describe_entry(data: dict[str, Any]) -> str:
    """A readable item name: ``570.06 億美元 equals 57006000000 USD``."""
    subject = data.get("figure", "")
    if subject and data.get("near"):
        subject += f" near {data['near']}"
    said = []
    if "count" in data:
        said.append(f"occurs {data['count']} times" if data["count"] != 1 else "occurs once")
    checks = [f"{k}={data[k]}" for k in ("kind", "unit", "qualifier") if k in data]
    if checks:
        said.append("is " + " ".join(checks))
    if "equals" in data:
        said.append(f"equals {data['equals']}")
    if "growth_of" in data:
        new, old = data["growth_of"]
        said.append(f"is growth of {new} over {old}")
    if "sum_of" in data:
        said.append("is sum of " + " + ".join(str(p) for p in data["sum_of"]))
    if "ratio_of" in data:
        a, b = data["ratio_of"]
        said.append(f"is ratio of {a} / {b}")
    if "reference" in data:
        ref = data["reference"]
        said.append("matches reference " + (" ".join(ref[k] for k in REFERENCE_KEYS
                                                      if k in ref) or "(as linked)"))
    if "matches_source" in data:
        said.append("matches the source")
    if "approx" in data:
        said.append(f"approx {data['approx']}")
    for key in ("findings", "no_findings"):
        if key in data:
            words = " ".join(f"{k}={_join(v)}" for k, v in data[key].items())
            if subject:
                label = "has no findings" if key == "no_findings" else "has findings"
                said.append(f"{label} {words}".rstrip())
            else:
                said.append(f"{key} {words}".rstrip())
    if subject and not said:
        said.append("is in the document")
    return " ".join([subject, ", ".join(said)]).strip()


def _join(v: Any) -> str:
    return "|".join(v) if isinstance(v, list) else str(v)
