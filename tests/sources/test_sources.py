"""Tests for summarize.sources: what each kind of input becomes, and what bad input does.

Every bad input has one defined outcome (a typed exception naming the path,
or a warning); these tests pin each one down.
"""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarize.brief import Notice, Source
from summarize.errors import InputError, SourceError
from summarize.sources import MAX_SOURCE_BYTES, MAX_SOURCES, as_sources, read_sources

DATA = Path(__file__).resolve().parents[1] / "data" / "sources"

LATIN = (
    "Les négociations à Londres ont repris mardi pour une deuxième journée; "
    "« très bien », a déclaré le secrétaire. Les délégations se sont réunies à Lancaster House.\n"
)
CYRILLIC = (
    "Переговоры в Лондоне продолжились во вторник. Министр торговли заявил, что "
    "переговоры идут хорошо, и стороны ищут компромисс по экспортному контролю.\n"
)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def read(*paths: object, **kwargs: object) -> tuple[list[Source], list[Notice]]:
    return read_sources([str(p) for p in paths], **kwargs)  # type: ignore[arg-type]


def codes(warnings: list[Notice]) -> list[str]:
    return [w.code for w in warnings]


def one_line(exc: pytest.ExceptionInfo[BaseException]) -> str:
    message = str(exc.value)
    assert "\n" not in message, "messages are one line"
    return message


class CountingStream(io.RawIOBase):
    """An endless byte stream that records how much was read from it."""

    def __init__(self, byte: bytes = b"a") -> None:
        self.byte = byte
        self.read_total = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        n = min(len(buffer), 65536)
        buffer[:n] = self.byte * n
        self.read_total += n
        return n


# ---------------------------------------------------------------------------
# Plain text: Source.text is the file's text, exactly
# ---------------------------------------------------------------------------


def test_plain_text_is_kept_exactly(tmp_path: Path) -> None:
    raw = "  Leading spaces.\r\nWindows line.\r\nOld Mac line.\rTab\there.\n\n\nTrailing spaces.   \n\n"
    path = write(tmp_path / "story.txt", raw)
    sources, warnings = read(path)
    assert warnings == []
    [source] = sources
    assert source == Source(id="story", text=raw, path=str(path))
    # The provenance invariant: spans of Source.text are spans of the file's text.
    with open(path, encoding="utf-8", newline="") as f:
        file_text = f.read()
    assert source.text == file_text
    start = raw.index("Windows")
    assert file_text[start : start + 13] == source.text[start : start + 13] == "Windows line."


def test_markdown_is_kept_exactly(tmp_path: Path) -> None:
    sources, warnings = read(DATA / "report.md")
    assert warnings == []
    assert sources[0].id == "report"
    assert sources[0].text == (DATA / "report.md").read_text(encoding="utf-8")
    assert sources[0].text.startswith("# Talks in London\n")


def test_suffix_is_case_insensitive(tmp_path: Path) -> None:
    write(tmp_path / "A.TXT", "Upper-case suffix.")
    write(tmp_path / "b.Md", "Mixed-case suffix.")
    sources, warnings = read(tmp_path)
    assert [s.id for s in sources] == ["A", "b"]
    assert warnings == []


