"""Figures, step 3: a figure's period and what it is about.

`period` is the nearest period-like date of the sentence (`doc.spans["dates"]`: a year, a
month, a fiscal year, or a day introduced by `as of`; `by the end of May` takes the
publication year) within `PERIOD_REACH` tokens, but not across a `since` (`signed in 2017 and
have since exchanged 20 delegations`). A sentence-opening period covers the whole sentence,
a `while` clause shares the period of the clause it contrasts with, and an `as of ...` right
after one figure belongs to that figure alone. `localities` are the free locality mentions
(`doc.spans["localities"]`) of the figure's clause, or else its sentence, leaving out the
venue of an event said elsewhere in the sentence; `countries` are the Japan/Vietnam words
there (the investor and the host). Word lists come from `resources/figure_cues.json`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from spacy.strings import hash_string  # type: ignore[attr-defined]

from vjties import lexicon
from vjties.components.figures_recognition import Candidate
from vjties.components.figures_resolution import (
    CLAUSE_WORDS,
    Sentence,
    clause_bounds,
    locality_spans,
    words_before,
)
from vjties.temporal import parse_published
from vjties.tokens import TokenView

_CUES = lexicon.figure_cues()
# A period applies to figures near it: `730 million USD in 2022, while imports were ...`.
PERIOD_REACH = 12
_PERIOD_PREFIXES = tuple(_CUES.period_prefixes.phrases)
_PERIOD_BINDINGS = tuple(f" {phrase} " for phrase in _CUES.period_bindings.phrases)
_PERIOD_BREAKERS = frozenset(_CUES.period_breakers.words)
_PERIOD_BREAKER_HASHES = frozenset(hash_string(word) for word in _PERIOD_BREAKERS)
_DEADLINE_WORDS = frozenset(_CUES.deadline_words.words)
_TARGET_WORDS = frozenset(_CUES.target_words.words)
_FOUNDING_PHRASES = tuple(tuple(p.split(" ")) for p in _CUES.founding_phrases.phrases)
_PERIOD_VALUE_RE = re.compile(r"^(?:\d{4}|\d{4}-\d{2}|FY\d{4}|\d{4}-(?:Q[1-4]|H[12]))$")
_FULL_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR_PRECEDERS = frozenset({*lexicon.month_numbers(), *_CUES.year_preceders.words})
_NOUN_STOPS = frozenset(_CUES.noun_stops.words)
_MONTH_NUMBERS = lexicon.month_numbers()
_MONTH_END_RE = re.compile(
    r"\b(?:"
    + "|".join(re.escape(phrase) for phrase in _CUES.month_end_openers.phrases)
    + r")\s+(?:the\s+)?end\s+of\s+"
    + rf"({'|'.join(name.title() for name in lexicon.month_names())})"
    + r"\b(?!,?\s*\d{4})",
    re.IGNORECASE,
)
_VENUE_WORDS = frozenset(_CUES.venue_words.words)
_VENUE_PREPOSITIONS = frozenset(_CUES.venue_prepositions.words)
_COUNTRY_RES: tuple[tuple[str, re.Pattern[str]], ...] = lexicon.country_text_patterns()

#: A date span as the period rules read it: (start token, end token, ISO value).
DateSpan = tuple[int, int, str]


# --- attribution -------------------------------------------------------------------------


def attribution(v: TokenView, sentence: Sentence, position: int) -> tuple[list[str], list[str]]:
    """The locality ids and country codes a figure at token `position` is about: those of
    its clause, else of its sentence (each looked up separately)."""
    clause_start, clause_end = clause_bounds(v, sentence, position)
    places: list[str] = []
    countries: list[str] = []
    for lo, hi in ((clause_start, clause_end), (sentence.start, sentence.end)):
        if not places:
            inside = _places_within(v, lo, hi)
            places = sorted(
                {kb_id for start, kb_id in inside if not _is_venue_elsewhere(v, start, position)}
            )
        if not countries:
            countries = _countries_within(v, lo, hi)
    return places, countries


def _places_within(v: TokenView, lo: int, hi: int) -> list[tuple[int, str]]:
    """(start, id) of the free locality mentions inside tokens [lo, hi)."""
    return v.memo(
        ("figures", "places", lo, hi),
        lambda: [
            (start, kb_id) for start, end, kb_id in locality_spans(v) if lo <= start and end <= hi
        ],
    )


def _countries_within(v: TokenView, lo: int, hi: int) -> list[str]:
    """The codes of the countries named in tokens [lo, hi), sorted."""
    return v.memo(
        ("figures", "countries", lo, hi),
        lambda: sorted(c for c, pattern in _COUNTRY_RES if pattern.search(v.span_text(lo, hi))),
    )


def _is_venue_elsewhere(v: TokenView, place: int, position: int) -> bool:
    """`During a reception in Hanoi, ..., support for 100,000 Vietnamese in Kansai`: where an
    event was held, in another comma-separated part of the sentence, is not what a figure
    is about. `place` is the token where the place name starts."""
    venue = v.memo(
        ("figures", "venue", place),
        lambda: (
            place >= 2
            and v.lower(place - 1) in _VENUE_PREPOSITIONS
            and any(v.lower(i) in _VENUE_WORDS for i in range(max(0, place - 5), place - 1))
        ),
    )
    if not venue:
        return False
    lo, hi = sorted((place, position))
    return any(v.text_of(i) in (",", ";") for i in range(lo, hi))


# --- period ------------------------------------------------------------------------------


def period(
    v: TokenView,
    sentence: Sentence,
    candidate: Candidate,
    dates: Iterable[DateSpan],
    others: list[Candidate],
) -> str | None:
    """The nearest period-like date within `PERIOD_REACH` tokens in the figure's sentence.

    A period that follows another figure as its `as of ...` belongs to that figure alone
    (`23 billion USD as of FY2024, ... and trade of 48 billion USD`); `in 2022` is said of the
    whole sentence.
    """
    options = _period_options(v, sentence, dates)
    first_figure: int = v.memo(
        ("figures", "first_figure", sentence.start),
        lambda: min((o.start for o in others if o.start >= sentence.start), default=v.n + 1),
    )
    best: tuple[int, str] | None = None
    clause_start, _ = clause_bounds(v, sentence, candidate.start)
    contrast = clause_start > sentence.start and v.lower(clause_start - 1) in CLAUSE_WORDS
    for start, end, value in options:
        owner = _bound_figure(v, start, others)
        if owner is not None and owner is not candidate:
            continue
        if end <= candidate.text_start and _crosses_breaker(v, end, candidate.text_start):
            continue  # `signed in 2017 and have since exchanged 20 delegations`
        if start >= candidate.text_end:
            distance = start - candidate.text_end
        else:
            distance = max(0, candidate.text_start - end)
        # `exports were X in 2022, while imports were Y`: the contrast shares the period.
        # `As of the end of 2023, Japan had X projects with a capital of Y`, `..., adding that
        # as of October 31, it had X projects with a capital of Y`: said of it all.
        opening = end <= first_figure and (
            start - sentence.start <= 6 or _after_as_of(v, start, sentence)
        )
        shared = (contrast and end <= clause_start) or opening
        reach = v.n if shared else PERIOD_REACH
        if distance <= reach and (best is None or distance < best[0]):
            best = (distance, value)
    return best[1] if best else None


def _after_as_of(v: TokenView, start: int, sentence: Sentence) -> bool:
    """Whether the date at `start` is introduced by `as of`/`as at` (`as of the end of`)."""
    before = f" {v.span_text(max(sentence.start, start - 5), start).lower()} "
    return any(binding in before for binding in _PERIOD_BINDINGS)


def _crosses_breaker(v: TokenView, start: int, end: int) -> bool:
    """Whether tokens [start, end) hold a `since`."""
    return not _PERIOD_BREAKER_HASHES.isdisjoint(v.lower_hash[start:end])


def _period_options(v: TokenView, sentence: Sentence, dates: Iterable[DateSpan]) -> list[DateSpan]:
    """The period-like dates of a sentence (token start, end, value), memoized per sentence."""

    def compute() -> list[DateSpan]:
        options: list[DateSpan] = []
        for start, end, value in dates:
            if start < sentence.start or end > sentence.end:
                continue
            if start > sentence.start and v.lower(start - 1) in _PERIOD_BREAKERS:
                continue
            before = v.span_text(max(sentence.start, start - 2), start).lower()
            if _FULL_DATE_RE.match(value):
                if not before.endswith(_PERIOD_PREFIXES):
                    continue
                value = value[:7]  # `as of October 31, 2022` covers 2022-10
            elif not _PERIOD_VALUE_RE.match(value) or _in_name(v, start, end, sentence):
                continue
            if _dates_something_else(v, start, value, sentence):
                continue
            options.append((start, end, value))
        return options + _month_end_periods(v, sentence)

    return v.memo(("figures", "period_options", sentence.start), compute)


def _dates_something_else(v: TokenView, start: int, value: str, sentence: Sentence) -> bool:
    """A target (`by 2030` after the publication date or in a sentence of plans), a founding
    (`set up in 1988`) or an item of a list (`Kawasaki (in 2012), Yokohama (2013)`): no
    period of a figure."""
    previous = v.lower(start - 1) if start > sentence.start else ""
    if previous in _DEADLINE_WORDS:
        published = _published(v)
        if published is not None and value[:4].isdigit() and int(value[:4]) > published.year:
            return True
        if _TARGET_WORDS.intersection(v.lowers(sentence.start, start)):
            return True
    if previous == "in" and any(words_before(v, start - 1, phrase) for phrase in _FOUNDING_PHRASES):
        return True
    bracket = start - 1 if previous != "in" else start - 2
    return (
        bracket - 1 >= sentence.start
        and v.text_of(bracket) == "("
        and v.is_title(bracket - 1)
        and v.is_alpha(bracket - 1)
    )


def _published(v: TokenView) -> date | None:
    """The publication date (`vjties.temporal.parse_published`), None if unknown."""
    doc = v.doc
    return v.memo(
        ("figures", "published"),
        lambda: parse_published(doc._.meta.get("published") if doc._.meta else None),
    )


def _bound_figure(v: TokenView, start: int, figures: list[Candidate]) -> Candidate | None:
    """The figure a period is the `as of` of: `23 billion USD as of the end of FY2024`."""

    def compute() -> Candidate | None:
        for figure in figures:
            if figure.text_end > start or start - figure.text_end > 8:
                continue
            words = f" {v.span_text(figure.text_end, start).lower()} "
            if "," not in words and any(binding in words for binding in _PERIOD_BINDINGS):
                return figure
        return None

    return v.memo(("figures", "bound", start), compute)


def _month_end_periods(v: TokenView, sentence: Sentence) -> list[DateSpan]:
    """`by the end of May` with no year: that month of the publication year (or the year
    before, when the month is still to come at publication)."""
    doc = v.doc
    published = _published(v)
    if published is None:
        return []

    def compute() -> list[DateSpan]:
        found: list[DateSpan] = []
        sentence_start_char = v.idx[sentence.start]
        for match in _MONTH_END_RE.finditer(v.span_text(sentence.start, sentence.end)):
            month = _MONTH_NUMBERS[match.group(1).lower()[:3]]
            year = published.year if month <= published.month else published.year - 1
            span = doc.char_span(
                sentence_start_char + match.start(),
                sentence_start_char + match.end(),
                alignment_mode="expand",
            )
            if span is not None:
                found.append((span.start, span.end, f"{year}-{month:02d}"))
        return found

    return list(v.memo(("figures", "month_ends", sentence.start), compute))


def _in_name(v: TokenView, start: int, end: int, sentence: Sentence) -> bool:
    """The year of `Meet Japan 2023` or `"Japan Week 2024"` names an event, not a period."""
    if start == sentence.start or end - start != 1:
        return False
    previous = start - 1
    lower = v.lower(previous)
    if (
        v.is_title(previous)
        and v.is_alpha(previous)
        and lower not in _YEAR_PRECEDERS
        and lower not in _NOUN_STOPS
    ):
        return True
    quotes = sum(v.text_of(i) in ('"', "“", "”") for i in range(sentence.start, start))
    return quotes % 2 == 1
