from __future__ import annotations

import numpy as np

from summarize.brief import Sentence
from summarize.similarity import TfIdf, build, normalize
from summarize.text import tokenize


def _sentences(*texts: str) -> list[Sentence]:
    return [Sentence(f"s{i}", 0, 0, len(t), t) for i, t in enumerate(texts)]


def test_tokenize_stems_lowercases_and_drops_stop_words():
    assert tokenize("The Talks were talking about 34.5% tariffs") == ["talk", "talk", "34.5", "tariff"]


def test_matrix_is_symmetric_cosine_with_unit_diagonal():
    space = build(_sentences("Trade talks in London.", "Talks on trade resumed in London.", "Rare earth magnets."))
    m = space.matrix
    assert m.shape == (3, 3)
    assert np.allclose(m, m.T)
    assert np.allclose(np.diag(m), 1.0, atol=1e-5)
    assert m[0, 1] > m[0, 2] >= 0.0


def test_query_similarity_prefers_matching_sentence():
    space = build(_sentences("Trade talks in London.", "Rare earth magnets are scarce."))
    sims = space.similarity_to("magnets")
    assert sims[1] > sims[0]


def test_sentences_of_stop_words_only_do_not_crash():
    space = build(_sentences("It is what it is.", "And so on."))
    assert np.all(np.isfinite(space.matrix))


def test_tfidf_transform_ignores_unknown_words():
    vectorizer = TfIdf()
    fitted = vectorizer.fit_transform(["apples and pears", "pears"])
    assert fitted.shape[0] == 2
    assert vectorizer.transform(["bananas"]).nnz == 0


def test_tfidf_counts_repeats_once_per_column_and_weighs_them_sublinearly():
    vectorizer = TfIdf()
    fitted = vectorizer.fit_transform(["talks talks talks rare", "", "rare magnets"])
    assert fitted.has_canonical_format and fitted.getnnz(axis=1).tolist() == [2, 0, 2]
    talk, rare = vectorizer.vocabulary["talk"], vectorizer.vocabulary["rare"]
    assert np.isclose(fitted[0, talk], (1 + np.log(3)) * vectorizer.idf[talk])
    assert np.isclose(fitted[0, rare], vectorizer.idf[rare]) and vectorizer.idf[rare] < vectorizer.idf[talk]


def test_normalize_gives_unit_rows_and_keeps_zero_rows():
    vectors = TfIdf().fit_transform(["trade talks in london", "it is", "rare earth magnets and trade"])
    unit = normalize(vectors)
    expected = vectors.toarray() / np.maximum(np.linalg.norm(vectors.toarray(), axis=1, keepdims=True), 1e-30)
    assert unit.dtype == np.float32 and np.allclose(unit.toarray(), expected, atol=1e-6)
    assert unit.getnnz(axis=1)[1] == 0 and vectors.nnz == unit.nnz


def test_looks_english_tells_english_from_other_languages():
    from summarize.text import looks_english

    assert looks_english(["The talks in London were going well, the minister said on Tuesday."])
    assert not looks_english(["Die Gespräche in London verliefen gut, sagte der Minister am Dienstag."])
    assert not looks_english(["Les négociations à Londres se passent bien, a déclaré le ministre mardi."])


class _TopicEmbedder:
    """A made-up embedder: one dimension per topic word, so similarities are known exactly."""

    topics = ("spectrum", "prison", "bridge")

    def encode(self, texts):
        rows = np.array([[float(w in t.lower()) for w in self.topics] for t in texts], dtype=np.float32)
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return np.divide(rows, norms, out=np.zeros_like(rows), where=norms > 0)


def test_a_joined_unit_is_the_same_point_as_a_paraphrase_of_either_part():
    statement = "The actor said there is a spectrum of behaviour."
    quote = "“Some of it belongs in prison,” he said."
    text = f"{statement} {quote}"
    head = Sentence("a", 0, 0, len(statement), statement)
    unit = Sentence("a", 0, 0, len(text), text)  # context.units: it starts where its first sentence does
    other = Sentence("b", 0, 0, 40, "He spoke of a spectrum of misconduct.")
    bridge = Sentence("c", 0, 0, 30, "The bridge opened on Monday.")
    space = build([head, unit, other, bridge], embedder=_TopicEmbedder())
    whole = float(space.embedded[1] @ space.embedded[2])
    assert whole < 0.8  # the unit's own embedding mixes both topics
    same = space.same_point([1])[0]
    assert same[2] == space.same_point([0])[0][2]  # as close to the paraphrase as its first part is
    assert same[3] == space.matrix[1, 3]  # an unrelated sentence gains nothing
    assert np.allclose(space.same_point([2])[0][1], same[2])  # and the relation is symmetric
