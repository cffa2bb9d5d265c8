"""What ranking chooses from: the sources split into sentences, capped, in one similarity space.

Shared by the single-story pipeline (:mod:`.pipeline`), the story digest
(:mod:`.digest`) and the ranker's training (``benchmarks/ranker.py``), so every
path sees exactly the same candidates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from . import context, embeddings, provenance, similarity, stories
from .brief import Notice, Sentence, Source
from .errors import InputError, ModelError
from .sentences import Split, split
from .text import unspaced
from .tuning import DEFAULT, Tuning


def ranking_space(
    sources: Sequence[Source], tuning: Tuning = DEFAULT, *, grouped: bool = False
) -> tuple[similarity.Space, list[int], list[Notice]]:
    """What ranking chooses from: the candidates in their similarity space, and each one's origin.

    Shared by :func:`summarize.pipeline.extract` and the ranker's training
    (``benchmarks/ranker.py``), so the learned scorer is trained on exactly the
    candidates it will rank.
    """
    splits, warnings = split_supported(sources, tuning)
    content, capped = candidates([s.content for s in splits], tuning.max_candidates)
    if not grouped:  # of the sources the brief is made from: past the cap, those with a candidate
        used = {s.source for s in content}
        warnings += several_stories([s for s in splits if s.source.id in used], tuning)
    warnings += capped
    embedder, missing = _embedder(tuning)
    warnings += missing
    space = similarity.build(content, embedder=embedder, tuning=tuning)
    return space, provenance.origins(space, tuning), warnings


def _embedder(tuning: Tuning) -> tuple[similarity.Embedder | None, list[Notice]]:
    """The paraphrase model, or TF-IDF alone with a notice saying why (never a failure: it only sharpens matches)."""
    if tuning.paraphrase_weight <= 0:
        return None, []
    try:
        model = embeddings.get()
    except ModelError as error:
        return None, [Notice("paraphrase-model-missing", f"{error}; similarity is TF-IDF only")]
    if model is None:
        reason = (
            f"the paraphrase model is not built (package {embeddings.DISTRIBUTION!r} missing)"
            if embeddings.shipped_zip() is None
            else "the paraphrase model is not built yet (run `summarize cache --build` once)"
        )
        return None, [Notice("paraphrase-model-missing", f"{reason}; redundancy and support see shared words only")]
    return model, []


def split_supported(sources: Sequence[Source], tuning: Tuning) -> tuple[list[Split], list[Notice]]:
    """Each source split into sentences, leaving out (with a warning) sources in an unsupported script.

    A source without a content sentence is kept (its split has no content) and named in a warning.
    """
    splits: list[Split] = []
    warnings: list[Notice] = []
    unsupported = {s.id for s in sources if unspaced(s.text)}
    if unsupported and len(unsupported) == sum(1 for s in sources if s.text.strip()):
        raise InputError(
            "the sources are in a language written without spaces between words (Chinese, Japanese, Thai, ...), "
            "which is not supported: summarize reads English, and its budget counts space-separated words"
        )
    for source in sources:
        if source.id in unsupported:
            message = f"{source.id}: written without spaces between words (not supported); left out"
            warnings.append(Notice("unspaced-left-out", message))
            continue
        parts = split(source, tuning)
        units = tuple(context.units(source.text, parts.content, tuning))  # orphans joined with what they lean on
        if source.text.strip() and not units:
            warnings.append(Notice("no-sentence", f"{source.id}: no sentence to summarize; it contributes nothing"))
        splits.append(replace(parts, content=units))
    return splits, warnings


def several_stories(splits: Sequence[Split], tuning: Tuning) -> list[Notice]:
    """A ``several-stories`` warning when the sources group into more than one story (see :mod:`.stories`)."""
    found = stories.group(splits, tuning).stories
    if len(found) < 2:
        return []
    listed = [", ".join(_first(splits[k].source.id for k in story)) for story in found[:4]]
    listing = " | ".join(listed) + (" | ..." if len(found) > 4 else "")
    message = (
        f"the documents look like {len(found)} different stories ({listing}), and this brief mixes them; "
        "summarize.digest() or the command without --one-story gives one brief per story"
    )
    return [Notice("several-stories", message)]


def _first(ids: Iterable[str], n: int = 3) -> list[str]:
    """At most ``n`` ids, and "..." when there were more: a warning stays one readable line."""
    ids = list(ids)
    return ids[:n] + (["..."] if len(ids) > n else [])


def candidates(splits: Sequence[Sequence[Sentence]], cap: int) -> tuple[list[Sentence], list[Notice]]:
    """All content sentences, or at most ``cap`` of them: the leads of the sources.

    The similarity matrix, and every stage after it, is quadratic in the
    sentences, so the cap bounds memory whatever the input.  News puts what
    matters first, so the sentences kept are the first ``k`` of every source,
    ``k`` as large as the cap allows; with more sources than the cap, the first
    sentence of each of the first ``cap`` sources (in input order).
    """
    sizes = [len(s) for s in splits]
    total = sum(sizes)
    if total == 0:
        raise InputError("no source has a sentence to summarize: what text there is, is too short or site boilerplate")
    if total <= cap:
        return [s for sentences in splits for s in sentences], []
    contributing = [k for k, n in enumerate(sizes) if n]
    if len(contributing) > cap:
        leads = [splits[k][0] for k in contributing[:cap]]
        message = (
            f"{len(contributing)} sources with sentences is more than the cap of {cap} candidate sentences: "
            f"only the first sentence of each of the first {cap} sources was considered"
        )
        return leads, [Notice("too-many-sentences", message)]
    per_source = _leads_per_source(sizes, cap)
    kept = [s for sentences in splits for s in sentences[:per_source]]
    message = f"{total} sentences is more than {cap}: only the first {per_source} of each source were considered"
    return kept, [Notice("too-many-sentences", message)]


def _leads_per_source(sizes: Sequence[int], cap: int) -> int:
    """The largest ``k`` such that the first ``k`` sentences of every source number at most ``cap`` (at least 1)."""
    low, high = 1, max(sizes)
    while low < high:
        middle = (low + high + 1) // 2
        if sum(min(n, middle) for n in sizes) <= cap:
            low = middle
        else:
            high = middle - 1
    return low
