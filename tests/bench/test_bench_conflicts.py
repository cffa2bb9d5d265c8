"""The conflicts benchmark's false-alarm count over clusters the pipeline cannot summarize."""

from __future__ import annotations

from benchmarks.conflicts import flags
from benchmarks.datasets import Cluster


def test_a_cluster_with_nothing_to_summarize_flags_nothing_and_the_count_goes_on():
    chrome = Cluster("chrome", ("Advertisement", "Share this"), ("A reference.",))
    ferry = Cluster(
        "ferry",
        (
            "The ferry caught fire on Tuesday and all 212 passengers were rescued, the coast guard said.",
            "All 231 passengers were rescued after the ferry caught fire on Tuesday, the coast guard said.",
        ),
        ("A reference.",),
    )
    found = flags([chrome, ferry], words=60)
    assert {f["cluster"] for f in found} <= {"ferry"}
