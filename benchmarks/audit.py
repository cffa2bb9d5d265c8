"""The defect audit: what a reader sees at once in a brief, counted per defect class.

ROUGE cannot see a sentence cut at "Gov.", a photo caption, a quote with no
speaker or a point made twice; a reader sees them at once.  This module judges
each brief sentence by rules of its own, written apart from the pipeline's
splitter and noise filters (an audit that reused them could never disagree with
them), looking at the sentence, the brief sentences before it and, where the
sentence is found in a source, the text around it.  Its precision and recall
are measured on hand labels (``benchmarks/audit_labels.jsonl``, spans only).

Classes (a sentence may have several):

* ``split``: broken by the sentence splitter: starts inside a sentence, ends at
  an abbreviation or initial, cuts a quotation in half, runs across a paragraph
  break or glues two sentences ("said.North"), carries a broken ligature;
* ``wrap``: cut at a hard line wrap: the sentence has no closing punctuation
  and its source goes on, on the next line, with the rest of it;
* ``furniture``: page furniture: embed, video, social, newsletter and site
  boilerplate, photo captions and credits, datelines and wire notes, headlines
  and teasers of other stories;
* ``orphan``: needs context the brief lacks: a bare quote with no speaker, or a
  sentence whose subject or speaker is a pronoun when the sentence before it in
  the brief is not where that pronoun points (the text just before it in its source);
* ``repeat``: makes the point of an earlier brief sentence again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

CLASSES = ("split", "wrap", "furniture", "orphan", "repeat")

_END = re.compile(r"""[.!?…]["'”’)\]]*$""")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")

# --- split ---------------------------------------------------------------------------
_TITLE_END = re.compile(
    r"(?:^|\s)(?:Mr|Mrs|Ms|Dr|Prof|Gov|Sen|Rep|Gen|Lt|Col|Sgt|Capt|Adm|Rev|St|Ft|Mt|Jr|Sr|Sens|Reps|Govs|No|Nos|"
    r"Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|Ave|Blvd|Inc|Corp|Co|vs?|approx|[A-Z])\.$"
)
"""Ends at a title, a month, "No." or an initial ("Republican Gov.", "O.J.")."""
_DOTTED_END = re.compile(r"(?:^|\s)(?:[A-Z]\.){2,}$")
"""Ends at a dotted abbreviation ("U.S.", "D.C."): a cut only if what follows goes on the sentence."""
_STARTERS = frozenset(
    """a an the he she it they we i you his her its their our my this that these those there here in on at
    for but and or so if when while as after before since because although though however meanwhile yet
    still now then also no not some many most all one two three police officials authorities""".split()
)
_GLUED = re.compile(r"[a-z]{2,}[.!?][”\"]?[A-Z][a-z]{2,}")
_LIGATURE = re.compile(r"[a-z]\?[a-z]|[a-z]�|�[a-z]")
_OPENERS = ("“", "‘")


def _quotes_broken(text: str) -> bool:
    """An unclosed opening quote or a closing one with no opening: a quotation cut in half."""
    text = text.replace("’’", "”").replace("''", "”").replace("``", "“")
    text = re.sub(r"(\d)[\"”]", r"\1", text)  # 4'8" is a height
    opened = text.count("“")
    closed = text.count("”")
    if opened != closed:
        return True
    return text.count('"') % 2 == 1


