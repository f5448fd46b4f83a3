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

import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources

Number = int | float

MAGNITUDES: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "millions": 1_000_000,
    "mln": 1_000_000,
    "mn": 1_000_000,
    "m": 1_000_000,
    "billion": 1_000_000_000,
    "billions": 1_000_000_000,
    "bln": 1_000_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "trillions": 1_000_000_000_000,
    "trln": 1_000_000_000_000,
    "trn": 1_000_000_000_000,
    "tn": 1_000_000_000_000,
}
# Spelled-out magnitudes; the abbreviations (`m`, `bn`, `k`) only count after digits.
WORD_MAGNITUDES = frozenset({"hundred", "thousand", "million", "billion", "trillion"})

UNITS_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS_WORDS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
NUMBER_WORDS: dict[str, int] = {**UNITS_WORDS, **TENS_WORDS, "dozen": 12}

# `dozens of firms`: the least the plural can mean, qualified `at_least`.
VAGUE_PLURALS: dict[str, int] = {
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2_000,
    "millions": 2_000_000,
    "billions": 2_000_000_000,
}

# Wording before the amount -> qualifier; longest first so `more than` wins over `more`.
QUALIFIER_PREFIXES: dict[str, str] = {
    "more than": "more_than",
    "greater than": "more_than",
    "higher than": "more_than",
    "over": "more_than",
    "just over": "more_than",
    "above": "more_than",
    "exceeding": "more_than",
    "exceeds": "more_than",
    "exceeded": "more_than",
    "exceed": "more_than",
    "surpassing": "more_than",
    "surpassed": "more_than",
    "in excess of": "more_than",
    "upwards of": "more_than",
    "about": "about",
    "around": "about",
    "roughly": "about",
    "nearly": "about",
    "almost": "about",
    "approximately": "about",
    "approx.": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "close to": "about",
    "nearly to": "about",
    "at least": "at_least",
    "no less than": "at_least",
    "not less than": "at_least",
    "up to": "up_to",
    "as many as": "up_to",
    "at most": "up_to",
    "no more than": "up_to",
    "less than": "less_than",
    "fewer than": "less_than",
    "under": "less_than",
    "below": "less_than",
    "just under": "less_than",
}
# Wording after the amount -> qualifier (`100,000-plus`, `200 or more`).
QUALIFIER_SUFFIXES: dict[str, str] = {
    "-plus": "more_than",
    "plus": "more_than",
    "+": "more_than",
    "or more": "at_least",
    "and more": "at_least",
    "or above": "at_least",
    "or less": "up_to",
}

PERCENT_WORDS = ("percent", "per cent", "pct", "%")

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
    path = resources.files("vjties") / "resources" / "currencies.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {key: data[key] for key in ("symbols", "codes", "words")}


def _currency_map() -> dict[str, str]:
    table = currencies()
    merged = {k.lower(): v for k, v in table["words"].items()}
    merged.update({k.lower(): v for k, v in table["codes"].items()})
    merged.update({k.lower(): v for k, v in table["symbols"].items()})
    return merged


_CURRENCIES = _currency_map()


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _word_pattern(words: list[str]) -> str:
    """Words end at a word boundary; symbols (`$`, `US$`) may touch the digits."""
    return "|".join(
        re.escape(w) + (r"(?![a-z])" if w[-1].isalpha() else "")
        for w in sorted(words, key=len, reverse=True)
    )


_NUMBER_RE = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3}){2,}|\d+(?:\.\d+)?|\.\d+"
_SCANNER = re.compile(
    rf"""
    (?P<num>{_NUMBER_RE})
    |(?P<pct>%|per\s+cent(?![a-z])|percent(?![a-z])|pct(?![a-z]))
    |(?P<cur>{_word_pattern(list(_CURRENCIES))})
    |(?P<word>[a-z]+(?:-[a-z]+)*\.?)
    |(?P<dash>-)
    |(?P<plus>\+)
    |(?P<space>[\s,]+)
    """,
    re.VERBOSE,
)
# `a $1.2-billion loan`
_HYPHENATED_MAGNITUDE_RE = re.compile(r"(\d)\s*-\s*(thousand|million|billion|trillion)\b")
_US_DOLLAR_RE = re.compile(r"\b(?:us|u\.s\.)\s+\$")
_QUALIFIER_PREFIX_RE = re.compile(rf"^(?:{_alternation(list(QUALIFIER_PREFIXES))})(?=[\s$¥€£₫\d])")
_QUALIFIER_SUFFIX_RE = re.compile(
    r"(?:\s*-\s*plus|\s+plus|\s*\+|\s+or\s+more|\s+and\s+more|\s+or\s+above|\s+or\s+less)$"
)


def _to_number(value: Decimal) -> Number:
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
    """The value of a written number; InvalidOperation if it has more than MAX_DIGITS digits."""
    if sum(c.isdigit() for c in text) > MAX_DIGITS:
        raise InvalidOperation(f"more than {MAX_DIGITS} digits")
    if text.count(".") > 1:  # 1.234.567: dots as thousands separators
        text = text.replace(".", "")
    return Decimal(text.replace(",", ""))


def _scan(text: str) -> list[tuple[str, str]] | None:
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


