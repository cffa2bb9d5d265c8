"""Reliability: every bad input of the issue has one defined outcome, end to end.

Each test backs a row of README.md (Reliability).  The contract, through the CLI
(``summarize digest ... --no-fuse``):

* an input error exits 1 with exactly one stderr line starting with
  ``summarize: error:`` and nothing on stdout; click's own usage errors exit 2;
* a warned case exits 0, prints a valid brief and ``warning: ...`` lines;
* never a traceback.

Through the library, the same inputs raise a typed :class:`InputError` (or
:class:`SourceError` for one bad path) with a one-line message, or return a
brief whose ``warnings`` say what was guessed or skipped.

Rows already pinned at the unit level are not repeated here; the table in
README.md (Reliability) names those tests next to these.

Assertions are on behaviour (exit codes, message gists, spans, budgets,
support counts), never on the brief's wording.  The wall-clock bounds of README.md
("in well under a second", "about 1.3 s") are separate tests marked ``perf``,
deselected by default (``pytest -m perf`` runs them): a loaded CI machine must not
fail the behaviour.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from checks import assert_valid_brief
from click.testing import CliRunner, Result

from summarize import InputError, Source, SourceError, summarize
from summarize.cli import main
from summarize.sentences import split
from summarize.sources import MAX_SOURCE_BYTES, MAX_SOURCES, read_sources
from summarize.tuning import DEFAULT, Tuning

MAX_WORDS = DEFAULT.max_words

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "london-talks"
DATA = Path(__file__).resolve().parents[1] / "data" / "sources"
ARTICLE = EXAMPLE / "000_a56e7a67289aa90f.txt"  # the Reuters report
OTHER = EXAMPLE / "003_c502444593958914.txt"
THIRD = EXAMPLE / "002_b901c33ddafddbca.txt"

NOT_ENGLISH = "does not look like English"
ONE_SOURCE = "only one independent source"
COPIES = "near-identical copies"

GERMAN_A = (
    "Die Handelsgespräche zwischen den Vereinigten Staaten und China wurden am Dienstag "
    "in London fortgesetzt. "
    "Der Handelsminister sagte, die Verhandlungen verliefen sehr gut. "
    "Beide Seiten suchen einen Kompromiss bei den Exportkontrollen für seltene Erden.\n"
)
GERMAN_B = (
    "In London haben die Gespräche über Handel zwischen China und den Vereinigten Staaten am Dienstag wieder begonnen. "
    "Nach Angaben des Ministers laufen die Verhandlungen gut. "
    "Streitpunkt bleiben die Exportkontrollen für seltene Erden und Magnete.\n"
)
CHINESE_A = (
    "中美两国的贸易谈判周二在伦敦继续举行。商务部长表示，谈判进展非常顺利。"
    "双方正在就稀土出口管制问题寻求妥协。\n"
)
CHINESE_B = "周二，中美贸易谈判在伦敦恢复。据部长介绍，谈判进展顺利。稀土和磁铁的出口管制仍然是争论的焦点。\n"
CHINESE_WITH_LATIN = (  # Chinese typesetting puts spaces around Latin words
    "据 Reuters 报道，中美两国的贸易谈判周二在 London 继续举行。"
    "美国商务部长 Howard Lutnick 表示，谈判进展非常顺利。"
    "双方正在就稀土出口管制问题寻求妥协，市场对谈判结果反应积极，股市小幅上涨，"
    "分析人士认为双方可能在本周达成初步协议，但仍有许多分歧需要解决，包括芯片出口限制和关税问题。\n"
)


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def digest(*args: object, input: str | bytes | None = None) -> Result:
    """``summarize digest ARGS --no-fuse`` in process; an uncaught exception fails the test."""
    argv = ["digest", *map(str, args), "--no-fuse"]
    return CliRunner().invoke(main, argv, input=input, catch_exceptions=False)


def assert_error(result: Result, *needles: str, code: int = 1) -> str:
    """Exit ``code``, nothing on stdout, one ``summarize: error:`` line holding every needle."""
    assert "Traceback" not in result.output + result.stderr
    assert result.exit_code == code, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("summarize: error: ")
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def assert_ok(result: Result, *warnings: str) -> list[str]:
    """Exit 0, a brief on stdout, and stderr made only of ``warning:`` lines holding each needle."""
    assert "Traceback" not in result.output + result.stderr
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()
    lines = result.stderr.splitlines()
    assert all(line.startswith("warning: ") for line in lines), result.stderr
    for needle in warnings:
        assert any(needle in line for line in lines), (needle, lines)
    return lines


def valid_json_brief(result: Result, paths: list[object], words: int) -> dict:
    """The JSON brief of an extractive run is valid (``assert_valid_brief``) against the sources read from ``paths``."""
    data = json.loads(result.stdout)
    sources, _ = read_sources([str(p) for p in paths])
    assert_valid_brief(data, words=words, sources=sources)
    for sentence in data["sentences"]:
        assert not sentence["fused"] and sentence["citations"][0]["text"] == sentence["text"]  # --no-fuse
    return data


def one_line(exc: pytest.ExceptionInfo[BaseException]) -> str:
    message = str(exc.value)
    assert message and "\n" not in message
    return message


def run_process(*args: str, stdout: object = subprocess.PIPE, timeout: float = 60) -> subprocess.CompletedProcess:
    """The real CLI in a child process: real exit codes, real stderr."""
    return subprocess.run(
        [sys.executable, "-m", "summarize", "digest", *args, "--no-fuse"],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


# ---------------------------------------------------------------------------
# Every error row: one line, exit 1, no traceback (CLI) / typed one-line error (library)
# ---------------------------------------------------------------------------


def _no_text_dir(tmp: Path) -> list[Path]:
    write(tmp / "nodir" / "photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF")
    write(tmp / "nodir" / "notes.docx", b"PK\x03\x04")
    return [tmp / "nodir"]


def _huge(tmp: Path) -> list[Path]:
    huge = tmp / "huge.txt"
    with open(huge, "wb") as f:  # sparse: 100 MB that takes no disk
        f.write(b"The talks resumed in London on Tuesday, officials said. " * 100)
        f.truncate(100 * 1024 * 1024)
    return [huge]


def _file(name: str, content: str | bytes):
    return lambda tmp: [write(tmp / name, content)]


def _empty_dir(tmp: Path) -> list[Path]:
    (tmp / "void").mkdir()
    return [tmp / "void"]


PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
RANDOM_BYTES = bytes(random.Random(1).choices(range(1, 256), k=4000))  # no NUL, no known signature
ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(200)

ERROR_ROWS = {
    # row id: (make the paths, needles of the one-line message, library exception class)
    "empty-file": (_file("empty.txt", ""), ["empty.txt: empty; skipped", "no source has any text"], InputError),
    "whitespace-file": (
        _file("blank.md", " \n\t\r\n  "),
        ["blank.md: only whitespace", "no source has any text"],
        InputError,
    ),
    "empty-and-blank": (
        lambda t: [write(t / "empty.txt", ""), write(t / "blank.txt", "\n\n")],
        ["empty.txt", "blank.txt", "no source has any text"],
        InputError,
    ),
    "empty-directory": (_empty_dir, ["void: directory has no .txt"], SourceError),
    "directory-without-text-files": (_no_text_dir, ["nodir: directory has no .txt", ".html", ".json"], SourceError),
    "missing-path": (lambda t: [t / "nope.txt"], ["nope.txt: no such file or directory"], SourceError),
    "binary-pdf": (_file("paper.pdf", PDF), ["paper.pdf: looks like a PDF", "not text"], SourceError),
    "binary-png-named-txt": (_file("img.txt", PNG), ["img.txt: looks like a PNG", "not text"], SourceError),
    "binary-random-bytes": (_file("blob.bin", RANDOM_BYTES), ["blob.bin", "non-text", "not text"], SourceError),
    "binary-executable": (_file("a.out", ELF), ["a.out: looks like an executable", "not text"], SourceError),
    "binary-with-nul": (_file("data.txt", b"Some text\x00\x00\x00more"), ["data.txt: contains NUL bytes"], SourceError),
    "huge-file-100MB": (_huge, ["huge.txt: larger than the 5.0 MB limit", "100.0 MB", "max_bytes"], SourceError),
    "no-prose": (
        _file("labels.txt", "Hi.\nOK then.\nHome | World\n"),
        ["no source has a sentence to summarize"],
        InputError,
    ),
}


@pytest.mark.parametrize("row", list(ERROR_ROWS))
def test_bad_input_is_one_line_exit_1_and_no_traceback(tmp_path: Path, row: str) -> None:
    make, needles, _ = ERROR_ROWS[row]
    assert_error(digest(*make(tmp_path)), *needles)


@pytest.mark.perf
@pytest.mark.parametrize("row", list(ERROR_ROWS))
def test_bad_input_is_refused_fast(tmp_path: Path, row: str) -> None:
    make, needles, _ = ERROR_ROWS[row]
    paths = make(tmp_path)
    started = time.perf_counter()
    assert_error(digest(*paths), *needles)
    assert time.perf_counter() - started < 5  # the 100 MB file is refused on its size, not read


@pytest.mark.parametrize("row", list(ERROR_ROWS))
def test_bad_input_is_a_typed_one_line_library_error(tmp_path: Path, row: str) -> None:
    make, _, error = ERROR_ROWS[row]
    paths = [str(p) for p in make(tmp_path)]
    with pytest.raises(InputError) as exc:
        sources, _ = read_sources(paths)
        summarize(sources, fuse=False)
    assert isinstance(exc.value, error)
    one_line(exc)


def test_bad_input_through_a_real_process(tmp_path: Path) -> None:
    """The same contract outside click's test runner: real exit code, one stderr line."""
    huge = _huge(tmp_path)[0]
    pdf = write(tmp_path / "paper.pdf", b"%PDF-1.4\n")
    result = run_process(str(tmp_path / "missing.txt"), str(huge), str(pdf))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"summarize: error: {tmp_path / 'missing.txt'}: no such file or directory"]


