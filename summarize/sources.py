"""Read the input documents: files, directories, stdin, or Python objects.

This is the only stage that touches bytes.  Everything after it works on
``Source.text``, so the rules here decide what "the text" of a source is, and
every character offset in a brief points into exactly that string.

What ``Source.text`` is, by kind of input:

* **.txt / .md** (and any explicitly named file whose content is not JSON or
  HTML): the file's bytes decoded, *nothing else*.  No stripping, no newline
  translation (``"\\r\\n"`` stays ``"\\r\\n"``), no cleaning: noise is marked
  later at sentence level, never removed here.  The one exception is a
  byte-order mark, which is never part of the text (it is how the encoding
  is told, not a character of the document).  So for a UTF-8 file
  ``Source.text == open(path, encoding="utf-8-sig", newline="").read()``,
  and ``Source.text[citation.start:citation.end] == citation.text``.
* **.html / .htm**: the main text that trafilatura extracts (scripts, styles,
  navigation and comments never reach it), with the title, date and URL it
  finds.  Offsets point into this extracted text, not into the HTML.
* **.json / .jsonl**: the ``text`` string of each document object, as is.

Decoding: UTF-8 first.  A file that is not UTF-8 is decoded with a detected
encoding and a warning that names the file and the encoding; detection
prefers cp1252 (the usual non-UTF-8 encoding of Western text) when it fits,
because charset-normalizer alone guesses badly on short Western text.  A file
that is mostly UTF-8 with a few stray bytes reads those bytes as cp1252.
Nothing here ever raises ``UnicodeDecodeError``: the last resort is
``errors="replace"`` with a warning.

Bad input never passes silently: it is either a typed exception
(:class:`InputError`, or :class:`SourceError` for one bad source) whose
one-line message names the path and what to do, or a warning string returned
next to the sources.  The rule of thumb: what you named explicitly must be
readable (error); what a directory listing turned up may be skipped with a
warning (a stray PNG next to the articles).  Sizes are limits, not hints:
too large is an error, never a silent truncation, and no input is read past
its limit (a 100 MB file costs one ``stat`` or one bounded read).
"""

from __future__ import annotations

import codecs
import json
import os
import stat
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from copy import deepcopy
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from .brief import Source
from .errors import InputError, SourceError

__all__ = [
    "MAX_SOURCES",
    "MAX_SOURCE_BYTES",
    "TEXT_SUFFIXES",
    "as_sources",
    "read_sources",
]

MAX_SOURCE_BYTES = 5 * 1024 * 1024
"""Largest input file (or stdin) read, in bytes.  Raise it with ``max_bytes``."""

MAX_SOURCES = 1000
"""Most sources in one cluster.  Raise it with ``max_sources``."""

TEXT_SUFFIXES: Mapping[str, str] = {
    ".txt": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
}
"""File kinds read from a directory listing (suffix compared case-insensitively)."""

_SUFFIX_LIST = ", ".join(TEXT_SUFFIXES)

# Signatures of binary formats people drop next to articles.  Checked before
# decoding because a PDF starts with printable ASCII, and charset detection
# will happily "decode" anything.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.odt/.epub)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file"),
    (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF media file"),
    (b"OggS", "an Ogg media file"),
)

# UTF-32 before UTF-16: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)

_MAX_CONTROL_SHARE = 0.10
"""Above this share of control characters (or U+FFFD) a "text" is binary."""


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


