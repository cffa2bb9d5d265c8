"""Sentences that need context get it, or give way.

A brief is read without its sources, so a sentence that leans on the one
before it in its article reads as an orphan there: a bare quote ("“It was
terrifying.”": who said it?), a sentence whose subject is a pronoun ("He
apologized at his sentencing."), or a quote whose speaker is one
("“The negotiations are progressing well,” he added.").

Such a sentence is **joined** with the sentence just before it in its source
when that one stands alone: the two become one candidate :class:`Sentence`
whose span runs from the start of the first to the end of the second (exact,
so the brief cites both), and whose words both count in the budget.  When it
cannot be joined (the sentence before is noise, leans back itself, or the two
would be too long together), it stays a candidate on its own, ranking demotes
it (``Tuning.orphan``), and selection (:func:`summarize.select.mmr`'s
``demoted``) takes it only once its antecedent (:func:`antecedents`) is in the
brief, where it then reads right after it, or, without it, once no other
sentence fits and much of the budget would go unused.

A speaker named by surname alone ("Price said there were no signs of forced
entry.") reads after the brief's sentence that names the person in full
("Police Chief Tom Price ..."), when the brief has one (:func:`introducer`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .brief import Sentence
from .text import LABEL, STOP_WORDS, TITLES, quote_open
from .tuning import DEFAULT, Tuning

_PRONOUN_SUBJECT = re.compile(
    r"^[\"'“‘(]*(?:(?:and|but|so|yet|also|still|then|now|instead|meanwhile|however|later),?\s+)?"
    r"(?:he|she|they|his|her|their|him|them|it|its|this|these|those|that|(?<![\"'“‘(])(?:i|we|my|our)|"
    r"(?:both|neither|either|each|none)(?=\s+(?:are|were|is|was|have|has|had|will|would|said|say|says|of\s+them)\b))\b"
    r"(?!\s+(?:is|was)\s+\w+\s+(?:to|that)\b)",
    re.IGNORECASE,
)
"""A pronoun as subject, perhaps after a connective ("But she said ...", "Both are based in Washington.");
"It is easy to ..." and "Both sides agreed" stand alone.
A first-person subject outside quotes ("I like some of them.") is a quote that lost its marks, or an essay's
voice: either way the reader needs to be told who "I" is."""
_INTRO_PRONOUN = re.compile(
    r"^[\"'“‘(]*[A-Za-z][\w'’-]*(?:\s+[a-z0-9][\w'’-]*)?,\s+(?:he|she|they|his|her|their)\b"
    r"(?!\s+(?:is|was)\s+\w+\s+(?:to|that)\b)"
)
"""A third-person pronoun as subject after an opening of one or two words ("Currently, they are seeking ...",
"At times, he shouted ...", "Later, she said ..."): who "they" are is in another sentence.  A longer
opening may name them ("When the firefighters reached the barn, they ..."), and "In 2019, it emerged ..."
stands alone."""
_CONNECTIVE = re.compile(
    r"^[\"'“‘(]*(?:but|and|or|nor|plus|also|however|meanwhile|still|yet|so|then|instead|especially|particularly|"
    r"including|except)\b,?",
    re.IGNORECASE,
)
"""A sentence that opens by continuing another ("Or be responsible for his life.", "Especially you, as ...")."""
_PRONOUN_SPEAKER = re.compile(
    r"[,?!…]\s*[”\"’']\s*(?:he|she|they)\s+(?:said|says|added|adds|told|tells|wrote|writes|continued|continues|"
    r"explained|explains|noted|notes|asked|asks|recalled|recalls|remembered|remembers|insisted|insists|argued|argues|"
    r"warned|warns|stated|states|replied|replies|admitted|admits)\b"
    r"|[,?!…]\s*[”\"’']\s*(?:we|i)(?:['’]re|['’]m| are| am)? told\b",
    re.IGNORECASE,
)
"""A quote attributed to "he", "she" or "they", or to no one ("..., we're told")."""
_PRONOUN_REPORTER = re.compile(
    r",\s*(?:he|she|they)\s+(?:said|says|added|told \w+|wrote|noted|explained)\W*$", re.IGNORECASE
)
"""Reported speech ending on its pronoun speaker ("As much as 70 percent are bought that day, she said.")."""
_QUOTED = re.compile(r"[“\"][^”\"]*(?:[”\"]|$)")
_SPEECH = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|asked|wrote|writes|according|explained|stated|noted|recalled|"
    r"continued|insisted|argued|warned|stressed|replied|responded|admitted|acknowledged|announced|declared|"
    r"conceded|tweeted|posted)\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"\b[A-Z][a-z]{2,}")
_FIRST_PERSON = re.compile(
    r"\b(?:my|myself)\b|\bI(?:['’](?:m|ve|d|ll)\b|\s+(?:am|was|think|thought|believe|know|knew|don['’]t|didn['’]t|"
    r"can|can['’]t|could|would|will|have|had|feel|felt|want|wanted|mean|just|really|never|also|got|love|hope|guess|"
    r"see|saw|went|do|did|said|say|told|wish|remember)\b)"
)
"""Someone speaking in the first person ("..., and I just think ...", "my husband"), found outside quotes: a
transcript's turn or an essay's voice, whose speaker the sentence does not name.  "World War I veterans" is no
speaker: "I" counts only before a verb or an adverb that follows a speaking "I"."""
_SPEAKER_LABEL = re.compile("^" + LABEL)
"""A transcript's speaker label ("Matt Damon: I think ..."), which says who "I" is."""
_SPEAKING = (
    r"(?:said|says|told|tells|added|adds|wrote|writes|explained|noted|argued|warned|insisted|stated|continued|"
    r"recalled|asked)"
)
_ONE_NAME = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_BARE_SPEAKER = re.compile(
    rf"(?:^[\"'“‘(]*|[,?!…]\s*[”\"’']?\s*)(?P<before>{_ONE_NAME})\s+{_SPEAKING}\b"
    rf"|\b{_SPEAKING}\s+(?P<after>{_ONE_NAME})\s*[.,;]"
)
"""A speaker named by one word, opening the sentence or its attribution ("Price said ...", "..., Price said.",
"..., said Price.")."""
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december today yesterday".split()
)
_GROUPS = frozenset(
    """police officials authorities witnesses prosecutors investigators researchers scientists experts analysts
    doctors residents neighbors neighbours attorneys lawyers sources officers agents critics democrats republicans
    organizers organisers""".split()
)
_NOT_NAMES = STOP_WORDS | _CALENDAR | _GROUPS | frozenset(t.lower() for t in TITLES.split("|"))
"""Words that stand where a surname would without being one ("Sgt.", "Tuesday", "The", "Officials")."""


