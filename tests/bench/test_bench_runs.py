"""End to end: the CLI, process and Ray engines giving identical results, resume, the gate."""

import json

import pytest

from benchmarks import datasets, report, runner
from benchmarks.__main__ import main
from benchmarks.stub import EXAMPLE_CLUSTERS

OURS = "benchmarks.stub:summarize"


@pytest.fixture()
def data(tmp_path):
    """Nine made-up clusters (the examples, re-labelled) as a JSONL file."""
    p = tmp_path / "made_up.jsonl"
    with open(p, "w", encoding="utf-8") as f:
        for k in range(3):
            for c in EXAMPLE_CLUSTERS:
                docs = c["documents"][k:] + c["documents"][:k]  # vary the order so clusters differ
                f.write(json.dumps({"id": f"{c['id']}-{k}", "documents": docs, "summaries": c["summaries"]}) + "\n")
    return p


def _run(data, out, *extra, history=None):
    args = ["run", str(data), "--ours", OURS, "--out", str(out), "--quiet", "--no-plot"]
    args += ["--history", str(history or out / "history.jsonl")]
    return main([*args, *extra])


def _per_cluster(out):
    res = json.loads((out / "results.json").read_text())
    return res["per_cluster"]["ids"], res["per_cluster"]["scores"], res["systems"]


def _outputs(out):
    recs = runner.Checkpoint(out / "checkpoint.jsonl").read()
    return {(cid, s): (o["sentences"], o["scores"]) for cid, r in recs.items() for s, o in r["outputs"].items()}


def test_cli_run_writes_results_report_history_and_gates(data, tmp_path, capsys):
    out, hist = tmp_path / "run", tmp_path / "h.jsonl"
    systems = "extractive,fused,lead,roundrobin,random"
    assert _run(data, out, "--systems", systems, "--workers", "1", "--words", "60", history=hist) == 0
    ids, scores, summary = _per_cluster(out)
    assert len(ids) == 9 and set(scores) == set(systems.split(","))
    for s in summary.values():
        assert 0 < s["metrics"]["rouge1"]["mean"] < 100
        assert s["metrics"]["rouge1"]["low"] <= s["metrics"]["rouge1"]["mean"] <= s["metrics"]["rouge1"]["high"]
        assert s["words_mean"] <= 60 and s["errors"] == 0 and s["time_per_cluster_s"] >= 0
    faith = summary["fused"]["faithfulness"]
    assert faith["fused"] > 0 and faith["rate"] is not None
    assert "faithfulness" not in summary["extractive"]
    md = (out / "report.md").read_text()
    assert "| extractive |" in md and "RLsum" in md and "rougeLsum" in md
    res = json.loads((out / "results.json").read_text())
    assert res["dataset"]["clusters"] == 9 and len(res["dataset"]["sha256"]) == 64
    assert {"python", "rouge-score", "sumy", "transformers", "torch", "summarize"} <= set(res["versions"])
    assert [json.loads(line)["run_id"] for line in hist.read_text().splitlines()] == [res["run_id"]]

    # the same run again: compared with the first, no regression
    capsys.readouterr()
    assert _run(data, out, "--systems", systems, "--workers", "1", "--words", "60", history=hist) == 0
    assert "gate: no regression" in capsys.readouterr().out
    assert len(hist.read_text().splitlines()) == 2

    # a baseline that was clearly better: the gate fails and names the system and metric
    better = json.loads((out / "results.json").read_text())
    for name in better["per_cluster"]["scores"]:
        for m, xs in better["per_cluster"]["scores"][name].items():
            better["per_cluster"]["scores"][name][m] = [x + (8.0 if name == "lead" else 0.0) for x in xs]
            better["systems"][name]["metrics"][m]["mean"] += 8.0 if name == "lead" else 0.0
    (tmp_path / "better.json").write_text(json.dumps(better))
    capsys.readouterr()
    gate_against = ("--baseline", str(tmp_path / "better.json"), "--no-history")
    rc = _run(data, out, "--systems", systems, "--workers", "1", "--words", "60", *gate_against)
    text = capsys.readouterr().out
    assert rc == 1 and "REGRESSION" in text and "lead" in text and "rouge2" in text
    assert "extractive/" not in text.split("gate:")[-1]

    # standalone gate and plots
    assert main(["gate", str(out / "results.json"), "--baseline", str(tmp_path / "better.json")]) == 1
    assert main(["gate", str(out / "results.json"), "--history", str(hist)]) == 0
    assert main(["plot", "--history", str(hist), "--out", str(tmp_path / "plots")]) == 0
    pngs = sorted(p.name for p in (tmp_path / "plots").glob("*.png"))
    assert any(p.startswith("history-") for p in pngs) and any(p.startswith("run-") for p in pngs)
    assert all((tmp_path / "plots" / p).read_bytes()[:4] == b"\x89PNG" for p in pngs)


def test_process_pool_equals_single_process(data, tmp_path):
    a, b = tmp_path / "one", tmp_path / "two"
    assert _run(data, a, "--systems", "extractive,lead,random,lexrank,lsa", "--workers", "1", "--no-gate") == 0
    assert _run(data, b, "--systems", "extractive,lead,random,lexrank,lsa", "--workers", "2", "--no-gate") == 0
    assert _outputs(a) == _outputs(b)
    ids_a, scores_a, sum_a = _per_cluster(a)
    ids_b, scores_b, sum_b = _per_cluster(b)
    assert ids_a == ids_b and scores_a == scores_b
    assert {n: s["metrics"] for n, s in sum_a.items()} == {n: s["metrics"] for n, s in sum_b.items()}