# ---------------------------------------------------------------------------
# No sources, one source, empty files next to good ones
# ---------------------------------------------------------------------------


def test_no_sources_is_a_click_usage_error() -> None:
    result = CliRunner().invoke(main, ["digest", "--no-fuse"], catch_exceptions=False)
    assert result.exit_code == 2
    assert "Missing argument 'PATHS...'" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_no_sources_in_the_library_is_an_input_error() -> None:
    with pytest.raises(InputError) as exc:
        summarize([], fuse=False)
    assert "no documents" in one_line(exc)
    with pytest.raises(InputError) as exc:
        summarize(["", "  \n"], fuse=False)
    assert "no source has any text" in one_line(exc)


def test_empty_stdin_is_an_input_error() -> None:
    assert_error(digest("-", input=b""), "stdin: empty", "no source has any text")


def test_one_source_gives_a_brief_with_a_warning(tmp_path: Path) -> None:
    result = digest(ARTICLE, "--format", "json", "--words", "80")
    assert_ok(result, ONE_SOURCE)
    data = valid_json_brief(result, [ARTICLE], 80)
    assert all(s["support"] == 1 for s in data["sentences"])
    assert any(w["code"] == "one-source" and ONE_SOURCE in w["message"] for w in data["warnings"])

    brief = summarize([ARTICLE.read_text(encoding="utf-8")], words=80, fuse=False)
    assert_valid_brief(brief, words=80)
    assert any(w.code == "one-source" for w in brief.warnings)


