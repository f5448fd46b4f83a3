"""Temporal expressions: `doc.spans["dates"]` and `doc._.dates` (TimeExpression records).

Token patterns (`PATTERNS`, in spaCy's Matcher format) find the phrases (full dates,
month-day, month-year, years, fiscal years, weekdays, relative phrases, ranges); they are
matched by `TokenClassMatcher` over one bitmask per token, with Python work only where a
pattern can start, which is several times faster than spaCy's `Matcher` on these patterns
and finds the same matches. `vjties.temporal` parses and resolves them against the
publication date in `doc._.meta`. Each span's `kb_id_` is the resolved ISO value (`""` when
it cannot be resolved; an ISO interval `2009/2024` for a range) and its `label_` says how (`stated`, `from_publication_date`,
`inferred`). Years that are part of other tokens (`Resolution 98/2023/QH15`) and numbers
that count things (`about 2000 people`) are not dates; nothing is read from boilerplate
(bylines and `Other news` timestamps included). A clause about what will happen (`will be
held on April 6`) resolves forward from publication. Without a publication date, a year in
a name in the same sentence (`Meet Japan 2023`) or an anniversary fixes the year, how
`inferred`: one whose span (`(2014-2024)`) or start (`ties set up in 2014`) the sentence
states, or one of a known start (resources/known_starts.json).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from typing import Any

import numpy
from spacy.attrs import IDX, LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from vjties import ids, keys
from vjties.extensions import doc_id, doc_text, evidence, in_boilerplate, published
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


def _future_before(future_at: list[int], start: int, end: int) -> bool:
    """`will be held from April 6 to 16`, `is scheduled for May 2`: the date is still to come
    (a future marker among tokens [start, end); `future_at` are the markers' indices)."""
    return bisect_left(future_at, start) < bisect_left(future_at, end)


def _trimmed_end(span: Span) -> int:
    """The span's end without a glued sign-off."""
    last = span.doc[span.end - 1].text
    if "/" not in last:
        return span.end_char
    trail = SIGN_OFF_RE.search(last)
    return span.end_char - len(trail.group()) if trail else span.end_char


# The token attributes the matcher reads (a `TEXT` predicate is one on ORTH).
COLUMNS = [ORTH, LOWER, IDX, SENT_START]
_COMMA_KEY = repr(sorted((k, v) for k, v in COMMA.items() if k != "OP"))
#: What TokenClassMatcher supports of spaCy's token-pattern language; anything else is refused.
SUPPORTED_ATTRS = frozenset({"TEXT", "ORTH", "LOWER"})
SUPPORTED_OPS = frozenset({"?"})
SUPPORTED_PREDICATES = frozenset({"IN", "REGEX"})


class PatternError(ValueError):
    """A token pattern TokenClassMatcher cannot match the way spaCy's Matcher would."""


def validate_patterns(patterns: dict[str, list[list[TokenPattern]]]) -> None:
    """Refuse what TokenClassMatcher does not support, rather than match it differently from
    spaCy's Matcher: operators other than `?` (`+`, `*`, `!`, `{n,m}`), attributes other than
    TEXT/ORTH/LOWER, several attributes in one token, predicates other than a string, IN and
    REGEX, empty or non-string word lists, regexes that do not compile, and patterns that
    could match no token at all."""
    for label, token_patterns in patterns.items():
        if not token_patterns:
            raise PatternError(f"{label}: no patterns")
        for number, pattern in enumerate(token_patterns):
            where = f"{label}, pattern {number}"
            if not isinstance(pattern, list) or not pattern:
                raise PatternError(f"{where}: a pattern is a non-empty list of token dicts")
            for token in pattern:
                _validate_token(where, token)
            if all(token.get("OP") == "?" for token in pattern):
                raise PatternError(f"{where}: every token is optional, so it matches nothing")


def _validate_token(where: str, token: TokenPattern) -> None:
    """One token dict of a pattern (see `validate_patterns`)."""
    if not isinstance(token, dict):
        raise PatternError(f"{where}: {token!r} is not a token dict")
    op = token.get("OP")
    if op is not None and op not in SUPPORTED_OPS:
        raise PatternError(f"{where}: operator {op!r} is not supported (only '?')")
    attrs = [key for key in token if key != "OP"]
    if len(attrs) != 1 or attrs[0] not in SUPPORTED_ATTRS:
        raise PatternError(f"{where}: {token!r} must test exactly one of {sorted(SUPPORTED_ATTRS)}")
    value = token[attrs[0]]
    if isinstance(value, str):
        return
    if not isinstance(value, dict) or len(value) != 1 or set(value) - SUPPORTED_PREDICATES:
        raise PatternError(f"{where}: {value!r} is not a string, IN or REGEX predicate")
    if "IN" in value:
        words = value["IN"]
        if not words or not all(isinstance(word, str) for word in words):
            raise PatternError(f"{where}: IN needs a non-empty list of strings")
        return
    try:
        re.compile(value["REGEX"])
    except (re.error, TypeError) as error:
        raise PatternError(f"{where}: REGEX {value['REGEX']!r} does not compile: {error}") from None


class WordBits:
    """Bits per word (ORTH hash), each word's computed once: a sorted numpy table looked up for
    every token of a Doc at once, and a dict of the words met since the table was last rebuilt.

    Why not a dict alone: looking each token up in Python costs more than the matching it
    serves; the table answers all but the newest words in one `searchsorted`.
    """

    #: Recent words merged into the table at this many; the table stops growing at MAX_WORDS.
    MERGE_AT = 512
    MAX_WORDS = 200_000

    def __init__(self) -> None:
        self.words = numpy.zeros(0, dtype=numpy.uint64)
        self.bits = numpy.zeros(0, dtype=numpy.int64)
        self.recent: dict[int, int] = {}

    def of(self, orths: numpy.ndarray, compute: Callable[[int], int]) -> numpy.ndarray:
        """The bits of each word of `orths` (`compute(orth)` for a word never seen)."""
        found = numpy.zeros(len(orths), dtype=numpy.int64)
        missing = numpy.arange(len(orths))
        if len(self.words):
            index = numpy.searchsorted(self.words, orths)
            index[index == len(self.words)] = 0
            known = self.words[index] == orths
            found[known] = self.bits[index[known]]
            missing = numpy.flatnonzero(~known)
        if len(missing):
            recent = self.recent
            for i, orth in zip(missing.tolist(), orths[missing].tolist(), strict=True):
                bits = recent.get(orth)
                if bits is None:
                    bits = recent[orth] = compute(orth)
                found[i] = bits
            if len(recent) >= self.MERGE_AT:
                self._merge()
        return found

    def _merge(self) -> None:
        """Move the recent words into the sorted table (until it is full)."""
        if len(self.words) < self.MAX_WORDS:
            words = numpy.concatenate([self.words, numpy.fromiter(self.recent, numpy.uint64)])
            bits = numpy.concatenate([self.bits, numpy.fromiter(self.recent.values(), numpy.int64)])
            order = numpy.argsort(words, kind="stable")
            self.words, self.bits = words[order], bits[order]
        self.recent = {}


class TokenClassMatcher:
    """The `PATTERNS`, matched the way spaCy's `Matcher` matches them (every match, each `?`
    token taken or skipped), but over one bitmask per token.

    Each distinct token predicate of the patterns gets a bit; a token's mask, the bits of
    every predicate its text satisfies, comes from sorted tables of word hashes (numpy
    spreads them over a Doc's tokens) and, for REGEX predicates, from a per-word table
    (`WordBits`). A
    match can only start at a token whose mask has a bit a pattern may begin with, followed by
    a token the pattern may continue with; few tokens of an article are such, and the Python
    work is confined to them. Patterns are validated first (`validate_patterns`): what this
    matcher cannot do the way spaCy's Matcher does is refused, never silently dropped.
    tests/components/test_dates.py checks it finds what spaCy's Matcher finds on every text
    of the repository.
    """

    def __init__(self, vocab: Vocab, patterns: dict[str, list[list[TokenPattern]]]) -> None:
        validate_patterns(patterns)
        self.comma = vocab.strings.add(",")
        bits: dict[str, int] = {}
        self.predicates: list[tuple[int, str, Any]] = []  # (bit, attr, values or regex)
        # (label, steps, bits of a first token, bits of a second token, one token may match)
        self.patterns: list[tuple[str, Steps, int, int, bool]] = []
        for label, token_patterns in patterns.items():
            for pattern in token_patterns:
                steps = []
                for token in pattern:
                    key = repr(sorted((k, v) for k, v in token.items() if k != "OP"))
                    if key not in bits:
                        bits[key] = 1 << len(bits)
                        self.predicates.append((bits[key], *self._predicate(token)))
                    steps.append((bits[key], token.get("OP") == "?"))
                self.patterns.append((label, *_pattern_bits(steps, bits.get(_COMMA_KEY, 0))))
        self.start_bits = 0
        for _, _, first, _, _ in self.patterns:
            self.start_bits |= first
        self.tables = self._word_tables(vocab)
        self.regexes = [(bit, test) for bit, _, test in self.predicates if not _is_set(test)]
        self.regex_bits = WordBits()  # ORTH hash -> bits of the REGEX predicates
        self.by_mask: dict[int, list[tuple[str, Steps, int, bool]]] = {}

    @staticmethod
    def _predicate(token: TokenPattern) -> tuple[str, Any]:
        """(attribute, word set or compiled regex) of a validated token dict."""
        (attr, value), *_ = [(k, v) for k, v in token.items() if k != "OP"]
        if isinstance(value, str):
            return attr, frozenset([value])
        if "IN" in value:
            return attr, frozenset(value["IN"])
        return attr, re.compile(value["REGEX"])

    def _word_tables(self, vocab: Vocab) -> list[tuple[numpy.ndarray, numpy.ndarray]]:
        """Sorted hashes of the words the set predicates name, with their bits, for a numpy
        lookup of every token at once; TEXT is ORTH and LOWER is the lower-cased text. A
        column no predicate reads has no table."""
        tables: dict[str, dict[int, int]] = {"ORTH": {}, "LOWER": {}}
        for bit, attr, test in self.predicates:
            if _is_set(test):
                table = tables["LOWER" if attr == "LOWER" else "ORTH"]
                for word in test:
                    word_hash = vocab.strings.add(word)
                    table[word_hash] = table.get(word_hash, 0) | bit
        return [
            (
                numpy.array(sorted(table), dtype=numpy.uint64),
                numpy.array([table[k] for k in sorted(table)], dtype=numpy.int64),
            )
            for table in (tables["ORTH"], tables["LOWER"])
        ]

    def token_masks(self, doc: Doc, array: numpy.ndarray) -> numpy.ndarray:
        """Each token's bits, as an int64 array; `array` is `doc.to_array(COLUMNS)`."""
        masks = numpy.zeros(len(doc), dtype=numpy.int64)
        for column, (words, values) in enumerate(self.tables):
            if not len(words):
                continue
            hashes = array[:, column]
            index = numpy.searchsorted(words, hashes)
            index[index == len(words)] = 0
            masks |= numpy.where(words[index] == hashes, values[index], 0)
        if self.regexes:
            masks |= self._regex_masks(doc, array)
        return masks

    def _regex_masks(self, doc: Doc, array: numpy.ndarray) -> numpy.ndarray:
        """The REGEX predicates' bits of each token (`re.search` on its text, as spaCy's
        Matcher does), each distinct word tested once per process (`WordBits`)."""
        strings = doc.vocab.strings
        return self.regex_bits.of(
            array[:, 0],
            lambda orth: sum(bit for bit, regex in self.regexes if regex.search(strings[orth])),
        )

    def __call__(self, doc: Doc, array: numpy.ndarray | None = None) -> list[tuple[str, int, int]]:
        """(label, start, end) of every match, with leading and trailing commas trimmed."""
        if not len(doc):
            return []
        if array is None:
            array = doc.to_array(COLUMNS)
        masks_array = self.token_masks(doc, array)
        starts = numpy.flatnonzero(masks_array & self.start_bits).tolist()
        if not starts:
            return []
        masks = masks_array.tolist()
        n = len(masks)
        comma, by_mask = self.comma, self.by_mask
        orths: list[int] | None = None
        found = []
        for i in starts:
            candidates = by_mask.get(masks[i])
            if candidates is None:
                candidates = self._candidates(masks[i])
            following = masks[i + 1] if i + 1 < n else 0
            for label, steps, second, single in candidates:
                if not (single or following & second):
                    continue
                for end in _match_ends(steps, masks, i, n):
                    if orths is None:
                        orths = array[:, 0].tolist()
                    s, e = i, end
                    while s < e and orths[s] == comma:
                        s += 1
                    while e > s and orths[e - 1] == comma:
                        e -= 1
                    if s < e:
                        found.append((label, s, e))
        return found

    def _candidates(self, start_mask: int) -> list[tuple[str, Steps, int, bool]]:
        """The patterns that may start at a token with `start_mask`: (label, steps, bits the
        next token must have one of, whether one token is a whole match); kept per mask."""
        candidates = self.by_mask[start_mask] = [
            (label, steps, second, single)
            for label, steps, first, second, single in self.patterns
            if first & start_mask
        ]
        return candidates


def _is_set(test: Any) -> bool:
    """Whether a compiled predicate is a word set (else a regex)."""
    return isinstance(test, frozenset)


def _pattern_bits(steps: list[tuple[int, bool]], comma: int) -> tuple[Steps, int, int, bool]:
    """(steps, bits a first token may have, bits a second may have, whether one token can be
    a whole match) of a pattern. A match never starts with a comma: trimmed, it is the match
    that starts after the (optional) comma."""
    first_steps = _closure(steps, {0})
    first = sum({steps[k][0] for k in first_steps if k < len(steps)})
    second_steps = _closure(steps, {k + 1 for k in first_steps if k < len(steps)})
    second = sum({steps[k][0] for k in second_steps if k < len(steps)})
    return tuple(steps), first & ~comma, second, len(steps) in second_steps


Steps = tuple[tuple[int, bool], ...]


def _closure(steps: list[tuple[int, bool]], positions: set[int]) -> set[int]:
    """The pattern positions reachable from `positions` by skipping optional steps."""
    reached = set(positions)
    todo = list(positions)
    while todo:
        k = todo.pop()
        if k < len(steps) and steps[k][1] and k + 1 not in reached:
            reached.add(k + 1)
            todo.append(k + 1)
    return reached


def _match_ends(steps: Steps, masks: list[int], start: int, n: int) -> set[int]:
    ends: set[int] = set()
    stack = [(0, start)]
    last = len(steps)
    while stack:
        k, j = stack.pop()
        if k == last:
            if j > start:
                ends.add(j)
            continue
        bit, optional = steps[k]
        if optional:
            stack.append((k + 1, j))
        if j < n and masks[j] & bit:
            stack.append((k + 1, j + 1))
    return ends


def positions(column: numpy.ndarray, keys: numpy.ndarray) -> list[int]:
    """Indices of the values of `column` that are among `keys` (sorted hashes); faster than
    `numpy.isin`, which sorts both."""
    if not len(column) or not len(keys):
        return []
    index = numpy.searchsorted(keys, column)
    index[index == len(keys)] = 0
    return numpy.flatnonzero(keys[index] == column).tolist()


class SentenceIndex:
    """Sentence bounds by token index (`Span.sent` rescans the whole Doc on every call)."""

    def __init__(self, doc: Doc, sent_starts: numpy.ndarray | None = None) -> None:
        """`sent_starts`: `doc.to_array(SENT_START)`, when the caller has it already."""
        self.length = len(doc)
        if sent_starts is None and len(doc):
            sent_starts = doc.to_array(SENT_START)
        starts = numpy.flatnonzero(sent_starts == 1).tolist() if len(doc) else []
        self.starts = [0, *[s for s in starts if s != 0]]

    def bounds(self, i: int) -> tuple[int, int]:
        """(start, end) of the sentence holding token `i`."""
        k = bisect_right(self.starts, i) - 1
        end = self.starts[k + 1] if k + 1 < len(self.starts) else self.length
        return self.starts[k], end


class DatesExtractor:
    """Finds temporal expressions and resolves them (see the module docstring)."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = TokenClassMatcher(nlp.vocab, PATTERNS)
        self.future_hashes = numpy.array(
            sorted(nlp.vocab.strings.add(w) for w in FUTURE_MARKERS), dtype=numpy.uint64
        )

    def __call__(self, doc: Doc) -> Doc:
        array = doc.to_array(COLUMNS) if len(doc) else None
        spans = self.match(doc, array)
        self.set_annotations(doc, spans, array)
        return doc

    def match(self, doc: Doc, array: numpy.ndarray | None = None) -> list[Span]:
        """The date phrases; `array` is `doc.to_array(COLUMNS)` when the caller has it."""
        if not len(doc):
            return []
        if array is None:
            array = doc.to_array(COLUMNS)
        found = [Span(doc, s, e, label=label) for label, s, e in self.matcher(doc, array)]
        kept = []
        for span in filter_spans(found):
            if in_boilerplate(doc, span.start_char, _trimmed_end(span)):
                continue
            if span.label_ == "YEAR" and _counts_something(doc, span):
                continue
            kept.append(span)
        return kept

    def set_annotations(
        self, doc: Doc, spans: list[Span], array: numpy.ndarray | None = None
    ) -> None:
        pub = parse_published(published(doc))
        if not spans:
            doc.spans[keys.DATES] = []
            doc._.dates = []
            return
        if array is None:
            array = doc.to_array(COLUMNS)
        future_at = positions(array[:, 1], self.future_hashes)
        sents = SentenceIndex(doc, array[:, 3])
        hints: dict[int, int | None] = {}
        name = doc_id(doc)
        records: list[dict[str, Any]] = []
        group: list[Span] = []
        anchor: str | None = None
        taken: set[str] = set()
        for span in spans:
            end_char = _trimmed_end(span)
            text = doc_text(doc)[span.start_char : end_char]
            parsed = parse_expression(text)
            if parsed is None:
                continue
            sent_start, sent_end = sents.bounds(span.start)
            hint = None
            if pub is None and parsed.start is not None and parsed.start.year is None:
                if sent_start not in hints:
                    hints[sent_start] = self.year_hint(doc, sent_start, sent_end, spans)
                hint = hints[sent_start]
            future = pub is not None and _future_before(
                future_at, max(sent_start, span.start - 12), span.start
            )
            resolution = resolve(parsed, pub, year_hint=hint, anchor=anchor, future=future)
            value = resolution.value
            if value and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
                anchor = value
            kb_id = f"{value}/{resolution.end}" if value and resolution.end else value or ""
            span.label_ = resolution.how or ""
            span.kb_id_ = kb_id
            group.append(span)
            grounding = evidence(doc, span.start_char, end_char, name)
            records.append(
                {
                    "id": ids.numbered(ids.date_id(name, value, resolution.end, text), taken),
                    "text": text,
                    "value": value,
                    "end": resolution.end,
                    "how": resolution.how,
                    "evidence": grounding,
                }
            )
        doc.spans[keys.DATES] = group
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
        text = doc_text(doc)
        sentence = text[doc[sent_start].idx : doc[sent_end - 1].idx + len(doc[sent_end - 1])]
        if "anniversar" not in sentence.lower():
            return None
        return anniversary_year(sentence, text)


@Language.factory(
    "vjties_dates",
    assigns=["doc.spans", "doc._.dates"],
    requires=["doc._.meta", "doc._.boilerplate", "token.is_sent_start"],
)
def make_dates(nlp: Language, name: str) -> DatesExtractor:
    return DatesExtractor(nlp)
