"""Split sources into sentences with exact spans, and tell content from noise.

Splitting is :mod:`summarize.text`'s (paragraphs, then punkt).  Scraped
articles carry site chrome; rather than rewriting the text, cleaning only
*marks* spans as noise or moves a span's start past what was glued before the
sentence (a photo credit, a metadata prefix or share bar, a dateline, furniture
ending in a wire mark or a post's signature, a photo caption), so every span
still indexes the original text.  Page furniture
(captions, embeds, wire notes, teasers) is told by :mod:`summarize.noise`.
Text planted for a language model (chat-template blocks and special tokens,
sentences that read like instructions: :mod:`summarize.untrusted`) is noise
too, so it is never a point or a supporter, fused or not.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from . import noise
from .brief import Sentence, Source
from .text import LABEL, TERMINAL, count_words, paragraphs, run_on_ends, sentence_spans
from .tuning import DEFAULT, Tuning
from .untrusted import has_special_tokens, injected_spans, is_instruction

# --- noise: phrases of site chrome, credits and captions -------------------------------

_BOILERPLATE = re.compile(
    r"""
    \b(?:your\ (?:support|donation|contribution)|support\ now|donat(?:e|ion)s?\b|
       sign\ up\ (?:for|to)|subscribe|newsletter|paywall|breaking\ news\ alerts|
       get\ breaking\ .{0,20}news|get\ e-?mail\ alerts\ (?:on|about|for)|
       e-?mail\ (?:notifications|alerts)\ are\ (?:only\ )?sent|click\ here|read\ more\b|share\ this|follow\ us|
       all\ rights\ reserved|copyright\ ©?|advertisement|cookies?\ (?:policy|settings)|(?:use|accept)\ cookies|
       privacy\ policy|terms\ of\ (?:use|service)|facebook\ twitter|share\ on\ (?:facebook|twitter)|
       our\ (?:journalism|reporting|journalists|reporters)|quality\ journalism|
       this\ material\ may\ not\ be\ published|(?:enabl(?:e|ing)|turn\ on|requires?)\ javascript|
       enter\ now|contest\ rules|buy\ photo|wait\ \d+\ seconds?\ to\ continue|video\ has\ been\ rented|
       web\ archiving|crawled\ regularly|preservation\ effort|please\ enter\ (?:a|your)\b|
       user\ ?name\ and\ password|
       internet\ archive|wayback\ machine|alexa\ internet|crawl\ data|archive\ pages|broken\ links|web\ ?crawls?\b|
       delivered\ (?:to\ your\ inbox|(?:every\ |each\ )?(?:weekday\ )?mornings?)|
       tweet\ with\ a\ location|location\ information\ to\ your\ tweets|
       media\ playback\ is\ unsupported|image\ copyright|personal,?\ non-?commercial\ use|story\ continued\ below|
       (?:additional\ )?reporting\ by|writing\ by|editing\ by|
       ^(?:[\w.'’-]+\ ){1,4}has\ (?:the|more)\ details\W*$|   # a broadcast's hand-over: "Jane Roe has the details."
       (?:compiled|adapted|translated)\ (?:and\ adapted\ )?(?:by|from)|
       (?:photo|image|video)\s*(?:credit|:)|getty\ images|\(\s*(?:ap|afp|reuters|getty)[^)]{0,20}\)
    )
    """,
    re.VERBOSE,
)
"""Site pleas, credits and archive chrome, matched on the lower-cased sentence (a fifth of the time of IGNORECASE)."""
_BOILERPLATE_KEYS = (
    "your ", "support now", "donat", "mail", "sign up", "subscribe", "newsletter", "paywall", "breaking", "click here",
    "read more", "share this", "follow us", "rights reserved", "copyright", "advertisement", "cookie",
    "privacy policy", "terms of", "facebook twitter", "share on", "our ", "journalism", "material may", "javascript",
    "enter now", "contest rules", "broken links", "delivered", "buy photo", "to continue", "rented", "archiving",
    "crawled", "preservation", "please enter", "password",
    "archive", "wayback", "alexa", "crawl", "location", "playback", "personal", "story continued", "reporting by",
    "writing by", "editing by", "details",
    "compiled", "adapted", "translated", "photo", "image", "video", "getty", "(",
)
"""A word of every branch of :data:`_BOILERPLATE`: a sentence with none of them is no plea (:func:`noise.mentions`)."""
_CAPTION_END = re.compile(
    r"\(\s*[A-Z][\w .&/-]{0,30}(?:/|Getty|AFP|AP|Reuters|EPA|Photo|Images)[\w .&/-]{0,30}\)\s*$"
)
_AGENCY = r"""(?:getty(?:\s+images)?|gety\s+images|ap(?:\s+photo)?|afp|reuters|epa|upi|wireimage|filmmagic|invision|
    pool|wikimedia\s+commons|istockphoto|shutterstock|corbis|sipa|rex|tt|[\w-]+\.(?:com|org|net))"""
_CREDIT_PREFIX = re.compile(
    rf"""\s*(?:(?:photo\s+by\s+|by\s+)?(?:[a-z][\w.'’-]*\s+){{0,3}}[a-z][\w.'’-]*\s*(?:/\s*{_AGENCY}\s*)+
    (?:file\s+|id:\s*\d+\s+)?
    |(?:reuters|ap|afp|epa|upi)\s*/\s*[a-z][\w'’-]*(?:\s+[a-z]\.)?\s+[a-z][\w'’-]*(?:\s*/\s*files?)?\s+)(?=\S)""",
    re.IGNORECASE | re.VERBOSE,
)
"""A photo credit a scraper glued before the sentence under the picture ("Photo by Jane Roe/Getty Images ",
"Maxim Shemetov / Reuters file ", "Jim cole / ap id: 5672497 "): a name, then a slash and a picture agency
(or a site's address); or the agency first and a name of two words ("Reuters/Jane Roe/Files ")."""
_METADATA_PREFIX = re.compile(
    r"""\s*(?:
        (?:date|published|updated|posted)\s*:?\s*\d{4}-\d{2}-\d{2}(?:[ T][\d:]+Z?)?\s+ |   # "date 2025-06-10 "
        (?i:""" + noise.UPDATE_STAMP + r""") |   # "Updated: Nov. 3, 2016, at 10:54 p.m. "
        (?i:(?:share|tweet|pin\ to\ pinterest|pin|send|link|email)\s+){2,} |   # a share bar: "Share share tweet link "
        (?i:embed\s+(?:</>\s+)?more\s+(?:news\s+)?videos)\s+ |   # a video player's label: "EMBED More News Videos "
        \(\s*\d{1,2}:\s?\d{2}\s*\)\s* |   # a video's length: "( 1: 56 ) "
        [-—–]{1,2}\s+ |   # the dash of a dateline whose city went with the sentence before
        """ + LABEL + r"""(?=["“A-Z])(?!(?:I|We|My|Our)\b|I['’])  # "What Happened: "
    )""",
    re.VERBOSE,
)
"""A label before a first-person sentence stays: "Matt Damon: I think ..." is a transcript's speaker, who the
"I" is (without it the turn reads as the end of the previous speaker's)."""
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Split:
    """A source's sentences: every span punkt found, and which of them are content."""

    source: Source
    sentences: tuple[Sentence, ...]
    """All spans, noise included, in text order; ``index`` is the position in this tuple."""
    content: tuple[Sentence, ...]
    """The spans fit to be a point of a brief, with ``position`` set among them."""


def split(source: Source, tuning: Tuning = DEFAULT) -> Split:
    """Split one source into sentences and mark noise; spans index ``source.text`` exactly.

    Where the text has punctuation and sentences, the pieces a long span was cut into by word count are no
    points (a sentence cut mid-clause); text without punctuation, or one long run-on, has nothing else.
    """
    spans: list[tuple[int, int, bool]] = []  # start, end, is_noise
    chunks: set[int] = set()  # starts of the pieces a long span was cut into by word count
    punctuated = bool(re.search(r"[.!?]", source.text))
    injected = list(injected_spans(source.text))  # in text order, never overlapping
    injected_ends = [b for _, b in injected]
    sentence_ends: set[int] = set()  # where a sentence ends, not where a run-on was cut
    for para_start, para_end in paragraphs(source.text):
        found = list(sentence_spans(source.text, para_start, para_end))
        sentence_ends.update(end for _, end in found)
        cut = [piece for start, end in found for piece in _cut_long(source.text, start, end, tuning)]
        chunks.update(s for s, _, whole in cut if not whole)
        para = [(s, e) for s, e, _ in cut]
        lone_line = len(para) == 1
        line = source.text[para_start:para_end].rstrip()  # several pieces ending "said:" introduce a quote
        headline = punctuated and (lone_line or not line.endswith(":")) and _headline(line, tuning)
        bodies = [_body(source.text, s, e) for s, e in para]
        pleas = [
            headline or _noise(body) or _overlaps(injected, injected_ends, s, e)
            for (s, e), body in zip(para, bodies, strict=True)
        ]
        flags = _fill_gaps(pleas, tuning.boilerplate_gap)
        furniture = [_furniture(body.strip(), lone_line, tuning) for body in bodies]
        spans.extend((s, e, flag or extra) for (s, e), flag, extra in zip(para, flags, furniture, strict=True))

    cased = _cased([source.text[a:b] for a, b, _ in spans], tuning)
    sentences: list[Sentence] = []
    content_spans: list[tuple[int, int, int]] = []
    for index, (start, end, is_noise) in enumerate(spans):
        sentences.append(Sentence(source.id, index, start, end, source.text[start:end]))
        if is_noise:
            continue
        opening = start
        start = _after_credit(source.text, start, end)
        start = noise.dateline_end(source.text, _skip_metadata(source.text, start, end), end)
        lead = noise.glued_mark_end(source.text, start, end)
        if lead > start and _furniture(_capitalised(source.text[lead:end]), False, tuning):
            continue  # a gallery's captions, one after another, each ending in its credit
        start = noise.glued_caption_end(source.text, lead, end)
        text = source.text[start:end]
        if noise.story_highlights(text):
            continue
        ends_sentence = punctuated and end in sentence_ends  # a cut piece of a run-on need not end one
        starts_sentence = cased and start == opening  # after a dateline ("( cnn ) jurors ...") any case starts one
        if count_words(text) >= tuning.min_words and not _fragment(text, starts_sentence, ends_sentence):
            content_spans.append((index, start, end))
    whole = [span for span in content_spans if spans[span[0]][0] not in chunks]
    if punctuated and whole:
        content_spans = whole  # a word-count piece is a point only where the text has nothing better
    total = max(len(content_spans) - 1, 1)
    content = tuple(
        Sentence(source.id, index, start, end, source.text[start:end], position=rank / total)
        for rank, (index, start, end) in enumerate(content_spans)
    )
    return Split(source, tuple(sentences), content)


def _overlaps(spans: list[tuple[int, int]], ends: list[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of ``spans`` (sorted, disjoint; ``ends`` their ends)."""
    k = bisect.bisect_right(ends, start)
    return k < len(spans) and spans[k][0] < end


def _fill_gaps(flags: list[bool], gap: int) -> list[bool]:
    """Mark as noise what lies between two noise sentences at most ``gap`` apart (site pleas come in blocks)."""
    hits = [k for k, flag in enumerate(flags) if flag]
    filled = list(flags)
    for a, b in itertools.pairwise(hits):
        if b - a <= gap:
            filled[a:b] = [True] * (b - a)
    return filled


_CLAUSE_MARK = re.compile(r"(?:;(?<!&amp;)|(?<!\d):)\s|\s[—–-]{1,2}\s")
"""Where a long span may be cut: a semicolon (not an escaped ampersand's, "&amp; "), a colon (not a spaced
clock's, "at 22: 35 gmt"), a spaced dash."""


def _cut_long(text: str, start: int, end: int, tuning: Tuning) -> list[tuple[int, int, bool]]:
    """Cut a span of more than ``tuning.max_words`` words at the sentence ends punkt missed
    (:func:`~summarize.text.run_on_ends`), else at clause marks, else into ``chunk_words`` pieces.

    Each piece comes with whether a mark bounds it: one cut out by word count alone stops or starts
    mid-clause ("... said that many disclosures seemed to be"), which :func:`split` takes for a point only
    where it is all there is.
    """
    if end - start < 2 * tuning.max_words + 1:
        return [(start, end, True)]  # words are a character and a space apart at least: too short to hold more
    words = list(_WORD.finditer(text, start, end))
    if len(words) <= tuning.max_words:
        return [(start, end, True)]
    marks = run_on_ends(text, start, end) or [start + m.end() for m in _CLAUSE_MARK.finditer(text[start:end])]
    step = tuning.chunk_words
    cuts = marks or [words[i].start() for i in range(step, len(words), step)]
    pieces = []
    for s, e in zip([start, *cuts], [*cuts, end], strict=True):
        s, e = _strip(text, s, e)
        if e > s:
            pieces.extend(_cut_long(text, s, e, tuning) if marks else [(s, e, False)])
    return pieces


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _noise(sentence: str) -> bool:
    """True for site chrome, credits, captions, and orders to a language model (headline lines: :func:`split`)."""
    low = sentence.lower()
    if (noise.mentions(low, _BOILERPLATE_KEYS) and _BOILERPLATE.search(low)) or _CAPTION_END.search(sentence):
        return True
    if is_instruction(sentence) or has_special_tokens(sentence):
        return True
    stripped = sentence.strip()
    if stripped.startswith(("(", "—", "–", "-")) and stripped.endswith((")", ").")):
        return True  # "(Translated and adapted from a report by Reuters)"
    return stripped.startswith(("—", "–"))  # "—Additional reporting by ..."


def _headline(line: str, tuning: Tuning) -> bool:
    """A short line that does not end a sentence: a headline, even when it holds a question before its title
    ("Who is the new minister? Everything about the vote")."""
    line = line.strip()
    one_line = "\n" not in line  # lines joined into a paragraph were prose: a headline stands alone
    return one_line and not TERMINAL.search(line) and count_words(line) <= tuning.headline_max_words


def _furniture(sentence: str, lone_line: bool, tuning: Tuning) -> bool:
    """Page furniture (:mod:`summarize.noise`) or garbled text: noise, but one at a time.

    Unlike site pleas, furniture sits between paragraphs of the story (a
    caption, an embed), so what lies between two pieces of it stays content.
    """
    return noise.furniture(sentence, lone_line, tuning.teaser_max_words) or _garbled(sentence)


_DANGLING_DASH = re.compile(r"(?:--|[—–])\s*$")
_CLAUSE_END = re.compile(r"""[:]["'”’)\]]*\s*$""")
_SPACED_END = re.compile(r"""[.!?…]\s+["'”’)\]]+\s*$""")
"""A sentence end whose closing quote stands apart (``retreat . "``): tokenized corpora space their quotes."""


def _capitalised(sentence: str) -> str:
    """``sentence`` with its first letter capitalised: what follows a wire mark starts a sentence in any case."""
    return sentence[:1].upper() + sentence[1:]


def _opening(text: str) -> str:
    """``text`` from its first word on: opening quotes, brackets and spaces are not where a sentence starts."""
    return text.lstrip("\"'“‘([ ")


def _cased(texts: list[str], tuning: Tuning) -> bool:
    """Whether the text capitalises its sentences, so that a lower-case start marks a piece of one.

    Lower-cased corpora (Multi-News's truncated release, chat, transcripts) start
    many sentences in lower case while capitalising some: a start in lower case
    says nothing there.
    """
    heads = [_opening(t)[:1] for t in texts]
    letters = [h for h in heads if h.isalpha()]
    return bool(letters) and sum(h.isupper() for h in letters) >= tuning.cased_share * len(letters)


def _fragment(text: str, cased: bool, punctuated: bool) -> bool:
    """A piece of a sentence, not a sentence: it starts inside one or stops before its end.

    In text that has capitals, a sentence starts with one (or a digit, or a
    quote or bracket before them; "iPhone" and "eBay" are names); in text that
    has punctuation, it ends with closing punctuation, or a colon before a quote.
    What a cut, a truncated page or a missed boundary leaves is neither.  Lower-cased or
    unpunctuated text (transcripts, some corpora) is taken as it is.
    """
    if _DANGLING_DASH.search(text):
        return True  # "on the holiday weekend --": a dash left open, the clause goes on elsewhere
    head = _opening(text)
    if cased and (head[:1] in ",;:.)]}" or (head[:1].islower() and not re.match(r"[a-z]+[A-Z]", head))):
        return True
    return punctuated and not (TERMINAL.search(text) or _CLAUSE_END.search(text) or _SPACED_END.search(text))


_LOST_CHARACTER = re.compile(r"[?\ufffd](?<=[a-z][?\ufffd])[a-z]")
"""A letter lost in conversion inside a word ("classi?ed": a PDF ligature): the text is garbled here."""


def _garbled(sentence: str) -> bool:
    return bool(_LOST_CHARACTER.search(sentence))


def _after_credit(text: str, start: int, end: int) -> int:
    """Where a span starts after a photo credit glued before it (``start`` when it has none)."""
    match = _CREDIT_PREFIX.match(text, start, end)
    return match.end() if match else start


def _body(text: str, start: int, end: int) -> str:
    """The span's text as the noise and furniture rules judge it: after a photo credit or the last glued mark
    (:func:`noise.glued_mark_end`: an embedded post's signature, a wire mark), where a caption or the story's
    first sentence starts in any case (so it is capitalised), and the span itself otherwise. What comes before
    a glued mark is furniture whatever it holds (the embedded tweet's "pic.twitter.com" link), and never content.
    """
    after = noise.glued_mark_end(text, _after_credit(text, start, end), end)
    return _capitalised(text[after:end]) if after > start else text[start:end]


def _skip_metadata(text: str, start: int, end: int) -> int:
    """Move a content span's start past a metadata prefix such as ``date 2025-06-10``."""
    match = _METADATA_PREFIX.match(text, start, end)
    return start + len(match.group()) if match else start
