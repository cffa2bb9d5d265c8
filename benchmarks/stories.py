"""``python -m benchmarks stories DATA --mix K``: story digests of mixed clusters, scored against the clusters.

A *mixture* is K clusters of a cluster file whose documents are shuffled
together (seeded), as a day's folder would hold them.  The digest of the
mixture (``summarize.digest``, ``min_sources=1`` so that every story has a
brief to score) is scored two ways:

* **grouping**: B-cubed precision, recall, F1 and the adjusted Rand index of
  the stories against the true clusters (:mod:`benchmarks.grouping`);
* **briefs**: each cluster's story (the story holding most of its documents)
  is scored with ROUGE against the cluster's reference, beside the brief
  ``summarize.summarize`` makes of the cluster alone (the *single-cluster run*).

*Hard* mixtures are built around a cluster and the clusters sharing the most
names with it (the names its documents mention, :func:`summarize.text.inner_names`,
weighted by how rare they are across the file): several clusters about one
person, one country, one company.  The cluster they are built around is drawn
from the quarter of the file with the strongest such links.  The rest are
drawn at random.

**What "the true cluster" is for off-story documents.**  Multi-News clusters
hold documents that report no event of their cluster: web-archive and Twitter
notices (the same text in many clusters), error pages, an unrelated article
the summary's editor linked.  No grouping by event can put them with their
cluster, and a digest should not.  A document is *off-story* here when its text
also appears in another cluster of the file, or when it shares less than
``OFF_STORY_SHARE`` of its cluster reference's content words (stems, stop
words out).  Off-story documents are left out of the grouping scores (their
"true cluster" is none), and counted; the scores over all documents with
their given clusters are reported too (``as given``).  The rule is a
heuristic: it also drops a few short on-story documents.
"""

from __future__ import annotations

import math
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from summarize.text import inner_names, split_sentences, tokenize

from .datasets import Cluster
from .grouping import adjusted_rand, bcubed
from .scoring import Scorer
from .stats import bootstrap

OFF_STORY_SHARE = 0.06
"""Share of the reference's content words below which a document reports no event of its cluster."""

CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split()
)
"""Capitalized every time, named by every story: not what a story is about."""

TOP_NAMES = 8
"""Names of a cluster compared when looking for clusters about the same people and places."""

Doc = tuple[int, int]
"""A document of a mixture: (position of its cluster in the file's clusters, its index there)."""


@dataclass(frozen=True)
class Mixture:
    number: int
    kind: str
    """``"hard"`` (clusters sharing names) or ``"random"``."""
    clusters: tuple[int, ...]
    """Positions of the clusters in the dataset's clusters."""
    shared: tuple[str, ...] = ()
    """For a hard mixture: the names its seed cluster shares with the others picked for it."""


def off_story(clusters: Sequence[Cluster]) -> set[Doc]:
    """Documents that report no event of their cluster (see the module docstring)."""
    seen: dict[str, set[int]] = {}
    for c, cluster in enumerate(clusters):
        for doc in cluster.documents:
            seen.setdefault(" ".join(doc.split()), set()).add(c)
    found = set()
    for c, cluster in enumerate(clusters):
        reference = {t for s in cluster.summaries for t in tokenize(s)}
        for d, doc in enumerate(cluster.documents):
            shared = len(reference & set(tokenize(doc))) / max(len(reference), 1)
            if len(seen[" ".join(doc.split())]) > 1 or shared < OFF_STORY_SHARE:
                found.add((c, d))
    return found


def cluster_names(clusters: Sequence[Cluster], off: set[Doc]) -> list[set[str]]:
    """Each cluster's most mentioned names (by documents mentioning them), off-story documents aside."""
    out = []
    for c, cluster in enumerate(clusters):
        counts: Counter[str] = Counter()
        for d, doc in enumerate(cluster.documents):
            if (c, d) not in off:
                found = {n for sentence in split_sentences(doc) for n in inner_names(sentence)}
                counts.update(n for n in found if len(n) > 1 and n not in CALENDAR)
        out.append({n for n, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_NAMES]})
    return out


