"""Abstractive fusion: each selected point becomes one guarded sentence combining its sources.

>>> from summarize.fusion import get_fuser                    # doctest: +SKIP
>>> fuser = get_fuser()            # bundled model, loads offline, cached once per process
>>> sentences = fuser.fuse(groups, timeout=30)                 # doctest: +SKIP

Importing this package is cheap: torch and transformers are imported only when
a model is loaded (:mod:`summarize.fusion.loading`) or run
(:mod:`summarize.fusion.generation`), so extractive use never pays for them.
"""

from __future__ import annotations

from .cache import cache_root
from .fuser import Fuser, clear_cache, get_fuser
from .guard import check
from .loading import BUNDLED, DEFAULT_MODEL

__all__ = ["BUNDLED", "DEFAULT_MODEL", "Fuser", "cache_root", "check", "clear_cache", "get_fuser"]
