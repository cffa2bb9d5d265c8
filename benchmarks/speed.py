"""Fusion speed on the bundled example: the README's speed table, with its spread and the machine's load.

Every measurement is repeated ``repeats`` times and reported as min / median /
max (wall time, seconds, or tokens per second):

- ``load``: a fresh process importing torch + transformers and loading the
  cached model (what every CLI run pays before its first token);
- ``digest_extractive`` / ``digest_fused``: the CLI end to end
  (``summarize digest examples/london-talks``) in a fresh process, model cached;
- tokens per second of our batched generation (``LoadedModel.generate``, all
  points of the brief in one call) against the same model's plain
  ``model.generate`` one prompt at a time (``LoadedModel.generate_plain``), on
  the prompts and budgets the fuser would send (``Fuser.model_inputs``).

The one-minute load average is read before and after: on a shared machine
figures are only comparable at a similar load.  Progress goes to stderr on a
terminal (``quiet`` silences it).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from summarize.progress import StatusLine

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "london-talks"
STEPS = ("load", "digest_extractive", "digest_fused", "ours", "plain")


def _load_average() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):
        return None


def spread(values: list[float], digits: int = 2) -> dict[str, float]:
    """min / median / max of ``values``, rounded."""
    return {k: round(f(values), digits) for k, f in (("min", min), ("median", statistics.median), ("max", max))}


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _run(command: list[str]) -> None:
    subprocess.run(command, check=True, capture_output=True)


def measure(model: str | None = None, *, words: int = 120, repeats: int = 3, quiet: bool = False) -> dict:
    """Run every measurement ``repeats`` times; returns a JSON-ready dict."""
    model_args = ["-m", model] if model else []
    digest = [sys.executable, "-m", "summarize", "digest", str(EXAMPLE), "--quiet"]
    load = "import sys; from summarize.fusion import get_fuser; get_fuser(sys.argv[1] or None)"
    loader = [sys.executable, "-c", load]
    load_start = _load_average()
    with StatusLine("speed", quiet=quiet) as status:

        def step(k: int, what: str, run: int = 0) -> None:
            status.step(f"{k}/{len(STEPS) + 1}: {what}" + (f" (run {run}/{repeats})" if run else ""))

        step(0, "warm-up digest (converts the model if not cached)")
        _run(digest + model_args)
        times: dict[str, list[float]] = {name: [] for name in STEPS[:3]}
        commands = {"load": [*loader, model or ""], "digest_extractive": [*digest, "--no-fuse"],
                    "digest_fused": digest + model_args}
        for k, name in enumerate(STEPS[:3], 1):
            for run in range(1, repeats + 1):
                step(k, name.replace("_", " "), run)
                times[name].append(_timed(partial(_run, commands[name])))

        step(4, "loading the model in this process")
        from summarize.fusion import get_fuser
        from summarize.options import Options
        from summarize.pipeline import extract
        from summarize.sources import read_sources

        fuser = get_fuser(model)
        sources, _ = read_sources([str(EXAMPLE)])
        groups = [g for g in extract(sources, Options(words=words))[0] if fuser.needs_model(g)]
        prompts, budgets = fuser.model_inputs(groups)

        def ours() -> int:
            return sum(r.tokens for r in fuser.model.generate(prompts, budgets))

        def plain() -> int:
            return sum(fuser.model.generate_plain(ids, budget) for ids, budget in zip(prompts, budgets, strict=True))

        step(4, "warm-up generation")
        ours()  # the first generate of a process pays one-time costs
        rates: dict[str, list[float]] = {"ours": [], "plain": []}
        tokens: dict[str, int] = {}
        for k, (name, fn) in enumerate((("ours", ours), ("plain", plain)), 4):
            for run in range(1, repeats + 1):
                step(k + 1, f"{name} generation", run)
                start = time.perf_counter()
                tokens[name] = fn()
                rates[name].append(tokens[name] / (time.perf_counter() - start))
        import torch

        threads = torch.get_num_threads()
    return {
        "model": fuser.name,
        "prompt": fuser.prompt,
        "points_fused": len(groups),
        "repeats": repeats,
        "cores": os.cpu_count(),
        "threads_last_generation": threads,
        "load_average_start": load_start,
        "load_average_end": _load_average(),
        **{f"{name}_s": spread(values) for name, values in times.items()},
        "ours_tokens_per_s": spread(rates["ours"], 1),
        "plain_generate_tokens_per_s": spread(rates["plain"], 1),
        "ours_tokens": tokens["ours"],
        "plain_tokens": tokens["plain"],
    }


def markdown(result: dict) -> str:
    """The README's speed table: one row per measurement, min / median / max."""
    rows = [
        ("cached model load, including importing torch and transformers", "load_s", "s"),
        ("`summarize digest examples/london-talks --no-fuse`", "digest_extractive_s", "s"),
        (f"`summarize digest examples/london-talks` (fused, {result['points_fused']} points)", "digest_fused_s", "s"),
        ("our generation (all points of the brief in one batched call)", "ours_tokens_per_s", "tokens/s"),
        ("the same model's plain `generate`, one prompt at a time", "plain_generate_tokens_per_s", "tokens/s"),
    ]
    head = (
        f"Model `{result['model']}`, prompt `{result['prompt']}`, {result['repeats']} runs each; "
        f"{result['cores']} cores, load average {result['load_average_start']} at the start and "
        f"{result['load_average_end']} at the end; {result['threads_last_generation']} torch threads "
        "at the last generation.\n\n"
    )
    table = "| measurement | min | median | max |\n|---|---|---|---|\n"
    for label, key, unit in rows:
        s = result[key]
        table += f"| {label} | {s['min']} {unit} | **{s['median']} {unit}** | {s['max']} {unit} |\n"
    return head + table