def test_unknown_suffix_named_explicitly_is_read_as_text(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.rst", "Some notes about the talks.\n")
    sources, warnings = read(path)
    assert sources[0].text == "Some notes about the talks.\n"
    assert sources[0].id == "notes"
    assert warnings == []


def test_paths_may_be_pathlike_and_any_iterable(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Text.")
    sources, _ = read_sources([path])
    assert sources[0].path == str(path)
    sources, _ = read_sources(p for p in (str(path),))  # type: ignore[arg-type]
    assert sources[0].id == "a"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\r\n\t \x85"), min_size=1))
def test_any_utf8_text_round_trips(text: str) -> None:
    if not text.strip() or text.startswith("\ufeff"):
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.txt"
        path.write_bytes(text.encode("utf-8"))
        sources, warnings = read_sources([str(path)])
    assert sources[0].text == text
    assert warnings == []


# ---------------------------------------------------------------------------
# Encodings
# ---------------------------------------------------------------------------


def test_utf8_bom_is_not_part_of_the_text(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + "Caf\u00e9 talks.\r\n".encode())
    sources, warnings = read(path)
    assert sources[0].text == "Caf\u00e9 talks.\r\n"
    with open(path, encoding="utf-8-sig", newline="") as f:
        assert sources[0].text == f.read()
    assert warnings == []


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_western_single_byte_encodings(tmp_path: Path, encoding: str) -> None:
    text = LATIN + ("Il a payé 5 € – « cher »." if encoding == "cp1252" else "")
    path = write(tmp_path / "fr.txt", text.encode(encoding))
    sources, warnings = read(path)
    assert sources[0].text == text
    assert warnings == [Notice("encoding-guessed", f"{path}: not UTF-8; decoded as cp1252")]


def test_short_latin1_text_is_not_misread(tmp_path: Path) -> None:
    # charset-normalizer alone calls this cp1250 or shift_jis; cp1252 is preferred.
    for i, text in enumerate(["Café déjà vu à Genève, naïve façade.", "Ein Satz mit Ümläuten über Größe."]):
        path = write(tmp_path / f"short{i}.txt", text.encode("latin-1"))
        sources, _ = read(path)
        assert sources[0].text == text


def test_a_clearly_better_code_page_beats_cp1252(tmp_path: Path) -> None:
    turkish = (
        "Türkiye ile Çin arasındaki görüşmeler Londra'da ikinci gününde devam etti. "
        "Ticaret Bakanı, görüşmelerin iyi geçtiğini söyledi. Taraflar ihracat kontrolleri "
        "konusunda bir uzlaşma arıyor; şimdiye kadar önemli bir ilerleme kaydedilmedi.\n"
    ) * 3
    path = write(tmp_path / "tr.txt", turkish.encode("cp1254"))
    sources, warnings = read(path)
    assert sources[0].text == turkish
    assert codes(warnings) == ["encoding-guessed"] and "cp1254" in warnings[0].message


def test_cyrillic_code_page_is_detected(tmp_path: Path) -> None:
    path = write(tmp_path / "ru.txt", CYRILLIC.encode("cp1251"))
    sources, warnings = read(path)
    assert sources[0].text == CYRILLIC
    assert codes(warnings) == ["encoding-guessed"]
    assert "cp1251" in warnings[0].message and str(path) in warnings[0].message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path: Path, encoding: str) -> None:
    text = "Talks in London \u2013 day two.\r\nCaf\u00e9.\n"
    data = text.encode(encoding)
    if encoding == "utf-16-le":
        data = b"\xff\xfe" + data
    elif encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path = write(tmp_path / "wide.txt", data)
    sources, warnings = read(path)
    assert sources[0].text == text
    label = "UTF-32" if encoding == "utf-32" else "UTF-16"
    assert warnings == [Notice("encoding-bom", f"{path}: not UTF-8; decoded as {label} (byte-order mark)")]


def test_utf16_without_bom_is_refused_with_a_hint(tmp_path: Path) -> None:
    path = write(tmp_path / "wide.txt", "No byte-order mark here.".encode("utf-16-le"))
    with pytest.raises(SourceError) as exc:
        read(path)
    assert str(path) in one_line(exc) and "UTF-16" in str(exc.value)


def test_mixed_encodings_keep_the_utf8_and_read_stray_bytes_as_cp1252(tmp_path: Path) -> None:
    data = "Ünïcödé – UTF-8 part. ".encode() + "Stray café.".encode("latin-1") + " More “UTF-8”.".encode()
    path = write(tmp_path / "mixed.txt", data)
    sources, warnings = read(path)
    assert sources[0].text == "Ünïcödé – UTF-8 part. Stray café. More “UTF-8”."
    assert warnings == [
        Notice(
            "encoding-mixed",
            f"{path}: mixed encodings: decoded as UTF-8, 1 stretch(es) of non-UTF-8 bytes read as cp1252",
        )
    ]


def test_unknown_encoding_falls_back_to_replacement_with_a_warning(tmp_path: Path) -> None:
    # charset-normalizer finds no encoding for this; the last resort is U+FFFD.
    data = bytes(range(0x80, 0x100)) + b" words" * 300
    path = write(tmp_path / "odd.txt", data)
    sources, warnings = read(path)
    assert sources[0].text == data.decode("utf-8", "replace")
    assert warnings == [
        Notice("encoding-unknown", f"{path}: not UTF-8 and encoding unknown; undecodable bytes replaced with U+FFFD")
    ]


def test_mostly_undecodable_bytes_are_not_text(tmp_path: Path) -> None:
    path = write(tmp_path / "odd.txt", bytes(range(0x80, 0x100)) * 4 + b" a few words " * 3)
    with pytest.raises(SourceError) as exc:
        read(path)
    assert str(path) in one_line(exc) and "non-text" in str(exc.value)


def test_every_warning_code_is_in_the_package_docstring_table() -> None:
    import summarize.sources as package

    documented = set(re.findall(r"^``([a-z-]+)``  ", package.__doc__ or "", re.MULTILINE))
    code = "\n".join(f.read_text(encoding="utf-8") for f in Path(package.__file__).parent.glob("*.py"))
    used = set(re.findall(r"""(?:Notice\(|\.warn\(|FetchFailed\()\s*"([a-z-]+)",""", code))
    assert used and used == documented


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_sources_or_a_typed_error(data: bytes) -> None:
    try:
        sources, warnings = read_sources(["-"], stdin=io.BytesIO(data))
    except InputError as exc:  # SourceError is an InputError
        assert "\n" not in str(exc)
    else:
        assert sources and all(s.text.strip() for s in sources)
        assert all(isinstance(w, Notice) and re.fullmatch(r"[a-z]+(-[a-z]+)*", w.code) for w in warnings)
        assert all(w.message.startswith("stdin: ") and str(w) == w.message for w in warnings)


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------


def test_html_main_text_and_metadata() -> None:
    sources, warnings = read(DATA / "article.html")
    assert warnings == []
    [source] = sources
    assert source.id == "article"
    assert "second day in London" in source.text
    assert "no joint statement" in source.text
    for leak in ("SCRIPT_LEAK", "INLINE_SCRIPT_LEAK", "STYLE_LEAK", "font-family", "color: grey", "<p>"):
        assert leak not in source.text
    assert "Business" not in source.text  # navigation is boilerplate
    assert source.title == "Trade talks resume in London"
    assert source.date == "2025-06-10"
    assert source.url == "https://news.example.com/2025/06/10/trade-talks-london"


def test_short_html_falls_back_to_visible_text_without_scripts(tmp_path: Path) -> None:
    path = write(
        tmp_path / "tiny.htm",
        "<html><head><script>var x = 'SCRIPT';</script><style>p{}</style></head>"
        "<body><p>Short page.</p></body></html>",
    )
    sources, warnings = read(path)
    assert sources[0].text.strip() == "Short page."
    assert warnings == []


def test_html_without_main_text_falls_back_with_a_warning(tmp_path: Path) -> None:
    html = '<html><body><div class="comments">Only a comment section.</div></body></html>'
    path = write(tmp_path / "comments.html", html)
    sources, warnings = read(path)
    assert sources[0].text.strip() == "Only a comment section."
    assert warnings == [Notice("html-fallback", f"{path}: no main article text found; used all visible text")]


def test_html_without_text_is_skipped_with_a_warning(tmp_path: Path) -> None:
    empty = write(tmp_path / "empty.html", "<html><head><script>var x = 1;</script></head><body></body></html>")
    ok = write(tmp_path / "ok.txt", "Real text.")
    sources, warnings = read(empty, ok)
    assert [s.id for s in sources] == ["ok"]
    assert warnings == [Notice("html-empty", f"{empty}: no text in the HTML; skipped")]


def test_non_utf8_html(tmp_path: Path) -> None:
    html = f"<html><head><title>Talks</title></head><body><article><p>{LATIN * 3}</p></article></body></html>"
    path = write(tmp_path / "fr.html", html.encode("cp1252"))
    sources, warnings = read(path)
    assert "négociations à Londres" in sources[0].text
    assert any(w.code == "encoding-guessed" and "cp1252" in w.message for w in warnings)


# ---------------------------------------------------------------------------
# JSON and JSONL
# ---------------------------------------------------------------------------


def test_json_list_of_documents() -> None:
    sources, warnings = read(DATA / "docs.json")
    assert warnings == []
    assert [s.id for s in sources] == ["a", "doc2", "doc3"]
    assert sources[0] == Source(
        id="a",
        text="Talks went on for a second day.",
        path=str(DATA / "docs.json"),
        title="First report",
        url="https://example.com/a",
        date="2025-06-10",
    )
    assert sources[2].text == "A bare string document."


def test_json_single_object_keeps_text_exactly(tmp_path: Path) -> None:
    text = "  Line one.\r\nLine two.  \n"
    path = write(tmp_path / "one.json", json.dumps({"id": 7, "title": "T", "date": 20250610, "text": text}))
    sources, _ = read(path)
    assert sources[0].id == "7" and sources[0].text == text and sources[0].date == "20250610"


def test_json_object_without_id_is_named_after_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / "wire-report.json", json.dumps({"text": "Body."}))
    assert read(path)[0][0].id == "wire-report"


