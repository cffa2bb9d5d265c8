"""Source-constrained decoding: every generated token comes from the cited sentences or the closed set."""

from __future__ import annotations

from pathlib import Path

import pytest
from checks import assert_valid_brief
from click.testing import CliRunner
from fusion_fixtures import sample_groups

from summarize import InputError, Options, summarize
from summarize.cli import main
from summarize.fusion import constrain, get_fuser


@pytest.mark.parametrize("kind", ["chat", "plain", "seq2seq", "gguf"])
def test_every_generated_token_is_allowed(kind: str, model_dirs: dict[str, Path], isolated_cache: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    fuser = get_fuser(str(model_dirs[kind]))
    loaded = fuser.model
    groups = sample_groups()
    inputs, budgets = fuser.model_inputs(groups)
    allowed = [loaded.allowed_tokens(fuser.prompt_sentences(g)) for g in groups]
    outputs = []
    real = loaded.model.generate

    def recording(*args, **kwargs):
        out = real(*args, **kwargs)
        outputs.append(out)
        return out

    monkeypatch.setattr(loaded.model, "generate", recording)
    loaded.generate(inputs, budgets, allowed=allowed)
    offset = 1 if loaded.seq2seq else max(len(i) for i in inputs)
    generated = outputs[0][:, offset:].tolist()
    assert any(generated)
    for row, ids in enumerate(generated):
        assert set(ids) <= allowed[row] | {loaded.pad_id}


def test_allowed_tokens_cover_the_sources_words_and_leave_out_negations(
    model_dirs: dict[str, Path], isolated_cache: Path
) -> None:
    tokenizer = get_fuser(str(model_dirs["chat"])).model.tokenizer
    allowed = constrain.allowed_tokens(tokenizer, ["Ferries carried 212 passengers to Bergen."])
    for word in (" Ferries", " 212", " Bergen", " the", "."):
        assert set(tokenizer(word, add_special_tokens=False)["input_ids"]) <= allowed
    assert "not" not in constrain.FUNCTION_WORDS and "no" not in constrain.FUNCTION_WORDS


def test_the_processor_keeps_only_each_rows_tokens() -> None:
    import torch

    scores = torch.rand(2, 50)
    kept = constrain.processor([frozenset({3, 7}), frozenset({40})])(torch.zeros(2, 1, dtype=torch.long), scores)
    assert int(kept[0].argmax()) in {3, 7} and int(kept[1].argmax()) == 40
    assert torch.isinf(kept).sum() == 100 - 3


def test_constrained_briefs_keep_provenance_from_the_library_and_the_cli(
    model_dirs: dict[str, Path], isolated_cache: Path, example_sources, example_dir: Path
) -> None:
    model = str(model_dirs["chat"])
    brief = summarize(example_sources, words=120, model=model, constrained=True)
    assert_valid_brief(brief, words=120, sources=example_sources)
    assert brief.meta.options["constrained"] is True
    result = CliRunner().invoke(main, ["digest", str(example_dir), "-m", model, "--constrained", "--one-story"])
    assert result.exit_code == 0 and "[1]" in result.output


def test_constrained_must_be_a_flag() -> None:
    with pytest.raises(InputError, match="constrained must be True or False"):
        Options(constrained="yes")  # type: ignore[arg-type]
