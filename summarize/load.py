"""A brief or a digest back from its JSON (:func:`summarize.to_json`), so that yesterday's can be today's ``previous``.

The JSON is input like any other: it may be hand-edited, truncated or
hostile, so every field is checked and a bad one is an :class:`InputError`
whose one-line message says where it is (``sentences[2].citations[0]:
'start' must be a whole number``).  Schemas 1 (warnings as strings), 2 and
3 (digests) are read; a newer schema is refused rather than half-understood.  JSON
carries no source text, so the sources come back with ``text=""``; the cited
spans' texts are in the citations.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .brief import (
    Brief,
    BriefMeta,
    BriefSentence,
    Citation,
    Conflict,
    Copied,
    Digest,
    FollowUp,
    FollowUpInfo,
    FusionInfo,
    GuardVerdict,
    Mention,
    Notice,
    PreviousMatch,
    Source,
    Story,
    Title,
    Variant,
)
from .errors import InputError
from .render import SCHEMA_VERSION
from .sources.records import json_type as _kind

__all__ = ["from_dict", "from_json"]


def from_json(text: str | bytes, *, name: str = "brief") -> Brief | Digest:
    """The :class:`Brief` (or :class:`Digest`) that :func:`~summarize.to_json` wrote; ``name`` prefixes errors."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        where = f"line {exc.lineno}, column {exc.colno}: " if isinstance(exc, json.JSONDecodeError) else ""
        raise InputError(f"{name}: {where}not a JSON brief ({getattr(exc, 'msg', exc)})") from None
    return from_dict(data, name=name)


def from_dict(data: Any, *, name: str = "brief") -> Brief | Digest:
    """The :class:`Brief` of a parsed JSON brief (``json.loads(to_json(brief))``), or the :class:`Digest`."""
    doc = _Reader(name)
    top = doc.mapping(data, "the top-level value")
    schema = top.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or not 1 <= schema <= SCHEMA_VERSION:
        raise InputError(f"{name}: not a brief of a schema this version reads (1 to {SCHEMA_VERSION}): {schema!r}")
    sources = tuple(doc.source(s, f"sources[{i}]") for i, s in enumerate(doc.items(top, "sources")))
    options = dict(doc.mapping(top.get("options") or {}, "options"))
    if top.get("kind") == "digest":
        return _digest(doc, top, sources, options)
    return _brief(doc, top, sources, options, "")


def _brief(
    doc: _Reader, top: Mapping[str, Any], sources: tuple[Source, ...], options: dict[str, Any], at: str
) -> Brief:
    """A brief's fields; ``at`` is where it is in the document (``"stories[0]."`` in a digest)."""
    sentences = tuple(doc.sentence(s, f"{at}sentences[{i}]") for i, s in enumerate(doc.items(top, "sentences", at)))
    warnings = tuple(
        doc.notice(w, f"{at}warnings[{i}]") for i, w in enumerate(doc.items(top, "warnings", at, required=False))
    )
    fusion = top.get("fusion")
    if fusion is not None:
        f = doc.mapping(fusion, f"{at}fusion")
        fusion = FusionInfo(doc.text(f, "model", f"{at}fusion"), doc.text(f, "prompt", f"{at}fusion"))
    meta = BriefMeta(options, fusion, doc.followup_info(top.get("followup")))
    listed = doc.items(top, "conflicts", at, required=False)
    conflicts = tuple(doc.conflict(c, f"{at}conflicts[{i}]") for i, c in enumerate(listed))
    for i, s in enumerate(sentences):
        if any(k >= len(conflicts) for k in s.conflicts):
            raise doc.fail(f"{at}sentences[{i}]", f"'conflicts' points past the {len(conflicts)} conflicts")
    return Brief(sentences, sources, meta, warnings, conflicts)