def test_empty_and_blank_files_next_to_a_good_one_are_skipped_with_warnings(tmp_path: Path) -> None:
    empty = write(tmp_path / "empty.txt", "")
    blank = write(tmp_path / "blank.txt", "  \r\n\t\n")
    result = digest(empty, ARTICLE, blank, OTHER, "--format", "json")
    lines = assert_ok(result, "empty.txt: empty; skipped", "blank.txt: only whitespace; skipped")
    assert len(lines) == 2
    data = valid_json_brief(result, [empty, ARTICLE, blank, OTHER], 120)
    assert [s["id"] for s in data["sources"]] == [ARTICLE.stem, OTHER.stem]


def test_library_keeps_empty_documents_but_never_cites_them() -> None:
    brief = summarize(["", ARTICLE.read_text(encoding="utf-8"), "   "], words=60, fuse=False)
    assert_valid_brief(brief, words=60)
    assert [s.id for s in brief.sources] == ["doc1", "doc2", "doc3"]
    assert {c.source for s in brief.sentences for c in s.citations} == {"doc2"}


def test_cli_skips_binary_and_empty_files_in_a_directory_with_warnings(tmp_path: Path) -> None:
    folder = tmp_path / "cluster"
    write(folder / "a.txt", ARTICLE.read_text(encoding="utf-8"))
    write(folder / "b.txt", OTHER.read_text(encoding="utf-8"))
    write(folder / "scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3")
    write(folder / "photo.png", b"\x89PNG\r\n\x1a\n")
    write(folder / "empty.md", "")
    result = digest(folder, "--format", "json")
    assert_ok(result, "scan.txt: skipped: looks like a PDF", "photo.png", "empty.md: empty; skipped")
    valid_json_brief(result, [folder], 120)