class _Stop(Exception):
    pass


def test_resume_after_interruption_loses_nothing(data, tmp_path):
    ds = datasets.load(data)
    spec = runner.Spec(systems=("extractive", "lead", "random"), words=50, ours=OURS)
    ck = runner.Checkpoint(tmp_path / "ck" / "checkpoint.jsonl")
    seen = []

    def crash_after_four(rec):
        seen.append(rec["id"])
        if len(seen) == 4:
            raise _Stop

    with pytest.raises(_Stop):
        runner.execute(spec, ds.clusters, ck, workers=1, progress=False, on_record=crash_after_four)
    assert len(ck.read()) == 4  # every finished cluster was on disk
    with open(ck.path, "a") as f:  # and the process died half-way through writing the next line
        f.write('{"id": "made-up-comet-2", "outp')
    assert len(ck.read()) == 4

    rerun = []
    done = runner.execute(
        spec, ds.clusters, ck, workers=1, progress=False, resume=True, on_record=lambda r: rerun.append(r["id"])
    )
    assert sorted(done) == sorted(c.id for c in ds.clusters)
    assert not set(rerun) & set(seen) and len(rerun) == 5  # only the missing clusters ran
    lines = ck.path.read_text().splitlines()
    assert len(lines) == 9 and all(json.loads(line) for line in lines)  # the torn line is gone

    clean_ck = runner.Checkpoint(tmp_path / "clean" / "checkpoint.jsonl")
    clean = runner.execute(spec, ds.clusters, clean_ck, workers=1, progress=False)
    agg = report.aggregate(done, ds.clusters, spec.systems)
    agg_clean = report.aggregate(clean, ds.clusters, spec.systems)
    assert agg["per_cluster"]["scores"] == agg_clean["per_cluster"]["scores"]
    metrics = lambda a: {n: s["metrics"] for n, s in a["systems"].items()}  # noqa: E731
    assert metrics(agg) == metrics(agg_clean)

    # a new system on resume runs only that system on the finished clusters
    spec2 = runner.Spec(systems=("extractive", "lead", "random", "roundrobin"), words=50, ours=OURS)
    done2 = runner.execute(spec2, ds.clusters, ck, workers=1, progress=False, resume=True)
    assert all(set(r["outputs"]) == set(spec2.systems) for r in done2.values())


def test_cli_resume_refuses_other_options(data, tmp_path):
    out = tmp_path / "r"
    assert _run(data, out, "--systems", "lead", "--workers", "1", "--no-gate", "--limit", "3") == 0
    # more clusters, same options
    assert _run(data, out, "--systems", "lead", "--workers", "1", "--no-gate", "--resume") == 0
    assert len(_per_cluster(out)[0]) == 9
    assert _run(data, out, "--systems", "lead", "--workers", "1", "--words", "99", "--resume") == 2


def test_unloadable_system_stops_the_run(data, tmp_path):
    args = ["--systems", "extractive", "--ours", "no_such_module_xyz:summarize", "--out", str(tmp_path / "x")]
    rc = main(["run", str(data), *args, "--quiet", "--no-history", "--workers", "1"])
    assert rc == 3


def test_ray_engine_equals_local(data, tmp_path):
    pytest.importorskip("ray", reason="Ray is an optional extra (pip install -e '.[ray]'); CI installs it")
    ds = datasets.load(data)
    spec = runner.Spec(systems=("extractive", "lead", "random", "textrank", "lsa"), words=50, ours=OURS)
    local = runner.execute(spec, ds.clusters, runner.Checkpoint(tmp_path / "l" / "c.jsonl"), workers=1, progress=False)
    ray_ = runner.execute(
        spec, ds.clusters, runner.Checkpoint(tmp_path / "r" / "c.jsonl"), engine="ray", workers=2, progress=False
    )
    strip = lambda d: {k: {s: (o["sentences"], o["scores"]) for s, o in v["outputs"].items()} for k, v in d.items()}  # noqa: E731
    assert strip(local) == strip(ray_)
    pids = {json.loads(line)["pid"] for line in (tmp_path / "r" / "c.jsonl").read_text().splitlines()}
    assert len(pids) == 2  # two actors, each loaded the systems once and took clusters


def test_fusion_audit_catches_an_unsupported_number():
    from benchmarks.stub import summarize
    from benchmarks.systems import fusion_audit

    comet = EXAMPLE_CLUSTERS[1]["documents"]
    audit = fusion_audit(summarize(comet, words=230, fuse=True))
    assert audit["fused"] >= 2 and audit["guard_passed"] == audit["fused"]  # the stub's guard misses it
    assert audit["check_passed"] == audit["fused"] - 1 == audit["faithful"]  # the benchmark's check does not
    assert audit["problems"][0]["missing"] == ["1999"]
    assert fusion_audit(summarize(comet, words=230, fuse=False))["fused"] == 0


def test_the_warm_up_loads_what_the_first_cluster_would_otherwise_pay_for():
    import subprocess
    import sys

    code = (
        "import sys; from benchmarks.systems import Ours; Ours(False).load(); "
        "print('scipy.cluster.hierarchy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True"], "story grouping's linkage is imported before the first timed cluster"
