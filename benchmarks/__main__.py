"""``python -m benchmarks``: run | audit | plot | gate | speed | stories | followup | fetch | memory | injection
| conflicts | train-ranker.

See benchmarks/README.md."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
import uuid
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_HISTORY = HERE / "history.jsonl"
SHIPPED_RANKER = HERE.parent / "summarize" / "models" / "ranker.json"


class LoadFailure(RuntimeError):
    pass


def _systems(value: str) -> tuple[str, ...]:
    from .systems import ALL, DEFAULT, PEERS

    out: list[str] = []
    for part in value.split(","):
        part = part.strip()
        if not part:
            continue
        group = {"all": ALL, "default": DEFAULT, "peers": PEERS}.get(part)
        for name in group or (part,):
            if name not in ALL:
                known = ", ".join(ALL)
                raise argparse.ArgumentTypeError(f"unknown system {name!r}; known: {known} (or all, default, peers)")
            if name not in out:
                out.append(name)
    if not out:
        raise argparse.ArgumentTypeError("no systems")
    return tuple(out)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description="ROUGE benchmarks for summarize.")
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("run", help="run systems on a dataset, score, report, gate")
    r.add_argument(
        "data", help="a JSONL cluster file, or an official Multi-News X.src / X.tgt pair (either file, or X)"
    )
    r.add_argument(
        "--systems",
        type=_systems,
        default=None,
        help="comma list: extractive,fused,learned,lead,roundrobin,random,lexrank,textrank,lsa,sumbasic,oracle; "
        "or all/default/peers (default: extractive + peers)",
    )
    r.add_argument("--words", type=int, default=230, help="word budget for every system (default 230)")
    r.add_argument("--limit", type=int, help="first N clusters")
    r.add_argument("--sample", type=int, help="N clusters drawn at random (seeded by --seed)")
    r.add_argument(
        "--seed", type=int, default=0, help="seed for --sample, the random peer and the bootstrap (default 0)"
    )
    r.add_argument("--bootstrap", type=int, default=1000, help="bootstrap resamples over clusters (default 1000)")
    r.add_argument("--confidence", type=float, default=0.95, help="interval level (default 0.95)")
    r.add_argument("--out", type=Path, help="output dir (default benchmarks/results/tmp/<data>-<words>w)")
    r.add_argument("--engine", choices=("local", "ray"), default="local")
    r.add_argument("--workers", type=int, default=None, help="worker processes / actors (default: CPU count)")
    r.add_argument("--ray-address", help="existing Ray cluster (default: start a local one on this machine's cores)")
    r.add_argument(
        "--resume", action="store_true", help="continue from the out dir's checkpoint, skipping finished clusters"
    )
    r.add_argument(
        "--history",
        type=Path,
        default=DEFAULT_HISTORY,
        help=f"history JSONL (default {DEFAULT_HISTORY.relative_to(HERE.parent)})",
    )
    r.add_argument("--no-history", action="store_true", help="do not append this run to the history")
    r.add_argument(
        "--baseline",
        type=Path,
        help="gate against this results JSON (or history JSONL) instead of the history's last matching run",
    )
    r.add_argument("--no-gate", action="store_true", help="do not compare with a baseline")
    r.add_argument(
        "--tolerance", type=float, default=0.0, help="ignore drops smaller than this many points (default 0)"
    )
    r.add_argument("--no-plot", action="store_true", help="skip the PNG of this run")
    r.add_argument("--model", default=None, help="fusion model for the fused system (default: the embedded default)")
    r.add_argument("--ours", default=None, help="module:function used instead of summarize:summarize (same signature)")
    r.add_argument("--quiet", action="store_true", help="no progress bar")

    pl = sub.add_parser("plot", help="PNG plots from the history (and a results file)")
    pl.add_argument("--history", type=Path, default=DEFAULT_HISTORY)
    pl.add_argument(
        "--results", type=Path, help="a results.json to plot side by side (default: the last run's, if still there)"
    )
    pl.add_argument("--key", help="only runs with this key (default: the last run's key); 'all' for every run")
    pl.add_argument(
        "--out",
        type=Path,
        default=HERE / "results" / "tmp" / "plots",
        help="directory for the PNGs (default benchmarks/results/tmp/plots)",
    )

    sp = sub.add_parser(
        "speed", help="fusion speed on the bundled example: load, CLI digests, tokens/s vs plain generate"
    )
    sp.add_argument("--model", default=None, help="model to measure (default: the embedded default)")
    sp.add_argument(
        "--repeats", type=int, default=3, help="runs per measurement; min / median / max are reported (default 3)"
    )
    sp.add_argument("--quiet", action="store_true", help="no progress on stderr")
    sp.add_argument("--json", type=Path, default=None, help="also write the result here as JSON")

    t = sub.add_parser("train-ranker", help="train the learned salience ranker (LightGBM) and write its model file")
    t.add_argument("data", help="training clusters (JSONL or official Multi-News), e.g. multinews_trunc_val_dev.jsonl")
    t.add_argument(
        "--out", type=Path, default=SHIPPED_RANKER,
        help=f"model file to write (default: the shipped one, {SHIPPED_RANKER.relative_to(HERE.parent)})",
    )
    t.add_argument("--seed", type=int, default=0, help="seed of the held-out split and of LightGBM (default 0)")
    t.add_argument("--holdout", type=float, default=0.1, help="share of clusters held out for the check (default 0.1)")
    t.add_argument("--words", type=int, default=230, help="budget of the held-out check (default 230)")
    t.add_argument("--dev", help="also score these clusters (never trained on), with the greedy oracle beside")
    t.add_argument("--labels", default="grades", help="grades | oracle | gain | soft (default grades)")
    t.add_argument("--objective", default="lambdarank", help="lambdarank | regression | binary (default lambdarank)")
    t.add_argument("--temperature", type=float, default=1.0, help="divides raw scores before MMR (default 1)")
    t.add_argument("--label-words", type=int, default=None, help="budget of the oracle labels (default --words)")
    t.add_argument(
        "--sweep", action="store_true",
        help="instead: every labels x objective x temperature, fitted on the training clusters and scored on a "
        "seeded 15%% tuning slice of them (never the held-out or dev clusters); prints a table, writes no model",
    )
    t.add_argument("--quiet", action="store_true", help="no progress bar")

    f = sub.add_parser("followup", help="follow-ups on clusters split in two: overlap with yesterday, new points kept")
    f.add_argument("data", help="a JSONL cluster file")
    f.add_argument("--words", type=int, default=120, help="word budget of every brief (default 120)")
    f.add_argument("--min-docs", type=int, default=4, help="clusters with at least this many documents (default 4)")
    f.add_argument(
        "--today", choices=("all", "second-half"), default="all", help="documents of today's run (default all)"
    )
    f.add_argument("--sweep", default=None, help="comma list of Tuning.known_similarity values to compare")
    f.add_argument("--part", choices=("all", "even", "odd"), default="all", help="every other eligible cluster")
    f.add_argument("--limit", type=int, default=None, help="first N eligible clusters")
    f.add_argument("--json", type=Path, default=None, help="also write the result (with per-cluster rows) here")

    fe = sub.add_parser("fetch", help="fetch N local pages through the HTTP client, 8 in parallel, then again cached")
    fe.add_argument("--pages", type=int, default=200, help="pages to serve and fetch (default 200)")
    fe.add_argument("--kb", type=int, default=20, help="size of each page in KB (default 20)")
    fe.add_argument("--json", type=Path, default=None, help="also write the result here as JSON")
    st = sub.add_parser(
        "stories", help="story digests of seeded mixtures of clusters: grouping (B-cubed, ARI) and per-story ROUGE"
    )
    st.add_argument("data", help="a JSONL cluster file, or an official Multi-News X.src / X.tgt pair")
    st.add_argument("--mix", type=int, default=10, help="clusters per mixture (default 10)")
    st.add_argument("--mixtures", type=int, default=40, help="how many mixtures (default 40)")
    st.add_argument(
        "--hard-share", type=float, default=0.5, help="share of hard mixtures: clusters sharing names (default 0.5)"
    )
    st.add_argument("--seed", type=int, default=0, help="seed of the mixtures and their document order (default 0)")
    st.add_argument("--tuning", metavar="FIELD=VALUE", action="append", default=[],
                    help="run with this summarize.Tuning field changed (repeatable), e.g. story_cohesion_share=0")
    st.add_argument("--seeds", metavar="S1,S2,...",
                    help="instead of --seed: each of these seeds' mixtures; ΔR2 per seed, pooled, and its spread")
    st.add_argument("--words", type=int, default=230, help="word budget per story (default 230)")
    st.add_argument("--fused", action="store_true", help="fuse the briefs (default: extractive)")
    st.add_argument("--limit", type=int, help="draw mixtures from the first N clusters only")
    st.add_argument("--engine", choices=("local", "ray"), default="local",
                    help="local: the library's own choice (this process or worker processes); ray: Ray actors")
    st.add_argument("--workers", type=int, default=None, help="worker processes / actors for the briefs")
    st.add_argument("--ray-address", help="existing Ray cluster (default: start a local one on this machine's cores)")
    st.add_argument(
        "--sweep",
        metavar="FIELD=V1,V2,...",
        help="grouping scores (no briefs) for each value of a summarize.Tuning field, e.g. story_similarity=0.15,0.2",
    )
    st.add_argument("--estimate-briefs", action="store_true",
                    help="estimate ΔR2 from briefs of each story's documents, cached across seeds or --sweep values")
    st.add_argument("--held-out", metavar="S1,S2,...",
                    help="with --seeds: also pool these seeds (not tuned on) and the others apart")
    st.add_argument(
        "--day",
        type=int,
        metavar="N",
        help="instead: one synthetic day of N articles from the file, digested by the CLI; time and peak RSS",
    )
    st.add_argument("--stretch", type=int, default=1,
                    help="with --day: repeat each article's text this many times (cost at longer articles; default 1)")
    st.add_argument("--out", type=Path, help="output dir (default benchmarks/results/tmp/stories-<data>-mix<K>)")
    st.add_argument("--quiet", action="store_true", help="no progress bar")
    m = sub.add_parser(
        "memory", help="peak RSS of extractive briefs at scale (20,000 sources, the candidate cap), fresh processes"
    )
    m.add_argument("--sources", type=int, default=20_000, help="documents of the large scenarios (default 20000)")
    m.add_argument("--scenarios", default=",".join(_memory_scenarios()), help="comma list (default: all)")
    m.add_argument("--limit-mb", type=float, default=1024, help="exit 1 when a scenario peaks at this (default 1024)")
    m.add_argument("--json", type=Path, default=None, help="also write the results here as JSON")

    inj = sub.add_parser("injection", help="how many sentences of a dataset the prompt-injection rules mark as noise")
    inj.add_argument("data", help="a JSONL cluster file, or an official Multi-News X.src / X.tgt pair")
    inj.add_argument("--limit", type=int, help="first N clusters")
    inj.add_argument("--show", type=int, default=0, help="print the first N matching sentences (default 0)")
    au = sub.add_parser("audit", help="count reader-visible defects of the briefs, ours and the peers', per class")
    au.add_argument("data", help="a JSONL cluster file (or official Multi-News pair), as for run")
    au.add_argument("--systems", type=_systems, default=None, help="as for run (default: extractive + peers)")
    au.add_argument("--words", default="120,230", help="comma list of word budgets (default 120,230)")
    au.add_argument("--limit", type=int, help="first N clusters")
    au.add_argument("--skip", type=int, default=0, help="leave out the first N clusters (a held-out part)")
    au.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    au.add_argument("--out", type=Path, help="output dir (default benchmarks/results/tmp/audit-<data>)")
    au.add_argument("--resume", action="store_true", help="reuse the out dir's briefs (checkpoints) where present")
    au.add_argument("--labels", type=Path, help="hand labels (JSONL): report the audit's precision and recall on them")
    au.add_argument("--examples", type=int, default=8, help="examples written per class and system (default 8)")
    au.add_argument("--ours", default=None, help="module:function used instead of summarize:summarize (as for run)")
    c = sub.add_parser("conflicts", help="conflict detection: recall on injected conflicts, false alarms, the example")
    c.add_argument("data", help="a JSONL cluster file, or an official Multi-News X.src / X.tgt pair")
    c.add_argument("--limit", type=int, help="first N clusters")
    c.add_argument("--sample", type=int, help="N clusters drawn at random (seeded by --seed)")
    c.add_argument("--seed", type=int, default=0, help="seed of the sites, changes and review sample (default 0)")
    c.add_argument(
        "--part", choices=("all", "even", "odd"), default="all",
        help="every other cluster: even-indexed (tuned on) or odd-indexed (held out) (default all)",
    )
    c.add_argument("--per-kind", type=int, default=3, help="injected cases per kind per cluster at most (default 3)")
    c.add_argument("--words", type=int, default=120, help="word budget of the briefs (default 120, the CLI's)")
    c.add_argument(
        "--labels", type=Path, default=None,
        help="hand-checked verdicts, JSONL (default benchmarks/labels/conflicts-<data name>.jsonl)",
    )
    c.add_argument("--review", type=Path, help="write the sample of flags to hand-check here (JSONL, offsets only)")
    c.add_argument(
        "--only", choices=("injected", "false-alarms", "example", "timing"),
        help="run one of the three parts, or only time conflicts.find in the extractive brief (CPU per cluster)",
    )
    c.add_argument("--tune", action="append", default=[], metavar="FIELD=VALUE",
                   help="a summarize.Tuning field changed for this run (repeatable), to sweep a threshold")
    c.add_argument("--json", type=Path, help="also write the result here as JSON (with the missed cases)")
    c.add_argument(
        "--misses", action="store_true",
        help="print each missed injected case with its two sentences and their cosine (dataset text: terminal only)",
    )

    g = sub.add_parser("gate", help="compare a results JSON with a baseline; exit 1 on a regression")
    g.add_argument("results", type=Path)
    g.add_argument("--baseline", type=Path, help="results JSON or history JSONL (default: --history)")
    g.add_argument("--history", type=Path, default=DEFAULT_HISTORY)
    g.add_argument("--tolerance", type=float, default=0.0)
    return p


def _print_findings(findings) -> bool:
    regressed = [f for f in findings if f.regression]
    for f in findings:
        print(f.line(), file=sys.stderr if not f.regression else sys.stdout)
    if regressed:
        print(f"gate: {len(regressed)} regression(s): " + ", ".join(f"{f.system}/{f.metric}" for f in regressed))
    elif not findings:
        print("gate: the baseline has none of these systems; nothing compared")
    else:
        print(f"gate: no regression ({len(findings)} comparisons)")
    return bool(regressed)


def cmd_run(a) -> int:
    from . import datasets, report, runner
    from .gate import compare, load_baseline, previous_run
    from .systems import DEFAULT

    systems = a.systems or DEFAULT
    if a.words <= 0:
        print("--words must be positive", file=sys.stderr)
        return 2
    try:
        ds = datasets.load(a.data, limit=a.limit, sample=a.sample, seed=a.seed)
    except (OSError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    desc = ds.describe()
    name = Path(ds.files[0]).name.split(".")[0]
    out = a.out or HERE / "results" / "tmp" / f"{name}-{a.words}w"
    out.mkdir(parents=True, exist_ok=True)
    workers = a.workers or os.cpu_count() or 1
    options = {
        "words": a.words,
        "systems": list(systems),
        "seed": a.seed,
        "limit": a.limit,
        "sample": a.sample,
        "bootstrap": a.bootstrap,
        "confidence": a.confidence,
        "ours": a.ours,
        "model": a.model,
        "engine": a.engine,
        "workers": workers,
        "ray_address": a.ray_address,
    }
    fingerprint = {"dataset_sha256": ds.sha256, "words": a.words, "seed": a.seed, "ours": a.ours, "model": a.model}
    ck = runner.Checkpoint(out / "checkpoint.jsonl")
    run_file = out / "run.json"
    if a.resume and ck.path.exists() and run_file.exists():
        before = json.loads(run_file.read_text(encoding="utf-8")).get("fingerprint")
        if before != fingerprint:
            print(
                f"error: {ck.path} was made with {before}, not {fingerprint}; use another --out or drop --resume",
                file=sys.stderr,
            )
            return 2
    elif ck.path.exists() and not a.resume:
        backup = ck.path.with_name(f"checkpoint.{time.strftime('%Y%m%dT%H%M%S')}.jsonl")
        ck.path.replace(backup)
        print(f"previous checkpoint kept as {backup} (use --resume to continue a run)", file=sys.stderr)
    report.write_json(run_file, {"fingerprint": fingerprint, "options": options, "dataset": desc})

    spec = runner.Spec(systems=tuple(systems), words=a.words, seed=a.seed, ours=a.ours, model=a.model)

    def check(rec):
        for sname, o in rec["outputs"].items():
            if (o.get("error") or "").startswith("load failed"):
                raise LoadFailure(f"{sname}: {o['error']}")

    t0 = time.perf_counter()
    try:
        done = runner.execute(
            spec, ds.clusters, ck, engine=a.engine, workers=workers, ray_address=a.ray_address,
            resume=a.resume, progress=not a.quiet, on_record=check,
        )
    except LoadFailure as e:
        print(f"error: a system could not be loaded: {e}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        n = len(ck.read())
        print(f"\ninterrupted: {n} finished clusters are in {ck.path}; add --resume to continue", file=sys.stderr)
        return 130
    wall = time.perf_counter() - t0

    agg = report.aggregate(done, ds.clusters, systems, resamples=a.bootstrap, seed=a.seed, confidence=a.confidence)
    results = report.build_results(
        dataset=desc, options=options, agg=agg, wall=wall, command=report.command_line(), root=HERE.parent
    )
    results["run_id"] = results["run_id"] + "-" + uuid.uuid4().hex[:6]

    baseline = None
    if not a.no_gate:
        if a.baseline:
            baseline = load_baseline(a.baseline, key=results["key"])
            if baseline is None:
                print(f"error: no baseline in {a.baseline}", file=sys.stderr)
                return 2
        else:
            baseline = previous_run(a.history, results["key"])

    results_path = out / "results.json"
    report.write_json(results_path, results)
    kept = out / "runs" / f"{results['run_id']}.json"  # stable copy the history points to
    kept.parent.mkdir(exist_ok=True)
    report.write_json(kept, results)
    md = report.markdown(results)
    (out / "report.md").write_text(md, encoding="utf-8")
    if not a.no_plot:
        from .plots import plot_run

        plot_run(results, out / "run.png")
    if not a.no_history:
        report.append_history(a.history, report.history_line(results, str(kept.resolve())))
    print(md)
    history = "" if a.no_history else f"\nhistory: {a.history}"
    print(f"results: {results_path}\nreport:  {out / 'report.md'}{history}")
    if baseline is None:
        if not a.no_gate:
            print("gate: no earlier run with the same data and options; nothing to compare")
        return 0
    print(f"gate: baseline run {baseline.get('run_id')}")
    findings = compare(
        results, baseline, tolerance=a.tolerance, resamples=a.bootstrap, seed=a.seed, confidence=a.confidence
    )
    return 1 if _print_findings(findings) else 0


def cmd_plot(a) -> int:
    from .gate import _with_results
    from .plots import plot_history, plot_run
    from .report import read_history

    runs = read_history(a.history)
    made = []
    if runs:
        key = a.key or runs[-1].get("key")
        sel = runs if key == "all" else [r for r in runs if r.get("key") == key]
        title = f"{Path(sel[-1]['dataset']['path']).name} — {len(sel)} runs"
        made.append(plot_history(sel, a.out / f"history-{key}.png", title=title))
    results = None
    if a.results:
        results = json.loads(a.results.read_text(encoding="utf-8"))
    elif runs:
        full = _with_results(runs[-1])
        results = full if "per_cluster" in full else None
    if results is not None:
        made.append(plot_run(results, a.out / f"run-{results['run_id']}.png"))
    if not made:
        print(f"nothing to plot: no history at {a.history} and no --results", file=sys.stderr)
        return 2
    for m in made:
        print(m)
    return 0


def cmd_gate(a) -> int:
    from .gate import _with_results, compare, load_baseline
    from .report import read_history

    new = json.loads(a.results.read_text(encoding="utf-8"))
    if a.baseline:
        base = load_baseline(a.baseline, key=new.get("key"))
    else:
        key, run_id = new.get("key"), new.get("run_id")
        runs = [r for r in read_history(a.history) if r.get("key") == key and r.get("run_id") != run_id]
        base = _with_results(runs[-1]) if runs else None
    if base is None:
        print("gate: no baseline found", file=sys.stderr)
        return 2
    o = new.get("options", {})
    findings = compare(
        new,
        base,
        tolerance=a.tolerance,
        resamples=o.get("bootstrap", 1000),
        seed=o.get("seed", 0),
        confidence=o.get("confidence", 0.95),
    )
    return 1 if _print_findings(findings) else 0


def cmd_speed(a) -> int:
    from .speed import markdown, measure

    if a.repeats < 1:
        print("speed: --repeats must be at least 1", file=sys.stderr)
        return 2
    result = measure(a.model, repeats=a.repeats, quiet=a.quiet)
    if a.json:
        a.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(markdown(result))
    return 0


def cmd_train_ranker(a) -> int:
    from .ranker import LABELS, OBJECTIVES, Recipe, train

    if not 0 < a.holdout < 1 or a.words <= 0 or a.temperature <= 0:
        print("--holdout must be between 0 and 1, --words and --temperature positive", file=sys.stderr)
        return 2
    if a.labels not in LABELS or a.objective not in OBJECTIVES:
        print(f"--labels is one of {', '.join(LABELS)}; --objective one of {', '.join(OBJECTIVES)}", file=sys.stderr)
        return 2

    def progress(items, label):
        if a.quiet:
            return items
        from tqdm import tqdm

        return tqdm(items, desc=label, unit="cluster", file=sys.stderr)

    if a.sweep:
        return _sweep_ranker(a, progress)
    recipe = Recipe(a.labels, a.objective, a.temperature, a.label_words)
    try:
        document = train(
            a.data, seed=a.seed, holdout=a.holdout, words=a.words, dev=a.dev, recipe=recipe, progress=progress
        )
    except (OSError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    text = json.dumps(document, separators=(",", ":")) + "\n"
    a.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = a.out.with_name(f".{a.out.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(a.out)
    print(json.dumps(document["metadata"], indent=2))
    print(f"model: {a.out} ({len(text.encode()) / 1e6:.2f} MB, {len(document['trees']['roots'])} trees)")
    return 0


def _sweep_ranker(a, progress) -> int:
    from . import datasets
    from .ranker import LABELS, OBJECTIVES, Recipe, prepare_cached, split, sweep

    examples = prepare_cached(datasets.load(a.data), progress=lambda it: progress(it, "features"))
    training, _ = split(examples, a.holdout, a.seed)
    pairs = [(lab, obj) for lab in LABELS for obj in OBJECTIVES if not (obj == "binary" and lab == "grades")]
    recipes = [Recipe(lab, obj, 0.0) for lab, obj in pairs]  # temperature 0: try every one
    rows = sweep(training, recipes, seed=a.seed, words=a.words, progress=progress)
    print("| recipe (labels/objective/temperature) | R1 | R2 |\n|---|---:|---:|")
    for row in rows:
        print(f"| {row['recipe']} | {row['R1']:.2f} | {row['R2']:.2f} |")
    return 0


def cmd_followup(a) -> int:
    from summarize.tuning import DEFAULT

    from .followup import markdown, measure

    thresholds = [float(x) for x in a.sweep.split(",")] if a.sweep else [DEFAULT.known_similarity]
    result = measure(
        a.data, words=a.words, min_docs=a.min_docs, today=a.today, thresholds=thresholds, part=a.part, limit=a.limit
    )
    if a.json:
        a.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(markdown(result))
    return 0


def cmd_fetch(a) -> int:
    from .fetch import markdown, measure

    result = measure(pages=a.pages, kb=a.kb)
    if a.json:
        a.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(markdown(result))
    return 0


def cmd_stories(a) -> int:
    from . import datasets, report, stories

    try:
        ds = datasets.load(a.data, limit=a.limit)
    except (OSError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    name = Path(ds.files[0]).name.split(".")[0]
    if a.day:
        from .day import run_day

        out = a.out or HERE / "results" / "tmp" / f"day-{name}-{a.day}"
        return run_day(ds, a.day, out=out, seed=a.seed, words=a.words, engine=a.engine, workers=a.workers,
                       stretch=a.stretch)
    out = a.out or HERE / "results" / "tmp" / f"stories-{name}-mix{a.mix}"
    out.mkdir(parents=True, exist_ok=True)
    try:
        seeds = [int(v) for v in a.seeds.split(",")] if a.seeds else [a.seed]
        mixes = {s: stories.mixtures(ds.clusters, a.mix, a.mixtures, seed=s, hard_share=a.hard_share) for s in seeds}
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    try:
        held_out = [int(v) for v in a.held_out.split(",")] if a.held_out else []
    except ValueError as e:
        print(f"error: --held-out: {e}", file=sys.stderr)
        return 2
    if held_out and not set(held_out) < set(seeds):
        print("error: --held-out takes some, not all, of the --seeds", file=sys.stderr)
        return 2
    if a.sweep and (len(seeds) > 1 or a.tuning):
        print("error: --sweep takes one --seed and no --tuning", file=sys.stderr)
        return 2
    try:
        tuning = stories.tuned(a.tuning) if a.tuning else None
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    bar = None
    if not a.quiet:
        from tqdm import tqdm

        bar = tqdm(total=a.mixtures * len(seeds), unit="mixture", file=sys.stderr, dynamic_ncols=True)
    kw = {"words": a.words, "fuse": a.fused, "seed": seeds[0], "workers": a.workers,
          "progress": (lambda done, total: bar.update(1)) if bar is not None else None}
    setup = {"data": ds.path, "dataset_sha256": ds.sha256, "mix": a.mix, "mixtures": a.mixtures * len(seeds),
             "seed": ",".join(map(str, seeds)),
             "words": a.words, "fuse": a.fused, "hard_share": a.hard_share, "engine": a.engine, "tuning": a.tuning,
             "command": report.command_line()}
    t0 = time.perf_counter()
    if a.sweep:
        field, _, values = a.sweep.partition("=")
        try:
            rows = stories.sweep(ds.clusters, mixes[seeds[0]], field.strip(), [float(v) for v in values.split(",")],
                                 estimate=a.estimate_briefs, **kw)
        except ValueError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        if bar is not None:
            bar.close()
        report.write_json(out / "sweep.json", {"setup": setup, "field": field, "rows": rows})
        md = stories.sweep_markdown(field, rows)
        (out / "sweep.md").write_text(md, encoding="utf-8")
        print(md)
        return 0
    single: dict[int, dict[str, float]] = {}  # the single-cluster runs, shared by the seeds
    estimate = {"briefs": False, "estimate": {}} if a.estimate_briefs else {}  # one cache for all seeds
    with _engine(a) as engine:
        runs = [stories.run(ds.clusters, mixes[s], engine=engine, single=single, tuning=tuning,
                            **(kw | {"seed": s} | estimate)) for s in seeds]
    rows = [row for run in runs for row in run["mixtures"]]
    results = {**runs[0], "mixtures": rows, "summary": stories.summary(rows, held_out=held_out)}
    setup |= {"estimated_briefs": a.estimate_briefs, "held_out": held_out}
    if bar is not None:
        bar.close()
    results["setup"] = setup | {"wall_seconds": time.perf_counter() - t0}
    report.write_json(out / "results.json", results)
    md = stories.markdown(results)
    (out / "report.md").write_text(md, encoding="utf-8")
    print(md)
    print(f"results: {out / 'results.json'}\nreport:  {out / 'report.md'}")
    return 0


@contextlib.contextmanager
def _engine(a):
    """The library engine the ``--engine`` flag stands for; Ray runs in the harness's own Ray session."""
    if a.engine != "ray":
        yield None
        return
    from .runner import ray_session

    with ray_session(a.workers or os.cpu_count() or 1, a.ray_address):
        yield "ray"


