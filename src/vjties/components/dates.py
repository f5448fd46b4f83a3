"""Temporal expressions: `doc.spans["dates"]` and `doc._.dates` (TimeExpression records).

A `Matcher` finds the phrases (full dates, month-day, month-year, years, fiscal years,
weekdays, relative phrases, ranges); `vjties.temporal` parses and resolves them against the
publication date in `doc._.meta`. Each span's `kb_id_` is the resolved ISO value (`""` when
it cannot be resolved; an ISO interval `2009/2024` for a range) and its `label_` says how (`stated`, `from_publication_date`,
`inferred`). Years that are part of other tokens (`Resolution 98/2023/QH15`) and numbers
that count things (`about 2000 people`) are not dates; nothing is read from boilerplate
(bylines and `Other news` timestamps included). A clause about what will happen (`will be
held on April 6`) resolves forward from publication. Without a publication date, a year in
a name in the same sentence (`Meet Japan 2023`) or an anniversary of a known start
(resources/known_starts.json) fixes the year, how `inferred`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

import numpy
from spacy.attrs import ORTH, SENT_START, SHAPE
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from vjties.extensions import doc_id, in_boilerplate, published
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
SIGN_OFF_RE = re.compile(r"\.?/\.$")
_SIGN_OFFS = ("", "./.", "/.")
# Sets, not regexes: the Matcher checks a set much faster, and these run on every token.
_DAYS = [
    f"{prefix}{day}{suffix}"
    for day in range(1, 32)
    for prefix in ("", "0")
    if not (prefix and day > 9)
    for suffix in ("", "st", "nd", "rd", "th")
]
_YEARS = [str(year) for year in range(1800, 2100)]
DAY: TokenPattern = {"TEXT": {"IN": [f"{d}{s}" for d in _DAYS for s in _SIGN_OFFS]}}
YEAR: TokenPattern = {"TEXT": {"IN": [f"{y}{s}" for y in _YEARS for s in _SIGN_OFFS]}}
SHORT_YEAR: TokenPattern = {"TEXT": {"IN": [f"{n:02d}" for n in range(100)]}}
NUMERIC_DATE: TokenPattern = {
    "TEXT": {"REGEX": r"^(?:\d{4}[/.]\d{1,2}[/.]\d{1,2}|\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d\d-\d\d)$"}
}
# The tokenizer keeps `18–19` and `2014–2024` whole when the dash is an en or em dash.
DAY_SPAN: TokenPattern = {
    "TEXT": {"REGEX": r"^(?:0?[1-9]|[12]\d|3[01])[–—](?:0?[1-9]|[12]\d|3[01])$"}
}
YEAR_SPAN: TokenPattern = {
    "TEXT": {"REGEX": r"^(?:1[89]|20)\d\d[–—](?:(?:1[89]|20)\d\d|\d\d)(?:\.?/\.)?$"}
}
COMMA: TokenPattern = {"ORTH": ",", "OP": "?"}
DASH: TokenPattern = {"ORTH": {"IN": ["-", "–", "—"]}}
SEP: TokenPattern = {"LOWER": {"IN": ["-", "–", "—", "to", "until", "till", "through"]}}
WEEKDAY: TokenPattern = {"TEXT": {"IN": [w.title() for w in WEEKDAYS]}}
OF: TokenPattern = {"LOWER": "of"}

# Optional tokens keep the pattern count low (the Matcher's cost grows with it); a match may
# then begin or end with a comma, which `DatesExtractor.match` trims.
WEEKDAY_OPT: TokenPattern = {**WEEKDAY, "OP": "?"}
OF_OPT: TokenPattern = {**OF, "OP": "?"}
MONTH_OPT: TokenPattern = {**MONTH, "OP": "?"}
YEAR_OPT: TokenPattern = {**YEAR, "OP": "?"}
OPEN: TokenPattern = {"ORTH": {"IN": ["[", "("]}}
CLOSE: TokenPattern = {"ORTH": {"IN": ["]", ")"]}}
# `today [March 8]`, as news dumps print it, and `Thursday (March 7)`.
TODAY_OR_WEEKDAY: TokenPattern = {"LOWER": {"IN": ["today", "yesterday", "tomorrow", *WEEKDAYS]}}

PATTERNS: dict[str, list[list[TokenPattern]]] = {
    "DATE": [
        [WEEKDAY_OPT, COMMA, MONTH, DAY, COMMA, YEAR],
        [WEEKDAY_OPT, COMMA, DAY, OF_OPT, MONTH, COMMA, YEAR],
        [NUMERIC_DATE],
        [YEAR, DASH, SHORT_YEAR, DASH, SHORT_YEAR],
    ],
    "RANGE": [
        [MONTH, DAY, SEP, MONTH_OPT, DAY, COMMA, YEAR_OPT],
        [MONTH, DAY, COMMA, YEAR, SEP, MONTH, DAY, COMMA, YEAR],
        [DAY, MONTH_OPT, SEP, DAY, MONTH, COMMA, YEAR_OPT],
        [MONTH, YEAR_OPT, SEP, MONTH, YEAR],
        [YEAR, SEP, YEAR],
        [YEAR_SPAN],
        [MONTH, DAY_SPAN, COMMA, YEAR_OPT],
        [DAY_SPAN, MONTH, COMMA, YEAR_OPT],
        [YEAR, DASH, SHORT_YEAR],
        [{"LOWER": "between"}, YEAR, {"LOWER": "and"}, YEAR],
        [{"LOWER": "between"}, MONTH, DAY, {"LOWER": "and"}, DAY],
        [{"LOWER": "between"}, {"LOWER": "now"}, {"LOWER": "and"}, YEAR],
        [{"LOWER": "from"}, {"LOWER": "now"}, {"LOWER": {"IN": ["to", "until", "till"]}}, YEAR],
    ],
    "MONTH_DAY": [
        [WEEKDAY_OPT, COMMA, MONTH, DAY],
        [WEEKDAY_OPT, COMMA, DAY, OF_OPT, MONTH],
        [TODAY_OR_WEEKDAY, OPEN, MONTH, DAY, COMMA, YEAR_OPT, CLOSE],
        [TODAY_OR_WEEKDAY, OPEN, DAY, OF_OPT, MONTH, COMMA, YEAR_OPT, CLOSE],
    ],
    "MONTH_YEAR": [[MONTH, COMMA, YEAR]],
    "YEAR": [[YEAR], [{"TEXT": {"IN": [f"mid-{y}" for y in _YEARS]}}]],
    "FISCAL_YEAR": [
        [{"LOWER": {"IN": ["fiscal", "financial"]}}, {"LOWER": "year", "OP": "?"}, YEAR],
        [{"TEXT": {"IN": [f"FY{y}" for y in _YEARS]}}],
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


def _future_clause(doc: Doc, span: Span, sent_start: int) -> bool:
    """`will be held from April 6 to 16`, `is scheduled for May 2`: the date is still to come."""
    return any(
        t.lower_ in FUTURE_MARKERS for t in doc[max(sent_start, span.start - 12) : span.start]
    )


def _trimmed_end(span: Span) -> int:
    """The span's end without a glued sign-off."""
    trail = SIGN_OFF_RE.search(span.text)
    return span.end_char - len(trail.group()) if trail else span.end_char


