"""How much real news the prompt-injection rules take out: ``python -m benchmarks injection DATA``.

The sentence stage marks as noise every sentence that reads like an instruction
to a language model (:func:`summarize.untrusted.is_instruction`), holds a
chat-template token (:func:`~summarize.untrusted.has_special_tokens`), or lies
inside a chat block (:func:`~summarize.untrusted.injected_spans`).  Real news
should almost never match: this counts the sentences of a dataset's documents
that do.  ``--show N`` prints the first N matches for reading (dataset text goes
to the terminal only, never into the repository).
"""

from __future__ import annotations

from collections.abc import Iterable

from summarize.brief import Source
from summarize.sentences import split
from summarize.untrusted import has_special_tokens, injected_spans, is_instruction


def measure(clusters: Iterable, show: int = 0) -> dict:
    """Sentences (punkt's, noise included) of every document of ``clusters``, and those the rules match."""
    sentences = matched = 0
    examples: list[str] = []
    for cluster in clusters:
        for k, text in enumerate(cluster.documents):
            spans = list(injected_spans(text))
            for s in split(Source(f"d{k}", text)).sentences:
                sentences += 1
                inside = any(a < s.end and s.start < b for a, b in spans)
                if inside or is_instruction(s.text) or has_special_tokens(s.text):
                    matched += 1
                    if len(examples) < show:
                        examples.append(f"{cluster.id}: {' '.join(s.text.split())[:160]}")
    return {"sentences": sentences, "matched": matched, "examples": examples}


def markdown(name: str, result: dict) -> str:
    share = result["matched"] / result["sentences"] if result["sentences"] else 0.0
    head = f"{name}: {result['matched']:,} of {result['sentences']:,} sentences ({share:.2%}) match the injection rules"
    return "\n".join([head, *(f"  {e}" for e in result["examples"])])
