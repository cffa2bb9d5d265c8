"""Wire the stages together from one :class:`Options` object.

``Summarizer`` is what a long-lived caller keeps: it resolves its fusion model
once (models are cached process-wide and shared safely between threads) and
can be called from many threads at once; it holds no other state.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

from . import provenance, rank, select, similarity
from .brief import Brief, BriefMeta, BriefSentence, FusionInfo, Group, GuardVerdict, Notice, Sentence, Source
from .errors import InputError, ModelError
from .sentences import split
from .sources import MAX_SOURCES, as_sources
from .text import looks_english, unspaced
from .tuning import DEFAULT, Tuning

Document = str | Source | Mapping[str, Any]
"""What the library accepts as one document: its text, a :class:`Source`, or a mapping with ``text``."""

Progress = Callable[[int, int], None]
"""Called with (steps done, total steps) as fusion proceeds."""


@dataclass(frozen=True)
class Options:
    """Everything that decides a brief; the same options and input give the same brief."""

    words: int = 120
    """Budget in words (whitespace-separated tokens) for the whole brief."""
    sentences: int | None = None
    """Optional cap on the number of brief sentences."""
    query: str | None = None
    """Focus the brief on this topic."""
    lambda_: float = DEFAULT.lambda_
    """MMR trade-off: 1 = salience only, 0 = novelty only."""
    fuse: bool = True
    """Rewrite each point with its supporters through the model (``False``: extractive)."""
    model: str | None = None
    """Hugging Face id, local directory or GGUF file; ``None`` = the embedded default."""
    prompt: str | None = None
    """Prompt template name from ``prompts/``; ``None`` = the model kind's default."""
    timeout: float | None = None
    """Seconds the model may take for one brief before :class:`ModelTimeout`."""
    on_model_error: Literal["raise", "extractive"] = "raise"
    """``"extractive"``: a failing model yields the extractive brief with a warning."""
    max_sources: int = MAX_SOURCES
    """Refuse more documents than this (work grows with their number)."""
    tuning: Tuning = DEFAULT
    """The tuned numbers of every stage (see :mod:`summarize.tuning`)."""
    ranker: Literal["heuristic", "learned"] = "heuristic"
    """Salience: ``"heuristic"``, the model-free mix of support, centrality and position; ``"learned"``, the
    shipped tree model trained on Multi-News (non-commercial research data: see README, "Learned ranker")."""

    def __post_init__(self) -> None:
        _check_count("words", self.words)
        if self.sentences is not None:
            _check_count("sentences", self.sentences)
        _check_count("max_sources", self.max_sources)
        if self.query is not None and not isinstance(self.query, str):
            raise InputError(f"query must be text, not {_kind(self.query)}")
        if not _is_number(self.lambda_) or not 0.0 <= self.lambda_ <= 1.0:
            raise InputError(f"lambda must be a number between 0 and 1, not {self.lambda_!r}")
        if self.timeout is not None and (not _is_number(self.timeout) or self.timeout <= 0):
            raise InputError(f"timeout must be a positive number of seconds, not {self.timeout!r}")
        for name in ("model", "prompt"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise InputError(f"{name} must be a name or path as text, not {_kind(value)}")
        if not isinstance(self.fuse, bool):
            raise InputError(f"fuse must be True or False, not {self.fuse!r}")
        if self.on_model_error not in ("raise", "extractive"):
            raise InputError(f"on_model_error must be 'raise' or 'extractive', not {self.on_model_error!r}")
        if self.ranker not in rank.RANKERS:
            raise InputError(f"ranker must be one of {', '.join(map(repr, rank.RANKERS))}, not {self.ranker!r}")
        if not isinstance(self.tuning, Tuning):
            raise InputError(f"tuning must be a summarize.Tuning, not {_kind(self.tuning)}")


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _check_count(name: str, value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise InputError(f"{name} must be a positive whole number, not {value!r}")


def _kind(value: object) -> str:
    return f"a {type(value).__name__}"


class Summarizer:
    """A reusable, thread-safe summarizer: build once, call :meth:`summarize` many times."""

    def __init__(self, options: Options | None = None, **overrides: Any) -> None:
        self.options = replace(options or Options(), **overrides)

    def summarize(self, documents: Sequence[Document], *, progress: Progress | None = None) -> Brief:
        """Turn documents about one event into a brief (see :func:`summarize.summarize`)."""
        options = self.options
        sources = as_sources(documents, max_sources=options.max_sources)
        groups, warnings = extract(sources, options)
        sentences = [_extractive(g) for g in groups]
        fusion = None
        if options.fuse and groups:
            try:
                sentences, fusion = _fuse(groups, sentences, options, progress)
            except ModelError as error:
                if options.on_model_error == "raise":
                    raise
                warnings.append(Notice("fusion-failed", f"fusion failed, brief is extractive: {error}"))
        meta = BriefMeta(asdict(options), fusion)
        return Brief(tuple(sentences), tuple(sources), meta, tuple(warnings))


def summarize(documents: Sequence[Document], *, progress: Progress | None = None, **options: Any) -> Brief:
    """Summarize ``documents`` (strings, :class:`Source` objects or mappings) into a :class:`Brief`.

    Keyword options are the fields of :class:`Options`, e.g. ``words=120``,
    ``query="export controls"``, ``fuse=False``, ``model="facebook/bart-large-cnn"``.
    """
    return Summarizer(Options(**options)).summarize(documents, progress=progress)


def extract(sources: Sequence[Source], options: Options) -> tuple[list[Group], list[Notice]]:
    """The extractive half: split, embed, rank, pick with MMR, attach supporting sentences."""
    tuning = options.tuning
    space, origins, warnings = candidates(sources, tuning)
    content = space.sentences
    scores = rank.salience(space, origins, query=options.query, tuning=tuning, ranker=options.ranker)
    picked = select.mmr(
        space, scores, words=options.words, sentences=options.sentences, lambda_=options.lambda_, tuning=tuning
    )
    if not picked:
        shortest = min(s.words for s in content)
        raise InputError(f"a budget of {options.words} words is smaller than every sentence (the shortest has {shortest})")
    if len(set(origins)) < len({s.source for s in content}):
        warnings.append(Notice("copies", "some sources are near-identical copies; each set of copies counts as one source of support"))
    if len(set(origins)) == 1:
        warnings.append(Notice("one-source", "only one independent source has prose to summarize: no sentence can be corroborated by another"))
    if not looks_english([s.text for s in content]):
        warnings.append(Notice("not-english", "the text does not look like English; sentence splitting and ranking are tuned for English"))
    points = select.reading_order(space, picked)
    return provenance.groups(space, points, origins, tuning), warnings


def candidates(sources: Sequence[Source], tuning: Tuning = DEFAULT) -> tuple[similarity.Space, list[int], list[Notice]]:
    """What ranking chooses from: the content sentences in their similarity space, and each one's origin.

    Shared by :func:`extract` and the ranker's training (``benchmarks/ranker.py``), so
    the learned scorer is trained on exactly the sentences it will rank.
    """
    splits, warnings = _split_supported(sources, tuning)
    content, capped = _candidates(splits, tuning.max_candidates)
    space = similarity.build(content)
    return space, provenance.origins(space, tuning), warnings + capped


def _split_supported(sources: Sequence[Source], tuning: Tuning) -> tuple[list[tuple[Sentence, ...]], list[Notice]]:
    """Content sentences per source, leaving out (with a warning) sources that cannot contribute."""
    splits: list[tuple[Sentence, ...]] = []
    warnings: list[Notice] = []
    unsupported = [s.id for s in sources if unspaced(s.text)]
    if unsupported and len(unsupported) == len([s for s in sources if s.text.strip()]):
        raise InputError(
            "the sources are in a language written without spaces between words (Chinese, Japanese, Thai, ...), "
            "which is not supported: summarize reads English, and its budget counts space-separated words"
        )
    for source in sources:
        if source.id in unsupported:
            warnings.append(Notice("unspaced-left-out", f"{source.id}: written without spaces between words (not supported); left out"))
            continue
        content = split(source, tuning).content
        if source.text.strip() and not content:
            warnings.append(Notice("no-sentence", f"{source.id}: no sentence to summarize; it contributes nothing"))
        splits.append(content)
    return splits, warnings


def _candidates(splits: Sequence[Sequence[Sentence]], cap: int) -> tuple[list[Sentence], list[Notice]]:
    """All content sentences, or each source's first ones when there are more than ``cap``.

    The similarity matrix is quadratic in memory; capping per source keeps the
    lead of every source, where news puts what matters.
    """
    total = sum(len(s) for s in splits)
    if total == 0:
        raise InputError("no source has a sentence to summarize: what text there is, is too short or site boilerplate")
    if total <= cap:
        return [s for sentences in splits for s in sentences], []
    per_source = max(1, cap // len(splits))
    kept = [s for sentences in splits for s in sentences[:per_source]]
    message = f"{total} sentences is more than {cap}: only the first {per_source} of each source were considered"
    return kept, [Notice("too-many-sentences", message)]


def _extractive(group: Group) -> BriefSentence:
    return BriefSentence(group.point.text, group.citations, group.support)


def _fuse(
    groups: Sequence[Group], extractive: Sequence[BriefSentence], options: Options, progress: Progress | None
) -> tuple[list[BriefSentence], FusionInfo]:
    """Fuse every point, then keep the budget: fused sentences that overrun it fall back to extractive."""
    from .fusion import get_fuser

    fuser = get_fuser(options.model, prompt=options.prompt)
    fused = fuser.fuse(groups, progress=progress, timeout=options.timeout, tuning=options.tuning)
    sentences = list(fused)
    overrun = sum(s.words for s in sentences) - options.words
    by_growth = sorted(range(len(sentences)), key=lambda i: extractive[i].words - sentences[i].words)
    for i in by_growth:
        if overrun <= 0:
            break
        if sentences[i].fused:
            overrun -= sentences[i].words - extractive[i].words
            candidate = sentences[i].text
            sentences[i] = replace(extractive[i], guard=GuardVerdict(False, candidate, ("over the word budget",)))
    return sentences, FusionInfo(fuser.name, fuser.prompt)
