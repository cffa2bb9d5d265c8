"""summarize: one short, cited brief from several articles about one event.

The pipeline reads from the package layout::

    sources -> sentences -> similarity -> rank -> select (MMR) -> provenance
            -> fusion (guarded) -> Brief -> render

>>> from summarize import summarize
>>> brief = summarize([text_a, text_b, text_c], words=120)   # doctest: +SKIP
>>> print(brief.to_markdown())                               # doctest: +SKIP
"""

__version__ = "0.1.0"

from .brief import Brief, BriefSentence, Citation, GuardVerdict, Group, Sentence, Source
from .errors import InputError, ModelError, ModelTimeout, SourceError, SummarizeError
from .pipeline import Options, Summarizer, summarize

__all__ = [
    "Brief",
    "BriefSentence",
    "Citation",
    "GuardVerdict",
    "Group",
    "InputError",
    "ModelError",
    "ModelTimeout",
    "Options",
    "Sentence",
    "Source",
    "SourceError",
    "SummarizeError",
    "Summarizer",
    "__version__",
    "summarize",
]
