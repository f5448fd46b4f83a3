"""The figures normalizer: amounts as written -> absolute values, units and qualifiers.

`parse_amount` reads the text of one quantity as news writes it and returns an `Amount`:

- digits with thousands separators (`630,000`, `1.234.567`) and decimals (`48.18`);
- number words (`four`, `twenty-five`, `a dozen`, `a million`) and vague plurals
  (`dozens of` -> 24, `hundreds of` -> 200, `thousands of` -> 2,000 ..., all `at_least`:
  the smallest amount the plural can mean);
- magnitudes (`thousand`, `million`, `billion`, `trillion`, `bn`, `mln`, `m`, `tn`, glued
  or spaced: `1.2bn`, `5 bn`);
- currencies before or after the amount (`US$4.5 billion`, `USD 300 million`, `5 billion yen`,
  `VND2 trillion`), read from `resources/currencies.json` and given as ISO 4217 codes;
- percentages (`23.5%`, `23.5 percent`, `23.5 per cent`);
- ranges (`2-3 billion USD`, `between 100 and 200`, `from 5 to 7 percent`), where the first
  end borrows the magnitude and currency of the second when it has none;
- qualifiers (`more than`, `over`, `exceeds`, `-plus` -> more_than; `about`, `around`, `nearly`,
  `some` ... -> about; `at least`, `or more` -> at_least; `up to` -> up_to; `less than`,
  `under` -> less_than).

Values are exact: they are computed with `Decimal` and returned as `int` when integral
(`1.2 billion` -> 1200000000), as `float` otherwise (`23.5`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from vjties import lexicon

Number = int | float

_WORDS = lexicon.numbers()
#: Magnitude word or abbreviation -> factor (`bn` -> 10**9).
MAGNITUDES: dict[str, int] = dict(_WORDS.magnitudes)
# Spelled-out magnitudes; the abbreviations (`m`, `bn`, `k`) only count after digits.
WORD_MAGNITUDES = frozenset(_WORDS.spelled_magnitudes)
UNITS_WORDS: dict[str, int] = dict(_WORDS.units)
TENS_WORDS: dict[str, int] = dict(_WORDS.tens)
#: `dozen` -> 12: a number word written after an article (`a dozen`).
MULTIPLES: dict[str, int] = dict(_WORDS.multiples)
NUMBER_WORDS: dict[str, int] = {**UNITS_WORDS, **TENS_WORDS, **MULTIPLES}
# `dozens of firms`: the least the plural can mean, qualified `at_least`.
VAGUE_PLURALS: dict[str, int] = dict(_WORDS.vague_plurals)
# `tens of thousands of`: a plural that multiplies the plural magnitude after it.
VAGUE_MULTIPLIERS: dict[str, int] = dict(_WORDS.vague_multipliers)
# Wording before the amount -> qualifier; longest first so `more than` wins over `more`.
QUALIFIER_PREFIXES: dict[str, str] = dict(_WORDS.qualifier_prefixes)
# Wording after the amount -> qualifier (`100,000-plus`, `200 or more`).
QUALIFIER_SUFFIXES: dict[str, str] = dict(_WORDS.qualifier_suffixes)
PERCENT_WORDS = tuple(_WORDS.percent_words)

_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-", "\u00a0": " "})


@dataclass(frozen=True)
class Amount:
    """One quantity as normalized: `unit` is an ISO 4217 code, `percent`, or None (a count)."""

    value: Number
    value_max: Number | None = None
    unit: str | None = None
    qualifier: str = "exact"
    vague: bool = False  # `dozens of`, `hundreds of`: a plural, not a stated number


@dataclass
class _Part:
    """One end of a quantity while it is being read."""

    number: Decimal
    magnitude: int | None = None
    currency: str | None = None
    percent: bool = False
    vague: bool = False


@lru_cache(maxsize=1)
def currencies() -> dict[str, dict[str, str]]:
    """The currency wording table (resources/currencies.json)."""
    table = lexicon.currencies()
    return {"symbols": table.symbols, "codes": table.codes, "words": table.words}


def _currency_map() -> dict[str, str]:
    """Every currency wording, lower case -> code (a symbol wins over a code, a code over a word)."""
    table = currencies()
    merged = {k.lower(): v for k, v in table["words"].items()}
    merged.update({k.lower(): v for k, v in table["codes"].items()})
    merged.update({k.lower(): v for k, v in table["symbols"].items()})
    return merged


_CURRENCIES = _currency_map()


def _alternation(words: list[str]) -> str:
    """A regex alternation of `words`, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _word_pattern(words: list[str]) -> str:
    """Words end at a word boundary; symbols (`$`, `US$`) may touch the digits."""
    return "|".join(
        re.escape(w) + (r"(?![a-z])" if w[-1].isalpha() else "")
        for w in sorted(words, key=len, reverse=True)
    )


