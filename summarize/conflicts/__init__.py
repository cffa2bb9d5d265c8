"""Where sources disagree: claims about the same thing that state different values.

The stage runs on the :class:`~summarize.similarity.Space` the rest of the
pipeline shares (its similarity matrix is never recomputed):

- :mod:`.claims`: the comparable facts of a sentence (figures, names,
  negations, read by :mod:`summarize.facts`) and the words around each
  (:mod:`.words`: stems, clauses, weights; :mod:`.names`: names as compared);
- :mod:`.matching`: which claims of two sources are about the same thing,
  and whether they agree (:func:`find`);
- :mod:`.disputes`: linked claims joined into sides, one vote per document,
  support by independent source; what provenance (:func:`against`) and point
  selection (:func:`prefer_prevailing`) do with them; dates (:func:`by_date`);
- :mod:`.records`: the :class:`~summarize.brief.Conflict` records a brief
  lists, and which brief sentences state a side (:func:`records`).

Every threshold is a field of :class:`~summarize.tuning.Tuning`.
"""

from __future__ import annotations

from .disputes import Dispute, against, by_date, prefer_prevailing
from .matching import find
from .records import Listed, records

__all__ = ["Dispute", "Listed", "against", "by_date", "find", "prefer_prevailing", "records"]
