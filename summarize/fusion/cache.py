"""The cache of converted models: one entry per GGUF file's content, whatever path it is installed at.

GGUF files are de-quantized by transformers on load, which is slow, so the
first load converts a model once to an fp32 ``save_pretrained`` directory here
(:func:`summarize.fusion.loading.load` does the converting).  An entry is
named by the SHA-256 of the GGUF file's bytes, so every virtual environment
holding the same model file shares one entry; its marker file records the
files it was converted from (its *origins*), so ``summarize cache`` can say
where each entry came from and :func:`prune` can drop entries whose every
origin is gone.  Entries of an older layout (no content key) are pruned too:
they are simply rebuilt on next use.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from ..cachedir import cache_base

CACHE_FORMAT = 2
"""Bumped when the layout of a converted cache entry changes; entries of another format are pruned."""

MARKER = "summarize-cache.json"
"""The file in each complete entry that records its format, content hash and origins."""

_hashes: dict[tuple[str, int, int], str] = {}
_lock = threading.Lock()


def cache_root() -> Path:
    """Root of converted models: ``$SUMMARIZE_CACHE/models`` or ``~/.cache/summarize/models``.

    Delete the directory (or one entry in it) to clear the cache; it is rebuilt
    on the next load.
    """
    return cache_base() / "models"


def content_hash(path: Path) -> str:
    """SHA-256 of a file's bytes, computed once per process for each (path, size, mtime).

    About 0.1 s for the 100 MB default model: cheap next to loading it.
    """
    st = path.stat()
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    with _lock:
        known = _hashes.get(key)
    if known is not None:
        return known
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    value = digest.hexdigest()
    with _lock:
        _hashes[key] = value
    return value


def entry_for(gguf: Path) -> Path:
    """The cache entry for a GGUF file's content: an existing one under any name, else a new name.

    The new name is the file's stem (for people reading the folder) and the
    first 16 hex digits of its hash (what makes it this content's entry).
    """
    key = content_hash(gguf)[:16]
    root = cache_root()
    if root.is_dir():
        for existing in sorted(root.glob(f"*-{key}")):
            if existing.is_dir():
                return existing
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", gguf.name.removesuffix(".gguf"))[:60] or "model"
    return root / f"{stem}-{key}"


def is_complete(entry: Path) -> bool:
    """Whether ``entry`` is a finished entry of the current format."""
    return _marker(entry).get("format") == CACHE_FORMAT


def write_marker(entry: Path, gguf: Path) -> None:
    """Record a new entry's format, content hash and first origin (the last file written into it)."""
    origins = [str(gguf.resolve())]
    data = {"format": CACHE_FORMAT, "sha256": content_hash(gguf), "origins": origins, "created": time.time()}
    (entry / MARKER).write_text(json.dumps(data), encoding="utf-8")


def add_origin(entry: Path, gguf: Path) -> None:
    """Record that ``gguf`` (another install of the same content) uses ``entry`` too.

    Best effort: the marker is replaced atomically, and an origin lost to two
    processes writing at once only means the entry may be pruned and rebuilt.
    """
    data = _marker(entry)
    origin = str(gguf.resolve())
    origins = [str(o) for o in data.get("origins", [])]
    if origin in origins:
        return
    data["origins"] = [*origins, origin]
    try:
        handle, tmp = tempfile.mkstemp(prefix=f".{MARKER}.", dir=entry)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out)
        os.replace(tmp, entry / MARKER)
    except OSError:
        pass  # a read-only cache still works; only the listing misses this origin


@dataclass(frozen=True)
class Entry:
    """One converted model in the cache, as ``summarize cache`` lists it."""

    path: Path
    size: int
    origins: tuple[str, ...]
    current: bool  # of this format (else an old layout, pruned)

    @property
    def origin_exists(self) -> bool:
        """Whether any file it was converted from is still there."""
        return any(Path(o).is_file() for o in self.origins)

    @property
    def stale(self) -> bool:
        """An old layout, or every file it was converted from is gone: :func:`prune` removes it."""
        return not self.current or not self.origin_exists


def entries() -> list[Entry]:
    """Every converted model in the cache: the directories holding our marker file.

    Other caches that share the folder (the embedding model's, the assembled
    GGUF files) and temporary directories are not entries and are never pruned.
    """
    root = cache_root()
    if not root.is_dir():
        return []
    found = []
    for path in sorted(root.iterdir()):
        if path.name.startswith(".") or not (path / MARKER).is_file():
            continue
        data = _marker(path)
        size = size_of(path)
        origins = data.get("origins") or ([data["source"]] if "source" in data else [])  # format 1 had one source
        found.append(Entry(path, size, tuple(str(o) for o in origins), data.get("format") == CACHE_FORMAT))
    return found


def others() -> list[Path]:
    """What else is in the folder (the paraphrase model, assembled GGUF files): listed, never pruned."""
    root = cache_root()
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if not p.name.startswith(".") and not (p / MARKER).is_file())


def size_of(path: Path) -> int:
    """Bytes of a file, or of every file under a directory."""
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def prune(*, old: bool = True) -> list[Entry]:
    """Remove stale entries (see :attr:`Entry.stale`); returns what was removed.

    ``old=False`` keeps entries of an older format whose origin still exists:
    pruning after a conversion must not delete what an older installed version
    of summarize still reads.
    """
    removed = [e for e in entries() if e.stale and (old or e.current or not e.origin_exists)]
    for entry in removed:
        shutil.rmtree(entry.path, ignore_errors=True)
    return removed


def _marker(entry: Path) -> dict:
    try:
        data = json.loads((entry / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
