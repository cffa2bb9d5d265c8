"""Dataset readers: the project's JSONL clusters and the official Multi-News X.src/X.tgt format."""

import json

import pytest

from benchmarks import datasets
from benchmarks.stub import EXAMPLE_CLUSTERS, write_example_jsonl

SEP = " story_separator_special_tag "
SRC = [
    "Storm hits the coast NEWLINE_CHAR NEWLINE_CHAR The storm reached land on Monday ."
    + SEP
    + "Residents left their homes . NEWLINE_CHAR Schools were closed ."
    + SEP
    + "   ",  # an empty document, dropped
    "The library opened a new wing . NEWLINE_CHAR It has 2,000 books ." + SEP + "Readers liked the wing .",
]
TGT = [
    "– A storm reached the coast on Monday , and schools closed . ",
    "– The library opened a wing with 2,000 books . ",
]


@pytest.fixture()
def official(tmp_path):
    (tmp_path / "test.src").write_text("\n".join(SRC) + "\n", encoding="utf-8")
    (tmp_path / "test.tgt").write_text("\n".join(TGT) + "\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("name", ["test.src", "test.tgt", "test"])
def test_official_format_any_of_the_pair_names(official, name):
    ds = datasets.load(official / name)
    assert ds.format == "multinews-official"
    assert [c.id for c in ds.clusters] == ["test-000000", "test-000001"]
    first = ds.clusters[0]
    assert first.documents == (
        "Storm hits the coast\n\nThe storm reached land on Monday .",
        "Residents left their homes .\nSchools were closed .",
    )
    assert first.summaries == ("A storm reached the coast on Monday , and schools closed .",)
    assert ds.clusters[1].documents[1] == "Readers liked the wing ."
    assert len(ds.sha256) == 64 and ds.total == 2


def test_official_line_counts_must_match(official):
    (official / "test.tgt").write_text(TGT[0] + "\n", encoding="utf-8")
    with pytest.raises(ValueError):
        datasets.load(official / "test.src")


def test_jsonl_reader_limit_and_sample(tmp_path):
    p = tmp_path / "d.jsonl"
    with open(p, "w") as f:
        for i in range(20):
            cluster = {"id": f"c{i:02d}", "documents": [f"Doc {i} one.", "Doc two."], "summaries": [f"Sum {i}."]}
            f.write(json.dumps(cluster) + "\n")
    ds = datasets.load(p)
    assert ds.format == "jsonl" and len(ds.clusters) == 20 and ds.total == 20
    assert ds.clusters[3].id == "c03" and ds.clusters[3].position == 3
    assert [c.id for c in datasets.load(p, limit=4).clusters] == ["c00", "c01", "c02", "c03"]
    a = datasets.load(p, sample=5, seed=7)
    b = datasets.load(p, sample=5, seed=7)
    c = datasets.load(p, sample=5, seed=8)
    assert [x.id for x in a.clusters] == [x.id for x in b.clusters]
    assert [x.id for x in a.clusters] != [x.id for x in c.clusters]
    assert [x.position for x in a.clusters] == sorted(x.position for x in a.clusters)
    assert a.describe()["cluster_ids_sha256"] != c.describe()["cluster_ids_sha256"]
    assert a.sha256 == ds.sha256  # the file's hash, whatever is selected


def test_jsonl_example_file(tmp_path):
    ds = datasets.load(write_example_jsonl(tmp_path / "ex.jsonl"))
    assert [c.id for c in ds.clusters] == [c["id"] for c in EXAMPLE_CLUSTERS]
    assert ds.clusters[0].documents == tuple(EXAMPLE_CLUSTERS[0]["documents"])


def test_jsonl_errors(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"id": "a", "documents": ["x."], "summaries": ["y."]}\n' * 2)
    with pytest.raises(ValueError, match="duplicate"):
        datasets.load(p)
    p.write_text('{"id": "a", "documents": "x.", "summaries": ["y."]}\n')
    with pytest.raises(ValueError, match="documents"):
        datasets.load(p)
    with pytest.raises(FileNotFoundError):
        datasets.load(tmp_path / "missing.jsonl")


def test_cli_runs_on_the_official_format(official, tmp_path, capsys):
    from benchmarks.__main__ import main

    out = tmp_path / "out"
    rc = main(["run", str(official / "test.src"), "--systems", "lead,roundrobin", "--words", "12", "--workers", "1",
               "--out", str(out), "--no-history", "--no-plot", "--quiet"])
    assert rc == 0
    res = json.loads((out / "results.json").read_text())
    assert res["dataset"]["format"] == "multinews-official" and res["dataset"]["clusters"] == 2
    assert res["per_cluster"]["ids"] == ["test-000000", "test-000001"]
    assert all(s["words_mean"] <= 12 for s in res["systems"].values())
