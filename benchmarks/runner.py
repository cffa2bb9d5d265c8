"""Running systems over clusters: the per-cluster work, the checkpoint, and the engines.

The unit of work is one cluster with the systems still missing for it.  A worker loads
every system once, then for each cluster runs each system (timed), applies the budget
guard and scores the output against the references.  The parent appends each finished
cluster to ``checkpoint.jsonl`` (flush + fsync), so an interrupted run loses nothing and
``--resume`` skips what is there.  Outputs and scores do not depend on the engine, the
number of workers or the completion order: aggregates are computed afterwards from the
checkpoint in dataset order.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from .datasets import Cluster
from .text import count_words, ensure_nltk_data, truncate

THREAD_VARS = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
    "NUMEXPR_NUM_THREADS",
)


def pin_threads() -> None:
    """One BLAS/OpenMP thread per worker.

    A worker is one core: several BLAS threads per worker oversubscribe the machine (sumy's
    LSA ran 10x slower), and a different thread count changes floating-point sums, which
    changed LSA's picks between engines.  With one thread, every engine and worker count
    gives the same outputs, and systems are timed alike.
    """
    for var in THREAD_VARS:
        os.environ[var] = "1"
    with contextlib.suppress(ImportError):
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    if "torch" in sys.modules:
        with contextlib.suppress(Exception):
            sys.modules["torch"].set_num_threads(1)


@dataclass(frozen=True)
class Spec:
    """What a worker needs to build its systems (picklable)."""

    systems: tuple[str, ...]
    words: int
    seed: int = 0
    ours: str | None = None
    model: str | None = None


@dataclass
class Task:
    cluster: Cluster
    systems: tuple[str, ...]


class Worker:
    """Loads the systems once; runs clusters."""

    def __init__(self, spec: Spec):
        from . import systems as S
        from .scoring import Scorer

        pin_threads()
        ensure_nltk_data()
        self.spec = spec
        self.systems = {}
        self.load_time = {}
        self.load_error = {}
        for name in spec.systems:
            sys_ = S.make(name, seed=spec.seed, ours=spec.ours, model=spec.model)
            t0 = time.perf_counter()
            try:
                sys_.load()
            except Exception as e:  # noqa: BLE001 - reported per cluster as an error
                self.load_error[name] = f"load failed: {type(e).__name__}: {e}"[:500]
            self.load_time[name] = time.perf_counter() - t0
            self.systems[name] = sys_
        self.scorer = Scorer()

    def run(self, task: Task) -> dict:
        from .systems import timed_run

        if not fixed_hashes():
            raise RuntimeError("benchmark workers must run with PYTHONHASHSEED=0 (set-order-dependent systems)")

        c = task.cluster
        outputs = {}
        for name in task.systems:
            err: str | None
            if name in self.load_error:
                out_sents, seconds, err, info = [], 0.0, self.load_error[name], {}
            else:
                out, seconds, err = timed_run(self.systems[name], c, self.spec.words)
                out_sents, info = out.sentences, out.info
            raw_words = sum(count_words(s) for s in out_sents)
            sents, cut = truncate([s for s in out_sents if s.strip()], self.spec.words)
            rec = {
                "sentences": sents,
                "words": sum(count_words(s) for s in sents),
                "raw_words": raw_words,
                "over_budget": bool(cut and raw_words > self.spec.words),
                "seconds": seconds,
                "scores": self.scorer.score(sents, c.summaries),
                "error": err,
                "load_seconds": self.load_time.get(name, 0.0),
            }
            rec.update(info)
            outputs[name] = rec
        return {"id": c.id, "position": c.position, "outputs": outputs, "pid": os.getpid()}


# --- checkpoint -------------------------------------------------------------------------


class Checkpoint:
    """Append-only JSONL of finished clusters, durable line by line."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._f: TextIO | None = None

    def read(self) -> dict[str, dict]:
        """``{cluster id: {"position", "outputs": {system: record}}}`` of complete lines.

        A torn last line (the process died while writing it) is ignored.
        """
        done: dict[str, dict] = {}
        if not self.path.exists():
            return done
        with open(self.path, encoding="utf-8") as f:
            for line in f:
                if not line.endswith("\n"):
                    break
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if "id" not in rec:
                    continue
                entry = done.setdefault(rec["id"], {"position": rec.get("position", 0), "outputs": {}})
                entry["outputs"].update(rec.get("outputs", {}))
        return done

    def _repair(self) -> None:
        """Cut a torn last line so appended lines start on a fresh line."""
        if not self.path.exists():
            return
        with open(self.path, "rb+") as f:
            f.seek(0, os.SEEK_END)
            size = f.tell()
            if size == 0:
                return
            f.seek(size - 1)
            if f.read(1) == b"\n":
                return
            pos = size
            while pos > 0:
                step = min(65536, pos)
                f.seek(pos - step)
                chunk = f.read(step)
                k = chunk.rfind(b"\n")
                if k >= 0:
                    f.truncate(pos - step + k + 1)
                    return
                pos -= step
            f.truncate(0)

    def open(self) -> Checkpoint:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._repair()
        self._f = open(self.path, "a", encoding="utf-8")  # noqa: SIM115  (open until close())
        return self

    def append(self, record: dict) -> None:
        assert self._f is not None, "Checkpoint.open() first"
        self._f.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._f.flush()
        os.fsync(self._f.fileno())

    def close(self) -> None:
        if self._f is not None:
            self._f.close()
            self._f = None


# --- engines ------------------------------------------------------------------------------

_WORKER: Worker | None = None


