"""Render a :class:`Brief` as Markdown (people), JSON (machines) or plain text.

Source text is untrusted: in Markdown every character that could start markup
or HTML is escaped, so a scraped page cannot inject links, images or tags.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .brief import Brief, BriefSentence, Conflict, Source
from .text import squash

FORMATS = ("markdown", "json", "text")
SCHEMA_VERSION = 3
"""3: ``conflicts`` (where sources disagree) and each sentence's ``conflicts``; 2: warnings are
``{"code", "message"}`` objects (1: plain strings)."""

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
        "conflicts": [_conflict(c) for c in brief.conflicts],
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
        "conflicts": list(sentence.conflicts),
    }
    if sentence.guard is not None:
        out["guard"] = {
            "passed": sentence.guard.passed,
            "candidate": sentence.guard.candidate,
            "reasons": list(sentence.guard.reasons),
        }
    return out


def _conflict(conflict: Conflict) -> dict[str, Any]:
    return {
        "about": conflict.about,
        "kind": conflict.kind,
        "update": conflict.update,
        "variants": [
            {"value": v.value, "support": v.support, "citations": [vars(c).copy() for c in v.citations]}
            for v in conflict.variants
        ],
    }


def _source(source: Source) -> dict[str, Any]:
    return {"id": source.id, "path": source.path, "title": source.title, "url": source.url, "date": source.date}


def to_markdown(brief: Brief) -> str:
    """The human format: a numbered brief, citation marks per sentence, and the source list."""
    number = {s.id: n for n, s in enumerate(brief.sources, 1)}
    lines = ["# Brief", ""]
    for n, sentence in enumerate(brief.sentences, 1):
        marks = _marks(number, _cited(sentence))
        disputed = f" *(sources disagree: see {', '.join(str(k + 1) for k in sentence.conflicts)} below)*"
        lines.append(f"{n}. {escape(sentence.text)} {marks}" + (disputed if sentence.conflicts else ""))
    if brief.conflicts:
        lines += ["", "## Where sources disagree", ""]
        dates = {s.id: s.date for s in brief.sources}
        for n, conflict in enumerate(brief.conflicts, 1):
            lines.append(f"{n}. {escape(conflict.about)} ({conflict.kind})")
            for k, v in enumerate(conflict.variants):
                sources = "source" if v.support == 1 else "sources"
                cited = list(dict.fromkeys(c.source for c in v.citations))
                when = f", {'latest' if k == 0 else 'earlier'}: {escape(_latest(cited, dates))}" if conflict.update else ""
                lines.append(f"   - {escape(v.value)}: {v.support} {sources} {_marks(number, cited)}{when}")
    lines += ["", "## Sources", ""]
    for source in brief.sources:
        label = escape(source.title or source.id)
        where = f" — {escape(source.url or source.path)}" if (source.url or source.path) else ""
        lines.append(f"{number[source.id]}. {label}{where}")
    for warning in brief.warnings:
        lines += ["", f"> Warning: {escape(warning.message)}"]
    return "\n".join(lines).rstrip() + "\n"


def to_text(brief: Brief) -> str:
    """Plain text: one sentence a line with the ids of the sources behind it; then where sources disagree."""
    out = "".join(
        f"{s.text} [{', '.join(_cited(s))}]" + (" (sources disagree)" if s.conflicts else "") + "\n"
        for s in brief.sentences
    )
    if brief.conflicts:
        out += "\nWhere sources disagree:\n"
        for c in brief.conflicts:
            sides = "; ".join(
                f"{squash(v.value)} [{', '.join(dict.fromkeys(x.source for x in v.citations))}]" for v in c.variants
            )
            out += f"- {squash(c.about)}: {sides}\n"
    return out


def escape(text: str) -> str:
    """Make untrusted text inert in Markdown and HTML, one line, still readable as plain text.

    CommonMark backslash escapes cover emphasis, links, images, code, tables and
    raw HTML (``\\<script>`` renders as text); ``&`` is escaped only where it
    would start an entity.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", squash(text))


def _cited(sentence: BriefSentence) -> list[str]:
    return list(dict.fromkeys(c.source for c in sentence.citations))


def _marks(number: dict[str, int], sources: list[str]) -> str:
    return "".join(f"[{n}]" for n in sorted(number[sid] for sid in sources))


def _latest(sources: list[str], dates: dict[str, str | None]) -> str:
    return max((dates.get(s) or "" for s in sources), default="")
