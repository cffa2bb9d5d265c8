"""sumy's peers work offline: the punkt_tab files are written from punkt.data.english."""

import os
import subprocess
import sys

import pytest

from benchmarks import systems as S
from benchmarks.datasets import Cluster
from benchmarks.stub import EXAMPLE_CLUSTERS
from benchmarks.text import PUNKT_FILES, count_words, ensure_nltk_data


def test_punkt_files_round_trip(tmp_path):
    import punkt.data.english as model
    from nltk.data import FileSystemPathPointer
    from nltk.tokenize.punkt import load_punkt_params

    root = ensure_nltk_data(tmp_path / "nltk_data")
    lang = tmp_path / "nltk_data" / "tokenizers" / "punkt_tab" / "english"
    assert sorted(p.name for p in lang.iterdir()) == sorted(PUNKT_FILES)
    params = load_punkt_params(FileSystemPathPointer(str(lang)))
    assert params.abbrev_types == set(model.ABBREV_TYPES)
    assert params.sent_starters == set(model.SENT_STARTERS)
    assert params.collocations == set(model.COLLOCATIONS)
    assert dict(params.ortho_context) == dict(model.ORTHO_CONTEXT)
    assert params.ortho_context["no-such-word"] == 0  # a defaultdict(int), as nltk needs
    assert ensure_nltk_data(tmp_path / "nltk_data") == root  # idempotent


@pytest.mark.parametrize("name", S.SUMY)
def test_sumy_peer_runs_and_keeps_the_budget(name):
    sys_ = S.make(name)
    sys_.load()
    for c in EXAMPLE_CLUSTERS:
        cl = Cluster(c["id"], tuple(c["documents"]), tuple(c["summaries"]))
        for words in (25, 60):
            out = sys_.run(cl, words)
            assert out.sentences
            assert sum(count_words(s) for s in out.sentences) <= words
            text = "\n".join(c["documents"])
            assert all(s in " ".join(text.split()) or s in text for s in out.sentences)  # extracts, not rewrites


def test_sumy_in_a_fresh_process_without_any_nltk_data(tmp_path):
    """No NLTK data anywhere but what the harness writes: sumy still tokenizes."""
    env = {
        **os.environ,
        "NLTK_DATA": str(tmp_path / "empty"),
        "SUMMARIZE_BENCH_CACHE": str(tmp_path / "cache"),
        "HOME": str(tmp_path),
    }
    code = (
        "from benchmarks.text import ensure_nltk_data; ensure_nltk_data()\n"
        "from sumy.nlp.tokenizers import Tokenizer\n"
        "from sumy.parsers.plaintext import PlaintextParser\n"
        "text = 'Mr. Lee met Dr. Roe at 3 p.m. on Jan. 5. They talked.'\n"
        "doc = PlaintextParser.from_string(text, Tokenizer('english')).document\n"
        "print(len(doc.sentences))\n"
    )
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=root, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "2"