def read_sources(
    paths: Sequence[str | os.PathLike[str]],
    *,
    stdin: TextIO | BinaryIO | None = None,
    max_bytes: int = MAX_SOURCE_BYTES,
    max_sources: int = MAX_SOURCES,
    cluster: str | None = None,
) -> tuple[list[Source], list[str]]:
    """Read files, directories and ``"-"`` (stdin) into one cluster of sources.

    Returns ``(sources, warnings)``: warnings are one-line, human-readable
    strings naming the path, for everything that was skipped or guessed (an
    encoding, an empty file, a PNG in a directory).  Errors raise.

    * A **file** is read by its suffix (:data:`TEXT_SUFFIXES`); a file with
      any other suffix, named explicitly, is sniffed like stdin.
    * A **directory** contributes its files with those suffixes, sorted by
      name, *one level deep only* (a subdirectory is often another cluster,
      so it is skipped with a warning; name it to include it).  Hidden files
      are skipped silently, other files with a warning.
    * ``"-"`` reads ``stdin`` (default ``sys.stdin``; a binary stream is
      best, a text stream is taken as already decoded) and tells JSON,
      JSONL, HTML and plain text apart by content.

    Source ids are unique: a file's stem, or a JSON document's ``id``, or
    ``doc1``, ``doc2``... for id-less documents of a JSON list or cluster; a
    clash gets a ``-2``, ``-3``... suffix, in input order, with a warning.
    A file named twice (or also found in a named directory) is read once.

    ``cluster`` selects one cluster, by its ``id`` (or its 1-based position
    when clusters have no ids), from JSON/JSONL inputs holding several; such
    an input without ``cluster`` is an :class:`InputError` that lists the ids
    rather than a silent pick of the first one.

    ``max_bytes`` bounds each file (and stdin), ``max_sources`` the number of
    sources; both are errors when exceeded, never truncations.
    """
    if isinstance(paths, (str, bytes, os.PathLike)):
        raise InputError("read_sources takes a list of paths, not a single path")
    paths = list(paths)
    if not paths:
        raise InputError("no input: give one or more files, directories, or - for stdin")
    _check_limit("max_bytes", max_bytes)
    _check_limit("max_sources", max_sources)

    reader = _Reader(max_bytes=max_bytes, max_sources=max_sources, cluster=cluster)
    for raw in paths:
        name = os.fspath(raw)
        if not isinstance(name, str):
            raise InputError(f"{name!r}: paths must be text, not bytes")
        if name == "-":
            reader.read_stdin(stdin)
        else:
            reader.read_path(name)

    if cluster is not None and not reader.saw_clusters:
        raise InputError(f"cluster {cluster!r} was asked for, but no input holds clusters")
    if not reader.drafts:
        raise InputError("no source has any text" + _warning_tail(reader.warnings))
    sources = _with_unique_ids(reader.drafts, reader.warnings)
    return sources, reader.warnings


def as_sources(
    documents: Sequence[str | Source | Mapping[str, Any]],
    *,
    max_sources: int = MAX_SOURCES,
) -> list[Source]:
    """Turn library input into sources, keeping each document at its position.

    * a ``str`` becomes ``Source(id=f"doc{n}")`` where ``n`` is its 1-based
      position in ``documents`` (so ``documents[2]`` is always ``doc3``);
    * a :class:`Source` passes through unchanged;
    * a mapping gives ``text`` (required) and optionally ``id``, ``title``,
      ``url``, ``date``, ``path``; other keys are ignored, so dataset rows
      can be passed as they are.

    Unlike :func:`read_sources`, empty documents are *kept* (dropping one
    would make the positional ids lie); only "no document has any text" is
    an error.  Explicit ids must be unique (two equal ids are a caller bug,
    so an :class:`InputError`); a generated ``docN`` that collides with an
    explicit id gets a suffix.  Text is taken as is, with no size limit
    beyond ``max_sources`` documents: the caller already holds it in memory.
    """
    if isinstance(documents, (str, bytes, Mapping, Source)):
        raise InputError("as_sources takes a list of documents, not a single document")
    documents = list(documents)
    if not documents:
        raise InputError("no documents to summarize")
    _check_limit("max_sources", max_sources)
    if len(documents) > max_sources:
        raise InputError(
            f"{len(documents)} documents is more than the limit of {max_sources}; "
            "pass fewer, or raise max_sources"
        )

    drafts: list[_Draft] = []
    for n, doc in enumerate(documents, start=1):
        where = f"documents[{n - 1}]"
        if isinstance(doc, Source):
            if not isinstance(doc.text, str) or not isinstance(doc.id, str) or not doc.id:
                raise InputError(f"{where}: a Source needs a non-empty str id and str text")
            drafts.append(_Draft(doc.id, True, doc.text, doc.path, doc.title, doc.url, doc.date, doc))
        elif isinstance(doc, str):
            drafts.append(_Draft(f"doc{n}", False, doc, None))
        elif isinstance(doc, Mapping):
            fields = _document_fields(doc, where, InputError)
            explicit = fields.id is not None
            path = _optional_str(doc.get("path"), "path", where, InputError)
            drafts.append(
                _Draft(fields.id or f"doc{n}", explicit, fields.text, path, fields.title, fields.url, fields.date)
            )
        else:
            raise InputError(
                f"{where} is a {type(doc).__name__}; pass str, Source, or a mapping with 'text'"
                + (" (decode bytes first)" if isinstance(doc, (bytes, bytearray)) else "")
            )

    seen: set[str] = set()
    for d in drafts:
        if d.explicit and d.id in seen:
            raise InputError(f"two documents have the id {d.id!r}; ids must be unique")
        if d.explicit:
            seen.add(d.id)
    if not any(d.text.strip() for d in drafts):
        raise InputError("no source has any text")
    # Explicit ids keep their names; only generated ones may be renamed.
    ordered = sorted(range(len(drafts)), key=lambda i: not drafts[i].explicit)
    renamed = _unique_names([drafts[i].id for i in ordered])
    ids = [""] * len(drafts)
    for i, new in zip(ordered, renamed, strict=True):
        ids[i] = new
    return [d.to_source(new_id) for d, new_id in zip(drafts, ids, strict=True)]


