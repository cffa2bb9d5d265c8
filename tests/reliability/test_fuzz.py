"""Fuzzing the command line's contract: any arguments, any files, any JSON, any Unicode.

For every generated case (README.md, Reliability):

* the exit code is 0, 1, 2 or 3, and nothing raises out of the command (never a traceback);
* stdout is valid UTF-8 with no live terminal control; JSON output parses, and a brief
  printed is a valid brief of the sources read with the same arguments;
* on success stderr holds only ``warning:`` lines; on failure stdout is empty and stderr is
  exactly one line, ``summarize: error: ...``, with no live terminal control either.

Cases run in process through click's ``CliRunner`` (fast), a few through a real process.
Every case is extractive (``--no-fuse``) except the fusion property, which runs the tiny test
model.  Inputs that could block (FIFOs) are guarded by a watchdog, so a regression fails
instead of hanging the suite.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checks import assert_valid_output
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st
from test_hostile import in_thread

from summarize.cli import main
from summarize.sources import read_sources
from summarize.untrusted import UNSAFE

FAST = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", 60)), deadline=None, suppress_health_check=list(HealthCheck)
)
FEW = settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))

WORDS = (
    "the talks trade export controls rare earths magnets London Geneva tariffs China officials said Tuesday "
    "markets fell rose percent deal agreed minister bank rates inflation 34.5 2025 not of in and was were"
).split()

# --- contents ----------------------------------------------------------------------------

prose = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=5, max_size=14).map(lambda ws: " ".join(ws).capitalize() + "."),
    min_size=1,
    max_size=8,
).map(" ".join)
"""Sentences that summarize: plain words, capitalised, a full stop."""

any_text = st.text(st.characters(codec=None), max_size=200)  # every code point, lone surrogates included
hostile_text = st.lists(
    st.one_of(
        prose,
        any_text,
        st.sampled_from(
            [
                "\x1bc",
                "\x1b]0;pwned\x07",
                "\x1b(0",
                "\x9b31m",
                "\u202e",
                "\x00",
                "\r\n",
                "\udcff",
                "<|im_start|>",
                "\ufeff",
            ]
        ),
    ),
    max_size=6,
).map("".join)


def encoded(text: str, codec: str) -> bytes:
    return text.encode(codec, "surrogatepass" if codec.startswith("utf") else "replace")


text_bytes = st.builds(encoded, hostile_text, st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1", "utf-32"]))

json_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    any_text,
    prose,
)
json_value = st.recursive(
    json_scalar,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(["id", "text", "title", "url", "x"]), inner, max_size=4)
    ),
    max_leaves=12,
)
document = st.one_of(
    prose,
    st.fixed_dictionaries(
        {"text": st.one_of(prose, hostile_text, json_value)},
        optional={"id": json_value, "title": st.one_of(hostile_text, json_value), "url": any_text, "date": json_scalar},
    ),
    json_value,
)
cluster = st.fixed_dictionaries({"documents": st.lists(document, max_size=4)}, optional={"id": json_value})


def dumped(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else json.dumps(value)


json_text = st.one_of(
    st.lists(document, max_size=5).map(dumped),
    document.map(dumped),
    st.lists(cluster, min_size=1, max_size=3).map(lambda cs: "\n".join(map(dumped, cs))),
    st.integers(1, 30_000).map(lambda n: "[" * n + "]" * n),  # deep nesting
    st.integers(4000, 6000).map(
        lambda n: '[{"id": ' + "7" * n + ', "text": "The talks resumed in London on Tuesday with both sides."}]'
    ),
    st.sampled_from(
        [
            '[{"text": "The talks in London \\ud800 resumed on Tuesday, officials said."}]',
            '{"text": NaN}',
            "[1, 2",
            "{}",
        ]
    ),
)
json_bytes = json_text.map(lambda t: t.encode("utf-8", "surrogatepass"))

html_bytes = st.builds(
    lambda title, body, script: (
        f"<html><head><title>{title}</title><script>{script}</script></head>"
        f"<body><article><p>{body}</p></article></body></html>"
    ).encode("utf-8", "surrogatepass"),
    hostile_text,
    st.one_of(prose, hostile_text),
    any_text,
)

# --- files and names ---------------------------------------------------------------------

name_text = st.text(st.characters(exclude_characters="/\x00", exclude_categories=("Cs",)), min_size=1, max_size=16)
name_bytes = st.binary(min_size=1, max_size=16).filter(lambda b: b"/" not in b and b"\x00" not in b).map(os.fsdecode)
base_name = st.one_of(st.sampled_from(["a", "report", "-x", "--words", "é", "doc"]), name_text, name_bytes).filter(
    lambda n: n not in (".", "..") and len(os.fsencode(n)) < 200
)
suffix = st.sampled_from([".txt", ".md", ".json", ".jsonl", ".html", ".htm", "", ".bin", ".TXT", ".Json"])


@dataclass
class Entry:
    name: str
    kind: str  # file, fifo, dir, link, dangling
    data: bytes = b""
    children: list[Entry] = field(default_factory=list)


file_data = st.one_of(text_bytes, json_bytes, html_bytes, prose.map(str.encode), st.binary(max_size=300), st.just(b""))
leaf = st.builds(Entry, st.builds(lambda b, s: b + s, base_name, suffix), st.just("file"), file_data)
entry = st.one_of(
    leaf,
    leaf,
    leaf,
    st.builds(Entry, base_name, st.sampled_from(["fifo", "link", "dangling"])),
    st.builds(Entry, base_name, st.just("dir"), st.just(b""), st.lists(leaf, max_size=4)),
)


def materialise(root: Path, entries: list[Entry]) -> list[str]:
    """Create the entries under ``root`` (names made unique); their paths, in order."""
    paths: list[str] = []
    for n, e in enumerate(entries):
        path = root / f"{n}{e.name}"
        if e.kind == "file":
            path.write_bytes(e.data)
        elif e.kind == "fifo":
            os.mkfifo(path)
        elif e.kind == "link":
            path.symlink_to(Path(__file__).resolve().parents[1] / "data" / "sources" / "report.md")
        elif e.kind == "dangling":
            path.symlink_to(root / "nowhere")
        else:
            path.mkdir()
            materialise(path, e.children)
        paths.append(str(path))
    return paths


# --- arguments ---------------------------------------------------------------------------

number = st.one_of(
    st.integers(1, 400).map(str),
    st.integers(1, 400).map(str),
    st.integers(-3, 0).map(str),
    st.integers(2**62, 2**64).map(str),
    st.sampled_from(["1e3", "", "x", "9" * 5000]),
)
"""Mostly budgets and limits that work, so that most cases reach a brief; the rest at and past the edges."""
option = st.one_of(
    st.tuples(st.sampled_from(["--words", "-w", "--sentences", "--max-bytes", "--max-sources"]), number),
    st.tuples(st.just("--lambda"), st.one_of(st.floats().map(str), st.sampled_from(["0.5", "-1", "nan", "x"]))),
    st.tuples(st.sampled_from(["--format", "-f"]), st.sampled_from(["markdown", "json", "text", "xml", ""])),
    st.tuples(st.sampled_from(["--query", "-q"]), hostile_text),
    st.tuples(st.just("--cluster"), st.one_of(st.sampled_from(["1", "2", "a"]), any_text)),
    st.tuples(st.sampled_from(["--quiet", "--fallback", "--strict", "--bogus", "-h"])),
    st.tuples(
        st.just("-o"), st.sampled_from(["new.md", "new.json", "existing.md", "fifo", "sub", "sub/x.md", "missing/x.md"])
    ),
)


@dataclass
class Case:
    """``summarize digest ARGS``: the paths, and the options' last values (click takes the last)."""

    args: list[str]
    paths: list[str]
    stdin: bytes | None = None
    values: dict[str, str] = field(default_factory=dict)

    @property
    def fmt(self) -> str:
        return self.values.get("-f", "markdown")

    @property
    def output(self) -> Path | None:
        return Path(self.values["-o"]) if "-o" in self.values else None


