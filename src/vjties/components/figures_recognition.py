"""Figures, step 1: where the quantities are, and which numbers are none.

The quantity patterns are data (`resources/figure_patterns.jsonl`, spaCy Matcher patterns);
their `"@name"` word sets and regexes are built here from the vocabulary of money and
numbers (`currencies.json`, `numbers.json`), so a currency or a magnitude is written once.
`find_quantities` runs the Matcher on short windows around number-like words and keeps the
longest of overlapping matches outside dates and boilerplate; `is_not_an_amount` and
`is_change` drop clock times, document numbers, durations, ages, ordinals and changes
(`rose from 100 to 200`), with the words of `resources/figure_cues.json`; `quantity_extent`
widens a match by its qualifier (`more than`) and suffix (`or more`).

Speed: the Matcher evaluates `IN` and `REGEX` predicates in Python, token by token and pattern
by pattern. Each such predicate becomes a lexeme flag of the vocab instead (computed once per
word type, checked in C: FLAG40 and up); FLAG63 marks a word that can be (part of) the number
of a quantity, and the Matcher runs only on short windows around such words, found with one
`TokenView.to_array` column per document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.matcher import Matcher
from spacy.tokens import Doc

from vjties import keys, lexicon
from vjties.extensions import in_boilerplate
from vjties.numbers import (
    MAGNITUDES,
    MULTIPLES,
    NUMBER_WORDS,
    PERCENT_WORDS,
    QUALIFIER_PREFIXES,
    QUALIFIER_SUFFIXES,
    TENS_WORDS,
    UNITS_WORDS,
    VAGUE_MULTIPLIERS,
    VAGUE_PLURALS,
    Amount,
    currencies,
    parse_amount,
)
from vjties.tokens import TokenView

TokenPattern = dict[str, Any]

_NUMBERS = lexicon.numbers()
_CUES = lexicon.figure_cues()
LONE_NUMBERS = frozenset(_CUES.lone_numbers.words)
DASHES = ("-", "–", "—")
_SPELLED = _NUMBERS.spelled_magnitudes
# Spelled magnitudes of a thousand and more can be glued to digits (`5million`).
_GLUED_SPELLED = [w for w in _SPELLED if MAGNITUDES[w] >= 1_000]


@dataclass
class Candidate:
    """A quantity being analysed: token range of the amount, then of the whole figure
    (`text_start`/`text_end` take in its qualifier and counted noun), and what it measures."""

    start: int
    end: int
    text_start: int = 0
    text_end: int = 0
    amount: Amount | None = None
    unit: str | None = None
    metric: str | None = None


# --- the patterns' word sets and regexes ------------------------------------------------


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _currency_forms() -> dict[str, list[str]]:
    """Currency words as the patterns read them. Case matters for symbols and codes: `Dong
    Nai` and `Yen Bai` are provinces, `dong` and `yen` are money."""
    table = currencies()
    phrases = [w.split(" ") for w in table["words"] if w.count(" ") == 1]
    return {
        "currency_before": sorted({*table["symbols"], *table["codes"]}),
        "currency_after": sorted({*table["codes"], *(w for w in table["words"] if " " not in w)}),
        "currency_adjectives": list(dict.fromkeys(first for first, _ in phrases)),
        "currency_nouns": list(dict.fromkeys(second for _, second in phrases)),
    }


def word_sets() -> dict[str, list[str]]:
    """The `"@name"` word sets of figure_patterns.jsonl."""
    return {
        **_currency_forms(),
        "magnitudes": [*_SPELLED, *_NUMBERS.spaced_abbreviations],
        "spelled_magnitudes": list(_SPELLED),
        "percent": [w for w in PERCENT_WORDS if " " not in w],
        # Not `one` (`one of the ...`), not `dozen` (`a dozen` has its own pattern).
        "number_words": sorted((set(UNITS_WORDS) | set(TENS_WORDS)) - LONE_NUMBERS),
        # `twenty-five`, not `twenty ten` (a year).
        "compound_units": sorted(w for w, n in UNITS_WORDS.items() if n != 10),
        "tens_words": sorted(TENS_WORDS),
        "vague_plurals": sorted(VAGUE_PLURALS),
        "dashes": list(DASHES),
    }


_NUM_RE = r"^(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3}){2,}|\d+(?:\.\d+)?)$"
_ABBR = f"(?:{'|'.join(re.escape(w) for w in _NUMBERS.glued_abbreviations)})"
_GLUED = rf"^\d[\d,.]*(?:{_ABBR}|{'|'.join(_GLUED_SPELLED)})$"
_DASH_RANGE_RE = r"^\d[\d,.]*[–—-]\d[\d,.]*$"


def regexes() -> dict[str, str]:
    """The `"@name"` regexes of figure_patterns.jsonl: digits (`number`), an en-dash range
    (`dash_range`), a currency glued to digits (`currency_number`: `US$4.5bn`), and any of
    digits, glued magnitudes (`1.2bn`) or a dash range (`any_number`)."""
    before = _currency_forms()["currency_before"]
    return {
        "number": _NUM_RE,
        "dash_range": _DASH_RANGE_RE,
        "currency_number": rf"(?i)^(?:{_alternation(before)})\d[\d,.]*{_ABBR}?$",
        "any_number": f"(?:{_NUM_RE})|(?i:{_GLUED})|(?:{_DASH_RANGE_RE})",
    }


def _resolve_value(value: Any, sets: dict[str, list[str]], res: dict[str, str]) -> Any:
    """One token attribute's value with its `"@name"` references replaced."""
    if not isinstance(value, dict):
        return value
    ((predicate, argument),) = value.items()
    try:
        if predicate == "REGEX":
            return {"REGEX": res[argument[1:]] if argument.startswith("@") else argument}
        items = [argument] if isinstance(argument, str) else argument
        words = [w for item in items for w in (sets[item[1:]] if item[:1] == "@" else [item])]
    except KeyError as error:
        raise ValueError(f"figure_patterns.jsonl names an unknown set @{error.args[0]}") from None
    return {"IN": words}


