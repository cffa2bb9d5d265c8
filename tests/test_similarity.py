from __future__ import annotations

import numpy as np

from summarize.brief import Sentence
from summarize.similarity import TfIdf, build
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


def test_looks_english_tells_english_from_other_languages():
    from summarize.text import looks_english

    assert looks_english(["The talks in London were going well, the minister said on Tuesday."])
    assert not looks_english(["Die Gespräche in London verliefen gut, sagte der Minister am Dienstag."])
    assert not looks_english(["Les négociations à Londres se passent bien, a déclaré le ministre mardi."])
