"""The facts a sentence states that can be checked or compared: figures, dates, names, negations.

One implementation, used by the fusion guard (is every figure of a fused
sentence in the text it cites?) and by conflict detection (do two sources give
different figures for the same thing?), so that "the same figure" means the
same thing in both places.

- :mod:`.reading`: figures as a text states them, normalised (:func:`figures`,
  :class:`Figure`; 34.5% = 34.5 per cent, $5bn = 5 billion dollars, ten = 10,
  June 10 = 10 June);
- :mod:`.compare`: whether two figures can state the same fact
  (:func:`same_figure`: rounding and bounds), and the figures of a text as
  comparable strings for the guard (:func:`numbers`);
- :mod:`.words`: names and negation markers with their offsets.
"""

from __future__ import annotations

from .compare import numbers, same_figure
from .reading import (
    CURRENCIES,
    MONTHS,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    SCALE_WORDS,
    WEEKDAYS,
    DateParts,
    Figure,
    figures,
)
from .words import NEGATIONS, name_offsets, names, negation_offsets, negations

__all__ = [
    "CURRENCIES",
    "MONTHS",
    "NEGATIONS",
    "NUMBER_WORDS",
    "ORDINAL_WORDS",
    "SCALE_WORDS",
    "WEEKDAYS",
    "DateParts",
    "Figure",
    "figures",
    "name_offsets",
    "names",
    "negation_offsets",
    "negations",
    "numbers",
    "same_figure",
]
