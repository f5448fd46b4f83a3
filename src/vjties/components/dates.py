"""Temporal expressions: `doc.spans["dates"]` and `doc._.dates` (TimeExpression records).

A `Matcher` finds the phrases (full dates, month-day, month-year, years, fiscal years,
weekdays, relative phrases, ranges); `vjties.temporal` parses and resolves them against the
publication date in `doc._.meta`. Each span's `kb_id_` is the resolved ISO value (`""` when
it cannot be resolved; an ISO interval `2009/2024` for a range) and its `label_` says how (`stated`, `from_publication_date`,
`inferred`). Years that are part of other tokens (`Resolution 98/2023/QH15`) and numbers
that count things (`about 2000 people`) are not dates; nothing is read from boilerplate.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from vjties.extensions import doc_id, evidence, in_boilerplate, published
from vjties.temporal import (
    MONTHS,
    WEEKDAYS,
    anniversary_year,
    parse_expression,
    parse_published,
    resolve,
)

TokenPattern = dict[str, Any]

_MONTH_FORMS = sorted(
    {f for name in MONTHS for f in (name.title(), name.upper(), f"{name.title()}.")}
    - {"MAY.", "May."}  # `May.` is never an abbreviation
)
MONTH: TokenPattern = {"TEXT": {"IN": _MONTH_FORMS}}
# The tokenizer leaves a sign-off glued to the last number: `in December 2014./.`
SIGN_OFF = r"(?:\.?/\.)?"
SIGN_OFF_RE = re.compile(r"\.?/\.$")
DAY: TokenPattern = {
    "TEXT": {"REGEX": r"^(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?" + SIGN_OFF + "$"}
}
YEAR: TokenPattern = {"TEXT": {"REGEX": r"^(?:1[89]\d\d|20\d\d)" + SIGN_OFF + "$"}}
SHORT_YEAR: TokenPattern = {"TEXT": {"REGEX": r"^\d\d$"}}
COMMA: TokenPattern = {"ORTH": ",", "OP": "?"}
DASH: TokenPattern = {"ORTH": {"IN": ["-", "–", "—"]}}
SEP: TokenPattern = {"LOWER": {"IN": ["-", "–", "—", "to", "until", "till", "through"]}}
WEEKDAY: TokenPattern = {"TEXT": {"IN": [w.title() for w in WEEKDAYS]}}
OF: TokenPattern = {"LOWER": "of"}

_FULL: list[list[TokenPattern]] = [
    [MONTH, DAY, COMMA, YEAR],
    [DAY, MONTH, COMMA, YEAR],
    [DAY, OF, MONTH, COMMA, YEAR],
]
_MONTH_DAY: list[list[TokenPattern]] = [[MONTH, DAY], [DAY, MONTH], [DAY, OF, MONTH]]


def _with_weekday(patterns: list[list[TokenPattern]]) -> list[list[TokenPattern]]:
    return patterns + [[WEEKDAY, COMMA, *p] for p in patterns]


def _bracketed_after_today(patterns: list[list[TokenPattern]]) -> list[list[TokenPattern]]:
    """`today [March 8]`, as news dumps print it."""
    today: TokenPattern = {"LOWER": {"IN": ["today", "yesterday", "tomorrow"]}}
    brackets = (("[", "]"), ("(", ")"))
    return [[today, {"ORTH": o}, *p, {"ORTH": c}] for o, c in brackets for p in patterns]


PATTERNS: dict[str, list[list[TokenPattern]]] = {
    "DATE": [
        *_with_weekday(_FULL),
        [
            {
                "TEXT": {
                    "REGEX": r"^(?:\d{4}[/.]\d{1,2}[/.]\d{1,2}|\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d\d-\d\d)$"
                }
            }
        ],
        [YEAR, DASH, {"TEXT": {"REGEX": r"^\d\d$"}}, DASH, {"TEXT": {"REGEX": r"^\d\d$"}}],
    ],
    "RANGE": [
        [MONTH, DAY, SEP, DAY],
        [MONTH, DAY, SEP, DAY, COMMA, YEAR],
        [MONTH, DAY, SEP, MONTH, DAY],
        [MONTH, DAY, SEP, MONTH, DAY, COMMA, YEAR],
        [MONTH, DAY, COMMA, YEAR, SEP, MONTH, DAY, COMMA, YEAR],
        [DAY, SEP, DAY, MONTH],
        [DAY, SEP, DAY, MONTH, COMMA, YEAR],
        [DAY, MONTH, SEP, DAY, MONTH],
        [DAY, MONTH, SEP, DAY, MONTH, COMMA, YEAR],
        [MONTH, SEP, MONTH, YEAR],
        [MONTH, YEAR, SEP, MONTH, YEAR],
        [YEAR, SEP, YEAR],
        [YEAR, DASH, SHORT_YEAR],
        [{"LOWER": "between"}, YEAR, {"LOWER": "and"}, YEAR],
        [{"LOWER": "between"}, MONTH, DAY, {"LOWER": "and"}, DAY],
        [{"LOWER": "between"}, {"LOWER": "now"}, {"LOWER": "and"}, YEAR],
        [{"LOWER": "from"}, {"LOWER": "now"}, {"LOWER": {"IN": ["to", "until", "till"]}}, YEAR],
    ],
    "MONTH_DAY": [
        *_with_weekday(_MONTH_DAY),
        *_bracketed_after_today(_MONTH_DAY),
    ],
    "MONTH_YEAR": [[MONTH, COMMA, YEAR]],
    "YEAR": [[YEAR], [{"TEXT": {"REGEX": r"^mid-(?:1[89]|20)\d\d$"}}]],
    "FISCAL_YEAR": [
        [{"LOWER": {"IN": ["fiscal", "financial"]}}, {"LOWER": "year", "OP": "?"}, YEAR],
        [{"TEXT": {"REGEX": r"^FY(?:1[89]|20)\d\d$"}}],
        [{"ORTH": "FY"}, YEAR],
        [YEAR, {"LOWER": {"IN": ["fiscal", "financial"]}}, {"LOWER": "year"}],
    ],
    "WEEKDAY": [[WEEKDAY]],
    "RELATIVE": [
        [{"LOWER": {"IN": ["today", "yesterday", "tomorrow"]}}],
        [
            {"LOWER": "the"},
            {"LOWER": {"IN": ["same", "previous", "next", "following"]}},
            {"LOWER": "day"},
        ],
        [
            {"LOWER": {"IN": ["earlier", "later"]}, "OP": "?"},
            {"LOWER": {"IN": ["this", "last", "next"]}},
            {"LOWER": {"IN": ["week", "month", "year"]}},
        ],
    ],
}

# A bare year next to these counts something: `about 2000 people`, `USD 2020`.
_COUNT_BEFORE = {
    "about", "around", "over", "nearly", "some", "approximately", "roughly", "than", "least",
    "almost", "usd", "vnd", "jpy", "us$", "$", "¥", "no", "no.", "number", "#", "top", "x",
}  # fmt: skip
_COUNT_AFTER = {
    "people", "persons", "delegates", "companies", "firms", "enterprises", "businesses",
    "projects", "students", "workers", "interns", "trainees", "tourists", "visitors",
    "participants", "members", "households", "hectares", "ha", "km", "tonnes", "tons", "usd",
    "vnd", "yen", "jpy", "dollars", "units", "cases", "jobs", "employees", "m2", "sq", "%",
    "percent", "times", "billion", "million", "thousand", "trillion",
}  # fmt: skip
FUTURE_MARKERS = {"will", "shall", "upcoming", "scheduled", "slated", "forthcoming", "'ll"}
_NAME_YEAR_BLOCK = {"fiscal", "financial", "year", "mid", "early", "late", "fy"}


def is_name_year(span: Span) -> bool:
    """A bare year in a name: `Meet Japan 2023`, `Tet 2025`, `the 2024 Japan Festival`
    (not `In 2023`)."""
    if len(span) != 1 or not re.fullmatch(r"(?:1[89]|20)\d\d", span.text) or span.start == 0:
        return False
    prev = span.doc[span.start - 1]
    return (
        prev.is_alpha
        and prev.text[:1].isupper()
        and not prev.is_stop
        and prev.text not in _MONTH_FORMS
        and prev.lower_ not in _NAME_YEAR_BLOCK
        and not prev.is_sent_start
    ) or (
        (prev.text in {'"', "“"} or prev.lower_ == "the")
        and span.end < len(span.doc)
        and span.doc[span.end].is_title
    )


def _counts_something(doc: Doc, span: Span) -> bool:
    if len(span) != 1:
        return False
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    if prev is not None and (prev.lower_ in _COUNT_BEFORE or prev.text in {"/", "-"}):
        return True
    if nxt is not None and (nxt.lower_ in _COUNT_AFTER or nxt.text in {"/", "-"}):
        return True
    # `1,2024` or `2024.5`: part of a bigger number
    return (prev is not None and not prev.whitespace_ and prev.text in {",", "."}) or (
        nxt is not None
        and not span[-1].whitespace_
        and nxt.text in {".", ","}
        and _digit_after(doc, span)
    )


def _digit_after(doc: Doc, span: Span) -> bool:
    return (
        span.end + 1 < len(doc)
        and doc[span.end + 1].text[:1].isdigit()
        and not doc[span.end].whitespace_
    )


def _future_clause(doc: Doc, span: Span) -> bool:
    """`will be held from April 6 to 16`, `is scheduled for May 2`: the date is still to come."""
    sent = span.sent
    return any(
        t.lower_ in FUTURE_MARKERS for t in doc[max(sent.start, span.start - 12) : span.start]
    )


def _trimmed_end(span: Span) -> int:
    """The span's end without a glued sign-off."""
    trail = SIGN_OFF_RE.search(span.text)
    return span.end_char - len(trail.group()) if trail else span.end_char


