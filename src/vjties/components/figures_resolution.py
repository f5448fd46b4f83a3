"""Figures, step 2: what a quantity measures, its unit and metric (money and percentages
here, counts in `figures_counts`).

Money takes the metric of the nearest money cue of its clause, left first (`export turnover
... 730 million USD`; cues in `resources/metrics.json`), or `investment_capital` after
`projects worth`; a percentage is a share of what follows (`26% of foreign investment
capital` -> share_of_fdi, `9% of the enterprises`) or of the cue before a share word of its
clause; the wording of a change (`rose 12%`, `a 20% increase`) makes `growth`. Also here, what
both kinds of figure read: the sentence and clause bounds (`;`, `, while`), the unit and
metric tables, the growth wording. Word lists come from `resources/figure_cues.json`; tokens
are read through the shared `TokenView`, and per-sentence work is memoized in it.
"""

from __future__ import annotations

import itertools
from typing import NamedTuple

import numpy
from spacy.attrs import LIKE_NUM
from spacy.strings import hash_string  # type: ignore[attr-defined]

from vjties import keys, lexicon
from vjties.components.figures_recognition import Candidate
from vjties.tokens import TokenView

_METRICS = lexicon.metrics().metrics
_UNITS = lexicon.units()
_CUES = lexicon.figure_cues()

MONEY_METRICS = frozenset(name for name, spec in _METRICS.items() if spec.money)
NOUN_UNITS: dict[str, str] = dict(_UNITS.nouns)
UNIT_METRICS: dict[str, str] = {
    unit: name for name, spec in _METRICS.items() for unit in spec.units
}
GROWTH_WORDS = frozenset(_METRICS["growth"].cues)
CLAUSE_WORDS = frozenset(_CUES.clause_words.words)
_SHARE_WORDS = frozenset(_CUES.share_words.words)
_WHOLE_WORDS = frozenset(_CUES.whole_words.words)
_CHANGE_NOUNS = frozenset(_CUES.change_nouns.words)
_CHANGE_OF_NOUNS = frozenset(_CUES.change_of_nouns.words)
_GROWTH_PARTICLES = frozenset(_CUES.growth_particles.words)
_PROJECT_VALUES = tuple(tuple(p.split(" ")) for p in _CUES.project_values.phrases)
_FDI_CONTEXT = tuple(tuple(p.split(" ")) for p in _CUES.fdi_context.phrases)
_REGISTERED_WORDS = frozenset(_CUES.registered_words.words)
_SHARE_OPENERS = tuple(tuple(p.split(" ")) for p in _CUES.share_openers.phrases)
_SEMICOLON = hash_string(";")
_COMMA = hash_string(",")


class Cue(NamedTuple):
    """A metric cue (`export turnover`, `FDI`): token range and metric."""

    start: int
    end: int
    label_: str


class Sentence(NamedTuple):
    """A sentence's token range."""

    start: int
    end: int


# --- what counts and amounts both read ---------------------------------------------------


def like_num(v: TokenView) -> numpy.ndarray:
    """`Token.like_num` of every token, once per document."""
    return v.to_array((LIKE_NUM,))


def locality_spans(v: TokenView) -> list[tuple[int, int, str]]:
    """The free locality mentions with an id: (start, end, id), once per document."""
    return v.memo(
        ("figures", "localities"),
        lambda: [(s.start, s.end, s.kb_id_) for s in v.spans(keys.LOCALITIES) if s.kb_id_],
    )


def words_before(v: TokenView, start: int, words: tuple[str, ...]) -> bool:
    """Whether the tokens right before `start` are `words` (lower case)."""
    first = start - len(words)
    return first >= 0 and all(v.lower(first + k) == word for k, word in enumerate(words))


def is_growth(v: TokenView, start: int) -> bool:
    """`grows by about 5,000`, `rose 12%`, `exports, up 12%`, `an increase of 20 percent`."""
    if start == 0:
        return False
    before = v.lower(start - 1)
    if before in GROWTH_WORDS and before not in _GROWTH_PARTICLES:
        return True
    if before in _GROWTH_PARTICLES and start >= 2 and not v.is_alpha(start - 2):
        return True
    if before == "by":
        return any(v.lower(i) in GROWTH_WORDS for i in range(max(0, start - 4), start - 1))
    if before == "of" and start >= 2:
        return v.lower(start - 2) in _CHANGE_OF_NOUNS
    return False


