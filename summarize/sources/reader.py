"""Walking the inputs: paths, directories, stdin, and reading each within its byte limit.

The rule of thumb: what was named explicitly must be readable (an error
otherwise); what a directory listing turned up may be skipped with a notice
(a stray PNG next to the articles).  A directory is read one level deep.  A
file named twice (or also found in a named directory) is read once: files
are told apart by device and inode, not by name.  Sizes are limits, not
hints: no input is read past its limit, so a 100 MB file costs one ``stat``
or one bounded read, and too large is an error, never a truncation.

Once read and decoded, the text goes to the adder of its kind: plain text
becomes one draft here, HTML goes to :mod:`.html`, JSON/JSONL to
:mod:`.records`.  Input whose kind the suffix does not tell (stdin, a file
with another suffix) is sniffed by its first characters.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from ..errors import InputError, SourceError
from ..untrusted import printable
from .decode import NotText, check_is_text, decode
from .drafts import Collector, Draft
from .feeds import looks_like_feed
from .fetch import other_scheme
from .html import add_html, looks_like_html
from .naming import count, preview, size
from .records import add_records, parse_json_records
from .web import Web

__all__ = ["TEXT_SUFFIXES", "Reader", "read_bounded"]

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


class Reader:
    """Reads the paths and stdin of one call into a :class:`Collector`.

    Holds what must be remembered across paths: the files already read and
    whether stdin was.  ``web`` reads the URLs that a feed file links to.
    """

    def __init__(self, collector: Collector, *, max_bytes: int, web: Web) -> None:
        self.collector = collector
        self.max_bytes = max_bytes
        self.web = web
        self.seen_files: set[tuple[int, int]] = set()
        self.stdin_used = False

    # -- paths -------------------------------------------------------------

    def read_path(self, name: str) -> None:
        scheme = other_scheme(name)
        if scheme is not None:
            raise SourceError(f"{name}: only http and https URLs are fetched, not {scheme}:; give a file as a path")
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
        listing = _list_directory(name)
        listing.warn_skipped(self.collector, name)
        if not listing.files:
            raise SourceError(f"{name}: directory has no {_SUFFIX_LIST} files")
        limit = self.collector.max_sources
        if len(listing.files) > limit:
            raise InputError(
                f"{name}: {len(listing.files)} files is more than the limit of {limit} sources; "
                "summarize fewer documents, or raise the limit (max_sources, --max-sources)"
            )
        for path, st in listing.files:
            self.read_file(path, st, from_directory=True)

    def read_file(self, name: str, st: os.stat_result, *, from_directory: bool) -> None:
        key = (st.st_dev, st.st_ino)
        if key in self.seen_files:
            self.collector.warn("read-once", name, "given more than once; read once")
            return
        self.seen_files.add(key)
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(name, st)  # a FIFO or a terminal could block forever
        if st.st_size > self.max_bytes:
            raise self.too_large(name, st.st_size)  # refused without reading a byte
        data = self._read_regular(name)
        if len(data) > self.max_bytes:
            raise self.too_large(name, None)
        kind = TEXT_SUFFIXES.get(Path(name).suffix.lower(), "sniff")
        stem = printable(Path(name).stem or name)
        self.add_bytes(data, name=name, path=name, stem=stem, kind=kind, from_directory=from_directory)

    def _read_regular(self, name: str) -> bytes:
        """Read a file that was a regular file when listed, never blocking if it has become something else.

        Opened without blocking (a FIFO swapped in opens at once), then
        checked again on the open descriptor, so what is read is what was checked.
        """
        try:
            fd = os.open(name, os.O_RDONLY | _NONBLOCK | getattr(os, "O_NOCTTY", 0))
        except PermissionError:
            raise SourceError(f"{name}: permission denied") from None
        except OSError as exc:
            raise SourceError(f"{name}: cannot read ({exc.strerror or exc})") from None
        with os.fdopen(fd, "rb") as handle:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise _not_regular(name, st)
            try:
                data = read_bounded(handle, self.max_bytes)
            except OSError as exc:
                raise SourceError(f"{name}: cannot read ({exc.strerror or exc})") from None
        assert isinstance(data, bytes)
        return data

    # -- stdin -------------------------------------------------------------

    def read_stdin(self, stream: TextIO | BinaryIO | None) -> None:
        if self.stdin_used:
            raise InputError("- (stdin) can be given only once")
        self.stdin_used = True
        data = self._read_stdin_data(stream)
        if isinstance(data, str):
            self._add_decoded_stdin(data)
        else:
            if len(data) > self.max_bytes:
                raise self.too_large("stdin", None)
            self.add_bytes(data, name="stdin", path="-", stem="stdin", kind="sniff", from_directory=False)

    def _read_stdin_data(self, stream: TextIO | BinaryIO | None) -> bytes | str:
        if stream is None:
            stream = sys.stdin
            if stream is None:
                raise InputError("stdin: there is no stdin to read (it is closed)")
            # Read bytes so that decoding follows the same rules as files,
            # whatever locale Python chose for sys.stdin.
            stream = getattr(stream, "buffer", stream)
        if not callable(getattr(stream, "read", None)):
            raise InputError(f"stdin must be a readable stream, not {type(stream).__name__}")
        try:
            data = read_bounded(stream, self.max_bytes)
        except OSError as exc:
            raise SourceError(f"stdin: cannot read ({exc.strerror or exc})") from None
        except ValueError:  # a closed stream
            raise InputError("stdin: there is no stdin to read (it is closed)") from None
        if not isinstance(data, (bytes, str)):
            raise InputError(f"stdin must give bytes or text, not {type(data).__name__}")
        return data

    def _add_decoded_stdin(self, data: str) -> None:
        """A text stream is taken as already decoded: only a byte-order mark is dropped."""
        if len(data) > self.max_bytes or len(data.encode("utf-8", "surrogatepass")) > self.max_bytes:
            raise self.too_large("stdin", None)
        text = data[1:] if data.startswith("\ufeff") else data
        try:
            check_is_text(text)
        except NotText as exc:
            raise SourceError(f"stdin: {exc}; not text") from None
        self.add_text(text, name="stdin", path="-", stem="stdin", kind="sniff", from_directory=False)

    # -- content -----------------------------------------------------------

    def add_bytes(self, data: bytes, *, name: str, path: str, stem: str, kind: str, from_directory: bool) -> None:
        try:
            text, note = decode(data, name)
        except NotText as exc:
            if from_directory:
                self.collector.warn("binary-skipped", name, f"skipped: {exc}, not text")
                return
            raise SourceError(f"{name}: {exc}, not text; convert it to text first") from None
        if note:
            self.collector.note(note)
        self.add_text(text, name=name, path=path, stem=stem, kind=kind, from_directory=from_directory)

    def add_text(self, text: str, *, name: str, path: str, stem: str, kind: str, from_directory: bool) -> None:
        if not text.strip():
            if not text:
                self.collector.warn("empty-skipped", name, "empty; skipped")
            else:
                self.collector.warn("blank-skipped", name, "only whitespace; skipped")
            return
        if kind == "sniff":
            kind = self.sniff(text, name)
        if kind == "text":
            self.collector.add(Draft(stem, False, text, path))
        elif kind == "html":
            add_html(self.collector, text, name=name, path=path, stem=stem, max_bytes=self.max_bytes)
        elif kind == "feed":
            self.web.add_feed(self.collector, text, name=name, base_url=None, path=path)
        else:
            records = parse_json_records(text, name, jsonl=kind == "jsonl")
            add_records(self.collector, records, name=name, path=path, stem=stem)

    def sniff(self, text: str, name: str) -> str:
        """Tell JSON, JSONL, feeds, HTML and plain text apart by their first characters."""
        head = text.lstrip()
        if head.startswith("<") and looks_like_feed(head[:4096]):
            return "feed"
        if head.startswith("{"):
            return "json"  # plain text never starts with "{"; a parse error is reported
        if head.startswith("["):
            # "[1] Reuters reported..." is text; only a list of documents is JSON.
            try:
                records = parse_json_records(text, name, jsonl=False)
            except SourceError as exc:
                message = f"starts like JSON but is not ({exc}); read as plain text"
                self.collector.warn("bad-json-as-text", name, message)
                return "text"
            if all(isinstance(r.value, (str, Mapping)) for r in records):
                return "json"
            self.collector.warn("json-not-documents", name, "is JSON but not a list of documents; read as plain text")
            return "text"
        if head.startswith("<") and looks_like_html(head[:4096]):
            return "html"
        return "text"

    def too_large(self, name: str, size_: int | None) -> SourceError:
        actual = f" ({size(size_)})" if size_ is not None else ""
        return SourceError(
            f"{name}: larger than the {size(self.max_bytes)} limit for one input{actual}; "
            "split it, or raise the limit (max_bytes, --max-bytes)"
        )


@dataclass
class _Listing:
    """A directory's entries by what becomes of them, each list sorted by name."""

    files: list[tuple[str, os.stat_result]] = field(default_factory=list)
    other_kinds: list[str] = field(default_factory=list)
    subdirectories: list[str] = field(default_factory=list)
    special: list[str] = field(default_factory=list)

    def warn_skipped(self, collector: Collector, name: str) -> None:
        """One notice per kind of skipped entry, naming the first few."""
        if self.other_kinds:
            kinds = f"{count(self.other_kinds, 'file')} not ending in {_SUFFIX_LIST}"
            collector.warn("skipped-kind", name, f"skipped {kinds}: {preview(self.other_kinds)}")
        if self.subdirectories:
            collector.warn(
                "skipped-subdirectory",
                name,
                f"skipped {count(self.subdirectories, 'subdirectory', 'subdirectories')} "
                f"(directories are read one level deep; name one to include it): {preview(self.subdirectories)}",
            )
        if self.special:
            entries = count(self.special, "entry", "entries")
            message = f"skipped {entries} that are not regular files: {preview(self.special)}"
            collector.warn("not-regular-file", name, message)