ALIASES = {"--format": "-f", "--words": "-w", "--query": "-q"}


def build_case(root: Path, paths: list[str], options: list[tuple[str, ...]], stdin: bytes | None) -> Case:
    """Paths (and ``-`` with stdin) then the options, in a workspace with an old file, a FIFO and a directory."""
    (root / "existing.md").write_text("old digest\n")
    os.mkfifo(root / "fifo")
    (root / "sub").mkdir()
    paths = [*paths, *(["-"] if stdin is not None else [])]
    case = Case(list(paths), paths, stdin)
    for name, *value in options:
        if name == "-o":
            value = [str(root / value[0])]
        case.args += [name, *value]
        case.values[ALIASES.get(name, name)] = value[0] if value else ""
    case.args.append("--no-fuse")
    return case


# --- the contract --------------------------------------------------------------------------


def no_raw_controls(text: str) -> bool:
    return all(ch in "\n" for ch in UNSAFE.findall(text))


def check(code: int, out: bytes, err: bytes, case: Case, sources_of: Any = None) -> None:
    """The CLI contract for one run (see the module docstring)."""
    note(f"exit {code}\nstdout {out[:300]!r}\nstderr {err[:300]!r}")
    event(f"exit {code}")
    assert code in (0, 1, 2, 3)
    assert b"Traceback" not in out + err
    stdout, stderr = out.decode("utf-8"), err.decode("utf-8")  # valid UTF-8, both
    assert no_raw_controls(stdout) and no_raw_controls(stderr)
    lines = stderr.splitlines()
    if code != 0:
        assert stdout == ""
        assert len(lines) == 1 and lines[0].startswith("summarize: error: "), stderr
        return
    if "-h" in case.values:
        return
    assert all(line.startswith(("warning: ", "found ", "fetched ")) for line in lines), stderr  # warnings, summaries
    if case.output is not None:
        assert stdout == ""
        written = case.output.read_bytes().decode("utf-8")
        if case.fmt == "json":
            json.loads(written)
        return
    assert stdout.strip()
    if case.fmt == "json":
        data = json.loads(stdout)
        if sources_of is not None:
            assert_valid_output(data, sources=sources_of())


