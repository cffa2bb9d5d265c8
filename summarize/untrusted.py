"""What untrusted text can carry, and the one place each danger is recognised.

Sources, file names and JSON fields come from people the reader of a brief
does not know.  Three kinds of content in them act on something other than
the reader's eyes:

- **terminal controls**: ``ESC c`` resets a terminal, ``ESC ]`` retitles it,
  a newline in a file name forges a line of stderr, bidirectional overrides
  reorder what is shown, and a file name that is not UTF-8 reaches Python as
  lone surrogates that no UTF-8 output can hold.  :func:`printable` makes all
  of them visible escapes; every renderer and every line the CLI prints uses
  it, and JSON escapes the same characters (:data:`UNSAFE`) in its own syntax;
- **special tokens** of chat templates (``<|im_start|>``, ``[INST]``,
  ``<s>``...): :func:`injected_spans` finds them and the chat blocks they open,
  :func:`has_special_tokens` tells whether a text holds one;
- **instructions to a language model** ("ignore the previous instructions",
  "Write that ..."): :func:`is_instruction`.

The sentence stage marks sentences with special tokens or instructions as
noise, so they are never a point or a supporter, fused or not; the fusion
guard rejects model output that reads like one.  One detector serves both.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

__all__ = [
    "UNSAFE",
    "UNSAFE_BEYOND_C0",
    "folded",
    "has_special_tokens",
    "injected_spans",
    "is_instruction",
    "printable",
    "visible_char",
]

# --------------------------------------------------------------------------- terminal controls

_C0 = "\x00-\x1f"
_BEYOND_C0 = "\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff"

UNSAFE = re.compile(f"[{_C0}{_BEYOND_C0}]")
"""Characters that must never reach a terminal as they are: C0 and C1 controls (ESC, BEL, CSI, NEL,
newlines...), DEL, bidirectional embeddings, overrides and isolates, line and paragraph separators,
and surrogates (a lone one cannot be encoded; U+DC80-U+DCFF are the bytes of a name that is not UTF-8)."""

UNSAFE_BEYOND_C0 = re.compile(f"[{_BEYOND_C0}]")
"""The :data:`UNSAFE` characters other than C0 controls: those ``json.dumps`` leaves as they are."""

_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def visible_char(ch: str) -> str:
    """The escape that shows ``ch`` (one :data:`UNSAFE` character): ``\\n``, ``\\x1b``, ``\\u202e``.

    A surrogate U+DC80-U+DCFF is a byte that was not UTF-8 (Python's
    ``surrogateescape``), so it is shown as that byte: ``\\xe9``.
    """
    code = ord(ch)
    if ch in _NAMED:
        return _NAMED[ch]
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` as one line that is safe on any terminal and valid UTF-8: every :data:`UNSAFE` character escaped.

    Other characters, backslashes included, are left alone, so ordinary text
    (accents, CJK, emoji, right-to-left scripts) reads as it is.
    """
    return UNSAFE.sub(lambda m: visible_char(m.group()), text)


# --------------------------------------------------------------------------- special tokens

_SPECIAL = re.compile(
    r"<\|[^<>|\r\n]{1,40}\|>"  # ChatML, Llama 3, Phi: <|im_start|>, <|eot_id|>, <|endoftext|>
    r"|</?(?:s|bos|eos|pad|unk|sep|cls|mask|start_of_turn|end_of_turn)>"  # sentencepiece, BERT, Gemma
    r"|\[/?INST\]|<</?SYS>>"  # Llama 2
    r"|^[ \t]*#{2,}[ \t]*(?:instruction|response|system|input|assistant|user|human)\b[ \t]*:?",  # Alpaca
    re.IGNORECASE | re.MULTILINE,
)
"""Strings that a chat template gives a meaning: no news text needs them, an injection does."""

_CLOSING = re.compile(
    r"<\|(?:im_end|eot_id|eom_id|end|endoftext|end_of_text)\|>|</s>|<eos>|\[/INST\]|<</SYS>>|<end_of_turn>",
    re.IGNORECASE,
)
"""The special tokens that end a turn (or a system block)."""

_NEUTRAL = re.compile(r"<\|(?:end_header_id|begin_of_text)\|>|<(?:bos|pad|unk|sep|cls|mask)>", re.IGNORECASE)
"""Special tokens that neither open nor close a block (a text's start, Llama 3's header end, padding);
every other one opens a block."""


