"""Multi-sentence compression over a word graph (Filippova 2010), without a parser.

The sentences of one group (a point and the other sources' sentences saying
the same thing) become one directed graph: a node per word, where the same
content word in two sentences is one node (and a function word or punctuation
mark is shared only when a neighbour is shared too, so "the" does not tie
unrelated phrases together).  Each sentence is a path from START to END; a new
path that leaves one sentence at a shared word and continues in another is a
fusion: shorter than either, or carrying a detail from each.  Every node keeps
where each of its words stands in the sources, so every word of a fusion is an
exact span of a cited sentence.

Edge weights are Filippova's: frequent words joined by words that stand close
together in many sentences are cheap.  Candidate paths come cheapest first
from a uniform-cost search over simple paths; the fuser ranks them by informativeness
(Boudin & Morin 2013 rerank by keyphrases the same way) and the guard checks
them like any other candidate.
"""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from ..text import STOP_WORDS

Piece = tuple[int, int, int]
"""A word of a fusion: (sentence number in the group, start, end) offsets into that sentence's text."""

_TOKEN = re.compile(r"[^\W_]+(?:[-'’.&][^\W_]+)*\.?|[^\w\s]")
_START, _END = 0, 1


@dataclass
class _Node:
    key: str
    places: list[tuple[int, int]]
    """(sentence, token index) of every word the node stands for."""


def tokens(text: str) -> list[tuple[int, int]]:
    """Word and punctuation spans of ``text`` (a trailing abbreviation dot stays with its word)."""
    spans = []
    for m in _TOKEN.finditer(text):
        s, e = m.span()
        if text[e - 1] == "." and e - s > 1 and e == len(text.rstrip()):
            spans.extend([(s, e - 1), (e - 1, e)])  # the sentence's own full stop
        else:
            spans.append((s, e))
    return spans


def _key(word: str) -> str:
    return word.lower().replace("’", "'")


def _functional(key: str) -> bool:
    return key in STOP_WORDS or not key[0].isalnum()