# --------------------------------------------------------------------------
# Reading paths and stdin
# --------------------------------------------------------------------------


@dataclass
class _Draft:
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


class _NotText(Exception):
    """Internal: the bytes are not text; the caller decides error or skip."""


class _Reader:
    """Accumulates sources and warnings over all the paths of one call."""

    def __init__(self, *, max_bytes: int, max_sources: int, cluster: str | None) -> None:
        self.max_bytes = max_bytes
        self.max_sources = max_sources
        self.cluster = cluster
        self.drafts: list[_Draft] = []
        self.warnings: list[str] = []
        self.seen_files: set[tuple[int, int]] = set()
        self.stdin_used = False
        self.saw_clusters = False

    # -- entry points ------------------------------------------------------

    def read_path(self, name: str) -> None:
        try:
            st = os.stat(name)
        except FileNotFoundError:
            raise SourceError(f"{name}: no such file or directory") from None
        except PermissionError:
            raise SourceError(f"{name}: permission denied") from None
        except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
            raise SourceError(f"{name}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None
        if stat.S_ISDIR(st.st_mode):
            self.read_directory(name)
        else:
            self.read_file(name, st, from_directory=False)

    def read_directory(self, name: str) -> None:
        try:
            entries = sorted(os.scandir(name), key=lambda e: e.name)
        except PermissionError:
            raise SourceError(f"{name}: permission denied") from None
        except OSError as exc:
            raise SourceError(f"{name}: cannot list directory ({exc.strerror or exc})") from None

        files: list[tuple[str, os.stat_result]] = []
        other_kinds: list[str] = []
        subdirectories: list[str] = []
        special: list[str] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue  # hidden: .DS_Store, .git, editor swap files
            path = os.path.join(name, entry.name)
            try:
                st = os.stat(path)
            except OSError:
                special.append(entry.name)  # broken symlink, vanished file
                continue
            if stat.S_ISDIR(st.st_mode):
                subdirectories.append(entry.name)
            elif not stat.S_ISREG(st.st_mode):
                special.append(entry.name)  # FIFO, socket, device: reading could block
            elif Path(entry.name).suffix.lower() in TEXT_SUFFIXES:
                files.append((path, st))
            else:
                other_kinds.append(entry.name)

        if other_kinds:
            kinds = f"{_count(other_kinds, 'file')} not ending in {_SUFFIX_LIST}"
            self.warn(name, f"skipped {kinds}: {_preview(other_kinds)}")
        if subdirectories:
            self.warn(
                name,
                f"skipped {_count(subdirectories, 'subdirectory', 'subdirectories')} "
                f"(directories are read one level deep; name one to include it): {_preview(subdirectories)}",
            )
        if special:
            entries_ = _count(special, "entry", "entries")
            self.warn(name, f"skipped {entries_} that are not regular files: {_preview(special)}")
        if not files:
            raise SourceError(f"{name}: directory has no {_SUFFIX_LIST} files")
        if len(files) > self.max_sources:
            raise InputError(
                f"{name}: {len(files)} files is more than the limit of {self.max_sources} sources; "
                "summarize fewer documents, or raise the limit (max_sources, --max-sources)"
            )
        for path, st in files:
            self.read_file(path, st, from_directory=True)

    def read_file(self, name: str, st: os.stat_result, *, from_directory: bool) -> None:
        key = (st.st_dev, st.st_ino)
        if key in self.seen_files:
            self.warn(name, "given more than once; read once")
            return
        self.seen_files.add(key)
        if stat.S_ISREG(st.st_mode) and st.st_size > self.max_bytes:
            raise self.too_large(name, st.st_size)  # refused without reading a byte
        try:
            with open(name, "rb") as handle:
                data = _read_bounded(handle, self.max_bytes)
        except PermissionError:
            raise SourceError(f"{name}: permission denied") from None
        except OSError as exc:
            raise SourceError(f"{name}: cannot read ({exc.strerror or exc})") from None
        if len(data) > self.max_bytes:
            raise self.too_large(name, None)
        assert isinstance(data, bytes)
        kind = TEXT_SUFFIXES.get(Path(name).suffix.lower(), "sniff")
        stem = Path(name).stem or name
        self.add_bytes(data, name=name, path=name, stem=stem, kind=kind, from_directory=from_directory)

    def read_stdin(self, stream: TextIO | BinaryIO | None) -> None:
        if self.stdin_used:
            raise InputError("- (stdin) can be given only once")
        self.stdin_used = True
        if stream is None:
            stream = sys.stdin
            if stream is None:
                raise InputError("stdin: there is no stdin to read")
            # Read bytes so that decoding follows the same rules as files,
            # whatever locale Python chose for sys.stdin.
            stream = getattr(stream, "buffer", stream)
        try:
            data = _read_bounded(stream, self.max_bytes)
        except OSError as exc:
            raise SourceError(f"stdin: cannot read ({exc.strerror or exc})") from None
        if isinstance(data, str):
            if len(data) > self.max_bytes or len(data.encode("utf-8", "surrogatepass")) > self.max_bytes:
                raise self.too_large("stdin", None)
            text = data[1:] if data.startswith("\ufeff") else data
            try:
                _check_is_text(text)
            except _NotText as exc:
                raise SourceError(f"stdin: {exc}; not text") from None
            self.add_text(text, name="stdin", path="-", stem="stdin", kind="sniff", from_directory=False)
        else:
            if len(data) > self.max_bytes:
                raise self.too_large("stdin", None)
            self.add_bytes(data, name="stdin", path="-", stem="stdin", kind="sniff", from_directory=False)

    # -- content -------------------------------------------------------------

    def add_bytes(self, data: bytes, *, name: str, path: str, stem: str, kind: str, from_directory: bool) -> None:
        try:
            text, note = _decode(data, name)
        except _NotText as exc:
            if from_directory:
                self.warn(name, f"skipped: {exc}, not text")
                return
            raise SourceError(f"{name}: {exc}, not text; convert it to text first") from None
        if note:
            self.warnings.append(note)
        self.add_text(text, name=name, path=path, stem=stem, kind=kind, from_directory=from_directory)

    def add_text(self, text: str, *, name: str, path: str, stem: str, kind: str, from_directory: bool) -> None:
        if not text.strip():
            self.warn(name, "empty; skipped" if not text else "only whitespace; skipped")
            return
        if kind == "sniff":
            kind = self.sniff(text, name)
        if kind == "text":
            self.add(_Draft(stem, False, text, path))
        elif kind == "html":
            self.add_html(text, name=name, path=path, stem=stem)
        else:
            records = _parse_json_records(text, name, jsonl=kind == "jsonl")
            self.add_records(records, name=name, path=path, stem=stem)

    def sniff(self, text: str, name: str) -> str:
        """Tell JSON, JSONL, HTML and plain text apart by their first characters."""
        head = text.lstrip()
        if head.startswith("{"):
            return "json"  # plain text never starts with "{"; a parse error is reported
        if head.startswith("["):
            # "[1] Reuters reported..." is text; only a list of documents is JSON.
            try:
                records = _parse_json_records(text, name, jsonl=False)
            except SourceError as exc:
                self.warn(name, f"starts like JSON but is not ({exc}); read as plain text")
                return "text"
            if all(isinstance(r.value, (str, Mapping)) for r in records):
                return "json"
            self.warn(name, "is JSON but not a list of documents; read as plain text")
            return "text"
        if head.startswith("<") and _looks_like_html(head[:4096]):
            return "html"
        return "text"

    def add_html(self, html: str, *, name: str, path: str, stem: str) -> None:
        extracted = _extract_html(html, self.max_bytes)
        if extracted.fallback:
            self.warn(name, "no main article text found; used all visible text")
        if not extracted.text.strip():
            self.warn(name, "no text in the HTML; skipped")
            return
        self.add(_Draft(stem, False, extracted.text, path, extracted.title, extracted.url, extracted.date))

    def add_records(self, records: list[_Record], *, name: str, path: str, stem: str) -> None:
        clusters = [r for r in records if r.is_cluster]
        if clusters and len(clusters) != len(records):
            first_doc = next(r for r in records if not r.is_cluster)
            raise SourceError(
                f"{name}: {first_doc.where} is a document but {clusters[0].where} is a cluster; "
                "a file holds either clusters or documents"
            )
        if clusters:
            self.saw_clusters = True
            chosen = self.choose_cluster(clusters, name)
            documents = chosen.value["documents"]
            if not isinstance(documents, list):
                raise SourceError(f"{name}: {chosen.where}: 'documents' must be a list, not {_json_type(documents)}")
            items = [_Record(doc, f"{chosen.where}, document {i}", False) for i, doc in enumerate(documents, start=1)]
            self.add_documents(items, name=name, path=path, stem=stem, single=False)
        elif not records:
            self.warn(name, "holds no documents; skipped")
        else:
            single = len(records) == 1 and records[0].top_level_object
            self.add_documents(records, name=name, path=path, stem=stem, single=single)

    def choose_cluster(self, clusters: list[_Record], name: str) -> _Record:
        names = [_cluster_name(c, i) for i, c in enumerate(clusters, start=1)]
        if self.cluster is None:
            if len(clusters) == 1:
                return clusters[0]
            raise InputError(
                f"{name} holds {len(clusters)} clusters ({_preview(names)}); "
                "pick one with cluster=<id>"
            )
        for c, cname in zip(clusters, names, strict=True):
            if cname == self.cluster:
                return c
        raise SourceError(f"{name}: no cluster {self.cluster!r}; it has {_preview(names)}")

    def add_documents(self, items: list[_Record], *, name: str, path: str, stem: str, single: bool) -> None:
        for n, item in enumerate(items, start=1):
            fallback_id = stem if single else f"doc{n}"
            if isinstance(item.value, str):
                fields = _Fields(None, item.value, None, None, None)
            elif isinstance(item.value, Mapping):
                fields = _document_fields(item.value, f"{name}: {item.where}", SourceError)
            else:
                raise SourceError(
                    f"{name}: {item.where}: a document must be a string or an object with 'text', "
                    f"not {_json_type(item.value)}"
                )
            label = fields.id or fallback_id
            if not fields.text.strip():
                self.warn(name, f"document {label!r} ({item.where}) has no text; skipped")
                continue
            self.add(
                _Draft(label, fields.id is not None, fields.text, path, fields.title, fields.url, fields.date)
            )

    # -- bookkeeping -------------------------------------------------------

    def add(self, draft: _Draft) -> None:
        self.drafts.append(draft)
        if len(self.drafts) > self.max_sources:
            raise InputError(
                f"more than {self.max_sources} sources; summarize fewer documents, or raise the limit (max_sources, --max-sources)"
            )

    def warn(self, name: str, message: str) -> None:
        self.warnings.append(f"{name}: {message}")

    def too_large(self, name: str, size: int | None) -> SourceError:
        actual = f" ({_size(size)})" if size is not None else ""
        return SourceError(
            f"{name}: larger than the {_size(self.max_bytes)} limit for one input{actual}; "
            "split it, or raise the limit (max_bytes, --max-bytes)"
        )


def _read_bounded(stream: Any, limit: int) -> bytes | str:
    """Read at most ``limit + 1`` bytes (or characters): enough to tell "too large".

    Loops because a pipe or raw stream may return short reads before EOF.
    """
    chunks: list[Any] = []
    total = 0
    while total <= limit:
        chunk = stream.read(limit + 1 - total)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if not chunks:
        return b""
    return chunks[0][:0].join(chunks)


# --------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------


def _cp1252_byte(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)  # the five bytes cp1252 leaves undefined: read as Latin-1


_CP1252_TABLE = tuple(_cp1252_byte(b) for b in range(256))


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read bytes that are not UTF-8 as cp1252."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(_CP1252_TABLE[b] for b in bad), exc.end


_FALLBACK_HANDLER = "summarize.sources.cp1252"
codecs.register_error(_FALLBACK_HANDLER, _cp1252_fallback)


def _decode(data: bytes, name: str) -> tuple[str, str | None]:
    """Decode bytes to text; return the text and a warning (or ``None``).

    Raises :class:`_NotText` for binary data.  Never raises a decode error.
    """
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)  # these codecs drop the mark itself
                note = None if label == "UTF-8" else f"{name}: not UTF-8; decoded as {label} (byte-order mark)"
            except UnicodeDecodeError:
                text = data.decode(codec, "replace")
                note = f"{name}: invalid {label} bytes replaced with U+FFFD"
            _check_is_text(text)
            return text, note

    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise _NotText(f"looks like {what}")
    if b"\x00" in data:
        raise _NotText("contains NUL bytes (binary data, or UTF-16 without a byte-order mark)")

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _check_is_text(text)
        return text, None

    replaced = data.decode("utf-8", "replace")
    invalid = replaced.count("\ufffd") - data.count("\ufffd".encode())
    valid_multibyte = sum(1 for ch in replaced if ch > "\x7f") - replaced.count("\ufffd")
    if valid_multibyte > 0:  # real cp1252 text almost never holds a valid UTF-8 sequence
        text = data.decode("utf-8", _FALLBACK_HANDLER)
        note = (
            f"{name}: mixed encodings: decoded as UTF-8, "
            f"{invalid} stretch(es) of non-UTF-8 bytes read as cp1252"
        )
        _check_is_text(text)
        return text, note

    encoding = _guess_encoding(data)
    if encoding is None:
        _check_is_text(replaced)
        return replaced, f"{name}: not UTF-8 and encoding unknown; undecodable bytes replaced with U+FFFD"
    try:
        text = data.decode(encoding)
        note = f"{name}: not UTF-8; decoded as {encoding}"
    except (UnicodeDecodeError, LookupError):
        text = data.decode(encoding, "replace")
        note = f"{name}: not UTF-8; decoded as {encoding}, undecodable bytes replaced with U+FFFD"
    _check_is_text(text)
    return text, note


