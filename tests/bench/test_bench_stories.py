"""The stories benchmark: grouping scores, off-story documents, seeded mixtures, the CLI and the synthetic day."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import datasets, stories
from benchmarks.__main__ import main
from benchmarks.grouping import adjusted_rand, bcubed

ROOT = Path(__file__).resolve().parents[2]
NOTICE = "Archived pages are kept here for readers; the crawl of these pages goes on every day and night."


def test_bcubed_and_ari_on_known_partitions():
    assert bcubed(list("aabb"), list("xxyy")) == (1.0, 1.0, 1.0)
    p, r, f = bcubed(list("aaaa"), list("xxyy"))
    assert (p, r) == (0.5, 1.0) and f == pytest.approx(2 / 3)
    p, r, _ = bcubed(list("abcd"), list("xxyy"))
    assert (p, r) == (1.0, 0.5)
    assert adjusted_rand(list("aabb"), list("yyxx")) == 1.0
    assert adjusted_rand(list("abab"), list("xxyy")) < 0
    assert adjusted_rand(list("abcd"), list("wxyz")) == 1.0


@pytest.fixture()
def data(tmp_path) -> Path:
    """The example folders as made-up clusters with made-up references, and a site notice in two of them."""
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "examples" / "more-news").glob("*.txt")}
    london = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "london-talks").glob("*.txt"))]
    clusters = [
        ("london", london, "Lutnick said the US-China trade talks in London were going well on their second day."),
        (
            "drought",
            [texts[k] for k in ("drought-herald", "drought-capital-news", "drought-kwmr")] + [NOTICE],
            "Governor Whitfield declared a drought emergency in 14 counties as Lake Arden fell to 31 percent.",
        ),
        (
            "stadium",
            [texts[k] for k in ("stadium-herald", "stadium-sports-desk")] + [NOTICE],
            "Whitfield vetoed the $410 million Falcons stadium bill; Barrow wants an override.",
        ),
        (
            "painting",
            [texts[k] for k in ("painting-gazette", "painting-wire")],
            "Police found the stolen Maren painting The Harbor at Dusk in a Port Ellery storage unit.",
        ),
    ]
    path = tmp_path / "made_up.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for name, docs, summary in clusters:
            f.write(json.dumps({"id": name, "documents": docs, "summaries": [summary]}) + "\n")
    return path


def test_site_notices_and_unrelated_documents_are_off_story(data):
    clusters = datasets.load(data).clusters
    off = stories.off_story(clusters)
    assert (1, 3) in off and (2, 2) in off  # the notice, in two clusters
    assert not any(c == 0 for c, _ in off)


def test_mixtures_are_seeded_and_hard_ones_share_names(data):
    clusters = datasets.load(data).clusters
    first = stories.mixtures(clusters, 3, 6, seed=4)
    assert first == stories.mixtures(clusters, 3, 6, seed=4)
    hard = [m for m in first if m.kind == "hard"]
    assert len(hard) == 3 and all(len(set(m.clusters)) == 3 for m in first)
    names = stories.cluster_names(clusters, stories.off_story(clusters))
    assert "dana" in names[1] & names[2]  # Governor Dana Whitfield
    with pytest.raises(ValueError):
        stories.mixtures(clusters, 9, 2)


def test_documents_of_a_mixture_are_shuffled_and_anonymous(data):
    clusters = datasets.load(data).clusters
    mixture = stories.Mixture(0, "random", (0, 3))
    docs, order = stories.documents(mixture, clusters, seed=1)
    assert sorted(order) == [(0, d) for d in range(5)] + [(3, 0), (3, 1)]
    assert order != sorted(order)
    assert all(d["id"].startswith("m00-") for d in docs)


def test_cli_scores_grouping_and_per_story_rouge(data, tmp_path, capsys):
    out = tmp_path / "out"
    assert (
        main(["stories", str(data), "--mix", "3", "--mixtures", "2", "--words", "60", "--out", str(out), "--quiet"])
        == 0
    )
    results = json.loads((out / "results.json").read_text())
    summary = results["summary"]["all"]
    assert summary["f1"] == 1.0 and summary["off_story"] == sum(r["off_story"] for r in results["mixtures"])
    assert summary["clusters_scored"] == 6
    for row in results["mixtures"]:
        assert {p["cluster"] for p in row["per_cluster"]} == set(row["clusters"])
    assert "B³ F1" in (out / "report.md").read_text() and "ΔR2" in capsys.readouterr().out


def test_cli_sweeps_a_tuning_field(data, tmp_path):
    out = tmp_path / "sweep"
    args = ["stories", str(data), "--mix", "2", "--mixtures", "2", "--out", str(out), "--quiet"]
    assert main([*args, "--sweep", "story_similarity=0.99,0.2"]) == 0
    rows = json.loads((out / "sweep.json").read_text())["rows"]
    assert [r["value"] for r in rows] == [0.99, 0.2]
    assert rows[0]["all"]["recall"] < rows[1]["all"]["recall"] == 1.0  # at 0.99 every report stands alone
    assert main([*args, "--sweep", "no_such_field=1"]) == 2


def test_cli_sweep_estimates_delta_r2_from_briefs_cached_across_values(data, tmp_path, capsys):
    out = tmp_path / "estimate"
    args = ["stories", str(data), "--mix", "3", "--mixtures", "2", "--words", "60", "--out", str(out), "--quiet"]
    assert main([*args, "--sweep", "story_similarity=0.2,0.2", "--estimate-briefs"]) == 0
    rows = json.loads((out / "sweep.json").read_text())["rows"]
    assert rows[0]["all"]["clusters_scored"] == 6 and rows[0]["all"] == rows[1]["all"]  # one cache, same estimate
    exact = rows[0]["all"]["rouge2_delta_by_grouping"]
    assert set(exact) == {"exact"}  # every cluster grouped exactly: its story's brief is its single-cluster brief
    assert rows[0]["all"]["rouge2_digest"] == pytest.approx(rows[0]["all"]["rouge2_single"], abs=1e-9)
    assert "ΔR2 (estimated)" in capsys.readouterr().out


def test_cli_day_measures_time_memory_and_grouping(data, tmp_path, capsys):
    pytest.importorskip("psutil")
    out = tmp_path / "day"
    assert main(["stories", str(data), "--day", "9", "--words", "40", "--out", str(out)]) == 0
    day = json.loads((out / "day.json").read_text())
    assert day["articles"] == 9 and day["peak_rss_mb"] > 0 and day["cpu_seconds"] > 0
    assert 0 < day["grouping"]["f1"] <= 1
    assert "peak RSS" in capsys.readouterr().out


def test_ray_engine_gives_the_scores_of_local(data, tmp_path):
    pytest.importorskip("ray", reason="Ray is an optional extra (pip install -e '.[ray]'); CI installs it")
    args = ["stories", str(data), "--mix", "3", "--mixtures", "2", "--words", "60", "--quiet"]
    assert main([*args, "--out", str(tmp_path / "local")]) == 0
    assert main([*args, "--out", str(tmp_path / "ray"), "--engine", "ray", "--workers", "2"]) == 0
    local, ray_ = (json.loads((tmp_path / k / "results.json").read_text()) for k in ("local", "ray"))
    assert local["mixtures"] == [
        {**m, "seconds": here["seconds"]} for m, here in zip(ray_["mixtures"], local["mixtures"], strict=True)
    ]


def test_cli_reports_delta_r2_per_seed_pooled_and_where_it_comes_from(data, tmp_path, capsys):
    out = tmp_path / "seeds"
    args = ["stories", str(data), "--mix", "3", "--mixtures", "2", "--words", "60", "--out", str(out), "--quiet"]
    assert main([*args, "--seeds", "0,1"]) == 0
    results = json.loads((out / "results.json").read_text())
    summary = results["summary"]
    assert sorted({r["seed"] for r in results["mixtures"]}) == [0, 1] and len(results["mixtures"]) == 4
    assert sorted(summary["per_seed"]) == ["0", "1"]  # JSON keys
    across = summary["across_seeds"]
    assert across["seeds"] == [0, 1] and len(across["rouge2_delta"]) == 2
    low, high = summary["all"]["rouge2_delta_cluster_interval"]
    assert low <= summary["all"]["rouge2_digest"] - summary["all"]["rouge2_single"] <= high
    by = summary["all"]["rouge2_delta_by_grouping"]
    assert sum(e["pairs"] for e in by.values()) == summary["all"]["clusters_scored"] == 12
    assert set(by) <= {"exact", "split", "merged", "split+merged"}
    assert "Mean ΔR2 over 2 seeds" in capsys.readouterr().out


def test_a_cluster_is_grouped_exact_split_or_merged():
    order = [(0, 0), (0, 1), (1, 0), (1, 1), (2, 0)]
    assert stories.grouped_as(0, ["a", "a", "b", "b", "c"], order, set()) == "exact"
    assert stories.grouped_as(0, ["a", "x", "b", "b", "c"], order, set()) == "split"
    assert stories.grouped_as(1, ["a", "a", "a", "a", "c"], order, set()) == "merged"
    assert stories.grouped_as(0, ["a", "x", "a", "b", "c"], order, set()) == "split+merged"
    assert stories.grouped_as(0, ["a", "x", "b", "b", "c"], order, {(0, 1)}) == "exact"  # off-story docs aside


def test_cli_runs_with_a_tuning_field_changed(data, tmp_path):
    out = tmp_path / "tuned"
    args = ["stories", str(data), "--mix", "2", "--mixtures", "2", "--words", "60", "--out", str(out), "--quiet"]
    assert main([*args, "--tuning", "story_similarity=0.99"]) == 0
    results = json.loads((out / "results.json").read_text())
    assert results["setup"]["tuning"] == ["story_similarity=0.99"]
    assert results["summary"]["all"]["recall"] < 1.0  # at 0.99 every report stands alone
    assert main([*args, "--tuning", "no_such_field=1"]) == 2


def test_cli_estimates_briefs_over_seeds_and_pools_held_out_seeds_apart(data, tmp_path, capsys):
    out = tmp_path / "held-out"
    args = ["stories", str(data), "--mix", "3", "--mixtures", "2", "--words", "60", "--out", str(out), "--quiet"]
    assert main([*args, "--seeds", "0,1,2", "--held-out", "2", "--estimate-briefs"]) == 0
    results = json.loads((out / "results.json").read_text())
    summary = results["summary"]
    assert results["setup"]["estimated_briefs"] and results["setup"]["held_out"] == [2]
    assert summary["held out"]["mixtures"] == 2 and summary["tuned on"]["mixtures"] == 4
    assert summary["held out"]["f1"] == summary["per_seed"]["2"]["f1"]
    assert summary["held out, hard"]["mixtures"] == 1
    assert summary["all"]["clusters_scored"] == 18  # every cluster's story scored, without digests
    report = capsys.readouterr().out
    assert "briefs estimated" in report and "| held out |" in report
    assert main([*args, "--seeds", "0,1", "--held-out", "0,1"]) == 2  # some seeds, not all
    assert main([*args, "--seeds", "0,1", "--held-out", "x"]) == 2


def _scores(r2: float) -> dict[str, float]:
    return {"rouge1": 0.0, "rouge2": r2, "rougeL": 0.0}


def test_delta_r2_splits_into_other_events_articles_and_missing_articles():
    pairs = [  # a story with another event's articles, one lacking an article, one exact
        {"cluster": "a", "grouped": "merged", "digest": _scores(4.0), "own": _scores(10.0), "single": _scores(10.0)},
        {"cluster": "b", "grouped": "split", "digest": _scores(6.0), "own": _scores(6.0), "single": _scores(9.0)},
        {"cluster": "c", "grouped": "exact", "digest": _scores(8.0), "own": _scores(8.0), "single": _scores(8.0)},
    ]
    found = stories.attribution(pairs)
    parts = found["rouge2_delta_parts"]
    assert parts == {"other_events": -2.0, "missing_articles": -1.0}  # (4 - 10) / 3 and (6 - 9) / 3
    costliest = {c["cluster"]: c for c in found["rouge2_delta_costliest"]}
    assert set(costliest) == {"a", "b"}  # the exact story costs nothing
    assert costliest["a"]["parts_of_share"] == {"other_events": -2.0, "missing_articles": 0.0}
    old = [{k: v for k, v in p.items() if k != "own"} for p in pairs]  # results written before `own` was scored
    assert stories.attribution(old)["rouge2_delta_parts"]["missing_articles"] == pytest.approx(-3.0)


def test_each_story_is_also_scored_on_its_own_clusters_articles(data, tmp_path, capsys):
    out = tmp_path / "parts"
    args = ["stories", str(data), "--mix", "3", "--mixtures", "2", "--words", "60", "--out", str(out), "--quiet"]
    assert main([*args, "--seeds", "0,1"]) == 0
    results = json.loads((out / "results.json").read_text())
    alone = 0
    for r in results["mixtures"]:
        holds: dict[str, set[str]] = {}
        for cluster, _, label, _ in r["assignment"]:
            holds.setdefault(label, set()).add(cluster)
        for p in r["per_cluster"]:
            labels = [label for cluster, _, label, _ in r["assignment"] if cluster == p["cluster"]]
            if len(set(labels)) == 1 and holds[labels[0]] == {p["cluster"]}:  # a story of this cluster alone
                assert p["own"] == p["digest"]
                alone += 1
    assert alone
    entry = results["summary"]["all"]
    parts = entry["rouge2_delta_parts"]
    assert parts["other_events"] + parts["missing_articles"] == pytest.approx(
        entry["rouge2_digest"] - entry["rouge2_single"], abs=1e-9
    )
    assert "from articles of other events" in capsys.readouterr().out
