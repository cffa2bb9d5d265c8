"""JSON and JSONL: records, clusters, and the fields of a document.

A JSON/JSONL input holds either documents (strings, or objects with a
``text`` field) or clusters (objects with a ``documents`` list), never both.
A document's text is its ``text`` string as is.  Fields are validated with
messages that name where the bad value is ("line 3", "item 2", "cluster 1,
document 4"), because a dataset row is found by its position, not its id.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import InputError, SourceError
from .drafts import Collector, Draft
from .naming import preview

__all__ = [
    "Fields",
    "LongInteger",
    "Record",
    "add_records",
    "document_fields",
    "optional_str",
    "parse_json_records",
]


class LongInteger(str):
    """A JSON integer of more digits than Python converts to ``int`` (4,300), kept as its digits.

    Such a number is no reason to refuse a document: as an ``id`` it is the
    text of its digits, in a field that is ignored it does no harm, and where
    text is required it is reported as the number it is.
    """


def _parse_int(digits: str) -> int | str:
    try:
        return int(digits)
    except ValueError:
        return LongInteger(digits)


def _loads(text: str, name: str, where: str) -> Any:
    """``json.loads``, whose only errors are :class:`json.JSONDecodeError` (malformed) and :class:`SourceError`.

    Arrays or objects nested deeper than the interpreter can recurse are a
    :class:`SourceError` naming the input (``where`` is its line, for JSONL);
    integers too long for ``int`` are kept as :class:`LongInteger`.
    """
    try:
        return json.loads(text, parse_int=_parse_int)
    except RecursionError:
        raise SourceError(f"{name}: {where}invalid JSON (nested too deeply)") from None


@dataclass(frozen=True)
class Record:
    """One top-level JSON value: a document, a cluster, or a bad value."""

    value: Any
    where: str
    top_level_object: bool

    @property
    def is_cluster(self) -> bool:
        return isinstance(self.value, Mapping) and "documents" in self.value and "text" not in self.value


@dataclass(frozen=True)
class Fields:
    """The validated fields of one document object."""

    id: str | None
    text: str
    title: str | None
    url: str | None
    date: str | None


# -- parsing -------------------------------------------------------------------


def parse_json_records(text: str, name: str, *, jsonl: bool) -> list[Record]:
    """Parse a JSON or JSONL payload into its top-level records.

    A ``.json`` file that turns out to be JSONL (``Extra data`` on line 2) is
    read as JSONL; a ``.jsonl`` file holding one pretty-printed JSON value is
    read as JSON.  Otherwise the error names the line and column.
    """
    if jsonl:
        try:
            return _jsonl_records(text, name)
        except SourceError as line_error:
            try:
                value = _loads(text, name, "")
            except (json.JSONDecodeError, SourceError):
                raise line_error from None
            return _json_records(value)
    try:
        value = _loads(text, name, "")
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            try:
                return _jsonl_records(text, name)
            except SourceError:
                pass
        raise SourceError(f"{name}: line {exc.lineno}, column {exc.colno}: invalid JSON ({exc.msg})") from None
    return _json_records(value)


def _json_records(value: Any) -> list[Record]:
    if isinstance(value, list):
        return [Record(item, f"item {i}", False) for i, item in enumerate(value, start=1)]
    return [Record(value, "the top-level value", isinstance(value, Mapping))]


def _jsonl_records(text: str, name: str) -> list[Record]:
    records = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = _loads(line, name, f"line {lineno}: ")
        except json.JSONDecodeError as exc:
            raise SourceError(f"{name}: line {lineno}, column {exc.colno}: invalid JSON ({exc.msg})") from None
        records.append(Record(value, f"line {lineno}", False))
    return records


# -- records to drafts ---------------------------------------------------------


def add_records(collector: Collector, records: list[Record], *, name: str, path: str, stem: str) -> None:
    """Add the documents of one input: of the chosen cluster, or all of them."""
    clusters = [r for r in records if r.is_cluster]
    if clusters and len(clusters) != len(records):
        first_doc = next(r for r in records if not r.is_cluster)
        raise SourceError(
            f"{name}: {first_doc.where} is a document but {clusters[0].where} is a cluster; "
            "a file holds either clusters or documents"
        )
    if clusters:
        collector.saw_clusters = True
        chosen = _choose_cluster(clusters, name, collector.cluster)
        documents = chosen.value["documents"]
        if not isinstance(documents, list):
            raise SourceError(f"{name}: {chosen.where}: 'documents' must be a list, not {json_type(documents)}")
        items = [Record(doc, f"{chosen.where}, document {i}", False) for i, doc in enumerate(documents, start=1)]
        _add_documents(collector, items, name=name, path=path, stem=stem, single=False)
    elif not records:
        collector.warn("no-documents", name, "holds no documents; skipped")
    else:
        single = len(records) == 1 and records[0].top_level_object
        _add_documents(collector, records, name=name, path=path, stem=stem, single=single)


def _choose_cluster(clusters: list[Record], name: str, wanted: str | None) -> Record:
    """The cluster asked for; with none asked for, the only one (several is an error listing them)."""
    names = [_cluster_name(c, i) for i, c in enumerate(clusters, start=1)]
    if wanted is None:
        if len(clusters) == 1:
            return clusters[0]
        raise InputError(f"{name} holds {len(clusters)} clusters ({preview(names)}); pick one with cluster=<id>")
    for c, cname in zip(clusters, names, strict=True):
        if cname == wanted:
            return c
    raise SourceError(f"{name}: no cluster {wanted!r}; it has {preview(names)}")


def _cluster_name(record: Record, position: int) -> str:
    cid = record.value.get("id")
    if isinstance(cid, str) and cid.strip():
        return cid.strip()
    if isinstance(cid, int) and not isinstance(cid, bool):
        return str(cid)
    return str(position)


def _add_documents(
    collector: Collector, items: list[Record], *, name: str, path: str, stem: str, single: bool
) -> None:
    """Add each document; a lone top-level object is named after the file, others ``docN``."""
    for n, item in enumerate(items, start=1):
        fallback_id = stem if single else f"doc{n}"
        if isinstance(item.value, str):
            fields = Fields(None, item.value, None, None, None)
        elif isinstance(item.value, Mapping):
            fields = document_fields(item.value, f"{name}: {item.where}", SourceError)
        else:
            raise SourceError(
                f"{name}: {item.where}: a document must be a string or an object with 'text', "
                f"not {json_type(item.value)}"
            )
        label = fields.id or fallback_id
        if not fields.text.strip():
            collector.warn("document-empty", name, f"document {label!r} ({item.where}) has no text; skipped")
            continue
        collector.add(Draft(label, fields.id is not None, fields.text, path, fields.title, fields.url, fields.date))


# -- fields ----------------------------------------------------------------------


def document_fields(obj: Mapping[str, Any], where: str, error: type[InputError]) -> Fields:
    """Validate a document object: ``text`` required, ``id/title/url/date`` optional."""
    if "text" not in obj:
        keys = ", ".join(sorted(map(str, obj))) or "none"
        raise error(f"{where}: a document needs a 'text' field (it has: {keys})")
    text = obj["text"]
    if not isinstance(text, str) or isinstance(text, LongInteger):
        raise error(f"{where}: 'text' must be a string, not {json_type(text)}")
    raw_id = obj.get("id")
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        doc_id = None
    elif isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool):
        doc_id = _as_text(raw_id, "id", where, error).strip()
    else:
        raise error(f"{where}: 'id' must be a string or an integer, not {json_type(raw_id)}")
    return Fields(
        doc_id,
        text,
        optional_str(obj.get("title"), "title", where, error),
        optional_str(obj.get("url"), "url", where, error),
        optional_str(obj.get("date"), "date", where, error),
    )


def optional_str(value: Any, field: str, where: str, error: type[InputError]) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise error(f"{where}: '{field}' must be a string, not {json_type(value)}")
    text = _as_text(value, field, where, error).strip()
    return text or None


def _as_text(value: str | int | float, field: str, where: str, error: type[InputError]) -> str:
    """``str(value)``; an integer past Python's conversion limit (given by a library caller) is an error."""
    try:
        return str(value)
    except ValueError:
        raise error(f"{where}: '{field}' is an integer too large to be written out") from None


def json_type(value: Any) -> str:
    if isinstance(value, LongInteger):
        return "a number"
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}
    for kind, label in names.items():
        if isinstance(value, kind):
            return label
    if isinstance(value, (int, float)):
        return "a number"
    return type(value).__name__