def _guess_encoding(data: bytes) -> str | None:
    """Pick an encoding for bytes that are not UTF-8.

    charset-normalizer ranks candidates by "chaos" and language coherence;
    on Western text every Latin code page ties or nearly ties, and its pick
    (cp1250, cp437, even shift_jis on a short paragraph) garbles accents.
    So cp1252, by far the most common non-UTF-8 encoding of Western text,
    wins whenever it is as good as the best candidate; a clearly better
    candidate (cp1251 for Russian, cp1254 for Turkish) still wins.
    """
    import charset_normalizer

    matches = list(charset_normalizer.from_bytes(data))
    best = matches[0] if matches else None
    western = "cp1252"
    try:
        western_text = data.decode("cp1252")
    except UnicodeDecodeError:
        western, western_text = "latin-1", data.decode("latin-1")
    if best is not None:
        for match in matches:
            near_tie = match.chaos <= best.chaos + 0.01 and match.coherence >= best.coherence - 0.05
            if near_tie and "cp1252" in match.could_be_from_charset:
                return western
        if best.coherence > 0:
            return str(best.encoding)  # it recognised a language in another code page
    western_chaos = _chaos(western_text)
    if western_chaos < 0.2 and (best is None or western_chaos <= best.chaos + 0.1):
        return western
    return str(best.encoding) if best is not None else None


