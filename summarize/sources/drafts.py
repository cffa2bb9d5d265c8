"""Sources in the making: drafts, and the collector that gathers them for one call.

Ids can only be made unique once every input has been read (a clash is
renamed in input order), so readers add :class:`Draft` objects to a
:class:`Collector`, which also keeps the notices in the order they arose and
enforces the source-count limit as drafts arrive, not after the fact.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..brief import Notice, Source
from ..errors import InputError
from .naming import unique_names

__all__ = ["Collector", "Draft"]


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
