"""Run factcheck on a Dask (or Spark) cluster: partition functions with their ``meta``.

The functions here are plain pandas-in, pandas-out (or records-in, records-out), so the same
code runs in one process, on ``dask.distributed``'s local cluster and on a real cluster::

    import dask.dataframe as dd
    from factcheck.dask import check_partitions, findings_meta

    articles = dd.read_json("archive/*.jsonl", lines=True, blocksize="16MB")  # id, text, ...
    findings = articles.map_partitions(check_partitions, meta=findings_meta())
    findings.to_parquet("out/findings/")

- :func:`check_partitions` / :func:`extract_partitions`: a DataFrame of articles (columns
  ``id`` and ``text``, names configurable) to a DataFrame of findings / figures, with the
  columns of ``factcheck batch``'s tables (see ``docs/batch.md``) less ``doc_index``;
  ``doc`` is the ``source_column`` when given, else the document id.
- :func:`analyze_partition`: both tables from one pass (checking extracts anyway), for
  ``dask.delayed``; :func:`check_dataframe` wires it up for a whole Dask DataFrame.
- :func:`check_records` / :func:`extract_records`: the same for ``dask.bag`` partitions of
  dicts (``bag.map_partitions(check_records)``).
- :func:`spark_check` / :func:`spark_extract` with :data:`SPARK_FINDINGS_SCHEMA` /
  :data:`SPARK_FIGURES_SCHEMA`: ``df.mapInPandas(spark_check, SPARK_FINDINGS_SCHEMA)``.

Reference tables are loaded once per worker process (cached by the ``reference`` argument),
not once per partition. Nothing here imports dask until :func:`check_dataframe` is called,
and ``import dask`` below resolves to the top-level ``dask`` package (imports are absolute),
not to this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from .batch_tables import Doc, TableBuilder, schemas

# columns of the frames returned here: the batch tables without doc_index
FIGURE_COLUMNS = ("doc_id", "doc", "start", "end", "text", "kind", "value", "value_num", "unit",
                  "qualifier", "lo", "hi", "direction", "signed_value", "extra")
FINDING_COLUMNS = ("doc_id", "doc", "start", "end", "rule", "kind", "severity", "spans",
                   "message", "expected", "found", "evidence", "figure", "line", "column",
                   "suggestion")

SPARK_FIGURES_SCHEMA = (
    "doc_id string, doc string, start long, end long, text string, kind string, value string, "
    "value_num double, unit string, qualifier string, lo double, hi double, direction string, "
    "signed_value double, extra string")
SPARK_FINDINGS_SCHEMA = (
    "doc_id string, doc string, start long, end long, rule string, kind string, "
    "severity string, spans array<array<long>>, message string, expected string, "
    "found string, evidence string, figure string, line long, column long, suggestion string")


@lru_cache(maxsize=4)
def _reference(paths: tuple[str, ...]) -> Any:
    from .reference import load_reference

    return load_reference(list(paths))


def _docs(df: Any, text_column: str, id_column: str | None, source_column: str | None
          ) -> Iterator[Doc]:
    texts = df[text_column].tolist()
    if id_column is not None and id_column in df.columns:
        ids = [None if _missing(v) else v for v in df[id_column].tolist()]
    else:
        ids = [None] * len(texts)
    labels = df.index.tolist()
    sources = df[source_column].tolist() if source_column else [None] * len(texts)
    for i, (text, raw_id, label, source) in enumerate(zip(texts, ids, labels, sources,
                                                          strict=True)):
        doc_id = str(raw_id) if raw_id is not None else str(label)
        if _missing(text):
            text = ""
        yield Doc(i, doc_id, str(source) if source is not None else doc_id, None, str(text),
                  "utf-8", None)


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _frame(table: Any, columns: Sequence[str]) -> Any:
    """pandas frame of the table; list columns (``spans``) hold Python lists (object dtype)."""
    import pandas as pd
    import pyarrow as pa

    table = table.select(list(columns))
    lists = {i: table.column(i).to_pylist() for i, f in enumerate(table.schema)
             if pa.types.is_list(f.type)}
    frame = table.to_pandas()
    for i, values in lists.items():
        frame[table.schema.field(i).name] = pd.Series(values, index=frame.index, dtype=object)
    return frame


def figures_meta() -> Any:
    """An empty figures DataFrame with the right dtypes (``meta=`` for map_partitions)."""
    return _frame(schemas()["figures"].empty_table(), FIGURE_COLUMNS)


def findings_meta() -> Any:
    """An empty findings DataFrame with the right dtypes (``meta=`` for map_partitions)."""
    return _frame(schemas()["findings"].empty_table(), FINDING_COLUMNS)


def figures_schema() -> Any:
    """The pyarrow schema of the figures frames: ``to_parquet(..., schema=figures_schema())``."""
    full = schemas()["figures"]
    return _pa_schema([full.field(c) for c in FIGURE_COLUMNS])


def findings_schema() -> Any:
    """The pyarrow schema of the findings frames (``spans`` is a list of [start, end])."""
    full = schemas()["findings"]
    return _pa_schema([full.field(c) for c in FINDING_COLUMNS])


def _pa_schema(fields: list[Any]) -> Any:
    import pyarrow as pa

    return pa.schema(fields)


def _run(df: Any, text_column: str, id_column: str | None, source_column: str | None,
         reference: Sequence[str], check: bool) -> dict[str, Any]:
    from .batch_records import _checker
    from .extract import extract

    check_text = _checker()

    ref = _reference(tuple(str(p) for p in reference)) if check else None
    builder = TableBuilder()
    for doc in _docs(df, text_column, id_column, source_column):
        if check:
            report = check_text(doc.text, ref)
        else:
            report = _MentionsOnly(extract(doc.text), doc.text,
                                    _reference(tuple(str(p) for p in reference)))
        builder.add(doc, report, 0.0)
    return builder.tables()


class _MentionsOnly:
    """Quacks like a Report with no findings (extraction only)."""

    def __init__(self, mentions: list[Any], text: str, reference: Any) -> None:
        from .claims import link

        self.mentions = mentions
        self.text = text
        self.findings: list[Any] = []
        self.claims = link(text, mentions, reference)  # a move's direction, as check sees it
        self.checked: set[int] = set()


def check_partitions(df: Any, text_column: str = "text", id_column: str | None = "id",
                     source_column: str | None = None, reference: Sequence[str] = ()) -> Any:
    """Findings of every article in a pandas DataFrame partition (one row per finding)."""
    return _frame(_run(df, text_column, id_column, source_column, reference, True)["findings"],
                  FINDING_COLUMNS)


def extract_partitions(df: Any, text_column: str = "text", id_column: str | None = "id",
                       source_column: str | None = None) -> Any:
    """Figures of every article in a pandas DataFrame partition (one row per figure)."""
    return _frame(_run(df, text_column, id_column, source_column, (), False)["figures"],
                  FIGURE_COLUMNS)


def analyze_partition(df: Any, text_column: str = "text", id_column: str | None = "id",
                      source_column: str | None = None, reference: Sequence[str] = ()
                      ) -> tuple[Any, Any]:
    """``(figures, findings)`` of a partition from one pass of the checker."""
    tables = _run(df, text_column, id_column, source_column, reference, True)
    return _frame(tables["figures"], FIGURE_COLUMNS), _frame(tables["findings"], FINDING_COLUMNS)


def _records_frame(records: Iterable[dict[str, Any]], text_key: str, id_key: str) -> Any:
    import pandas as pd

    rows = list(records)
    return pd.DataFrame({"id": [r.get(id_key) for r in rows],
                         "text": [r.get(text_key) for r in rows]}, dtype=object)


def check_records(records: Iterable[dict[str, Any]], text_key: str = "text",
                  id_key: str = "id", reference: Sequence[str] = ()) -> list[dict[str, Any]]:
    """Findings (dicts) of a ``dask.bag`` partition of article dicts."""
    frame = _records_frame(records, text_key, id_key)
    table = _run(frame, "text", "id", None, reference, True)["findings"]
    return table.select(list(FINDING_COLUMNS)).to_pylist()


def extract_records(records: Iterable[dict[str, Any]], text_key: str = "text",
                    id_key: str = "id") -> list[dict[str, Any]]:
    """Figures (dicts) of a ``dask.bag`` partition of article dicts."""
    frame = _records_frame(records, text_key, id_key)
    table = _run(frame, "text", "id", None, (), False)["figures"]
    return table.select(list(FIGURE_COLUMNS)).to_pylist()


def check_dataframe(ddf: Any, text_column: str = "text", id_column: str | None = "id",
                    source_column: str | None = None, reference: Sequence[str] = ()
                    ) -> tuple[Any, Any]:
    """``(figures, findings)`` Dask DataFrames of a Dask DataFrame of articles, lazily.

    Each partition is checked once (``dask.delayed`` with two outputs) however many of the
    two results are computed; ``dask.compute(figures.to_parquet(..., compute=False),
    findings.to_parquet(..., compute=False))`` writes both in one pass.
    """
    import dask
    import dask.dataframe as dd

    analyze = dask.delayed(analyze_partition, nout=2, pure=True)
    parts = [analyze(p, text_column, id_column, source_column, tuple(reference))
             for p in ddf.to_delayed()]
    # spans is a list column (object dtype): keep Dask from casting object columns to strings
    with dask.config.set({"dataframe.convert-string": False}):
        figures = dd.from_delayed([p[0] for p in parts], meta=figures_meta(), verify_meta=False)
        findings = dd.from_delayed([p[1] for p in parts], meta=findings_meta(),
                                   verify_meta=False)
    return figures, findings


def spark_check(batches: Iterable[Any], text_column: str = "text", id_column: str = "id"
                ) -> Iterator[Any]:
    """For ``df.mapInPandas(spark_check, SPARK_FINDINGS_SCHEMA)``."""
    for df in batches:
        table = _run(df, text_column, id_column, None, (), True)["findings"]
        yield _frame(table, FINDING_COLUMNS)


def spark_extract(batches: Iterable[Any], text_column: str = "text", id_column: str = "id"
                  ) -> Iterator[Any]:
    """For ``df.mapInPandas(spark_extract, SPARK_FIGURES_SCHEMA)``."""
    for df in batches:
        yield extract_partitions(df, text_column, id_column)


__all__ = ["SPARK_FIGURES_SCHEMA", "SPARK_FINDINGS_SCHEMA", "analyze_partition",
           "check_dataframe", "check_partitions", "check_records", "extract_partitions",
           "extract_records", "figures_meta", "figures_schema", "findings_meta",
           "findings_schema", "spark_check", "spark_extract"]
