"""The converted-model cache: keyed by the GGUF file's content, origins listed, stale entries pruned."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from click.testing import CliRunner

from summarize.cli import main
from summarize.fusion import cache, clear_cache, get_fuser


def _copy(gguf: Path, where: Path) -> Path:
    where.mkdir(parents=True)
    target = where / gguf.name
    shutil.copyfile(gguf, target)
    return target


def test_two_installs_of_one_model_share_one_entry(model_dirs: dict[str, Path], isolated_cache: Path, tmp_path: Path):
    first = _copy(model_dirs["gguf"], tmp_path / "venv-a")
    second = _copy(model_dirs["gguf"], tmp_path / "venv-b")
    os.utime(second, (1, 1))  # another install time: the key is the content, not the path or the mtime
    get_fuser(str(first))
    clear_cache()
    get_fuser(str(second))
    (entry,) = cache.entries()
    assert entry.current and not entry.stale
    assert set(entry.origins) == {str(first.resolve()), str(second.resolve())}
    assert entry.size > 0


def test_other_content_gets_its_own_entry(model_dirs: dict[str, Path], isolated_cache: Path, tmp_path: Path):
    changed = _copy(model_dirs["gguf"], tmp_path / "changed")
    with changed.open("ab") as handle:
        handle.write(b"\0" * 32)  # GGUF readers ignore trailing padding; the content differs
    assert cache.entry_for(changed) != cache.entry_for(model_dirs["gguf"])


def test_prune_removes_entries_whose_model_file_is_gone(
    model_dirs: dict[str, Path], isolated_cache: Path, tmp_path: Path
):
    kept = _copy(model_dirs["gguf"], tmp_path / "kept")
    get_fuser(str(kept))
    clear_cache()
    (entry,) = cache.entries()
    old = entry.path.parent / "tiny-llama-0123456789ab"  # an entry of the previous layout (format 1)
    shutil.copytree(entry.path, old)
    (old / cache.MARKER).write_text(json.dumps({"format": 1, "source": str(kept)}), encoding="utf-8")
    other = entry.path.parent / "minilm-paraphrase"  # not ours: listed, never pruned
    other.mkdir()

    runner = CliRunner()
    listing = runner.invoke(main, ["cache"])
    assert listing.exit_code == 0
    assert f"from {kept.resolve()}" in listing.output and "older version" in listing.output
    assert "minilm-paraphrase" in listing.output

    assert cache.prune(old=False) == []  # after a conversion: an older version's entry still in use stays
    kept.unlink()
    assert "(gone)" in runner.invoke(main, ["cache"]).output
    pruned = runner.invoke(main, ["cache", "--prune"])
    assert pruned.exit_code == 0 and "pruned 2 entries" in pruned.output
    assert cache.entries() == [] and other.is_dir()


def test_conversion_reports_its_steps(model_dirs: dict[str, Path], isolated_cache: Path, caplog) -> None:
    with caplog.at_level("INFO", logger="summarize.fusion"):
        get_fuser(str(model_dirs["gguf"]))
    steps = [r.getMessage() for r in caplog.records if r.name == "summarize.fusion"]
    assert any("1/2" in s for s in steps) and any("2/2" in s for s in steps)
    assert any(s.startswith("loading model") for s in steps)