def test_malformed_json_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.json", '[\n  {"text": "fine"},\n  {"text": "missing quote}\n]')
    with pytest.raises(SourceError) as exc:
        read(path)
    assert str(path) in one_line(exc) and "line 3" in str(exc.value)


@pytest.mark.parametrize(
    ("payload", "needle"),
    [
        ({"title": "no text"}, "'text'"),
        ({"text": 42}, "'text' must be a string"),
        ({"text": "x", "id": ["a"]}, "'id'"),
        ({"text": "x", "title": {"a": 1}}, "'title'"),
        ([1, 2], "a number"),
    ],
)
def test_invalid_json_documents(tmp_path: Path, payload: object, needle: str) -> None:
    path = write(tmp_path / "bad.json", json.dumps(payload))
    with pytest.raises(SourceError) as exc:
        read(path)
    assert str(path) in one_line(exc) and needle in str(exc.value)


def test_json_document_with_empty_text_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "d.json", json.dumps([{"id": "e", "text": "  "}, {"id": "f", "text": "Full."}]))
    sources, warnings = read(path)
    assert [s.id for s in sources] == ["f"]
    assert warnings == [Notice("document-empty", f"{path}: document 'e' (item 1) has no text; skipped")]


def test_empty_json_list_is_a_warning(tmp_path: Path) -> None:
    empty = write(tmp_path / "none.json", "[]")
    with pytest.raises(InputError, match="no source has any text"):
        read(empty)
    sources, warnings = read(empty, write(tmp_path / "a.txt", "Text."))
    assert len(sources) == 1 and warnings == [Notice("no-documents", f"{empty}: holds no documents; skipped")]


