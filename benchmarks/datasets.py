"""Dataset readers: the project's JSONL cluster files and the official Multi-News format.

JSONL: one cluster a line, ``{"id": str, "documents": [str, ...], "summaries": [str, ...]}``.

Official Multi-News release: line-aligned ``X.src`` / ``X.tgt`` files; in ``.src`` the
documents of a cluster are separated by ``story_separator_special_tag`` and line breaks
are written ``NEWLINE_CHAR``; ``.tgt`` holds the reference, usually starting with ``– ``.

Data is only ever *read* from the path given; nothing is copied anywhere.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

STORY_SEPARATOR = "story_separator_special_tag"
NEWLINE_MARK = "NEWLINE_CHAR"
_DASH = re.compile(r"^\s*[–—-]\s+")
_SPACES = re.compile(r"[ \t\r\f\v]+")


@dataclass(frozen=True)
class Cluster:
    """One benchmark item: several source documents and one or more reference summaries."""

    id: str
    documents: tuple[str, ...]
    summaries: tuple[str, ...]
    position: int = 0
    """Index of the cluster in its dataset file (0-based); the order results are reported in."""

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "documents": list(self.documents),
            "summaries": list(self.summaries),
            "position": self.position,
        }


@dataclass(frozen=True)
class Dataset:
    path: str
    format: str
    files: tuple[str, ...]
    sha256: str
    total: int
    clusters: tuple[Cluster, ...]

    def describe(self) -> dict:
        return {
            "path": self.path,
            "format": self.format,
            "files": list(self.files),
            "sha256": self.sha256,
            "clusters_in_file": self.total,
            "clusters": len(self.clusters),
            "cluster_ids_sha256": ids_digest(c.id for c in self.clusters),
        }


def ids_digest(ids) -> str:
    h = hashlib.sha256()
    for i in ids:
        h.update(i.encode("utf-8") + b"\n")
    return h.hexdigest()


def file_sha256(paths) -> str:
    """sha256 of one file, or of several files read one after the other."""
    h = hashlib.sha256()
    for p in paths:
        with open(p, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()


def _clean_official(text: str) -> str:
    text = text.replace(NEWLINE_MARK, "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:  # keep paragraph breaks, drop runs of empty lines
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def parse_official_line(src_line: str) -> tuple[str, ...]:
    """The documents of one ``.src`` line, cleaned; empty documents are dropped."""
    docs = (_clean_official(d) for d in src_line.split(STORY_SEPARATOR))
    return tuple(d for d in docs if d)


def parse_official_target(tgt_line: str) -> str:
    text = _clean_official(tgt_line)
    return _DASH.sub("", text, count=1).strip()


def official_files(path: str | Path) -> tuple[Path, Path] | None:
    """``(src, tgt)`` if *path* names an official-format pair (``X.src``, ``X.tgt``, or ``X``)."""
    p = Path(path)
    name = p.name
    for suffix in (".src.cleaned", ".src", ".tgt"):
        if name.endswith(suffix):
            stem = p.with_name(name[: -len(suffix)])
            break
    else:
        stem = p
    srcs = [stem.with_name(stem.name + s) for s in (".src", ".src.cleaned")]
    if name.endswith(".src.cleaned"):
        srcs.reverse()
    tgt = stem.with_name(stem.name + ".tgt")
    for src in srcs:
        if src.is_file() and tgt.is_file():
            return src, tgt
    return None


def _iter_jsonl(path: Path) -> Iterator[Cluster]:
    with open(path, encoding="utf-8") as f:
        n = 0
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}:{lineno}: not JSON: {e}") from None
            docs = d.get("documents")
            if not isinstance(docs, list) or not all(isinstance(x, str) for x in docs):
                raise ValueError(f"{path}:{lineno}: 'documents' must be a list of strings")
            sums = d.get("summaries")
            if sums is None and isinstance(d.get("summary"), str):
                sums = [d["summary"]]
            if not isinstance(sums, list) or not sums or not all(isinstance(x, str) for x in sums):
                raise ValueError(f"{path}:{lineno}: 'summaries' must be a non-empty list of strings")
            cid = str(d.get("id", f"{path.stem}-{n:06d}"))
            yield Cluster(cid, tuple(x for x in docs if x.strip()), tuple(sums), n)
            n += 1


def _iter_official(src: Path, tgt: Path) -> Iterator[Cluster]:
    stem = tgt.name[: -len(".tgt")]
    with open(src, encoding="utf-8") as fs, open(tgt, encoding="utf-8") as ft:
        for n, (s_line, t_line) in enumerate(zip(fs, ft, strict=True)):
            yield Cluster(f"{stem}-{n:06d}", parse_official_line(s_line), (parse_official_target(t_line),), n)


def load(path: str | Path, *, limit: int | None = None, sample: int | None = None, seed: int = 0) -> Dataset:
    """Read a dataset; ``limit`` keeps the first N clusters, then ``sample`` draws N of them (seeded).

    The selection keeps dataset order.  Duplicate cluster ids are an error.
    """
    p = Path(path)
    pair = official_files(p)
    files: tuple[Path, ...]
    if pair is not None and not (p.is_file() and p.suffix == ".jsonl"):
        fmt, files = "multinews-official", pair
        clusters_iter = _iter_official(*pair)
    elif p.is_file():
        fmt, files = "jsonl", (p,)
        clusters_iter = _iter_jsonl(p)
    else:
        raise FileNotFoundError(f"no dataset at {path}: expected a .jsonl file or an X.src/X.tgt pair")
    clusters = list(clusters_iter)
    total = len(clusters)
    if limit is not None:
        clusters = clusters[: max(limit, 0)]
    if sample is not None and sample < len(clusters):
        keep = sorted(random.Random(seed).sample(range(len(clusters)), max(sample, 0)))
        clusters = [clusters[i] for i in keep]
    seen: set[str] = set()
    for c in clusters:
        if c.id in seen:
            raise ValueError(f"{path}: duplicate cluster id {c.id!r}")
        seen.add(c.id)
    return Dataset(
        path=str(p),
        format=fmt,
        files=tuple(str(f) for f in files),
        sha256=file_sha256(files),
        total=total,
        clusters=tuple(clusters),
    )
