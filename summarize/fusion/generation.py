"""Running a loaded fusion model: prompts, token counts, batched, greedy, stoppable generation.

A :class:`LoadedModel` (built by :func:`summarize.fusion.loading.load`) wraps a
transformers model and its tokenizer.  torch and transformers are imported
inside the methods that need them, so importing this module stays cheap.

Both causal LMs (chat template when the tokenizer has one, few-shot completion
prompt otherwise) and seq2seq summarizers (BART, PEGASUS, T5, PRIMERA) are
supported.
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import ModelError, ModelTimeout
from ..text import first_sentence
from . import constrain, threads
from .prompts import Template

if TYPE_CHECKING:  # pragma: no cover
    import torch

_END_TOKENS = ("<|im_end|>", "<end_of_turn>", "<|eot_id|>", "<|endoftext|>", "<|end|>", "</s>", "<eos>")
_SPECIAL_LIKE = re.compile(r"<\|[^<>|]{1,40}\|>|</?(?:start_of_turn|end_of_turn|bos|eos|pad|s)>")
_MAX_SOURCE_WORDS = 120


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

    ``model`` and ``tokenizer`` are the transformers objects themselves, public
    for inspection (tests read the tokenizer's special tokens); callers that
    generate go through :meth:`generate` or :meth:`generate_plain`, which take
    the lock.
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
        with contextlib.suppress(Exception):  # optional tokenizer API
            specials |= {t for t in tokenizer.get_added_vocab() if len(t) > 1}
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
            messages = template.messages(clean)
            text = self.tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
            return list(self.tokenizer(text, add_special_tokens=False)["input_ids"])
        text = template.text(clean)
        if self.seq2seq and self.task_prefix and not text.startswith(self.task_prefix):
            text = self.task_prefix + text
        return list(self.tokenizer(text)["input_ids"])

    def count_tokens(self, text: str) -> int:
        """Tokens of ``text`` without special tokens: the unit of answer budgets."""
        with self.lock:
            return len(self.tokenizer(text, add_special_tokens=False)["input_ids"])

    def allowed_tokens(self, texts: Sequence[str]) -> frozenset[int]:
        """The token ids a source-constrained rewrite of ``texts`` may use (see :mod:`.constrain`)."""
        clean = [self.clean_source(t) for t in texts]
        with self.lock:
            return constrain.allowed_tokens(self.tokenizer, clean, self.eos_ids)

    # -- generation

    def generate(
        self,
        inputs: Sequence[Sequence[int]],
        budgets: Sequence[int],
        *,
        deadline: float | None = None,
        stop_at_sentence: bool = True,
        on_row_done: Callable[[int], None] | None = None,
        allowed: Sequence[frozenset[int]] | None = None,
    ) -> list[Generation]:
        """Greedy generation for a batch of prompts, one answer each, in order.

        Causal prompts are left-padded so every row's answer starts at the same
        column.  Each row stops at its own token budget, at an end token, at a
        newline, or (``stop_at_sentence``) once a second sentence begins; the
        whole batch stops when ``deadline`` (``time.monotonic()``) passes, and
        then :class:`ModelTimeout` is raised.  ``on_row_done(n)`` is called as
        rows finish (n = rows finished so far), so progress moves during one
        batched call rather than jumping at its end.  ``allowed`` (one set of
        token ids per row, from :meth:`allowed_tokens`) constrains each row to
        its own tokens: source-constrained decoding (:mod:`.constrain`).
        """
        import torch

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
        from transformers import LogitsProcessorList, StoppingCriteriaList

        processors = LogitsProcessorList([constrain.processor(allowed)] if allowed is not None else [])

        with self.lock, torch.inference_mode():
            threads.apply(torch)  # what is free now: a busy machine gets fewer threads
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
                logits_processor=processors,
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

    def generate_plain(self, ids: Sequence[int], budget: int) -> int:
        """The baseline :meth:`generate` is measured against: one prompt, transformers' own loop.

        Greedy ``model.generate`` under the model's own generation config and
        none of our stopping rules, so it runs to an end token or ``budget`` new
        tokens.
        Returns how many tokens it generated (``benchmarks.speed`` compares
        tokens per second).
        """
        import torch

        x = torch.tensor([list(ids)])
        with self.lock, torch.inference_mode():
            threads.apply(torch)
            out = self.model.generate(
                x, attention_mask=torch.ones_like(x), do_sample=False, max_new_tokens=budget, pad_token_id=self.pad_id
            )
        return int(out.shape[1] - x.shape[1])


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


def _second_sentence_started(text: str) -> bool:
    """Whether ``text`` (no leading white space) goes on past its first sentence."""
    return bool(text) and first_sentence(text) != text.rstrip()


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

    def __call__(self, input_ids: torch.LongTensor, scores: Any, **kwargs: Any) -> torch.Tensor:
        import torch

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
            if "\n" in stripped or (self.stop_at_sentence and _second_sentence_started(stripped)):
                self.done[row] = True  # the first line, or the first sentence, is finished
        finished = sum(self.done)
        if self.on_row_done and finished > self.finished:
            self.on_row_done(finished)
        self.finished = finished
        return torch.tensor(self.done, dtype=torch.bool, device=input_ids.device)
