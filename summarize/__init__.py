"""summarize: one short, cited brief from several articles about one event, or one per story of a day.

The pipeline reads from the package layout, one module per stage::

    sources -> sentences -> similarity -> rank -> select (MMR) -> provenance
            -> fusion (guarded) -> Brief -> render

with :mod:`summarize.text` (words, tokens, stems, stop words, sentences) and
:mod:`summarize.tuning` (every tuned number) shared by all of them.

>>> from summarize import digest, summarize, to_markdown
>>> brief = summarize([text_a, text_b, text_c], words=120)   # doctest: +SKIP
>>> print(to_markdown(brief))                              # doctest: +SKIP
>>> day = digest(todays_articles, words=80)                # doctest: +SKIP
>>> print(to_markdown(day))                                # one brief per story  # doctest: +SKIP

The public face is :data:`__all__`: the calls (``summarize``, ``Summarizer``,
``digest``, ``Options``, ``Tuning``), reading input (``read_sources``,
``as_sources``), the result records (``Brief``, ``Digest`` and what they
hold), follow-ups (``from_json`` reads a previous brief, ``only_new``), the
renderers and the error types.  ``Sentence`` and ``Group`` are records passed between stages; they are
importable from :mod:`summarize.brief` for extension authors but are not part
of the stable API.
"""

__version__ = "0.1.0"

from .brief import (
    Brief,
    BriefMeta,
    BriefSentence,
    Citation,
    Conflict,
    Copied,
    Digest,
    FollowUp,
    FollowUpInfo,
    FusionInfo,
    GuardVerdict,
    Mention,
    Notice,
    PreviousMatch,
    Source,
    Story,
    Title,
    Variant,
)
from .digest import digest
from .errors import InputError, ModelError, ModelTimeout, SourceError, SummarizeError
from .followup import only_new
from .load import from_json
from .options import Options
from .pipeline import Document, Summarizer, summarize
from .render import FORMATS, render, to_html, to_json, to_markdown, to_text
from .sources import as_sources, read_sources
from .tuning import Tuning

__all__ = [
    "FORMATS",
    "Brief",
    "BriefMeta",
    "BriefSentence",
    "Citation",
    "Conflict",
    "Copied",
    "Digest",
    "Document",
    "FollowUp",
    "FollowUpInfo",
    "FusionInfo",
    "GuardVerdict",
    "InputError",
    "Mention",
    "ModelError",
    "ModelTimeout",
    "Notice",
    "Options",
    "PreviousMatch",
    "Source",
    "SourceError",
    "Story",
    "SummarizeError",
    "Summarizer",
    "Title",
    "Tuning",
    "Variant",
    "__version__",
    "as_sources",
    "digest",
    "from_json",
    "only_new",
    "read_sources",
    "render",
    "summarize",
    "to_html",
    "to_json",
    "to_markdown",
    "to_text",
]
