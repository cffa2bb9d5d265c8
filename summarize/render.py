"""Render a :class:`Brief` as Markdown (people), JSON (machines) or plain text.

Source text is untrusted: in Markdown every character that could start markup
or HTML is escaped, so a scraped page cannot inject links, images or tags.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .brief import Brief, BriefSentence, Source
from .text import squash

FORMATS = ("markdown", "json", "text")
SCHEMA_VERSION = 2
"""2: warnings are ``{"code", "message"}`` objects (1: plain strings)."""

_MARKDOWN_SPECIAL = re.compile(r"([\\`*\[\]<>|~]|&(?=#?\w+;)|(?<![^\W_])_|_(?![^\W_]))")
"""Characters that start Markdown or HTML; ``_`` only where it could (intraword ``_`` never does)."""


def render(brief: Brief, fmt: str) -> str:
    """Render in one of :data:`FORMATS`."""
    return {"markdown": to_markdown, "json": to_json, "text": to_text}[fmt](brief)


def to_json(brief: Brief, *, indent: int | None = 2) -> str:
    """The machine format: sentences with every citation, sources, and how the brief was made."""
    return json.dumps(as_dict(brief), ensure_ascii=False, indent=indent)


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
        label = escape(source.title or source.id)
        where = f" — {escape(source.url or source.path)}" if (source.url or source.path) else ""
        lines.append(f"{number[source.id]}. {label}{where}")
    for warning in brief.warnings:
        lines += ["", f"> Warning: {escape(warning.message)}"]
    return "\n".join(lines).rstrip() + "\n"


def to_text(brief: Brief) -> str:
    """Plain text: one sentence a line with the ids of the sources behind it."""
    return "".join(f"{squash(s.text)} [{', '.join(_cited(s))}]\n" for s in brief.sentences)


def escape(text: str) -> str:
    """Make untrusted text inert in Markdown and HTML, one line, still readable as plain text.

    CommonMark backslash escapes cover emphasis, links, images, code, tables and
    raw HTML (``\\<script>`` renders as text); ``&`` is escaped only where it
    would start an entity.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", squash(text))


def _cited(sentence: BriefSentence) -> list[str]:
    return list(dict.fromkeys(c.source for c in sentence.citations))
