"""What every brief must satisfy, whatever the input and options: one check for all tests.

``assert_valid_brief`` takes a :class:`~summarize.brief.Brief` or its JSON form
(``json.loads(to_json(brief))`` or the CLI's ``--format json`` output) and asserts
the contract of a brief (README.md, "The library" and "JSON"): every citation is an exact span of its
source's text, the budget holds, ``support`` counts the distinct cited sources, and
the first citation is the sentence's point, and every conflict (where sources disagree)
has two sides or more, each citing exact spans, that brief sentences point to by index.
Tests add their own specific assertions next to it.

Imported as ``from checks import assert_valid_brief``, like ``fusion_fixtures``:
``tests/`` has no ``__init__.py``, so pytest's default ``prepend`` import mode puts
it first on ``sys.path`` for every test module.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from summarize.brief import Brief, BriefSentence, Conflict, Source
from summarize.load import from_dict

Texts = Mapping[str, str]


def assert_valid_brief(
    brief: Brief | Mapping[str, Any],
    *,
    words: int | None = None,
    sources: Iterable[Source] | Texts | None = None,
) -> Brief:
    """Assert that ``brief`` is a valid brief (within ``words``, citing ``sources``); return it as a Brief.

    ``sources`` are the texts the citations point into, as :class:`Source` objects or
    a mapping ``id -> text``; they must be the brief's sources, in order.  The default
    is the brief's own sources, which a JSON brief does not carry (it has no text):
    pass them for one.
    """
    from_json = isinstance(brief, Mapping)
    if isinstance(brief, Mapping):
        assert sources is not None, "a JSON brief has no source text: pass sources"
        brief = _from_json(brief)
    given = None if sources is None else sources if isinstance(sources, Mapping) else list(sources)
    texts = _texts(brief.sources if given is None else given)
    ids = [s.id for s in brief.sources]
    assert len(set(ids)) == len(ids), f"source ids are not unique: {ids}"
    assert ids == list(texts), f"the brief's sources {ids} are not the given ones {list(texts)}"
    if not from_json:
        assert {s.id: s.text for s in brief.sources} == texts, "the brief's sources are not the given texts"

    assert brief.sentences, "a brief has at least one sentence (no sentence is an InputError)"
    assert brief.words == sum(len(s.text.split()) for s in brief.sentences), "words are whitespace tokens"
    if words is not None:
        assert brief.words <= words, f"{brief.words} words over a budget of {words}"
    for sentence in brief.sentences:
        assert_valid_sentence(sentence, texts)
        # the pipeline cites the point, then at most one supporter per other independent source
        cited = [c.source for c in sentence.citations]
        assert len(set(cited)) == len(cited), f"a source is cited twice: {cited}"
        assert all(0 <= k < len(brief.conflicts) for k in sentence.conflicts), sentence.conflicts
    for conflict in brief.conflicts:
        assert_valid_conflict(conflict, texts)
    return brief


def assert_valid_conflict(conflict: Conflict, texts: Texts) -> None:
    """A conflict: what it is about, two sides or more with distinct values, prevailing first, exact citations."""
    assert conflict.about.strip() and conflict.kind in {"number", "count", "amount", "date", "name", "negation"}
    assert len(conflict.variants) >= 2, conflict
    assert len({v.value for v in conflict.variants}) == len(conflict.variants) or conflict.kind == "negation"
    supports = [v.support for v in conflict.variants]
    assert conflict.update or supports == sorted(supports, reverse=True), f"the majority first: {supports}"
    for v in conflict.variants:
        assert v.value.strip() and v.citations
        sources = [c.source for c in v.citations]
        assert len(set(sources)) == len(sources), f"a source is cited twice on one side: {sources}"
        assert 1 <= v.support <= len(sources), (v.support, sources)
        for c in v.citations:
            assert c.source in texts and texts[c.source][c.start : c.end] == c.text, c
def assert_valid_output(
    data: Mapping[str, Any], *, words: int | None = None, sources: Iterable[Source] | Texts
) -> None:
    """Assert that the JSON of a brief or of a digest is valid: a digest's every story brief is.

    A digest's story lists only its sources' ids; ``sources`` gives the texts of
    all of them, and each story is checked against its own.  Titles of stories
    and of what is "also reported" are exact spans too.
    """
    texts = _texts(sources)
    if data.get("kind") != "digest":
        assert_valid_brief(data, words=words, sources=texts)
        return
    for story in data["stories"]:
        brief = {**story, "schema": data["schema"], "kind": "brief", "sources": [{"id": i} for i in story["sources"]]}
        assert_valid_brief(brief, words=words, sources={i: texts[i] for i in story["sources"]})
    for item in [*data["stories"], *data["also_reported"]]:
        cite = item["title"]["citation"]
        if cite is None:  # a title the source gave (a page's or feed's), not a sentence of its text
            continue
        assert texts[cite["source"]][cite["start"]:cite["end"]] == cite["text"], "a title is not its source's span"


def assert_valid_sentence(sentence: BriefSentence, texts: Texts) -> None:
    """One brief sentence (also a fuser's output): well-formed citations of exact spans, support, its point first."""
    assert sentence.text.strip(), "empty brief sentence"
    assert sentence.citations, f"no citation: {sentence.text!r}"
    for c in sentence.citations:
        assert c.source in texts, f"cites an unknown source {c.source!r}"
        assert c.sentence >= 0, c
        assert 0 <= c.start < c.end <= len(texts[c.source]), c
        assert texts[c.source][c.start : c.end] == c.text, f"not the span of {c.source}: {c.text!r}"
    cited = [c.source for c in sentence.citations]
    assert 1 <= sentence.support == len(set(cited)) <= len(texts), (sentence.support, cited)

    for piece in sentence.copied:  # a copying fusion says where each part of it comes from
        cited = sentence.citations[piece.citation]
        assert cited.start <= piece.start < piece.end <= cited.end, piece
    if sentence.copied:
        joined = " ".join(texts[sentence.citations[p.citation].source][p.start : p.end] for p in sentence.copied)
        assert _letters(joined) == _letters(sentence.text), "every word of a copying fusion is in its pieces"
    # the first citation is the point: the sentence itself, or what a passing guard fused from it
    guard = sentence.guard
    if sentence.fused:
        assert guard is not None and guard.passed, "a fused sentence passed the guard"
        assert sentence.text == guard.candidate
    else:
        assert sentence.text == sentence.citations[0].text, "an unfused sentence is its point"
        assert guard is None or (not guard.passed and guard.reasons), "a rejected candidate says why"


def _letters(text: str) -> str:
    """Letters and digits only, lower-cased: what a copying fusion keeps of its pieces."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _texts(sources: Iterable[Source] | Texts) -> dict[str, str]:
    if isinstance(sources, Mapping):
        return dict(sources)
    return {s.id: s.text for s in sources}


def _from_json(data: Mapping[str, Any]) -> Brief:
    """The Brief a JSON brief describes, read by the library's own loader (source texts are empty)."""
    for s in data["sentences"]:
        assert {"text", "support", "fused", "citations"} <= s.keys(), s.keys()
        for c in s["citations"]:
            assert set(c) == {"source", "sentence", "start", "end", "text"}, c
    for c in data.get("conflicts", ()):
        assert set(c) == {"about", "kind", "update", "variants"}, c.keys()
        for v in c["variants"]:
            assert set(v) == {"value", "support", "citations"}, v.keys()
    brief = from_dict(data)
    assert data["words"] == brief.words, "the JSON word count is the sentences' word count"
    return brief
