"""Render a :class:`Brief` or a :class:`Digest` as Markdown (people), JSON (machines) or text, a brief as HTML.

Source text is untrusted: in Markdown every character that could start markup
or HTML is escaped, so a scraped page cannot inject links, images or tags.
The HTML provenance page, with its template, script and style, is the
package :mod:`summarize.render_html`; this module only dispatches to it.
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
from collections.abc import Callable
from typing import Any

from .brief import Brief, BriefSentence, Conflict, Digest, Mention, Source, Story, Title
from .errors import InputError
from .render_html import to_html
from .text import squash
from .untrusted import UNSAFE_BEYOND_C0, printable, visible_char

FORMATS = ("markdown", "json", "text", "html")
SCHEMA_VERSION = 3
"""3: ``kind`` tells a ``"brief"`` from a ``"digest"`` (one brief per story), and ``conflicts`` lists where
the sources disagree (each sentence's ``conflicts`` the ones it states a side of); 2: warnings are
``{"code", "message"}`` objects (1: plain strings)."""

_MARKDOWN_SPECIAL = re.compile(r"([\\`*\[\]<>|~]|&(?=#?\w+;)|(?<![^\W_])_|_(?![^\W_]))")
"""Characters that start Markdown or HTML; ``_`` only where it could (intraword ``_`` never does)."""


def render(result: Brief | Digest, fmt: str) -> str:
    """Render a brief or a digest in one of :data:`FORMATS` (the HTML page shows one brief)."""
    renderers: dict[str, Callable[[Any], str]] = {
        "markdown": to_markdown, "json": to_json, "text": to_text, "html": to_html
    }
    if not isinstance(fmt, str) or fmt not in renderers:
        raise InputError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if fmt == "html" and isinstance(result, Digest):
        raise InputError("the HTML page shows one brief, and these sources make several stories: use --one-story")
    return renderers[fmt](result)


def to_json(result: Brief | Digest, *, indent: int | None = 2) -> str:
    """The machine format: sentences with every citation, sources, and how the brief (or digest) was made."""
    data = digest_dict(result) if isinstance(result, Digest) else as_dict(result)
    return UNSAFE_BEYOND_C0.sub(_json_escape, json.dumps(data, ensure_ascii=False, indent=indent))


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
        "kind": "brief",
        "sentences": [_sentence(s) for s in brief.sentences],
        "sources": [_source(s) for s in brief.sources],
        "words": brief.words,
        "conflicts": [_conflict(c) for c in brief.conflicts],
        "warnings": _warnings(brief.warnings),
        "options": dict(brief.meta.options),
        "fusion": _fusion(brief),
        **({} if brief.meta.followup is None else {"followup": vars(brief.meta.followup).copy()}),
    }


def digest_dict(digest: Digest) -> dict[str, Any]:
    """A digest as JSON data: stories (title, sources, brief), also reported, all sources, warnings, options."""
    return {
        "schema": SCHEMA_VERSION,
        "kind": "digest",
        "stories": [_story(s) for s in digest.stories],
        "also_reported": [_mention(m) for m in digest.also_reported],
        "sources": [_source(s) for s in digest.sources],
        "warnings": _warnings(digest.warnings),
        "options": dict(digest.options),
    }


def _story(story: Story) -> dict[str, Any]:
    brief = story.brief
    return {
        **_mention(story),
        "sentences": [_sentence(s) for s in brief.sentences],
        "words": brief.words,
        "conflicts": [_conflict(c) for c in brief.conflicts],
        "warnings": _warnings(brief.warnings),
        "fusion": _fusion(brief),
        **({} if brief.meta.followup is None else {"followup": vars(brief.meta.followup).copy()}),
    }


def _mention(story: Story | Mention) -> dict[str, Any]:
    return {
        "id": story.id,
        "continued": story.continued,
        "title": _title(story.title),
        "sources": [s.id for s in story.sources],
        "independent_sources": story.independent,
    }


def _title(title: Title) -> dict[str, Any]:
    citation = None if title.citation is None else vars(title.citation).copy()
    return {"text": title.text, "source": title.source, "citation": citation}


def _warnings(warnings) -> list[dict[str, str]]:
    return [{"code": w.code, "message": w.message} for w in warnings]


def _fusion(brief: Brief) -> dict[str, Any] | None:
    return None if brief.meta.fusion is None else vars(brief.meta.fusion).copy()


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
    if sentence.copied:
        out["copied"] = [vars(c).copy() for c in sentence.copied]
    if sentence.followup is not None:
        match = sentence.followup.match
        out["followup"] = {"status": sentence.followup.status, "matches": None if match is None else vars(match).copy()}
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


def to_markdown(result: Brief | Digest) -> str:
    """The human format: a numbered brief (one per story), citation marks per sentence, and the source list."""
    if isinstance(result, Digest):
        return _digest_markdown(result)
    brief = result
    number = {s.id: n for n, s in enumerate(brief.sources, 1)}
    followup = brief.meta.followup
    only_new = followup is not None and followup.only_new
    lines = ["# New since the previous brief" if only_new else "# Brief", ""]
    for n, sentence in enumerate(brief.sentences, 1):
        marks = "".join(f"[{n}]" for n in sorted(number[sid] for sid in _cited(sentence)))
        label = "" if only_new or sentence.followup is None else f"**{sentence.followup.status.capitalize()}:** "
        lines.append(f"{n}. {label}{escape(sentence.text)} {marks}{_disputed(sentence)}")
    if only_new and followup is not None:
        left = followup.known_left_out
        known = f" {left} known point{'' if left == 1 else 's'} left out." if left else ""
        lines += [f"Nothing new.{known}"] if not brief.sentences else (["", known.strip()] if known else [])
    lines += _conflict_lines(brief, number, "##")
    if brief.sources:
        lines += ["", "## Sources", "", *_source_list(brief.sources, number)]
    lines += _warning_lines(brief.warnings)
    return "\n".join(lines).rstrip() + "\n"


def _digest_markdown(digest: Digest) -> str:
    number = {s.id: n for n, s in enumerate(digest.sources, 1)}
    stories, sources = _count(len(digest.stories), "story", "stories"), _count(len(digest.sources), "source")
    lines = [f"# Digest: {stories} from {sources}"]
    for k, story in enumerate(digest.stories, 1):
        lines += ["", f"## {k}. {escape(story.title.text)} {_marks([story.title.source], number)}", ""]
        lines += [f"*{_reported(story)}*", "", *_numbered(story.brief, number)]
        lines += _conflict_lines(story.brief, number, "###")
        lines += _warning_lines(story.brief.warnings)
    if digest.also_reported:
        lines += ["", "## Also reported", ""]
        lines += [f"- {escape(m.title.text)} {_marks([s.id for s in m.sources], number)}" for m in digest.also_reported]
    lines += ["", "## Sources", "", *_source_list(digest.sources, number), *_warning_lines(digest.warnings)]
    return "\n".join(lines).rstrip() + "\n"


def _numbered(brief: Brief, number: dict[str, int]) -> list[str]:
    return [
        f"{n}. {escape(s.text)} {_marks(_cited(s), number)}{_disputed(s)}" for n, s in enumerate(brief.sentences, 1)
    ]


def _disputed(sentence: BriefSentence) -> str:
    """The mark of a sentence that states one side of a dispute: which entries of the section to read."""
    if not sentence.conflicts:
        return ""
    return f" *(sources disagree: see {', '.join(str(k + 1) for k in sentence.conflicts)} below)*"


def _conflict_lines(brief: Brief, number: dict[str, int], level: str) -> list[str]:
    """The "Where sources disagree" section: each dispute, then each side with its support and sources."""
    if not brief.conflicts:
        return []
    lines = ["", f"{level} Where sources disagree", ""]
    dates = {s.id: s.date for s in brief.sources}
    for n, conflict in enumerate(brief.conflicts, 1):
        lines.append(f"{n}. {escape(conflict.about)} ({conflict.kind})")
        for k, v in enumerate(conflict.variants):
            cited = _ids_of(v.citations)
            when = f", {'latest' if k == 0 else 'earlier'}: {escape(_latest(cited, dates))}" if conflict.update else ""
            lines.append(f"   - {escape(v.value)}: {_count(v.support, 'source')} {_marks(cited, number)}{when}")
    return lines


def _latest(sources: list[str], dates: dict[str, str | None]) -> str:
    return max((dates.get(s) or "" for s in sources), default="")


def _text_conflicts(brief: Brief) -> str:
    """Plain text of the disputes: one line each, every side with the ids of the sources that state it."""
    if not brief.conflicts:
        return ""
    lines = [
        f"- {_line(c.about)}: "
        + "; ".join(f"{_line(v.value)} [{', '.join(map(printable, _ids_of(v.citations)))}]" for v in c.variants)
        for c in brief.conflicts
    ]
    return "Where sources disagree:\n" + "".join(line + "\n" for line in lines)


def _marks(ids, number: dict[str, int]) -> str:
    return "".join(f"[{n}]" for n in sorted(number[sid] for sid in ids))


def _source_list(sources, number: dict[str, int]) -> list[str]:
    lines = []
    for source in sources:
        label = escape(source.title) if source.title else escape(source.id, prose=False)
        location = source.url or source.path
        where = f" — {escape(location, prose=False)}" if location else ""
        lines.append(f"{number[source.id]}. {label}{where}")
    return lines


def _warning_lines(warnings) -> list[str]:
    return [line for warning in warnings for line in ("", f"> Warning: {escape(warning.message, prose=False)}")]


def _reported(story: Story) -> str:
    n = len(story.sources)
    copies = "" if story.independent == n else f", {story.independent} independent"
    return f"{_count(n, 'source')}{copies}{_continuity(story)}"


def _continuity(story: Story | Mention) -> str:
    """Against a previous digest: whether the story continues one of its stories."""
    return {None: "", True: ", continued", False: ", new story"}[story.continued]


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def to_text(result: Brief | Digest) -> str:
    """Plain text: one sentence a line with the ids of the sources behind it; a digest titles each story."""
    if not isinstance(result, Digest):
        only_new = result.meta.followup is not None and result.meta.followup.only_new
        lines = "".join(
            f"{'' if only_new or s.followup is None else s.followup.status + ': '}{_line(s.text)} {_bracketed(s)}"
            + (" (sources disagree)" if s.conflicts else "")
            + "\n"
            for s in result.sentences
        )
        disputes = _text_conflicts(result)
        return f"{lines}\n{disputes}" if disputes else lines
    blocks = [f"Story {k}{_continuity(s)}: {_line(s.title.text)} [{printable(s.title.source)}]\n{to_text(s.brief)}"
              for k, s in enumerate(result.stories, 1)]
    also = "".join(
        f"Also reported: {_line(m.title.text)} [{', '.join(map(printable, _ids(m.sources)))}]\n"
        for m in result.also_reported
    )
    return "\n".join([*blocks, also] if also else blocks)


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


def _ids(sources) -> list[str]:
    return [s.id for s in sources]


def _bracketed(sentence: BriefSentence) -> str:
    return f"[{', '.join(map(printable, _cited(sentence)))}]"


def _cited(sentence: BriefSentence) -> list[str]:
    return _ids_of(sentence.citations)


def _ids_of(citations) -> list[str]:
    return list(dict.fromkeys(c.source for c in citations))
