"""Stories: which articles report the same happening, so that each story gets its own brief.

A day's folder holds many events and several reports of most of them.  Two
reports of one event share its particulars: names, places, numbers and the
words of what happened; two stories about one politician in one week share his
name and little else.  Grouping works on whole articles, never on a matrix over
all the day's sentences:

1. **Article vectors.** An article is its first ``Tuning.story_lead`` content
   sentences (news says what happened first; later paragraphs drift into
   background other stories share), with the names in them
   (:func:`~summarize.text.inner_names`) counted twice.  TF-IDF is fitted on
   the day, and tokens found in one article only are dropped: they cannot make
   two articles alike, they only dilute the cosine of long ones.
2. **Candidate pairs.** Cosine similarities are computed block by block and
   only pairs at least ``Tuning.story_similarity`` alike are kept, so memory
   grows with the pairs that matter, not with the square of the day.
3. **Average linkage** within each connected component of those pairs: groups
   merge, most similar first, while their average similarity is at least the
   threshold.  Articles of different components are less alike than the
   threshold, so no average across components can reach it: working per
   component gives exactly the linkage of the whole day.  Average linkage,
   unlike linking any two similar articles, does not chain one politician's
   stories into one.  Two groups that are each much tighter than they are
   alike stay two stories even above the threshold (:func:`_cut`): one topic's
   two events, not one event's two angles.

Everything is a pure function of the articles in their order: the same day
gives the same stories.  An article without a content sentence belongs to no
story (the caller says so).  Each story gets a :class:`~summarize.brief.Title`
that a source wrote: its own title, a headline line, or a lead sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from .brief import Citation, Sentence, Title
from .context import needs_context
from .sentences import Split
from .similarity import TfIdf, dense, most_alike, normalize, row_blocks
from .text import TERMINAL, count_words, fact_words, inner_names, tokenize
from .tuning import DEFAULT, Tuning


@dataclass(frozen=True)
class Grouping:
    """Stories of a day: groups of article indices, and the article vectors that made them."""

    stories: tuple[tuple[int, ...], ...]
    """Indices into the articles given, each story in input order, stories by their first article."""
    vectors: sparse.csr_matrix
    """Unit article vectors (rows in the order given); zero rows for articles without content."""
    vectorizer: TfIdf


def article_text(split: Split, tuning: Tuning = DEFAULT) -> str:
    """What an article's vector is made of: its lead content sentences, then the names in them again."""
    lead = [s.text for s in split.content[: tuning.story_lead]]
    names = [n for text in lead for n in inner_names(text)] * tuning.story_names
    return "\n".join(lead) + "\n" + " ".join(names)


def group(splits: Sequence[Split], tuning: Tuning = DEFAULT) -> Grouping:
    """Group articles (their :class:`~summarize.sentences.Split`) by event; see the module docstring."""
    vectorizer = TfIdf(min_df=2)
    texts = [article_text(s, tuning) if s.content else "" for s in splits]
    vectors = normalize(vectorizer.fit_transform(texts)).tocsr() if texts else sparse.csr_matrix((0, 0))
    members = [k for k, s in enumerate(splits) if s.content]
    pairs = _similar_pairs(vectors, tuning.story_similarity, tuning.story_neighbours)
    n = len(splits)
    graph = sparse.coo_matrix((np.ones(len(pairs[0])), pairs), shape=(n, n))
    _, component = connected_components(graph, directed=False)
    by_component: dict[int, list[int]] = {}
    for k in members:
        by_component.setdefault(int(component[k]), []).append(k)
    stories: list[tuple[int, ...]] = []
    for articles in by_component.values():
        if len(articles) > tuning.story_linkage_max:
            stories.extend(_leaders(vectors, articles, tuning.story_similarity))
        else:
            stories.extend(_average_linkage(vectors, articles, tuning))
    stories.sort(key=lambda story: story[0])
    return Grouping(tuple(stories), vectors, vectorizer)