def amount_patterns() -> list[list[TokenPattern]]:
    """The quantity patterns of figure_patterns.jsonl, in file order, references resolved."""
    sets, res = word_sets(), regexes()
    return [
        [
            {attr: _resolve_value(value, sets, res) for attr, value in token.items()}
            for token in row.pattern
        ]
        for row in lexicon.figure_patterns()
    ]


# --- lexeme flags ------------------------------------------------------------------------
# spaCy leaves FLAG19..FLAG63 free; figures uses the top of that range.
_FIRST_FLAG = 40
TRIGGER_FLAG = 63


class _LexFlag:
    """A picklable `str -> bool` lexeme flag getter: a word set (on ORTH or LOWER) or a regex."""

    def __init__(self, attr: str, words: Iterable[str] = (), regex: str | None = None) -> None:
        self.lower = attr == "LOWER"
        self.words = frozenset(words)
        self.regex = re.compile(regex) if regex is not None else None

    def __call__(self, string: str) -> bool:
        text = string.lower() if self.lower else string
        if self.regex is not None:
            return self.regex.search(text) is not None
        return text in self.words


class _TriggerFlag:
    """Whether a word can be (part of) the number of a quantity: see `is_trigger_text`."""

    def __call__(self, string: str) -> bool:
        return is_trigger_text(string.lower())


def _set_flag(vocab: Any, flag_id: int, getter: Any) -> None:
    """Give `vocab` the lexeme flag `flag_id`, unless another component already uses it."""
    current = vocab.lex_attr_getters.get(flag_id)
    if current is not None and not isinstance(current, (_LexFlag, _TriggerFlag)):
        raise ValueError(f"lexeme flag {flag_id} is already used by {current!r}")
    vocab.add_flag(getter, flag_id=flag_id)


