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
    orphan: float = 0.6
    """Salience factor of a sentence opening with a pronoun or connective ("He added", "But"): it leans
    on a sentence the brief may not carry. Hand-set."""

    # --- select: MMR ----------------------------------------------------------------
    lambda_: float = 0.7
    """MMR trade-off, 1 = salience only, 0 = novelty only: the default of ``Options.lambda_``. Hand-set."""
    redundant: float = 0.3
    """Cosine similarity to a picked point from which a sentence adds nothing, whatever its score. Hand-set."""

    # --- provenance: who else says it ----------------------------------------------
    support_similarity: float = 0.35
    """Cosine similarity from which another source's sentence counts as saying the same thing. Hand-set by
    reading the dev clusters' groups: below it, supporters are mostly on the topic but not the point."""
    duplicate_similarity: float = 0.9
    """Cosine similarity from which two sentences are the same sentence, copy-edited at most."""
    copy_share: float = 0.8
    """Share of a source's sentences found near-identical in another from which it is a copy: containment,
    so a trimmed syndicated copy is caught as well as one with a new headline."""

    # --- conflicts: who says what differently -------------------------------------
    conflict_similarity: float = 0.1
    """Cosine similarity from which two sentences of different sources are compared claim by claim, and their
    percentages, amounts and times. PROVISIONAL."""
    count_similarity: float = 0.2
    """... from which their plain counts are. PROVISIONAL."""
    date_similarity: float = 0.2
    """... from which their dates are. PROVISIONAL."""
    conflict_context: float = 0.3
    """Context score (claims.context_score) from which two claims are about the same thing. PROVISIONAL."""
    person_similarity: float = 0.3
    """Cosine similarity from which two sentences can be about the same person: whom they name, their ages. PROVISIONAL."""
    agreement_margin: float = 0.1
    """Context score by which a match where two claims agree beats one where they conflict: of two readings of a
    sentence pair ("Monday ... Tuesday" against "Monday ... Tuesday"), prefer the one in which the sources agree."""
    unslotted_context: float = 0.4
    """Context score from which two figures are about the same thing without a neighbouring word in common. PROVISIONAL."""
    negation_similarity: float = 0.6
    """Cosine similarity from which a negated predicate is looked for un-negated in the other sentence. PROVISIONAL."""
    about_share: float = 0.1
    """Slack of "about"/"nearly" figures, as a share of the value: "about 200" covers 180 to 220. PROVISIONAL."""

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