def _similar_pairs(
    vectors: sparse.csr_matrix, threshold: float, neighbours: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Rows and columns of the article pairs (i < j) at least ``threshold`` alike, block by block.

    With ``neighbours``, each article keeps only that many partners, the most alike first (ties: the
    earlier article), so that thousands of look-alike articles do not make the pairs quadratic.  Blocks
    of rows (:func:`~summarize.similarity.row_blocks`) bound the product's memory whatever the number
    of articles.
    """
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    n = vectors.shape[0]
    transposed = vectors.T.tocsc()
    for block_rows in row_blocks(n, n):
        start = block_rows.start
        block = (vectors[block_rows] @ transposed).tocsr()
        block.data[block.data < threshold] = 0.0
        block.eliminate_zeros()
        for r in range(block.shape[0]):
            row = slice(block.indptr[r], block.indptr[r + 1])
            other = block.indices[row] != r + start
            found, alike = block.indices[row][other], block.data[row][other]
            if neighbours is not None:
                found = most_alike(found, alike, neighbours)
            rows.append(np.minimum(found, r + start))
            cols.append(np.maximum(found, r + start))
    if not rows:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    unique = np.unique(np.stack([np.concatenate(rows), np.concatenate(cols)]).astype(np.intp), axis=1)
    return unique[0], unique[1]


def _average_linkage(vectors: sparse.csr_matrix, articles: list[int], tuning: Tuning) -> list[tuple[int, ...]]:
    """Average-linkage groups of one component, cut where :func:`_cut` says two groups are two events."""
    if len(articles) == 1:
        return [(articles[0],)]
    block = vectors[articles]
    similarity = dense(block @ block.T).astype(np.float64)
    distance = np.clip(1.0 - similarity, 0.0, None)
    condensed = ((distance + distance.T) / 2)[np.triu_indices(len(articles), 1)]  # exact symmetry
    if condensed.max() <= 1.0 - max(tuning.story_similarity, tuning.story_cohesion_cap):
        return [tuple(articles)]  # every pair alike past any bar: every merge holds, the linkage is one story
    from scipy.cluster.hierarchy import linkage  # a third of a second to import: only when needed

    merges = linkage(condensed, "average")
    return [tuple(articles[k] for k in story) for story in _cut(merges, tuning)]


def _cut(merges: np.ndarray, tuning: Tuning) -> list[list[int]]:
    """The stories of an average-linkage tree (scipy's ``linkage`` rows): its highest nodes whose merges all hold.

    A merge holds when the two groups' average similarity is at least
    ``Tuning.story_similarity`` and, when either group has two articles or
    more, at least ``Tuning.story_cohesion_share`` of the tighter group's own
    average similarity (its *cohesion*; the bar itself at most
    ``Tuning.story_cohesion_cap``).  Two reports of one event told from other
    angles resemble each other about as much as the event's reports do; two
    events of one topic (two plane searches, a missile test and an Olympic
    team of one country) are each tight and only loosely alike, which a fixed
    threshold alone merges.  Cohesions are kept as sums over pairs, so the cut
    is linear in the merges.
    """
    n = len(merges) + 1
    members: list[list[int]] = [[k] for k in range(n)]
    pair_sums = [0.0] * n
    holds = [True] * n
    for a, b, distance, _ in merges:
        a, b = int(a), int(b)
        bar = 1.0 - tuning.story_similarity
        tight = [_cohesion(pair_sums[g], len(members[g])) for g in (a, b) if len(members[g]) > 1]
        if tight:
            bar = min(bar, 1.0 - min(tuning.story_cohesion_share * max(tight), tuning.story_cohesion_cap))
        holds.append(holds[a] and holds[b] and distance <= bar)
        pair_sums.append(pair_sums[a] + pair_sums[b] + (1.0 - distance) * len(members[a]) * len(members[b]))
        members.append(members[a] + members[b])
    found: list[list[int]] = []
    pending = [len(members) - 1]
    while pending:
        node = pending.pop()
        if holds[node]:
            found.append(sorted(members[node]))
        else:
            pending += [int(merges[node - n, 0]), int(merges[node - n, 1])]
    return sorted(found)


def _cohesion(pair_sum: float, size: int) -> float:
    """Average similarity of a group's pairs, from their sum."""
    return pair_sum / (size * (size - 1) / 2)


def _leaders(vectors: sparse.csr_matrix, articles: list[int], threshold: float) -> list[tuple[int, ...]]:
    """Groups of a component too large for exact linkage: each article, in order, joins the story of the
    most alike first article (a leader) at least ``threshold`` alike, or leads a story of its own.

    Only thousands of look-alike articles make such a component (never a day's news: see
    ``Tuning.story_linkage_max``); memory grows with articles times leaders, not with their square.
    """
    leaders: list[int] = []
    found: list[list[int]] = []
    matrix: sparse.csr_matrix | None = None
    for article in articles:
        best = -1
        if matrix is not None:
            alike = dense(matrix @ vectors[article].T).ravel()
            best = int(np.argmax(alike)) if alike.max() >= threshold else -1
        if best < 0:
            leaders.append(article)
            found.append([article])
            matrix = vectors[leaders]
        else:
            found[best].append(article)
    return [tuple(story) for story in found]


# --------------------------------------------------------------------------- titles


def title(story: Sequence[Split], tuning: Tuning = DEFAULT) -> Title:
    """The story's title, in a source's words: a headline when one fits the story, else a lead sentence.

    Headlines are the sources' own titles (HTML or JSON metadata) and the
    headline lines opening their texts; leads are each source's first
    ``Tuning.title_lead`` content sentences.  Each is scored by cosine
    similarity (TF-IDF fitted on the story's articles) to the story's centroid.
    The best-scoring headline wins if it scores at least
    ``Tuning.title_headline_share`` of the best candidate and, for a headline
    line of the text, every capitalized word in it is found in the story's text
    (a line naming someone the articles never mention belongs to another story,
    or is wrong).  Otherwise the best lead wins, its score scaled down past
    ``Tuning.title_max_words`` words, and by ``Tuning.orphan`` when it leans on
    a sentence before it ("These items ...") or starts in lower case (the tail
    of a sentence cut by a scrape: "government approval, is expected to ...";
    in lower-cased text every lead does, so none loses).  Ties go to the first
    in input order.  The span is cited when the title is part of a source's text.
    """
    headlines: list[tuple[str, str, Sentence | None]] = []
    leads: list[tuple[str, str, Sentence | None]] = []
    for split in story:
        if split.source.title and split.source.title.strip():
            headlines.append((" ".join(split.source.title.split()), split.source.id, None))
        headlines.extend((s.text, s.source, s) for s in _headline_lines(split, tuning))
        leads.extend((s.text, s.source, s) for s in split.content[: tuning.title_lead])
    known = {t for split in story for s in split.content for t in tokenize(s.text)}
    vectorizer = TfIdf()  # a story's vectors are a few rows: dense, without sparse matrices' overhead per call
    articles = normalize(dense(vectorizer.fit_transform([article_text(s, tuning) for s in story])))
    centroid = normalize(articles.mean(axis=0, keepdims=True))
    candidates = headlines + leads
    scored = normalize(dense(vectorizer.transform([text for text, _, _ in candidates])))
    similarity = (scored @ centroid.T).ravel()
    fitting = [
        k
        for k, (text, _, sentence) in enumerate(headlines)
        if similarity[k] >= tuning.title_headline_share * similarity.max()
        and (sentence is None or _words_known(text, known))
    ]
    if fitting:
        best = max(fitting, key=lambda k: (similarity[k], -k))
    else:
        words = np.array([count_words(text) for text, _, _ in leads], dtype=np.float32)
        alone = np.array([tuning.orphan if _partial(text) else 1.0 for text, _, _ in leads], dtype=np.float32)
        brevity = np.minimum(1.0, tuning.title_max_words / np.maximum(words, 1.0))
        best = len(headlines) + int(np.argmax(similarity[len(headlines) :] * brevity * alone))  # the first of equals
    text, source, sentence = candidates[best]
    return Title(text, source, None if sentence is None else Citation.of(sentence))


def _partial(text: str) -> bool:
    """Whether a lead is not a whole sentence on its own: it leans on the one before, or starts in lower case."""
    first = next((ch for ch in text if ch.isalpha()), "")
    return needs_context(text) or first.islower()


def _words_known(headline: str, known: set[str]) -> bool:
    """Whether every capitalized word of a headline is a token of the story's text (title case or not)."""
    return all(t in known for word in fact_words(headline) if word[0].isupper() for t in tokenize(word))


def _headline_lines(split: Split, tuning: Tuning) -> list[Sentence]:
    """Lines before the first content sentence that read as a headline: short, no closing punctuation.

    They are noise for a brief (sentences.py cannot tell a story's own headline
    from another story's), but a title candidate: the similarity to the story
    decides whose headline it is.
    """
    first = split.content[0].index if split.content else len(split.sentences)
    lines = []
    for sentence in split.sentences[:first]:
        text = sentence.text.strip()
        if not TERMINAL.search(text) and tuning.title_min_words <= count_words(text) <= tuning.title_max_words:
            lines.append(sentence)
    return lines
