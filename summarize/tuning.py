"""Every tuned number of the pipeline, in one frozen :class:`Tuning`, each with its reason.

A stage never keeps a tuned constant of its own: it takes the ``Tuning`` that
:class:`~summarize.options.Options` carries (``Options(tuning=Tuning(...))``),
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

import math
from dataclasses import dataclass, fields

from .errors import MAX_COUNT, InputError, shown


@dataclass(frozen=True)
class Tuning:
    """The tuned numbers, grouped by the stage that reads them."""

    # --- sentences: what counts as a content sentence -------------------------------
    cased_share: float = 0.8
    """Share of a source's sentences that must start with a capital for a lower-case start to mark a fragment.
    Hand-set: news text capitalises nearly all (above 0.95); Multi-News's truncated lower-cased clusters mix both
    (a 40-cluster sample lost a third of its prose as "fragments" under the old rule of any capital at all)."""
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
    redundant: float = 0.35
    """Similarity to a picked point (``Space.same_point``) from which a sentence adds nothing, whatever its score.
    Was 0.3 (hand-set, before paraphrase-aware matches made "same point" stricter). Swept 0.25/0.3/0.35/0.4 on the
    50 even-indexed full dev clusters at 230 words (R2 13.58/13.95/14.11/13.97: the pipeline at each value,
    scored as ``python -m benchmarks run`` scores); 0.35 confirmed on the 49 odd ones (16.50 -> 16.83),
    at 120 words on the even ones (11.65 -> 11.91) and on 500 truncated validation clusters (11.52 -> 12.04)."""

    fill_redundant: float = 0.5
    """Similarity to a picked point below which a sentence may still fill a budget that nothing novel fits
    (``redundant`` is the bar while novel sentences remain): rescaled, 0.5 is an embedding cosine of 0.75, where
    the defect audit starts counting a repeat. Measured before in-context orphans competed at their own score,
    on the first 300 even-indexed truncated validation clusters at 230 words (the pipeline in one process,
    scored as ``python -m benchmarks run`` scores): 0.35 (no fill)/0.45/0.5/0.6 gave R2 13.56/14.00/14.19/14.18
    (words 200/213/216/218); on the 50 even full dev clusters the budget is nearly always full and R2 moved by
    at most 0.01."""
    orphan_fill: float = 0.1
    """An orphan whose antecedent is not in the brief fills it only while more than this share of the budget is
    left (a brief a few words short reads better than one with an orphan; one far short says too little).
    On the even truncated clusters as above, 0 (any)/0.1/0.2/never gave R2 14.23/14.18/14.11/13.90; on the
    99 full dev clusters at 230 words, 0 left 9 orphans in the briefs (audit), 0.1 five, never two."""

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

    # --- conflicts: who says what differently -------------------------------------
    conflict_similarity: float = 0.1
    """Cosine similarity from which two sentences of different sources are compared claim by claim, and their
    percentages, amounts and times. PROVISIONAL."""
    conflict_partners: int = 40
    """At most this many sentences (the most alike first) are compared claim by claim with each sentence: on the
    99 full dev clusters no sentence has more than 36 (median 8), while 3,000 near-identical one-sentence
    documents gave every sentence thousands and took 9 minutes and gigabytes (``python -m benchmarks memory``)."""
    conflict_pairs: int = 4_000
    """At most this many sentence pairs (the most alike first) per brief: the dev clusters have at most 859; 6
    documents of 1,000 look-alike sentences fill it, and then take about 20 s on 2 cores."""
    count_similarity: float = 0.2
    """... from which their plain counts are. PROVISIONAL."""
    date_similarity: float = 0.2
    """... from which their dates are. PROVISIONAL."""
    conflict_context: float = 0.3
    """Context score (claims.context_score) from which two claims are about the same thing. PROVISIONAL."""
    person_similarity: float = 0.3
    """Cosine similarity from which two sentences can be about the same person: whom they name, their ages.
    PROVISIONAL."""
    agreement_margin: float = 0.1
    """Context score by which a match where two claims agree beats one where they conflict: of two readings of a
    sentence pair ("Monday ... Tuesday" against "Monday ... Tuesday"), prefer the one in which the sources agree."""
    unslotted_context: float = 0.4
    """Context score from which two figures are about the same thing without a neighbouring word in common.
    PROVISIONAL."""
    counted_context: float = 0.45
    """Context score from which two counts of the same word ("six times", "four times"), with two near words in
    common, are compared in sentences only ``conflict_similarity`` alike. Set by hand on the even full dev
    clusters (injected counts, false flags: ``python -m benchmarks conflicts --part even``)."""
    negation_similarity: float = 0.6
    """Cosine similarity from which a negated predicate is looked for un-negated in the other sentence. PROVISIONAL."""
    negation_subject_similarity: float = 0.3
    """... from which it is when the words before the two verbs (the subject) meet too. Set by hand on the
    injected negations of the even full dev clusters (``python -m benchmarks conflicts --part even``)."""
    negation_predicate_similarity: float = 0.15
    """... and from which it is when, as well, its predicate's words are all stated after the verb (matching's
    ``PREDICATE_ALIKE``). Set by hand on 800 truncated validation clusters apart from the held-out check's sample
    (injected negations; no new flag on 400 of them unmodified nor on the 99 full dev clusters)."""
    time_apart: float = 3.0
    """Hours from which two times of day are two events, not one time given two ways: reports disagree by minutes
    or an hour ("left at about 9:10 p.m.", "about 9:25 p.m."). Hand-set from the false flags on full dev."""
    event_context: float = 0.6
    """Context score from which two weekdays after different words are one day given two ways ("a vigil will be
    held at 6 p.m. Friday at ...", "a vigil Thursday at 6:00 at ..."); below it they date two events ("opened on
    Monday", "was shut on Wednesday"); calendar dates after different words always do ("reported missing on
    Nov. 18", "... by his siblings in May"). Set by hand on the even full dev clusters (injected days, false flags)."""
    event_similarity: float = 0.05
    """Cosine similarity from which two weekdays right next to the same event word ("at a briefing Monday", "a
    briefing on Tuesday at the hotel") are compared, below ``conflict_similarity``: reports retell an event's day
    in new sentences but keep the event's word by it. Hand-set: no new flag on the 99 unmodified full dev
    clusters (``python -m benchmarks conflicts DATA --only false-alarms``)."""
    firm_context: float = 0.9
    """Context score from which two claims in conflict are one fact told two ways even when a document
    states both values (elsewhere): the words around them all but the same. Set by hand on the even full dev
    clusters (``python -m benchmarks conflicts --part even``)."""
    thing_similarity: float = 0.45
    """Cosine similarity from which two sentences that give two names in one slot, one of them used by one
    document alone and throughout, name one thing two ways ("cheered as the Aurora docked"). Set by hand on
    the full dev clusters (injected names of things, 0.52-0.88; the false flag "Eris is significantly" against
    "Sheppard significantly", 0.33)."""
    about_share: float = 0.1
    """Slack of "about"/"nearly" figures, as a share of the value: "about 200" covers 180 to 220. PROVISIONAL."""
    # --- follow-ups: new or known -----------------------------------------------------
    known_similarity: float = 0.4
    """Score of ``followup.lexical`` (mean of TF-IDF cosine and IDF-weighted containment) against a previous
    brief's point from which a point is known (MMR's ``redundant`` rule in the cluster's vectors marks more).
    Swept 0.3/0.4/0.5 with ``python -m benchmarks followup`` on 120 even-numbered truncated-val clusters and
    the 17 full-dev clusters with >= 4 documents: 0.3 keeps fewer of the new points (80.0% vs 82.2%), 0.4 and
    0.5 tie on what they keep, 0.4 overlaps yesterday's brief less on full dev (1.1% vs 2.2% of new points)."""

    story_continues: float = 0.15
    """Mean, over a previous story's brief sentences (or its title, for a story only listed), of each one's best
    ``followup.lexical`` score against today's story's sentences, from which today's story continues it (keeps
    its id, and its brief is marked against that story's brief); pairs are taken best first, one to one. When
    today's input holds the story so far (as ``--since-brief`` expects), a continued story scores about 1.0.
    The hard case, measured on the 16 full-dev clusters with >= 4 documents (yesterday: a brief of the first
    half; today: the second half alone, against all 16 briefs): a cluster scores 0.04-0.33 against its own
    brief, other clusters' briefs at most 0.28 (99th percentile 0.17); at 0.15, 12 of 16 are matched to their
    own story and 1 to another, at 0.2 10 and 1, at 0.3 1 and 0."""

    # --- stories: grouping a day's articles by event ------------------------------------
    story_similarity: float = 0.2
    """Average cosine similarity of article vectors from which articles report one event (average linkage).
    Swept with ``python -m benchmarks stories ../shared/data/multinews_full_dev.jsonl --mix 10 --sweep
    story_similarity=0.12,0.14,0.16,0.18,0.2,0.22,0.25`` (40 seeded mixtures, half of them clusters sharing
    names): B-cubed F1 0.898, 0.937, 0.949, 0.960, 0.964, 0.960, 0.957; below, stories about one person merge,
    above, reports of one event told from other angles split. The same sweep on the truncated lower-cased val
    clusters (``--limit 1000``) peaks lower, 0.955 at 0.16 and 0.950 at 0.2; 0.2 is kept for full articles, and
    it gave the per-story ROUGE-2 closest to the single-cluster runs (-0.16 against -0.24 at 0.18)."""
    story_cohesion_share: float = 0.45
    """Share of the tighter group's own average similarity that two groups must reach to merge into one story
    (``stories._cut``): one topic's two events (two plane searches; a missile test and an Olympic team of one
    country) are each tight and only loosely alike. Swept with ``python -m benchmarks stories
    ../shared/data/multinews_full_dev.jsonl --mix 10 --seed S --sweep story_cohesion_share=0,0.4,0.45,0.5``: B-cubed
    F1 0.962, 0.963, 0.964, 0.961 (seed 0), 0.958, 0.961, 0.962, 0.958 (seed 1), 0.964, 0.967, 0.966, 0.964 (seed
    2); with briefs (``--seeds 0,1,2`` against ``--tuning story_cohesion_share=0``) merged clusters 38 -> 24 of
    1,200 and mean ΔR2 -0.25 -> -0.21. Above 0.5 one event's reports split (0.55, without the cap: F1 0.944)."""
    story_cohesion_cap: float = 0.25
    """The most ``story_cohesion_share`` may ask of a merge: near-copies make a group's cohesion 0.9 and would
    otherwise split off every other report of their event. Chosen over 0.3 and none (grouping only, share 0.45,
    seeds 0-5): F1 above the rule-less grouping on all six seeds only at 0.25. On truncated lower-cased val
    clusters (``--limit 1000``, seeds 0-1), where merges are rare, the rule costs F1 0.936, 0.953 -> 0.934, 0.947
    (short texts split a little more); kept for full articles, what a day's folder holds."""
    story_neighbours: int = 50
    """Partners each article keeps for story grouping, the most alike first: bounds the pairs of thousands of
    look-alike articles (20,000 of them made 200 million pairs and 9 GB). A day's news has far fewer above
    ``story_similarity``: at most 13 in 2,000 truncated val articles, 5 in the 278 full dev ones (one day each);
    their stories are identical with and without the bound."""
    story_linkage_max: int = 2_000
    """Largest set of connected articles grouped by exact average linkage (a dense square matrix: 2,000 are
    32 MB); larger ones, made only by look-alike articles, are grouped by leaders (``stories._leaders``)."""
    story_names: int = 1
    """Extra times the names in an article count in its vector: names tell one event's reports from another's.
    Swept (``--sweep story_names=0,1,2``, seed 2): B-cubed F1 0.958, 0.965, 0.963."""
    story_lead: int = 30
    """Content sentences of an article its vector is made of: what happened comes first, background (which other
    stories share) later. Swept (``--sweep story_lead=5,10,15,20,30,1000``, seed 2): 0.945, 0.960, 0.967, 0.964,
    0.966, 0.954: a plateau from 15 to 30. 30 over 20 (``--seeds 0,1,2,3,4`` against ``--tuning story_lead=20``,
    2026-12-01): B-cubed F1 higher on all five seeds (pooled 0.962 -> 0.964, hard mixtures 0.957 -> 0.958, seed 3's
    hard ones 0.945 -> 0.950), recall 0.938 -> 0.944, precision 0.990 -> 0.987, pooled ΔR2 the same (-0.16)."""

    # --- titles of stories ------------------------------------------------------------
    title_lead: int = 2
    """Content sentences per source considered as a title, after its title field and headline line. Hand-set:
    later sentences are details, not what the story is."""
    title_headline_share: float = 0.5
    """A source's headline is the title when its similarity to the story is at least this share of the best
    candidate's: headlines are terse, so they score below the lead sentences they condense. Hand-set on the
    example folders (their headlines score 0.54-0.82 of the best candidate; chrome lines such as "By Capital
    News Service" 0.09)."""
    title_max_words: int = 20
    """Without a fitting headline, longer lead sentences are scaled down by this over their length: a short
    sentence beats a long one saying the same. Hand-set by reading the titles of the dev mixtures' stories."""
    title_min_words: int = 4
    """A headline line shorter than this is a label ("Share", "World news"), not a title. Hand-set."""

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

    # --- fusion without a model: compression and word graphs (fusion/condense.py) -------
    condense_pool: float = 2.0
    """The pool of points condensed, as a multiple of the budget: the final pick chooses among them at their
    condensed lengths (other sentences at their own). Hand-set: 3.0 gave the same briefs on 30 even dev clusters
    (MMR's redundancy rule empties the pool first)."""
    condense_point: float = 0.6
    """Share of the point's own content tokens a candidate must keep: a supporter's words may not replace what the
    point says (a point "the bridge, which opened on Monday, was closed on Wednesday after cracks were found" came
    out as a supporter's "the bridge opened on Monday ..."). Hand-set; on the 99 full dev clusters at 230 words
    (``--systems fused --model word-graph``) R1 45.08 -> 45.17, R2 15.19 -> 15.18, fused sentences 197 -> 170."""
    condense_keep: float = 0.55
    """Share of the base's information (cluster-weighted content tokens) a candidate must keep. Swept 0.4/0.55/0.7
    on the 50 even-indexed full dev clusters (README, "Fusion without a model"): fused - extractive
    R2 at 120/230 words +0.32/+0.23, +0.34/+0.40, +0.22/+0.14; 0.55 is best at both budgets (odd clusters:
    +0.21/+0.08). Measured before issue 9's merge (lambda 0.7); README gives the figures after it."""
    condense_length_power: float = 1.0
    """A candidate's value is information / words ** this: 1 = information per word, 0 = information. Swept 0.5/1
    on all 99 dev clusters at keep 0.4: 0.5 changes fewer sentences (17% vs 24%) for -0.02/+0.11 R2 against
    +0.20/+0.07."""
    condense_density: float = 0.0
    """The final pick ranks points by salience / condensed words ** this (0: salience alone, as extractive MMR).
    0.3 on all 99 dev clusters: R2 -0.83 at 120 words, -0.47 at 230 (short sentences crowd out the key points)."""
    graph_paths: int = 20
    """Word-graph paths tried per group, cheapest first: the cheap ones are the fluent ones. Hand-set; 0 (compression
    only) gave +0.16/+0.19 R2 on even clusters at keep 0.4, against +0.32/+0.23 with the graph."""
    graph_seam: int = 3
    """Words in a row two sentences must share where a word-graph path passes from one to the other: at 2
    ("after pummeling North Carolina Governor Bev Perdue declared") seams are often ungrammatical, and on all 99 dev
    clusters 2 scored +0.01/-0.03 R2 against +0.20/+0.07 for 3 (keep 0.4)."""
    graph_min_words: int = 8
    """A word-graph path shorter than this is a fragment (Filippova 2010 uses 8). Hand-set."""

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
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            if not number or not 0 <= value < min(math.inf, MAX_COUNT):
                raise InputError(f"Tuning.{f.name} must be a finite non-negative number, not {shown(value)}")
            if f.name in _COUNTS and (not isinstance(value, int) or value < 1):
                raise InputError(f"Tuning.{f.name} must be a whole number of at least 1, not {shown(value)}")


_COUNTS = frozenset({"max_words", "chunk_words", "max_candidates", "prompt_sentences", "batch_size"})
"""Fields that count something a stage cannot do with none of (a cap of 0 candidates, chunks of 0 words)."""


DEFAULT = Tuning()
"""The numbers the library ships with."""
