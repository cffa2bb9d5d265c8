"""The fuser: one guarded, fused sentence per selected point.

For each :class:`~summarize.brief.Group` (a point sentence plus sentences of
other sources saying the same thing) the model writes one sentence combining
their facts; :func:`summarize.fusion.guard.check` then decides whether that
sentence may stand in the brief.  Either way the brief sentence cites exactly
the group's sentences, so provenance never depends on the model.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Sequence

from ..brief import BriefSentence, Group
from ..errors import InputError, ModelError, ModelTimeout
from ..tuning import DEFAULT, Tuning
from . import guard, prompts
from .generation import LoadedModel
from .loading import DEFAULT_MODEL, load


class Fuser:
    """A loaded model plus a prompt template: turns groups into brief sentences.

    Instances come from :func:`get_fuser`, which caches them, so a long-running
    process loads each model once.  ``fuse`` may be called from many threads:
    generation is serialized by the model's lock, which makes results identical
    to serial calls.
    """

    name: str
    """The model as the user named it (or :data:`DEFAULT_MODEL`)."""
    prompt: str
    """Template name and version used, e.g. ``"fuse-chat-v1"``."""

    def __init__(self, name: str, model: LoadedModel, template: prompts.Template, *, fuse_single: bool = False) -> None:
        self.name = name
        self.prompt = template.name
        self.model = model
        self.template = template
        self.fuse_single = fuse_single
        """Whether a point with no supporters is rewritten too.  Off: with nothing to
        combine, rewriting can only lose or invent facts, and it costs time."""

    def __repr__(self) -> str:
        return f"Fuser(name={self.name!r}, prompt={self.prompt!r})"

    def budget(self, group: Group, *, tuning: Tuning = DEFAULT) -> int:
        """Token budget for one answer: a multiple of the point, enough for the longest shown sentence.

        Tight budgets are most of the speed: a small model that does not stop
        on its own is cut off early (and then rejected as unfinished).  The
        factors and the slack are ``tuning.answer_point_factor``,
        ``answer_longest_factor`` and ``answer_extra_tokens``.
        """
        point = self.model.count_tokens(group.point.text)
        longest = max(self.model.count_tokens(s.text) for s in group.sentences[: tuning.prompt_sentences])
        scaled = max(tuning.answer_point_factor * point, tuning.answer_longest_factor * longest)
        return math.ceil(scaled) + tuning.answer_extra_tokens

    def prompt_sentences(self, group: Group, *, tuning: Tuning = DEFAULT) -> list[str]:
        """The texts shown to the model: point first, exact duplicates dropped.

        Supporters that read like instructions to a model ("ignore previous
        instructions...") are not shown at all (they stay cited): sources are
        data, and the cheapest defence is not to hand the model the order.  The
        guard still checks the output against them.
        """
        seen: set[str] = set()
        texts = []
        for n, s in enumerate(group.sentences):
            key = " ".join(s.text.split()).lower()
            if n and guard.is_instruction(s.text):
                continue
            if key not in seen:
                seen.add(key)
                texts.append(s.text)
            if len(texts) == tuning.prompt_sentences:
                break
        return texts

    def needs_model(self, group: Group, *, tuning: Tuning = DEFAULT) -> bool:
        """Whether ``group`` goes to the model: it has two distinct sentences to show (or ``fuse_single``)."""
        return self.fuse_single or len(self.prompt_sentences(group, tuning=tuning)) > 1

    def model_inputs(self, groups: Sequence[Group], *, tuning: Tuning = DEFAULT) -> tuple[list[list[int]], list[int]]:
        """Prompt token ids and answer budgets of ``groups``, as :meth:`fuse` hands them to the model.

        Public so that a measurement (``benchmarks.speed``) times generation on
        exactly the requests a brief makes.
        """
        inputs = [self.model.prompt_ids(self.template, self.prompt_sentences(g, tuning=tuning)) for g in groups]
        budgets = [self.budget(g, tuning=tuning) for g in groups]
        return inputs, budgets

    def fuse(
        self,
        groups: Sequence[Group],
        *,
        progress: Callable[[int, int], None] | None = None,
        timeout: float | None = None,
        tuning: Tuning = DEFAULT,
        constrained: bool = False,
    ) -> list[BriefSentence]:
        """One :class:`BriefSentence` per group, in the same order.

        Citations are ``Citation.of`` every group sentence and ``support`` is
        ``group.support`` whatever the model does.  A candidate that passes the
        guard becomes the text (``fused=True``); otherwise the point's own
        sentence is used (``fused=False``) and the verdict keeps the candidate
        and the reasons.  A group with a single distinct sentence is not sent to
        the model (``guard=None``) unless the fuser was built with
        ``fuse_single``.

        Greedy decoding: the same groups give the same sentences.  ``progress``
        is called with (groups done, total) as each group's generation ends
        (groups that skip the model count as done first).  ``timeout`` is a
        wall-clock limit in seconds for the whole call; past it
        :class:`~summarize.errors.ModelTimeout` is raised.  It is checked
        before each batch and after every generated token, so it can overrun
        by one prompt-encoding step (about 2 s for a 4-point brief with the
        default model on 2 cores).  ``tuning`` supplies the prompt size, the
        batch size, the answer budgets and the guard's limits.  ``constrained``
        lets each answer use only the tokens of the sentences its prompt shows,
        plus function words and punctuation (:mod:`.constrain`).
        """
        if timeout is not None and timeout <= 0:
            raise ModelTimeout("fusion timeout must be positive")
        if tuning.batch_size < 1 or tuning.prompt_sentences < 1:
            raise InputError("Tuning.batch_size and Tuning.prompt_sentences must be at least 1 for fusion")
        deadline = time.monotonic() + timeout if timeout is not None else None
        total = len(groups)
        todo = [i for i, g in enumerate(groups) if self.needs_model(g, tuning=tuning)]
        candidates: dict[int, str] = {}
        done = total - len(todo)
        if progress and done:
            progress(done, total)
        for start in range(0, len(todo), tuning.batch_size):
            chunk = todo[start : start + tuning.batch_size]
            inputs, budgets = self.model_inputs([groups[i] for i in chunk], tuning=tuning)
            allowed = (
                [self.model.allowed_tokens(self.prompt_sentences(groups[i], tuning=tuning)) for i in chunk]
                if constrained
                else None
            )
            base = done

            def rows_done(n: int, base: int = base) -> None:
                if progress:
                    progress(base + n, total)

            outputs = self.model.generate(
                inputs, budgets, deadline=deadline, on_row_done=rows_done if progress else None, allowed=allowed
            )
            for i, out in zip(chunk, outputs, strict=True):
                candidates[i] = out.text
            done += len(chunk)
        return [self._sentence(g, candidates.get(i), tuning) for i, g in enumerate(groups)]

    def _sentence(self, group: Group, candidate: str | None, tuning: Tuning) -> BriefSentence:
        citations = group.citations
        if candidate is None:
            return BriefSentence(group.point.text, citations, group.support, fused=False, guard=None)
        verdict = guard.check(candidate, group.sentences, prompt_example=self.template.example_output, tuning=tuning)
        if verdict.passed:
            return BriefSentence(candidate, citations, group.support, fused=True, guard=verdict)
        return BriefSentence(group.point.text, citations, group.support, fused=False, guard=verdict)


_models: dict[str, LoadedModel] = {}
_fusers: dict[tuple[str, str | None], Fuser] = {}
_lock = threading.Lock()


def get_fuser(model: str | None = None, *, prompt: str | None = None) -> Fuser:
    """The process-wide :class:`Fuser` for ``(model, prompt)``, loading the model on first use.

    ``model``: a bundled alias, GGUF path, model directory or hub id (default
    :data:`DEFAULT_MODEL`).  ``prompt``: a template name such as ``"fuse-v1"``
    or a file path (default: the template for the model's style: chat,
    completion or seq2seq).

    Thread-safe: a lock guards the cache, so concurrent first calls load the
    model once and every caller gets the same object.  Raises
    :class:`~summarize.errors.ModelError` (one line) when the model cannot be
    found or loaded, and when the prompt does not suit it.
    """
    name = model or DEFAULT_MODEL
    key = (name, prompt)
    with _lock:
        fuser = _fusers.get(key)
        if fuser is not None:
            return fuser
        loaded = _models.get(name)
        if loaded is None:
            loaded = load(name)
            _models[name] = loaded
        try:
            template = prompts.load(prompt or prompts.default_for(loaded.style))
        except InputError as exc:
            raise ModelError(str(exc)) from None
        _check_style(loaded, template)
        fuser = Fuser(name, loaded, template)
        _fusers[key] = fuser
        return fuser


def _check_style(model: LoadedModel, template: prompts.Template) -> None:
    if model.seq2seq and template.style != "seq2seq":
        raise ModelError(f"model {model.name!r} is a seq2seq model; prompt {template.name!r} is for causal LMs")
    if not model.seq2seq and template.style == "seq2seq":
        raise ModelError(f"prompt {template.name!r} is for seq2seq models; {model.name!r} is a causal LM")
    if template.style == "chat" and model.style != "chat":
        raise ModelError(
            f"prompt {template.name!r} needs a chat template, which {model.name!r} lacks; use 'fuse-v1'"
        )


def clear_cache() -> None:
    """Forget loaded models and fusers (tests; freeing memory in a long-lived process)."""
    with _lock:
        _models.clear()
        _fusers.clear()


__all__ = ["DEFAULT_MODEL", "Fuser", "clear_cache", "get_fuser"]
