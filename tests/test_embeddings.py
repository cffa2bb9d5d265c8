"""The paraphrase model: found in its package without importing it, distilled from the real files, loaded offline."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from checks import assert_valid_brief

from summarize import embeddings, summarize
from summarize.errors import ModelError

needs_package = pytest.mark.skipif(embeddings.shipped_zip() is None, reason=f"{embeddings.DISTRIBUTION} not installed")


@needs_package
def test_the_shipped_zip_is_found_without_importing_the_package():
    code = (
        "import sys; from summarize import embeddings; p = embeddings.shipped_zip(); "
        f"print(p.name, {embeddings.PACKAGE!r} in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["model.zip", "False"], out


@needs_package
def test_a_model_distilled_from_the_shipped_teacher_loads_and_embeds(isolated_cache):
    pytest.importorskip("model2vec.distill")
    words = "talks|negotiations|progress|well|going|banana|the|were"
    directory = embeddings.build(vocabulary_pattern=words)
    assert not list(isolated_cache.glob("models/minilm-*")), "a test model is never a cache entry"
    model = embeddings.StaticEmbedder(directory)
    texts = ["the talks were going well", "negotiations progress well", "banana", "the talks were going well", "zzzq"]
    vectors = model.encode(texts)
    assert vectors.shape[0] == len(texts) and vectors.dtype == np.float32
    norms = np.linalg.norm(vectors, axis=1)
    assert np.allclose(norms[:4], 1.0, atol=1e-5)
    assert np.allclose(vectors[0], vectors[3]) and vectors[0] @ vectors[3] > 0.999
    assert np.allclose(model.encode(texts[1:2])[0], vectors[1]), "a text embeds the same alone or in a batch"
    for text, vector in zip(texts, vectors, strict=True):  # the word cache gives what the whole tokenizer gives
        ids = [i for i in model.tokenizer.encode(text, add_special_tokens=False).ids if i != model.unknown]
        expected = model.vectors[ids].mean(axis=0) if ids else np.zeros(model.vectors.shape[1], dtype=np.float32)
        norm = np.linalg.norm(expected)
        assert np.allclose(vector, expected / norm if norm else expected, atol=1e-5), text


def test_get_is_none_when_the_model_is_not_built(isolated_cache):
    assert embeddings.get() is None


def test_an_unreadable_entry_is_a_model_error(tmp_path):
    (tmp_path / "model.safetensors").write_bytes(b"not a model")
    with pytest.raises(ModelError):
        embeddings.StaticEmbedder(tmp_path)


def test_without_the_model_the_brief_falls_back_to_tfidf_with_a_notice(monkeypatch, example_sources):
    monkeypatch.setattr(embeddings, "get", lambda: None)
    brief = summarize(example_sources, words=120, fuse=False)
    assert_valid_brief(brief, words=120)
    assert [w.code for w in brief.warnings] == ["paraphrase-model-missing"]


def test_paraphrase_weight_zero_turns_the_model_off_silently(monkeypatch, example_sources):
    from summarize.tuning import Tuning

    monkeypatch.setattr(embeddings, "get", lambda: pytest.fail("the model is not looked up when turned off"))
    brief = summarize(example_sources, words=120, fuse=False, tuning=Tuning(paraphrase_weight=0.0))
    assert_valid_brief(brief, words=120)
    assert not brief.warnings


@pytest.mark.skipif(embeddings.get() is None, reason="the paraphrase model is not built")
def test_wordpiece_read_from_the_vocabulary_gives_the_tokenizers_ids():
    model = embeddings.get()
    assert model is not None and model.pieces, "the built model has BERT's tokenizer"
    words = ["talks", "lutnick", "negotiations", "unbelievably", "xqzzyv", "2018", "1200", "24", "covid19", "a", ",",
             "$", "é", "naïve", "x" * 100, "x" * 101, "ab" * 40, "zzzzzzzzzzzzzzzzzzzzq", "_"]
    for word in words:
        expected = [i for i in model.tokenizer.encode(word, add_special_tokens=False).ids if i != model.unknown]
        assert model._ids_of({word})[word] == expected, word
