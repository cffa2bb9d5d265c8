"""Wire the stages together from one :class:`Options` object.

``Summarizer`` is what a long-lived caller keeps: it resolves its fusion model
once (models are cached process-wide and shared safely between threads) and
can be called from many threads at once; it holds no other state.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

from . import provenance, rank, select, similarity
from .brief import Brief, BriefSentence, Group, GuardVerdict, Sentence, Source
from .errors import InputError, ModelError
from .sentences import split, unspaced
from .sources import MAX_SOURCES, as_sources

Document = str | Source | Mapping[str, Any]

MAX_CANDIDATES = 6000
"""Content sentences considered at most (the similarity matrix is n x n float32: 144 MB here)."""
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Options:
    """Everything that decides a brief; the same options and input give the same brief."""

    words: int = 120
    """Budget in words (whitespace-separated tokens) for the whole brief."""
    sentences: int | None = None
    """Optional cap on the number of brief sentences."""
    query: str | None = None
    """Focus the brief on this topic."""
    lambda_: float = select.LAMBDA
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

    def __post_init__(self) -> None:
        if not isinstance(self.words, int) or self.words < 1:
            raise InputError(f"words must be a positive whole number, not {self.words!r}")
        if self.sentences is not None and (not isinstance(self.sentences, int) or self.sentences < 1):
            raise InputError(f"sentences must be a positive whole number, not {self.sentences!r}")
        if not 0.0 <= self.lambda_ <= 1.0:
            raise InputError(f"lambda must lie between 0 and 1, not {self.lambda_!r}")
        if self.on_model_error not in ("raise", "extractive"):
            raise InputError(f"on_model_error must be 'raise' or 'extractive', not {self.on_model_error!r}")


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
        meta: dict[str, Any] = {"options": asdict(options), "fusion": None}
        if options.fuse and groups:
            try:
                sentences, meta["fusion"] = _fuse(groups, sentences, options, progress)
            except ModelError as error:
                if options.on_model_error == "raise":
                    raise
                warnings.append(f"fusion failed, brief is extractive: {error}")
        return Brief(tuple(sentences), tuple(sources), meta, tuple(warnings))


def summarize(documents: Sequence[Document], *, progress: Progress | None = None, **options: Any) -> Brief:
    """Summarize ``documents`` (strings, :class:`Source` objects or mappings) into a :class:`Brief`.

    Keyword options are the fields of :class:`Options`, e.g. ``words=120``,
    ``query="export controls"``, ``fuse=False``, ``model="facebook/bart-large-cnn"``.
    """
    return Summarizer(Options(**options)).summarize(documents, progress=progress)


def extract(sources: Sequence[Source], options: Options) -> tuple[list[Group], list[str]]:
    """The extractive half: split, embed, rank, pick with MMR, attach supporting sentences."""
    splits, warnings = _split_supported(sources)
    content, capped = _candidates(splits)
    warnings += capped
    space = similarity.build(content)
    origins = provenance.origins(space)
    scores = rank.salience(space, origins, query=options.query)
    picked = select.mmr(space, scores, words=options.words, sentences=options.sentences, lambda_=options.lambda_)
    if not picked:
        shortest = min(s.words for s in content)
        raise InputError(f"a budget of {options.words} words is smaller than every sentence (the shortest has {shortest})")
    if len(set(origins)) < len({s.source for s in content}):
        warnings.append("some sources are near-identical copies; each set of copies counts as one source of support")
    if len(set(origins)) == 1:
        warnings.append("only one independent source has prose to summarize: no sentence can be corroborated by another")
    if not similarity.looks_english([s.text for s in content]):
        warnings.append("the text does not look like English; sentence splitting and ranking are tuned for English")
    points = select.reading_order(space, picked)
    return provenance.groups(space, points, origins), warnings


def _split_supported(sources: Sequence[Source]) -> tuple[list[tuple[Sentence, ...]], list[str]]:
    """Content sentences per source, leaving out (with a warning) sources that cannot contribute."""
    splits, warnings = [], []
    unsupported = [s.id for s in sources if unspaced(s.text)]
    if unsupported and len(unsupported) == len([s for s in sources if s.text.strip()]):
        raise InputError(
            "the sources are in a language written without spaces between words (Chinese, Japanese, Thai, ...), "
            "which is not supported: summarize reads English, and its budget counts space-separated words"
        )
    for source in sources:
        if source.id in unsupported:
            warnings.append(f"{source.id}: written without spaces between words (not supported); left out")
            continue
        content = split(source).content
        if source.text.strip() and not content:
            warnings.append(f"{source.id}: no sentence to summarize; it contributes nothing")
        splits.append(content)
    return splits, warnings


def _candidates(splits: Sequence[Sequence[Sentence]]) -> tuple[list[Sentence], list[str]]:
    """All content sentences, or each source's first ones when there are more than MAX_CANDIDATES.

    The similarity matrix is quadratic in memory; capping per source keeps the
    lead of every source, where news puts what matters.
    """
    total = sum(len(s) for s in splits)
    if total == 0:
        raise InputError("no source has a sentence to summarize: what text there is, is too short or site boilerplate")
    if total <= MAX_CANDIDATES:
        return [s for sentences in splits for s in sentences], []
    per_source = max(1, MAX_CANDIDATES // len(splits))
    kept = [s for sentences in splits for s in sentences[:per_source]]
    return kept, [f"{total} sentences is more than {MAX_CANDIDATES}: only the first {per_source} of each source were considered"]


def _extractive(group: Group) -> BriefSentence:
    return BriefSentence(group.point.text, group.citations, group.support)


def _fuse(
    groups: Sequence[Group], extractive: Sequence[BriefSentence], options: Options, progress: Progress | None
) -> tuple[list[BriefSentence], dict[str, Any]]:
    """Fuse every point, then keep the budget: fused sentences that overrun it fall back to extractive."""
    from .fusion import get_fuser

    fuser = get_fuser(options.model, prompt=options.prompt)
    fused = fuser.fuse(groups, progress=progress, timeout=options.timeout)
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
    return sentences, {"model": fuser.name, "prompt": fuser.prompt}