def _digest(doc: _Reader, top: Mapping[str, Any], sources: tuple[Source, ...], options: dict[str, Any]) -> Digest:
    by_id = {s.id: s for s in sources}

    def story_sources(item: Mapping[str, Any], at: str) -> tuple[Source, ...]:
        ids = doc.items(item, "sources", at)
        missing = [i for i in ids if not isinstance(i, str) or i not in by_id]
        if missing:
            raise doc.fail(f"{at}sources", f"{missing[0]!r} is not the id of one of the digest's sources")
        return tuple(by_id[i] for i in ids)

    def header(item: Any, at: str) -> tuple[Mapping[str, Any], Title, tuple[Source, ...], int, str, bool | None]:
        m = doc.mapping(item, at.rstrip("."))
        t = doc.mapping(m.get("title"), f"{at}title")
        citation = None if t.get("citation") is None else doc.citation(t["citation"], f"{at}title.citation")
        title = Title(doc.text(t, "text", f"{at}title"), doc.text(t, "source", f"{at}title"), citation)
        continued = m.get("continued")
        if continued is not None and not isinstance(continued, bool):
            raise doc.fail(at.rstrip("."), f"'continued' must be true, false or null, not {continued!r}")
        ident = doc.text(m, "id", at.rstrip("."), optional=True) or ""
        return m, title, story_sources(m, at), doc.number(m, "independent_sources", at.rstrip(".")), ident, continued

    stories = []
    for k, item in enumerate(doc.items(top, "stories")):
        m, title, members, independent, ident, continued = header(item, f"stories[{k}].")
        brief = _brief(doc, m, members, options, f"stories[{k}].")
        stories.append(Story(title, brief, members, independent, ident, continued))
    mentions = tuple(
        Mention(title, members, independent, ident, continued)
        for _, title, members, independent, ident, continued in (
            header(item, f"also_reported[{k}].") for k, item in enumerate(doc.items(top, "also_reported"))
        )
    )
    warnings = tuple(doc.notice(w, f"warnings[{i}]") for i, w in enumerate(doc.items(top, "warnings", required=False)))
    return Digest(tuple(stories), mentions, sources, warnings, options)