_NONBLOCK = getattr(os, "O_NONBLOCK", 0)

_FILE_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_regular(name: str, st: os.stat_result) -> SourceError:
    kind = next((label for test, label in _FILE_KINDS if test(st.st_mode)), "a special file")
    return SourceError(
        f"{name}: {kind}, not a regular file; reading it could wait forever: save it to a file, or pipe it to - (stdin)"
    )


def _list_directory(name: str) -> _Listing:
    """Sort a directory's entries into files to read and entries to skip; hidden ones vanish silently."""
    try:
        entries = sorted(os.scandir(name), key=lambda e: e.name)
    except PermissionError:
        raise SourceError(f"{name}: permission denied") from None
    except OSError as exc:
        raise SourceError(f"{name}: cannot list directory ({exc.strerror or exc})") from None

    listing = _Listing()
    for entry in entries:
        if entry.name.startswith("."):
            continue  # hidden: .DS_Store, .git, editor swap files
        path = os.path.join(name, entry.name)
        try:
            st = os.stat(path)
        except OSError:
            listing.special.append(entry.name)  # broken symlink, vanished file
            continue
        if stat.S_ISDIR(st.st_mode):
            listing.subdirectories.append(entry.name)
        elif not stat.S_ISREG(st.st_mode):
            listing.special.append(entry.name)  # FIFO, socket, device: reading could block
        elif Path(entry.name).suffix.lower() in TEXT_SUFFIXES:
            listing.files.append((path, st))
        else:
            listing.other_kinds.append(entry.name)
    return listing


_CHUNK = 1 << 20
"""Bytes asked of a stream at a time: a limit of any size never becomes one huge allocation."""


def read_bounded(stream: BinaryIO | TextIO, limit: int) -> bytes | str:
    """Read at most ``limit + 1`` bytes (or characters): enough to tell "too large".

    Loops because a pipe or raw stream may return short reads before EOF, and
    reads in chunks so that a huge limit costs only what the input holds.
    """
    chunks: list[Any] = []
    total = 0
    while total <= limit:
        chunk = stream.read(min(limit + 1 - total, _CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if not chunks:
        return b""
    return chunks[0][:0].join(chunks)
