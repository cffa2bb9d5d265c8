"""Peak memory of extractive briefs at scale, each run in a fresh process.

``python -m benchmarks memory`` runs every scenario in its own interpreter
and reports its peak resident set size (``ru_maxrss`` of the child, as the
kernel counts it), the resident size after imports alone, and the wall time.
It exits 1 when a scenario peaks at or above ``--limit-mb`` (default 1024):
the similarity matrix and every stage after it are bounded by
``Tuning.max_candidates`` (6,000 sentences), whatever the number of sources.

Scenarios (made-up news sentences from a seeded generator; no dataset text):

- ``library-sources``: ``summarize()`` of N one-sentence documents (default 20,000);
- ``library-at-cap``: 6 documents of 1,000 sentences each, exactly the cap;
- ``library-over-cap``: 7,000 one-sentence documents, just over the cap;
- ``library-large-article``: one document of 5 MB (the default ``--max-bytes``), about 40,000 sentences;
- ``cli-directory``: ``summarize digest DIR --no-fuse --one-story -f json`` on a directory of
  N one-sentence files (``--max-sources N``), the whole CLI path.

Not a test: it takes a minute or two and measures this machine.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SUBJECTS = (
    "The minister|The delegation|The central bank|The commerce secretary|Officials|Negotiators|The premier|"
    "The trade representative|Investors|The committee|Analysts|The government|Diplomats|The spokesman"
).split("|")
VERBS = "said|warned|agreed|announced|confirmed|denied|reported|expected|argued|suggested".split("|")
OBJECTS = (
    "the talks on export controls|a deal on rare earth magnets|new tariffs on steel|the price of chips|"
    "a rise in interest rates|the delay of shipments|a cut in fuel subsidies|the outlook for growth|"
    "the licences for semiconductors|a truce on farm goods|the review of investment rules"
).split("|")
PLACES = "in London|in Geneva|in Beijing|in Washington|in Brussels|in Tokyo|at the summit|after the meeting".split("|")
TIMES = "on Tuesday|on Monday|this week|late on Friday|earlier this month|on Wednesday morning".split("|")
MODIFIERS = (
    "would go ahead|had stalled|was close|could take weeks|remained uncertain|was making progress|"
    "had been postponed|would be announced soon"
).split("|")


def documents(count: int, sentences: int = 1, seed: int = 0) -> list[str]:
    """``count`` made-up news documents of ``sentences`` sentences each, the same for the same seed."""
    rng = random.Random(seed)

    def sentence() -> str:
        return (
            f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(TIMES)} that {rng.choice(OBJECTS)} "
            f"{rng.choice(MODIFIERS)} {rng.choice(PLACES)}, with {rng.randint(2, 900)} people involved."
        )

    return [" ".join(sentence() for _ in range(sentences)) for _ in range(count)]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def child(scenario: str, sources: int) -> dict:
    """Run one scenario in this process; returns what it measured (called in a fresh interpreter)."""
    from summarize import summarize

    imports = _rss_mb()
    if scenario == "library-sources":
        docs = documents(sources)
    elif scenario == "library-at-cap":
        docs = documents(6, sentences=1000)
    elif scenario == "library-over-cap":
        docs = documents(7000)
    elif scenario == "library-large-article":
        sentence_bytes = len(documents(1, sentences=100)[0]) / 100 + 1
        docs = documents(1, sentences=int(5 * 1024 * 1024 / sentence_bytes))
    else:
        raise ValueError(f"unknown scenario {scenario!r}")
    start = time.perf_counter()
    brief = summarize(docs, fuse=False, max_sources=max(len(docs), 1))
    return {
        "scenario": scenario,
        "documents": len(docs),
        "imports_mb": round(imports, 1),
        "peak_mb": round(_rss_mb(), 1),
        "seconds": round(time.perf_counter() - start, 1),
        "sentences": len(brief.sentences),
        "warnings": [w.code for w in brief.warnings],
    }


def _library(scenario: str, sources: int) -> dict:
    command = [sys.executable, "-m", "benchmarks.memory", "--child", scenario, str(sources)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{scenario} failed: {result.stderr.strip().splitlines()[-1:]}")
    return json.loads(result.stdout)


def _cli_directory(sources: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="summarize-memory-") as tmp:
        folder = Path(tmp) / "cluster"
        folder.mkdir()
        for n, text in enumerate(documents(sources)):
            (folder / f"{n:06d}.txt").write_text(text + "\n", encoding="utf-8")
        command = [
            sys.executable, "-c",
            "import resource, sys; from summarize.cli import main\n"
            "try:\n    main()\nfinally:\n"
            "    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)",
            "digest", str(folder), "--no-fuse", "--one-story", "--quiet", "-f", "json",
            "--max-sources", str(sources),
        ]  # fmt: skip
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
    lines = result.stderr.strip().splitlines()
    if result.returncode != 0 or not lines or not lines[-1].isdigit():
        raise RuntimeError(f"cli-directory failed (exit {result.returncode}): {lines[:1]}")
    brief = json.loads(result.stdout)
    return {
        "scenario": "cli-directory",
        "documents": sources,
        "imports_mb": None,
        "peak_mb": round(int(lines[-1]) / 1024, 1),
        "seconds": round(elapsed, 1),
        "sentences": len(brief["sentences"]),
        "warnings": [w["code"] for w in brief["warnings"]],
    }


SCENARIOS = ("library-sources", "library-at-cap", "library-over-cap", "library-large-article", "cli-directory")


def measure(sources: int = 20_000, scenarios: tuple[str, ...] = SCENARIOS) -> list[dict]:
    """Every scenario, one fresh process each, one after the other (never two heavy runs at once)."""
    return [_cli_directory(sources) if s == "cli-directory" else _library(s, sources) for s in scenarios]


def markdown(results: list[dict], limit_mb: float) -> str:
    lines = [
        "| scenario | documents | peak RSS | after imports | time | warnings |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        imports = "—" if r["imports_mb"] is None else f"{r['imports_mb']:.0f} MB"
        mark = "" if r["peak_mb"] < limit_mb else " (over the limit)"
        warnings = ", ".join(r["warnings"]) or "none"
        lines.append(
            f"| {r['scenario']} | {r['documents']:,} | {r['peak_mb']:.0f} MB{mark} | {imports} "
            f"| {r['seconds']:.1f} s | {warnings} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":  # the child side: python -m benchmarks.memory --child SCENARIO N
    if sys.argv[1:2] != ["--child"]:
        sys.exit("usage: python -m benchmarks memory (this module runs scenarios for it)")
    print(json.dumps(child(sys.argv[2], int(sys.argv[3]))))
