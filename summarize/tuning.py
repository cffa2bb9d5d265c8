"""Every tuned number of the pipeline, in one frozen :class:`Tuning`, each with its reason.

A stage never keeps a tuned constant of its own: it takes the ``Tuning`` that
:class:`~summarize.pipeline.Options` carries (``Options(tuning=Tuning(...))``),
so an experiment or a test changes a number by building a new ``Tuning``, never
by patching a module.  Numbers that are limits of the input or facts of a
format (the number of sources accepted, punkt's parameters) live where their
rule is, not here.

"Hand-set" below means: chosen in release 0.1.0 by reading briefs and ROUGE
on the 99 full Multi-News dev clusters (``../shared/data/multinews_full_dev.jsonl``)
at 230 words with ``python -m benchmarks run``; no sweep of them is on record,
so each is a candidate for a measured sweep.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from .errors import InputError


@dataclass(frozen=True)
class Tuning:
    """The tuned numbers, grouped by the stage that reads them."""

    # --- sentences: what counts as a content sentence -------------------------------
    min_words: int = 5
    """Shorter spans are labels, bylines or fragments, never a point. Hand-set."""
    max_words: int = 60
    """Longer spans (run-ons, text without punctuation) are cut at clause marks. Hand-set: the longest
    real news sentences in the dev clusters stay whole."""
    chunk_words: int = 35
    """Size of the pieces a run-on without clause marks is cut into: about two news sentences. Hand-set."""
    headline_max_words: int = 25
    """A whole line this short without closing punctuation reads as a headline or caption. Hand-set."""
    teaser_max_words: int = 15
    """A question on a line of its own up to this long is a teaser or subhead ("Who are the Russians who
    contacted the Trump campaign?"): dev-cluster subheads are 4-12 words, real one-line questions in prose longer.
    Set by reading the audit's examples on the first 50 dev clusters."""
    boilerplate_gap: int = 3
    """Sentences between two boilerplate hits at most this far apart are boilerplate too: site pleas come
    in blocks, and a real article rarely has two hits this close. Hand-set on the dev clusters' donation pleas."""

    # --- rank: salience -------------------------------------------------------------
    support_weight: float = 0.45
    """Share of salience from cross-source support: agreement of independent outlets is the strongest
    sign that a fact matters. Hand-set (the largest weight: it gave the best dev R2)."""
    centrality_weight: float = 0.25
    """Share from LexRank centrality within the cluster. Hand-set."""
    position_weight: float = 0.30
    """Share from position in the source: news puts key facts first. Hand-set."""
    query_weight: float = 0.6
    """Share of the score given to similarity with the query, when there is one: enough that a query
    visibly steers the brief. Hand-set on the bundled example's queries."""
    damping: float = 0.15
    """Teleport probability of the LexRank walk: the usual PageRank value (Erkan & Radev 2004)."""
    centrality_iterations: int = 30
    """Power iterations of the walk: the ranks stop changing in the third decimal well before 30."""
    orphan: float = 0.15
    """Salience factor of a sentence that needs context it could not be joined with (a bare quote, a pronoun
    subject or speaker, see :mod:`summarize.context`): it gives way to sentences that stand alone. Swept
    0.6/0.3/0.15 on the first 50 full dev clusters: 0.6 (the old value) left 8 orphans in the 230-word briefs,
    0.3 left 4 and 0.15 left 3, at the same R2 (within 0.1): the lowest, since it costs nothing."""
    unit_max_words: int = 60
    """A sentence that needs context is joined with the one before it when the two have at most this many
    words together. Swept 45/60/80 on the first 50 full dev clusters: 45 cost 0.6 R2 at 120 words (fewer
    joins, more demoted orphans), 80 added defects at 230 words (long units crowd out points); 60 between."""

    # --- select: MMR ----------------------------------------------------------------
    lambda_: float = 0.8
    """MMR trade-off, 1 = salience only, 0 = novelty only: the default of ``Options.lambda_``. Was 0.7 (hand-set);
    with paraphrase-aware redundancy (which already keeps repeats out) 0.6/0.7/0.8/0.85/0.9 were swept on the
    first 50 full dev clusters: 0.8 gave the best R2 at 120 and 230 words (+0.3 and +0.15 over 0.7)."""
    redundant: float = 0.3
    """Cosine similarity to a picked point from which a sentence adds nothing, whatever its score. Hand-set."""

    # --- similarity: paraphrase-aware matches ---------------------------------------
    paraphrase_weight: float = 1.0
    """Weight of the embedding cosine (rescaled, see ``paraphrase_floor``) against TF-IDF's in "same point"
    matches (MMR redundancy, provenance); 0 turns the embedding model off (TF-IDF alone). Measured on the
    first 50 dev clusters: 0.7 or 1.0 made no difference to R2 within 0.2; 1.0 lets a clear paraphrase block alone."""
    paraphrase_floor: float = 0.5
    """Embedding cosine that counts as 0 on the TF-IDF scale: below it two sentences only share a topic. Swept
    0.4/0.5/0.55/0.6/0.7 on the first 50 full dev clusters (R2 at 120 and 230 words, audit repeats): 0.4 cost
    2 R2 points at 230 words (same-topic sentences blocked), 0.7 let repeats back in (14 vs 2); 0.5 was best at
    230 words and within 0.2 at 120. Ranking's support signal stays lexical: with embeddings it cost 0.5-1 R2."""

    # --- provenance: who else says it ----------------------------------------------
    support_similarity: float = 0.35
    """Cosine similarity from which another source's sentence counts as saying the same thing. Hand-set by
    reading the dev clusters' groups: below it, supporters are mostly on the topic but not the point."""
    duplicate_similarity: float = 0.9
    """Cosine similarity from which two sentences are the same sentence, copy-edited at most."""
    copy_share: float = 0.8
    """Share of a source's sentences found near-identical in another from which it is a copy: containment,
    so a trimmed syndicated copy is caught as well as one with a new headline."""

    # --- pipeline ------------------------------------------------------------------
    max_candidates: int = 6000
    """Content sentences considered at most: the similarity matrix is n x n float32 (144 MB at 6000)."""

    # --- fusion ---------------------------------------------------------------------
    prompt_sentences: int = 4
    """Sentences of a group shown to the model (point and first supporters): more add prompt time for
    little, supporters repeat the point."""
    batch_size: int = 8
    """Groups per ``generate`` call: a brief's points in one batch beat one call per point on 2 cores."""
    answer_point_factor: float = 1.5
    """Token budget of an answer, as a multiple of the point's tokens: a fusion adds a detail or two."""
    answer_longest_factor: float = 1.2
    """... or of the longest shown sentence's tokens, whichever is more."""
    answer_extra_tokens: int = 8
    """... plus this many tokens of slack. Tight budgets are most of the speed: a small model that does not
    stop on its own is cut off early (and then rejected as unfinished)."""

    # --- guard ---------------------------------------------------------------------
    length_margin: int = 8
    """Words a fused sentence may have beyond the longest cited sentence."""
    min_length_ratio: float = 0.4
    """A fused sentence shorter than this share of the point's words has dropped the point."""
    max_unsupported: float = 0.15
    """Share of a fused sentence's content words that may lack any counterpart in the cited text
    (paraphrase slack; names and numbers get none)."""

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise InputError(f"Tuning.{f.name} must be a non-negative number, not {value!r}")


DEFAULT = Tuning()
"""The numbers the library ships with."""