class DatesExtractor:
    """Finds temporal expressions and resolves them (see the module docstring)."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = Matcher(nlp.vocab)
        for label, patterns in PATTERNS.items():
            self.matcher.add(label, patterns)

    def __call__(self, doc: Doc) -> Doc:
        spans = self.match(doc)
        self.set_annotations(doc, spans)
        return doc

    def match(self, doc: Doc) -> list[Span]:
        found = [
            Span(doc, start, end, label=match_id) for match_id, start, end in self.matcher(doc)
        ]
        kept = []
        for span in filter_spans(found):
            if in_boilerplate(doc, span.start_char, _trimmed_end(span)):
                continue
            if span.label_ == "YEAR" and _counts_something(doc, span):
                continue
            kept.append(span)
        return kept

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        pub = parse_published(published(doc))
        records: list[dict[str, Any]] = []
        group: list[Span] = []
        anchor: str | None = None
        for span in spans:
            end_char = _trimmed_end(span)
            text = doc.text[span.start_char : end_char]
            parsed = parse_expression(text)
            if parsed is None:
                continue
            hint = None
            if pub is None and parsed.start is not None and parsed.start.year is None:
                hint = self.year_hint(doc, span, spans)
            future = pub is not None and _future_clause(doc, span)
            resolution = resolve(parsed, pub, year_hint=hint, anchor=anchor, future=future)
            value = resolution.value
            if value and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
                anchor = value
            kb_id = f"{value}/{resolution.end}" if value and resolution.end else value or ""
            group.append(Span(doc, span.start, span.end, label=resolution.how or "", kb_id=kb_id))
            records.append(
                {
                    "id": f"{doc_id(doc)}/date/{span.start_char}",
                    "text": text,
                    "value": value,
                    "end": resolution.end,
                    "how": resolution.how,
                    "evidence": evidence(doc, span.start_char, end_char),
                }
            )
        doc.spans["dates"] = group
        doc._.dates = records

    @staticmethod
    def year_hint(doc: Doc, span: Span, spans: list[Span]) -> int | None:
        """A year the sentence fixes: one year in a name (`Meet Japan 2023`) or an anniversary."""
        sent = span.sent
        name_years = {
            int(other.text)
            for other in spans
            if other.start >= sent.start and other.end <= sent.end and is_name_year(other)
        }
        if len(name_years) == 1:
            return name_years.pop()
        return anniversary_year(sent.text, doc.text)


@Language.factory("vjties_dates")
def make_dates(nlp: Language, name: str) -> DatesExtractor:
    return DatesExtractor(nlp)
