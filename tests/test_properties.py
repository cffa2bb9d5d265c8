"""Property tests: invariants of every brief, over random clusters."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarize import InputError, Source, summarize

WORDS = (
    "talks trade export controls rare earths magnets London Geneva tariffs China officials said Tuesday "
    "markets fell rose percent deal agreed minister bank rates inflation 34.5 2025 not never the a of in"
).split()

sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=30).map(
    lambda ws: " ".join(ws).capitalize()
) | st.text(min_size=0, max_size=80)
ending = st.sampled_from([". ", "! ", "? ", "\n", "\r\n", " ", ".\n\n", "… "])
document = st.lists(st.tuples(sentence, ending), min_size=1, max_size=12).map(
    lambda parts: "".join(s + e for s, e in parts)
)
cluster = st.lists(document, min_size=1, max_size=6)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cluster, st.integers(min_value=1, max_value=300), st.one_of(st.none(), st.sampled_from(WORDS)))
def test_every_brief_keeps_its_invariants(texts, words, query):
    sources = [Source(f"d{k}", text) for k, text in enumerate(texts)]
    try:
        brief = summarize(sources, words=words, query=query, fuse=False)
    except InputError:
        return  # a defined outcome: no prose, or a budget below every sentence
    by_id = {s.id: s.text for s in sources}
    assert brief.words <= words
    for item in brief.sentences:
        assert item.citations and item.citations[0].text == item.text
        for c in item.citations:
            assert by_id[c.source][c.start : c.end] == c.text
        assert 1 <= item.support == len({c.source for c in item.citations}) <= len(sources)
    assert summarize(sources, words=words, query=query, fuse=False) == brief