class WordGraph:
    """The graph of one group's sentences; :meth:`paths` gives fusions as lists of :data:`Piece`."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = list(texts)
        self.spans = [tokens(t) for t in self.texts]
        self.keys = [[_key(t[s:e]) for s, e in spans] for t, spans in zip(self.texts, self.spans, strict=True)]
        self.nodes: list[_Node] = [_Node("<s>", []), _Node("</s>", [])]
        self.path_of: list[list[int]] = []
        by_key: dict[str, list[int]] = defaultdict(list)
        for k, keys in enumerate(self.keys):
            path: list[int] = []
            for i, key in enumerate(keys):
                node = self._match(k, i, key, by_key[key], set(path))
                if node is None:
                    node = len(self.nodes)
                    self.nodes.append(_Node(key, []))
                    by_key[key].append(node)
                self.nodes[node].places.append((k, i))
                path.append(node)
            self.path_of.append(path)

    def _grams(self, n: int) -> set[tuple[int, ...]]:
        found: set[tuple[int, ...]] = set()
        for path in self.path_of:
            full = [_START, *path, _END]
            found.update(tuple(full[i : i + n]) for i in range(len(full) - n + 1))
        return found

    def _context(self, node: int) -> set[str]:
        found: set[str] = set()
        for k, i in self.nodes[node].places:
            keys = self.keys[k]
            found.update(keys[j] for j in (i - 1, i + 1) if 0 <= j < len(keys))
        return found

    def _match(self, k: int, i: int, key: str, same: list[int], used: set[int]) -> int | None:
        """The existing node this word joins: same word, not yet on this sentence, best shared context."""
        free = [n for n in same if n not in used]
        if not free:
            return None
        keys = self.keys[k]
        neighbours = {keys[j] for j in (i - 1, i + 1) if 0 <= j < len(keys)}
        scored = [(len(self._context(n) & neighbours), len(self.nodes[n].places), -n) for n in free]
        best = max(range(len(free)), key=lambda j: scored[j])
        if _functional(key) and scored[best][0] == 0:
            return None  # a function word or mark joins only where its neighbour is shared too
        return free[best]

    def _edges(self) -> dict[int, dict[int, float]]:
        """Filippova's weights: (freq(a) + freq(b)) / sum over sentences of 1 / distance, over freq(a) * freq(b)."""
        freq = [max(1, len(n.places)) for n in self.nodes]
        pos: list[dict[int, int]] = [{} for _ in self.nodes]
        for k, path in enumerate(self.path_of):
            for i, node in enumerate(path):
                pos[node].setdefault(k, i + 1)
            pos[_START][k], pos[_END][k] = 0, len(path) + 1
        edges: dict[int, dict[int, float]] = defaultdict(dict)
        for path in self.path_of:
            full = [_START, *path, _END]
            for a, b in pairwise(full):
                if b in edges[a]:
                    continue
                inverse = sum(1.0 / (pos[b][k] - pos[a][k]) for k in pos[a] if k in pos[b] and pos[a][k] < pos[b][k])
                edges[a][b] = (freq[a] + freq[b]) / max(inverse, 1e-9) / (freq[a] * freq[b])
        return edges

    def paths(self, *, limit: int, min_words: int, seam: int, expansions: int = 4000) -> list[list[Piece]]:
        """Up to ``limit`` cheapest START-END paths of at least ``min_words`` words that no sentence is.

        Every ``seam + 1`` nodes in a row must stand in a row in some sentence:
        a path leaves one sentence for another only where ``seam`` words in a
        row are shared, so each seam reads as both sentences do.  Paths come
        cheapest first from a uniform-cost search that applies that rule as it
        extends a path (so it never explores what would be thrown away), at
        most ``expansions`` steps.
        """
        edges = self._edges()
        grams = self._grams(seam + 1)
        own = {tuple(p) for p in self.path_of}
        found: list[list[Piece]] = []
        heap: list[tuple[float, tuple[int, ...]]] = [(0.0, (_START,))]
        steps = 0
        while heap and len(found) < limit and steps < expansions:
            cost, walk = heapq.heappop(heap)
            steps += 1
            last = walk[-1]
            if last == _END:
                inner = list(walk[1:-1])
                if self._keeps(inner, own, min_words):
                    found.append(self._pieces(inner))
                continue
            for nxt, weight in edges.get(last, {}).items():
                if nxt in walk:
                    continue
                extended = (*walk, nxt)
                if len(extended) > seam and extended[-seam - 1 :] not in grams:
                    continue
                heapq.heappush(heap, (cost + weight, extended))
        return found

    def _keeps(self, inner: list[int], own: set[tuple[int, ...]], min_words: int) -> bool:
        """A finished path worth offering: new, long enough, closed by a full stop, quotations respected."""
        words = sum(1 for n in inner if self.nodes[n].key[0].isalnum())
        if tuple(inner) in own or words < min_words or self.nodes[inner[-1]].key not in (".", "!", "?"):
            return False
        pieces = self._pieces(inner)
        return not (self._skips_quote(pieces) or self._seam_in_quote(pieces))

    def _skips_quote(self, pieces: Sequence[Piece]) -> bool:
        """Whether the path keeps words after a sentence's quotation but not the quotation (a bare "X said.")."""
        used = set(pieces)
        for k, start, _ in pieces:
            text = self.texts[k]
            for s, e in self.spans[k]:
                if s >= start:
                    break
                if text[s:e] in ("\u201d", '"') and (k, s, e) not in used:
                    return True
        return False

    def _seam_in_quote(self, pieces: Sequence[Piece]) -> bool:
        """Whether the path passes from one sentence to another inside a quotation: words nobody said together."""
        index = [{span: i for i, span in enumerate(spans)} for spans in self.spans]
        quoted = False
        last: tuple[int, int] | None = None
        for k, start, end in pieces:
            i = index[k][(start, end)]
            if quoted and last is not None and (k, i) != (last[0], last[1] + 1):
                return True
            mark = self.texts[k][start:end]
            if mark in ("\u201c", "\u201d", '"'):
                quoted = mark == "\u201c" or (mark == '"' and not quoted)
            last = (k, i)
        return False

    def _pieces(self, inner: Sequence[int]) -> list[Piece]:
        """Each node of a path as a word of one sentence: the one that continues the previous word's sentence."""
        out: list[Piece] = []
        last: tuple[int, int] | None = None
        for node in inner:
            places = self.nodes[node].places
            place = next((p for p in places if last and p == (last[0], last[1] + 1)), None)
            place = place or next((p for p in places if last and p[0] == last[0]), None) or places[0]
            s, e = self.spans[place[0]][place[1]]
            out.append((place[0], s, e))
            last = place
        return out


__all__ = ["Piece", "WordGraph", "tokens"]
