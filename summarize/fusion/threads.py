"""How many threads torch may use for one generation: the cores that are free now, not the cores that exist.

torch's intra-op threads (OpenMP) wait for each other at every operation.  On
a machine whose cores are busy with other work, a thread that loses its core
holds all the others up: with two threads on two cores shared with two other
CPU-bound processes, the example's fused digest took about 4x as long as with
one thread.  So the count is chosen from the cores that are idle right now,
measured just before each generation call (the busier of a 0.1 s sample of
``/proc/stat`` and the one-minute load average; :func:`apply`, called by
:meth:`~summarize.fusion.generation.LoadedModel.generate`), which also suits a
long-lived process whose machine gets busier or quieter over the day.

``SUMMARIZE_THREADS=N`` fixes the count (the benchmark workers set 1); an
explicit ``OMP_NUM_THREADS`` without it is left to torch.
"""

from __future__ import annotations

import os
import time
from typing import Any

MAX_THREADS = 8
"""More intra-op threads than this gain nothing for models of this size."""

SAMPLE_SECONDS = 0.1
"""How long :func:`busy_cores` watches the machine: 20 scheduler ticks on 2 cores, a 5% resolution."""

SPARE = 0.8
"""One thread per 0.8 of a core left idle: a thread on a core that is often taken waits more than it helps."""


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _cpu_times() -> tuple[int, int] | None:
    """(idle, total) scheduler ticks of all cores since boot, from ``/proc/stat``; None elsewhere."""
    try:
        with open("/proc/stat", encoding="ascii") as handle:
            fields = handle.readline().split()
    except OSError:
        return None
    if not fields or fields[0] != "cpu":
        return None
    ticks = [int(v) for v in fields[1:9] if v.isdigit()]
    if len(ticks) < 5:
        return None
    return ticks[3] + ticks[4], sum(ticks)  # idle + iowait, all


def busy_cores(seconds: float = SAMPLE_SECONDS) -> float:
    """How many cores other work keeps busy: measured over ``seconds`` where ``/proc/stat`` exists.

    The caller is not running while it sleeps here, so what is measured is the
    rest of the machine.  Elsewhere the one-minute load average stands in (it
    lags by tens of seconds, but is what the system offers).
    """
    first = _cpu_times()
    if first is not None:
        time.sleep(seconds)
        second = _cpu_times()
        if second is not None and second[1] > first[1]:
            idle = (second[0] - first[0]) / (second[1] - first[1])
            return max(0.0, 1.0 - idle) * (os.cpu_count() or 1)
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return 0.0


def _load_average() -> float:
    """The one-minute load average (0 where the system has none).

    Taken with the 0.1 s sample, whichever is busier: a short sample can catch
    a quiet moment on a machine busy with other work (processes waiting on the
    disk leave cores idle for a moment, then come back), which made a digest
    run two threads into busy cores.  The cost: a process that has generated
    for a minute sees its own load and drops to one thread.
    """
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return 0.0


def free_threads(cores: int, busy: float) -> int:
    """Threads for ``cores`` usable cores of which other work keeps ``busy`` busy: at least 1."""
    return max(1, min(MAX_THREADS, cores, int((cores - busy) / SPARE)))


def choose() -> int | None:
    """The thread count for the next generation, or None to leave torch's own setting alone.

    ``SUMMARIZE_THREADS`` (a positive whole number) wins; an ``OMP_NUM_THREADS``
    set without it is respected; otherwise :func:`free_threads` of what is idle now
    (the busier of :func:`busy_cores` and the load average).
    """
    env = os.environ.get("SUMMARIZE_THREADS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    if env or "OMP_NUM_THREADS" in os.environ:
        return None
    cores = usable_cores()
    return 1 if cores == 1 else free_threads(cores, max(busy_cores(), _load_average()))


def apply(torch: Any) -> None:
    """Set torch's intra-op thread count for the next generation (see :func:`choose`)."""
    threads = choose()
    if threads is not None:
        # Always set, even when torch.get_num_threads() already says so: that is a process-wide
        # number, while OpenMP's team size is per thread, and the calling thread (a timeout's
        # worker, a bot's) may never have been told: it then ran two threads under a reported one.
        torch.set_num_threads(threads)