def _init_worker(spec: Spec) -> None:
    global _WORKER
    _WORKER = Worker(spec)


def _run_task(task: Task) -> dict:
    assert _WORKER is not None, "the pool initializer builds the worker"
    return _WORKER.run(task)


HASH_SEED = "0"


def fixed_hashes() -> bool:
    """Whether this interpreter runs with ``PYTHONHASHSEED=0``.

    Set iteration order depends on the hash seed, and some systems depend on it (sumy's
    LSA builds its term matrix from a frozenset: another row order, other floating-point
    sums, other picks).  Workers therefore always run with ``PYTHONHASHSEED=0``.
    """
    return sys.flags.hash_randomization == 0 and os.environ.get("PYTHONHASHSEED") == HASH_SEED


def run_local(spec: Spec, tasks: list[Task], workers: int) -> Iterator[dict]:
    """In a pool of spawned processes, each loading the systems once.

    With ``workers <= 1`` the work runs in this process when it already has fixed
    hashes (``PYTHONHASHSEED=0``), else in one spawned process, so the outputs never
    depend on the worker count.
    """
    if not tasks:
        return
    if workers <= 1 and fixed_hashes():
        w = Worker(spec)
        for t in tasks:
            yield w.run(t)
        return
    import multiprocessing as mp

    ctx = mp.get_context("spawn")  # no fork of a parent holding threads (tqdm) or a model
    os.environ["PYTHONHASHSEED"] = HASH_SEED  # inherited by the spawned interpreters
    with ctx.Pool(max(1, min(workers, len(tasks))), initializer=_init_worker, initargs=(spec,)) as pool:
        yield from pool.imap_unordered(_run_task, tasks, chunksize=1)


@contextlib.contextmanager
def ray_session(workers: int, address: str | None = None) -> Iterator[Any]:
    """The harness's Ray session (or the one already running): workers see this repository and one thread each.

    With ``address`` it joins that cluster and ships this package there
    (``summarize`` must be installed on it); otherwise it starts a local
    cluster of ``workers`` CPUs, stopped again on exit.  The library's
    ``engine="ray"`` runs its actors in whatever session is running.
    """
    try:
        import ray
    except ImportError as e:  # pragma: no cover - exercised without ray installed
        raise SystemExit("--engine ray needs Ray: pip install -e '.[ray]' (the 'ray' extra)") from e
    if ray.is_initialized():
        yield ray
        return
    here = Path(__file__).resolve().parent
    kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": True, "ignore_reinit_error": True}
    passed = ("NLTK_DATA", "SUMMARIZE_BENCH_CACHE")
    env: dict[str, Any] = {"env_vars": {k: os.environ[k] for k in passed if k in os.environ}}
    env["env_vars"].update({v: "1" for v in THREAD_VARS})
    env["env_vars"]["PYTHONHASHSEED"] = HASH_SEED
    if address:
        # Ship this package to the cluster; ``summarize`` must be installed there.
        env["py_modules"] = [str(here)]
        ray.init(address=address, runtime_env=env, **kwargs)
    else:
        root = str(here.parent)
        env["env_vars"]["PYTHONPATH"] = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)
        ray.init(num_cpus=workers, runtime_env=env, **kwargs)
    try:
        yield ray
    finally:
        ray.shutdown()


def run_ray(spec: Spec, tasks: list[Task], workers: int, address: str | None = None) -> Iterator[dict]:
    """One Ray actor per worker, each loading the systems once; clusters go to free actors."""
    if not tasks:
        return
    with ray_session(workers, address) as ray:
        from ray.util import ActorPool

        remote_worker = ray.remote(num_cpus=1)(_RayWorker)
        actors = [remote_worker.remote(spec) for _ in range(max(1, min(workers, len(tasks))))]
        pool = ActorPool(actors)
        yield from pool.map_unordered(lambda a, t: a.run.remote(t), tasks)


class _RayWorker:
    def __init__(self, spec: Spec):
        self.worker = Worker(spec)

    def run(self, task: Task) -> dict:
        return self.worker.run(task)


def execute(
    spec: Spec,
    clusters: Iterable[Cluster],
    checkpoint: Checkpoint,
    *,
    engine: str = "local",
    workers: int = 1,
    ray_address: str | None = None,
    resume: bool = False,
    progress: bool = True,
    on_record: Callable[[dict], None] | None = None,
) -> dict[str, dict]:
    """Run what is missing, appending to the checkpoint; return every finished record by cluster id."""
    clusters = list(clusters)
    done = checkpoint.read() if resume else {}
    tasks = []
    for c in clusters:
        have = done.get(c.id, {}).get("outputs", {})
        missing = tuple(s for s in spec.systems if s not in have)
        if missing:
            tasks.append(Task(c, missing))
    pin_threads()  # inherited by worker processes before they import numpy
    if engine == "ray":
        stream = run_ray(spec, tasks, workers, ray_address)
    elif engine == "local":
        stream = run_local(spec, tasks, workers)
    else:
        raise ValueError(f"unknown engine {engine!r}")
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(
            total=len(clusters), initial=len(clusters) - len(tasks), unit="cluster", file=sys.stderr, dynamic_ncols=True
        )
    checkpoint.open()
    try:
        for rec in stream:
            checkpoint.append(rec)
            entry = done.setdefault(rec["id"], {"position": rec["position"], "outputs": {}})
            entry["outputs"].update(rec["outputs"])
            if on_record is not None:
                on_record(rec)
            if bar is not None:
                bar.update(1)
    finally:
        checkpoint.close()
        if bar is not None:
            bar.close()
    return done
