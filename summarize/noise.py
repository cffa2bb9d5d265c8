"""Page furniture, recognised by what it is: not a list of sites.

A scraped news page carries more than its story: photo captions and credits,
embedded videos and posts, social and newsletter prompts, datelines and
wire-service notes, and the headlines and teasers of other stories.  Each kind
has a shape of its own, and these rules describe the shape:

- **captions** describe a picture: someone *does* something in the present
  tense ("waves", "is pictured", "speaks to the media") at a place or on a
  date, with no one quoted; or they say so ("FILE - In this ... file photo",
  "Image caption", a photographer's credit); or, in a gallery of quotes or
  pictures, they give the date and the occasion ("12 March, 2019, during her
  first speech to the assembly.");
- **embeds and site prompts** address the page's reader ("You always have the
  option to delete your Tweet location history", "Would you like to proceed
  to legacy Twitter?", "What do you think of her latest statement?", "Read the
  updated story here"), or are the signature of
  an embedded post ("— Name (@handle) June 3, 2018") or a video blurb ("CLOSE
  ..."), or a link;
- **wire notes** are for editors, not readers ("2nd graf pvs", "Eds:",
  "___", "Associated Press writer ... contributed to this report");
- **teasers** are lines of their own that are not sentences of the story: a
  short question ("Who are the Russians who contacted the Trump campaign?"),
  a title-cased line, a truncated teaser ending in "... (Associated Press)".

A **dateline** ("BRUSSELS, Belgium (AP) _", "CAIRO —", "(CNN)") is not a
sentence but a prefix of the first one: :func:`dateline_end` says where the
sentence proper starts, so the span can skip it and stay exact.  A wire mark
*inside* a sentence ("... the ferry... ( associated press ) athens ( ap ) — ", "Story highlights ... ( cnn ) ")
ends what a scraper glued before the story (a gallery's truncated caption, a
box of highlights, a headline) and starts the story; so does an embedded post's
signature ("a photo posted by ... on Jul 7, 2015 at 6:09am PDT"): :func:`glued_mark_end`
says where.  So is a
**caption glued to the lead** with nothing between them, as a scraper leaves
it ("A police officer speaks to reporters outside the station Peru's police
chief said on Monday that ..."): :func:`glued_caption_end` finds where the
lead starts.  A capitalised "The", "He" or "In" between two lower-case words
is such a seam whatever the caption's tense ("... bags of cash to reporters
The city's police chief has suspended ..."): prose never capitalises them
mid-sentence, and a title does not go on in lower case.

The rules are written for precision: a news sentence *about* a tweet or a
photo ("Trump tweeted ...", "police released photos of the suspect") is not
furniture, because it reports, quotes or names a speaker.
"""

from __future__ import annotations

import re