_NUMERIC_DATE_SHAPES = [
    f"dddd{sep}{m}{sep}{d}" for sep in "/." for m in ("d", "dd") for d in ("d", "dd")
] + [f"{d}/{m}/dddd" for m in ("d", "dd") for d in ("d", "dd")]
_YEAR_SPAN_SHAPES = [
    f"dddd{dash}{end}{sign_off}"
    for dash in "–—"
    for end in ("dddd", "dd")
    for sign_off in _SIGN_OFFS
]


def _trigger_words() -> set[str]:
    """Token texts that can be part of a date: the Matcher runs only near them."""
    # Not days: a day is part of a date only next to a month, which is a trigger.
    words = {*_MONTH_FORMS, *(w.title() for w in WEEKDAYS)}
    words |= {f"{y}{s}" for y in _YEARS for s in _SIGN_OFFS}
    words |= {f"mid-{y}" for y in _YEARS} | {f"FY{y}" for y in _YEARS}
    for word in ("today", "yesterday", "tomorrow", "same", "previous", "following", "next",
                 "week", "month", "year", "now"):  # fmt: skip
        words |= {word, word.title(), word.upper()}
    return words


def _is_calendar(token: TokenPattern) -> bool:
    return any(token is t for t in (MONTH, MONTH_OPT, WEEKDAY, WEEKDAY_OPT, NUMERIC_DATE))


class SentenceIndex:
    """Sentence bounds by token index (`Span.sent` rescans the whole Doc on every call)."""

    def __init__(self, doc: Doc) -> None:
        self.length = len(doc)
        starts = numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist() if len(doc) else []
        self.starts = [0, *[s for s in starts if s != 0]]

    def bounds(self, i: int) -> tuple[int, int]:
        """(start, end) of the sentence holding token `i`."""
        k = bisect_right(self.starts, i) - 1
        end = self.starts[k + 1] if k + 1 < len(self.starts) else self.length
        return self.starts[k], end