# ---------------------------------------------------------------------------
# Encodings
# ---------------------------------------------------------------------------

WESTERN = (
    "The café owner in Zürich said the crème brûlée had sold out again on Tuesday morning. "
    "Tourists queued outside the café for more than an hour, according to the owner.\n"
)


def test_cp1252_file_is_decoded_with_a_warning_naming_the_encoding(tmp_path: Path) -> None:
    path = write(tmp_path / "western.txt", WESTERN.encode("cp1252"))
    result = digest(path, ARTICLE, "--format", "json", "--words", "200")
    assert_ok(result, "western.txt: not UTF-8; decoded as cp1252")
    data = valid_json_brief(result, [path, ARTICLE], 200)
    cited = " ".join(c["text"] for s in data["sentences"] for c in s["citations"] if c["source"] == "western")
    assert "café" in cited and "\ufffd" not in cited


def test_mostly_utf8_with_stray_bytes_is_decoded_with_a_warning(tmp_path: Path) -> None:
    data = ("The naïve officials in Zürich and Genève said the talks went well, the café owner added. ").encode()
    data += "Later the café was closed.".encode("cp1252") + b"\n"
    path = write(tmp_path / "mixed.txt", data)
    result = digest(path, "--format", "json")
    assert_ok(result, "mixed.txt: mixed encodings")
    text = json.loads(result.stdout)["sentences"][0]["text"]
    assert "Zürich" in text and "Genève" in text


def test_undecodable_bytes_are_replaced_with_a_warning(tmp_path: Path) -> None:
    data = bytes(range(0x80, 0x100)) + ARTICLE.read_bytes()
    path = write(tmp_path / "odd.txt", data)
    result = digest(path, "--format", "json")
    assert_ok(result, f"{path}: ")  # whatever it settles on (a code page, mixed, U+FFFD), it says so
    valid_json_brief(result, [path], 120)


def test_utf8_with_a_pasted_cp1252_quote_keeps_its_utf8(tmp_path: Path) -> None:
    data = "The minister met officials in Zürich on Tuesday to discuss the trade deal. ".encode()
    data += "\u201cWe\u2019re close to a deal,\u201d she said after the meeting.".encode("cp1252")
    path = write(tmp_path / "quote.txt", data)
    sources, warnings = read_sources([str(path)])
    assert "Zürich" in sources[0].text
    assert "\u201cWe\u2019re close" in sources[0].text
    assert len(warnings) == 1 and "mixed" in str(warnings[0])


# ---------------------------------------------------------------------------
# Size: huge files, hundreds of sources
# ---------------------------------------------------------------------------


def test_huge_file_is_refused_with_the_limit_named(tmp_path: Path) -> None:
    [huge] = _huge(tmp_path)
    message = assert_error(digest(huge, ARTICLE), str(huge), "5.0 MB limit", "(100.0 MB)", "max_bytes")
    assert MAX_SOURCE_BYTES == 5 * 1024 * 1024, "README.md states this limit"
    assert message.count("huge.txt") == 1
    # the limit is an option: --max-bytes lowers it (or raises it)
    assert_error(digest(ARTICLE, "--max-bytes", "1000"), "larger than the 1000 bytes limit")


@pytest.mark.perf
def test_huge_file_is_refused_fast(tmp_path: Path) -> None:
    [huge] = _huge(tmp_path)
    started = time.perf_counter()
    assert_error(digest(huge, ARTICLE), str(huge), "5.0 MB limit")
    assert time.perf_counter() - started < 2


def _hard_wrapped() -> str:
    """About 250 KB of lower-case, unpunctuated 10-word lines: one paragraph once they are joined."""
    rng = random.Random(5)
    vocab = "the talks on export controls were going well and officials said rare earth magnets would ship soon".split()
    return "\n".join(" ".join(rng.choice(vocab) for _ in range(10)) for _ in range(4000))


def test_hard_wrapped_unpunctuated_text_splits_into_bounded_sentences() -> None:
    content = split(Source("wrapped", _hard_wrapped())).content
    assert content and all(s.words <= MAX_WORDS for s in content)


