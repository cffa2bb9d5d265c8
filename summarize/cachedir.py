"""Where summarize keeps its on-disk caches: one base directory, one sub-folder per cache.

``$SUMMARIZE_CACHE`` when set, else ``~/.cache/summarize``.  The converted
fusion models live in ``models/`` (:func:`summarize.fusion.cache_root`), the
HTTP cache of fetched pages and feeds in ``http/``
(:func:`summarize.sources.httpcache.default_root`).  Every cache here can be
deleted at any time: it is rebuilt on the next use.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["cache_base"]


def cache_base() -> Path:
    """The base of every cache: ``$SUMMARIZE_CACHE`` or ``~/.cache/summarize``."""
    env = os.environ.get("SUMMARIZE_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "summarize"