class DatesExtractor:
    """Finds temporal expressions and resolves them (see the module docstring)."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = Matcher(nlp.vocab)
        # Patterns without a month, weekday or numeric date, for windows that have none.
        self.plain_matcher = Matcher(nlp.vocab)
        for label, patterns in PATTERNS.items():
            self.matcher.add(label, patterns)
            plain = [p for p in patterns if not any(_is_calendar(token) for token in p)]
            if plain:
                self.plain_matcher.add(label, plain)
        strings = nlp.vocab.strings
        self.calendar_orths = {
            strings.add(t) for t in (*_MONTH_FORMS, *(w.title() for w in WEEKDAYS))
        }
        self.trigger_orths = {strings.add(t) for t in _trigger_words()} | self.calendar_orths
        self.calendar_shapes = {strings.add(t) for t in _NUMERIC_DATE_SHAPES}
        self.trigger_shapes = self.calendar_shapes | {strings.add(t) for t in _YEAR_SPAN_SHAPES}

    def __call__(self, doc: Doc) -> Doc:
        spans = self.match(doc)
        self.set_annotations(doc, spans)
        return doc

    def match(self, doc: Doc) -> list[Span]:
        found = []
        for start, end, calendar in self.windows(doc):
            matcher = self.matcher if calendar else self.plain_matcher
            for match_id, s, e in matcher(doc[start:end]):
                s, e = start + s, start + e
                while s < e and doc[s].text == ",":
                    s += 1
                while e > s and doc[e - 1].text == ",":
                    e -= 1
                if s < e:
                    found.append(Span(doc, s, e, label=match_id))
        kept = []
        for span in filter_spans(found):
            if in_boilerplate(doc, span.start_char, _trimmed_end(span)):
                continue
            if span.label_ == "YEAR" and _counts_something(doc, span):
                continue
            kept.append(span)
        return kept

    def windows(self, doc: Doc) -> list[tuple[int, int, bool]]:
        """Stretches of the Doc around tokens that can be part of a date, merged, each with
        whether it holds a calendar word (a month, a weekday or a numeric date).

        Running the Matcher only there is much faster than over the whole Doc: every pattern
        has such a token (a month, weekday, year, numeric date or relative word) within its
        first four tokens and is at most ten tokens long.
        """
        if not len(doc):
            return []
        arr = doc.to_array([ORTH, SHAPE]).tolist()  # hashes: fast set lookups, no Tokens
        calendar_orths, orths, shapes = self.calendar_orths, self.trigger_orths, self.trigger_shapes
        calendar_shapes = self.calendar_shapes
        hits = [
            (i, orth in calendar_orths or shape in calendar_shapes)
            for i, (orth, shape) in enumerate(arr)
            if orth in orths or shape in shapes
        ]
        windows: list[tuple[int, int, bool]] = []
        for i, is_calendar in hits:
            # A pattern with no calendar word is at most four tokens long around its trigger.
            before, after = (4, 11) if is_calendar else (3, 4)
            start, end = max(0, i - before), min(len(doc), i + after)
            if windows and start <= windows[-1][1]:
                last = windows[-1]
                windows[-1] = (last[0], end, last[2] or is_calendar)
            else:
                windows.append((start, end, is_calendar))
        return windows

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        pub = parse_published(published(doc))
        sents = SentenceIndex(doc)
        hints: dict[int, int | None] = {}
        name = doc_id(doc)
        records: list[dict[str, Any]] = []
        group: list[Span] = []
        anchor: str | None = None
        for span in spans:
            end_char = _trimmed_end(span)
            text = span.text[: end_char - span.start_char]
            parsed = parse_expression(text)
            if parsed is None:
                continue
            sent_start, sent_end = sents.bounds(span.start)
            hint = None
            if pub is None and parsed.start is not None and parsed.start.year is None:
                if sent_start not in hints:
                    hints[sent_start] = self.year_hint(doc, sent_start, sent_end, spans)
                hint = hints[sent_start]
            future = pub is not None and _future_clause(doc, span, sent_start)
            resolution = resolve(parsed, pub, year_hint=hint, anchor=anchor, future=future)
            value = resolution.value
            if value and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
                anchor = value
            kb_id = f"{value}/{resolution.end}" if value and resolution.end else value or ""
            group.append(Span(doc, span.start, span.end, label=resolution.how or "", kb_id=kb_id))
            evidence = {"document": name, "start": span.start_char, "end": end_char, "text": text}
            records.append(
                {
                    "id": f"{name}/date/{span.start_char}",
                    "text": text,
                    "value": value,
                    "end": resolution.end,
                    "how": resolution.how,
                    "evidence": evidence,
                }
            )
        doc.spans["dates"] = group
        doc._.dates = records

    @staticmethod
    def year_hint(doc: Doc, sent_start: int, sent_end: int, spans: list[Span]) -> int | None:
        """A year the sentence fixes: one year in a name (`Meet Japan 2023`) or an anniversary."""
        name_years = {
            int(other.text)
            for other in spans
            if other.start >= sent_start and other.end <= sent_end and is_name_year(other)
        }
        if len(name_years) == 1:
            return name_years.pop()
        sentence = doc[sent_start:sent_end].text
        if "anniversar" not in sentence.lower():
            return None
        return anniversary_year(sentence, doc.text)


@Language.factory("vjties_dates")
def make_dates(nlp: Language, name: str) -> DatesExtractor:
    return DatesExtractor(nlp)
