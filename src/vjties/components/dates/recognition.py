"""Finding temporal phrases: the token patterns matched, then what is no date taken out.

Why a step of its own: the patterns find every phrase shaped like a date; whether a phrase
is one (`2000` in `about 2000 people` is not, nor `2023` in `Resolution 98/2023/QH15`, nor a
byline's timestamp) depends on the words around it, and those rules are easier to read
apart from the matching and from the resolution of values.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from vjties.components.dates.patterns import MONTH_FORMS, PHRASES
from vjties.extensions import in_boilerplate
from vjties.token_matcher import TokenClassMatcher
from vjties.tokens import TokenView

#: The tokenizer leaves a sign-off glued to the last number: `in December 2014./.`
SIGN_OFF_RE = re.compile(r"\.?/\.$")
_COUNT_BEFORE = frozenset(PHRASES.count_before)
_COUNT_AFTER = frozenset(PHRASES.count_after)
_NAME_YEAR_BLOCK = frozenset(PHRASES.name_year_blockers)
_MONTH_FORM_SET = frozenset(MONTH_FORMS)
_YEAR_RE = re.compile(r"(?:1[89]|20)\d\d")


def date_phrases(doc: Doc, matcher: TokenClassMatcher) -> list[Span]:
    """The date phrases of `doc`, longest first where they overlap, in text order, without
    those in boilerplate and the bare years that count something."""
    if not len(doc):
        return []
    array = TokenView.of(doc).array
    found = [Span(doc, s, e, label=label) for label, s, e in matcher(doc, array)]
    kept = []
    for span in filter_spans(found):
        if in_boilerplate(doc, span.start_char, trimmed_end(span)):
            continue
        if span.label_ == "YEAR" and _counts_something(doc, span):
            continue
        kept.append(span)
    return kept


def is_name_year(span: Span) -> bool:
    """A bare year in a name: `Meet Japan 2023`, `Tet 2025`, `the 2024 Japan Festival`
    (not `In 2023`)."""
    if len(span) != 1 or not _YEAR_RE.fullmatch(span.text) or span.start == 0:
        return False
    prev = span.doc[span.start - 1]
    return (
        prev.is_alpha
        and prev.text[:1].isupper()
        and not prev.is_stop
        and prev.text not in _MONTH_FORM_SET
        and prev.lower_ not in _NAME_YEAR_BLOCK
        and not prev.is_sent_start
    ) or (
        (prev.text in {'"', "“"} or prev.lower_ == "the")
        and span.end < len(span.doc)
        and span.doc[span.end].is_title
    )


def _counts_something(doc: Doc, span: Span) -> bool:
    """A bare year next to a count word (`about 2000 people`, `USD 2020`) or glued into a
    bigger number (`1,2024`, `2024.5`) counts something: it is no date."""
    if len(span) != 1:
        return False
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    if prev is not None and (prev.lower_ in _COUNT_BEFORE or prev.text in {"/", "-"}):
        return True
    if nxt is not None and (nxt.lower_ in _COUNT_AFTER or nxt.text in {"/", "-"}):
        return True
    return (prev is not None and not prev.whitespace_ and prev.text in {",", "."}) or (
        nxt is not None
        and not span[-1].whitespace_
        and nxt.text in {".", ","}
        and _digit_after(doc, span)
    )


def _digit_after(doc: Doc, span: Span) -> bool:
    """Whether a digit follows the span's next token with no space (`2024.5`)."""
    return (
        span.end + 1 < len(doc)
        and doc[span.end + 1].text[:1].isdigit()
        and not doc[span.end].whitespace_
    )


def trimmed_end(span: Span) -> int:
    """The span's end character without a glued sign-off."""
    last = span.doc[span.end - 1].text
    if "/" not in last:
        return span.end_char
    trail = SIGN_OFF_RE.search(last)
    return span.end_char - len(trail.group()) if trail else span.end_char
