"""The follow-up and fetch benchmarks: their arithmetic, and the fetch run end to end on a few local pages."""

from __future__ import annotations

import numpy as np

from benchmarks.fetch import markdown as fetch_markdown
from benchmarks.fetch import measure as fetch_measure
from benchmarks.followup import said, summary


def test_overlap_and_kept_are_counted_over_points() -> None:
    rows = [
        {"new": 2, "new_vs_b1": [0.9, 0.2], "full_vs_b1": [0.95, 0.1, 0.3], "full_vs_new": [0.1, 0.85, 0.5],
         "full_from_today": [False, True, False]},
        {"new": 0, "new_vs_b1": [], "full_vs_b1": [0.5], "full_vs_new": [-1.0], "full_from_today": [True]},
    ]
    s = summary(rows, 0.8)
    assert (s["new_points"], s["overlapping"], s["overlap"]) == (2, 1, 0.5)
    assert (s["full_adds"], s["kept"]) == (3, round(1 / 3, 4))  # 0.1, 0.3 and 0.5 are adds; one is kept
    assert (s["full_adds_from_today"], s["kept_from_today"]) == (2, 0.5)
    assert s["clusters_with_nothing_new"] == 1


class _Words:
    """A stand-in for MiniLM: a text's vector counts the sentences it holds (each sentence its own axis)."""

    AXES = ("The bridge opened on Monday.", "The mayor cut the ribbon.", "Cracks were found on Wednesday.")

    def embed(self, texts):
        vectors = np.array([[float(axis in t) for axis in self.AXES] for t in texts])
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True) if len(texts) else vectors


def test_a_joined_point_is_compared_sentence_by_sentence() -> None:
    opened, ribbon, cracks = _Words.AXES
    scores = said(_Words(), [opened, f"{ribbon} {cracks}"], [f"{opened} {ribbon}"])
    assert np.allclose(scores["whole"], [0.5**0.5, 0.5])
    assert np.allclose(scores["by sentence"], [1.0, 0.5])  # one half of a joined point is said; the other is not


def test_fetch_benchmark_on_a_few_local_pages() -> None:
    result = fetch_measure(pages=6, kb=2)
    cold, warm = result["runs"]["cold"], result["runs"]["warm"]
    assert cold.get("downloaded") == 6 and not cold.get("failed")
    assert warm.get("cached") == 6 and warm["bytes_downloaded"] == 0
    assert result["runs"]["read_sources"]["sources"] == 6
    assert "| warm cache |" in fetch_markdown(result)