@pytest.mark.perf
def test_hard_wrapped_unpunctuated_text_splits_in_linear_time() -> None:
    text = _hard_wrapped()
    started = time.perf_counter()
    content = split(Source("wrapped", text)).content
    elapsed = time.perf_counter() - started
    assert content and all(s.words <= MAX_WORDS for s in content)
    assert elapsed < 1.5, f"{len(text) // 1024} KB took {elapsed:.1f} s"


def _many_sources(folder: Path, n: int, seed: int = 11) -> Path:
    """``n`` distinct short reports drawn from the example cluster's sentences."""
    pool = [
        s.text
        for path in sorted(EXAMPLE.glob("*.txt"))
        for s in split(Source(path.stem, path.read_text(encoding="utf-8"))).content
    ]
    rng = random.Random(seed)
    for i in range(n):
        body = " ".join(rng.sample(pool, 6))
        write(folder / f"report-{i:03d}.txt", f"Report {i} from the London talks\n{body}\n")
    return folder


def test_300_sources_give_a_valid_brief(tmp_path: Path) -> None:
    folder = _many_sources(tmp_path / "many", 300)
    result = digest(folder, "--format", "json", "--words", "150", "--one-story")
    assert_ok(result)
    data = valid_json_brief(result, [folder], 150)
    assert len(data["sources"]) == 300
    assert max(s["support"] for s in data["sentences"]) <= 300


@pytest.mark.perf
def test_300_sources_give_a_brief_quickly(tmp_path: Path) -> None:
    folder = _many_sources(tmp_path / "many", 300)
    started = time.perf_counter()
    result = digest(folder, "--format", "json", "--words", "150", "--one-story")
    elapsed = time.perf_counter() - started
    assert_ok(result)
    assert elapsed < 15, f"300 sources took {elapsed:.1f} s"


def test_too_many_sentences_are_capped_with_a_warning(tmp_path: Path) -> None:
    """Memory is bounded by Tuning.max_candidates (the n x n similarity matrix), not by the input."""
    folder = _many_sources(tmp_path / "many", 12)  # 12 sources x 6 sentences = 72 > 40
    sources, _ = read_sources([str(folder)])
    brief = summarize(sources, fuse=False, tuning=Tuning(max_candidates=40))
    capped = [w for w in brief.warnings if w.code == "too-many-sentences"]
    assert capped and "sentences is more than 40: only the first 3 of each source were considered" in str(capped[0])
    cited = {(c.source, c.sentence) for s in brief.sentences for c in s.citations}
    first_three = {(s.id, x.index) for s in sources for x in split(s).content[:3]}
    assert cited <= first_three


def test_more_sources_than_the_limit_is_one_line_exit_1(tmp_path: Path) -> None:
    folder = tmp_path / "flood"
    folder.mkdir()
    for i in range(MAX_SOURCES + 1):
        (folder / f"{i:04d}.txt").write_text("The talks resumed in London on Tuesday.")
    assert_error(digest(folder), f"{MAX_SOURCES + 1} files is more than the limit of {MAX_SOURCES} sources")
    with pytest.raises(InputError) as exc:
        summarize(["The talks resumed in London on Tuesday."] * (MAX_SOURCES + 1), fuse=False)
    assert "max_sources" in one_line(exc)


def test_too_many_sources_error_names_a_knob_the_cli_has(tmp_path: Path) -> None:
    folder = tmp_path / "flood"
    folder.mkdir()
    for i in range(MAX_SOURCES + 1):
        (folder / f"{i:04d}.txt").write_text("The talks resumed in London on Tuesday.")
    message = assert_error(digest(folder))
    assert "--max-sources" in message
    assert_ok(digest(folder, "--max-sources", str(MAX_SOURCES + 1)))


# ---------------------------------------------------------------------------
# Duplicates: syndicated copies are one source of support
# ---------------------------------------------------------------------------


def _cited_together(data: dict, a: str, b: str) -> bool:
    return any({a, b} <= {c["source"] for c in s["citations"]} for s in data["sentences"])


def _syndicated(text: str) -> str:
    """A near-exact copy: another headline line, and a credit line added at the end."""
    _, rest = text.split("\n", 1)
    headline = "US, China resume trade talks in London for a second day\n"
    return headline + rest + "\n(Reporting by Jane Doe; Editing by John Roe)\n"


