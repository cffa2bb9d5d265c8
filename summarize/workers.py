"""Where a digest's briefs are made: in this process, in worker processes, or on Ray actors.

A digest briefs each story on its own, so the stories can go to workers: each
worker builds one :class:`~summarize.pipeline.Summarizer` (and loads the fusion
model once), then briefs the stories it is handed.  A brief is a pure function
of its story's sources and the options, so every engine gives the same briefs,
in the order of the stories, whatever order they finish in.

* :class:`Serial`: this process, one story after another.
* :class:`Processes`: a pool of spawned processes (never forked: a parent
  holding threads or a model must not be copied mid-flight).  Scripts that use
  it need the usual ``if __name__ == "__main__":`` guard.
* :class:`Ray`: Ray actors, one CPU each, on a cluster a user already has
  (``address``) or on this machine's cores; it uses a Ray session already
  started by the caller (as the benchmark's ``--engine ray`` does) and
  otherwise starts and stops its own.  Needs the ``ray`` extra.

Any object with the :class:`Engine` method can be passed instead.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from multiprocessing import get_context
from typing import Any, Protocol

from .brief import Brief, Source
from .errors import InputError
from .options import Options
from .pipeline import Summarizer

Outcome = Brief | InputError
"""A story's brief, or why that story cannot be briefed (the others still are)."""

Done = Callable[[int], None]
"""Called with the number of stories finished so far."""


@dataclass(frozen=True)
class Job:
    """One story to brief: its sources, and the previous brief of the story it continues (a follow-up)."""

    sources: tuple[Source, ...]
    previous: Brief | None = None


class Engine(Protocol):
    """What runs a digest's briefs: one outcome per :class:`Job` (a story), in the order of ``jobs``."""

    def briefs(self, options: Options, jobs: Sequence[Job], done: Done | None = None) -> list[Outcome]: ...


def cores() -> int:
    """CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _brief(summarizer: Summarizer, job: Job) -> Outcome:
    try:
        return summarizer.summarize(job.sources, grouped=True, previous=job.previous)
    except InputError as error:  # this story only: a budget below its every sentence, say
        return error


class Serial:
    """Every brief in this process, in order."""

    def briefs(self, options: Options, jobs: Sequence[Job], done: Done | None = None) -> list[Outcome]:
        summarizer = Summarizer(options)
        outcomes = []
        for job in jobs:
            outcomes.append(_brief(summarizer, job))
            if done is not None:
                done(len(outcomes))
        return outcomes


_SUMMARIZER: Summarizer | None = None


def _start_worker(options: Options, threads: int) -> None:
    """Build the worker's summarizer; torch gets this worker's share of the cores unless the user chose."""
    global _SUMMARIZER
    os.environ.setdefault("SUMMARIZE_THREADS", str(threads))
    _SUMMARIZER = Summarizer(options)


def _worker_brief(job: Job) -> Outcome:
    assert _SUMMARIZER is not None, "the pool's initializer builds it"
    return _brief(_SUMMARIZER, job)


class Processes:
    """A pool of ``workers`` spawned processes (default: one per core, at most one per story)."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers

    def briefs(self, options: Options, jobs: Sequence[Job], done: Done | None = None) -> list[Outcome]:
        if not jobs:
            return []
        workers = max(1, min(self.workers or cores(), len(jobs)))
        threads = max(1, cores() // workers)
        context = get_context("spawn")
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=_start_worker, initargs=(options, threads)
        ) as pool:
            futures = [pool.submit(_worker_brief, job) for job in jobs]
            for finished, _ in enumerate(as_completed(futures), 1):
                if done is not None:
                    done(finished)
            return [future.result() for future in futures]


class _RayBriefer:
    """A Ray actor (one CPU): one summarizer, briefing the stories it is sent; torch gets one thread."""

    def __init__(self, options: Options) -> None:
        os.environ.setdefault("SUMMARIZE_THREADS", "1")
        self.summarizer = Summarizer(options)

    def brief(self, index: int, job: Job) -> tuple[int, Outcome]:
        return index, _brief(self.summarizer, job)


class Ray:
    """Ray actors, one CPU each: ``workers`` of them (default: one per core here, at most one per story)."""

    def __init__(self, workers: int | None = None, address: str | None = None) -> None:
        self.workers = workers
        self.address = address

    def briefs(self, options: Options, jobs: Sequence[Job], done: Done | None = None) -> list[Outcome]:
        if not jobs:
            return []
        try:
            import ray
            from ray.util import ActorPool
        except ImportError as error:
            raise InputError("engine 'ray' needs Ray: pip install 'summarize[ray]'") from error
        workers = max(1, min(self.workers or cores(), len(jobs)))
        started = not ray.is_initialized()
        if started:
            ray.init(**self._init_arguments(workers))
        try:
            actors = [ray.remote(num_cpus=1)(_RayBriefer).remote(options) for _ in range(workers)]
            pool = ActorPool(actors)
            outcomes: list[Any] = [None] * len(jobs)
            work = list(enumerate(jobs))
            stream = pool.map_unordered(lambda actor, item: actor.brief.remote(item[0], item[1]), work)
            for finished, (index, outcome) in enumerate(stream, 1):
                outcomes[index] = outcome
                if done is not None:
                    done(finished)
            return outcomes
        finally:
            if started:
                ray.shutdown()

    def _init_arguments(self, workers: int) -> dict[str, Any]:
        """A quiet session; on this machine, workers see this interpreter's PYTHONPATH and one thread each."""
        env = {"SUMMARIZE_THREADS": os.environ.get("SUMMARIZE_THREADS", "1")}
        if os.environ.get("PYTHONPATH") and self.address is None:
            env["PYTHONPATH"] = os.environ["PYTHONPATH"]
        arguments: dict[str, Any] = {"include_dashboard": False, "runtime_env": {"env_vars": env}}
        if self.address is None:
            arguments["num_cpus"] = workers
        else:
            arguments["address"] = self.address
        return arguments


ENGINES = ("auto", "serial", "processes", "ray")

PARALLEL_SENTENCES = 20_000
"""Below this many content sentences in all, an extractive digest stays in this process: starting workers
(about a second each, to import numpy and scipy) costs more than briefing them here."""


def resolve(engine: str | Engine | None, *, workers: int | None, fuse: bool, sentences: int, stories: int) -> Engine:
    """The engine a name (or ``None`` = ``"auto"``) stands for.

    ``auto``: worker processes when there are several stories and a model to
    run, or enough sentences for workers to pay off, or ``workers`` asked for,
    and more than one core (or worker) to use; otherwise this process.
    """
    if engine is None or engine == "auto":
        enough = fuse or sentences >= PARALLEL_SENTENCES or (workers or 0) > 1  # asking for workers is asking for them
        return Processes(workers) if (workers or cores()) > 1 and stories > 1 and enough else Serial()
    if isinstance(engine, str):
        if engine == "serial":
            return Serial()
        if engine == "processes":
            return Processes(workers)
        if engine == "ray":
            return Ray(workers)
        raise InputError(f"engine must be one of {', '.join(ENGINES)}, or an Engine; not {engine!r}")
    if not callable(getattr(engine, "briefs", None)):
        raise InputError(f"engine must be one of {', '.join(ENGINES)}, or an Engine; not {type(engine).__name__}")
    return engine
