"""The Dask helper on a real LocalCluster with two worker processes."""

from __future__ import annotations

import random

import pandas as pd
import pytest

dask = pytest.importorskip("dask", reason="the dask extra is not installed")
dd = pytest.importorskip("dask.dataframe", reason="the dask extra is not installed")
distributed = pytest.importorskip("distributed")

import jdmatch  # noqa: E402
from jdmatch.dask import DASK_CONFIG, SCORE_COLUMNS, score_partitions, warm_up  # noqa: E402
from jdmatch.extraction import preload  # noqa: E402

# A real LocalCluster with worker processes.
pytestmark = pytest.mark.slow

SKILLS = ["Python", "SQL", "Kafka", "PyTorch", "Kubernetes", "Airflow and Python", "XGBoost",
          "statistics", "Terraform", "feature stores", "A/B testing", "Docker"]  # fmt: skip


def pairs(count: int) -> pd.DataFrame:
    rng = random.Random(7)
    rows = [
        (
            "Requirements\n" + ", ".join(rng.sample(SKILLS, 4)) + ".",
            "Skills\n" + ", ".join(rng.sample(SKILLS, 3)),
        )
        for _ in range(count)
    ]
    rows[5] = ("We sell garden furniture.", "Python")  # one that cannot be scored
    return pd.DataFrame(rows, columns=["jd", "cv"])


def test_local_cluster_matches_single_process():
    frame = pairs(2000)
    expected = jdmatch.score_frame(frame, "jd", "cv").astype(SCORE_COLUMNS)
    with (
        dask.config.set(DASK_CONFIG),
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        ready = warm_up(client)
        assert len(ready) == 2
        assert set(ready.values()) == {preload()}  # every pattern, on every worker
        result = score_partitions(dd.from_pandas(frame, npartitions=8), "jd", "cv")
        computed = client.compute(result).result()
    pd.testing.assert_frame_equal(computed.sort_index(), expected)
    assert computed.loc[5, "error"].endswith(
        "found no skill or technology of the lexicon in the job description; check that it "
        "is a job posting, or pass lexicon= with your own concepts"
    )
