"""Sources in the making: drafts, and the collector that gathers them for one call.

Ids can only be made unique once every input has been read (a clash is
renamed in input order), so readers add :class:`Draft` objects to a
:class:`Collector`, which also keeps the notices in the order they arose and
enforces the source-count limit as drafts arrive, not after the fact.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..brief import Notice, Source
from ..errors import InputError
from ..untrusted import has_special_tokens, is_instruction
from .decode import replace_surrogates
from .naming import unique_names

__all__ = ["Collector", "Draft", "cleaned"]


@dataclass
class Draft:
    """A source before ids are made unique across the whole input."""

    id: str
    explicit: bool
    text: str
    path: str | None
    title: str | None = None
    url: str | None = None
    date: str | None = None
    original: Source | None = None

    def to_source(self, new_id: str) -> Source:
        if self.original is not None and new_id == self.original.id:
            return self.original
        return Source(id=new_id, text=self.text, path=self.path, title=self.title, url=self.url, date=self.date)


def cleaned(draft: Draft, where: str) -> tuple[Draft, list[Notice]]:
    """The draft as a source may hold it, and notices naming ``where`` for each change.

    * Lone surrogates (from a JSON ``\\ud800`` escape, a text stream or a
      library caller) in the text, id, title, url or date become U+FFFD
      (``surrogates-replaced``): no UTF-8 output could hold them.
    * A title with a chat-template token or that reads like an instruction to
      a language model is dropped (``title-dropped``): it would be shown as the
      source's name.
    """
    notices: list[Notice] = []
    replaced = 0

    def clean(value: str) -> str:
        nonlocal replaced
        value, n = replace_surrogates(value)
        replaced += n
        return value

    text, id_ = clean(draft.text), clean(draft.id)
    title, url, date = (None if v is None else clean(v) for v in (draft.title, draft.url, draft.date))
    if replaced:
        message = f"{where}: {replaced} lone surrogate(s) (text that is not valid Unicode) replaced with U+FFFD"
        notices.append(Notice("surrogates-replaced", message))
    if title and (is_instruction(title) or has_special_tokens(title)):
        title = None
        message = f"{where}: the title reads like an instruction to a language model; left out"
        notices.append(Notice("title-dropped", message))
    if not replaced and title == draft.title:
        return draft, notices
    return replace(draft, text=text, id=id_, title=title, url=url, date=date, original=None), notices


class Collector:
    """The drafts and notices of one :func:`~summarize.sources.read_sources` call, in input order.

    ``cluster`` is the cluster asked for; ``saw_clusters`` records whether any
    input held clusters, so that asking for one from inputs without any is an
    error rather than silently ignored.
    """

    def __init__(self, *, max_sources: int, cluster: str | None) -> None:
        self.max_sources = max_sources
        self.cluster = cluster
        self.drafts: list[Draft] = []
        self.notices: list[Notice] = []
        self.saw_clusters = False

    def add(self, draft: Draft) -> None:
        where = "stdin" if draft.path == "-" else draft.path
        draft, notices = cleaned(draft, f"{where}: document {draft.id!r}")
        self.notices.extend(notices)
        self.drafts.append(draft)
        if len(self.drafts) > self.max_sources:
            raise InputError(
                f"more than {self.max_sources} sources; "
                "summarize fewer documents, or raise the limit (max_sources, --max-sources)"
            )

    def warn(self, code: str, name: str, message: str) -> None:
        """A notice about the input called ``name`` (a path, or "stdin")."""
        self.notices.append(Notice(code, f"{name}: {message}"))

    def note(self, notice: Notice) -> None:
        self.notices.append(notice)

    def unique_sources(self) -> list[Source]:
        """The sources, a clashing id renamed (with a ``duplicate-id`` notice) in input order."""
        new_ids = unique_names([d.id for d in self.drafts])
        for d, new in zip(self.drafts, new_ids, strict=True):
            if new != d.id:
                where = "stdin" if d.path == "-" else d.path
                self.notices.append(
                    Notice("duplicate-id", f"{where}: id {d.id!r} is already taken; this source is {new!r}")
                )
        return [d.to_source(new) for d, new in zip(self.drafts, new_ids, strict=True)]
