"""The speed benchmark runs end to end (on a tiny model, so it is quick); numbers are not asserted."""

from __future__ import annotations

from benchmarks.speed import markdown, measure


def test_speed_measures_everything_it_reports(model_dirs, isolated_cache):
    result = measure(str(model_dirs["chat"]), repeats=1)
    assert result["points_fused"] > 0
    for key in ("load_s", "digest_extractive_s", "digest_fused_s", "ours_tokens_per_s", "plain_generate_tokens_per_s"):
        assert result[key] > 0
    assert "tokens/s" in markdown(result)
