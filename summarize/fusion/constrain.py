"""Source-constrained decoding: the model may write only what its cited sentences give it.

A small model asked to fuse sentences invents: names, figures, the prompt's
own example.  With ``Options(constrained=True)`` (``--constrained``) every
generated token must be one the cited sentences' words tokenize to, or one of a
closed set of function words and punctuation; every other token's score is set
to minus infinity before the greedy pick.  The constraint is per token, not per
word, so sub-word pieces can still join into a word no source has; the guard,
which checks every fused sentence, remains the last gate.

Negations ("no", "not", "nor") are not in the closed set: a rewrite may say
"not" only when a cited sentence does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from ..text import STOP_WORDS

FUNCTION_WORDS = tuple(sorted(STOP_WORDS - {"no", "not", "nor"}))
"""Words any rewrite may use whatever the sources say: they join facts, they state none."""

PUNCTUATION = (*". , ; : ' \" ’ “ ” ( ) - – —".split(), "'s", "’s")
"""Marks any sentence needs; figures and symbols such as % and $ come from the sources or not at all."""

_PIECE = re.compile(r"\w+|[^\w\s]")


def _variants(word: str) -> set[str]:
    """A word as a tokenizer may meet it: as written, capitalised, lower-cased; with and without a space before."""
    forms = {word, word.lower(), word[:1].upper() + word[1:]}
    return {f for form in forms for f in (form, " " + form)}


def allowed_tokens(tokenizer: Any, texts: Iterable[str], always: Sequence[int] = ()) -> frozenset[int]:
    """Token ids a rewrite of ``texts`` may generate: their words', the closed set's, and ``always`` (end tokens).

    Each word is tokenized alone in every :func:`_variants` form, because a BPE
    or SentencePiece tokenizer gives a different first piece to a word after a
    space, at a line start, or capitalised at a sentence start.
    """
    words = {w for text in texts for w in text.split()}
    words |= {p for text in texts for p in _PIECE.findall(text)}
    words |= set(FUNCTION_WORDS) | set(PUNCTUATION) | {"\n"}
    forms = sorted({v for w in words for v in _variants(w)})
    ids: set[int] = set(always)
    for batch_start in range(0, len(forms), 512):
        encoded = tokenizer(forms[batch_start : batch_start + 512], add_special_tokens=False)["input_ids"]
        for row in encoded:
            ids.update(int(i) for i in row)
    return frozenset(ids)


def processor(allowed: Sequence[frozenset[int]]) -> Any:
    """A transformers ``LogitsProcessor`` that keeps, in batch row ``r``, only the tokens of ``allowed[r]``.

    The masks are built on the first step, at the width of the model's scores
    (which may exceed the tokenizer's vocabulary), and reused for every step.
    """
    import torch
    from transformers import LogitsProcessor

    class _OnlyAllowed(LogitsProcessor):
        def __init__(self) -> None:
            self.keep: torch.Tensor | None = None

        def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
            if self.keep is None or self.keep.shape != scores.shape:
                keep = torch.zeros(scores.shape, dtype=torch.bool)
                for row, ids in enumerate(allowed):
                    index = torch.tensor(sorted(i for i in ids if i < scores.shape[-1]), dtype=torch.long)
                    keep[row, index] = True
                self.keep = keep.to(scores.device)
            return scores.masked_fill(~self.keep, float("-inf"))  # type: ignore[return-value]

    return _OnlyAllowed()
