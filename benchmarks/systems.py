"""The systems compared, all given the same cluster and the same word budget.

Budget rule (identical for every system, see :func:`benchmarks.text.fit_budget`):
whole sentences are taken in the system's own priority order, passing over any that
would overrun the budget (as our MMR selection does); the final text of *every* system, ours included, goes through
:func:`benchmarks.text.truncate` as a guard (a no-op for a system that keeps to the
budget; ``over_budget`` counts the clusters where it was not).  Words are
whitespace-separated tokens, as ``Brief.words`` counts them.

* ``extractive`` / ``fused``: ``summarize.summarize(docs, words=W, fuse=False/True)``.
* ``learned``: ``extractive`` with ``ranker="learned"`` (the shipped tree model), to compare in one run.
* ``constrained``: ``fused`` with source-constrained decoding (``constrained=True``).
* ``oracle``: the greedy extractive oracle over our candidate sentences (``benchmarks.ranker.oracle``):
  it reads the reference, so it is the ceiling of sentence selection, not a system.
* ``lead``: the documents' sentences in order (the first document, continuing into the
  next only if the first is shorter than the budget).
* ``roundrobin``: first sentence of every document, then every second sentence, ...
* ``random``: all sentences shuffled with a seed derived from ``--seed`` and the cluster id.
* ``lexrank``, ``textrank``, ``lsa``, ``sumbasic``: sumy on the documents joined by blank
  lines, ``PlaintextParser`` + ``Tokenizer("english")``, English stemmer and stop words;
  sumy's ranking order, then the budget rule; sumy returns them in document order.

Random and the sumy peers present their sentences in document order; lead, round-robin
and ours in their own order.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .datasets import Cluster
from .text import count_words, ensure_nltk_data, fit_budget, split_sentences, unsupported_facts

OURS = ("extractive", "fused", "learned", "constrained")
SUMY = ("lexrank", "textrank", "lsa", "sumbasic")
PEERS = ("lead", "roundrobin", "random", *SUMY)
ALL = (*OURS, *PEERS, "oracle")
DEFAULT = ("extractive", *PEERS)


@dataclass
class Output:
    sentences: list[str]
    info: dict[str, Any] = field(default_factory=dict)


class System:
    name = "system"

    def load(self) -> None:
        """Load what is expensive (models); called once per worker before any cluster."""

    def run(self, cluster: Cluster, words: int) -> Output:  # pragma: no cover - abstract
        raise NotImplementedError


def _doc_sentences(cluster: Cluster) -> list[list[str]]:
    return [split_sentences(d) for d in cluster.documents]


class Lead(System):
    name = "lead"

    def run(self, cluster, words):
        sents = [s for doc in _doc_sentences(cluster) for s in doc]
        return Output(fit_budget(sents, words))


class RoundRobin(System):
    name = "roundrobin"

    def run(self, cluster, words):
        docs = _doc_sentences(cluster)
        order = [doc[i] for i in range(max((len(d) for d in docs), default=0)) for doc in docs if i < len(doc)]
        return Output(fit_budget(order, words))


def cluster_seed(seed: int, cluster_id: str) -> int:
    return int.from_bytes(hashlib.sha256(f"{seed}:{cluster_id}".encode()).digest()[:8], "big")


class Random(System):
    name = "random"

    def __init__(self, seed: int = 0):
        self.seed = seed

    def run(self, cluster, words):
        sents = list(enumerate(s for doc in _doc_sentences(cluster) for s in doc))
        random.Random(cluster_seed(self.seed, cluster.id)).shuffle(sents)
        chosen = sorted(fit_budget(sents, words, size=lambda p: count_words(p[1])))
        return Output([s for _, s in chosen])


class Sumy(System):
    def __init__(self, name: str):
        self.name = name
        self._summarizer: Any = None  # a sumy summarizer and tokenizer, built by load()
        self._tokenizer: Any = None

    def load(self):
        import warnings

        ensure_nltk_data()
        # sumy warns on degenerate clusters (LexRank zero norm, LSA fewer words than sentences)
        warnings.filterwarnings("ignore", module=r"sumy\.")
        from sumy.nlp.stemmers import Stemmer
        from sumy.nlp.tokenizers import Tokenizer
        from sumy.utils import get_stop_words

        if self.name == "lexrank":
            from sumy.summarizers.lex_rank import LexRankSummarizer as cls
        elif self.name == "textrank":
            from sumy.summarizers.text_rank import TextRankSummarizer as cls
        elif self.name == "lsa":
            from sumy.summarizers.lsa import LsaSummarizer as cls
        elif self.name == "sumbasic":
            from sumy.summarizers.sum_basic import SumBasicSummarizer as cls
        else:
            raise ValueError(self.name)
        self._summarizer = cls(Stemmer("english"))
        self._summarizer.stop_words = get_stop_words("english")
        self._tokenizer = Tokenizer("english")

    def run(self, cluster, words):
        from sumy.parsers.plaintext import PlaintextParser

        if self._summarizer is None:
            self.load()
        parser = PlaintextParser.from_string("\n\n".join(cluster.documents), self._tokenizer)

        def budget(infos):  # sumy hands over SentenceInfo sorted by rating, best first
            return fit_budget(list(infos), words, size=lambda info: count_words(str(info.sentence)))

        chosen = self._summarizer(parser.document, budget)
        return Output([str(s).strip() for s in chosen if str(s).strip()])


def _resolve(spec: str) -> Callable:
    module, _, attr = spec.partition(":")
    obj: Any = importlib.import_module(module)
    for part in (attr or "summarize").split("."):
        obj = getattr(obj, part)
    return obj


_WARMUP = [
    "The city council approved the new budget on Monday. Mayor Jane Doe said the plan adds 40 buses.",
    "On Monday the council passed the budget. Doe said 40 new buses will run by May.",
    "Doe said the 40 new buses will run on the harbour line by May. Storms flooded the harbour on Monday.",
    "Storms flooded the harbour district on Monday. Fire crews rescued 12 people from the harbour, officials said.",
]
"""Made-up reports for the warm-up call: two stories that one report links, so that story grouping runs its
average linkage (``scipy.cluster``, imported on first use: 0.1-0.7 s) before the first timed cluster."""


class Ours(System):
    """``summarize.summarize`` (or the callable named by ``--ours module:function``, same signature)."""

    def __init__(
        self, fuse: bool, ours: str | None = None, model: str | None = None, ranker: str | None = None,
        constrained: bool = False,
    ):
        self.fuse = fuse
        self.options: dict[str, Any] = {"fuse": fuse, **({"model": model} if fuse and model else {})}
        if ranker:
            self.options["ranker"] = ranker
        if constrained:
            self.options["constrained"] = True
        self.name = ("constrained" if constrained else "fused") if fuse else ranker or "extractive"
        self.spec = ours or "summarize:summarize"
        self._fn: Any = None  # the resolved callable, set by load()
        self.load_error: str | None = None

    def load(self):
        self._fn = _resolve(self.spec)
        # One tiny made-up call so model loading, lazy imports and caches are not charged to the first cluster.
        self._fn(list(_WARMUP), words=20, **self.options)

    def run(self, cluster, words):
        if self._fn is None:
            self.load()
        brief = self._fn(list(cluster.documents), words=words, **self.options)
        sentences = [s.text for s in brief.sentences]
        info: dict[str, Any] = {"meta": _meta(getattr(brief, "meta", None))}
        if self.fuse:
            info["fusion"] = fusion_audit(brief)
        return Output(sentences, info)


def _meta(meta) -> dict:
    if dataclasses.is_dataclass(meta) and not isinstance(meta, type):
        meta = dataclasses.asdict(meta)  # summarize.BriefMeta
    if not isinstance(meta, dict):
        return {}
    meta = dict(meta)
    fusion = meta.get("fusion")
    if isinstance(fusion, dict):  # summarize puts the fuser's model and prompt here
        for k in ("model", "prompt"):
            if meta.get(k) is None and fusion.get(k) is not None:
                meta[k] = fusion[k]
    out = {}
    for k in ("model", "prompt", "options"):
        if k in meta:
            try:
                v = json.loads(json.dumps(meta[k], default=str))
            except (TypeError, ValueError):
                v = str(meta[k])
            if isinstance(v, str) and len(v) > 4000:
                v = v[:4000] + "…"
            out[k] = v
    return out


def fusion_audit(brief) -> dict:
    """Per-cluster counts for the faithfulness rate of fused sentences.

    ``fused``: sentences marked fused; ``guard_passed``: of those, the guard passed;
    ``check_passed``: of those, the benchmark's own check found every number and
    capitalized name in the cited spans' text; ``faithful``: both.
    ``attempts``/``rejected``: sentences with a guard verdict, and those it rejected.
    """
    fused = guard_passed = check_passed = faithful = attempts = rejected = 0
    problems: list[dict] = []
    for s in brief.sentences:
        guard = getattr(s, "guard", None)
        if guard is not None:
            attempts += 1
            rejected += not guard.passed
        if not getattr(s, "fused", False):
            continue
        fused += 1
        g_ok = bool(guard is not None and guard.passed)
        evidence = "\n".join(c.text for c in s.citations)
        missing = unsupported_facts(s.text, evidence)
        guard_passed += g_ok
        check_passed += not missing
        faithful += g_ok and not missing
        if (not g_ok or missing) and len(problems) < 5:
            problems.append({"text": s.text, "guard_passed": g_ok, "missing": missing[:10]})
    return {
        "fused": fused,
        "guard_passed": guard_passed,
        "check_passed": check_passed,
        "faithful": faithful,
        "attempts": attempts,
        "rejected": rejected,
        "problems": problems,
    }


class Oracle(System):
    """The greedy oracle's sentences (see :func:`benchmarks.ranker.oracle`), in document order."""

    name = "oracle"

    def run(self, cluster, words):
        from .ranker import oracle, prepare

        examples = prepare([cluster])
        if not examples:
            return Output([])
        example = examples[0]
        return Output([example.space.sentences[i].text for i in oracle(example, words)])


def make(name: str, *, seed: int = 0, ours: str | None = None, model: str | None = None) -> System:
    if name == "extractive":
        return Ours(False, ours)
    if name == "learned":
        return Ours(False, ours, ranker="learned")
    if name == "oracle":
        return Oracle()
    if name == "fused":
        return Ours(True, ours, model)
    if name == "constrained":
        return Ours(True, ours, model, constrained=True)
    if name == "lead":
        return Lead()
    if name == "roundrobin":
        return RoundRobin()
    if name == "random":
        return Random(seed)
    if name in SUMY:
        return Sumy(name)
    raise ValueError(f"unknown system {name!r}; known: {', '.join(ALL)}")


def timed_run(system: System, cluster: Cluster, words: int) -> tuple[Output, float, str | None]:
    """Run one system on one cluster; wall time in seconds; an error becomes an empty output."""
    t0 = time.perf_counter()
    try:
        out = system.run(cluster, words)
        err = None
    except Exception as e:  # noqa: BLE001 - a failing cluster scores zero and is counted
        out, err = Output([]), f"{type(e).__name__}: {e}"[:500]
    return out, time.perf_counter() - t0, err
