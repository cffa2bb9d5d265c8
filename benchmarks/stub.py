"""A stand-in with ``summarize.summarize``'s signature, for tests and for trying the harness
without the real pipeline: ``python -m benchmarks run DATA --ours benchmarks.stub:summarize``.

Extractive: round-robin over the documents' sentences.  ``fuse=True``: each pair of
consecutive picked sentences becomes one "fused" sentence citing both; a pair whose
texts contain the marker ``UNFAITHFUL`` gets a made-up number the guard "misses",
so the faithfulness accounting has something to catch.
"""

from __future__ import annotations

from summarize import Brief, BriefMeta, BriefSentence, Citation, FusionInfo, GuardVerdict

from .text import count_words, fit_budget, split_sentences


def summarize(documents, *, words=120, query=None, fuse=False, model=None):
    cands: list[Citation] = []
    per_doc: list[list[Citation]] = []
    for d, doc in enumerate(documents):
        sents, pos = [], 0
        for i, s in enumerate(split_sentences(doc)):
            start = doc.find(s, pos)
            pos = max(pos, start + len(s)) if start >= 0 else pos
            sents.append(Citation(f"doc{d}", i, start, start + len(s), s))
        per_doc.append(sents)
    for i in range(max((len(p) for p in per_doc), default=0)):
        cands.extend(p[i] for p in per_doc if i < len(p))
    chosen = fit_budget(cands, words, size=lambda c: count_words(c.text))
    items: list[BriefSentence] = []
    if not fuse:
        items = [BriefSentence(c.text, (c,), 1) for c in chosen]
    else:
        for a, b in zip(chosen[::2], [*chosen[1::2], None], strict=False):  # one None past an even count
            if b is None:
                items.append(BriefSentence(a.text, (a,), 1))
                continue
            text = a.text.rstrip(".!? ") + "; " + b.text[:1].lower() + b.text[1:]
            if "UNFAITHFUL" in a.text + b.text:
                text = text.rstrip(".") + " in 1999."
            items.append(BriefSentence(text, (a, b), 2, fused=True, guard=GuardVerdict(True, text)))
        while items and sum(count_words(s.text) for s in items) > words:
            items.pop()
    return Brief(tuple(items), (), BriefMeta(fusion=FusionInfo("stub", "none") if fuse else None))


# Hand-written, made-up clusters for tests and smoke runs (no real articles).
EXAMPLE_CLUSTERS = [
    {
        "id": "made-up-bridge",
        "documents": [
            "The Harlow Bridge reopened on Tuesday after 14 months of repairs. "
            "Mayor Ada Quint cut the ribbon at 9 a.m. "
            "Engineers replaced 300 steel cables and repaved the deck.\n"
            "Traffic is expected to return to normal by Friday.",
            "Drivers crossed the Harlow Bridge again on Tuesday. The repairs cost $42 million, Quint said. "
            "Cyclists will get a new protected lane. Some residents complained about the noise during the works.",
            "After more than a year of closure, the bridge is open. The city says 300 cables were replaced. "
            "A festival is planned for Saturday to celebrate the reopening.",
        ],
        "summaries": [
            "The Harlow Bridge reopened Tuesday after 14 months of repairs costing $42 million. "
            "Mayor Ada Quint cut the ribbon; engineers replaced 300 cables, and cyclists get a new lane."
        ],
    },
    {
        "id": "made-up-comet",
        "documents": [
            "Astronomers at the Vela Observatory spotted a new comet on Sunday. The comet, named C/2031 Q4, "
            "will pass closest to the Sun in March. It may be visible to the naked eye.",
            "A comet discovered by the Vela Observatory could brighten next spring. Researcher Tomas Ilk said the "
            "nucleus is about 5 kilometers wide. UNFAITHFUL sentences are marked for the stub fusion.",
        ],
        "summaries": [
            "The Vela Observatory found comet C/2031 Q4, which passes the Sun in March and may be visible without "
            "a telescope; its nucleus is about 5 km wide."
        ],
    },
    {
        "id": "made-up-bakery",
        "documents": [
            "A bakery in Pell Street won the national bread prize. Owner Lina Oster has baked there for 20 years. "
            "Her sourdough beat 150 other entries.",
            "Lina Oster's bakery took first place in the bread contest. The judges praised the crust. "
            "She plans to hire two apprentices.",
            "The prize comes with a trophy and a cash award. Queues formed outside the shop on Monday morning.",
            "Pell Street shops reported more visitors after the win.",
        ],
        "summaries": [
            "Lina Oster's Pell Street bakery won the national bread prize, her sourdough beating 150 entries; "
            "she will hire two apprentices as queues form outside."
        ],
    },
]


def write_example_jsonl(path) -> str:
    """Write :data:`EXAMPLE_CLUSTERS` as a JSONL dataset; returns the path."""
    import json

    with open(path, "w", encoding="utf-8") as f:
        for c in EXAMPLE_CLUSTERS:
            f.write(json.dumps(c) + "\n")
    return str(path)