def _chaos(text: str) -> float:
    """charset-normalizer's "mess" score of decoded text (0 = looks like text)."""
    try:
        from charset_normalizer.md import mess_ratio
    except ImportError:  # pragma: no cover - internal module moved
        return 0.0
    return float(mess_ratio(text[:100_000], maximum_threshold=1.0))  # a sample is plenty, and bounded


def _check_is_text(text: str) -> None:
    """Raise :class:`_NotText` when too many characters are controls or U+FFFD.

    Whitespace controls (tab, newlines, NEL, form feed...) are text.
    """
    if "\x00" in text:
        raise _NotText("contains NUL characters")
    sample = text[:65536]
    if not sample:
        return
    bad = sum(1 for ch in sample if ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and not ch.isspace()))
    if bad / len(sample) > _MAX_CONTROL_SHARE:
        raise _NotText("is mostly non-text bytes")


# --------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Extracted:
    text: str
    title: str | None
    date: str | None
    url: str | None
    fallback: bool


_HTML_TAGS = frozenset(
    {"html", "head", "body", "title", "meta", "p", "div", "article", "section", "main", "header"}
    | {"h1", "h2", "h3", "span", "a", "br", "ul", "ol", "li", "table"}
)
"""Tags that make a fragment on stdin HTML rather than text with a stray "<"."""