def clause_bounds(v: TokenView, sentence: Sentence, position: int) -> tuple[int, int]:
    """The clause of `position`: sentences split at `;` and at `, while` / `, but`."""

    def compute() -> list[int]:
        semicolons, clause_words = _clause_marks(v)
        lo, hi = sentence.start, sentence.end
        return sorted(
            [i for i in semicolons if lo <= i < hi] + [i for i in clause_words if lo < i < hi]
        )

    breaks = v.memo(("figures", "clauses", sentence.start), compute)
    start, end = sentence.start, sentence.end
    for i in breaks:
        if i <= position:
            start = i + 1
        else:
            end = i
            break
    return start, end


def _clause_marks(v: TokenView) -> tuple[list[int], list[int]]:
    """Where the document has a `;`, and a `while`/`whereas`/`but` right after a comma."""

    def compute() -> tuple[list[int], list[int]]:
        orths, lowers = v.column("orth"), v.column("lower")
        semicolons = numpy.flatnonzero(orths == _SEMICOLON).tolist()
        words = numpy.zeros(len(lowers), dtype=bool)
        for word in CLAUSE_WORDS:
            words |= lowers == hash_string(word)
        words[0] = False
        words[1:] &= orths[:-1] == _COMMA
        return semicolons, numpy.flatnonzero(words).tolist()

    return v.memo(("figures", "clause_marks"), compute)


# --- money and percentages ---------------------------------------------------------------


def resolve_amount_metric(
    v: TokenView, candidate: Candidate, sentence: Sentence, cues: list[Cue]
) -> str:
    """The metric of money or a percentage: growth, a share, project capital, or the
    metric of the nearest money cue (`other` without one)."""
    amount = candidate.amount
    assert amount is not None
    end = candidate.text_end
    if is_growth(v, candidate.text_start):
        return "growth"
    after = v.lower(end) if end < sentence.end else ""
    if amount.unit == "percent" and after in _CHANGE_NOUNS:
        return "growth"  # `a 20% increase`
    if amount.unit == "percent":
        return _share_metric(v, candidate, sentence, cues)
    if _is_project_value(v, candidate.text_start, sentence):
        return _as_fdi(v, "investment_capital", sentence, cues)
    money = [c for c in cues if c.label_ in MONEY_METRICS]
    cue = _nearest_cue(v, money, candidate.text_start, end, sentence)
    if cue is None:
        return _as_fdi(v, "other", sentence, cues)
    if _REGISTERED_WORDS.intersection(v.lowers(cue.start, cue.end)):
        return cue.label_  # `total registered capital`: the registered figure as such
    return _as_fdi(v, cue.label_, sentence, cues)


def _as_fdi(v: TokenView, metric: str, sentence: Sentence, cues: list[Cue]) -> str:
    """Investment in a sentence about foreign direct investment is FDI: capital (a project
    value, an unregistered investment cue) with an FDI cue in the sentence (`18 FDI
    projects with a total capital of ...`), and money with no cue or capital in a sentence
    that names where foreign investment comes from (`attracted 40 billion USD from 65
    countries and territories`)."""
    if metric not in ("investment_capital", "other"):
        return metric
    if _has_fdi_context(v, sentence):
        return "fdi"
    fdi_cue = any(
        c.label_ == "fdi" and sentence.start <= c.start and c.end <= sentence.end for c in cues
    )
    return "fdi" if fdi_cue and metric == "investment_capital" else metric


def _has_fdi_context(v: TokenView, sentence: Sentence) -> bool:
    """Whether the sentence names the sources of foreign investment (figure_cues.json)."""
    return v.memo(
        ("figures", "fdi_context", sentence.start),
        lambda: any(
            words_before(v, i, phrase)
            for phrase in _FDI_CONTEXT
            for i in range(sentence.start + len(phrase), sentence.end + 1)
        ),
    )


