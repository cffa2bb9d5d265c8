"""The brief's view of disputes: :class:`~summarize.brief.Conflict` records, and which sentences state a side."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..brief import BriefSentence, Citation, Conflict, Sentence, Variant
from ..facts import figures, same_figure
from ..similarity import Space
from .claims import Claim
from .disputes import Dispute
from .words import canonical


@dataclass(frozen=True)
class Listed:
    """A :class:`Conflict` for the brief, with the claims behind it, to tell which brief sentences state a side."""

    conflict: Conflict
    claims: tuple[tuple[Sentence, Claim], ...]

    def stated_by(self, sentence: BriefSentence) -> bool:
        """Whether a brief sentence states a side: it cites a sentence with such a claim, and says the value."""
        cited = {(c.source, c.sentence) for c in sentence.citations}
        stated = figures(sentence.text)
        for s, claim in self.claims:
            if (s.source, s.index) not in cited:
                continue
            if claim.figure is not None and any(same_figure(f, claim.figure) for f in stated if f.kind == claim.kind):
                return True
            if claim.kind == "name" and claim.key in {canonical(w) for w in sentence.text.split()}:
                return True
            if claim.kind == "negation" and (s.source, s.index) == (
                sentence.citations[0].source,
                sentence.citations[0].sentence,
            ):
                return True
        return False


def records(disputes: Sequence[Dispute], space: Space, points: Sequence[int], limit: int) -> list[Listed]:
    """The ``limit`` most relevant disputes as :class:`Conflict` records for the brief.

    Disputes a point of the brief takes a side in come first (in brief order),
    then those more sources take part in.
    """
    order = {p: n for n, p in enumerate(points)}

    def relevance(d: Dispute) -> tuple[int, int, int]:
        at = min((order[s] for s in d.sentences if s in order), default=len(order))
        return (at, -sum(d.support), min(d.sentences))

    chosen = sorted(disputes, key=relevance)[:limit]
    out = []
    for d in chosen:
        claims = tuple((space.sentences[c.sentence], c) for side in d.sides for c in side)
        lead = next((c for c in d.sides[0] if c.sentence in order), d.sides[0][0])
        out.append(Listed(_record(d, space, lead), claims))
    return out


def _record(d: Dispute, space: Space, lead: Claim) -> Conflict:
    variants = tuple(
        Variant(side[0].value, n, tuple(Citation.of(space.sentences[c.sentence]) for c in side))
        for side, n in zip(d.sides, d.support, strict=True)
    )
    return Conflict(_about(lead, space.sentences[lead.sentence].text), d.kind, variants, d.update)


_LEAD_IN = frozenset("that said says showed shows showing according reported reports told".split())
"""Words after which the claim's own clause starts: "data showed that | China's exports ..."."""


def _about(claim: Claim, text: str, width: int = 8) -> str:
    """The claim's clause in its own words, the value left out as "…": at most ``width`` words before it
    (from the last clause mark or reporting verb) and half as many after (to the next mark)."""
    before = text[: claim.start].split()[-width:]
    cut = [k + 1 for k, w in enumerate(before) if w[-1:] in ";:" or w in ("—", "–") or w.lower() in _LEAD_IN]
    before = before[max(cut, default=0) :]
    commas = [k + 1 for k, w in enumerate(before) if w.endswith(",") and len(before) - k - 1 >= 3]
    before = before[max(commas, default=0) :]
    after: list[str] = []
    for w in text[claim.end :].split()[: width // 2 + 1]:
        if w in ("—", "–"):
            break
        after.append(w.rstrip(",;:.!?\"'”’)"))
        if w[-1:] in ",;:.!?":
            break
    phrase = " ".join([*before, "…", *after]).strip()
    return phrase.rstrip(".!?\"'”’ ") or "…"