def _looks_like_html(head: str) -> bool:
    """Sniff markup with lxml: does the start parse into known HTML elements?"""
    from lxml import etree, html as lxml_html

    lowered = head.lower()
    if lowered.startswith("<!doctype html") or lowered.startswith("<html"):
        return True
    try:
        fragments = lxml_html.fragments_fromstring(head)
    except (etree.ParserError, ValueError):
        return False
    return any(getattr(f, "tag", None) in _HTML_TAGS for f in fragments if not isinstance(f, str))


def _extract_html(html: str, max_bytes: int) -> _Extracted:
    """Main text and metadata of an HTML page, via trafilatura.

    Falls back to all visible text (still without scripts and styles) when
    trafilatura finds no main article, as on very short pages.
    """
    import trafilatura
    from trafilatura.metadata import extract_metadata

    config = _trafilatura_config(max(max_bytes * 4, 20_000_000))
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, config=config)
    text = _field(doc, "text") or ""
    fallback = False
    if not text.strip():
        text = trafilatura.html2txt(html) or ""
        fallback = bool(text.strip())
        if doc is None:
            doc = extract_metadata(html)
    return _Extracted(text, _field(doc, "title"), _field(doc, "date"), _field(doc, "url"), fallback)


@lru_cache(maxsize=4)
def _trafilatura_config(max_file_size: int) -> Any:
    """trafilatura's defaults, except that it skips pages over its own 20 MB limit: ours rules."""
    from trafilatura.settings import DEFAULT_CONFIG

    config = deepcopy(DEFAULT_CONFIG)
    config["DEFAULT"]["max_file_size"] = str(max_file_size)
    return config