def _share_metric(v: TokenView, candidate: Candidate, sentence: Sentence, cues: list[Cue]) -> str:
    """What a percentage is a share of: the cue or counted noun after `of`, the money
    figure before `of ... total`, or the cue before a share word of its clause."""
    end = candidate.text_end
    for opener in _SHARE_OPENERS:
        if end + len(opener) <= sentence.end and words_before(v, end + len(opener), opener):
            return _share_of_what_follows(v, candidate, sentence, cues, end + len(opener) - 1)
    clause_start, _ = clause_bounds(v, sentence, candidate.start)
    left = v.lowers(clause_start, candidate.text_start)
    if _SHARE_WORDS.intersection(left):
        before = [c for c in cues if clause_start <= c.start and c.end <= candidate.start]
        # `GDP ..., of which manufacturing accounted for 14.4%`: a share of something else
        return "share_of_" + before[-1].label_ if before else "share_of_other"
    return "other"


def _share_of_what_follows(
    v: TokenView, candidate: Candidate, sentence: Sentence, cues: list[Cue], end: int
) -> str:
    """`26% of foreign investment capital`, `9% of the enterprises`, `24% of the city's
    total` (after money named before it), `14% in amount of FDI capital`: `end` is the
    `of`; the figure's text takes in what it is a share of."""
    stop = _share_object_end(v, end + 1, min(sentence.end, end + 10))
    share_cues = [c for c in cues if end < c.start and c.end <= stop]
    if share_cues:
        cue = share_cues[-1] if _is_object_head(share_cues) else share_cues[0]
        candidate.text_end = cue.end
        return "share_of_" + cue.label_
    for i in range(end + 1, stop):
        lower = v.lower(i)
        unit = NOUN_UNITS.get(lower)
        if unit and unit in UNIT_METRICS:
            candidate.text_end = i + 1
            return "share_of_" + UNIT_METRICS[unit]
        if lower in _WHOLE_WORDS:
            # `1.79 billion USD of FDI ..., 24% of the city's total`
            money = [c for c in cues if c.label_ in MONEY_METRICS]
            whole = _nearest_cue(v, money, candidate.text_start, end, sentence)
            if whole is not None and whole.end <= candidate.start:
                candidate.text_end = i + 1
                return "share_of_" + whole.label_
    return "other"


def _share_object_end(v: TokenView, start: int, limit: int) -> int:
    """Where the object of `N% of ...` ends: at a number, punctuation (but a hyphen or a
    possessive) or a clause word."""
    stop = start
    numeric = like_num(v)
    while stop < limit:
        if numeric[stop] or (v.is_punct(stop) and v.text_of(stop) not in ("-", "'s", "’s")):
            break
        if v.lower(stop) in CLAUSE_WORDS:
            break
        stop += 1
    return stop


def _is_project_value(v: TokenView, start: int, sentence: Sentence) -> bool:
    """`45 projects worth 1.2 billion USD`, `177 projects totalling ...`, `339 projects,
    valued at ...`: the capital of projects."""
    for phrase in _PROJECT_VALUES:
        first = start - len(phrase)
        if first < sentence.start or not words_before(v, start, phrase):
            continue
        noun = first - 1
        if noun > sentence.start and v.text_of(noun) == ",":
            noun -= 1
        return noun >= sentence.start and NOUN_UNITS.get(v.lower(noun)) == "project"
    return False


def _is_object_head(cues: list[Cue]) -> bool:
    """`of Japan's total investment in ...` names one thing; the last cue is its head."""
    return len(cues) > 1 and all(b.start - a.end <= 1 for a, b in itertools.pairwise(cues))


def _nearest_cue(
    v: TokenView, cues: list[Cue], start: int, end: int, sentence: Sentence
) -> Cue | None:
    """The money cue for an amount: in its clause, left first; then in its sentence."""
    clause_start, clause_end = clause_bounds(v, sentence, start)
    for lo, hi in ((clause_start, clause_end), (sentence.start, sentence.end)):
        left = [c for c in cues if lo <= c.start and c.end <= start]
        if left:
            return left[-1]
        right = [c for c in cues if end <= c.start and c.end <= hi]
        if right:
            return right[0]
    return None