def _read_part(tokens: list[tuple[str, str]], i: int) -> tuple[_Part, int] | None:
    """Read `[currency] number [magnitude...] [currency | percent]` from tokens[i:]."""
    currency = None
    if i < len(tokens) and tokens[i][0] == "cur":
        currency = _CURRENCIES[tokens[i][1]]
        i += 1
    if i >= len(tokens):
        return None
    kind, text = tokens[i]
    vague = False
    magnitude: int | None = None
    if kind == "num":
        try:
            number = _digits(text)
        except InvalidOperation:
            return None
        i += 1
        # Glued magnitude: `1.2bn`, `5m` (the scanner reads them as a following word).
    elif kind == "word" and text in VAGUE_PLURALS:
        number = Decimal(VAGUE_PLURALS[text])
        vague = True
        i += 1
        if i < len(tokens) and tokens[i] == ("word", "of"):
            i += 1
        # `hundreds of thousands of`
        if i < len(tokens) and tokens[i][0] == "word" and _plural_magnitude(tokens[i][1]):
            magnitude = MAGNITUDES[tokens[i][1].removesuffix("s")]
            i += 1
            if i < len(tokens) and tokens[i] == ("word", "of"):
                i += 1
    elif (
        kind == "word"
        and text == "tens"
        and i + 2 < len(tokens)
        and tokens[i + 1]
        == (
            "word",
            "of",
        )
    ):
        number = Decimal(20)
        vague = True
        i += 2
        if tokens[i][0] == "word" and _plural_magnitude(tokens[i][1]):
            magnitude = MAGNITUDES[tokens[i][1].removesuffix("s")]
            i += 1
            if i < len(tokens) and tokens[i] == ("word", "of"):
                i += 1
        else:
            return None
    elif kind == "word":
        words = text.split("-")
        if words[0] in ("a", "an") and len(words) == 1:
            nxt = tokens[i + 1] if i + 1 < len(tokens) else ("", "")
            if nxt == ("word", "dozen"):
                number, i = Decimal(12), i + 2
            elif nxt[0] == "word" and nxt[1] in WORD_MAGNITUDES:
                number, i = Decimal(1), i + 1
            else:
                return None
        elif all(w in NUMBER_WORDS for w in words) and len(words) <= 2:
            if len(words) == 2 and not (words[0] in TENS_WORDS and words[1] in UNITS_WORDS):
                return None
            number = Decimal(sum(NUMBER_WORDS[w] for w in words))
            i += 1
            # `twenty five`
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
        else:
            return None
    else:
        return None
    spelled = kind == "word"
    while i < len(tokens) and tokens[i][0] == "word":
        word = tokens[i][1].rstrip(".")
        if word not in MAGNITUDES or (spelled and word not in WORD_MAGNITUDES):
            break
        magnitude = (magnitude or 1) * MAGNITUDES[word]
        i += 1
    percent = False
    if i < len(tokens) and tokens[i][0] == "pct":
        percent = True
        i += 1
    elif i < len(tokens) and tokens[i][0] == "cur" and currency is None:
        currency = _CURRENCIES[tokens[i][1]]
        i += 1
    return _Part(number, magnitude, currency, percent, vague), i


def _plural_magnitude(word: str) -> bool:
    return word.removesuffix("s") in WORD_MAGNITUDES


def _value(part: _Part) -> Decimal:
    return part.number * (part.magnitude or 1)


@lru_cache(maxsize=8192)
def parse_amount(text: str) -> Amount | None:
    """Normalize one quantity as written, or None if `text` is not one quantity (memoized:
    an `Amount` is immutable)."""
    text = _US_DOLLAR_RE.sub("us$", " ".join(text.translate(_DASHES).lower().split()))
    text = _HYPHENATED_MAGNITUDE_RE.sub(r"\1 \2", text)
    qualifier = "exact"
    prefix = _QUALIFIER_PREFIX_RE.match(text)
    if prefix:
        qualifier = QUALIFIER_PREFIXES[prefix.group()]
        text = text[prefix.end() :].lstrip()
    suffix = _QUALIFIER_SUFFIX_RE.search(text)
    if suffix and suffix.start() > 0:
        qualifier = QUALIFIER_SUFFIXES[" ".join(suffix.group().replace(" -", "-").split())]
        text = text[: suffix.start()]
    tokens = _scan(text)
    if not tokens:
        return None
    opener = tokens[0] if tokens[0][0] == "word" and tokens[0][1] in ("between", "from") else None
    i = 1 if opener else 0
    read = _read_part(tokens, i)
    if read is None:
        return None
    first, i = read
    second: _Part | None = None
    if i < len(tokens):
        joiner = tokens[i]
        allowed = {("word", "and")} if opener and opener[1] == "between" else set()
        if opener and opener[1] == "from":
            allowed = {("word", "to")}
        if not opener:
            allowed = {("dash", "-"), ("word", "to")}
        if joiner not in allowed:
            return None
        read = _read_part(tokens, i + 1)
        if read is None:
            return None
        second, i = read
        if i < len(tokens):
            return None
    elif opener:
        return None
    if second is None:
        return _amount(first, None, qualifier)
    if qualifier != "exact":
        return None
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
