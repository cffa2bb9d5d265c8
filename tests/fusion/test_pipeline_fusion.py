"""The whole pipeline with fusion on, on tiny real models: provenance, budget, failures, threads."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest
from checks import assert_valid_brief
from click.testing import CliRunner
from fusion_fixtures import fake_generate

from summarize import FusionInfo, ModelError, Summarizer, summarize, to_json
from summarize.cli import main
from summarize.fusion import get_fuser


def test_fused_brief_cites_every_span_and_records_the_guard(model_dirs, isolated_cache, example_sources):
    model = str(model_dirs["chat"])
    brief = summarize(example_sources, words=120, model=model)
    extractive = summarize(example_sources, words=120, fuse=False)
    assert_valid_brief(brief, words=120, sources=example_sources)
    assert [s.citations for s in brief.sentences] == [s.citations for s in extractive.sentences]
    assert brief.meta.fusion == FusionInfo(model, "fuse-chat-v1")
    for sentence in brief.sentences:
        if sentence.support > 1:
            assert sentence.guard is not None  # the model was asked, and the decision recorded
        if not sentence.fused:
            assert sentence.text == sentence.citations[0].text  # fallback is the point itself
    data = json.loads(to_json(brief))
    assert data["fusion"]["model"] == model


def test_fused_sentences_that_pass_the_guard_replace_the_point(
    model_dirs, isolated_cache, example_sources, monkeypatch
):
    fuser = get_fuser(str(model_dirs["chat"]))
    longest = lambda prompt: max(  # noqa: E731  the longest numbered source line: a faithful "fusion"
        (line.split("] ", 1)[1] for line in prompt.splitlines() if line.startswith("[") and "] " in line),
        key=len,
    ).split("<|", 1)[0].strip()
    monkeypatch.setattr(fuser.model, "generate", fake_generate(fuser, longest))
    for words in (40, 80, 120, 200):
        brief = summarize(example_sources, words=words, model=str(model_dirs["chat"]))
        assert_valid_brief(brief, words=words, sources=example_sources)
        fused = [s for s in brief.sentences if s.fused]
        assert all(s.guard.passed and s.text == s.guard.candidate for s in fused)
        over = [s for s in brief.sentences if s.guard and "over the word budget" in s.guard.reasons]
        assert all(not s.fused and s.text == s.citations[0].text for s in over)
    assert any(s.fused for s in summarize(example_sources, words=200, model=str(model_dirs["chat"])).sentences)


def test_same_input_same_fused_brief(model_dirs, isolated_cache, example_sources):
    model = str(model_dirs["gguf"])
    assert summarize(example_sources, words=80, model=model) == summarize(example_sources, words=80, model=model)


def test_missing_model_raises_model_error_or_falls_back(tmp_path, isolated_cache, example_sources):
    missing = str(tmp_path / "no-such-model")
    with pytest.raises(ModelError):
        summarize(example_sources, words=60, model=missing)
    brief = summarize(example_sources, words=60, model=missing, on_model_error="extractive")
    assert_valid_brief(brief, words=60, sources=example_sources)
    assert brief.sentences and not any(s.fused for s in brief.sentences)
    assert any(w.code == "fusion-failed" for w in brief.warnings)
    assert brief.sentences == summarize(example_sources, words=60, fuse=False).sentences


def test_cli_model_failure_exits_3_or_falls_back(tmp_path: Path, isolated_cache, example_dir: Path):
    missing = str(tmp_path / "corrupt.gguf")
    Path(missing).write_bytes(b"GGUF" + b"\0" * 64)
    runner = CliRunner()
    failed = runner.invoke(main, ["digest", str(example_dir), "-m", missing], catch_exceptions=False)
    assert failed.exit_code == 3
    assert failed.stderr.count("\n") == 1 and "Traceback" not in failed.output
    rescued = runner.invoke(main, ["digest", str(example_dir), "-m", missing, "--fallback", "-f", "json"])
    assert rescued.exit_code == 0
    assert any(w["code"] == "fusion-failed" for w in json.loads(rescued.stdout)["warnings"])


def test_eight_threads_share_one_model_with_serial_results(model_dirs, isolated_cache, example_sources, timings):
    """The stress floor: 8 threads x 25 library calls on one loaded model give the serial briefs."""
    summarizer = Summarizer(words=60, model=str(model_dirs["chat"]))
    jobs = [example_sources[k:] + example_sources[:k] for k in range(len(example_sources))]
    serial = [summarizer.summarize(job) for job in jobs]
    failures: list[BaseException] = []
    mismatches: list[int] = []

    def work(thread: int) -> None:
        for call in range(25):
            k = (thread + call) % len(jobs)
            try:
                if summarizer.summarize(jobs[k]) != serial[k]:
                    mismatches.append(k)
            except BaseException as error:  # noqa: BLE001  (report any failure, not just the first)
                failures.append(error)

    start = time.perf_counter()
    threads = [threading.Thread(target=work, args=(t,)) for t in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    timings("8 threads x 25 fused library calls (tiny model)", time.perf_counter() - start)
    assert not failures and not mismatches


def test_generation_past_the_time_limit_raises_or_falls_back(model_dirs, isolated_cache, example_sources):
    from summarize import ModelTimeout

    model = str(model_dirs["chat"])
    with pytest.raises(ModelTimeout):
        summarize(example_sources, words=80, model=model, timeout=1e-6)
    brief = summarize(example_sources, words=80, model=model, timeout=1e-6, on_model_error="extractive")
    assert_valid_brief(brief, words=80, sources=example_sources)
    assert not any(s.fused for s in brief.sentences)
    assert any(w.code == "fusion-failed" for w in brief.warnings)