def _memory_scenarios() -> tuple[str, ...]:
    from .memory import SCENARIOS

    return SCENARIOS


def cmd_memory(a) -> int:
    from .memory import markdown, measure

    scenarios = tuple(s.strip() for s in a.scenarios.split(",") if s.strip())
    unknown = sorted(set(scenarios) - set(_memory_scenarios()))
    if unknown:
        print(f"unknown scenario(s): {', '.join(unknown)}; known: {', '.join(_memory_scenarios())}", file=sys.stderr)
        return 2
    results = measure(a.sources, scenarios)
    if a.json:
        a.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(markdown(results, a.limit_mb))
    over = [r["scenario"] for r in results if r["peak_mb"] >= a.limit_mb]
    if over:
        print(f"memory: over {a.limit_mb:.0f} MB: {', '.join(over)}", file=sys.stderr)
    return 1 if over else 0


def cmd_injection(a) -> int:
    from .datasets import load
    from .injection import markdown, measure

    dataset = load(a.data, limit=a.limit)
    print(markdown(Path(a.data).name, measure(dataset.clusters, show=a.show)))
    return 0


def cmd_audit(a) -> int:
    from . import datasets
    from .audit_run import labelled_report, run_audit

    try:
        ds = datasets.load(a.data, limit=a.limit)
        budgets = [int(w) for w in a.words.split(",") if w.strip()]
    except (OSError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if a.labels is not None:
        print(labelled_report(a.labels, ds))
        return 0
    from .systems import DEFAULT

    out = a.out or HERE / "results" / "tmp" / f"audit-{Path(ds.files[0]).name.split('.')[0]}"
    clusters = ds.clusters[a.skip :]
    systems = a.systems or DEFAULT
    print(run_audit(clusters, systems, budgets, out, workers=a.workers, resume=a.resume, keep=a.examples, ours=a.ours))
    return 0


def cmd_conflicts(a) -> int:
    from . import conflicts, datasets

    try:
        ds = datasets.load(a.data, limit=a.limit, sample=a.sample, seed=a.seed)
    except (OSError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    name = Path(ds.files[0]).name.split(".")[0]
    labels = a.labels or HERE / "labels" / f"conflicts-{name}.jsonl"
    clusters = ds.clusters if a.part == "all" else ds.clusters[a.part == "odd" :: 2]
    if a.tune:
        from dataclasses import replace

        from summarize.tuning import DEFAULT

        changes: dict[str, Any] = {k.strip(): float(v) for k, _, v in (t.partition("=") for t in a.tune)}
        conflicts.TUNING = replace(DEFAULT, **changes)
    result: dict = {
        "data": a.data, "part": a.part, "clusters": len(clusters), "seed": a.seed, "per_kind": a.per_kind,
        "words": a.words, "tune": a.tune,
    }
    if a.only in (None, "injected"):
        result["injected"] = conflicts.injected(clusters, seed=a.seed, per_kind=a.per_kind, words=a.words)
    if a.only in (None, "false-alarms"):
        result["false_alarms"] = conflicts.false_alarms(
            clusters, words=a.words, seed=a.seed, labels=labels, review=a.review
        )
    if a.only in (None, "example"):
        result["example"] = conflicts.example(a.words)
    if a.only == "timing":
        result["timing"] = conflicts.timing(clusters, words=a.words)
    if a.json:
        a.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(conflicts.markdown(result))
    if a.misses and result.get("injected"):
        print(conflicts.read_misses(clusters, result["injected"]["misses"], words=a.words))
    return 0


def main(argv=None) -> int:
    a = build_parser().parse_args(argv)
    commands = {
        "run": cmd_run,
        "audit": cmd_audit,
        "plot": cmd_plot,
        "gate": cmd_gate,
        "speed": cmd_speed,
        "stories": cmd_stories,
        "followup": cmd_followup,
        "fetch": cmd_fetch,
        "memory": cmd_memory,
        "injection": cmd_injection,
        "conflicts": cmd_conflicts,
        "train-ranker": cmd_train_ranker,
    }
    return commands[a.command](a)


if __name__ == "__main__":
    sys.exit(main())
