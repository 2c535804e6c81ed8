"""factcheck.dask on dask.distributed's local cluster: the same rows as a serial batch run."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
db = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")

import factcheck.dask as fdask  # noqa: E402
from factcheck import batch  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
N_DOCS = 50


@pytest.fixture(scope="module")
def articles() -> list[dict]:
    spec = importlib.util.spec_from_file_location("make_corpus",
                                                  ROOT / "benchmarks" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.generate(N_DOCS, seed=23))


@pytest.fixture(scope="module")
def serial(articles: list[dict], tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    """figures and findings of a serial ``factcheck batch`` run, without doc_index/doc."""
    tmp = tmp_path_factory.mktemp("serial")
    corpus = tmp / "c.jsonl"
    corpus.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles),
                      encoding="utf-8")
    batch.run_batch([str(corpus)], tmp / "out")
    out = {}
    for name in ("figures", "findings"):
        rows = batch.read_table(tmp / "out" / f"{name}.parquet").to_pylist()
        out[name] = [{k: v for k, v in r.items() if k not in ("doc_index", "doc")} for r in rows]
    assert out["findings"], "the test corpus should produce findings"
    return out


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=40)
    with cluster, Client(cluster) as c:
        yield c


def rows(frame) -> list[dict]:
    """DataFrame -> plain rows (no doc column, JSON-ish values) for comparison."""
    table = pa.Table.from_pandas(frame.reset_index(drop=True), preserve_index=False)
    return [{k: v for k, v in r.items() if k != "doc"} for r in table.to_pylist()]


def test_import_dask_is_the_real_package() -> None:
    assert Path(dask.__file__).parent.name == "dask"
    assert "site-packages" in dask.__file__ or "factcheck" not in dask.__file__
    assert fdask.__name__ == "factcheck.dask" and sys.modules["dask"] is dask


def test_partition_functions_in_process(articles, serial) -> None:
    df = pd.DataFrame(articles)
    assert rows(fdask.check_partitions(df)) == serial["findings"]
    assert rows(fdask.extract_partitions(df)) == serial["figures"]
    figs, finds = fdask.analyze_partition(df)
    assert rows(figs) == serial["figures"] and rows(finds) == serial["findings"]
    assert list(fdask.findings_meta().columns) == list(finds.columns)
    assert dict(fdask.figures_meta().dtypes) == dict(figs.dtypes)
    # Spark's mapInPandas hands the function an iterator of pandas frames
    spark = pd.concat(list(fdask.spark_check(iter([df.iloc[:20], df.iloc[20:]]))))
    assert rows(spark) == serial["findings"]
    for column in fdask.FINDING_COLUMNS:
        assert column in fdask.SPARK_FINDINGS_SCHEMA


def test_dataframe_map_partitions_on_local_cluster(client, articles, serial) -> None:
    ddf = dd.from_pandas(pd.DataFrame(articles), npartitions=5)
    findings = ddf.map_partitions(fdask.check_partitions, meta=fdask.findings_meta())
    figures = ddf.map_partitions(fdask.extract_partitions, meta=fdask.figures_meta())
    got_findings, got_figures = dask.compute(findings, figures)
    assert rows(got_findings) == serial["findings"]
    assert rows(got_figures) == serial["figures"]
    workers = client.run(lambda: sys.modules.get("factcheck.checks") is not None)
    assert len(workers) == 2 and all(workers.values())  # the work ran on the two workers


def test_check_dataframe_one_pass_to_parquet(client, articles, serial, tmp_path: Path) -> None:
    ddf = dd.from_pandas(pd.DataFrame(articles), npartitions=4)
    figures, findings = fdask.check_dataframe(ddf)
    dask.compute(figures.to_parquet(tmp_path / "figures", compute=False, write_index=False,
                                    schema=fdask.figures_schema()),
                 findings.to_parquet(tmp_path / "findings", compute=False, write_index=False,
                                     schema=fdask.findings_schema()))
    got = dd.read_parquet(tmp_path / "findings").compute()
    assert rows(got) == serial["findings"]
    assert rows(dd.read_parquet(tmp_path / "figures").compute()) == serial["figures"]


def test_bag_map_partitions_on_local_cluster(client, articles, serial) -> None:
    bag = db.from_sequence(articles, npartitions=4)
    findings = bag.map_partitions(fdask.check_records).compute()
    assert [{k: v for k, v in r.items() if k != "doc"} for r in findings] == serial["findings"]
    figures = bag.map_partitions(fdask.extract_records).compute()
    assert [{k: v for k, v in r.items() if k != "doc"} for r in figures] == serial["figures"]
