"""Render a :class:`Brief` as Markdown (people), JSON (machines) or plain text.

Source text is untrusted: in Markdown every character that could start markup
or HTML is escaped, so a scraped page cannot inject links, images or tags.
Terminal controls, bidirectional overrides and the undecodable bytes of file
names (:data:`summarize.untrusted.UNSAFE`) are shown as escapes in Markdown and
text (:func:`~summarize.untrusted.printable`); JSON keeps the data exact and
writes them as ``\\u`` escapes, so every format is valid UTF-8 and safe to
print.  JSON always parses: a name's undecodable byte appears as the text
``\\xNN`` (JSON cannot carry bytes), and any other lone surrogate as U+FFFD.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .brief import Brief, BriefSentence, Source
from .errors import InputError
from .text import squash
from .untrusted import UNSAFE_BEYOND_C0, printable, visible_char

FORMATS = ("markdown", "json", "text")
SCHEMA_VERSION = 2
"""2: warnings are ``{"code", "message"}`` objects (1: plain strings)."""

_MARKDOWN_SPECIAL = re.compile(r"([\\`*\[\]<>|~]|&(?=#?\w+;)|(?<![^\W_])_|_(?![^\W_]))")
"""Characters that start Markdown or HTML; ``_`` only where it could (intraword ``_`` never does)."""


def render(brief: Brief, fmt: str) -> str:
    """Render in one of :data:`FORMATS`."""
    renderers = {"markdown": to_markdown, "json": to_json, "text": to_text}
    if not isinstance(fmt, str) or fmt not in renderers:
        raise InputError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    return renderers[fmt](brief)


def to_json(brief: Brief, *, indent: int | None = 2) -> str:
    """The machine format: sentences with every citation, sources, and how the brief was made."""
    return UNSAFE_BEYOND_C0.sub(_json_escape, json.dumps(as_dict(brief), ensure_ascii=False, indent=indent))


def _json_escape(match: re.Match[str]) -> str:
    """An unsafe character that ``json.dumps`` left raw, as JSON that parses everywhere.

    ``json.dumps`` already escapes C0 controls; what is left (DEL, C1, bidi
    controls, separators) becomes a ``\\u`` escape of the same character.  A
    surrogate cannot be UTF-8 and a lone ``\\ud800`` escape is refused by strict
    parsers: the byte of a name that is not UTF-8 becomes the text ``\\xNN``,
    any other surrogate U+FFFD.
    """
    ch = match.group()
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:
        return "\\" + visible_char(ch)
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return f"\\u{code:04x}"


def as_dict(brief: Brief) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "sentences": [_sentence(s) for s in brief.sentences],
        "sources": [_source(s) for s in brief.sources],
        "words": brief.words,
        "warnings": [{"code": w.code, "message": w.message} for w in brief.warnings],
        "options": dict(brief.meta.options),
        "fusion": None if brief.meta.fusion is None else vars(brief.meta.fusion).copy(),
    }


def _sentence(sentence: BriefSentence) -> dict[str, Any]:
    out: dict[str, Any] = {
        "text": sentence.text,
        "support": sentence.support,
        "fused": sentence.fused,
        "citations": [vars(c).copy() for c in sentence.citations],
    }
    if sentence.guard is not None:
        out["guard"] = {
            "passed": sentence.guard.passed,
            "candidate": sentence.guard.candidate,
            "reasons": list(sentence.guard.reasons),
        }
    return out


def _source(source: Source) -> dict[str, Any]:
    return {"id": source.id, "path": source.path, "title": source.title, "url": source.url, "date": source.date}


def to_markdown(brief: Brief) -> str:
    """The human format: a numbered brief, citation marks per sentence, and the source list."""
    number = {s.id: n for n, s in enumerate(brief.sources, 1)}
    lines = ["# Brief", ""]
    for n, sentence in enumerate(brief.sentences, 1):
        marks = "".join(f"[{n}]" for n in sorted(number[sid] for sid in _cited(sentence)))
        lines.append(f"{n}. {escape(sentence.text)} {marks}")
    lines += ["", "## Sources", ""]
    for source in brief.sources:
        label = escape(source.title) if source.title else escape(source.id, prose=False)
        location = source.url or source.path
        where = f" — {escape(location, prose=False)}" if location else ""
        lines.append(f"{number[source.id]}. {label}{where}")
    for warning in brief.warnings:
        lines += ["", f"> Warning: {escape(warning.message, prose=False)}"]
    return "\n".join(lines).rstrip() + "\n"


def to_text(brief: Brief) -> str:
    """Plain text: one sentence a line with the ids of the sources behind it, every control made visible."""
    return "".join(f"{_line(s.text)} [{', '.join(map(printable, _cited(s)))}]\n" for s in brief.sentences)


def _line(text: str) -> str:
    return printable(squash(text))


def escape(text: str, *, prose: bool = True) -> str:
    """Make untrusted text inert in Markdown and HTML, one line, still readable as plain text.

    CommonMark backslash escapes cover emphasis, links, images, code, tables and
    raw HTML (``\\<script>`` renders as text); ``&`` is escaped only where it
    would start an entity.  Controls are made visible first (``\\x1b``), so their
    backslash is escaped too and reads as typed.  ``prose`` (a sentence, a
    title): runs of white space become one space; otherwise (an id, a path, a
    message naming one) a newline is shown as ``\\n`` like any other control.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _line(text) if prose else printable(text))


def _cited(sentence: BriefSentence) -> list[str]:
    return list(dict.fromkeys(c.source for c in sentence.citations))