def test_jsonl_with_several_clusters_needs_a_choice() -> None:
    with pytest.raises(InputError) as exc:
        read(DATA / "clusters.jsonl")
    message = one_line(exc)
    assert not isinstance(exc.value, SourceError)
    assert "2 clusters" in message and "talks" in message and "storm" in message and "cluster" in message


def test_jsonl_cluster_selector() -> None:
    sources, warnings = read(DATA / "clusters.jsonl", cluster="storm")
    assert warnings == []
    assert [s.id for s in sources] == ["doc1", "doc2"]
    assert sources[1].url == "https://example.org/storm"
    sources, _ = read(DATA / "clusters.jsonl", cluster="talks")
    assert [s.id for s in sources] == ["wire", "doc2"]
    assert sources[0].title == "Talks resume" and sources[0].date == "2025-06-10"


def test_unknown_cluster_is_an_error_listing_the_clusters() -> None:
    with pytest.raises(SourceError) as exc:
        read(DATA / "clusters.jsonl", cluster="nope")
    assert "nope" in one_line(exc) and "talks, storm" in str(exc.value)


def test_clusters_without_ids_are_chosen_by_position(tmp_path: Path) -> None:
    lines = [json.dumps({"documents": ["First cluster."]}), json.dumps({"documents": ["Second cluster."]})]
    path = write(tmp_path / "c.jsonl", "\n".join(lines) + "\n")
    sources, _ = read(path, cluster="2")
    assert [s.text for s in sources] == ["Second cluster."]


def test_jsonl_with_one_cluster_needs_no_choice(tmp_path: Path) -> None:
    cluster = {"id": "x", "documents": ["One.", {"id": "b", "text": "Two."}]}
    path = write(tmp_path / "c.jsonl", json.dumps(cluster) + "\n")
    sources, _ = read(path)
    assert [(s.id, s.text) for s in sources] == [("doc1", "One."), ("b", "Two.")]


def test_cluster_asked_for_but_no_clusters_given(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no input holds clusters"):
        read(write(tmp_path / "a.txt", "Text."), cluster="x")


def test_jsonl_of_single_documents(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "r1", "text": "One."}), "", json.dumps({"text": "Two."}), json.dumps("Three.")]
    path = write(tmp_path / "docs.jsonl", "\n".join(lines))
    sources, _ = read(path)
    assert [(s.id, s.text) for s in sources] == [("r1", "One."), ("doc2", "Two."), ("doc3", "Three.")]


def test_jsonl_mixing_clusters_and_documents_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "mix.jsonl", json.dumps({"text": "Doc."}) + "\n" + json.dumps({"documents": ["x"]}) + "\n")
    with pytest.raises(SourceError) as exc:
        read(path)
    assert str(path) in one_line(exc) and "line 2" in str(exc.value)


def test_cluster_documents_must_be_a_list(tmp_path: Path) -> None:
    path = write(tmp_path / "c.jsonl", json.dumps({"id": "x", "documents": "not a list"}) + "\n")
    with pytest.raises(SourceError) as exc:
        read(path)
    assert str(path) in one_line(exc) and "'documents' must be a list" in str(exc.value)