@pytest.mark.parametrize("kind", ["exact", "near-exact"])
def test_copies_count_once_as_support(tmp_path: Path, kind: str) -> None:
    original = ARTICLE.read_text(encoding="utf-8")
    copy = write(tmp_path / "copy.txt", original if kind == "exact" else _syndicated(original))
    result = digest(ARTICLE, OTHER, THIRD, copy, "--format", "json", "--words", "200")
    assert_ok(result, COPIES)
    data = valid_json_brief(result, [ARTICLE, OTHER, THIRD, copy], 200)
    assert not _cited_together(data, ARTICLE.stem, "copy")
    assert max(s["support"] for s in data["sentences"]) <= 3  # three independent sources, not four


@pytest.mark.parametrize("kind", ["exact", "near-exact"])
def test_an_article_and_its_copy_are_one_source(tmp_path: Path, kind: str) -> None:
    original = ARTICLE.read_text(encoding="utf-8")
    copy = original if kind == "exact" else _syndicated(original)
    brief = summarize([original, copy], words=120, fuse=False)
    assert_valid_brief(brief, words=120)
    assert all(s.support == 1 for s in brief.sentences)
    assert {"copies", "one-source"} <= {w.code for w in brief.warnings}


def test_a_trimmed_syndicated_copy_counts_once(tmp_path: Path) -> None:
    lines = ARTICLE.read_text(encoding="utf-8").split("\n")
    copy = write(tmp_path / "copy.txt", "\n".join(lines[: len(lines) // 2]) + "\n")
    result = digest(ARTICLE, OTHER, THIRD, copy, "--format", "json", "--words", "200")
    data = valid_json_brief(result, [ARTICLE, OTHER, THIRD, copy], 200)
    assert not _cited_together(data, ARTICLE.stem, "copy")


# ---------------------------------------------------------------------------
# HTML and hostile markup
# ---------------------------------------------------------------------------

LEAKY_PAGE = """<!doctype html><html><head><title>Talks resume in London</title>
<style>.x { color: red; } body::after { content: "STYLE_LEAK sentence that reads like prose here"; }</style>
<script>var leak = "SCRIPT_LEAK: the secret script sentence should never reach a brief."; document.write(leak);</script>
</head><body><nav>Home | World | Business</nav>
<article><h1>Talks resume in London</h1>
<p>The United States and China resumed trade talks in London on Tuesday, officials said.</p>
<script>console.log("INLINE_SCRIPT_LEAK: an inline script sentence that must never be in the brief.");</script>
<p>Commerce Secretary Howard Lutnick said the negotiations were going well on the second day.</p>
<style>p { margin: 0 } /* INLINE_STYLE_LEAK: a style comment written like a sentence. */</style>
<p>Both sides are seeking a deal on export controls for rare earth magnets and chips.</p>
</article></body></html>
"""
LEAKS = ("SCRIPT_LEAK", "STYLE_LEAK", "console.log", "document.write", "color: red", "margin: 0", "font-family", "<p>")


@pytest.mark.parametrize("fmt", ["markdown", "json", "text"])
def test_html_scripts_and_styles_never_reach_the_output(tmp_path: Path, fmt: str) -> None:
    page = write(tmp_path / "page.html", LEAKY_PAGE)
    result = digest(page, DATA / "article.html", ARTICLE, "--format", fmt, "--words", "400")
    assert_ok(result)
    for leak in LEAKS:
        assert leak not in result.stdout
    assert "Lutnick" in result.stdout  # the article text itself did get through


HOSTILE = (
    "Officials said the hacked page showed <script>alert(1)</script> and a link [x](javascript:alert(1)) "
    "to readers of the trade talks coverage on Tuesday.\n"
)


def test_hostile_markup_is_escaped_in_markdown(tmp_path: Path) -> None:
    evil = write(tmp_path / "evil[x](javascript:alert(2)).txt", HOSTILE)
    page = write(
        tmp_path / "page.html",
        "<html><head><title>&lt;script&gt;alert(3)&lt;/script&gt; talks</title></head><body><article>"
        "<p>Officials said the hacked page showed &lt;script&gt;alert(1)&lt;/script&gt; to readers of the "
        "trade talks coverage on Tuesday.</p></article></body></html>",
    )
    result = digest(evil, page, "--words", "200")
    assert_ok(result)
    md = result.stdout
    assert "alert(1)" in md  # the hostile sentence is in the brief, as text
    assert "<script" not in md.replace("\\<script", "")  # every "<script" is escaped
    assert "\\<script\\>" in md
    assert "](javascript:" not in md.replace("\\](javascript:", "")  # no live link, in text or in the path
    assert "\\[x\\](javascript:alert(1))" in md
    # JSON is for machines: it keeps the text verbatim
    data = json.loads(digest(evil, "--format", "json").stdout)
    assert "<script>alert(1)</script>" in data["sentences"][0]["text"]


# ---------------------------------------------------------------------------
# Languages
# ---------------------------------------------------------------------------


def test_german_gives_a_brief_with_the_not_english_warning(tmp_path: Path) -> None:
    a, b = write(tmp_path / "a.txt", GERMAN_A), write(tmp_path / "b.txt", GERMAN_B)
    result = digest(a, b, "--format", "json", "--words", "60")
    assert_ok(result, NOT_ENGLISH)
    data = valid_json_brief(result, [a, b], 60)
    assert max(s["support"] for s in data["sentences"]) == 2
    assert any(w.code == "not-english" for w in summarize([GERMAN_A, GERMAN_B], fuse=False).warnings)


def test_chinese_without_spaces_is_a_defined_error(tmp_path: Path) -> None:
    """Word counts are whitespace tokens, so unspaced Chinese has no sentence of 5+ "words"."""
    a, b = write(tmp_path / "a.txt", CHINESE_A), write(tmp_path / "b.txt", CHINESE_B)
    assert_error(digest(a, b), "not supported")
    with pytest.raises(InputError) as exc:
        summarize([CHINESE_A, CHINESE_B], fuse=False)
    one_line(exc)


def test_chinese_error_says_the_language_is_not_supported(tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", CHINESE_A)
    message = assert_error(digest(a))
    assert "English" in message or "not supported" in message


def test_chinese_with_latin_words_keeps_a_small_budget(tmp_path: Path) -> None:
    path = write(tmp_path / "zh.txt", CHINESE_WITH_LATIN)
    result = digest(path, "--words", "10", "--format", "json")
    if result.exit_code == 1:
        assert_error(result)
        return
    assert_ok(result, NOT_ENGLISH)
    text = " ".join(s["text"] for s in json.loads(result.stdout)["sentences"])
    assert len(text) <= 10 * 12, f"a 10-word budget gave {len(text)} characters"


def test_a_source_that_contributes_nothing_is_named_in_a_warning(tmp_path: Path) -> None:
    zh = write(tmp_path / "zh.txt", CHINESE_A)
    result = digest(ARTICLE, OTHER, zh, "--format", "json")
    assert_ok(result, "zh")


# ---------------------------------------------------------------------------
# Sentence shapes and budgets
# ---------------------------------------------------------------------------

TRANSCRIPT = """the minister said the talks in london were going well on tuesday
and the two delegations would keep working late into the evening
officials from both sides are seeking a deal on export controls for rare earth magnets
markets rose slightly as investors waited for the outcome of the talks
a second round of talks could be held in geneva next month according to the minister
"""


def test_text_without_sentence_punctuation_gives_a_valid_brief(tmp_path: Path) -> None:
    wrapped = write(tmp_path / "transcript.txt", TRANSCRIPT * 3)
    one_line_ = write(tmp_path / "oneline.txt", " ".join(TRANSCRIPT.split()) * 3)
    result = digest(wrapped, one_line_, "--format", "json", "--words", "80")
    assert_ok(result)
    data = valid_json_brief(result, [wrapped, one_line_], 80)
    assert all(len(s["text"].split()) <= MAX_WORDS for s in data["sentences"])


def _long_sentence(words: int) -> str:
    clauses = [s.text.rstrip(".") for s in split(Source("a", ARTICLE.read_text(encoding="utf-8"))).content]
    out: list[str] = []
    while len(" ".join(out).split()) < words:
        clause = clauses[len(out) % len(clauses)]
        out.append(clause.replace(".", "").replace(";", ",").replace(":", ",").replace(" - ", " "))
    return ", and ".join(out).capitalize() + ".\n"


def test_a_2000_word_sentence_is_cut_and_summarized(tmp_path: Path) -> None:
    long = write(tmp_path / "long.txt", _long_sentence(2000))
    text = long.read_text(encoding="utf-8")
    assert len(text.split()) >= 2000 and text.count(".") == 1 and ";" not in text
    result = digest(long, OTHER, "--format", "json", "--words", "120")
    assert_ok(result)
    data = valid_json_brief(result, [long, OTHER], 120)
    assert all(len(s["text"].split()) <= MAX_WORDS for s in data["sentences"])


@pytest.mark.perf
def test_a_2000_word_sentence_is_summarized_fast(tmp_path: Path) -> None:
    long = write(tmp_path / "long.txt", _long_sentence(2000))
    started = time.perf_counter()
    result = digest(long, OTHER, "--format", "json", "--words", "120")
    assert time.perf_counter() - started < 5
    assert_ok(result)


def test_budget_smaller_than_any_sentence_is_one_line_exit_1(tmp_path: Path) -> None:
    # test_cli / test_pipeline pin the message; this pins the one-line contract and the chunked case
    assert_error(digest(EXAMPLE, "--words", "3"), "a budget of 3 words is smaller than every sentence")
    long = write(tmp_path / "long.txt", _long_sentence(2000))
    assert_error(digest(long, "--words", "4"), "smaller than every sentence")


# ---------------------------------------------------------------------------
# Output safety: -o writes atomically
# ---------------------------------------------------------------------------

OLD = "# Brief\n\n1. The good old digest. [1]\n"


def _old_digest(tmp_path: Path) -> Path:
    out = tmp_path / "out" / "digest.md"
    write(out, OLD)
    return out


def _leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name != out.name)


def test_output_crash_at_rename_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = _old_digest(tmp_path)

    def failing_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    assert_error(digest(EXAMPLE, "-o", out), f"cannot write {out}", "No space left on device")
    assert out.read_text() == OLD
    assert _leftovers(out) == []


@pytest.mark.parametrize("crash", [KeyboardInterrupt, MemoryError])
def test_output_crash_mid_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, crash: type
) -> None:
    out = _old_digest(tmp_path)
    real_fsync = os.fsync

    def crashing_fsync(fd: int) -> None:  # the text is half on disk in the temp file by now
        real_fsync(fd)
        raise crash()

    monkeypatch.setattr(os, "fsync", crashing_fsync)
    result = CliRunner().invoke(main, ["digest", str(EXAMPLE), "--no-fuse", "-o", str(out)])
    assert result.exit_code != 0
    assert out.read_text() == OLD
    assert _leftovers(out) == []


def test_output_crash_in_the_renderer_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = _old_digest(tmp_path)

    def broken_render(brief: object, fmt: str) -> str:
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr("summarize.cli.digest_cmd.render", broken_render)
    result = CliRunner().invoke(main, ["digest", str(EXAMPLE), "--no-fuse", "-o", str(out)])
    assert isinstance(result.exception, RuntimeError)
    assert out.read_text() == OLD
    assert _leftovers(out) == []


def test_bad_input_never_touches_the_output_file(tmp_path: Path) -> None:
    out = _old_digest(tmp_path)
    assert_error(digest(tmp_path / "missing.txt", "-o", out), "no such file")
    assert_error(digest(EXAMPLE, "--words", "2", "-o", out), "smaller than every sentence")
    assert out.read_text() == OLD
    assert _leftovers(out) == []


def test_output_replaces_a_good_file_only_when_complete(tmp_path: Path) -> None:
    out = _old_digest(tmp_path)
    result = digest(EXAMPLE, "-o", out, "--format", "json")
    assert result.exit_code == 0 and result.stdout == ""
    json.loads(out.read_text())  # whole, parseable
    assert _leftovers(out) == []


def test_output_into_a_missing_directory_is_one_line_exit_1(tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "dir" / "digest.md"
    assert_error(digest(EXAMPLE, "-o", out), f"cannot write {out}", "No such file or directory")
    assert not (tmp_path / "no").exists()


def test_output_onto_a_directory_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["digest", str(EXAMPLE), "--no-fuse", "-o", str(tmp_path)])
    assert result.exit_code == 2 and "is a directory" in result.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_failed_write_to_stdout_names_stdout() -> None:
    with open("/dev/full", "w") as full:
        result = run_process(str(EXAMPLE), stdout=full)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("summarize: error: ")
    assert "None" not in lines[0] and "stdout" in lines[0]