def _flag_token(spec: TokenPattern, vocab: Any, flags: dict[tuple[Any, ...], int]) -> TokenPattern:
    """One pattern token with its `IN`/`REGEX` predicates replaced by lexeme flags (new
    flags are added to `flags` and to `vocab`)."""
    new: TokenPattern = {}
    for attr, value in spec.items():
        if not isinstance(value, dict):
            new[attr] = value
            continue
        ((predicate, argument),) = value.items()
        attr = "ORTH" if attr == "TEXT" else attr
        key = (attr, predicate, tuple(argument) if predicate == "IN" else argument)
        if key not in flags:
            flag_id = _FIRST_FLAG + len(flags)
            if flag_id >= TRIGGER_FLAG:
                raise ValueError("too many lexeme flags for the figures patterns")
            getter = (
                _LexFlag(attr, words=argument)
                if predicate == "IN"
                else _LexFlag(attr, regex=argument)
            )
            _set_flag(vocab, flag_id, getter)
            flags[key] = flag_id
        new[flags[key]] = True  # type: ignore[index]
    return new


def flag_patterns(vocab: Any, patterns: list[list[TokenPattern]]) -> list[list[TokenPattern]]:
    """`patterns` with every `IN`/`REGEX` predicate replaced by a lexeme flag of `vocab`, and
    the trigger flag set."""
    flags: dict[tuple[Any, ...], int] = {}
    converted = [[_flag_token(spec, vocab, flags) for spec in pattern] for pattern in patterns]
    _set_flag(vocab, TRIGGER_FLAG, _TriggerFlag())
    return converted


def amount_matcher(vocab: Any) -> Matcher:
    """The Matcher of quantities: every pattern under one key, the longest match kept."""
    matcher = Matcher(vocab, validate=False)
    matcher.add("AMOUNT", flag_patterns(vocab, amount_patterns()), greedy="LONGEST")
    return matcher


# --- finding -----------------------------------------------------------------------------

_YEAR_RE = re.compile(r"^(?:1[89]\d\d|20\d\d)$")
_ORDINAL_TOKEN_RE = re.compile(r"^\d+(?:st|nd|rd|th)$")
# Where a quantity can be: digits, number words, `dozens`, `million` (not `one`: `one of`).
_TRIGGER_WORDS = frozenset(
    {*VAGUE_PLURALS, *NUMBER_WORDS, *MULTIPLES, *VAGUE_MULTIPLIERS, *_SPELLED} - LONE_NUMBERS
)


def is_trigger_text(text: str) -> bool:
    """Whether a word (lower case) can be (part of) the number of a quantity: a number word,
    or digits that are not a year, a clock time, a fraction or an ordinal."""
    return text in _TRIGGER_WORDS or (
        any(c.isdigit() for c in text)
        and ":" not in text
        and "/" not in text
        and not _YEAR_RE.match(text)
        and not _ORDINAL_TOKEN_RE.match(text)
    )


def is_year(text: str) -> bool:
    """Whether a token's text is a year (1800-2099)."""
    return bool(_YEAR_RE.match(text))


