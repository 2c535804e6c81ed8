"""pytest plugin: editors' assertion files (``*.facts.yaml``).

Registered through the ``pytest11`` entry point, so installing factcheck is enough: pytest
collects every ``*.facts.yaml`` (or ``*.facts.yml``) file as a test file, and each entry of
its ``assert`` list as one test item (the layout follows pytest's documented example for
non-Python tests: a File collector, Items, ``repr_failure`` and ``reportinfo``).

A file names the article it checks and lists what must hold of its figures::

    document: ../seeds/article.txt      # relative to this file
    reference: ../reference_data/       # optional: extra tables, as --reference
    date: 2025-12-10                    # optional: the publication date, as --date
    assert:
      - figure: "570.06 億美元"
        near: "收入為"
        equals: "57006000000 USD"

The YAML is read with a safe loader (no tags that build objects, nothing is executed) that
remembers the line of every entry, so a failure and a collection error point at the entry.
A malformed file (bad YAML, an unknown key, no ``document``) is a collection error naming
the file and the line; a failed entry prints an editor's note, never a Python traceback.
The checks themselves live in :mod:`factcheck.testing`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from .errors import FactcheckError
from .facts_spec import FIGURE_CHECKS, SUFFIXES, Entry, Operand, Spec, SpecError, parse_spec
from .facts_yaml import load_yaml
from .testing import (
    Article,
    FactFailure,
    Figure,
    explain_comparison,
    load_article,
    tables_mtime,
)


# ---------------------------------------------------------------------------------------------
# hooks
def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> FactsFile | None:
    if file_path.name.endswith(SUFFIXES):
        return FactsFile.from_parent(parent, path=file_path)
    return None


def pytest_assertrepr_compare(config: pytest.Config, op: str, left: Any,
                              right: Any) -> list[str] | None:
    """Explain a failed ``assert figure == ...`` in the Python API (factcheck.testing)."""
    return explain_comparison(op, left, right)


# ---------------------------------------------------------------------------------------------
# collection
_ARTICLES: dict[tuple[Any, ...], Article] = {}


def _article(document: Path, reference: list[Path], published: dt.date | None,
             source: list[Path] | None = None) -> Article:
    key = (str(document.resolve()), document.stat().st_mtime,
           tuple((str(p.resolve()), tables_mtime(p)) for p in reference), published,
           tuple((str(p.resolve()), tables_mtime(p)) for p in source or ()))
    if key not in _ARTICLES:
        _ARTICLES[key] = load_article(document, reference=reference or None,
                                      published=published, sources=source or None)
    return _ARTICLES[key]


class FactsFile(pytest.File):
    """One ``*.facts.yaml`` file: its article and one item per ``assert`` entry."""

    article: Article
    spec: Spec

    def _fail(self, line: int, message: str) -> pytest.Collector.CollectError:
        return self.CollectError(f"{self.nodeid}:{line}: {message}")

    def collect(self) -> Iterator[FactItem]:
        try:
            text = self.path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise self._fail(1, f"cannot read the file as UTF-8 ({exc})") from None
        try:
            raw = load_yaml(text)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else 1
            problem = ": ".join(str(p) for p in (exc.context, exc.problem) if p)
            raise self._fail(line, f"not valid YAML: {problem}") from None
        except yaml.YAMLError as exc:
            raise self._fail(1, f"not valid YAML: {exc}") from None
        try:
            self.spec = parse_spec(raw, self.path.parent)
        except SpecError as exc:
            raise self._fail(exc.line, exc.message) from None
        spec = self.spec
        if not spec.document.is_file():
            raise self._fail(spec.document_line, f"document {_rel(spec.document)}: no such "
                                                 "file (paths are relative to this file)")
        for ref in spec.reference:
            if not ref.exists():
                raise self._fail(spec.reference_line, f"reference {_rel(ref)}: no such file "
                                                      "or directory")
        for src in spec.source or ():
            if not src.exists():
                raise self._fail(spec.source_line, f"source {_rel(src)}: no such file or "
                                                   "directory")
        try:
            self.article = _article(spec.document, spec.reference, spec.published, spec.source)
        except FactcheckError as exc:
            line = spec.reference_line if "reference" in type(exc).__name__.lower() \
                else spec.document_line
            raise self._fail(line, str(exc)) from None
        for entry in spec.entries:
            item = FactItem.from_parent(self, name=entry.name, entry=entry)
            if "skip" in entry.data:
                item.add_marker(pytest.mark.skip(reason=entry.data["skip"] or "skip"))
            if "xfail" in entry.data:
                item.add_marker(pytest.mark.xfail(reason=entry.data["xfail"], strict=True))
            yield item


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class FactItem(pytest.Item):
    """One entry of an assertion file."""

    def __init__(self, *, entry: Entry, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.entry = entry

    @property
    def article(self) -> Article:
        parent = self.parent
        assert isinstance(parent, FactsFile)
        return parent.article

    def runtest(self) -> None:
        run_entry(self.article, self.entry)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: Any = None) -> str:
        exc = excinfo.value
        if isinstance(exc, FactFailure):
            lines = exc.lines()
            return "\n".join([lines[0], f"  entry:      {self.path.name}, line {self.entry.line}",
                              *lines[1:]])
        if isinstance(exc, FactcheckError):
            return f"{exc}\n  entry:      {self.path.name}, line {self.entry.line}"
        return str(super().repr_failure(excinfo, style=style))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.entry.line - 1, f"{self.path.name}:{self.entry.line}: {self.name}"


# ---------------------------------------------------------------------------------------------
# running one entry
def _locate(article: Article, op: Operand) -> Figure:
    return article.figure(op.figure, near=op.near)


def run_entry(article: Article, entry: Entry) -> None:
    """Every check of the entry, in a fixed order; the first that fails raises."""
    data = entry.data
    approx = data.get("approx")
    fig: Figure | None = None
    text = data.get("figure")
    if text is not None:
        near = data.get("near")
        if "count" in data:
            article.check_count(text, data["count"], near)
        # `count:` alone does not need the figure to be unique; everything else does
        if any(k in data for k in (*FIGURE_CHECKS, "findings", "no_findings")) \
                or "count" not in data:
            fig = article.figure(text, near=near)
    if fig is not None:
        if any(k in data for k in ("kind", "unit", "qualifier")):
            fig.check_is(data.get("kind"), data.get("unit"), data.get("qualifier"))
        if "equals" in data:
            fig.check_equals(data["equals"], approx)
        if "growth_of" in data:
            new, old = (_locate(article, op) for op in data["growth_of"])
            fig.check_growth_of(new, old, approx)
        if "sum_of" in data:
            fig.check_sum_of(*(_locate(article, op) for op in data["sum_of"]), approx=approx)
        if "ratio_of" in data:
            a, b = (_locate(article, op) for op in data["ratio_of"])
            fig.check_ratio_of(a, b, approx)
        if "reference" in data:
            ref = data["reference"]
            fig.check_reference(ref.get("entity"), ref.get("metric"), ref.get("period"),
                                approx)
        if "matches_source" in data:
            fig.check_matches_source()
    if "findings" in data:
        spec = data["findings"]
        about = fig
        if "figure" in spec:
            about = article.figure(spec["figure"], near=spec.get("near"))
        article.check_findings(spec.get("kind"), spec.get("rule"), spec.get("severity"),
                               about, spec.get("count"))
    if "no_findings" in data:
        spec = data["no_findings"]
        article.check_no_findings(spec.get("kind"), spec.get("rule"), spec.get("severity"),
                                  fig)


__all__ = ["FactItem", "FactsFile", "load_yaml", "parse_spec", "run_entry"]