def _field(doc: Any, key: str) -> str | None:
    """A metadata field of a trafilatura result (a ``Document``, or a dict in 1.x)."""
    if doc is None:
        return None
    value = doc.get(key) if isinstance(doc, Mapping) else getattr(doc, key, None)
    return _clean_meta(value) if key != "text" else value


def _clean_meta(value: Any) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


# --------------------------------------------------------------------------
# JSON and JSONL
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Record:
    """One top-level JSON value: a document, a cluster, or a bad value."""

    value: Any
    where: str
    top_level_object: bool

    @property
    def is_cluster(self) -> bool:
        return isinstance(self.value, Mapping) and "documents" in self.value and "text" not in self.value


@dataclass(frozen=True)
class _Fields:
    id: str | None
    text: str
    title: str | None
    url: str | None
    date: str | None


def _parse_json_records(text: str, name: str, *, jsonl: bool) -> list[_Record]:
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
                value = json.loads(text)
            except json.JSONDecodeError:
                raise line_error from None
            return _json_records(value)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            try:
                return _jsonl_records(text, name)
            except SourceError:
                pass
        raise SourceError(f"{name}: line {exc.lineno}, column {exc.colno}: invalid JSON ({exc.msg})") from None
    return _json_records(value)


def _json_records(value: Any) -> list[_Record]:
    if isinstance(value, list):
        return [_Record(item, f"item {i}", False) for i, item in enumerate(value, start=1)]
    return [_Record(value, "the top-level value", isinstance(value, Mapping))]