def broken_split(text: str, after: str | None) -> bool:
    """Split-defect rules; ``after`` is the source text that follows the sentence (``None``: not found)."""
    first = text.lstrip("\"'“‘([")
    if first[:1] in ",;:)]}" or (first[:1].islower() and not re.match(r"[a-z]+[A-Z]", first)):
        return True  # starts inside a sentence ("within the path of ...", ": Made in America")
    for brk in re.finditer(r"\n\s*\n", text):
        if not _END.search(text[: brk.start()].rstrip()):
            return True  # two paragraphs glued: the first has no end

    if _GLUED.search(text) or _LIGATURE.search(text) or _quotes_broken(text):
        return True
    if len(text.split()) <= 3 and (after is None or not re.match(r"\s*\n", after)):
        return True  # "Herman says.", "Susie.": a piece of a sentence
    if after is not None and re.match(r"[ \t]*[a-z]", after) and _END.search(text.rstrip()):
        return True  # "... Sen. Ann Roe (D-Ohio.)" + " said on Friday"
    if not _END.search(text.rstrip()) and len(text.split()) > 25 and not wrap_cut(text, after):
        return True  # cut off: too long for a heading, and no end
    stripped = text.rstrip("\"'”’) ")
    if _TITLE_END.search(stripped):
        return True
    if _DOTTED_END.search(stripped) and after is not None:
        nxt = _WORD.search(after[:40])
        same_line = "\n" not in after[: nxt.start()] if nxt else False
        return bool(nxt and same_line and nxt.group().lower() not in _STARTERS and nxt.group()[0].isupper())
    return False


def wrap_cut(text: str, after: str | None) -> bool:
    """No closing punctuation, and the source goes on with the rest on the next line (one line break)."""
    if _END.search(text.rstrip()) or after is None:
        return False
    gap = re.match(r"\s*", after).group()  # type: ignore[union-attr]
    rest = after[len(gap) :]
    return gap.count("\n") == 1 and bool(rest) and not re.match(r"[-*•#]", rest)


# --- furniture -----------------------------------------------------------------------
_CHROME = re.compile(
    r"""all\ rights\ reserved|copyright\b|©|terms\ of\ (?:use|service)|privacy\ policy|cookie|
    internet\ archive|wayback\ machine|\bcrawl(?:s|ed)?\b|archive\.org|no\ more\ 404|
    pic\.twitter\.com|https?://|www\.|getty\ images|file\ photo|\b(?:ap|afp|reuters|epa)\ photo\b|
    image\ (?:credit|source)|
    \bembed(?:ded)?\b|read\ (?:more|the\ (?:full|updated|original))|story\ continues|continue\ reading|
    have\ a\ tip|send\ (?:us\ )?(?:your\ )?tips|newsletter|subscri(?:be|ption)|sign\ (?:up|in)\ (?:for|to|here)|
    \bclick\b|legacy\ twitter|location\ history|tweet\ location|autoplay|slideshow|
    (?:next|previous)\ (?:slide|story|article|video)|/\s*PRNewswire\s*/|^CLOSE\b|
    ^(?:watch|video|photos?|related|more|see\ also|listen|advertisement)\s*[:|]|media\ playback|
    (?:follow|like)\ (?:us|him|her|me)\ on|join\ the\ conversation|comments?\ (?:are|is)\ closed|
    this\ (?:video|page|site)\ (?:is|was|has|requires)|javascript|your\ browser""",
    re.IGNORECASE | re.VERBOSE,
)
"""Phrases of page chrome: they address a site's reader, never a news reader."""
_CROSSLINK = re.compile(
    r"^\(?(?:see|read|watch|click|related|more|listen)\b[^.]{0,80}\.?\)\.?$|\b(?:REUTERS|AP|AFP|Getty Images|EPA)/\w",
    re.IGNORECASE,
)
_YOU = re.compile(r"\b(?:you|your)\b", re.IGNORECASE)
_SITE_THING = re.compile(
    r"\b(?:tweets?|twitter|facebook|instagram|account|app|browser|device|video|email|inbox|site|page|"
    r"download|watch|listen|share|comment|profile|notifications?|settings?|subscribers?)\b",
    re.IGNORECASE,
)
_REPORTING = re.compile(r"\b(?:said|says|told|according to|reported|announced|posted|wrote|tweeted)\b", re.IGNORECASE)
_DATELINE = re.compile(
    r"""^(?:[A-Z][\w.'’-]*(?:,?\s+[A-Z0-9][\w.'’-]*){0,4}\s*\((?:AP|Reuters|AFP|CNN|UPI|Bloomberg|dpa|AFP)\)|[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)*,?(?:\s+[A-Z][a-z.]+){0,3}(?:,\s+[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4})?
    \s*(?:\((?:AP|Reuters|AFP|CNN|UPI|Bloomberg|dpa)\)\s*)?[-—–_]{1,2}|\((?:AP|Reuters|AFP|CNN)\)\s*[-—–_])""",
    re.VERBOSE,
)
"""A dateline: "BRUSSELS, Belgium (AP) _", "CAIRO —", "(CNN) -"."""
_WIRE = re.compile(
    r"""\b(?:\d+(?:st|nd|rd|th)\ (?:graf|para|ld|lead)|pvs|eds?:|editor'?s\ note|updated\ (?:at|on)\b|
    this\ (?:story|article)\ (?:has\ been|was)\ (?:updated|corrected)|contributed\ (?:to\ )?this\ report|
    associated\ press\ writers?|_{3,})""",
    re.VERBOSE | re.IGNORECASE,
)
"""Wire-service and editors' notes: "2nd graf pvs", "Eds: ...", "Associated Press writer ... contributed"."""
_CAPTION_VERB = re.compile(
    r"""^(?:[\w.'’,-]+\s+){1,9}?(?:(?:is|are)\ (?:seen|pictured|shown)|pictured|poses?|waves?|walks?|arrives?|
    speaks|answers|looks\ on|gestures|smiles|holds|stands|sits|leaves|attends|listens|reacts|delivers|addresses|
    greets|celebrates|talks\ (?:to|with)|shakes|hugs|wears|carries|rides|marches|prays|mourns|displays|
    takes\ part|plays|performs|cheers|gathers|watches|points|raises)\b""",
    re.VERBOSE,
)
_CAPTION_TAIL = re.compile(
    r"""(?:\b(?:in|on|at|during|outside|near)\b[^.]{0,80}|
    (?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?|\b(?:19|20)\d\d)\.?$""",
    re.VERBOSE,
)
_PAST = re.compile(r"\b\w+ed\b|\b(?:was|were|had|did|said|told|went|came|made|took|gave|left)\b")


