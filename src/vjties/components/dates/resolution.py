"""The value of each date phrase: parsed and resolved by `vjties.temporal`, in context.

Why here and not in `temporal`: the context a phrase needs is the document's (its
publication date, the sentence's future markers, a year a name in the sentence fixes, the
day mentioned just before `the same day`); `temporal` stays pure functions of strings.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from vjties.components.dates.patterns import PHRASES
from vjties.components.dates.recognition import is_name_year, trimmed_end
from vjties.extensions import published
from vjties.temporal import Resolution, anniversary_year, parse_expression, parse_published, resolve
from vjties.tokens import TokenView

FUTURE_MARKERS = tuple(PHRASES.future_markers)
ANCHOR_BLOCKERS = tuple(tuple(phrase.split()) for phrase in PHRASES.anchor_blockers)
#: How far back (in tokens, within the sentence) a future marker governs a date.
FUTURE_REACH = 12
_DAY_RE = re.compile(r"\d{4}-\d\d-\d\d")


@dataclass(frozen=True)
class ResolvedDate:
    """A date phrase and its value: the span, its text without a glued sign-off, where that
    text ends, and the resolution."""

    span: Span
    text: str
    end_char: int
    resolution: Resolution


def resolve_phrases(doc: Doc, spans: list[Span]) -> list[ResolvedDate]:
    """Each phrase `temporal` can parse, resolved in text order (a day resolved becomes the
    anchor of `the same day` after it, unless it is a point of reckoning: `as of October 31`)."""
    view = TokenView.of(doc)
    pub = parse_published(published(doc))
    future_at = view.positions(FUTURE_MARKERS) if pub is not None else []
    hints: dict[int, int | None] = {}
    anchor: str | None = None
    resolved: list[ResolvedDate] = []
    for span in spans:
        end_char = trimmed_end(span)
        text = view.text[span.start_char : end_char]
        parsed = parse_expression(text)
        if parsed is None:
            continue
        sent_start, sent_end = view.sentence_bounds(span.start)
        hint = None
        if pub is None and parsed.start is not None and parsed.start.year is None:
            if sent_start not in hints:
                hints[sent_start] = year_hint(doc, sent_start, sent_end, spans)
            hint = hints[sent_start]
        future = pub is not None and _future_before(
            future_at, max(sent_start, span.start - FUTURE_REACH), span.start
        )
        resolution = resolve(parsed, pub, year_hint=hint, anchor=anchor, future=future)
        if (
            resolution.value
            and _DAY_RE.fullmatch(resolution.value)
            and not _after_blocker(view, span.start)
        ):
            anchor = resolution.value
        resolved.append(ResolvedDate(span, text, end_char, resolution))
    return resolved


def _after_blocker(view: TokenView, start: int) -> bool:
    """Whether the date at token `start` follows `as of`, `since`, ... (ANCHOR_BLOCKERS): a
    point of reckoning, which `the same day` after it does not mean."""
    return any(
        start >= len(phrase)
        and tuple(view.lower(i) for i in range(start - len(phrase), start)) == phrase
        for phrase in ANCHOR_BLOCKERS
    )


def _future_before(future_at: list[int], start: int, end: int) -> bool:
    """`will be held from April 6 to 16`, `is scheduled for May 2`: the date is still to come
    (a future marker among tokens [start, end); `future_at` are the markers' indices)."""
    return bisect_left(future_at, start) < bisect_left(future_at, end)


def year_hint(doc: Doc, sent_start: int, sent_end: int, spans: list[Span]) -> int | None:
    """A year the sentence fixes: one year in a name (`Meet Japan 2023`) or an anniversary."""
    name_years = {
        int(other.text)
        for other in spans
        if other.start >= sent_start and other.end <= sent_end and is_name_year(other)
    }
    if len(name_years) == 1:
        return name_years.pop()
    view = TokenView.of(doc)
    sentence = view.span_text(sent_start, sent_end)
    if "anniversar" not in sentence.lower():
        return None
    return anniversary_year(sentence, view.text)
