"""Fusion speed on the bundled example, measured side by side in one process.

What it reports, each as the best of ``repeats`` runs (wall time, seconds):

- ``load``: importing torch + transformers and loading the cached model;
- ``digest_extractive`` / ``digest_fused``: the CLI end to end
  (``summarize digest examples/london-talks``) in a fresh process, model cached;
- tokens per second of our batched generation (``LoadedModel.generate``, all
  points of the brief in one call) against the same model's plain
  ``model.generate`` one prompt at a time (``LoadedModel.generate_plain``), on
  the prompts and budgets the fuser would send (``Fuser.model_inputs``).
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "london-talks"


def _best(fn: Callable[[], T], repeats: int) -> tuple[float, T]:
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        value = fn()
        runs.append((time.perf_counter() - start, value))
    return min(runs, key=lambda r: r[0])


def _cli_seconds(*args: str, repeats: int) -> float:
    command = [sys.executable, "-m", "summarize", "digest", str(EXAMPLE), "--quiet", *args]
    return _best(lambda: subprocess.run(command, check=True, capture_output=True), repeats)[0]


def measure(model: str | None = None, *, words: int = 120, repeats: int = 3) -> dict:
    """Run every measurement; returns a JSON-ready dict."""
    model_args = ("-m", model) if model else ()
    _cli_seconds(*model_args, repeats=1)  # makes sure the converted model is cached
    start = time.perf_counter()
    import torch  # noqa: F401  (part of what a cold process pays)

    from summarize.fusion import get_fuser
    from summarize.options import Options
    from summarize.pipeline import extract
    from summarize.sources import read_sources

    fuser = get_fuser(model)
    load = time.perf_counter() - start
    sources, _ = read_sources([str(EXAMPLE)])
    groups = [g for g in extract(sources, Options(words=words))[0] if fuser.needs_model(g)]
    prompts, budgets = fuser.model_inputs(groups)

    def ours() -> int:
        return sum(r.tokens for r in fuser.model.generate(prompts, budgets))

    def plain() -> int:
        return sum(fuser.model.generate_plain(ids, budget) for ids, budget in zip(prompts, budgets, strict=True))

    ours()  # warm-up: the first generate of a process pays one-time costs
    ours_s, ours_tokens = _best(ours, repeats)
    plain_s, plain_tokens = _best(plain, repeats)
    return {
        "model": fuser.name,
        "prompt": fuser.prompt,
        "points_fused": len(groups),
        "load_s": round(load, 2),
        "digest_extractive_s": round(_cli_seconds("--no-fuse", repeats=repeats), 2),
        "digest_fused_s": round(_cli_seconds(*model_args, repeats=repeats), 2),
        "ours_tokens_per_s": round(ours_tokens / ours_s, 1),
        "plain_generate_tokens_per_s": round(plain_tokens / plain_s, 1),
        "ours_tokens": ours_tokens,
        "plain_tokens": plain_tokens,
    }


def markdown(result: dict) -> str:
    rows = [
        ("cached model load (with torch + transformers imports)", f"{result['load_s']} s"),
        ("`summarize digest examples/london-talks --no-fuse`", f"{result['digest_extractive_s']} s"),
        ("`summarize digest examples/london-talks` (fused)", f"{result['digest_fused_s']} s"),
        ("our generation (all points in one batched call)", f"{result['ours_tokens_per_s']} tokens/s"),
        ("plain `model.generate`, one prompt at a time", f"{result['plain_generate_tokens_per_s']} tokens/s"),
    ]
    head = f"Model `{result['model']}`, prompt `{result['prompt']}`, {result['points_fused']} points fused.\n\n"
    return head + "| measurement | best of runs |\n|---|---|\n" + "".join(f"| {a} | {b} |\n" for a, b in rows)