_GLUED_LEAD = re.compile(
    r"""[^.,;:!?"“”]*?\s(?!(?:in|on|at|to|of|for|from|with|by|near|outside|and|the|a|an)\s)[a-z]+\s+
    (?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,4}\s+
    (?:said|says|told|announced|reported)\b""",
    re.VERBOSE,
)
"""After a caption's verb, no punctuation, then a lower-case word and a capitalised one that a reporting verb
follows within a few words: a lead glued to the caption ("... speaks to reporters Peru's police chief said")."""


def glued_caption(text: str) -> bool:
    """A photo caption glued to the lead with no punctuation between them."""
    verb = _CAPTION_VERB.search(text[:120])
    if verb is None or _PAST.search(verb.group()):
        return False
    return bool(_GLUED_LEAD.match(text, verb.end()))


def caption(text: str) -> bool:
    """A photo caption: present-tense action of someone pictured, ending on where or when; or one glued to the lead."""
    if glued_caption(text):
        return True
    if any(q in text for q in ('"', "“", "”")) or _REPORTING.search(text):
        return False
    head = text[:120]
    return bool(_CAPTION_VERB.search(head) and _CAPTION_TAIL.search(text.rstrip()) and not _PAST.search(head[:40]))


def furniture(text: str, whole_line: bool) -> bool:
    """Chrome, captions, datelines, wire notes, headlines and teasers."""
    words = text.split()
    quoted = any(q in text for q in ('"', "“", "”"))
    if _DATELINE.search(text) or _WIRE.search(text) or caption(text) or _CHROME.search(text):
        return True
    if _CROSSLINK.search(text) or (len(words) <= 3 and whole_line and not quoted):
        return True  # "(See the top 10 movie performances of 2009.)", "REUTERS/Brian Snyder", "C+"
    addressed = _YOU.search(text) and _SITE_THING.search(text) and not _REPORTING.search(text)
    if addressed and not quoted and len(words) <= 20:
        return True  # "You always have the option to delete your Tweet location history."
    caps = [w for w in words if w[:1].isupper() or not w[:1].isalpha()]
    if len(words) >= 4 and len(caps) >= 0.7 * len(words) and not quoted:
        return True  # "Pop Star Hubby Wants HUGE Allowance"
    question = text.rstrip("\"'”’ ").endswith("?")
    if question and not quoted and len(words) <= 15 and whole_line:
        return True  # "Who are the Russians who contacted the Trump campaign?"
    return not _END.search(text.rstrip()) and len(words) <= 25 and not text.rstrip().endswith(":")