def name_overlap(names: Sequence[set[str]]) -> np.ndarray:
    """``overlap[a, b]``: the names clusters a and b share, each weighted by log(clusters / clusters naming it)."""
    df = Counter(n for ns in names for n in ns)
    total = len(names)
    weight = {n: math.log(total / k) for n, k in df.items()}
    overlap = np.zeros((total, total))
    for a in range(total):
        for b in range(a + 1, total):
            overlap[a, b] = overlap[b, a] = sum(weight[n] for n in names[a] & names[b])
    return overlap


def mixtures(
    clusters: Sequence[Cluster], k: int, count: int, *, seed: int = 0, hard_share: float = 0.5
) -> list[Mixture]:
    """``count`` seeded mixtures of ``k`` clusters each; the first ``hard_share`` of them hard."""
    if not 1 <= k <= len(clusters):
        raise ValueError(f"--mix {k} needs between 1 and {len(clusters)} clusters")
    rng = random.Random(seed)
    names = cluster_names(clusters, off_story(clusters))
    overlap = name_overlap(names)
    linked = np.argsort(-overlap.max(axis=1), kind="stable")[: max(k, len(clusters) // 4)]
    out = []
    for number in range(count):
        if number < round(count * hard_share):
            seed_cluster = int(rng.choice(linked))
            ranked = [int(b) for b in np.argsort(-overlap[seed_cluster], kind="stable") if overlap[seed_cluster, b] > 0]
            picked = [seed_cluster, *ranked[: max(k // 2 - 1, 0)]]
            shared = sorted(set().union(*(names[seed_cluster] & names[b] for b in picked[1:])))
            rest = [c for c in range(len(clusters)) if c not in picked]
            picked += rng.sample(rest, k - len(picked))
            out.append(Mixture(number, "hard", tuple(sorted(picked)), tuple(shared)))
        else:
            out.append(Mixture(number, "random", tuple(sorted(rng.sample(range(len(clusters)), k)))))
    return out


def documents(mixture: Mixture, clusters: Sequence[Cluster], seed: int = 0) -> tuple[list[dict[str, str]], list[Doc]]:
    """The mixture's documents shuffled (seeded), with ids that say nothing of their cluster."""
    order = [(c, d) for c in mixture.clusters for d in range(len(clusters[c].documents))]
    random.Random(f"{seed}:{mixture.number}").shuffle(order)
    docs = [
        {"id": f"m{mixture.number:02d}-{k:03d}", "text": clusters[c].documents[d]} for k, (c, d) in enumerate(order)
    ]
    return docs, order


def labels(digest: Any, ids: Sequence[str]) -> list[str]:
    """Each document's predicted story (briefed or also reported); a document in no story stands alone."""
    story = {}
    for k, s in enumerate([*digest.stories, *digest.also_reported]):
        for source in s.sources:
            story[source.id] = f"story-{k}"
    return [story.get(i, f"alone-{i}") for i in ids]


def grouping_scores(predicted: Sequence[str], order: Sequence[Doc], off: set[Doc]) -> dict[str, float]:
    """B-cubed and ARI over on-story documents, and B-cubed F1 over all documents as given."""
    kept = [k for k, doc in enumerate(order) if doc not in off]
    truth = [order[k][0] for k in kept]
    mine = [predicted[k] for k in kept]
    p, r, f = bcubed(mine, truth)
    return {
        "precision": p,
        "recall": r,
        "f1": f,
        "ari": adjusted_rand(mine, truth),
        "f1_as_given": bcubed(list(predicted), [c for c, _ in order])[2],
        "documents": len(order),
        "off_story": len(order) - len(kept),
    }


def story_of(
    cluster: int, predicted: Sequence[str], order: Sequence[Doc], off: set[Doc], clusters: Sequence[Cluster]
) -> str | None:
    """The story holding most of the cluster's on-story documents (of all of them, if none is on-story).

    A tie (a two-document cluster split in two) goes to the story holding more
    of the cluster's text, then to the first in mixture order.
    """
    for keep in (lambda doc: doc not in off, lambda doc: True):
        size: dict[str, tuple[int, int]] = {}
        for k, doc in enumerate(order):
            if doc[0] == cluster and keep(doc):
                docs, chars = size.get(predicted[k], (0, 0))
                size[predicted[k]] = (docs + 1, chars + len(clusters[doc[0]].documents[doc[1]]))
        if size:
            return max(size, key=lambda story: size[story])  # the first of equals, in mixture order
    return None


def run(
    clusters: Sequence[Cluster],
    mixes: Sequence[Mixture],
    *,
    words: int,
    fuse: bool,
    seed: int = 0,
    engine: str | None = None,
    workers: int | None = None,
    tuning: Any = None,
    briefs: bool = True,
    progress: Callable[[int, int], None] | None = None,
    single: dict[int, dict[str, float]] | None = None,
    estimate: dict[tuple[Doc, ...], list[str]] | None = None,
) -> dict[str, Any]:
    """Digest every mixture; score grouping and (with ``briefs``) per-story ROUGE beside single-cluster runs.

    ``single`` caches the single-cluster scores by cluster position, to share them between runs of other seeds.
    ``estimate`` (without ``briefs``): estimate per-story ROUGE from briefs of each story's documents cached
    by the set of documents (:func:`_estimated_rouge`), the cache shared by the values of a sweep.
    """
    import summarize

    options = summarize.Options(words=words, fuse=fuse, **({"tuning": tuning} if tuning is not None else {}))
    off = off_story(clusters)
    scorer = Scorer()
    single = {} if single is None else single
    own: dict[tuple[Doc, ...], list[str]] = {}  # briefs of a story's documents of one cluster (`_pair`)
    rows = []
    for n, mixture in enumerate(mixes):
        docs, order = documents(mixture, clusters, seed)
        start = time.perf_counter()
        if briefs:
            day = summarize.digest(docs, options=options, min_sources=1, engine=engine, workers=workers)
        else:
            day = _grouped_only(docs, options)
        seconds = time.perf_counter() - start
        predicted = labels(day, [d["id"] for d in docs])
        row: dict[str, Any] = {
            "seed": seed,
            "mixture": mixture.number,
            "kind": mixture.kind,
            "clusters": [clusters[c].id for c in mixture.clusters],
            "shared_names": list(mixture.shared),
            "stories": len(day.stories) + len(day.also_reported),
            "seconds": seconds,
            **grouping_scores(predicted, order, off),
            "assignment": [
                [clusters[c].id, d, label, (c, d) in off] for (c, d), label in zip(order, predicted, strict=True)
            ],
        }
        if briefs:
            row["per_cluster"] = _rouge(clusters, mixture, day, predicted, order, off, scorer, single, options, own)
        elif estimate is not None:
            row["per_cluster"] = _estimated_rouge(
                clusters, mixture, predicted, order, off, scorer, single, options, estimate
            )
        rows.append(row)
        if progress is not None:
            progress(n + 1, len(mixes))
    return {"mixtures": rows, "summary": summary(rows), "off_story_rule": f"shares < {OFF_STORY_SHARE} of reference"}


def _rouge(clusters, mixture, day, predicted, order, off, scorer, single, options, cache) -> list[dict[str, Any]]:
    """Per cluster: ROUGE of its story's brief and of its single-cluster brief against its reference."""
    briefs = {f"story-{k}": s.brief for k, s in enumerate(day.stories)}
    out = []
    for c in mixture.clusters:
        brief = briefs.get(story_of(c, predicted, order, off, clusters) or "")
        mine = scorer.score([s.text for s in brief.sentences] if brief else [], clusters[c].summaries)
        out.append(_pair(clusters, c, mine, predicted, order, off, scorer, single, options, cache))
    return out


def _brief_sentences(documents: list[Any], options: Any) -> list[str]:
    """The sentences of ``summarize()`` of these documents (none when they hold nothing to summarize)."""
    import summarize

    try:
        return [s.text for s in summarize.Summarizer(options).summarize(documents).sentences]
    except summarize.InputError:
        return []


def _cached_brief(clusters, docs: tuple[Doc, ...], options: Any, cache: dict[tuple[Doc, ...], list[str]]) -> list[str]:
    """``summarize()`` of these documents (ids ``c<cluster>-d<index>``, file order), briefed once per set."""
    if docs not in cache:
        texts = [{"id": f"c{a}-d{b}", "text": clusters[a].documents[b]} for a, b in docs]
        cache[docs] = _brief_sentences(texts, options) if docs else []
    return cache[docs]


def _estimated_rouge(clusters, mixture, predicted, order, off, scorer, single, options, cache) -> list[dict[str, Any]]:
    """Per cluster, as :func:`_rouge` but without digests: its story's brief is ``summarize()`` of the story's
    documents, cached by their set (ids ``c<cluster>-d<index>``, file order) so that a sweep briefs each set once.

    An estimate: the digest briefs the same documents under the mixture's ids and order, which only breaks ties
    (on the full dev clusters, seeds 0-2, the estimate of ΔR2 is within 0.02 of the full run's).
    """
    out = []
    for c in mixture.clusters:
        docs = _story_documents(c, predicted, order, off, clusters)
        mine = scorer.score(_cached_brief(clusters, docs, options, cache), clusters[c].summaries)
        out.append(_pair(clusters, c, mine, predicted, order, off, scorer, single, options, cache))
    return out


def _story_documents(cluster, predicted, order, off, clusters) -> tuple[Doc, ...]:
    """The documents of the cluster's story (:func:`story_of`), in file order."""
    story = story_of(cluster, predicted, order, off, clusters) or ""
    return tuple(sorted(doc for doc, label in zip(order, predicted, strict=True) if label == story))


def _pair(clusters, c, mine, predicted, order, off, scorer, single, options, cache) -> dict[str, Any]:
    """One cluster's scores: its story's brief (``digest``), its single-cluster brief (``single``) and ``own``.

    ``own`` is the brief of the story's documents *of this cluster only* (``summarize()`` of them, as
    ``--estimate-briefs`` briefs a story; the story's brief when it holds no other cluster's).  It splits
    ΔR2 in two (:func:`attribution`): ``digest - own``, what articles of other events in the story cost;
    ``own - single``, what the cluster's articles the story lacks cost.
    """
    cluster = clusters[c]
    if c not in single:
        single[c] = scorer.score(_brief_sentences(list(cluster.documents), options), cluster.summaries)
    docs = _story_documents(c, predicted, order, off, clusters)
    own_docs = tuple(doc for doc in docs if doc[0] == c)
    own = mine
    if own_docs != docs:
        own = scorer.score(_cached_brief(clusters, own_docs, options, cache), cluster.summaries)
    grouped = grouped_as(c, predicted, order, off)
    return {"cluster": cluster.id, "grouped": grouped, "digest": mine, "own": own, "single": single[c]}


def grouped_as(cluster: int, predicted: Sequence[str], order: Sequence[Doc], off: set[Doc]) -> str:
    """How the digest grouped a cluster's on-story documents: ``exact``, ``split``, ``merged`` or ``split+merged``.

    *Split*: they are in more than one story; *merged*: the story holding most
    of them (:func:`story_of`) also holds on-story documents of another cluster.
    """
    mine = Counter(predicted[k] for k, doc in enumerate(order) if doc[0] == cluster and doc not in off)
    if not mine:
        return "exact"
    main = mine.most_common(1)[0][0]
    merged = any(predicted[k] == main and doc[0] != cluster and doc not in off for k, doc in enumerate(order))
    return "+".join(kind for kind, found in (("split", len(mine) > 1), ("merged", merged)) if found) or "exact"


def _grouped_only(docs: list[dict[str, str]], options: Any) -> Any:
    """The digest's stories without briefs (for sweeps of the grouping's numbers): a stand-in with ``also_reported``."""
    import summarize
    from summarize import stories
    from summarize.candidates import split_supported

    sources = summarize.as_sources(docs, max_sources=max(len(docs), 1))
    splits, _ = split_supported(sources, options.tuning)
    articles = [s for s in splits if s.content]
    found = stories.group(articles, options.tuning).stories
    mentions = tuple(_Listed(tuple(articles[k].source for k in story)) for story in found)
    return _Day((), mentions)


@dataclass(frozen=True)
class _Listed:
    sources: tuple[Any, ...]


@dataclass(frozen=True)
class _Day:
    stories: tuple[Any, ...]
    also_reported: tuple[_Listed, ...]


def summary(rows: Sequence[dict[str, Any]], held_out: Sequence[int] = ()) -> dict[str, Any]:
    """Means over mixtures (all, hard, random; with ``held_out`` seeds, those seeds' mixtures and the others'
    apart: "tuned on" and "held out"), and the per-story ROUGE beside the single-cluster runs."""
    out: dict[str, Any] = {}
    groups: dict[str, Callable[[dict[str, Any]], bool]] = {
        "all": lambda r: True,
        "hard": lambda r: r["kind"] == "hard",
        "random": lambda r: r["kind"] == "random",
    }
    if held_out:
        groups |= {
            "tuned on": lambda r: r.get("seed") not in held_out,
            "held out": lambda r: r.get("seed") in held_out,
            "held out, hard": lambda r: r.get("seed") in held_out and r["kind"] == "hard",
        }
    for kind, wanted in groups.items():
        chosen = [r for r in rows if wanted(r)]
        if not chosen:
            continue
        metrics = ("precision", "recall", "f1", "ari", "f1_as_given")
        entry: dict[str, Any] = {m: float(np.mean([r[m] for r in chosen])) for m in metrics}
        entry |= {"mixtures": len(chosen), "min_f1": float(min(r["f1"] for r in chosen))}
        entry |= {
            "off_story": int(sum(r["off_story"] for r in chosen)),
            "documents": int(sum(r["documents"] for r in chosen)),
        }
        pairs = [p for r in chosen for p in r.get("per_cluster", [])]
        if pairs:
            for metric in ("rouge1", "rouge2", "rougeL"):
                entry[f"{metric}_digest"] = float(np.mean([p["digest"][metric] for p in pairs]))
                entry[f"{metric}_single"] = float(np.mean([p["single"][metric] for p in pairs]))
            delta = bootstrap([p["digest"]["rouge2"] - p["single"]["rouge2"] for p in pairs])
            entry["rouge2_delta_interval"] = [delta["low"], delta["high"]]
            entry["rouge2_delta_cluster_interval"] = cluster_interval(pairs)
            entry["clusters_scored"] = len(pairs)
            entry["distinct_clusters"] = len({p["cluster"] for p in pairs})
            entry |= attribution(pairs)
        out[kind] = entry
    seeds = sorted({r["seed"] for r in rows if "seed" in r})
    if len(seeds) > 1 and rows and "per_cluster" in rows[0]:
        per_seed = {seed: summary([r for r in rows if r.get("seed") == seed])["all"] for seed in seeds}
        deltas = [e["rouge2_digest"] - e["rouge2_single"] for e in per_seed.values()]
        out["per_seed"] = per_seed
        out["across_seeds"] = {
            "seeds": seeds,
            "rouge2_delta": deltas,
            "rouge2_delta_mean": float(np.mean(deltas)),
            "rouge2_delta_sd": float(np.std(deltas, ddof=1)),
            "f1": [e["f1"] for e in per_seed.values()],
        }
    return out


def cluster_interval(pairs: Sequence[dict[str, Any]], resamples: int = 1000, seed: int = 0) -> list[float]:
    """95% interval of the mean ΔR2 over pairs, resampling *clusters* (each with all its draws).

    A cluster is drawn into several mixtures and grouped the same way each time,
    so its pairs are not independent: resampling pairs gives too narrow an
    interval when one cluster is drawn ten times (as ``multinews-test-1390``
    was on seed 1), resampling clusters does not.
    """
    sums: dict[str, float] = {}
    counts: Counter[str] = Counter()
    for p in pairs:
        sums[p["cluster"]] = sums.get(p["cluster"], 0.0) + p["digest"]["rouge2"] - p["single"]["rouge2"]
        counts[p["cluster"]] += 1
    names = sorted(sums)
    total, drawn = np.array([sums[n] for n in names]), np.array([counts[n] for n in names], dtype=np.float64)
    picks = np.random.default_rng(seed).integers(0, len(names), size=(resamples, len(names)))
    means = total[picks].sum(axis=1) / drawn[picks].sum(axis=1)
    low, high = np.quantile(means, [0.025, 0.975])
    return [float(low), float(high)]


def attribution(pairs: Sequence[dict[str, Any]], worst: int = 6) -> dict[str, Any]:
    """Where the mean ΔR2 comes from: each grouping outcome's share of it, its two parts (:func:`_pair`: articles
    of other events in the cluster's story, the cluster's articles the story lacks), and the costliest clusters."""
    deltas = [p["digest"]["rouge2"] - p["single"]["rouge2"] for p in pairs]
    by_kind: dict[str, dict[str, float]] = {}
    for p, d in zip(pairs, deltas, strict=True):
        entry = by_kind.setdefault(p.get("grouped", "exact"), {"pairs": 0, "share_of_mean": 0.0})
        entry["pairs"] += 1
        entry["share_of_mean"] += d / len(pairs)
    per_cluster: dict[str, list[dict[str, Any]]] = {}
    for p in pairs:
        per_cluster.setdefault(p["cluster"], []).append(p)
    costly = sorted(per_cluster.items(), key=lambda kv: (sum(_parts(p)[0] for p in kv[1]), kv[0]))[:worst]
    return {
        "rouge2_delta_by_grouping": dict(sorted(by_kind.items())),
        "rouge2_delta_parts": _mean_parts(pairs, len(pairs)),
        "rouge2_delta_costliest": [
            {
                "cluster": name,
                "drawn": len(draws),
                "share_of_mean": sum(_parts(p)[0] for p in draws) / len(pairs),
                "rouge2_delta": float(np.mean([_parts(p)[0] for p in draws])),
                "parts_of_share": _mean_parts(draws, len(pairs)),
                "grouped": dict(Counter(p.get("grouped", "exact") for p in draws).most_common()),
            }
            for name, draws in costly
            if sum(_parts(p)[0] for p in draws) < 0
        ],
    }


def _parts(pair: dict[str, Any]) -> tuple[float, float, float]:
    """ΔR2 of one cluster's story, and its parts: other events' articles (digest - own), the cluster's missing
    articles (own - single).  A result without ``own`` (written before it was scored) puts it all in the second."""
    digest, single = pair["digest"]["rouge2"], pair["single"]["rouge2"]
    own = pair.get("own", pair["digest"])["rouge2"]
    return digest - single, digest - own, own - single


def _mean_parts(pairs: Sequence[dict[str, Any]], total: int) -> dict[str, float]:
    """The two parts of ΔR2 summed over ``pairs`` and divided by ``total`` (their share of a mean over ``total``)."""
    return {
        "other_events": float(sum(_parts(p)[1] for p in pairs) / total),
        "missing_articles": float(sum(_parts(p)[2] for p in pairs) / total),
    }


def sweep(
    clusters: Sequence[Cluster],
    mixes: Sequence[Mixture],
    field: str,
    values: Sequence[float],
    *,
    estimate: bool = False,
    **kw: Any,
) -> list[dict[str, Any]]:
    """Grouping scores for each value of one :class:`summarize.Tuning` field (no digests: quick); with
    ``estimate``, per-story ROUGE estimated too (:func:`_estimated_rouge`, one cache for all values)."""
    import summarize

    base = summarize.Tuning()
    kind = _field_type(base, field, "--sweep")
    cache: dict[tuple[Doc, ...], list[str]] = {}
    single: dict[int, dict[str, float]] = {}
    out = []
    for value in values:
        tuning = replace(base, **{field: kind(value)})
        result = run(
            clusters, mixes, briefs=False, tuning=tuning, single=single, estimate=cache if estimate else None, **kw
        )
        out.append({"value": kind(value), **result["summary"]})
    return out


def tuned(settings: Sequence[str]) -> Any:
    """The default :class:`summarize.Tuning` with ``FIELD=VALUE`` settings (``--tuning``): one run's A/B."""
    import summarize

    tuning = summarize.Tuning()
    for setting in settings:
        field, _, value = setting.partition("=")
        tuning = replace(tuning, **{field.strip(): _field_type(tuning, field.strip(), "--tuning")(value)})
    return tuning


def _field_type(tuning: Any, field: str, flag: str) -> type:
    if field not in vars(tuning):
        raise ValueError(f"{flag}: {field!r} is not a field of summarize.Tuning")
    return type(getattr(tuning, field))


def markdown(results: dict[str, Any]) -> str:
    """The report: the summary table, then one line per mixture."""
    head = results["setup"]
    lines = [
        f"Story digests of {head['mixtures']} seeded mixtures of {head['mix']} clusters from `{head['data']}` "
        f"({head['words']} words per story, {'fused' if head['fuse'] else 'extractive'}; seed {head['seed']})"
        + (
            "; briefs estimated: each cluster's story as `summarize()` of its documents (`--estimate-briefs`)."
            if head.get("estimated_briefs")
            else "."
        ),
        "",
        "| mixtures | n | B³ P | B³ R | B³ F1 | min F1 | ARI | F1 as given | off-story docs | R2 digest | R2 single "
        "| ΔR2 [95% CI] |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for kind, e in results["summary"].items():
        if kind in ("per_seed", "across_seeds"):
            continue
        rouge = "| | | "
        if "rouge2_digest" in e:
            low, high = e["rouge2_delta_interval"]
            delta = e["rouge2_digest"] - e["rouge2_single"]
            rouge = (
                f"| {e['rouge2_digest']:.2f} | {e['rouge2_single']:.2f} | **{delta:+.2f}** [{low:+.2f}, {high:+.2f}] "
            )
        lines.append(
            f"| {kind} | {e['mixtures']} | {e['precision']:.3f} | {e['recall']:.3f} | **{e['f1']:.3f}** | "
            f"{e['min_f1']:.3f} | {e['ari']:.3f} | {e['f1_as_given']:.3f} | {e['off_story']}/{e['documents']} {rouge}|"
        )
    lines += _seed_lines(results["summary"]) + _attribution_lines(results["summary"].get("all", {}))
    lines += ["", "| seed | # | kind | clusters | stories | B³ F1 | ARI | shared names |", "|---" * 8 + "|"]
    for r in results["mixtures"]:
        lines.append(
            f"| {r.get('seed', head['seed'])} | {r['mixture']} | {r['kind']} | {len(r['clusters'])} | {r['stories']} | "
            f"{r['f1']:.3f} | {r['ari']:.3f} | {', '.join(r['shared_names'][:6])} |"
        )
    return "\n".join(lines) + "\n"


def _seed_lines(summary: dict[str, Any]) -> list[str]:
    """Per seed: grouping and ΔR2 over its mixtures; then the mean ΔR2 over seeds and its standard deviation."""
    across = summary.get("across_seeds")
    if not across:
        return []
    lines = [
        "",
        "| seed | mixtures | B³ F1 | ARI | R2 digest | R2 single | ΔR2 [95% CI, clusters resampled] |",
        "|---|---|---|---|---|---|---|",
    ]
    for seed, e in summary["per_seed"].items():
        low, high = e["rouge2_delta_cluster_interval"]
        lines.append(
            f"| {seed} | {e['mixtures']} | {e['f1']:.3f} | {e['ari']:.3f} | {e['rouge2_digest']:.2f} | "
            f"{e['rouge2_single']:.2f} | {e['rouge2_digest'] - e['rouge2_single']:+.2f} [{low:+.2f}, {high:+.2f}] |"
        )
    lines.append(
        f"\nMean ΔR2 over {len(across['seeds'])} seeds: **{across['rouge2_delta_mean']:+.2f}** "
        f"(standard deviation over seeds {across['rouge2_delta_sd']:.2f})."
    )
    return lines


def _attribution_lines(entry: dict[str, Any]) -> list[str]:
    """Where ΔR2 comes from: by grouping outcome, and the clusters that cost the most."""
    if "rouge2_delta_by_grouping" not in entry:
        return []
    low, high = entry["rouge2_delta_cluster_interval"]
    lines = [
        "",
        f"ΔR2 over all {entry['clusters_scored']} stories ({entry['distinct_clusters']} distinct clusters): "
        f"{entry['rouge2_digest'] - entry['rouge2_single']:+.2f}, 95% CI with clusters resampled [{low:+.2f}, "
        f"{high:+.2f}]. By how the digest grouped the cluster:",
        "",
        "| grouped | stories | share of the mean ΔR2 |",
        "|---|---|---|",
    ]
    for kind, e in entry["rouge2_delta_by_grouping"].items():
        lines.append(f"| {kind} | {e['pairs']} | {e['share_of_mean']:+.2f} |")
    parts = entry["rouge2_delta_parts"]
    lines += [
        "",
        f"Of the mean: **{parts['other_events']:+.2f}** from articles of other events in a cluster's story (its brief "
        f"against the brief of its own articles in it), **{parts['missing_articles']:+.2f}** from the cluster's "
        "articles the story lacks (that brief against the single-cluster brief).",
    ]
    lines += [
        "",
        "| costliest clusters | drawn | grouped (times) | mean ΔR2 | share of the mean | of it: other events | "
        "of it: missing articles |",
        "|---" * 7 + "|",
    ]
    for c in entry["rouge2_delta_costliest"]:
        lines.append(
            f"| {c['cluster']} | {c['drawn']} | {', '.join(f'{k} {n}' for k, n in c['grouped'].items())} | "
            f"{c['rouge2_delta']:+.2f} | {c['share_of_mean']:+.2f} | {c['parts_of_share']['other_events']:+.2f} | "
            f"{c['parts_of_share']['missing_articles']:+.2f} |"
        )
    return lines


def sweep_markdown(field: str, rows: Sequence[dict[str, Any]]) -> str:
    estimated = bool(rows) and "rouge2_digest" in rows[0]["all"]
    extra = " ΔR2 (estimated) |" if estimated else ""
    lines = [f"| {field} | B³ F1 (all) | min F1 | hard | random | P | R |{extra}", "|---" * (7 + estimated) + "|"]
    for r in rows:
        a = r["all"]
        delta = f" {a['rouge2_digest'] - a['rouge2_single']:+.2f} |" if estimated else ""
        lines.append(
            f"| {r['value']} | {a['f1']:.3f} | {a['min_f1']:.3f} | {r.get('hard', a)['f1']:.3f} | "
            f"{r.get('random', a)['f1']:.3f} | {a['precision']:.3f} | {a['recall']:.3f} |{delta}"
        )
    return "\n".join(lines) + "\n"
