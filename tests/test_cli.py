from __future__ import annotations

import json
from pathlib import Path

from checks import assert_valid_brief
from click.testing import CliRunner

from summarize.cli import main


def _run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_digest_of_the_example_as_json_cites_exact_file_spans(example_dir: Path):
    result = _run("digest", str(example_dir), "--no-fuse", "--format", "json", "--words", "120")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    files = {}
    for s in data["sources"]:
        with open(s["path"], encoding="utf-8", newline="") as handle:
            files[s["id"]] = handle.read()
    assert_valid_brief(data, words=120, sources=files)  # citations index the files' text exactly


def test_markdown_is_the_default_format(example_dir: Path):
    result = _run("digest", str(example_dir), "--no-fuse")
    assert result.exit_code == 0
    assert result.stdout.startswith("# Brief")


def test_output_file_is_written(tmp_path: Path, example_dir: Path):
    out = tmp_path / "digest.md"
    out.write_text("old digest")
    result = _run("digest", str(example_dir), "--no-fuse", "-o", str(out))
    assert result.exit_code == 0
    assert out.read_text().startswith("# Brief")
    assert [p.name for p in tmp_path.iterdir()] == ["digest.md"]


def test_stdin_is_a_source(example_dir: Path):
    text = (example_dir / "000_a56e7a67289aa90f.txt").read_text(encoding="utf-8")
    result = _run("digest", "-", "--no-fuse", "--format", "text", input=text)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()


def test_missing_path_is_one_line_and_exit_1(tmp_path: Path):
    result = _run("digest", str(tmp_path / "nope.txt"), "--no-fuse")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "nope.txt" in result.stderr
    assert "Traceback" not in result.output


def test_bad_budget_is_a_usage_error(example_dir: Path):
    result = _run("digest", str(example_dir), "--words", "0")
    assert result.exit_code == 2


def test_budget_below_every_sentence_is_one_line_and_exit_1(example_dir: Path):
    result = _run("digest", str(example_dir), "--no-fuse", "--words", "2")
    assert result.exit_code == 1
    assert "smaller than every sentence" in result.stderr


def test_cache_command_lists_and_clears(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SUMMARIZE_CACHE", str(tmp_path))
    entry = tmp_path / "models" / "tiny-123"
    entry.mkdir(parents=True)
    (entry / "model.safetensors").write_bytes(b"x" * 10)
    listed = _run("cache")
    assert listed.exit_code == 0 and "tiny-123" in listed.stdout
    cleared = _run("cache", "--clear")
    assert cleared.exit_code == 0
    assert not (tmp_path / "models").exists()


def test_an_extractive_digest_imports_no_heavy_library(tmp_path: Path) -> None:
    """What a ``--no-fuse`` digest costs is mostly imports: it must not pull in nltk (seconds: scipy.stats,
    scikit-learn), torch, transformers, jinja2 (the HTML page only) or scipy's linkage (several stories only)."""
    import subprocess
    import sys

    for name, text in {
        "a.txt": "The city council approved the new bridge on Monday. Work starts in June, the mayor said.",
        "b.txt": "The council voted for the bridge on Monday. The mayor said work would start in June.",
    }.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    heavy = ("nltk", "torch", "transformers", "jinja2", "scipy.cluster", "sklearn")
    script = (
        "import sys\nfrom summarize.cli import main\n"
        f"try:\n    main(['digest', {str(tmp_path)!r}, '--no-fuse'], standalone_mode=False)\n"
        "except SystemExit:\n    pass\n"
        f"print('LOADED', [m for m in {heavy!r} if m in sys.modules])\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert "bridge" in run.stdout
    assert "LOADED []" in run.stdout
