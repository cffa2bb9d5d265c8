"""Bytes to text: byte-order marks, binary sniffing, UTF-8, and encoding guesses.

UTF-8 first.  Bytes that are not UTF-8 are decoded with a detected encoding
and a notice naming the file and the encoding; detection prefers cp1252 (the
usual non-UTF-8 encoding of Western text) when it fits, because
charset-normalizer alone guesses badly on short Western text.  Bytes that are
mostly UTF-8 with a few stray bytes read those bytes as cp1252.  Nothing here
raises ``UnicodeDecodeError``: the last resort is ``errors="replace"`` with a
notice.  Binary data (a PDF, a PNG, NUL bytes, mostly control characters)
raises :class:`NotText`, and the caller decides whether that is an error (a
file named explicitly) or a skip (a file found in a directory).
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from ..brief import Notice

__all__ = ["NotText", "check_is_text", "decode", "replace_surrogates"]

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


class NotText(Exception):
    """The bytes are not text; the caller decides error or skip."""


def decode(data: bytes, name: str) -> tuple[str, Notice | None]:
    """Decode bytes to text; return the text and a notice (or ``None``).

    Raises :class:`NotText` for binary data.  Never raises a decode error.
    """
    with_bom = _decode_with_bom(data, name)
    if with_bom is not None:
        return with_bom

    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise NotText(f"looks like {what}")
    if b"\x00" in data:
        raise NotText("contains NUL bytes (binary data, or UTF-16 without a byte-order mark)")

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        check_is_text(text)
        return text, None
    return _decode_not_utf8(data, name)


def _decode_with_bom(data: bytes, name: str) -> tuple[str, Notice | None] | None:
    """Decode by the byte-order mark, or ``None`` when there is none."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            note: Notice | None
            try:
                text = data.decode(codec)  # these codecs drop the mark itself
                note = (
                    None
                    if label == "UTF-8"
                    else Notice("encoding-bom", f"{name}: not UTF-8; decoded as {label} (byte-order mark)")
                )
            except UnicodeDecodeError:
                text = data.decode(codec, "replace")
                note = Notice("encoding-bom-invalid", f"{name}: invalid {label} bytes replaced with U+FFFD")
            check_is_text(text)
            return text, note
    return None


def _decode_not_utf8(data: bytes, name: str) -> tuple[str, Notice]:
    """Bytes that are not valid UTF-8: mixed encodings, a guessed one, or replacement."""
    replaced = data.decode("utf-8", "replace")
    invalid = replaced.count("\ufffd") - data.count("\ufffd".encode())
    valid_multibyte = sum(1 for ch in replaced if ch > "\x7f") - replaced.count("\ufffd")
    if valid_multibyte > 0:  # real cp1252 text almost never holds a valid UTF-8 sequence
        text = data.decode("utf-8", _FALLBACK_HANDLER)
        note = Notice(
            "encoding-mixed",
            f"{name}: mixed encodings: decoded as UTF-8, "
            f"{invalid} stretch(es) of non-UTF-8 bytes read as cp1252",
        )
        check_is_text(text)
        return text, note

    encoding = _guess_encoding(data)
    if encoding is None:
        check_is_text(replaced)
        return replaced, Notice(
            "encoding-unknown", f"{name}: not UTF-8 and encoding unknown; undecodable bytes replaced with U+FFFD"
        )
    try:
        text = data.decode(encoding)
        note = Notice("encoding-guessed", f"{name}: not UTF-8; decoded as {encoding}")
    except (UnicodeDecodeError, LookupError):
        text = data.decode(encoding, "replace")
        note = Notice(
            "encoding-guessed-replaced",
            f"{name}: not UTF-8; decoded as {encoding}, undecodable bytes replaced with U+FFFD",
        )
    check_is_text(text)
    return text, note


_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_surrogates(text: str) -> tuple[str, int]:
    """``text`` with every lone surrogate replaced by U+FFFD, and how many there were.

    Bytes never decode to surrogates here, but a JSON escape (``"\\ud800"``), a
    text stream or a library caller can hand one over, and no UTF-8 output can
    hold it.  One character for one, so offsets into the text stay the same.
    """
    if not _SURROGATE.search(text):
        return text, 0
    return _SURROGATE.subn("\ufffd", text)


def check_is_text(text: str) -> None:
    """Raise :class:`NotText` when too many characters are controls or U+FFFD.

    Whitespace controls (tab, newlines, NEL, form feed...) are text.
    """
    if "\x00" in text:
        raise NotText("contains NUL characters")
    sample = text[:65536]
    if not sample:
        return
    bad = sum(1 for ch in sample if ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and not ch.isspace()))
    if bad / len(sample) > _MAX_CONTROL_SHARE:
        raise NotText("is mostly non-text bytes")


# -- guessing an encoding ---------------------------------------------------


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


# -- the cp1252 fallback for stray bytes ------------------------------------


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


# The handler's name predates the package split; it stays, since a codec
# error handler is registered process-wide by name.
_FALLBACK_HANDLER = "summarize.sources.cp1252"
codecs.register_error(_FALLBACK_HANDLER, _cp1252_fallback)