@lru_cache(maxsize=8192)
def needs_context(text: str) -> bool:
    """Whether ``text`` leans on a sentence before it: a bare or unfinished quote, or a pronoun subject or speaker.

    Cached: joining, ranking and selection ask it of the same sentences.
    """
    t = text.strip()
    if (
        bare_quote(t) or quote_open(t) or _closes_unopened(t) or _PRONOUN_SUBJECT.match(t) or _INTRO_PRONOUN.match(t)
        or _CONNECTIVE.match(t)
    ):
        return True
    if t.endswith(":"):
        return True  # "The locations of the fires were:" announces what it does not say
    if _FIRST_PERSON.search(_QUOTED.sub(" ", t)) and not _SPEAKER_LABEL.match(t):
        return True
    if not (_PRONOUN_SPEAKER.search(t) or _PRONOUN_REPORTER.search(t)):
        return False
    outside = _QUOTED.sub(" ", t)
    return not _NAME.search(outside)  # "Lutnick told reporters: “...,” he added." names him


def _closes_unopened(text: str) -> bool:
    """The end of a quotation that opened in an earlier sentence: “ missing before ” (in text that mixes curly and
    straight quotes, an odd count whose first mark closes: “... ," he said, "... .”)."""
    if '"' in text and ("“" in text or "”" in text):
        marks = [k for k, ch in enumerate(text) if ch in '"“”']
        return len(marks) % 2 == 1 and marks[0] > 0 and not text[marks[0] - 1].isspace()
    return text.count("”") > text.count("“")


