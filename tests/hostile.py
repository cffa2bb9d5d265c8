"""Hostile input for the HTML page's tests: markup, script, links and control characters everywhere a brief has text.

``hostile_files`` writes a cluster the CLI reads (hostile file names, a JSON
source with hostile ``id``, ``title``, ``url`` and ``date``); ``hostile_brief``
builds one through the library (control characters the file reader would
refuse, such as NUL), with a fused sentence and a rejected candidate whose
texts are hostile too.  A script that ran would set ``window.pwned`` or open an
alert; a link that went live would carry ``javascript:``.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from summarize import Brief, GuardVerdict, Source, summarize

HOSTILE_TEXT = (
    "Officials said the hacked page showed <script>window.pwned=1;alert(1)</script> and "
    '<img src=x onerror="window.pwned=2;alert(2)"> to readers of the talks on Tuesday. '
    "A link [x](javascript:alert(3)) and </style></script><!-- and {{ 7 * 7 }} were in it.\x07\x1b[31m Beep.\r\n"
    "The talks in London between the United States and China resumed on Tuesday after seven hours of meetings.\r\n"
)
EVIL_TITLE = "<script>window.pwned=3;alert('t')</script>\x1b]0;x\x07"
EVIL_NAME = "evil<img src=x onerror=alert(4)>[x](javascript:alert(9)).txt"

ALLOWED_TAGS = frozenset(
    "html head meta title style body main section header h1 h2 h3 p ol ul li span aside article div mark "
    "details summary dl dt dd meter a script".split()
)
"""Every element the page may contain; anything else came from the input."""


def hostile_files(directory: Path) -> list[Path]:
    """A cluster of three hostile sources on disk, as a user might download them."""
    text = directory / EVIL_NAME
    text.write_text(HOSTILE_TEXT, encoding="utf-8")
    records = directory / "feed<svg onload=alert(10)>.json"
    records.write_text(json.dumps([
        {"id": '<b>a</b>" onmouseover="alert(11)', "title": EVIL_TITLE, "url": "javascript:alert(5)",
         "date": "<img src=x onerror=alert(6)>", "text": HOSTILE_TEXT.replace("Officials", "Reporters")},
        {"id": "c", "title": "Talks resume", "url": "\x01javascript:alert(7)",
         "text": "The United States and China resumed their talks in London on Tuesday after meetings.\n"},
    ]), encoding="utf-8")
    return [text, records]


def hostile_brief() -> Brief:
    """A brief built by the library from hostile sources, with hostile fused and rejected candidates."""
    sources = [
        Source("<b>a</b>", HOSTILE_TEXT.replace("Beep", "Beep\x00\ud800"), path=EVIL_NAME, title=EVIL_TITLE,
               url="javascript:alert(5)", date="<img src=x onerror=alert(6)>"),
        Source('b" onclick="alert(7)', HOSTILE_TEXT.replace("Officials", "Reporters"), url=" javascript:alert(8)"),
        Source("c", "The United States and China resumed their talks in London on Tuesday after meetings.\n",
               url="https://example.com/news?a=1&b=2"),
    ]
    brief = summarize(sources, words=400, fuse=False)
    first, *rest = brief.sentences
    evil = "Talks <img src=x onerror=alert(12)> resumed <script>window.pwned=4</script> on Tuesday."
    fused = replace(first, text=evil, fused=True, guard=GuardVerdict(True, evil))
    rejected = [replace(s, guard=GuardVerdict(False, evil, ("<b>new</b> word: onerror",))) for s in rest]
    return replace(brief, sentences=(fused, *rejected))


def merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Ranges sorted, with those that overlap or touch joined (a span cut into marks reads as one)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
