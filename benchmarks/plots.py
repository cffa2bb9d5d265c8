"""PNG plots (matplotlib, Agg): metric history per system, and one run side by side."""

from __future__ import annotations

from pathlib import Path

from .scoring import LABELS, METRICS


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def plot_history(runs: list[dict], out: Path, *, title: str | None = None) -> Path:
    """One panel per metric; one line per system; x = run (oldest left), y = mean (band: our systems' intervals)."""
    plt = _plt()
    fig, axes = plt.subplots(2, 2, figsize=(12, 8), sharex=True)
    labels = [r.get("created", r.get("run_id", "?"))[:16].replace("T", " ") for r in runs]
    systems = sorted({s for r in runs for s in r.get("systems", {})})
    x = list(range(len(runs)))
    for ax, m in zip(axes.flat, METRICS, strict=True):
        for name in systems:
            pts = [(i, r["systems"][name]["metrics"][m]) for i, r in enumerate(runs) if name in r.get("systems", {})]
            if not pts:
                continue
            xs = [i for i, _ in pts]
            ours = name in ("extractive", "fused")
            (line,) = ax.plot(
                xs, [p["mean"] for _, p in pts], marker="o", label=name, lw=2.2 if ours else 1, ms=5 if ours else 3
            )
            if ours:  # interval bands for our systems only, to keep the panel readable
                ax.fill_between(
                    xs, [p["low"] for _, p in pts], [p["high"] for _, p in pts], alpha=0.15, color=line.get_color()
                )
        ax.set_title(LABELS[m] + " F1")
        ax.grid(alpha=0.3)
    for ax in axes[-1]:
        ax.set_xticks(x)
        ax.set_xticklabels(labels, rotation=45, ha="right", fontsize=7)
    axes.flat[0].legend(fontsize=8, ncol=2)
    fig.suptitle(title or "ROUGE history")
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out


def plot_run(results: dict, out: Path) -> Path:
    """This run's systems side by side per metric, error bars = bootstrap interval."""
    plt = _plt()
    systems = list(results["systems"])
    fig, axes = plt.subplots(1, len(METRICS), figsize=(4 * len(METRICS), 4.5))
    for ax, m in zip(axes, METRICS, strict=True):
        means = [results["systems"][s]["metrics"][m]["mean"] for s in systems]
        err = [
            [means[i] - results["systems"][s]["metrics"][m]["low"] for i, s in enumerate(systems)],
            [results["systems"][s]["metrics"][m]["high"] - means[i] for i, s in enumerate(systems)],
        ]
        colors = ["tab:red" if s in ("extractive", "fused") else "tab:gray" for s in systems]
        ax.bar(range(len(systems)), means, yerr=err, capsize=3, color=colors)
        ax.set_xticks(range(len(systems)))
        ax.set_xticklabels(systems, rotation=45, ha="right", fontsize=8)
        ax.set_title(LABELS[m] + " F1")
        lo = min(results["systems"][s]["metrics"][m]["low"] for s in systems)
        ax.set_ylim(max(0, lo - 3), None)
        ax.grid(axis="y", alpha=0.3)
    ds = results["dataset"]
    words = results["options"]["words"]
    fig.suptitle(f"{Path(ds['path']).name}: {ds['clusters']} clusters, {words} words ({results['run_id']})")
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out