# --- orphans ---------------------------------------------------------------------------
_PRONOUN_LEAD = re.compile(
    r"^[\"'“‘(]*(?:(?:and|but|so|also|yet|still|then)\b,?\s*)?"
    r"(?:he|she|they|his|her|their|him|them|its|it|this|these|those|that)\b(?!\s+(?:is|was)\s+\w+\s+(?:to|that)\b)",
    re.IGNORECASE,
)
_LEANING = re.compile(
    r"^[\"'“‘(]*(?:and|but|so|also|yet|still|then|instead|meanwhile)\b|^\W*\w+(?:\s+\w+)?\?$", re.IGNORECASE
)
"""A connective first, or a bare short question ("Sound familiar?"): it continues something."""
_PRONOUN_SPEAKER = re.compile(
    r"[,?!]\s*[”\"’']?\s*(?:he|she|they)\s+(?:said|says|added|adds|told|wrote|continued|explained)\b", re.IGNORECASE
)
_SPEECH = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|asked|wrote|writes|according|explained|stated|noted|continued|"
    r"insisted|argued|warned|stressed|replied|responded|admitted|recalled|announced|declared|tweeted|posted)\b",
    re.IGNORECASE,
)


def bare_quote(text: str) -> bool:
    """All quotation, no speaker: nothing outside the quotes says who is talking."""
    t = text.strip()
    if not t.startswith(("“", '"')):
        return False
    outside = re.sub(r"[“\"][^”\"]*[”\"]", " ", t)
    return not _SPEECH.search(outside) and len(_WORD.findall(outside)) <= 2


def needs_context(text: str) -> bool:
    """A bare quote, or a sentence whose subject or speaker is a pronoun not named in it."""
    if bare_quote(text) or _PRONOUN_LEAD.match(text) or _LEANING.match(text):
        return True
    if not _PRONOUN_SPEAKER.search(text):
        return False
    outside = re.sub(r"[“\"][^”\"]*[”\"]", " ", text)
    names = [w for w in re.findall(r"\b[A-Z][a-z]{2,}", outside) if w.lower() not in _STARTERS]
    return not names


# --- repeats ---------------------------------------------------------------------------
def content_stems(text: str) -> set[str]:
    from summarize.text import tokenize

    return set(tokenize(text))


def same_point(a: str, b: str, cosine: Callable[[str, str], float] | None, threshold: float) -> bool:
    """Most content words shared, or (with an embedding) a close paraphrase."""
    if len(a.split()) < 4 or len(b.split()) < 4:
        return False
    sa, sb = content_stems(a), content_stems(b)
    if sa and sb and len(sa & sb) >= 0.6 * min(len(sa), len(sb)) and len(sa & sb) >= 4:
        return True
    return cosine is not None and cosine(a, b) >= threshold


# --- a brief ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Place:
    """Where a brief sentence was found: document, start, end (exact substring)."""

    doc: int
    start: int
    end: int


def locate(text: str, documents: Sequence[str]) -> Place | None:
    for d, doc in enumerate(documents):
        k = doc.find(text)
        if k >= 0:
            return Place(d, k, k + len(text))
    return None