def _spelled_pattern(phrase: str) -> str:
    """A regex for one wording: words apart by white space, a symbol touching or not
    (`per cent`, `-plus`, `+`); a word ends at a word boundary."""
    parts = re.findall(r"[a-z.]+|[^a-z.\s]", phrase)
    pattern = ""
    for previous, part in zip(["", *parts], parts, strict=False):
        if previous:
            both_words = previous[-1].isalpha() and part[0].isalpha()
            pattern += r"\s+" if both_words else r"\s*"
        pattern += re.escape(part)
    return pattern + (r"(?![a-z])" if phrase[-1].isalpha() else "")


def _suffix_pattern(suffix: str) -> str:
    """`or more` needs white space before it, `-plus` and `+` may touch the number."""
    lead = r"\s+" if suffix[0].isalpha() else r"\s*"
    return lead + _spelled_pattern(suffix).removesuffix(r"(?![a-z])")


_NUMBER_RE = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3}){2,}|\d+(?:\.\d+)?|\.\d+"
_PERCENT_RE = "|".join(_spelled_pattern(w) for w in sorted(PERCENT_WORDS, key=len, reverse=True))
_SCANNER = re.compile(
    rf"""
    (?P<num>{_NUMBER_RE})
    |(?P<pct>{_PERCENT_RE})
    |(?P<cur>{_word_pattern(list(_CURRENCIES))})
    |(?P<word>[a-z]+(?:-[a-z]+)*\.?)
    |(?P<dash>-)
    |(?P<plus>\+)
    |(?P<space>[\s,]+)
    """,
    re.VERBOSE,
)
# `a $1.2-billion loan`: magnitudes of a thousand and more, hyphenated to the number.
_HYPHENATED_MAGNITUDE_RE = re.compile(
    r"(\d)\s*-\s*("
    + "|".join(w for w in _WORDS.spelled_magnitudes if MAGNITUDES[w] >= 1_000)
    + r")\b"
)
_US_DOLLAR_RE = re.compile(r"\b(?:us|u\.s\.)\s+\$")
_QUALIFIER_PREFIX_RE = re.compile(rf"^(?:{_alternation(list(QUALIFIER_PREFIXES))})(?=[\s$¥€£₫\d])")
_QUALIFIER_SUFFIX_RE = re.compile(
    "(?:" + "|".join(_suffix_pattern(suffix) for suffix in QUALIFIER_SUFFIXES) + ")$"
)
#: The pieces of a range: its openers with their joiners (`between ... and ...`), and what
#: joins two ends without an opener besides a dash (`5 to 7 percent`).
RANGE_OPENERS: dict[str, str] = dict(_WORDS.range_openers)
RANGE_JOINERS = frozenset(_WORDS.range_joiners)
ARTICLES = frozenset(_WORDS.articles)