def test_malformed_jsonl_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.jsonl", json.dumps({"text": "Fine."}) + "\n{not json}\n")
    with pytest.raises(SourceError) as exc:
        read(path)
    assert str(path) in one_line(exc) and "line 2" in str(exc.value)


def test_json_suffix_holding_jsonl_and_jsonl_suffix_holding_json(tmp_path: Path) -> None:
    a = write(tmp_path / "a.json", json.dumps({"id": "x", "text": "X."}) + "\n" + json.dumps({"id": "y", "text": "Y."}))
    b = write(tmp_path / "b.jsonl", json.dumps({"id": "z", "text": "Z."}, indent=2))
    sources, _ = read(a, b)
    assert [s.id for s in sources] == ["x", "y", "z"]


# ---------------------------------------------------------------------------
# Directories
# ---------------------------------------------------------------------------


def test_directory_is_read_sorted_and_one_level_deep(tmp_path: Path) -> None:
    folder = tmp_path / "cluster"
    write(folder / "b.txt", "Second.")
    write(folder / "a.md", "First.")
    write(folder / "c.html", "<html><body><article><p>Third, from HTML.</p></article></body></html>")
    write(folder / ".hidden.txt", "Hidden, skipped silently.")
    write(folder / ".DS_Store", b"\x00\x01")
    write(folder / "photo.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(folder / "notes.docx", b"PK\x03\x04\x00")
    write(folder / "sub" / "deeper.txt", "Not read: one level deep.")
    sources, warnings = read(folder)
    assert [s.id for s in sources] == ["a", "b", "c"]
    assert sources[0].path == str(folder / "a.md")
    assert codes(warnings) == ["skipped-kind", "skipped-subdirectory"]
    assert warnings[0].message == (
        f"{folder}: skipped 2 files not ending in .txt, .md, .html, .htm, .json, .jsonl: notes.docx, photo.png"
    )
    assert "sub" in warnings[1].message and "one level" in warnings[1].message
    joined = "\n".join(map(str, warnings))
    assert "hidden" not in joined.lower() and ".DS_Store" not in joined
    assert all(w.message.startswith(str(folder)) for w in warnings)


def test_binary_and_empty_files_in_a_directory_are_skipped_with_warnings(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Real text.")
    write(tmp_path / "b.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    write(tmp_path / "c.txt", b"abc\x00def")
    write(tmp_path / "d.txt", "")
    write(tmp_path / "e.md", " \n\t\r\n")
    sources, warnings = read(tmp_path)
    assert [s.id for s in sources] == ["a"]
    assert codes(warnings) == ["binary-skipped", "binary-skipped", "empty-skipped", "blank-skipped"]
    assert warnings[0].message == f"{tmp_path / 'b.txt'}: skipped: looks like a PDF file, not text"
    assert "NUL" in warnings[1].message and "c.txt" in warnings[1].message
    assert warnings[2].message == f"{tmp_path / 'd.txt'}: empty; skipped"
    assert warnings[3].message == f"{tmp_path / 'e.md'}: only whitespace; skipped"


def test_directory_without_text_files_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "photo.jpg", b"\xff\xd8\xff\xe0")
    with pytest.raises(SourceError) as exc:
        read(tmp_path)
    assert str(tmp_path) in one_line(exc) and ".txt" in str(exc.value)


def test_empty_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"no \.txt"):
        read(tmp_path)


def test_directory_of_only_unreadable_text_files(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "")
    write(tmp_path / "b.txt", b"\x89PNG\r\n\x1a\n")
    with pytest.raises(InputError) as exc:
        read(tmp_path)
    assert "no source has any text" in one_line(exc) and "a.txt" in str(exc.value)


def test_fifo_in_a_directory_is_skipped_not_read(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    write(tmp_path / "a.txt", "Text.")
    os.mkfifo(tmp_path / "pipe.txt")
    sources, warnings = read(tmp_path)  # would block forever if it opened the FIFO
    assert [s.id for s in sources] == ["a"]
    assert warnings == [
        Notice("not-regular-file", f"{tmp_path}: skipped 1 entry that are not regular files: pipe.txt")
    ]


# ---------------------------------------------------------------------------
# Ids
# ---------------------------------------------------------------------------


def test_duplicate_stems_get_suffixes(tmp_path: Path) -> None:
    one = write(tmp_path / "one" / "report.txt", "First.")
    two = write(tmp_path / "two" / "report.txt", "Second.")
    md = write(tmp_path / "two" / "report.md", "Third.")
    sources, warnings = read(one, two, md)
    assert [s.id for s in sources] == ["report", "report-2", "report-3"]
    assert codes(warnings) == ["duplicate-id", "duplicate-id"]
    assert warnings[0].message == f"{two}: id 'report' is already taken; this source is 'report-2'"


def test_suffix_never_reuses_a_taken_id(tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", "A.")
    a2 = write(tmp_path / "a-2.txt", "A two.")
    again = write(tmp_path / "x" / "a.txt", "Another a.")
    sources, _ = read(a, a2, again)
    assert [s.id for s in sources] == ["a", "a-2", "a-3"]


def test_json_ids_and_file_stems_share_one_namespace(tmp_path: Path) -> None:
    a = write(tmp_path / "wire.txt", "From a file.")
    b = write(tmp_path / "d.json", json.dumps([{"id": "wire", "text": "From JSON."}]))
    sources, warnings = read(a, b)
    assert [s.id for s in sources] == ["wire", "wire-2"]
    assert codes(warnings) == ["duplicate-id"]


def test_same_file_twice_is_read_once(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Once.")
    link = tmp_path / "link.txt"
    link.symlink_to(path)
    sources, warnings = read(path, path, link, tmp_path)  # the directory holds a.txt and link.txt
    assert [s.id for s in sources] == ["a"]
    assert codes(warnings) == ["read-once"] * 4
    assert all(w.message.endswith(": given more than once; read once") for w in warnings)


def test_exact_duplicate_documents_are_kept(tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", "Same   text.")
    b = write(tmp_path / "b.txt", "Same text.")
    c = write(tmp_path / "c.txt", "Same text.")
    sources, _ = read(a, b, c)
    assert [s.id for s in sources] == ["a", "b", "c"]


# ---------------------------------------------------------------------------
# Bad paths and limits
# ---------------------------------------------------------------------------


def test_no_paths_is_an_input_error() -> None:
    with pytest.raises(InputError) as exc:
        read_sources([])
    assert not isinstance(exc.value, SourceError)
    assert "no input" in one_line(exc)


def test_a_single_string_is_not_a_list_of_paths(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="list of paths"):
        read_sources(str(write(tmp_path / "a.txt", "x")))


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(SourceError) as exc:
        read(missing)
    assert str(missing) in one_line(exc) and "no such file" in str(exc.value)


def test_path_with_a_nul_character() -> None:
    with pytest.raises(SourceError, match="cannot read"):
        read_sources(["bad\x00name.txt"])


def test_permission_error_is_a_source_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "secret.txt", "x")
    real_open = os.open  # the reader opens with os.open (non-blocking, then checks the descriptor)

    def denying_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("os.open", denying_open)
    with pytest.raises(SourceError) as exc:
        read(path)
    assert str(path) in one_line(exc) and "permission denied" in str(exc.value)


def test_unreadable_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read anything")
    path = write(tmp_path / "secret.txt", "x")
    path.chmod(0)
    with pytest.raises(SourceError, match="permission denied"):
        read(path)


@pytest.mark.parametrize(
    ("name", "data", "needle"),
    [
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        ("paper.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        ("paper.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        ("blob.txt", b"text\x00\x00\x00more", "NUL"),
        ("noise.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8, 0x0E, 0x0F]) * 20 + b"abc", "non-text"),
    ],
)
def test_explicit_binary_file_is_an_error(tmp_path: Path, name: str, data: bytes, needle: str) -> None:
    path = write(tmp_path / name, data)
    with pytest.raises(SourceError) as exc:
        read(path)
    assert str(path) in one_line(exc) and needle in str(exc.value) and "not text" in str(exc.value)


@pytest.mark.parametrize("content", ["", "   \n\r\n\t  "])
def test_empty_or_blank_file_is_skipped_with_a_warning(tmp_path: Path, content: str) -> None:
    blank = write(tmp_path / "blank.txt", content)
    ok = write(tmp_path / "ok.txt", "Text.")
    sources, warnings = read(blank, ok)
    assert [s.id for s in sources] == ["ok"]
    code, what = ("empty-skipped", "empty") if not content else ("blank-skipped", "only whitespace")
    assert warnings == [Notice(code, f"{blank}: {what}; skipped")]


def test_nothing_left_is_an_input_error(tmp_path: Path) -> None:
    blank = write(tmp_path / "blank.txt", "\n\n")
    with pytest.raises(InputError) as exc:
        read(blank)
    assert "no source has any text" in one_line(exc) and str(blank) in str(exc.value)


def test_file_at_the_limit_is_read_and_one_byte_more_is_an_error(tmp_path: Path) -> None:
    exact = write(tmp_path / "exact.txt", "x" * 100)
    assert read(exact, max_bytes=100)[0][0].text == "x" * 100
    over = write(tmp_path / "over.txt", "x" * 101)
    with pytest.raises(SourceError) as exc:
        read(over, max_bytes=100)
    message = one_line(exc)
    assert str(over) in message and "100 bytes" in message and "max_bytes" in message


def test_huge_file_is_refused_without_reading_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as f:  # sparse: 100 MB that takes no disk
        f.truncate(100 * 1024 * 1024)

    opened: list[str] = []
    real_open = open

    def spying_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", spying_open)
    started = time.perf_counter()
    with pytest.raises(SourceError) as exc:
        read(huge)
    assert time.perf_counter() - started < 1.0
    assert str(huge) not in opened  # refused on its size alone
    assert "5.0 MB" in one_line(exc) and "max_bytes" in str(exc.value)
    assert MAX_SOURCE_BYTES == 5 * 1024 * 1024


def test_endless_stream_is_read_only_up_to_the_limit() -> None:
    stream = CountingStream()
    with pytest.raises(SourceError) as exc:
        read_sources(["-"], stdin=io.BufferedReader(stream), max_bytes=10_000)
    assert "stdin" in one_line(exc) and "max_bytes" in str(exc.value)
    assert stream.read_total <= 10_001 + 65536  # the limit plus one buffer, never the whole stream


def test_endless_unbuffered_stream_is_read_only_up_to_the_limit() -> None:
    stream = CountingStream()
    with pytest.raises(SourceError):
        read_sources(["-"], stdin=stream, max_bytes=1_000_000)  # type: ignore[arg-type]
    assert stream.read_total <= 1_000_001


def test_too_many_sources(tmp_path: Path) -> None:
    for i in range(4):
        write(tmp_path / "dir" / f"{i}.txt", f"Doc {i}.")
    with pytest.raises(InputError, match="max_sources"):
        read(tmp_path / "dir", max_sources=3)
    many = write(tmp_path / "many.json", json.dumps([f"Doc {i}." for i in range(4)]))
    with pytest.raises(InputError, match="more than 3 sources"):
        read(many, max_sources=3)
    assert len(read(many, max_sources=4)[0]) == 4
    assert MAX_SOURCES == 1000


@pytest.mark.parametrize("bad", [0, -1, 1.5, True])
def test_bad_limits_are_input_errors(tmp_path: Path, bad: object) -> None:
    path = write(tmp_path / "a.txt", "x")
    with pytest.raises(InputError, match="max_bytes"):
        read(path, max_bytes=bad)


# ---------------------------------------------------------------------------
# stdin
# ---------------------------------------------------------------------------


def test_stdin_plain_text_is_kept_exactly() -> None:
    raw = "Line one.\r\nLine two.\n"
    sources, warnings = read_sources(["-"], stdin=io.BytesIO(raw.encode()))
    assert sources == [Source(id="stdin", text=raw, path="-")]
    assert warnings == []


def test_stdin_text_stream_is_taken_as_decoded() -> None:
    sources, _ = read_sources(["-"], stdin=io.StringIO("\ufeffDéjà décodé.\r\n"))
    assert sources[0].text == "Déjà décodé.\r\n"


def test_stdin_is_decoded_like_a_file() -> None:
    sources, warnings = read_sources(["-"], stdin=io.BytesIO(LATIN.encode("cp1252")))
    assert sources[0].text == LATIN
    assert codes(warnings) == ["encoding-guessed"] and warnings[0].message.startswith("stdin:")


def test_stdin_json_jsonl_and_html_are_detected_by_content() -> None:
    doc = {"id": "w", "text": "From JSON."}
    sources, _ = read_sources(["-"], stdin=io.BytesIO(b"  \n" + json.dumps(doc).encode()))
    assert [(s.id, s.text, s.path) for s in sources] == [("w", "From JSON.", "-")]

    jsonl = "\n".join(json.dumps(x) for x in [{"text": "One."}, {"text": "Two."}])
    sources, _ = read_sources(["-"], stdin=io.BytesIO(jsonl.encode()))
    assert [s.id for s in sources] == ["doc1", "doc2"]

    sources, _ = read_sources(["-"], stdin=io.BytesIO((DATA / "clusters.jsonl").read_bytes()), cluster="storm")
    assert len(sources) == 2

    sources, _ = read_sources(["-"], stdin=io.BytesIO((DATA / "article.html").read_bytes()))
    assert sources[0].id == "stdin" and sources[0].title == "Trade talks resume in London"
    assert "SCRIPT_LEAK" not in sources[0].text

    sources, _ = read_sources(["-"], stdin=io.BytesIO(b"<p>A short HTML fragment.</p>"))
    assert sources[0].text.strip() == "A short HTML fragment."


def test_stdin_text_that_only_looks_like_markup_or_json_stays_text() -> None:
    raw = "<3 to everyone at the talks.\n"
    assert read_sources(["-"], stdin=io.BytesIO(raw.encode()))[0][0].text == raw
    for raw in ["[1] Reuters reported the talks went well.\n", "[1, 2]\n"]:
        sources, warnings = read_sources(["-"], stdin=io.BytesIO(raw.encode()))
        assert sources[0].text == raw
        code = "bad-json-as-text" if raw.startswith("[1] ") else "json-not-documents"
        assert codes(warnings) == [code]
        assert warnings[0].message.startswith("stdin:") and warnings[0].message.endswith("read as plain text")


def test_stdin_malformed_json_object_is_an_error() -> None:
    with pytest.raises(SourceError) as exc:
        read_sources(["-"], stdin=io.BytesIO(b'{"text": "unterminated'))
    assert "stdin" in one_line(exc) and "line 1" in str(exc.value)


def test_stdin_together_with_files(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "File.")
    sources, _ = read_sources([str(path), "-"], stdin=io.BytesIO(b"Piped."))
    assert [(s.id, s.path) for s in sources] == [("a", str(path)), ("stdin", "-")]


def test_stdin_twice_is_an_error() -> None:
    with pytest.raises(InputError, match="only once"):
        read_sources(["-", "-"], stdin=io.BytesIO(b"x"))


def test_empty_stdin() -> None:
    with pytest.raises(InputError, match="no source has any text"):
        read_sources(["-"], stdin=io.BytesIO(b""))


def test_binary_stdin_is_an_error() -> None:
    with pytest.raises(SourceError, match="PNG"):
        read_sources(["-"], stdin=io.BytesIO(b"\x89PNG\r\n\x1a\n\x00"))


# ---------------------------------------------------------------------------
# as_sources: library input
# ---------------------------------------------------------------------------


def test_as_sources_strings_get_positional_ids() -> None:
    sources = as_sources(["First.", "Second.", "Third.\r\n"])
    assert sources == [Source("doc1", "First."), Source("doc2", "Second."), Source("doc3", "Third.\r\n")]


def test_as_sources_passes_source_objects_through() -> None:
    original = Source("wire", "Text.", path="x.txt", title="T")
    sources = as_sources([original, "Other."])
    assert sources[0] is original and sources[1].id == "doc2"


def test_as_sources_mappings() -> None:
    sources = as_sources(
        [
            {"id": "r", "title": "T", "url": "https://e.x/r", "date": "2025-06-10", "text": "Body.", "extra": 1},
            {"text": "No id."},
        ]
    )
    assert sources[0] == Source("r", "Body.", title="T", url="https://e.x/r", date="2025-06-10")
    assert sources[1] == Source("doc2", "No id.")


def test_as_sources_keeps_empty_documents_so_ids_stay_positional() -> None:
    sources = as_sources(["One.", "", "Three."])
    assert [s.id for s in sources] == ["doc1", "doc2", "doc3"]


def test_as_sources_generated_id_yields_to_an_explicit_one() -> None:
    sources = as_sources(["Generated.", Source("doc1", "Explicit.")])
    assert [s.id for s in sources] == ["doc1-2", "doc1"]


@pytest.mark.parametrize(
    ("documents", "needle"),
    [
        ([], "no documents"),
        ("just one string", "list of documents"),
        ({"text": "a mapping"}, "list of documents"),
        (["", "  \n"], "no source has any text"),
        ([b"bytes"], "decode bytes first"),
        ([None], "NoneType"),
        ([{"title": "no text"}], "'text'"),
        ([Source("a", "x"), Source("a", "y")], "unique"),
        ([{"id": "a", "text": "x"}, Source("a", "y")], "unique"),
    ],
)
def test_as_sources_bad_input(documents: object, needle: str) -> None:
    with pytest.raises(InputError) as exc:
        as_sources(documents)  # type: ignore[arg-type]
    assert needle in one_line(exc)


def test_as_sources_limit() -> None:
    with pytest.raises(InputError, match="max_sources"):
        as_sources(["x"] * 4, max_sources=3)


def test_fixture_files_are_small() -> None:
    assert all(p.stat().st_size < 4096 for p in DATA.iterdir())