def _lowered(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` compiled for lower-cased text: its letters lower-cased (escapes such as ``\\S`` kept), no
    IGNORECASE.  A rule matched on ``sentence.lower()`` this way runs three to five times faster than with
    IGNORECASE, and furniture rules run on every sentence of every source."""
    out, escaped = [], False
    for ch in pattern:
        out.append(ch if escaped else ch.lower())
        escaped = not escaped and ch == "\\"
    return re.compile("".join(out), flags)


_QUOTES = ('"', "“", "”")


def _quoted(text: str) -> bool:
    """Whether ``text`` holds a quotation mark: someone is quoted, so it is prose, not a caption or a prompt."""
    return any(q in text for q in _QUOTES)

_REPORTS = re.compile(
    r"\b(?:said|says|told|tells|according\ to|reported|announced|wrote|tweeted|posted|added|asked)\b", re.IGNORECASE
)

_CAPTION_SUBJECT_VERB = re.compile(
    r"""^(?:[\w.'’,()/-]+\s+){1,16}?(?:(?:is|are)\ (?:seen|pictured|shown)|pictured|poses|waves|arrives|speaks|
    answers|looks\ on|gestures|smiles|holds|stands|sits|leaves|attends|listens|reacts|delivers|addresses|greets|
    celebrates|talks\ to|shakes|hugs|wears|carries|rides|marches|prays|mourns|displays|takes\ part|performs|
    cheers|gathers|watches|points|raises|walks|
    pose|attend|gather|carry|march|mourn|pray|cheer)\b""",
    re.VERBOSE,
)
"""Someone doing something now: captions are written in the present tense, news in the past."""
_CAPTION_TAIL = re.compile(
    r"""(?:\b(?:in|on|at|during|outside|near|after|before)\b[^.;:]{0,90}|
    \b(?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?,?\s+\d{1,2}(?:,\s*\d{4})?|\b(?:19|20)\d\d)
    \s*(?:\([^)]{0,60}\))?\.?$""",
    re.VERBOSE,
)
"""... at a place or on a date, where a caption ends (a credit in brackets may follow)."""
_CAPTION_MARK = _lowered(
    r"""^\s*(?:FILE\s*[-—–:]|\(?(?:AP|AFP|Reuters|Getty)\s+Photo|Image\s+(?:caption|copyright)|Photo\s*(?:credit)?\s*:|
    Pictured\s*:|Caption(?:\s*:|\s)|\((?:left\ to\ right|L-R|from\ left)\)|(?:Picture|Photo)\ taken\b|
    (?:File\ )?In\ th(?:is|ese)\ (?:(?:[a-z]+day,\ )?[a-z]{3,9}\.?\ (?:\d{1,2},\ )?\d{4},?\ )?
    (?:undated\ |handout\ |file\ )*(?:photo|image|picture|frame\ grab)s?\b)|
    \b(?:file\ photo|AP\ Photo/|/AP\ Photo|
    Photo\ by\ |Photograph:\ |Getty\ Images|Shutterstock|FILE\ [-—–]|photos?\ (?:released|provided|taken)\ by|
    (?:image|photo)\ courtesy)\b|\bvia\ (?:Reuters|AP|AFP|Getty|EPA|Facebook|Twitter|Instagram)\s*$""",
    re.VERBOSE,
)
"""A sentence that says it belongs to a picture (matched on the lower-cased sentence)."""
_CAPTION_VERBS = frozenset(
    """is are pictured poses pose waves arrives speaks answers looks gestures smiles holds stands sits leaves attends
    attend listens reacts delivers addresses greets celebrates talks shakes hugs wears carries carry rides marches
    march prays pray mourns mourn displays takes performs cheers cheer gathers gather watches points raises
    walks""".split()
)
"""The verbs of :data:`_CAPTION_SUBJECT_VERB`, as words: a sentence with none of them is no caption."""
_PAST = re.compile(r"\b(?:was|were|had|has|have|did|will|would|could|can|to|that|which|who|when|if|\w+ed)\b")
"""Words a caption's subject never holds: tenses, modals, clauses ("Cellphone videos taken by ... that show")."""
_TENSE = re.compile(r"\b(?:was|were|had|has|have|will|would)\b")
"""A caption stays in the present; reporting moves through tenses."""
_NOT_A_SUBJECT = frozenset("to with in on at for as if when while but and so meanwhile even though although".split())


_MONTH = r"(?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
_DATED_OCCASION = re.compile(
    rf"^(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}(?:\s+\d{{1,2}})?),?\s+(?:19|20)\d\d,\s+"
    r"(?:during|at|in|on|after|before|as|when|while|with|\w+ing)\b"
)
"""The caption of a quote or a picture in a gallery: a date, then the occasion ("12 March, 2019, during her
first speech to the assembly.", "May 2004, as the new bridge opened.").  A news sentence that starts with a
date has its subject next ("Nov. 3, 2020, was ...") or starts with a preposition ("In August 1974, ...")."""


_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_STAMP_PART = rf"""(?:{_WEEKDAY}|{_MONTH}|(?:19|20)\d\d|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|
    \d{{1,2}}\s?[:.]\s?\d{{2}}(?:[ap]m)?|\d{{1,2}}(?:st|nd|rd|th|[ap]m)?|[ap]\.?\s?m\.?|(?:at|on)(?=\s+\d)|[ecmp][sd]?t|gmt|bst|utc|aest|eastern|pacific)"""
UPDATE_STAMP = rf"""updated(?:(?=[\s:,]+(?:[a-z.]+[\s,]+){{0,2}}\d)[\s:,]*(?:{_STAMP_PART}(?![\w])[\s,:–-]*)+|
    \s*(?:\||&\#124;)\s*)"""
"""A page's update stamp before its first sentence ("Updated: Nov. 3, 2016, at 10:54 p.m. ", "Updated 6.15pm ",
"Updated | "), for ``re.IGNORECASE | re.VERBOSE``: a time or date must follow within three words, so a sentence
about "updated guidelines" keeps its start."""

_DATED_PICTURE = re.compile(
    rf",(?<!\bon,)(?<!\bsince,)(?<!\buntil,)(?<!\bby,)(?<!\bfrom,)(?<!\d,)\s+(?:{_WEEKDAY},\s+)?{_MONTH}\s+\d{{1,2}},\s+"
    r"(?:19|20)\d\d\s*(?:\([^)]{0,60}\))?\.?\s*$",
    re.IGNORECASE,
)
"""A picture's date appended after a comma, as agencies caption photos ("... in Orlando, Fla., Wednesday, May 22,
2013."); prose dates an event with a preposition ("... on Saturday, Dec. 14, 2013.").  The comma comes first and
the words before it are looked behind, so a search skips straight to the commas (a pattern that opens with a
look-behind is tried at every position: twenty times slower on news sentences)."""


def caption(sentence: str) -> bool:
    """A photo caption or credit, or the dated occasion of a gallery item."""
    low = sentence.lower()
    if mentions(low, _CAPTION_KEYS) and _CAPTION_MARK.search(low):
        return True
    if _DATED_OCCASION.match(sentence) or _dated_picture(sentence):
        return True
    if not sentence[:1].isupper() or _CAPTION_VERBS.isdisjoint(low.split()[:18]):
        return False  # the cheap test first: no caption verb near the start
    if _quoted(sentence) or _REPORTS.search(sentence):
        return False
    verb = _CAPTION_SUBJECT_VERB.search(sentence[:140])
    if not verb or _PAST.search(verb.group()) or _TENSE.search(sentence) or not sentence[:1].isupper():
        return False
    subject = verb.group().split()[:-1]
    if subject and subject[0].lower() in _NOT_A_SUBJECT:
        return False  # "To provide you ...", "With this in mind ...": a clause, not a pictured subject
    return bool(_CAPTION_TAIL.search(sentence.rstrip()))


def _dated_picture(sentence: str) -> bool:
    """A sentence ending on a picture's date, not inside a quotation; the weekday, when given, is the picture's
    too, not the day an event was set "on"."""
    match = _DATED_PICTURE.search(sentence)
    if not match or _quoted(sentence):
        return False
    head = sentence[: match.start()]
    return not re.search(rf"\b(?:on|since|until|by|from)\s+{_WEEKDAY}$", head, re.IGNORECASE)


_READER = re.compile(r"\b(?:you|your)\b")
_SITE = re.compile(
    r"\b(?:tweets?|twitter|facebook|instagram|account|app|browser|device|video|e-?mail|inbox|site|page|download|"
    r"watch|listen|share|comments?|profile|notifications?|settings|subscribers?|location|sign|log|click|tap)\b",
)
_EMBED = _lowered(
    r"""legacy\ twitter|location\ history|tweet\ location|pic\.twitter\.com|
    https?://|www\.\w|\w@\w+\.\w|—\s*[^()]{1,40}\(@\w+\)|\(@\w+\)\s*(?:January|February|March|April|May|June|July|
    August|September|October|November|December)|read\ (?:more|the\ (?:full|updated|original)\ (?:story|article))|
    story\ continues|continue\ reading|have\ a\ tip|send\ (?:us\ )?(?:your\ )?tips|/\s*PRNewswire\s*/|
    media\ playback|autoplay|slideshow|(?:next|previous)\ (?:slide|story|article|video)|join\ the\ conversation|
    comments?\ (?:are|is)\ closed|this\ (?:video|page|site)\ (?:is|was|has|requires)|your\ browser|
    (?:follow|like)\ (?:us|him|her|me)\ on|sign\ up|newsletter|subscri(?:be|ption)|see\ gallery|
    (?:hide|show)\ caption|\b\d+\ PHOTOS\b|full\ size\ image|enlarge\ this\ image|\bcrawls?\ of\b|
    no\ more\ 404|up\ next|(?:full|complete)\ (?:report|story|article|text|transcript|video)\b[^.]{0,40}\b
    available\ (?:here|online|below|at)""",
    re.VERBOSE,
)
"""Embedded posts and videos, links, and the prompts of a site to its reader (matched on the lower-cased sentence)."""
_EMBED_START = re.compile(
    r"CLOSE\b|(?:watch|video|photos?|gallery|related|more|see\ also|listen|play|advertisement|comments|"
    r"text\ size|share|image)\s*(?:[:|]|$)|(?:published|uploaded)\ on\ [a-z]{3,9}\.?\ \d{1,2},\ \d{4}\b",
    re.IGNORECASE,
)
"""A video blurb ("CLOSE ...", a video's "Published on Jun 14, 2016 ...") or a label ("Watch:", "Related:")."""


_READER_ORDER = re.compile(
    r"(?:add|read|watch|click|see|check(?:\ out)?|follow|sign\ up|scroll|find|get|download|subscribe|listen|view|tap|"
    r"join|visit|learn\ more|keep\ up|stay|discover|explore|browse|catch\ up|tune\ in|don['’]t\ miss)\s",
    re.IGNORECASE,
)
_PAGE_POINTER = re.compile(
    r"\b(?:below|above|here|this\ (?:page|post|story|article|report)|latest|updates?|news|videos?|interests?|app|"
    r"newsletters?|coverage|gallery|photos|link|site|alerts?|podcast|on\ (?:twitter|facebook|instagram)|"
    r"full\ (?:story|article|list|report|results|text)|comments)\b",
)
"""A sentence that tells its reader to do something on the page ("Read part of the conversation below.",
"Add Harvey Weinstein as an interest to stay up to date on the latest news"): an order to the reader, about
the page or the site, is furniture whatever the site; news sentences do not open with an order."""

_MORE_LINK = re.compile(r"(?:\.\.\.|…)\s*more\W*$")


def embed(sentence: str) -> bool:
    """Embed, video, social or newsletter furniture, and orders to the reader about the page."""
    low = sentence.lower()
    if sentence[:1].isupper() and _EMBED_START.match(sentence):
        return True
    quoted = _quoted(sentence)
    if _READER_ORDER.match(sentence) and _PAGE_POINTER.search(low) and not quoted:
        return True
    if _MORE_LINK.search(low):
        return True  # "New owner looking for a publisher; several... More.": a teaser's link to its story
    if sentence.startswith("[") and sentence.rstrip(" .").endswith("]"):
        return True  # "[Solar Quiz: How Well Do You Know Our Sun?]": a link to another page, in brackets
    if mentions(low, _EMBED_KEYS) and _EMBED.search(low):
        return True
    reader = "you" in low and _READER.search(low)
    if not reader or quoted or len(sentence.split()) > 30:
        return False
    return bool(_SITE.search(low)) or sentence.rstrip().endswith("?")  # "What do you think of ...?"


_WIRE_NOTE = _lowered(
    r"""\b\d+(?:st|nd|rd|th)\ (?:graf|para|ld|lead)\b|\bpvs\b|\beditor'?s\ note\b|
    this\ (?:story|article)\ (?:has\ been|was)\ (?:updated|corrected)|contributed\ (?:to\ )?this\ report|
    associated\ press\ writers?\b|_{3,}|
    \.\.\.\s*\((?:Associated\ Press|AP|Reuters|AFP)\)\s*$""",
    re.VERBOSE,
)
"""Notes for editors and wire teasers cut off with "... (Associated Press)", anywhere in the sentence."""
_WIRE_OPENING = _lowered(
    r"""\s*(?:eds?:|updated\s*(?::|at|on)\b|(?:for\ (?:movement|release|use)|embargoed)\b|
    (?:by|from)\ [A-Z][\w.'’-]+(?:\ [A-Z][\w.'’-]+){0,3}\s*$)""",
    re.VERBOSE,
)
"""Notes and bylines that make a line of their own, matched at its start (tried at every position, as one
alternation with the notes above, they took two thirds of the time of the furniture rules)."""


def wire_note(sentence: str) -> bool:
    low = sentence.lower()
    if not mentions(low, _WIRE_KEYS):
        return False
    return bool(_WIRE_OPENING.match(low)) or (mentions(low, _WIRE_NOTE_KEYS) and bool(_WIRE_NOTE.search(low)))


def mentions(low: str, keys: tuple[str, ...]) -> bool:
    """A cheap first test: none of a rule's words in the sentence, so the rule's regular expression cannot match.

    Substring tests, not a regular expression of the words: an alternation of
    thirty literals is tried at every position, twice as slow as this loop.
    """
    for key in keys:  # noqa: SIM110 - the loop, not any() over a generator: this runs on every sentence
        if key in low:
            return True
    return False


_CAPTION_KEYS = ("file", "photo", "image", "picture", "caption", "getty", "shutterstock", "left", "l-r", "via ",
                 "courtesy", "ap ", "afp", "reuters")
_EMBED_KEYS = ("twitter", "location", "pic.", "http", "www.", "@", "read ", "story", "continue", "tip",
               "prnewswire",
               "playback", "autoplay", "slide", "next", "previous", "conversation", "comment", "video", "page", "site",
               "browser", "follow", "like ", "sign up", "newsletter", "subscri", "gallery", "caption", "photos",
               "full size", "enlarge", "crawl", "404", "up next", "available")
_WIRE_NOTE_KEYS = ("graf", "para", " ld", "lead", "pvs", "editor", "this story", "this article", "contributed",
                   "associated press", "___", "(ap)", "(reuters)", "(afp)")
"""The words of :data:`_WIRE_NOTE` alone: "by ", "from " and "for " (a third of all sentences) open bylines only."""
_WIRE_KEYS = ("graf", "para", " ld", "lead", "pvs", "eds", "editor", "updated", "this story", "this article",
              "contributed", "associated press", "___", "by ", "from ", "for ", "embargoed", "(ap)", "(reuters)",
              "(afp)")


def teaser(sentence: str, lone_line: bool, question_max_words: int) -> bool:
    """A line of its own that is a headline or teaser, not a sentence of the story."""
    if not lone_line or _quoted(sentence):
        return False
    words = sentence.split()
    if sentence.rstrip().endswith("?") and len(words) <= question_max_words:
        return True  # "Who are the Russians who contacted the Trump campaign?"
    capitals = sum(w[:1].isupper() or not w[:1].isalpha() for w in words)
    return len(words) >= 4 and capitals >= 0.7 * len(words)  # "Pop Star Hubby Wants HUGE Allowance!"


_ANNOUNCEMENT = re.compile(
    r"^\W*here(?:['’]s|\s+is|\s+are)\s+(?:what|how|why|where|who|when|a\s+look|the\s+latest|everything|some|more)\b"
    r"[^:]*[.!]\W*$",
    re.IGNORECASE,
)
"""A lead-in that announces what follows it on the page and says none of it ("Here's what you need to know about
her.", "Here is what the cast has been up to since then."); one that goes on after a colon says something."""


def furniture(sentence: str, lone_line: bool, question_max_words: int) -> bool:
    """Any kind of page furniture (see the module docstring)."""
    return (
        caption(sentence) or embed(sentence) or wire_note(sentence) or teaser(sentence, lone_line, question_max_words)
        or bool(_ANNOUNCEMENT.match(sentence))
    )


_DATELINE = re.compile(
    r"""\s*(?:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)*(?:,\s*[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){0,2})?
    (?:,\s*(?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s+\d{4})?
    \s*(?:\((?:AP|Reuters|AFP|CNN|UPI|Bloomberg|dpa|Xinhua|IANS|PTI)\)|/\s*PRNewswire\s*/)?\s*(?:[-—–_]{1,2}|:)\s+
    |\((?:AP|Reuters|AFP|CNN|CNNMoney|UPI)\)\s*(?:[-—–_]{1,2}\s*)?
    |[A-Z][a-z]+(?:[\s-][A-Z][a-z]+){0,2}(?:,\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})?\s+
    \((?:AP|Reuters|AFP|CNN|CNNMoney|UPI)\)\s*(?:[-—–_]{1,2}\s*)?)""",
    re.VERBOSE,
)
"""A dateline: "BRUSSELS, Belgium (AP) _ ", "CAIRO — ", "(CNN) ", "Seoul, South Korea (CNN) ",
"CHICAGO, Nov. 30, 2018 /PRNewswire/ -- "."""


_WIRE_MARK = re.compile(r"\((?:AP|Reuters|AFP|CNN|CNNMoney|UPI)\)")
"""A wire service's mark: after a city in ordinary case ("Seoul, South Korea (CNN)") it makes a dateline too."""


_STATION = r"(?:[kw][a-z]{2,3}(?:-(?:tv|fm|am|dt))?|[a-z0-9 ]{0,20}(?:news|tv|channel)[a-z0-9 ]{0,12})"
"""A local broadcaster in a dateline's brackets: call letters ("wpri", "kgtv-tv") or a news channel's name
("newschannel 3"), always before the dateline's dash."""
_SERVICES = "ap|reuters|afp|cnn|upi|xinhua|bloomberg|dpa|cbs|nbc|abc|bbc|cnbc|msnbc|pbs"
"""The wire services and networks whose mark, lower-cased and spaced ("( ap )", "chicago ( cbs )"), makes a
dateline before its dash."""
_SPACED_DATELINE = re.compile(
    r"""\s*(?:[A-Za-z][\w.'’-]*(?:,?\s+[\w.'’-]+){0,6}?\s*)?\(\s*(?:""" + _SERVICES + r""")\s*\)
    \s*(?:-{1,2}|[—–_:])(?:\s+|\s*$)
    |\s*(?:[A-Za-z][\w.'’-]*(?:,?\s+[\w.'’-]+){0,4}?\s*)?\(\s*""" + _STATION + r"""\s*\)\s*(?:-{1,2}|[—–])(?:\s+|\s*$)
    |\s*(?:[A-Za-z][\w.'’-]*(?:,?\s+[\w.'’-]+){0,2}?\s*)?\(\s*(?:ap|reuters|afp|cnn|upi|xinhua)\s*\)\s+(?=[a-z])""",
    re.VERBOSE,
)
"""A dateline in lower-cased, tokenized text ("New orleans ( ap ) — ", "zhengzhou, dec. 17 ( xinhua ) -- ", or
"( ap ) — " when the city went to the sentence before, "hong kong ( cnn ) " without a dash after a city of up
to three words; the first letter may be capitalised): the wire
service's mark, lower-cased and spaced, is what makes it one (tried only where a bracket is)."""


def dateline_end(text: str, start: int, end: int) -> int:
    """Where a sentence starts after its dateline (``start`` when it has none)."""
    spaced = _SPACED_DATELINE.match(text, start, end) if text.find("(", start, end) >= 0 else None
    if spaced:
        return spaced.end()  # all of a piece cut at its dash, when it is nothing but the dateline
    match = _DATELINE.match(text, start, end)
    if not match or match.end() >= end:
        return start
    city = text[start : match.end()].lstrip()
    if city[:1] != "(" and not re.match(r"[A-Z]{2}", city) and not _WIRE_MARK.search(city):
        return start
    if not re.match(r"[\"“‘'(]?[A-Z0-9]", text[match.end() : end]):
        return start  # a sentence starts after a dateline: "Police (CNN) said" is no dateline
    return match.end()


_INNER_WIRE_MARK = r"""(?:\(\s*)?associated\s+press\s*\)
    |\(\s*(?:""" + _SERVICES + "|" + _STATION + r""")\s*\)\s*(?:-{1,2}|[—–_])
    |\(\s*cnn\s*\)(?=\s+[a-z])"""
"""A wire service's mark that prose never writes inside a sentence: the gallery credit "( associated press )"
that ends a truncated caption (its opening bracket may have gone with the sentence before), a dateline's mark
before its dash, CNN's mark before its lead."""
_POSTED_BY = r"""(?:\ba\s+(?:photo|video)\s+)?\bposted\s+by\s+[^.!?]{1,80}?\s+on\s+(?:[a-z]+day,\s+)?
    [a-z]{3,9}\.?\s+\d{1,2},\s+\d{4}(?:,?\s+(?:at\s+)?\d{1,2}:\s?\d{2}\s?(?:[ap]m)?(?:\s+[a-z]{2,4}\b)?)?"""
"""The signature of an embedded post ("a photo posted by Name (@handle) on Jul 7, 2015 at 6:09am PDT", "Posted by
Name on Tuesday, September 15, 2015"): the post's text is before it, the story goes on after it."""
_SHARE_BAR = r"""\b(?:share\s+(?:shares?\s+)?(?:tweet|copy\s+link)|tweet\s+share)\b
    (?:\s+(?:copy|share|pin|email|send|link)\b)*
    (?:\s+hide\s+transcript\s+show\s+transcript(?:\s+webvtt)?(?:\s*>>)?)?"""
"""A page's share bar between its headline and its story ("... share tweet ", "tweet share share pin email ",
"share shares copy link copy hide transcript show transcript webvtt >> ")."""
_TWEET_SIGNATURE = rf"""\(\s*@\w+\s*\)\s*{_MONTH}\s+\d{{1,2}},\s+(?:19|20)\d\d"""
"""The end of an embedded tweet's signature ("— Jane Roe (@janeroe) May 18, 2015"): the tweet is before it, the
story goes on after it when the page's layout was lost."""
_GLUED_MARK = re.compile(
    rf"(?:{_INNER_WIRE_MARK}|{_POSTED_BY}|{_SHARE_BAR}|{_TWEET_SIGNATURE})\s*", re.IGNORECASE | re.VERBOSE
)
_STORY_HIGHLIGHTS = re.compile(r"\bstory\s+highlights\b", re.IGNORECASE)
"""CNN's box of highlights, its bullets run together with no stops: a list, not a sentence of the story."""


def glued_mark_end(text: str, start: int, end: int) -> int:
    """Where a sentence starts after the last wire mark, post or tweet signature or share bar in it (``start`` if
    none).

    A scraper that loses the page's layout glues a caption, a headline, a box
    of highlights or an embedded post to the story below it ("Story highlights
    ... ( cnn ) a salmonella outbreak ...", "... a photo posted by Name on Feb
    8, 2015 at 7:46am PST the sidewalks are too narrow ..."): what is before
    the mark is furniture, what follows is the story (nothing, when the mark
    ends the sentence).
    """
    piece = text[start:end]
    if piece.isascii() and not mentions(piece.lower(), _GLUED_MARK_KEYS):
        return start
    marks = list(_GLUED_MARK.finditer(text, start, end))
    return marks[-1].end() if marks else start


_GLUED_MARK_KEYS = ("(", "associated", "posted", "share", "tweet")
"""What every branch of :data:`_GLUED_MARK` must hold, one of them (the bracketed marks and a tweet's handle
open with "("): a piece of ASCII text with none has no mark (the pattern ignores case, which outside ASCII
reaches further: the long s is an "s").  A new branch needs its word here."""


def story_highlights(sentence: str) -> bool:
    """Whether ``sentence`` is a box of story highlights (see :data:`_STORY_HIGHLIGHTS`)."""
    if sentence.isascii() and "highlights" not in sentence.lower():
        return False  # the pattern cannot match (outside ASCII, ignoring case reaches further)
    return bool(_STORY_HIGHLIGHTS.search(sentence))


_GLUE = re.compile(r"(?<=[a-z0-9)])\s+(?=[A-Z][\w'’.-]*\s)")
"""A capitalised word right after a lower-case one with no punctuation between: where a glued lead may start."""
_LEAD_VERB = re.compile(
    r"\b(?:said|says|told|tells|announced|reported|confirmed|warned|added|was|were|has|have|had|will|would|\w+ed)\b"
)
"""A finite verb of reporting prose in a lead's first words (captions stay in the present)."""
_NOT_BEFORE_LEAD = frozenset(
    """a an the of in on at to for from with by near outside inside during after before and or but as about over
    under into onto between among against toward towards via""".split()
)
"""Words after which a capitalised word continues the clause ("speaks to Congress", "in Lima"): no glue there."""
_TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december jan feb aug sept oct nov dec""".split()
)
_CAPITAL_SEAM = re.compile(r"\s(?<=[a-z]\s)\s*(?=(?:The|An|He|She|They|His|Her|Their|This|In)\s+[a-z])")
"""A sentence opener capitalised after a lower-case word and before one: one text ends there and another begins
(a title goes on capitalised, "The Associated Press"; "A" is left out for "vitamin A deficiency").  The space
comes first and the letter before it is looked behind, so a search skips from space to space."""
GLUE_LEAD_WORDS = 8
"""Words of the supposed lead searched for its verb: "Peru's police chief said" has it fourth."""
GLUE_MIN_WORDS = 6
"""Words the lead must keep after the caption is cut off: less is no sentence of the story."""


def glued_caption_end(text: str, start: int, end: int) -> int:
    """Where the sentence proper starts after a photo caption glued to it without punctuation (``start`` if none).

    A capitalised opener between lower-case words (:data:`_CAPITAL_SEAM`) is a
    seam wherever it stands, outside a quotation, if a sentence's length is left
    after it.  Otherwise the sentence must open like a caption (someone doing something in the
    present tense, no quote, no reporting verb, no tense change) and go on,
    after a lower-case word, with a capitalised word that starts a clause of
    its own: it has a past or reporting verb within its first words, or the
    caption's words stand elsewhere in the page (the caption printed again
    under the picture).  Built for precision: a name after a preposition
    ("speaks to Congress"), after a capitalised word ("Congress Democrats"), a
    weekday or month ("arrives Monday") is never a seam, and the lead left must
    be a sentence of some length.
    """
    sentence = text[start:end]
    for seam in _CAPITAL_SEAM.finditer(sentence):
        if not _quoted(sentence[: seam.start()]) and len(sentence[seam.end() :].split()) >= GLUE_MIN_WORDS:
            return start + seam.end()
    verb = _CAPTION_SUBJECT_VERB.match(sentence[:160])
    if not verb or _PAST.search(verb.group()) or verb.group().split()[0].lower() in _NOT_A_SUBJECT:
        return start
    for seam in _GLUE.finditer(sentence, verb.end()):
        caption_text = sentence[: seam.start()]
        if _quoted(caption_text) or _REPORTS.search(caption_text) or _TENSE.search(caption_text):
            return start  # a clause that quotes, reports or changes tense is prose, not a caption
        before = caption_text.split()[-1]
        lead = sentence[seam.end() :]
        first = lead.split()[0].lower().strip("'’s.,")
        if not before[:1].islower() or before in _NOT_BEFORE_LEAD or first in _TIME_WORDS:
            continue  # "speaks to Congress", "in Lima", "arrives Monday": the clause goes on
        if len(lead.split()) < GLUE_MIN_WORDS:
            continue
        opening = " ".join(lead.split()[:GLUE_LEAD_WORDS])
        repeated = len(caption_text.split()) >= 4 and text.count(caption_text.strip()) > 1
        if _LEAD_VERB.search(opening) or repeated:
            return start + seam.end()
    return start