def _to_number(value: Decimal) -> Number:
    """`int` when integral (`1.2 billion` -> 1200000000), `float` otherwise."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def parse_number(text: str) -> Number | None:
    """A plain number: `630,000`, `48.18`, `1.234.567`, `seven`, `twenty-five`, `a dozen`."""
    amount = parse_amount(text)
    if amount is None or amount.unit is not None or amount.value_max is not None:
        return None
    return amount.value


# No figure in the news has more digits than this (VND 1,000,000,000,000,000 has 19). Longer
# runs are not read as numbers: converting them is quadratic in their length (a 1 MB run took
# 28 s) and an integer over 4,300 digits cannot even be written as JSON.
MAX_DIGITS = 24


def _digits(text: str) -> Decimal:
    """Digits with thousands separators (`630,000`, `1.234.567`) and decimals as a Decimal;
    InvalidOperation if it has more than MAX_DIGITS digits (a run of digits is no amount)."""
    if sum(c.isdigit() for c in text) > MAX_DIGITS:
        raise InvalidOperation(f"more than {MAX_DIGITS} digits")
    if text.count(".") > 1:  # 1.234.567: dots as thousands separators
        text = text.replace(".", "")
    return Decimal(text.replace(",", ""))


def _scan(text: str) -> list[tuple[str, str]] | None:
    """(kind, text) tokens of a quantity: num, pct, cur, word, dash, plus; None if a part of
    `text` is none of these."""
    tokens: list[tuple[str, str]] = []
    position = 0
    while position < len(text):
        match = _SCANNER.match(text, position)
        if match is None:
            return None
        kind = match.lastgroup or ""
        if kind != "space":
            tokens.append((kind, match.group()))
        position = match.end()
    return tokens


Tokens = list[tuple[str, str]]


def _read_part(tokens: Tokens, i: int) -> tuple[_Part, int] | None:
    """Read `[currency] number [magnitude...] [currency | percent]` from tokens[i:]."""
    currency = None
    if i < len(tokens) and tokens[i][0] == "cur":
        currency = _CURRENCIES[tokens[i][1]]
        i += 1
    if i >= len(tokens):
        return None
    kind, text = tokens[i]
    if kind == "num":
        try:
            read: tuple[_Part, int] | None = (_Part(_digits(text)), i + 1)
        except InvalidOperation:
            return None
        # Glued magnitude: `1.2bn`, `5m` (the scanner reads them as a following word).
    elif kind == "word" and text in VAGUE_PLURALS:
        read = _read_vague_plural(tokens, i)
    elif kind == "word" and text in VAGUE_MULTIPLIERS:
        read = _read_vague_multiple(tokens, i)
    elif kind == "word":
        read = _read_number_words(tokens, i)
    else:
        return None
    if read is None:
        return None
    part, i = read
    part.currency = currency
    i = _read_magnitudes(tokens, i, part, spelled=kind == "word")
    if i < len(tokens) and tokens[i][0] == "pct":
        part.percent = True
        i += 1
    elif i < len(tokens) and tokens[i][0] == "cur" and currency is None:
        part.currency = _CURRENCIES[tokens[i][1]]
        i += 1
    return part, i


def _read_vague_plural(tokens: Tokens, i: int) -> tuple[_Part, int]:
    """`dozens of`, `hundreds of thousands of`: the least the plural can mean."""
    part = _Part(Decimal(VAGUE_PLURALS[tokens[i][1]]), vague=True)
    i += 1
    if i < len(tokens) and tokens[i] == ("word", "of"):
        i += 1
    if i < len(tokens) and tokens[i][0] == "word" and _plural_magnitude(tokens[i][1]):
        part.magnitude = MAGNITUDES[tokens[i][1].removesuffix("s")]
        i += 1
        if i < len(tokens) and tokens[i] == ("word", "of"):
            i += 1
    return part, i


def _read_vague_multiple(tokens: Tokens, i: int) -> tuple[_Part, int] | None:
    """`tens of thousands of`: a multiplier of the plural magnitude after it (none: None)."""
    if not (i + 2 < len(tokens) and tokens[i + 1] == ("word", "of")):
        return None
    part = _Part(Decimal(VAGUE_MULTIPLIERS[tokens[i][1]]), vague=True)
    i += 2
    if not (tokens[i][0] == "word" and _plural_magnitude(tokens[i][1])):
        return None
    part.magnitude = MAGNITUDES[tokens[i][1].removesuffix("s")]
    i += 1
    if i < len(tokens) and tokens[i] == ("word", "of"):
        i += 1
    return part, i


def _read_number_words(tokens: Tokens, i: int) -> tuple[_Part, int] | None:
    """`a dozen`, `a million`, `seven`, `twenty-five`, `twenty five`."""
    words = tokens[i][1].split("-")
    if words[0] in ARTICLES and len(words) == 1:
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ("", "")
        if nxt[0] == "word" and nxt[1] in MULTIPLES:
            return _Part(Decimal(MULTIPLES[nxt[1]])), i + 2
        if nxt[0] == "word" and nxt[1] in WORD_MAGNITUDES:
            return _Part(Decimal(1)), i + 1
        return None
    if not (all(w in NUMBER_WORDS for w in words) and len(words) <= 2):
        return None
    if len(words) == 2 and not (words[0] in TENS_WORDS and words[1] in UNITS_WORDS):
        return None
    number = Decimal(sum(NUMBER_WORDS[w] for w in words))
    i += 1
    if (
        len(words) == 1
        and words[0] in TENS_WORDS
        and i < len(tokens)
        and tokens[i][0] == "word"
        and tokens[i][1] in UNITS_WORDS
        and int(UNITS_WORDS[tokens[i][1]]) < 10
    ):
        number += UNITS_WORDS[tokens[i][1]]
        i += 1
    return _Part(number), i


def _read_magnitudes(tokens: Tokens, i: int, part: _Part, *, spelled: bool) -> int:
    """Multiply `part` by the magnitudes from tokens[i:] (`million`, `bn`; after a number
    word only spelled ones: `two million`); the index after them."""
    while i < len(tokens) and tokens[i][0] == "word":
        word = tokens[i][1].rstrip(".")
        if word not in MAGNITUDES or (spelled and word not in WORD_MAGNITUDES):
            break
        part.magnitude = (part.magnitude or 1) * MAGNITUDES[word]
        i += 1
    return i


def _plural_magnitude(word: str) -> bool:
    """`thousands`, `millions`: a spelled magnitude in the plural (or not)."""
    return word.removesuffix("s") in WORD_MAGNITUDES


def _value(part: _Part) -> Decimal:
    """The value of one end: its number times its magnitude."""
    return part.number * (part.magnitude or 1)


@lru_cache(maxsize=8192)
def parse_amount(text: str) -> Amount | None:
    """Normalize one quantity as written, or None if `text` is not one quantity (memoized:
    an `Amount` is immutable)."""
    text = _US_DOLLAR_RE.sub("us$", " ".join(text.translate(_DASHES).lower().split()))
    text = _HYPHENATED_MAGNITUDE_RE.sub(r"\1 \2", text)
    qualifier, text = _read_qualifier(text)
    tokens = _scan(text)
    if not tokens:
        return None
    parts = _read_parts(tokens)
    if parts is None:
        return None
    first, second = parts
    if second is None:
        return _amount(first, None, qualifier)
    if qualifier != "exact":
        return None
    return _range(first, second)


def _read_qualifier(text: str) -> tuple[str, str]:
    """The qualifier worded before or after the amount (`more than`, `-plus`), and the text
    without it."""
    qualifier = "exact"
    prefix = _QUALIFIER_PREFIX_RE.match(text)
    if prefix:
        qualifier = QUALIFIER_PREFIXES[prefix.group()]
        text = text[prefix.end() :].lstrip()
    suffix = _QUALIFIER_SUFFIX_RE.search(text)
    if suffix and suffix.start() > 0:
        # ` - plus` -> `-plus`, `  or  more` -> `or more`: the wording as the table writes it.
        wording = re.sub(r"\s*([^a-z.\s])\s*", r"\1", " ".join(suffix.group().split()))
        qualifier = QUALIFIER_SUFFIXES[wording]
        text = text[: suffix.start()]
    return qualifier, text


def _read_parts(tokens: Tokens) -> tuple[_Part, _Part | None] | None:
    """One quantity, or the two ends of a range (`2-3 billion`, `between 100 and 200`,
    `from 5 to 7 percent`); None if the tokens are anything else."""
    opener = tokens[0][1] if tokens[0][0] == "word" and tokens[0][1] in RANGE_OPENERS else None
    read = _read_part(tokens, 1 if opener else 0)
    if read is None:
        return None
    first, i = read
    if i >= len(tokens):
        return None if opener else (first, None)
    kind, word = tokens[i]
    if opener:
        joined = kind == "word" and word == RANGE_OPENERS[opener]
    else:
        joined = kind == "dash" or (kind == "word" and word in RANGE_JOINERS)
    if not joined:
        return None
    read = _read_part(tokens, i + 1)
    if read is None or read[1] < len(tokens):
        return None
    return first, read[0]


def _range(first: _Part, second: _Part) -> Amount | None:
    """A range from its two ends: the first borrows the magnitude, currency and percent of
    the second when it has none (`2-3 billion USD`); None if the ends disagree or the range
    is empty."""
    if first.magnitude is None and second.magnitude is not None and first.number <= second.number:
        first.magnitude = second.magnitude
    first.currency = first.currency or second.currency
    second.currency = second.currency or first.currency
    first.percent = first.percent or second.percent
    if first.currency != second.currency or first.percent != second.percent:
        return None
    if _value(first) >= _value(second):
        return None
    return _amount(first, second, "range")


def _amount(first: _Part, second: _Part | None, qualifier: str) -> Amount:
    """The Amount of one quantity or a range; a vague plural is at least what it says."""
    unit = "percent" if first.percent else first.currency
    if first.vague and qualifier == "exact":
        qualifier = "at_least"
    return Amount(
        value=_to_number(_value(first)),
        value_max=_to_number(_value(second)) if second else None,
        unit=unit,
        qualifier=qualifier,
        vague=first.vague,
    )