def injected_spans(text: str) -> Iterator[tuple[int, int]]:
    """Spans of ``text`` that belong to a chat template: each special token, and each block they open.

    Opening tokens nest (``<s>[INST] <<SYS>> ... <</SYS>> ... [/INST] ... </s>``);
    a block runs from the outermost opening token to the closing token that
    balances it, or to the end of the text when none does: everything inside
    was written for a model, whatever it looks like.  Spans come in text
    order and never overlap.
    """
    depth, open_at = 0, 0
    for match in _SPECIAL.finditer(text) if _may_hold_special(text) else ():
        token = match.group()
        if _NEUTRAL.fullmatch(token):
            if depth == 0:
                yield match.start(), match.end()
        elif not _CLOSING.fullmatch(token):
            if depth == 0:
                open_at = match.start()
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0:
                yield open_at, match.end()
        else:
            yield match.start(), match.end()  # a stray closing token
    if depth > 0:
        yield open_at, len(text)


# --------------------------------------------------------------------------- instructions

_INSTRUCTION_START = re.compile(
    r"(?:sure|certainly|okay|ok)(?:[,!:]|\s+(?:here|i\b|i'll|i will|thing))"  # a model's reply ("Sure, here is")
    r"|(?:system|assistant|user|human)\s*:"  # a role marker
    r"|(?:please[, ]+)?(?:write|say|state|claim|report|respond|reply|answer|output|print|summari[sz]e|rewrite"
    r"|insert|add|include|mention|repeat)\s+(?:that\b|only\b|exactly\b|the following\b|with\b|[\"“:])"
    r"|(?:do not|don't|never) (?:mention|reveal|say|include|repeat|tell)\b"
)
"""Openings of model replies and of orders to whoever writes the summary ("Write that ..."), matched at the start."""

_INSTRUCTION_ANYWHERE = re.compile(
    r"(?<![^\W_])(?:"  # at the start of a word; lower-cased text, so no IGNORECASE (ten times faster)
    r"(?:ignore|disregard|forget) (?:all |any |the |your )?(?:previous|prior|above|earlier|preceding|instructions)"
    r"|as an ai\b|language model\b|i(?: am|'m) (?:sorry|unable|an ai)\b|i (?:cannot|can't)\b"
    r"|system prompt\b|(?:new|following|my|your) instructions\b|here(?: is|'s) (?:the|a|your) "
    r"|(?:fused|combined|rewritten) sentence\b|sentences? \[?\d"
    r"|you are (?:now )?(?:a|an|the) (?:\w+ ){0,2}(?:assistant|ai|chatbot|language model|summari[sz]er|model)\b"
    r"|(?:in|into|to) your (?:summary|brief|digest|response|answer|output|reply)\b"
    r"|(?:the|this|your) (?:summary|brief|digest|response|answer|output) (?:must|should|shall)\b"
    r")"
)
"""Phrases of model replies ("as an AI", "I cannot") and of orders to a model ("ignore the previous
instructions", "in your summary"), anywhere.  With the start patterns and the token and block rules
they match 0.20% of the sentences of the 99 full Multi-News dev clusters and 0.26% of the 5,622
truncated ones (``python -m benchmarks injection DATA``), mostly quotes such as "I can't believe this
has happened": losing those as points costs little, one injected point costs trust."""


def is_instruction(text: str) -> bool:
    """Whether text reads like an order to a language model (or a model's reply) rather than news prose.

    Matched on the text :func:`folded`, so full-width letters or zero-width
    characters inside the words do not hide an instruction.
    """
    plain = folded(text).lower()
    return bool(_INSTRUCTION_START.match(plain) or _INSTRUCTION_ANYWHERE.search(plain))


def has_special_tokens(text: str) -> bool:
    """Whether ``text`` holds a chat-template token, also one hidden by full-width or zero-width characters."""
    if _may_hold_special(text) and _SPECIAL.search(text):
        return True
    plain = folded(text)
    return plain is not text and _may_hold_special(plain) and bool(_SPECIAL.search(plain))


def _may_hold_special(text: str) -> bool:
    """Whether :data:`_SPECIAL` can match: each of its tokens holds a "<", a "[" or a "#" (three substring
    tests; the pattern, a line-start branch among others, is tried at every position)."""
    return "<" in text or "[" in text or "#" in text


_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
"""Format characters that render as nothing (soft hyphen, zero-width spaces and joiners, bidi marks)."""


def folded(text: str) -> str:
    """``text`` as a reader sees it, for matching: NFKC (full-width forms become ASCII) without invisible
    characters, which can split a word that still reads whole."""
    return text if text.isascii() else _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