def longest_first(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spacy.util.filter_spans` on (start, end) pairs: the longest (then the first) of
    overlapping spans, in text order."""
    result: list[tuple[int, int]] = []
    seen: set[int] = set()
    for start, end in sorted(spans, key=lambda s: (s[1] - s[0], -s[0]), reverse=True):
        if start not in seen and end - 1 not in seen:
            result.append((start, end))
            seen.update(range(start, end))
    return sorted(result)


def _number_windows(v: TokenView) -> list[tuple[int, int]]:
    """Stretches of the document around number-like tokens: the Matcher only needs to look
    there. Numbers inside date spans and anything in boilerplate open no window (years,
    clock times, ordinals and document numbers are no trigger words)."""
    if not v.n:
        return []
    found = numpy.flatnonzero(v.to_array((TRIGGER_FLAG,))).tolist()
    if not found:
        return []
    dated: set[int] = set()
    for span in v.spans(keys.DATES):
        dated.update(range(span.start, span.end))
    doc = v.doc
    boilerplate = bool(doc.user_data.get(keys.BOILERPLATE))
    windows: list[list[int]] = []
    for i in found:
        if i in dated:
            continue
        if boilerplate and in_boilerplate(doc, v.idx[i]):
            continue
        start, end = max(0, i - 3), min(v.n, i + 8)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    return [(start, end) for start, end in windows]


def find_quantities(matcher: Matcher, doc: Doc) -> list[tuple[int, int]]:
    """The token ranges of the quantities of `doc`: the longest of overlapping matches, none
    inside a date span or boilerplate, in text order."""
    v = TokenView.of(doc)
    spans = longest_first(
        (start + s, start + e)
        for start, end in _number_windows(v)
        for _, s, e in matcher(doc[start:end])
    )
    if not spans:
        return []
    dates = [(s.start, s.end) for s in v.spans(keys.DATES)]
    boilerplate = bool(doc.user_data.get(keys.BOILERPLATE))
    return [
        (start, end)
        for start, end in spans
        if not any(s < end and start < e for s, e in dates)
        and not (boilerplate and in_boilerplate(doc, *v.span_chars(start, end)))
    ]


# --- numbers that are no amounts ---------------------------------------------------------

_DURATIONS = frozenset(_CUES.durations.words)
_CLOCK_WORDS = frozenset(_CUES.clock_words.words)
_NAME_PREFIXES = frozenset(_CUES.name_prefixes.words)
_AGE_WORDS = frozenset(_CUES.age_words.words)
_ORDINAL_SUFFIXES = frozenset(_CUES.ordinal_suffixes.words)


def is_not_an_amount(v: TokenView, start: int, end: int) -> bool:
    """Clock times, document numbers, durations, ages, page counters."""
    if start > 0:
        before, text = v.lower(start - 1), v.text_of(start - 1)
        if before in _NAME_PREFIXES and not _has_currency_or_percent(v, start, end):
            return True
        if text in ("/", ":", "#", "№") or (text.endswith("-") and v.is_alpha(start - 1)):
            return True
        if before in _AGE_WORDS:
            return True
    if end < v.n:
        after, text = v.lower(end), v.text_of(end)
        if text in ("/", ":") or after in _CLOCK_WORDS:
            return True
        if after in _DURATIONS and not _has_currency_or_percent(v, start, end):
            return True
        if text in ("-", "–") and end + 1 < v.n and v.lower(end + 1) in _DURATIONS:
            return True
        if after in _ORDINAL_SUFFIXES:
            return True
    return False


def _has_currency_or_percent(v: TokenView, start: int, end: int) -> bool:
    """Whether tokens [start, end) are money or a percentage (`Decree 31` is neither)."""
    amount = parse_amount(v.span_text(start, end))
    return amount is not None and amount.unit is not None


_GROWTH_WORDS = frozenset(lexicon.metrics().metrics["growth"].cues)


def is_change(v: TokenView, start: int, end: int) -> bool:
    """`rose from 100 to 200 projects` is a change, not a range."""
    if start == 0 or v.lower(start - 1) != "from":
        return False
    if not any(v.lower(i) == "to" for i in range(start, end)):
        return False
    return any(v.lower(i) in _GROWTH_WORDS for i in range(max(0, start - 4), start - 1))


# --- the extent of a figure --------------------------------------------------------------

# The last word of each qualifier (`more than` -> `than`): no qualifier ends elsewhere.
_QUALIFIER_LAST_WORDS = frozenset(prefix.split(" ")[-1] for prefix in QUALIFIER_PREFIXES)
# Two-word suffixes (`or more`), as word pairs.
_SUFFIX_PAIRS = frozenset(
    tuple(suffix.split(" ")) for suffix in QUALIFIER_SUFFIXES if suffix.count(" ") == 1
)


def quantity_extent(v: TokenView, start: int, end: int) -> tuple[int, int]:
    """Tokens [start, end) of a quantity widened by the qualifier before it (`more than`,
    `in excess of`) and the suffix after it (`or more`)."""
    return _qualifier_start(v, start), _suffix_end(v, end)


def _qualifier_start(v: TokenView, start: int) -> int:
    """Where the qualifier before token `start` begins (`start` if there is none)."""
    if start == 0 or v.lower(start - 1) not in _QUALIFIER_LAST_WORDS:
        return start
    for width in (3, 2, 1):
        if start - width < 0:
            continue
        words = " ".join(v.lower(i) for i in range(start - width, start))
        if words in QUALIFIER_PREFIXES:
            return start - width
    return start


def _suffix_end(v: TokenView, end: int) -> int:
    """Where the two-word suffix after token `end` ends (`end` if there is none)."""
    if end + 1 >= v.n:
        return end
    if (v.lower(end), v.lower(end + 1)) in _SUFFIX_PAIRS:
        return end + 2
    return end
