"""``python -m benchmarks conflicts DATA``: how well summarize finds where sources disagree.

Three measurements, over the public API (``summarize(..., fuse=False, conflicts=N)``):

- **injected** (recall): in each cluster, find facts that two documents both
  state (the same number, amount, count, date or name in sentences that share
  the words around it, or the same auxiliary and verb for a negation), change
  it in one of them (seeded), and check that the brief lists a conflict with
  the changed sentence on one side and the other document on another.  The
  sites are found by this module's own patterns, not by the library's parser,
  so a figure the library cannot read still counts as a miss.
- **false alarms**: conflicts listed on the unmodified clusters, per cluster;
  a seeded sample is written for hand-checking and the committed verdicts
  (cluster id and character offsets only, never text) give the precision.
- **the bundled example** must list the exports figure, 34.5% (4 sources)
  against 12.7% (1 source).
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from summarize import Brief, Source, summarize
from summarize.errors import InputError
from summarize.sentences import split
from summarize.text import FILLER_WORDS, STOP_WORDS, split_sentences, stem
from summarize.tuning import DEFAULT

TUNING = DEFAULT
"""The tuning of every brief here; ``--tune FIELD=VALUE`` changes it (to sweep a threshold)."""
ALL = 1_000_000
"""``conflicts=`` for "every conflict found" (the default cap of 3 is reported separately)."""
KINDS = ("number", "count", "amount", "date", "name", "negation")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
_PATTERNS = {
    "amount": re.compile(r"[$£€]\s?(?P<v>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s?(?:million|billion|trillion|bn|m)\b)?"),
    "number": re.compile(r"(?<![\d.,$£€])(?P<v>\d+(?:\.\d+)?)(?:\s?%|\s(?:percent|per cent)\b)"),
    "count": re.compile(
        rf"(?<![\w.,:/$£€-])(?P<v>\d{{1,3}}(?:,\d{{3}})+|\d{{1,3}}|{'|'.join(_WORDS)})"
        r"(?= (?-i:[a-z]{3,}))(?! (?:percent|per cent|am|pm)\b)",
        re.I,
    ),
    "date": re.compile(
        rf"\b(?:(?:{_MONTHS})\.? (?P<v>\d{{1,2}})\b(?![,.]\d)|(?P<v2>\d{{1,2}}) (?:{_MONTHS})\b"
        r"|(?<![\d,.$])(?P<v3>(?:19[5-9]|20[0-3])\d)(?![\d,%])"
        rf"|\b(?P<v4>{_WEEKDAYS})\b)"
    ),
    "name": re.compile(r"(?<=[a-z,] )(?P<v>[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)\b(?!['’]?\s*[A-Z])"),
    "negation": re.compile(
        r"\b(?P<aux>is|are|was|were|has|have|had) (?P<v>[a-z]{3,}(?:ed|en|ing))\b"
        r"|\b(?P<aux2>will|would|could|can|should|did|does|do) (?P<v2>[a-z]{3,})\b"
    ),
}
_AFTER_MONTH = re.compile(rf"\b(?:{'|'.join(m[:3] for m in _MONTHS.split('|'))})[a-z]*\.? $")
_NOT_NAMES = set(_MONTHS.split("|")) | set(_WEEKDAYS.split("|"))
_FAKE_NAMES = """Hallorann Vasquez Okonkwo Lindqvist Marchetti Abernathy Kowalczyk Dunleavy Castellano Whitcombe
    Ferreira Nakamura Brannigan Ostrowski Delacroix Pemberton Szabo Achterberg Mulcahy Rosenthal""".split()


@dataclass(frozen=True)
class Case:
    """One injected conflict: in document ``doc`` of ``cluster``, ``old`` became ``new`` at ``start``."""

    cluster: str
    kind: str
    doc: int
    partner: int
    start: int
    old: str
    new: str
    detail: str = ""
    """What was changed within the kind: for dates a "day", "year" or "weekday"."""
    partner_start: int = -1
    """Where the partner document states the value (for reading a miss: ``--misses``)."""

    @property
    def end(self) -> int:
        return self.start + len(self.new)

    @property
    def throughout(self) -> bool:
        """A name is changed in every mention of its document: a source that gets a name wrong gets it wrong
        throughout; changing one mention of several would make the document contradict itself instead."""
        return self.kind == "name"


def _sentences(docs: Sequence[str], k: int) -> list[tuple[int, str]]:
    """The content sentences of document ``k`` (what a brief can cite: no captions, headlines, boilerplate)."""
    return [(s.start, s.text) for s in split(Source(f"doc{k + 1}", docs[k])).content]


def _stems(text: str) -> set[str]:
    return {stem(w) for w in re.findall(r"[a-z]+", text.lower()) if w not in STOP_WORDS and len(w) > 2}


def _context(sentence: str, start: int, end: int, width: int = 5) -> tuple[set[str], set[str]]:
    """Content stems within ``width`` words of a span, and the words right next to it."""
    before = re.findall(r"[a-z]+", sentence[:start].lower())[-width:]
    after = re.findall(r"[a-z]+", sentence[end:].lower())[:width]
    content = {stem(w) for w in before + after if w not in STOP_WORDS and len(w) > 2}
    return content, {stem(w) for w in before[-1:] + after[:1] if w not in STOP_WORDS and len(w) > 2}


def _same_fact(a: tuple[set[str], set[str]], b: tuple[set[str], set[str]]) -> bool:
    """Two mentions of one value say the same thing: three content words around them in common, or two
    with a neighbour ("239 people on board" and "with 239 people")."""
    shared = len(a[0] & b[0])
    return shared >= 3 or (shared >= 2 and bool(a[1] & b[1]))


SAME_SENTENCE = 4
"""Content words two sentences must share to be about one thing, besides the words around the value."""


def _copies(a: str, b: str) -> bool:
    """Documents that are copies of one story (half their sentences verbatim in the other): one source."""
    sa = {" ".join(s.split()) for s in split_sentences(a)}
    sb = {" ".join(s.split()) for s in split_sentences(b)}
    return bool(sa and sb) and len(sa & sb) >= 0.5 * min(len(sa), len(sb))


_TITLES = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame"}
_SPEECH = re.compile(r"(?:said|says|told|added|wrote|explained|testified|recalled)$")
_NAME_WORD = re.compile(r"[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?$")
_QUESTION = re.compile(r"^[^.!?]*\?")
_NEGATED = re.compile(r"\b(?:not|no|never|nor|without|whether|if)\b|n['’]t\b", re.I)
_OBJECTS = {"it", "that", "this", "so", "well", "wrong", "right", "anyone", "anything", "everything", "nothing"}
"""Words after "do"/"did" that make it a verb of its own ("did wrong", "does anyone"), not an auxiliary."""


def _surnames(docs: Sequence[str]) -> set[str]:
    """Capitalised words the cluster uses as people's surnames: after a first name ("Paul Udoto") and, as
    news names people the second time, alone as a speaker or after a title ("Udoto said", "said Udoto",
    "Mr Udoto").  Parts of place and organisation names ("Kuala Lumpur", "South Carolina", "Modern Family")
    are never written so."""
    after, alone = set(), set()
    for doc in docs:
        raw = doc.split()
        words = [w.rstrip(",;:.!?)\"”’'").removesuffix("'s").removesuffix("’s") for w in raw]
        for k in range(1, len(words) - 1):
            word, before, nxt = words[k], raw[k - 1], words[k + 1]
            if not _NAME_WORD.match(word) or word in _NOT_NAMES or nxt[:1].isupper():
                continue
            if before.rstrip(".") in _TITLES or (before[:1].islower() and _SPEECH.match(nxt)) or _SPEECH.match(before):
                alone.add(word)  # "Mr Wilson", "Udoto said": a second reference to a person
            elif before[:1].isupper() and before[-1:].isalpha() and before.lower() not in STOP_WORDS:
                after.add(word)  # "Paul Udoto"
    return after & alone


def _fair_negation(sentence: str, m: re.Match[str]) -> bool:
    """Whether "not" after this auxiliary makes a claim a reader could see contradicted: not in a question
    ("Why does anyone care?"), not where the clause is negated or in doubt already ("no confirmation that ...
    are", "whether ... were"), and not after "do" used as a verb ("did wrong")."""
    verb = m.group("v2") or ""
    return (
        not _QUESTION.search(sentence[m.start() :])
        and not _NEGATED.search(sentence[: m.start()].split(",")[-1])
        and verb.lower() not in _OBJECTS
        and not sentence[: m.start()].endswith("to ")  # "better to have retreated": no auxiliary to negate
    )


def sites(cluster_id: str, docs: Sequence[str], rng: random.Random, per_kind: int) -> list[Case]:
    """Up to ``per_kind`` injection sites of each kind: a fact two documents both state, changed in one.

    Names are people's surnames (:func:`_surnames`): another surname for the
    same person is a conflict a reader cares about; "University of Achterberg"
    for "University of Texas", or an invented surname in "Kuala Lumpur", is not
    a change any report makes.
    """
    found: dict[str, list[Case]] = defaultdict(list)
    names_in_cluster = set(re.findall(r"[A-Z][a-z]+", " ".join(docs)))
    lower = set(re.findall(r"\b[a-z]+\b", " ".join(docs)))
    surnames = _surnames(docs)
    for a, b in ((a, b) for a in range(len(docs)) for b in range(len(docs)) if a != b):
        if _copies(docs[a], docs[b]):
            continue
        others = [(o, s, _stems(s)) for o, s in _sentences(docs, b)]
        for offset, sentence in _sentences(docs, a):
            words = _stems(sentence)
            for kind, pattern in _PATTERNS.items():
                for m in pattern.finditer(sentence):
                    group = next(g for g in ("v", "v2", "v3", "v4") if g in m.groupdict() and m.group(g))
                    aux = "aux" if kind != "negation" or m.group("aux") else "aux2"
                    if kind == "negation" and (m.group(group) in FILLER_WORDS or m.group(group).endswith("ly")):
                        continue
                    value = m.group(group)
                    if kind == "name" and (value not in surnames or value.lower() in lower):
                        continue  # a name is a surname the cluster never writes in lower case
                    if kind == "negation" and not _fair_negation(sentence, m):
                        continue
                    if kind == "count" and _AFTER_MONTH.search(sentence[: m.start()]):
                        continue
                    here = _context(sentence, m.start(), m.end())
                    partner = next(
                        (
                            o + n.start()
                            for o, s, stems in others
                            if len(words & stems) >= SAME_SENTENCE
                            for n in pattern.finditer(s)
                            if n.group(0) == m.group(0) and _same_fact(here, _context(s, n.start(), n.end()))
                        ),
                        None,
                    )
                    if partner is None:
                        continue
                    new = _change(kind, m, group, aux, rng, names_in_cluster)
                    if new is None:
                        continue
                    start = offset + m.start(group if kind != "negation" else aux)
                    old = m.group(group) if kind != "negation" else m.group(aux)
                    detail = {"v": "day", "v2": "day", "v3": "year", "v4": "weekday"}[group] if kind == "date" else ""
                    found[kind].append(Case(cluster_id, kind, a, b, start, old, new, detail, partner))
    out = []
    for kind in KINDS:
        unique = list({(c.doc, c.start): c for c in found[kind]}.values())
        out += rng.sample(unique, min(per_kind, len(unique)))
    return out


def _change(kind: str, m: re.Match[str], group: str, aux: str, rng: random.Random, taken: set[str]) -> str | None:
    """The new value for a site: a figure at least a fifth off, another day or year, a new name, a negation."""
    value = m.group(group)
    if kind == "name":
        return rng.choice([n for n in _FAKE_NAMES if n not in taken])
    if kind == "negation":
        return None if m.group(group) in ("not", "never", "been", "also") else m.group(aux) + " not"
    if kind == "date" and group == "v4":
        return rng.choice([d for d in _WEEKDAYS.split("|") if d != value])
    if kind == "date" and group == "v3":
        return str(int(value) + rng.choice([-3, -2, -1, 1, 2, 3]))
    if kind == "date":
        day = int(value)
        return str(rng.choice([d for d in range(1, 29) if abs(d - day) >= 2]))
    if value.lower() in _WORDS:
        return rng.choice([w for w in _WORDS if abs(_WORDS.index(w) - _WORDS.index(value.lower())) >= 2])
    number = float(value.replace(",", ""))
    decimals = len(value.partition(".")[2])
    factor = rng.choice([rng.uniform(1.3, 2.2), rng.uniform(0.45, 0.77)])
    new = round(number * factor, decimals) if number >= 10 or decimals else number + rng.choice([2, 3, 4, 5])
    text = f"{new:,.{decimals}f}" if "," in value else f"{new:.{decimals}f}"
    return None if text == value else text


def inject(docs: Sequence[str], case: Case) -> list[str]:
    out = list(docs)
    text = out[case.doc]
    assert text[case.start : case.start + len(case.old)] == case.old
    if case.throughout:
        out[case.doc] = re.sub(rf"\b{re.escape(case.old)}\b", case.new, text)
    else:
        out[case.doc] = text[: case.start] + case.new + text[case.start + len(case.old) :]
    return out


def _changed(docs: Sequence[str], case: Case) -> list[int]:
    """Offsets of the changed value in the injected document: the site's, and for a name every mention's."""
    if not case.throughout:
        return [case.start]
    return [m.start() for m in re.finditer(rf"\b{re.escape(case.new)}\b", inject(docs, case)[case.doc])]


def caught(brief: Brief, case: Case, limit: int | None = None, changed_at: Sequence[int] = ()) -> bool:
    """Whether a listed conflict has a changed sentence on one side and the partner document on another.

    ``changed_at``: the changed offsets (:func:`_changed`; default the site's own)."""
    changed, partner = f"doc{case.doc + 1}", f"doc{case.partner + 1}"
    at = changed_at or [case.start]
    for conflict in brief.conflicts[:limit]:
        here = [
            any(c.source == changed and any(c.start <= x < c.end for x in at) for c in v.citations)
            for v in conflict.variants
        ]
        there = [any(c.source == partner for c in v.citations) for v in conflict.variants]
        if any(here[i] and there[j] for i in range(len(here)) for j in range(len(there)) if i != j):
            return True
    return False


def injected(clusters, *, seed: int, per_kind: int, words: int) -> dict:
    """Recall on injected conflicts, per kind, for every conflict found and for the default three listed."""
    rng = random.Random(seed)
    total: Counter[str] = Counter()
    hit: Counter[str] = Counter()
    shown: Counter[str] = Counter()
    misses = []
    for cluster in clusters:
        for case in sites(cluster.id, cluster.documents, rng, per_kind):
            brief = summarize(inject(cluster.documents, case), words=words, fuse=False, conflicts=ALL, tuning=TUNING)
            at = _changed(cluster.documents, case)
            for key in {case.kind, f"{case.kind} ({case.detail})" if case.detail else case.kind}:
                total[key] += 1
                if caught(brief, case, changed_at=at):
                    hit[key] += 1
                    shown[key] += caught(brief, case, limit=3, changed_at=at)
            if not caught(brief, case, changed_at=at):
                misses.append(asdict(case))
    keys = sorted(total, key=lambda k: (KINDS.index(k.split()[0]), k))
    kinds = {k: {"cases": total[k], "recall": hit[k] / total[k] if total[k] else None} for k in keys}
    n = sum(total[k] for k in KINDS)
    return {
        "cases": n,
        "recall": sum(hit[k] for k in KINDS) / n if n else None,
        "shown_in_default_three": sum(shown[k] for k in KINDS) / n if n else None,
        "by_kind": kinds,
        "misses": misses,
    }


def read_misses(clusters, misses: Sequence[dict], *, words: int) -> str:
    """The missed cases to read (``--misses``): kind, the changed sentence and the partner's, and how alike the
    pipeline finds them (the cosine ``conflicts.find`` compares with its thresholds).  Dataset text, so for the
    terminal only: never write it into the repository."""
    from summarize import conflicts as stage

    by_id = {c.id: c for c in clusters}
    real, seen = stage.find, []

    def spy(space, *args, **kwargs):
        seen.append(space)
        return real(space, *args, **kwargs)

    lines = []
    stage.find = spy
    try:
        for miss in misses:
            case = Case(**miss)
            docs = inject(by_id[case.cluster].documents, case)
            seen.clear()
            summarize(docs, words=words, fuse=False, conflicts=0, tuning=TUNING)
            space = seen[0]
            at = {}
            for k, s in enumerate(space.sentences):
                for doc, x in ((case.doc, case.start), (case.partner, case.partner_start)):
                    if s.source == f"doc{doc + 1}" and s.start <= x < s.end:
                        at[doc] = k
            if len(at) < 2:
                lines.append(f"- {case.cluster} {case.kind} {case.old}->{case.new}: not in the space")
                continue
            i, j = at[case.doc], at[case.partner]
            sim = float(space.matrix[i, j])
            lines += [
                f"- {case.cluster} {case.kind} {case.detail} {case.old}->{case.new} cosine {sim:.2f}",
                f"    changed: {' '.join(space.sentences[i].text.split())[:320]}",
                f"    partner: {' '.join(space.sentences[j].text.split())[:320]}",
            ]
    finally:
        stage.find = real
    return "\n".join(lines)


def flags(clusters, *, words: int) -> list[dict]:
    """Every conflict listed on the unmodified clusters, as offsets (no text)."""
    out = []
    for cluster in clusters:
        try:
            brief = summarize(list(cluster.documents), words=words, fuse=False, conflicts=ALL, tuning=TUNING)
        except InputError:
            continue  # nothing to summarize (a cluster of page chrome): nothing is flagged
        for rank, conflict in enumerate(brief.conflicts):
            out.append({"cluster": cluster.id, "rank": rank, "kind": conflict.kind, "key": _key(conflict)})
    return out


def _key(conflict) -> list[list[list]]:
    return [[[c.source, c.start, c.end] for c in v.citations] for v in conflict.variants]


def false_alarms(clusters, *, words: int, seed: int, labels: Path | None, review: Path | None) -> dict:
    found = flags(clusters, words=words)
    per_cluster = Counter(f["cluster"] for f in found)
    n = len(clusters)
    result = {
        "clusters": n,
        "flags": len(found),
        "flags_per_cluster": len(found) / n if n else 0.0,
        "shown_per_cluster": sum(min(3, per_cluster[c.id]) for c in clusters) / n if n else 0.0,
        "clusters_with_flags": len(per_cluster),
        "by_kind": dict(Counter(f["kind"] for f in found)),
    }
    sample = random.Random(seed).sample(found, min(50, len(found)))
    if review is not None:
        review.write_text("".join(json.dumps(f) + "\n" for f in sample), encoding="utf-8")
    if labels is not None and labels.exists():
        verdicts = {json.dumps([v["cluster"], v["key"]]): v["verdict"] for v in map(json.loads, labels.open())}
        judged = [verdicts.get(json.dumps([f["cluster"], f["key"]])) for f in sample]
        real = sum(v == "real" for v in judged)
        labelled = sum(v is not None for v in judged)
        result.update(
            sample=len(sample),
            labelled=labelled,
            real=real,
            precision=real / labelled if labelled else None,
            false_per_cluster=result["flags_per_cluster"] * (1 - real / labelled) if labelled else None,
        )
    return result


def timing(clusters, *, words: int) -> dict:
    """CPU time per cluster of conflict detection (``summarize.conflicts.find``) inside the extractive brief
    (``summarize(..., fuse=False)``, as the ``extractive`` system calls it), and of the whole brief.

    CPU time, not wall time: on a shared machine it varies less with others' load.  The first cluster is
    summarized once first (imports, the paraphrase model), outside the count."""
    import time

    from summarize import conflicts as stage

    real, spent = stage.find, [0.0]

    def timed(*args, **kwargs):
        start = time.process_time()
        try:
            return real(*args, **kwargs)
        finally:
            spent[0] += time.process_time() - start

    stage.find = timed
    try:
        summarize(list(clusters[0].documents), words=words, fuse=False, tuning=TUNING)
        spent[0] = 0.0
        start = time.process_time()
        for cluster in clusters:
            summarize(list(cluster.documents), words=words, fuse=False, tuning=TUNING)
        total = time.process_time() - start
    finally:
        stage.find = real
    n = len(clusters)
    return {"find_ms": 1000 * spent[0] / n, "brief_ms": 1000 * total / n, "find_share": spent[0] / total}


def example(words: int) -> dict:
    """The bundled example's conflicts, and whether the exports figure is among them as it should be."""
    from summarize.sources import read_sources

    root = Path(__file__).resolve().parents[1] / "examples" / "london-talks"
    sources, _ = read_sources([str(root)])
    brief = summarize(sources, words=words, fuse=False, tuning=TUNING)
    listed = [{"about": c.about, "variants": [(v.value, v.support) for v in c.variants]} for c in brief.conflicts]
    exports = any(
        [v.support for v in c.variants] == [4, 1]
        and c.variants[0].value.startswith("34.5")
        and c.variants[1].value == "12.7%"
        for c in brief.conflicts
    )
    return {"conflicts": listed, "exports_flagged": exports}


def markdown(result: dict) -> str:
    """The report: recall by kind, false alarms, the example."""
    part = "" if result.get("part", "all") == "all" else f", {result['part']}-indexed"
    lines = [f"# Conflicts: `{result['data']}` ({result['clusters']} clusters{part}, seed {result['seed']})", ""]
    inj = result.get("injected")
    if inj:
        lines += [
            f"**Injected conflicts**: {inj['cases']} cases, recall **{_pct(inj['recall'])}** "
            f"(listed among the default three: {_pct(inj['shown_in_default_three'])})",
            "",
            "| kind | cases | recall |",
            "|---|---|---|",
            *(f"| {k} | {v['cases']} | {_pct(v['recall'])} |" for k, v in inj["by_kind"].items()),
            "",
        ]
    fa = result.get("false_alarms")
    if fa:
        lines += [
            f"**Unmodified clusters**: {fa['flags']} conflicts found, {fa['flags_per_cluster']:.2f} per cluster "
            f"({fa['shown_per_cluster']:.2f} listed per cluster at the default cap of 3; {fa['clusters_with_flags']} "
            f"clusters with any); by kind: {fa['by_kind']}",
        ]
        if fa.get("labelled") is not None:
            lines += [
                f"hand-checked sample: {fa['labelled']} of {fa['sample']} labelled, {fa['real']} real: precision "
                f"**{_pct(fa['precision'])}**, false flags per cluster **{_num(fa['false_per_cluster'])}**",
            ]
        lines.append("")
    t = result.get("timing")
    if t:
        lines += [
            f"**Timing** (CPU per cluster): `conflicts.find` {t['find_ms']:.1f} ms of the extractive brief's "
            f"{t['brief_ms']:.1f} ms ({100 * t['find_share']:.0f}%)",
            "",
        ]
    ex = result.get("example")
    if ex:
        lines += [f"**Bundled example**: exports figure flagged: **{ex['exports_flagged']}**", ""]
        lines += [f"- {c['about']}: " + " vs ".join(f"{v} ({n})" for v, n in c["variants"]) for c in ex["conflicts"]]
    return "\n".join(lines).rstrip() + "\n"


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


def _num(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"
