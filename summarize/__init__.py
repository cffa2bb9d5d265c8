"""summarize: one short, cited brief from several articles about one event.

The pipeline reads from the package layout, one module per stage::

    sources -> sentences -> similarity -> rank -> select (MMR) -> provenance
            -> fusion (guarded) -> Brief -> render

with :mod:`summarize.text` (words, tokens, stems, stop words, sentences) and
:mod:`summarize.tuning` (every tuned number) shared by all of them.

>>> from summarize import summarize, to_markdown
>>> brief = summarize([text_a, text_b, text_c], words=120)   # doctest: +SKIP
>>> print(to_markdown(brief))                              # doctest: +SKIP

The public face is :data:`__all__`: the call (``summarize``, ``Summarizer``,
``Options``, ``Tuning``), reading input (``read_sources``, ``as_sources``),
the result records (``Brief`` and what it holds), the renderers and the error
types.  ``Sentence`` and ``Group`` are records passed between stages; they are
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
    FusionInfo,
    GuardVerdict,
    Notice,
    Source,
    Variant,
)
from .errors import InputError, ModelError, ModelTimeout, SourceError, SummarizeError
from .pipeline import Document, Options, Summarizer, summarize
from .render import FORMATS, render, to_json, to_markdown, to_text
from .sources import as_sources, read_sources
from .tuning import Tuning

__all__ = [
    "FORMATS",
    "Brief",
    "BriefMeta",
    "BriefSentence",
    "Citation",
    "Conflict",
    "Document",
    "FusionInfo",
    "GuardVerdict",
    "InputError",
    "ModelError",
    "ModelTimeout",
    "Notice",
    "Options",
    "Source",
    "SourceError",
    "SummarizeError",
    "Summarizer",
    "Tuning",
    "Variant",
    "__version__",
    "as_sources",
    "read_sources",
    "render",
    "summarize",
    "to_json",
    "to_markdown",
    "to_text",
]