def _jsonl_records(text: str, name: str) -> list[_Record]:
    records = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SourceError(f"{name}: line {lineno}, column {exc.colno}: invalid JSON ({exc.msg})") from None
        records.append(_Record(value, f"line {lineno}", False))
    return records


def _cluster_name(record: _Record, position: int) -> str:
    cid = record.value.get("id")
    if cid is None or (isinstance(cid, str) and not cid.strip()):
        return str(position)
    return str(cid).strip()


def _document_fields(obj: Mapping[str, Any], where: str, error: type[InputError]) -> _Fields:
    """Validate a document object: ``text`` required, ``id/title/url/date`` optional."""
    if "text" not in obj:
        keys = ", ".join(sorted(map(str, obj))) or "none"
        raise error(f"{where}: a document needs a 'text' field (it has: {keys})")
    text = obj["text"]
    if not isinstance(text, str):
        raise error(f"{where}: 'text' must be a string, not {_json_type(text)}")
    raw_id = obj.get("id")
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        doc_id = None
    elif isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool):
        doc_id = str(raw_id).strip()
    else:
        raise error(f"{where}: 'id' must be a string or an integer, not {_json_type(raw_id)}")
    return _Fields(
        doc_id,
        text,
        _optional_str(obj.get("title"), "title", where, error),
        _optional_str(obj.get("url"), "url", where, error),
        _optional_str(obj.get("date"), "date", where, error),
    )


def _optional_str(value: Any, field: str, where: str, error: type[InputError]) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise error(f"{where}: '{field}' must be a string, not {_json_type(value)}")
    value = str(value).strip()
    return value or None


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}
    for kind, label in names.items():
        if isinstance(value, kind):
            return label
    if isinstance(value, (int, float)):
        return "a number"
    return type(value).__name__


# --------------------------------------------------------------------------
# Ids and messages
# --------------------------------------------------------------------------


def _unique_names(names: Sequence[str]) -> list[str]:
    """First comer keeps a name; later ones get ``-2``, ``-3``... (never reusing a taken one)."""
    taken = set()
    result = []
    for name in names:
        new = name
        n = 2
        while new in taken:
            new = f"{name}-{n}"
            n += 1
        taken.add(new)
        result.append(new)
    return result


def _with_unique_ids(drafts: list[_Draft], warnings: list[str]) -> list[Source]:
    new_ids = _unique_names([d.id for d in drafts])
    for d, new in zip(drafts, new_ids, strict=True):
        if new != d.id:
            where = "stdin" if d.path == "-" else d.path
            warnings.append(f"{where}: id {d.id!r} is already taken; this source is {new!r}")
    return [d.to_source(new) for d, new in zip(drafts, new_ids, strict=True)]


def _check_limit(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError(f"{name} must be a positive integer, not {value!r}")


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} bytes"


def _count(items: Sequence[Any], singular: str, plural: str | None = None) -> str:
    n = len(items)
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def _preview(names: Sequence[str], limit: int = 5) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def _warning_tail(warnings: Sequence[str]) -> str:
    if not warnings:
        return ""
    return " (" + "; ".join(warnings[:3]) + (f"; and {len(warnings) - 3} more" if len(warnings) > 3 else "") + ")"