def bare_quote(text: str) -> bool:
    """All quotation and no speaker: nothing outside the quotes says who is talking."""
    if not text.startswith(("“", '"', "‘")):
        return False
    outside = _QUOTED.sub(" ", text)
    return not _SPEECH.search(outside) and len(re.findall(r"[A-Za-z]+", outside)) <= 2


def units(text: str, content: Sequence[Sentence], tuning: Tuning = DEFAULT) -> list[Sentence]:
    """The candidates of one source: each sentence that needs context joined with the one before, where it can be.

    ``text`` is the source's text and ``content`` its content sentences in text
    order (:attr:`summarize.sentences.Split.content`).  A joined unit is the
    span from the start of the first sentence to the end of the second, so it
    indexes ``text`` exactly; it takes the index and position of its first
    sentence.  The sentence that was joined is no longer a candidate on its
    own; the one it was joined to still is.
    """
    out: list[Sentence] = []
    for k, sentence in enumerate(content):
        before = content[k - 1] if k else None
        if before is not None and needs_context(sentence.text) and _joinable(before, sentence, tuning):
            out.append(
                Sentence(before.source, before.index, before.start, sentence.end, text[before.start : sentence.end],
                         position=before.position)
            )
        else:
            out.append(sentence)
    return out


def antecedents(sentences: Sequence[Sentence]) -> list[int]:
    """For each candidate, the candidate it would lean on: the one before it in its source (-1: none).

    ``sentences`` are candidates in text order by source (as
    :func:`units` gives them); "before" means at most one span (noise, or a
    fragment) lies between, so what the brief puts first reads as the
    sentence's context.  A joined unit covers two spans: the next candidate
    then starts two indices on.
    """
    out = [-1] * len(sentences)
    for k in range(1, len(sentences)):
        before, sentence = sentences[k - 1], sentences[k]
        if before.source == sentence.source and before.end <= sentence.start and sentence.index - before.index <= 2:
            out[k] = k - 1
    return out


def introducer(text: str, others: Sequence[str]) -> int | None:
    """The index in ``others`` of the first that names in full ("Tom Price", "Chief Price") the one-word
    speaker of ``text`` ("Price said ..."); ``None`` when ``text`` names its speaker in full, or none does."""
    for name in _bare_speakers(text):
        if not _introduces(text, name):
            return next((k for k, other in enumerate(others) if _introduces(other, name)), None)
    return None


def _bare_speakers(text: str) -> list[str]:
    names = (m.group("before") or m.group("after") for m in _BARE_SPEAKER.finditer(text))
    return [name for name in names if name.lower() not in _NOT_NAMES]


def _introduces(text: str, name: str) -> bool:
    """Whether ``text`` names ``name`` after a first name, an initial or a title ("Tom Price", "Dr. Price")."""
    for match in re.finditer(rf"(?<![\w’'])([A-Z][a-z]*)\.?\s+{re.escape(name)}\b", text):
        first = match.group(1).lower()
        if first not in STOP_WORDS and first not in _CALENDAR:
            return True
    return False


def _joinable(before: Sentence, sentence: Sentence, tuning: Tuning) -> bool:
    """Adjacent in the source (no noise between), the first standing alone, and short enough together."""
    adjacent = before.index == sentence.index - 1 and before.end <= sentence.start
    return adjacent and not needs_context(before.text) and before.words + sentence.words <= tuning.unit_max_words