def _whole_line(place: Place | None, documents: Sequence[str]) -> bool:
    if place is None:
        return False
    doc = documents[place.doc]
    before = doc[max(0, place.start - 200) : place.start]
    after = doc[place.end : place.end + 200]
    return (not before.strip() or "\n" in before[len(before.rstrip()) :] or before.rstrip().endswith("\n")) and (
        not after.strip() or "\n" in after[: len(after) - len(after.lstrip())]
    )


def _leans_on(place: Place | None, previous: Place | None, documents: Sequence[str]) -> bool:
    """Whether the brief sentence before is the source text just before this one (its antecedent)."""
    if place is None or previous is None or place.doc != previous.doc or previous.end > place.start:
        return False
    gap = documents[place.doc][previous.end : place.start]
    return len(gap) < 400 and gap.count(".") <= 2


def audit_brief(
    sentences: Sequence[str],
    documents: Sequence[str],
    *,
    cosine: Callable[[str, str], float] | None = None,
    threshold: float = 0.75,
) -> list[set[str]]:
    """The defect classes of each brief sentence, in order."""
    places = [locate(s, documents) for s in sentences]
    found: list[set[str]] = []
    for k, text in enumerate(sentences):
        place = places[k]
        after = documents[place.doc][place.end : place.end + 200] if place else None
        classes = set()
        if broken_split(text, after):
            classes.add("split")
        wrapped = wrap_cut(text, after)
        if wrapped:
            classes.add("wrap")
        if not wrapped and furniture(text, _whole_line(place, documents)):
            classes.add("furniture")
        if needs_context(text) and not _leans_on(place, places[k - 1] if k else None, documents):
            classes.add("orphan")
        if any(same_point(text, sentences[j], cosine, threshold) for j in range(k)):
            classes.add("repeat")
        found.append(classes)
    return found


# --- runs and validation ----------------------------------------------------------------
def paraphrase_cosine() -> Callable[[str, str], float] | None:
    """Cosine of the project's static embeddings, when built; ``None`` leaves repeats to shared words."""
    try:
        from summarize import embeddings
    except ImportError:
        return None
    model = embeddings.get()
    if model is None:
        return None

    def cosine(a: str, b: str) -> float:
        va, vb = model.encode([a, b])
        return float(va @ vb)

    return cosine


def tally(briefs: Sequence[tuple[str, Sequence[str], list[set[str]]]]) -> dict:
    """Counts per class and overall over ``(cluster id, sentences, classes)`` triples."""
    sentences = sum(len(s) for _, s, _ in briefs)
    per = {c: sum(c in cls for _, _, found in briefs for cls in found) for c in CLASSES}
    bad = sum(bool(cls) for _, _, found in briefs for cls in found)
    return {"briefs": len(briefs), "sentences": sentences, "defective": bad,
            "rate": bad / sentences if sentences else 0.0, "classes": per}


def examples(briefs, limit: int = 8) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {c: [] for c in CLASSES}
    for cid, sents, found in briefs:
        for k, cls in enumerate(found):
            for c in sorted(cls):
                if len(out[c]) < limit:
                    out[c].append({"cluster": cid, "sentence": k, "text": sents[k]})
    return out


def precision_recall(labelled: Sequence[tuple[set[str], set[str]]]) -> dict[str, dict]:
    """Per class and for "any defect": precision and recall of the audit's (found, labelled) sets."""
    rows = {}
    for c in (*CLASSES, "any"):
        def has(s: set[str], c=c) -> bool:
            return bool(s) if c == "any" else c in s
        tp = sum(has(f) and has(g) for f, g in labelled)
        fp = sum(has(f) and not has(g) for f, g in labelled)
        fn = sum(not has(f) and has(g) for f, g in labelled)
        rows[c] = {"labelled": tp + fn, "found": tp + fp, "tp": tp,
                   "precision": tp / (tp + fp) if tp + fp else None, "recall": tp / (tp + fn) if tp + fn else None}
    return rows