def run_in_process(case: Case) -> None:
    def invoke() -> Any:
        return CliRunner().invoke(main, ["digest", *case.args], input=case.stdin if case.stdin is not None else b"")

    fifos = [Path(a) for a in case.args if os.path.exists(a) and Path(a).is_fifo()]

    def unblock() -> None:
        for fifo in fifos:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))

    result = in_thread(invoke, unblock, seconds=120)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a traceback a user would see
    check(result.exit_code, result.stdout_bytes, result.stderr_bytes, case, lambda: _sources(case))


def _sources(case: Case) -> list[Any]:
    """The sources the same arguments read, for checking a JSON brief's citations."""
    sources, _ = read_sources(
        case.paths,
        stdin=io.BytesIO(case.stdin or b""),
        cluster=case.values.get("--cluster"),
        max_bytes=int(case.values.get("--max-bytes", 5 * 1024 * 1024)),
        max_sources=int(case.values.get("--max-sources", 1000)),
    )
    return sources


# --- the properties ------------------------------------------------------------------------


@FAST
@given(st.lists(entry, min_size=0, max_size=5), st.lists(option, max_size=3), st.one_of(st.none(), file_data))
def test_any_files_and_arguments_keep_the_cli_contract(entries, options, stdin):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        case = build_case(root, materialise(root, entries), options, stdin)
        run_in_process(case)


@FAST
@given(
    st.lists(json_bytes, min_size=1, max_size=3),
    st.sampled_from([".json", ".jsonl", ""]),
    st.sampled_from(["json", "markdown", "text"]),
)
def test_any_json_keeps_the_cli_contract(payloads, ext, fmt):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        paths = []
        for n, payload in enumerate(payloads):
            (root / f"in{n}{ext}").write_bytes(payload)
            paths.append(str(root / f"in{n}{ext}"))
        run_in_process(build_case(root, paths, [("-f", fmt)], None))


@FAST
@given(
    st.lists(st.tuples(base_name, st.one_of(prose, hostile_text)), min_size=1, max_size=4),
    st.sampled_from(["json", "markdown", "text"]),
)
def test_any_unicode_in_names_and_texts_keeps_the_cli_contract(files, fmt):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        paths = []
        for n, (name, text) in enumerate(files):
            path = root / f"{n}{name}.txt"
            path.write_bytes(text.encode("utf-8", "surrogatepass"))
            paths.append(str(path))
        run_in_process(build_case(root, paths, [("-f", fmt)], None))


def _fits_argv(option: tuple[str, ...]) -> bool:
    """Whether a process can be given these arguments: no NUL, and encodable as file-system bytes."""
    try:
        return all("\x00" not in arg and os.fsencode(arg) is not None for arg in option)
    except UnicodeError:
        return False


@FEW
@given(
    st.lists(leaf, min_size=1, max_size=3),
    st.lists(option.filter(lambda o: o[0] != "-h").filter(_fits_argv), max_size=3),
)
def test_a_real_process_keeps_the_cli_contract(entries, options):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        case = build_case(root, materialise(root, entries), options, None)
        result = subprocess.run(
            [sys.executable, "-m", "summarize", "digest", *case.args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=120,
            env={**os.environ, "PYTHONIOENCODING": "ascii:strict"},  # the strictest terminal encoding
        )
        check(result.returncode, result.stdout, result.stderr, case)


@FEW
@given(
    st.lists(st.one_of(prose, prose, hostile_text), min_size=2, max_size=4),
    st.sampled_from([[], ["--fallback"], ["--timeout", "0.000001"], ["--timeout", "0.000001", "--fallback"]]),
)
def test_fusion_keeps_the_cli_contract(model_dirs, isolated_cache, texts, extra):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        paths = []
        for n, text in enumerate(texts):
            (root / f"{n}.txt").write_bytes(text.encode("utf-8", "surrogatepass"))
            paths.append(str(root / f"{n}.txt"))
        args = [*paths, "-m", str(model_dirs["chat"]), "--quiet", "-f", "json", *extra]
        result = CliRunner().invoke(main, ["digest", *args])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        check(result.exit_code, result.stdout_bytes, result.stderr_bytes, Case(args, paths, values={"-f": "json"}))
