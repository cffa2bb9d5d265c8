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
one-line message names the path and what to do, or a warning returned next
to the sources.  The rule of thumb: what you named explicitly must be
readable (error); what a directory listing turned up may be skipped with a
warning (a stray PNG next to the articles).  Sizes are limits, not hints:
too large is an error, never a silent truncation, and no input is read past
its limit (a 100 MB file costs one ``stat`` or one bounded read).

Warnings are :class:`~summarize.brief.Notice` records: ``str(notice)`` is the
one-line message, which names the input first (``"PATH: ..."`` or
``"stdin: ..."``); ``notice.code`` is stable, for programs and tests to match
on while the wording improves.  The codes :func:`read_sources` returns:

=============================  ============================================================
code                           situation (message, after ``PATH:``)
=============================  ============================================================
``skipped-kind``               a directory holds files of other kinds ("skipped 2 files not
                               ending in .txt, ...: a.png, b.pdf")
``skipped-subdirectory``       a directory holds subdirectories, which are not read
``not-regular-file``           a directory holds FIFOs, sockets, devices or broken links
``read-once``                  a file named twice, or also found in a named directory
``binary-skipped``             a binary file in a directory ("skipped: looks like a PDF
                               file, not text")
``empty-skipped``              an empty file or stdin ("empty; skipped")
``blank-skipped``              only whitespace ("only whitespace; skipped")
``bad-json-as-text``           starts with ``[`` but is not JSON; read as plain text
``json-not-documents``         JSON, but not a list of documents; read as plain text
``html-fallback``              no main article in the HTML; all visible text used
``html-empty``                 no text in the HTML; skipped
``no-documents``               a JSON/JSONL input with no documents; skipped
``document-empty``             one JSON document with no text; skipped
``duplicate-id``               an id already taken; this source gets ``-2``, ``-3``...
``surrogates-replaced``        lone surrogates (e.g. a JSON ``\\ud800`` escape) replaced with U+FFFD
``title-dropped``              a title that reads like an instruction to a language model
``encoding-bom``               UTF-16 or UTF-32, told by its byte-order mark
``encoding-bom-invalid``       a byte-order mark, but invalid bytes (replaced with U+FFFD)
``encoding-mixed``             UTF-8 with stretches of other bytes, read as cp1252
``encoding-guessed``           not UTF-8; decoded as the detected encoding
``encoding-guessed-replaced``  not UTF-8; the detected encoding, U+FFFD where it fails
``encoding-unknown``           not UTF-8 and no encoding fits; U+FFFD for what is not UTF-8
``encoding-declared-wrong``    a page's declared charset does not fit its bytes; decoded as
                               files are (the message says how)
``encoding-declared-unknown``  a page declares a charset Python does not know
``fetch-refused``              a URL (or a redirect) to a private, loopback or link-local
                               address, or to another scheme than http(s); not fetched
``fetch-timeout``              no answer, or the body still arriving, after ``timeout`` s
``fetch-failed``               the host is unreachable or cannot be resolved
``fetch-http-error``           the server answered with an error status ("HTTP 404 Not Found")
``fetch-too-large``            a body over ``max_bytes`` (refused, never truncated)
``fetch-not-text``             an image, a PDF, binary data: no page, text or feed
``fetch-redirects``            more than five redirects, or a redirect without a target
``fetch-bad-url``              a URL that cannot be parsed, or without a host
``http-cache-unwritable``      the HTTP cache cannot be written; pages were fetched in full
``feed-invalid``               looks like a feed, but feedparser cannot read it
``feed-empty``                 a feed without entries
``feed-undated``               entries without a date, kept although ``since`` was given
``feed-nothing-new``           no entry at or after ``since``
``feed-entry-without-link``    an entry with neither a link nor its full text
``feed-in-feed``               an entry whose link is another feed (not followed)
=============================  ============================================================

A failed URL is left out with its notice (never fatal while something is
left); when nothing is left at all, the error is a :class:`SourceError` that
quotes the notices.  URLs and feeds: see :mod:`.web` (pages and feeds as
drafts), :mod:`.fetch` (the HTTP client, its limits and its cache) and
:mod:`.addresses` (which addresses may be reached).

The package: :mod:`.reader` walks paths, directories and stdin;
:mod:`.decode` turns bytes into text; :mod:`.html` and :mod:`.records` turn
HTML and JSON/JSONL into drafts; :mod:`.drafts` gathers the drafts and
notices of one call; :mod:`.naming` words ids, counts and sizes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, BinaryIO, TextIO

from ..brief import Notice, Source
from ..errors import InputError, SourceError, check_count
from .drafts import Collector, Draft, cleaned
from .fetch import DEFAULT_TIMEOUT, FetchEvent, FetchProgress, is_url
from .httpcache import HttpCache
from .naming import notices_tail, unique_names
from .reader import TEXT_SUFFIXES, Reader
from .records import document_fields, optional_str
from .web import Web

__all__ = [
    "DEFAULT_TIMEOUT",
    "MAX_SOURCES",
    "MAX_SOURCE_BYTES",
    "TEXT_SUFFIXES",
    "FetchEvent",
    "HttpCache",
    "as_sources",
    "documents_to_sources",
    "read_sources",
]

MAX_SOURCE_BYTES = 5 * 1024 * 1024
"""Largest input file (or stdin) read, in bytes.  Raise it with ``max_bytes``."""

MAX_SOURCES = 1000
"""Most sources in one cluster.  Raise it with ``max_sources``."""


def read_sources(
    paths: Sequence[str | os.PathLike[str]],
    *,
    stdin: TextIO | BinaryIO | None = None,
    max_bytes: int = MAX_SOURCE_BYTES,
    max_sources: int = MAX_SOURCES,
    cluster: str | None = None,
    allow_private: bool | Iterable[str] = False,
    since: str | date | datetime | None = None,
    max_items: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    cache: bool | str | os.PathLike[str] | HttpCache = True,
    progress: FetchProgress | None = None,
) -> tuple[list[Source], list[Notice]]:
    """Read files, directories, ``"-"`` (stdin), URLs and feeds into one cluster of sources.

    Returns ``(sources, warnings)``: warnings are :class:`Notice` records
    (codes in the table above) whose messages are one-line, human-readable
    and name the path, for everything that was skipped or guessed (an
    encoding, an empty file, a PNG in a directory).  Errors raise.

    * A **file** is read by its suffix (:data:`TEXT_SUFFIXES`); a file with
      any other suffix, named explicitly, is sniffed like stdin.  A FIFO,
      device or socket named explicitly is a :class:`SourceError` (reading
      it could wait forever); use ``"-"`` for a pipe.
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

    * An **http(s) URL** is fetched: a page becomes one source (its main text,
      title, date and URL), a feed (RSS or Atom, also a local ``.xml`` file)
      its entries, each entry's link fetched unless the feed carries the full
      text.  ``since`` keeps entries published at or after a date or time
      (a naive one is UTC), ``max_items`` the newest N per feed.  URLs are
      fetched 8 at a time, each within ``timeout`` seconds and ``max_bytes``;
      hosts must have public addresses only, unless ``allow_private`` is
      ``True`` (or lists the networks allowed, e.g. ``["10.1.0.0/16"]``).
      Responses are kept in an HTTP cache (``cache``: ``True`` for
      ``~/.cache/summarize/http``, a directory, or ``False``) and revalidated
      with ETag / Last-Modified, so an unchanged page is not downloaded
      again.  ``progress`` is called with a :class:`FetchEvent` after each URL.
      A page that fails is left out with a notice.

    ``max_bytes`` bounds each file (and stdin, and each fetched body),
    ``max_sources`` the number of sources; both are errors when exceeded,
    never truncations.
    """
    if isinstance(paths, (str, bytes, os.PathLike)):
        raise InputError("read_sources takes a list of paths, not a single path")
    paths = _listed(paths, "paths", "paths (str or os.PathLike)")
    if not paths:
        raise InputError("no input: give one or more files, directories, or - for stdin")
    check_count("max_bytes", max_bytes)
    check_count("max_sources", max_sources)
    if max_items is not None:
        check_count("max_items", max_items)
    if cluster is not None and not isinstance(cluster, str):
        raise InputError(f"cluster must be a cluster id as text, not {type(cluster).__name__}")
    names = [_name(raw) for raw in paths]

    collector = Collector(max_sources=max_sources, cluster=cluster)
    web = Web.checked(
        max_bytes=max_bytes,
        timeout=timeout,
        allow_private=allow_private,
        cache=cache,
        progress=progress,
        since=since,
        max_items=max_items,
    )
    reader = Reader(collector, max_bytes=max_bytes, web=web)
    try:
        web.prefetch([n for n in names if is_url(n)])
        for name in names:
            if name == "-":
                reader.read_stdin(stdin)
            elif is_url(name):
                web.add_url(collector, name)
            else:
                reader.read_path(name)
    finally:
        web.close(collector)

    if cluster is not None and not collector.saw_clusters:
        raise InputError(f"cluster {cluster!r} was asked for, but no input holds clusters")
    if not collector.drafts:
        fetching = any(n.code.startswith(("fetch-", "feed-")) for n in collector.notices)
        raise (SourceError if fetching else InputError)("no source has any text" + notices_tail(collector.notices))
    sources = collector.unique_sources()
    return sources, collector.notices


def as_sources(
    documents: Sequence[str | Source | Mapping[str, Any]],
    *,
    max_sources: int = MAX_SOURCES,
) -> list[Source]:
    """Turn library input into sources (see :func:`documents_to_sources`, which also returns its warnings)."""
    return documents_to_sources(documents, max_sources=max_sources)[0]


def documents_to_sources(
    documents: Sequence[str | Source | Mapping[str, Any]],
    *,
    max_sources: int = MAX_SOURCES,
) -> tuple[list[Source], list[Notice]]:
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

    Returns the sources and the warnings about them: lone surrogates replaced
    with U+FFFD (``surrogates-replaced``), titles that read like instructions
    to a model dropped (``title-dropped``).  Any ordered iterable of documents
    will do (a list, a tuple, a generator); a set is refused (it has no order,
    so ids and briefs would change from run to run).
    """
    if documents is None or isinstance(documents, (str, bytes, bytearray, Mapping, Source)):
        what = "None" if documents is None else "a single document"
        raise InputError(f"documents must be a list of documents (texts, Sources or mappings), not {what}")
    documents = _listed(documents, "documents", "documents (texts, Sources or mappings)")
    if not documents:
        raise InputError("no documents to summarize")
    check_count("max_sources", max_sources)
    if len(documents) > max_sources:
        raise InputError(
            f"{len(documents)} documents is more than the limit of {max_sources}; "
            "pass fewer, or raise max_sources"
        )

    drafts = []
    notices: list[Notice] = []
    for n, doc in enumerate(documents, start=1):
        draft, noticed = cleaned(_document_draft(doc, n), f"documents[{n - 1}]")
        drafts.append(draft)
        notices += noticed
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
    renamed = unique_names([drafts[i].id for i in ordered])
    ids = [""] * len(drafts)
    for i, new in zip(ordered, renamed, strict=True):
        ids[i] = new
    return [d.to_source(new_id) for d, new_id in zip(drafts, ids, strict=True)], notices


def _document_draft(doc: object, n: int) -> Draft:
    """The draft of ``documents[n - 1]``: a ``str``, a :class:`Source`, or a mapping with ``text``."""
    where = f"documents[{n - 1}]"
    if isinstance(doc, Source):
        if not isinstance(doc.text, str) or not isinstance(doc.id, str) or not doc.id:
            raise InputError(f"{where}: a Source needs a non-empty str id and str text")
        for field in ("path", "title", "url", "date"):
            if not isinstance(getattr(doc, field), (str, type(None))):
                raise InputError(f"{where}: a Source's {field} must be a str or None")
        return Draft(doc.id, True, doc.text, doc.path, doc.title, doc.url, doc.date, doc)
    if isinstance(doc, str):
        return Draft(f"doc{n}", False, doc, None)
    if isinstance(doc, Mapping):
        fields = document_fields(doc, where, InputError)
        explicit = fields.id is not None
        path = optional_str(doc.get("path"), "path", where, InputError)
        return Draft(fields.id or f"doc{n}", explicit, fields.text, path, fields.title, fields.url, fields.date)
    raise InputError(
        f"{where} is a {type(doc).__name__}; pass str, Source, or a mapping with 'text'"
        + (" (decode bytes first)" if isinstance(doc, (bytes, bytearray)) else "")
    )


def _name(raw: object) -> str:
    if not isinstance(raw, (str, os.PathLike)):
        raise InputError(f"paths must be str or os.PathLike, not {type(raw).__name__}")
    name = os.fspath(raw)
    if not isinstance(name, str):
        raise InputError(f"{name!r}: paths must be text, not bytes")
    return name
def _listed(values: Any, name: str, items: str) -> list[Any]:
    """``values`` as a list, for any ordered iterable; anything else is an :class:`InputError`."""
    if isinstance(values, (set, frozenset)):
        raise InputError(f"{name} must be an ordered list, not a set (a set's order changes from run to run)")
    try:
        return list(values)
    except TypeError:
        raise InputError(f"{name} must be a list of {items}, not {type(values).__name__}") from None