class _Reader:
    """Field checks that name the brief and the place of a bad value."""

    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, where: str, what: str) -> InputError:
        return InputError(f"{self.name}: {where}: {what}")

    def mapping(self, value: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(where, f"must be an object, not {_kind(value)}")
        return value

    def items(self, obj: Mapping[str, Any], key: str, at: str = "", *, required: bool = True) -> list[Any]:
        value = obj.get(key, None if required else [])
        if not isinstance(value, list):
            raise self.fail(f"{at}{key}", f"must be a list, not {_kind(value)}")
        return value

    def text(self, obj: Mapping[str, Any], key: str, where: str, *, optional: bool = False) -> Any:
        value = obj.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str):
            raise self.fail(where, f"'{key}' must be a string, not {_kind(value)}")
        return value

    def number(self, obj: Mapping[str, Any], key: str, where: str, *, whole: bool = True) -> Any:
        value = obj.get(key)
        kinds = (int,) if whole else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds) or value < 0:
            raise self.fail(where, f"'{key}' must be a {'whole' if whole else 'non-negative'} number, not {value!r}")
        return value

    def sentence(self, value: Any, where: str) -> BriefSentence:
        s = self.mapping(value, where)
        citations = tuple(self.citation(c, f"{where}.citations[{i}]") for i, c in enumerate(self.items(s, "citations")))
        if not citations:
            raise self.fail(where, "a sentence cites at least one span")
        guard = None
        if s.get("guard") is not None:
            g = self.mapping(s["guard"], f"{where}.guard")
            reasons = g.get("reasons", [])
            if not isinstance(reasons, list) or not all(isinstance(r, str) for r in reasons):
                raise self.fail(f"{where}.guard", "'reasons' must be a list of strings")
            guard = GuardVerdict(bool(g.get("passed")), self.text(g, "candidate", f"{where}.guard"), tuple(reasons))
        fused = s.get("fused", False)
        if not isinstance(fused, bool):
            raise self.fail(where, f"'fused' must be true or false, not {fused!r}")
        text = self.text(s, "text", where)
        support = self.number(s, "support", where)
        disputed = s.get("conflicts", [])
        if not isinstance(disputed, list) or not all(isinstance(k, int) and not isinstance(k, bool) and k >= 0
                                                     for k in disputed):
            raise self.fail(where, "'conflicts' must be a list of whole numbers")
        followup = self.followup(s.get("followup"), where)
        pieces = self.items(s, "copied", f"{where}.", required=False)
        copied = tuple(self.copied(c, citations, f"{where}.copied[{i}]") for i, c in enumerate(pieces))
        return BriefSentence(text, citations, support, fused, guard, followup, tuple(disputed), copied)

    def copied(self, value: Any, citations: tuple[Citation, ...], where: str) -> Copied:
        c = self.mapping(value, where)
        k, start, end = self.number(c, "citation", where), self.number(c, "start", where), self.number(c, "end", where)
        if k >= len(citations):
            raise self.fail(where, f"'citation' {k} is not one of the sentence's {len(citations)} citations")
        if not citations[k].start <= start < end <= citations[k].end:
            raise self.fail(where, f"span {start}-{end} is not inside citation {k}")
        return Copied(k, start, end)

    def conflict(self, value: Any, where: str) -> Conflict:
        c = self.mapping(value, where)
        variants = []
        for i, v in enumerate(self.items(c, "variants")):
            here = f"{where}.variants[{i}]"
            side = self.mapping(v, here)
            cited = self.items(side, "citations")
            cites = tuple(self.citation(x, f"{here}.citations[{k}]") for k, x in enumerate(cited))
            variants.append(Variant(self.text(side, "value", here), self.number(side, "support", here), cites))
        update = c.get("update", False)
        if not isinstance(update, bool):
            raise self.fail(where, f"'update' must be true or false, not {update!r}")
        return Conflict(self.text(c, "about", where), self.text(c, "kind", where), tuple(variants), update)

    def citation(self, value: Any, where: str) -> Citation:
        c = self.mapping(value, where)
        start, end = self.number(c, "start", where), self.number(c, "end", where)
        if end < start:
            raise self.fail(where, f"'end' ({end}) is before 'start' ({start})")
        source, index = self.text(c, "source", where), self.number(c, "sentence", where)
        return Citation(source, index, start, end, self.text(c, "text", where))

    def source(self, value: Any, where: str) -> Source:
        s = self.mapping(value, where)
        fields = [self.text(s, key, where, optional=True) for key in ("path", "title", "url", "date")]
        return Source(self.text(s, "id", where), "", *fields)

    def notice(self, value: Any, where: str) -> Notice:
        if isinstance(value, str):  # schema 1
            return Notice("warning", value)
        w = self.mapping(value, where)
        return Notice(self.text(w, "code", where), self.text(w, "message", where))

    def followup(self, value: Any, where: str) -> FollowUp | None:
        if value is None:
            return None
        f = self.mapping(value, f"{where}.followup")
        status = f.get("status")
        if status not in ("new", "known"):
            raise self.fail(f"{where}.followup", f"'status' must be 'new' or 'known', not {status!r}")
        match = None
        if f.get("matches") is not None:
            m = self.mapping(f["matches"], f"{where}.followup.matches")
            here = f"{where}.followup.matches"
            match = PreviousMatch(
                self.number(m, "brief", here),
                self.number(m, "sentence", here),
                self.text(m, "text", here),
                float(self.number(m, "similarity", here, whole=False)),
            )
        return FollowUp(status == "new", match)

    def followup_info(self, value: Any) -> FollowUpInfo | None:
        if value is None:
            return None
        f = self.mapping(value, "followup")
        return FollowUpInfo(
            self.number(f, "previous_points", "followup"),
            float(self.number(f, "threshold", "followup", whole=False)),
            bool(f.get("only_new", False)),
            self.number(f, "known_left_out", "followup") if "known_left_out" in f else 0,
        )

