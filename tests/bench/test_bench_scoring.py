"""ROUGE scoring, the shared budget rule, the peers, and the benchmark's own fact check."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rouge_score import rouge_scorer as _rs
from rouge_score import tokenizers

from benchmarks import systems as S
from benchmarks.datasets import Cluster
from benchmarks.scoring import (
    METRICS,
    Scorer,
    StemmingTokenizer,
    lcs_length,
    score_lcs,
    score_ngrams,
    summary_level_lcs,
)
from benchmarks.stub import EXAMPLE_CLUSTERS
from benchmarks.text import count_words, fit_budget, split_sentences, truncate, unsupported_facts

REF = "The council approved the budget on Monday. It adds 40 buses.\nRiders welcomed the plan."


@pytest.fixture(scope="module")
def scorer():
    return Scorer()


def test_identical_text_scores_100(scorer):
    s = scorer.score(split_sentences(REF), [REF])
    assert set(s) == set(METRICS)
    for m in METRICS:
        assert s[m] == pytest.approx(100.0)


def test_empty_and_unrelated_score_low(scorer):
    assert all(v == 0 for v in scorer.score([], [REF]).values())
    unrelated = scorer.score(["Zebras graze quietly near xylophones."], [REF])
    related = scorer.score(["The council approved the budget."], [REF])
    for m in METRICS:
        assert unrelated[m] < related[m]


@pytest.mark.parametrize("cluster", EXAMPLE_CLUSTERS, ids=lambda c: c["id"])
def test_fast_path_equals_rouge_score_public_api(scorer, cluster):
    cand = [s for d in cluster["documents"] for s in split_sentences(d)][:4]
    refs = cluster["summaries"]
    assert scorer.score(cand, refs) == pytest.approx(scorer.score_public(cand, refs), abs=1e-9)
    two = [refs[0], "The festival is on Saturday. Queues formed outside."]
    assert scorer.score(cand, two) == pytest.approx(scorer.score_public(cand, two), abs=1e-9)


# Made-up pairs and what rouge-score 0.1.2 gives for them with its defaults
# (RougeScorer(METRICS, use_stemmer=True).score(reference, candidate), F1 x 100).
PINNED = [
    (
        "The council approved the budget on Monday.\nIt adds 40 buses.",
        "Councillors approved a budget adding buses on Monday.\nThe buses arrive in 2027.",
        {"rouge1": 50.0, "rouge2": 100 / 11, "rougeL": 125 / 3, "rougeLsum": 50.0},
    ),
    (
        "Riders welcomed the running of new lines.\nThe mayor said fares stay flat.",
        "The mayor says fares will stay flat.\nRiders welcome new lines running.",
        {"rouge1": 80.0, "rouge2": 800 / 23, "rougeL": 40.0, "rougeLsum": 72.0},
    ),
]


@pytest.mark.parametrize(("reference", "candidate", "expected"), PINNED)
def test_scorer_gives_rouge_scores_default_numbers(scorer, reference, candidate, expected):
    """Our tokenizer (memoized stems, passed as RougeScorer's public ``tokenizer``) changes no number."""
    default = _rs.RougeScorer(list(METRICS), use_stemmer=True)
    ours = _rs.RougeScorer(list(METRICS), use_stemmer=True, tokenizer=StemmingTokenizer())
    want = {k: 100 * v.fmeasure for k, v in default.score(reference, candidate).items()}
    assert {k: 100 * v.fmeasure for k, v in ours.score(reference, candidate).items()} == want  # exactly
    assert scorer.rouge.score(reference, candidate) == default.score(reference, candidate)
    assert want == pytest.approx(expected, rel=1e-12)
    lines = candidate.split("\n")
    assert scorer.score(lines, [reference]) == pytest.approx(want, abs=1e-9)
    assert scorer.score_public(lines, [reference]) == pytest.approx(want, abs=1e-9)


def test_tokenizer_is_rouge_scores_stemming_tokenizer():
    text = "Councillors' running buses: 40 in 2027, the U.S.-backed plan's riders (welcomed) ran Ünïcode façades"
    default = tokenizers.DefaultTokenizer(use_stemmer=True)
    ours = StemmingTokenizer()
    assert ours.tokenize(text) == default.tokenize(text)
    assert ours.tokenize(text) == ours.tokenize(text)  # memoized stems give the same tokens again
    assert "run" in ours.tokenize(text) and "40" in ours.tokenize(text)


def test_rougeLsum_is_summary_level(scorer):
    # the same sentences in another order: summary-level LCS (union LCS per reference
    # sentence) does not care, sentence-level LCS over the whole text does
    in_order = ["The council approved the budget on Monday.", "It adds 40 buses.", "Riders welcomed the plan."]
    reversed_ = in_order[::-1]
    a = scorer.score(in_order, [REF])
    b = scorer.score(reversed_, [REF])
    assert a["rouge1"] == b["rouge1"]
    assert a["rougeLsum"] == pytest.approx(b["rougeLsum"])
    assert a["rougeL"] > b["rougeL"]
    # and it works on the sentence split: one line with everything reversed still matches per sentence
    c = scorer.score([" ".join(reversed_)], [REF])
    assert c["rougeL"] == pytest.approx(b["rougeL"])
    assert c["rougeLsum"] > c["rougeL"]


def test_budget_rule():
    sents = ["one two three.", "four five.", "six seven eight nine.", "ten."]
    assert fit_budget(sents, 5) == sents[:2]
    assert fit_budget(sents, 6) == [sents[0], sents[1], sents[3]]  # passes over what does not fit
    assert fit_budget(sents, 100) == sents
    assert fit_budget(["a b c d e f"], 3) == ["a b c d e f"]  # nothing fits: the first, to be cut
    kept, cut = truncate(["a b c d e f g h"], 3)
    assert kept == ["a b c"] and cut
    kept, cut = truncate(sents[:2], 5)
    assert kept == sents[:2] and not cut


@pytest.mark.parametrize("name", ["lead", "roundrobin", "random"])
@pytest.mark.parametrize("words", [12, 40, 230])
def test_simple_peers_keep_the_budget(name, words):
    sys_ = S.make(name, seed=3)
    for c in EXAMPLE_CLUSTERS:
        cl = Cluster(c["id"], tuple(c["documents"]), tuple(c["summaries"]))
        out = sys_.run(cl, words)
        assert (out.sentences and sum(count_words(s) for s in out.sentences) <= words) or len(out.sentences) == 1


def test_peer_orders():
    c = EXAMPLE_CLUSTERS[0]
    cl = Cluster(c["id"], tuple(c["documents"]), tuple(c["summaries"]))
    docs = [split_sentences(d) for d in c["documents"]]
    assert S.make("lead").run(cl, 1000).sentences == [s for d in docs for s in d]
    rr = S.make("roundrobin").run(cl, 1000).sentences
    assert rr[:3] == [docs[0][0], docs[1][0], docs[2][0]]
    r1 = S.make("random", seed=1).run(cl, 30).sentences
    assert r1 == S.make("random", seed=1).run(cl, 30).sentences  # seeded
    outs = {tuple(S.make("random", seed=s).run(cl, 30).sentences) for s in range(6)}
    assert len(outs) > 1


def test_unsupported_facts():
    ev = "Mayor Ada Quint said the repairs cost $42 million and 1,000 cables."
    assert unsupported_facts("The repairs cost $42 million, Quint said.", ev) == []
    assert unsupported_facts("Quint counted 1000 cables.", ev) == []
    assert unsupported_facts("The repairs cost $43 million.", ev) == ["43"]
    assert unsupported_facts("Then Governor Quint spoke.", ev) == ["Governor"]
    assert unsupported_facts("Repairs began, Quint's office said.", ev) == []
    assert "Paris" in unsupported_facts("Ada Quint flew to Paris.", ev)
    assert unsupported_facts("Repairs cost $42 million.", ev) == []  # "repairs" in the evidence
    assert unsupported_facts("Obama praised the repairs.", ev) == ["Obama"]  # a name, even first
    assert unsupported_facts("Quint-era repairs cost $42 million.", ev) == []
    assert unsupported_facts("Ada Quint said Repairs cost $42 Million.", ev) == []  # case-insensitive


_sent = st.lists(st.sampled_from("abcde"), max_size=10)


@settings(max_examples=300, deadline=None)
@given(st.lists(_sent, max_size=5), st.lists(_sent, max_size=5))
def test_fast_lcs_equals_rouge_score(ref, cand):
    flat_r = [t for s in ref for t in s]
    flat_c = [t for s in cand for t in s]
    table = _rs._lcs_table(flat_r, flat_c)
    assert lcs_length(flat_r, flat_c) == table[-1][-1]
    assert score_lcs(flat_r, flat_c) == _rs._score_lcs(flat_r, flat_c).fmeasure
    assert summary_level_lcs(ref, cand) == _rs._summary_level_lcs(ref, cand).fmeasure
    for n in (1, 2):
        expected = _rs._score_ngrams(_rs._create_ngrams(flat_r, n), _rs._create_ngrams(flat_c, n)).fmeasure
        assert score_ngrams(flat_r, flat_c, n) == expected
