"""``python -m benchmarks stories DATA --day N``: a synthetic day of N articles through the CLI, timed and measured.

The day is the file's clusters in a seeded random order, their documents one
after the other until there are N (the last cluster cut short), written as
one ``.txt`` file each to a temporary folder, named by position only and in a
shuffled order, so that nothing but the text tells the stories apart.  Then, as a user would::

    summarize digest DIR --no-fuse --max-sources N -f json -o OUT --quiet

runs as a child process while a sampler adds up the resident memory (RSS) of
the child and every process it starts (the digest's workers) every 20 ms and
keeps the peak.  Reported: wall time, CPU time (user + system of the child
and its workers: what the work costs on a machine busy with other work, where
wall time is not), peak RSS, cores, the load average, stories found and
briefed, words per article, and the grouping scores of the day (as
:mod:`benchmarks.stories` scores mixtures, off-story documents aside).
``--stretch R`` repeats each article's text R times, to measure the cost of
longer articles on the same day (its grouping is not scored: it is the same).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from .datasets import Cluster, Dataset
from .stories import grouping_scores, off_story


def build(clusters: tuple[Cluster, ...], n: int, seed: int) -> tuple[list[Cluster], list[tuple[int, int]]]:
    """The day's clusters (seeded order) and its articles as (cluster, document) pairs, shuffled."""
    order = list(range(len(clusters)))
    random.Random(seed).shuffle(order)
    chosen: list[Cluster] = []
    articles: list[tuple[int, int]] = []
    for c in order:
        if len(articles) >= n:
            break
        chosen.append(clusters[c])
        for d in range(len(clusters[c].documents)):
            if len(articles) < n:
                articles.append((len(chosen) - 1, d))
    if len(articles) < n:
        raise ValueError(f"the file has only {len(articles)} documents, fewer than --day {n}")
    random.Random(f"{seed}:day").shuffle(articles)
    return chosen, articles


class PeakMemory:
    """The peak, over time, of the summed RSS of a process and all its descendants (sampled)."""

    def __init__(self, pid: int, every: float = 0.02) -> None:
        import psutil

        self.root = psutil.Process(pid)
        self.every = every
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        import psutil

        while not self._stop.is_set():
            total = 0
            try:
                for process in [self.root, *self.root.children(recursive=True)]:
                    with contextlib.suppress(psutil.Error):  # a worker that just ended
                        total += process.memory_info().rss
            except psutil.Error:
                break
            self.peak = max(self.peak, total)
            self._stop.wait(self.every)


def run_day(
    ds: Dataset, n: int, *, out: Path, seed: int, words: int, engine: str, workers: int | None, stretch: int = 1
) -> int:
    """Write the day, digest it with the CLI, print and save the measurements."""
    clusters, articles = build(ds.clusters, n, seed)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="summarize-day-") as folder:
        total_words = 0
        for k, (c, d) in enumerate(articles):
            text = "\n\n".join([clusters[c].documents[d]] * stretch)
            total_words += len(text.split())
            Path(folder, f"a{k:05d}.txt").write_text(text, encoding="utf-8")
        result = out / "digest.json"
        command = [
            sys.executable,
            "-m",
            "summarize",
            "digest",
            folder,
            "--no-fuse",
            "--words",
            str(words),
            "--max-sources",
            str(n),
            "-f",
            "json",
            "-o",
            str(result),
            "--quiet",
            "--engine",
            "ray" if engine == "ray" else "auto",
        ] + (["--workers", str(workers)] if workers else [])
        load = os.getloadavg()[0]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        child = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
        with PeakMemory(child.pid) as memory:
            _, errors = child.communicate()
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if child.returncode != 0:
        print(f"error: the digest failed ({child.returncode}): {errors.strip()}", file=sys.stderr)
        return 1
    digest = json.loads(result.read_text(encoding="utf-8"))
    measured: dict[str, Any] = {
        "data": ds.path,
        "articles": n,
        "clusters": len(clusters),
        "seed": seed,
        "stretch": stretch,
        "words_per_article": round(total_words / n, 1),
        "wall_seconds": round(wall, 2),
        "cpu_seconds": round(cpu, 2),
        "peak_rss_mb": round(memory.peak / 2**20, 1),
        "cores": len(os.sched_getaffinity(0)),
        "load_before": round(load, 2),
        "stories_briefed": len(digest["stories"]),
        "also_reported": len(digest["also_reported"]),
        "command": " ".join(command[1:]),
    }
    if stretch == 1:
        label = {
            sid: f"story-{k}"
            for k, s in enumerate([*digest["stories"], *digest["also_reported"]])
            for sid in s["sources"]
        }
        predicted = [label.get(f"a{k:05d}", f"alone-{k}") for k in range(n)]
        measured["grouping"] = grouping_scores(predicted, articles, off_story(clusters))
    (out / "day.json").write_text(json.dumps(measured, indent=2) + "\n", encoding="utf-8")
    print(markdown(measured))
    return 0


def markdown(m: dict[str, Any]) -> str:
    rows = [
        ("articles (clusters)", f"{m['articles']} ({m['clusters']})"),
        (
            "words per article",
            f"{m['words_per_article']}" + (f" (each text {m['stretch']}x)" if m["stretch"] > 1 else ""),
        ),
        ("wall time, CLI end to end", f"{m['wall_seconds']} s"),
        ("CPU time, process and workers (user + system)", f"{m['cpu_seconds']} s"),
        ("peak RSS, process and workers", f"{m['peak_rss_mb']} MB"),
        ("cores (load average before)", f"{m['cores']} ({m['load_before']})"),
        ("stories briefed / also reported", f"{m['stories_briefed']} / {m['also_reported']}"),
    ]
    g = m.get("grouping")
    if g:
        rows.append(
            (
                "B³ P / R / F1, ARI (on-story)",
                f"{g['precision']:.3f} / {g['recall']:.3f} / {g['f1']:.3f}, {g['ari']:.3f}",
            )
        )
    return "| measurement | value |\n|---|---|\n" + "".join(f"| {a} | {b} |\n" for a, b in rows)
