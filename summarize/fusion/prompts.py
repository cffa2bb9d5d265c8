"""Prompt templates for fusion, read from versioned files in ``prompts/``.

Templates live in files, not in code, so a prompt change is a reviewable diff
with a new version number, and a brief's metadata (``Fuser.prompt``, e.g.
``"fuse-chat-v1"``) says exactly which text produced it.

File format: a YAML-like front matter block (``name``, ``version``, ``style``)
then sections introduced by ``### <section>`` lines:

``system``           system message (chat style only, optional)
``example.sources``  the worked example's input lines
``example.output``   the worked example's answer (also given to the guard, which
                     rejects output that copies it instead of fusing the input)
``user``             the request; ``{sources}`` is replaced by the numbered
                     source sentences, ``{example_sources}`` and
                     ``{example_output}`` by the example sections.

Styles: ``chat`` (rendered through the tokenizer's chat template, example as a
prior turn), ``completion`` (plain text for base LMs) and ``seq2seq`` (encoder
input for summarization models).

Where the files are: see :func:`prompts_dir`.  A template can also be named by
a file path.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

STYLES = ("chat", "completion", "seq2seq")

DEFAULT_PROMPTS = {"chat": "fuse-chat-v1", "completion": "fuse-v1", "seq2seq": "fuse-seq2seq-v1"}
"""Which template a model gets when the caller names none, by the style the model needs."""

_SECTION = re.compile(r"^### +([A-Za-z0-9_.-]+) *$", re.M)
_PLACEHOLDER = re.compile(r"\{(sources|example_sources|example_output)\}")
# Anything that could make a source sentence look like prompt structure: line breaks
# (a new "Sentences:" block or a fake "[3]" line) and our own section/marker syntax.
_STRUCTURE = re.compile(r"\s*[\r\n\u2028\u2029]+\s*")


@dataclass(frozen=True)
class Template:
    """One parsed prompt file."""

    name: str
    """Template name plus version, e.g. ``"fuse-chat-v1"``: what ``Fuser.prompt`` reports."""
    style: str
    user: str
    system: str = ""
    example_sources: str = ""
    example_output: str = ""
    path: str = ""

    def sources_block(self, sentences: Sequence[str]) -> str:
        """Number the source sentences one per line, each flattened to a single line.

        Flattening is what keeps a source's text inside its own ``[n]`` line: a
        sentence cannot open a new block of the prompt, whatever it contains.
        """
        lines = []
        for i, text in enumerate(sentences, 1):
            flat = _STRUCTURE.sub(" ", text).strip()
            lines.append(f"[{i}] {flat}")
        return "\n".join(lines)

    def fill(self, sources: str) -> str:
        """The user text with placeholders replaced in one pass.

        One regex pass (not ``str.format``) so braces or placeholder-like text
        inside a source sentence are left as they are.
        """
        values = {
            "sources": sources,
            "example_sources": self.example_sources,
            "example_output": self.example_output,
        }
        return _PLACEHOLDER.sub(lambda m: values[m.group(1)], self.user)

    def messages(self, sentences: Sequence[str]) -> list[dict[str, str]]:
        """Chat messages: system, the worked example as a prior turn, then the request."""
        msgs: list[dict[str, str]] = []
        if self.system:
            msgs.append({"role": "system", "content": self.system})
        if self.example_sources and self.example_output:
            msgs.append({"role": "user", "content": self.fill(self.example_sources)})
            msgs.append({"role": "assistant", "content": self.example_output})
        msgs.append({"role": "user", "content": self.fill(self.sources_block(sentences))})
        return msgs

    def text(self, sentences: Sequence[str]) -> str:
        """Plain-text prompt (completion and seq2seq styles).

        Seq2seq models were trained on running text, so they get the sentences
        joined by spaces rather than a numbered list.
        """
        if self.style == "seq2seq":
            block = " ".join(_STRUCTURE.sub(" ", s).strip() for s in sentences)
        else:
            block = self.sources_block(sentences)
        return self.fill(block)


def prompts_dir() -> Path:
    """Directory holding the template files.

    ``$SUMMARIZE_PROMPTS`` if set; else ``summarize/prompts`` inside an
    installed wheel (the build copies the repository's ``prompts/`` there);
    else ``prompts/`` at the repository root (source checkout).
    """
    env = os.environ.get("SUMMARIZE_PROMPTS")
    if env:
        return Path(env)
    package = Path(__file__).resolve().parent.parent
    installed = package / "prompts"
    if installed.is_dir():
        return installed
    return package.parent / "prompts"


def parse(text: str, *, path: str = "") -> Template:
    """Parse a template file's text; raises InputError naming the file when malformed."""
    where = path or "prompt template"
    meta: dict[str, str] = {}
    body = text
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end < 0:
            raise InputError(f"{where}: front matter is not closed with '---'")
        head = text[3:end]
        body = text[end + 4 :]
        key = None
        for line in head.splitlines():
            m = re.match(r"^([A-Za-z_][A-Za-z0-9_]*):\s*(.*)$", line)
            if m:
                key = m.group(1)
                meta[key] = m.group(2).strip()
            elif key and line.startswith(" "):
                meta[key] = (meta[key] + " " + line.strip()).strip(" >")
    sections: dict[str, str] = {}
    parts = _SECTION.split(body)
    for name, content in zip(parts[1::2], parts[2::2], strict=True):
        sections[name] = content.strip("\n").rstrip()
    style = meta.get("style", "")
    if style not in STYLES:
        raise InputError(f"{where}: 'style' must be one of {', '.join(STYLES)}, not {style!r}")
    if "user" not in sections or "{sources}" not in sections["user"]:
        raise InputError(f"{where}: needs a '### user' section containing {{sources}}")
    base = meta.get("name") or Path(path).stem
    version = meta.get("version", "")
    name = f"{base}-v{version}" if version and not base.endswith(f"-v{version}") else base
    return Template(
        name=name,
        style=style,
        user=sections["user"],
        system=sections.get("system", ""),
        example_sources=sections.get("example.sources", ""),
        example_output=sections.get("example.output", ""),
        path=path,
    )


_cache: dict[str, Template] = {}
_lock = threading.Lock()


def load(name: str) -> Template:
    """Load a template by name (``"fuse-v1"``) from :func:`prompts_dir`, or by file path.

    Parsed templates are cached: the files are read once per process.
    """
    with _lock:
        if name in _cache:
            return _cache[name]
        candidate = Path(name)
        path = candidate if candidate.suffix and candidate.is_file() else prompts_dir() / f"{name}.txt"
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            known = sorted(p.stem for p in prompts_dir().glob("*.txt"))
            raise InputError(
                f"prompt template {name!r} not found in {prompts_dir()}"
                + (f" (available: {', '.join(known)})" if known else "")
            ) from None
        template = parse(text, path=str(path))
        _cache[name] = template
        return template


def default_for(style: str) -> str:
    """Name of the default template for a model style (chat/completion/seq2seq)."""
    return DEFAULT_PROMPTS[style]
